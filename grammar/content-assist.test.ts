// Unit tests: what the grammar accepts after a statement prefix, for completion.

import { describe, expect, it } from 'vitest';
import { assistAfter } from './content-assist.js';

describe('assistAfter', () => {
  it('lists the statement keywords at the start', () => {
    expect(assistAfter('')).toEqual({
      keywords: ['CREATE', 'DESCRIBE', 'DROP', 'EXPLAIN', 'INSERT', 'RESTART', 'SELECT', 'SHOW', 'STOP', 'TRIGGER'],
      relation: false, expression: false, column: false, member: undefined,
    });
  });

  it('tells relation, expression and column slots apart', () => {
    expect(assistAfter('SELECT a FROM ')).toMatchObject({ relation: true, expression: false, keywords: [] });
    expect(assistAfter('DESCRIBE ')).toMatchObject({ relation: true });
    expect(assistAfter('RESTART ')).toMatchObject({ relation: true });
    expect(assistAfter('INSERT INTO ')).toMatchObject({ relation: true, column: false });
    expect(assistAfter('INSERT INTO t (')).toMatchObject({ relation: false, column: true });
    expect(assistAfter('SELECT ')).toMatchObject({ expression: true, relation: false });
    expect(assistAfter('SELECT ')?.keywords).toContain('CASE');
    expect(assistAfter('SELECT a FROM t WATERMARK ')).toMatchObject({ column: true, expression: false });
    expect(assistAfter('CREATE SOURCE ')).toMatchObject({ relation: false, expression: false, column: false, keywords: ['IF'] });
  });

  it('lists clause keywords, soft ones included, after a FROM item', () => {
    const a = assistAfter('SELECT a FROM t ');
    expect(a?.keywords).toEqual(expect.arrayContaining(['WHERE', 'GROUP', 'WATERMARK', 'EMIT', 'JOIN', 'LEFT', 'UNION']));
    expect(a?.relation).toBe(false);
  });

  it('names the qualifier after a dot', () => {
    expect(assistAfter('SELECT t.')?.member).toBe('t');
    expect(assistAfter('SELECT Tab.')?.member).toBe('tab');
    expect(assistAfter('SELECT "Tab".')?.member).toBe('Tab');
  });

  it('gives up inside an open string or on a character the lexer refuses', () => {
    expect(assistAfter("SELECT 'abc")).toBeUndefined();
    expect(assistAfter('SELECT #')).toBeUndefined();
  });
});
