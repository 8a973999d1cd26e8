// The grammar's text form: notation of each production kind, statement alternatives, and every rule rendered.

import { describe, expect, it } from 'vitest';
import { grammarRuleNames, ruleBody, ruleText, statementAlternatives, statementFamily } from './grammar-text.js';

describe('grammar text', () => {
  it('writes keywords, placeholders, quoted punctuation, options, repetitions and choices', () => {
    expect(ruleText('stopStatement')).toBe('stopStatement ::= STOP QUERY name');
    expect(ruleText('dropStatement')).toBe('dropStatement ::= DROP ( SOURCE | TABLE | QUERY ) [ IF EXISTS ] name');
    expect(ruleText('valuesRow')).toBe('valuesRow ::= "(" <expression> { "," <expression> } ")"');
    expect(ruleText('orderItem')).toBe('orderItem ::= <expression> [ ASC | DESC ] [ NULLS ( FIRST | LAST ) ]');
    expect(ruleText('durationPairs')).toBe('durationPairs ::= number <timeUnit> { number <timeUnit> }');
    expect(ruleText('additiveExpression')).toBe('additiveExpression ::= <multiplicativeExpression> { ( "+" | "-" ) <multiplicativeExpression> }');
    expect(ruleText('showStatement')).toBe("showStatement ::= SHOW ( SOURCES | TABLES | QUERIES | PROGRESS name [ LIKE 'pattern' ] )");
    expect(ruleText('alias')).toBe('alias ::=\n    AS name\n  | name');
  });

  it('shows rules made of terminals only in place when asked', () => {
    expect(ruleBody('createSourceBody')).toEqual(['SOURCE [ <ifNotExists> ] name <tableElements> [ <withOptions> ]']);
    expect(ruleBody('createSourceBody', { inlineSimple: true })).toEqual(['SOURCE [ IF NOT EXISTS ] name <tableElements> [ <withOptions> ]']);
  });

  it('finds the statements and the CREATE family', () => {
    expect(statementAlternatives()).toContain('stopStatement');
    expect(statementAlternatives()).toContain('createStatement');
    expect(statementFamily('createStatement')).toEqual({ keyword: 'CREATE', rules: ['createSourceBody', 'createTableBody', 'createQueryBody'] });
    expect(statementFamily('dropStatement')).toBeUndefined();
  });

  it('renders every rule, and every rule a rule refers to is listed', () => {
    const names = grammarRuleNames();
    expect(names).not.toContain('statementEof');
    for (const n of names) {
      const text = ruleText(n);
      for (const [, ref] of text.matchAll(/<(\w+)>/g)) expect(names, `${n} refers to ${ref}`).toContain(ref);
    }
  });
});
