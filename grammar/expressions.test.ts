// Unit tests: expression forms, literals and operator precedence.

import { describe, expect, it } from 'vitest';
import type { Expr } from './ast.js';
import { parseExpression } from './index.js';
import { errorOf, strip } from './test-utils.js';

const id = (name: string, quoted = false) => ({ name, quoted });
const col = (name: string, table?: string) => ({ kind: 'column', table: table === undefined ? undefined : id(table), name: id(name) });
const lit = (value: object) => ({ kind: 'literal', value });
const int = (n: number | bigint) => lit({ type: 'integer', value: BigInt(n) });
const bin = (op: string, left: unknown, right: unknown) => ({ kind: 'binary', op, left, right });
const [a, b, c] = ['a', 'b', 'c'].map((n) => col(n));

const expr = (text: string): Expr => strip(parseExpression(text));

/** Fully parenthesized rendering, to state precedence compactly. */
function shape(e: Expr): string {
  switch (e.kind) {
    case 'column': return e.table ? `${e.table.name}.${e.name.name}` : e.name.name;
    case 'literal': return e.value.type === 'integer' ? String(e.value.value) : e.value.type;
    case 'unary': return `(${e.op} ${shape(e.operand)})`;
    case 'binary': return `(${shape(e.left)} ${e.op} ${shape(e.right)})`;
    case 'isNull': return `(${shape(e.operand)} is${e.negated ? ' not' : ''} null)`;
    case 'between': return `(${shape(e.operand)}${e.negated ? ' not' : ''} between ${shape(e.low)} and ${shape(e.high)})`;
    case 'inList': return `(${shape(e.operand)}${e.negated ? ' not' : ''} in ${e.list.map(shape).join(',')})`;
    case 'like': return `(${shape(e.operand)}${e.negated ? ' not' : ''} like ${shape(e.pattern)})`;
    case 'case': return 'case';
    case 'cast': return `cast(${shape(e.operand)} ${e.type})`;
    case 'call': return `${e.name}(${e.args.map(shape).join(',')})`;
  }
}

describe('precedence', () => {
  it.each([
    ['a OR b AND c', '(a or (b and c))'],
    ['a AND b OR c AND d', '((a and b) or (c and d))'],
    ['NOT a AND b', '((not a) and b)'],
    ['NOT a = b', '(not (a = b))'],
    ['NOT NOT a', '(not (not a))'],
    ['a = b AND c <> d', '((a = b) and (c <> d))'],
    ['a + b * c', '(a + (b * c))'],
    ['a - b - c', '((a - b) - c)'],
    ['a / b % c * d', '(((a / b) % c) * d)'],
    ['a || b + c', '(a || (b + c))'],
    ['a || b = c || d', '((a || b) = (c || d))'],
    ['-a * b', '((- a) * b)'],
    ['- a + + b', '((- a) + (+ b))'],
    ['a < b + 1', '(a < (b + 1))'],
    ['(a + b) * c', '((a + b) * c)'],
    ['a BETWEEN b AND c AND d', '((a between b and c) and d)'],
    ['a NOT BETWEEN b + 1 AND c * 2', '(a not between (b + 1) and (c * 2))'],
    ['a IS NULL OR b IS NOT NULL', '((a is null) or (b is not null))'],
    ['a + 1 IS NULL', '((a + 1) is null)'],
    ['a IN (1, 2) AND b NOT IN (c)', '((a in 1,2) and (b not in c))'],
    ["a LIKE b || '%'", "(a like (b || string))"],
    ['a NOT LIKE b OR c', '((a not like b) or c)'],
    ['a < b = true', '((a < b) = boolean)'],
    ['1 - -2', '(1 - -2)'],
    ['a - 2', '(a - 2)'],
  ])('%s', (text, expected) => {
    expect(shape(expr(text))).toBe(expected);
  });

  it.each([
    ['=', '='], ['==', '='], ['<>', '<>'], ['!=', '<>'], ['<', '<'], ['<=', '<='], ['>', '>'], ['>=', '>='],
  ])('maps %s to %s', (op, mapped) => {
    expect(expr(`a ${op} b`)).toEqual(bin(mapped, a, b));
  });
});

describe('literals', () => {
  it.each([
    ['42', { type: 'integer', value: 42n }],
    ['-42', { type: 'integer', value: -42n }],
    ['9223372036854775807', { type: 'integer', value: 9223372036854775807n }],
    ['-9223372036854775808', { type: 'integer', value: -9223372036854775808n }],
    ['1.5', { type: 'decimal', value: 1.5 }],
    ['.5', { type: 'decimal', value: 0.5 }],
    ['2.', { type: 'decimal', value: 2 }],
    ['1e3', { type: 'decimal', value: 1000 }],
    ['1.5E-2', { type: 'decimal', value: 0.015 }],
    ['-2.5', { type: 'decimal', value: -2.5 }],
    ["'it''s'", { type: 'string', value: "it's" }],
    ["''", { type: 'string', value: '' }],
    ["'line\nbreak -- not a comment'", { type: 'string', value: 'line\nbreak -- not a comment' }],
    ["'tab\\there'", { type: 'string', value: 'tab\there' }],
    ["'it\\'s' ", { type: 'string', value: "it's" }],
    ["'C:\\\\x \\q \\\" \\0'", { type: 'string', value: 'C:\\x q " \0' }],
    ["'\\u0041\\101\\r\\n\\b\\Z'", { type: 'string', value: 'AA\r\n\b\x1a' }],
    ["'50\\% and a\\_b'", { type: 'string', value: '50\\% and a\\_b' }],
    ['TRUE', { type: 'boolean', value: true }],
    ['false', { type: 'boolean', value: false }],
    ['NULL', { type: 'null' }],
    ["TIMESTAMP '2024-01-01 00:00:00'", { type: 'timestamp', micros: Date.UTC(2024, 0, 1) * 1000 }],
    ["timestamp '2024-04-29 12:02:00.25'", { type: 'timestamp', micros: Date.UTC(2024, 3, 29, 12, 2) * 1000 + 250_000 }],
    ["INTERVAL '10' MINUTE", { type: 'interval', micros: 600_000_000 }],
    ['INTERVAL 10 MINUTES', { type: 'interval', micros: 600_000_000 }],
    ["INTERVAL '10 minutes'", { type: 'interval', micros: 600_000_000 }],
    ["INTERVAL '1 hour 30 minutes'", { type: 'interval', micros: 5_400_000_000 }],
    ['INTERVAL 1 HOUR 30 MINUTES', { type: 'interval', micros: 5_400_000_000 }],
    ["INTERVAL '-5' SECOND", { type: 'interval', micros: -5_000_000 }],
    ["INTERVAL '250' ms", { type: 'interval', micros: 250_000 }],
  ])('%s', (text, value) => {
    expect(expr(text)).toEqual(lit(value));
  });

  it('keeps a parenthesized negative number a unary minus', () => {
    expect(expr('-(5)')).toEqual({ kind: 'unary', op: '-', operand: int(5) });
    expect(expr('- -5')).toEqual({ kind: 'unary', op: '-', operand: int(-5) });
  });

  it('rejects integers beyond BIGINT', () => {
    const e = errorOf(() => parseExpression('1 + 9223372036854775808'));
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.message).toMatch(/^Integer literal 9223372036854775808 is out of range for BIGINT/);
    expect(e.position).toEqual({ line: 1, column: 5 });
    expect(errorOf(() => parseExpression('-9223372036854775809')).message).toMatch(/-9223372036854775809 is out of range/);
  });

  it('rejects invalid timestamps and intervals', () => {
    const ts = errorOf(() => parseExpression("TIMESTAMP '2024-02-30 00:00:00'"));
    expect([ts.code, ts.position]).toEqual(['PARSE_ERROR', { line: 1, column: 11 }]);
    expect(ts.message).toMatch(/^Invalid timestamp literal '2024-02-30 00:00:00'/);
    const unit = errorOf(() => parseExpression("INTERVAL '3' FORTNIGHT"));
    expect([unit.code, unit.position]).toEqual(['INVALID_INTERVAL', { line: 1, column: 14 }]);
    expect(errorOf(() => parseExpression("INTERVAL 'soon'")).code).toBe('INVALID_INTERVAL');
  });

  it('takes a word after a full duration string as an alias, not a unit', () => {
    expect(() => parseExpression("INTERVAL '1 hour' x")).toThrow(/Syntax error at 'x'/);
  });
});

describe('other forms', () => {
  it('column references, qualified by any word after the dot', () => {
    expect(expr('window.end')).toEqual(col('end', 'window'));
    expect(expr('t.select')).toEqual(col('select', 't'));
    expect(expr('"T"."C"')).toEqual({ kind: 'column', table: id('T', true), name: id('C', true) });
  });

  it('function calls', () => {
    expect(expr('f()')).toEqual({ kind: 'call', name: 'f', args: [], distinct: false, star: false });
    expect(expr('COUNT(*)')).toEqual({ kind: 'call', name: 'count', args: [], distinct: false, star: true });
    expect(expr('count(DISTINCT a)')).toEqual({ kind: 'call', name: 'count', args: [a], distinct: true, star: false });
    expect(expr("Session_Window(ts, '5 min')")).toMatchObject({ name: 'session_window', args: [col('ts'), lit({ type: 'string', value: '5 min' })] });
    expect(expr('left(s, 3)')).toMatchObject({ kind: 'call', name: 'left' });
    expect(expr('timestamp_seconds(a + 1)')).toMatchObject({ name: 'timestamp_seconds', args: [bin('+', a, int(1))] });
  });

  it('searched and simple CASE', () => {
    expect(expr('CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END')).toEqual({
      kind: 'case', operand: undefined, whens: [{ when: a, then: int(1) }, { when: b, then: int(2) }], else: int(3),
    });
    expect(expr("case a when 1 then 'x' end")).toEqual({
      kind: 'case', operand: a, whens: [{ when: int(1), then: lit({ type: 'string', value: 'x' }) }], else: undefined,
    });
  });

  it('CAST', () => {
    expect(expr('CAST(a AS BIGINT)')).toEqual({ kind: 'cast', operand: a, type: 'BIGINT' });
    expect(expr('cast(a + 1 as varchar(10))')).toEqual({ kind: 'cast', operand: bin('+', a, int(1)), type: 'STRING' });
    expect(expr('CAST(a AS double precision)')).toMatchObject({ type: 'DOUBLE' });
  });

  it('IN lists take full expressions', () => {
    expect(expr('a IN (b AND c, 1)')).toEqual({ kind: 'inList', operand: a, list: [bin('and', b, c), int(1)], negated: false });
  });
});

describe('spans', () => {
  it('cover each node, 1-based, with end offsets one past the last character', () => {
    const e = parseExpression('a  +  b * c');
    expect(e.span).toEqual({ line: 1, column: 1, start: 0, end: 11 });
    if (e.kind !== 'binary') throw new Error('binary expected');
    expect(e.right.span).toEqual({ line: 1, column: 7, start: 6, end: 11 });
    expect(e.left.span).toEqual({ line: 1, column: 1, start: 0, end: 1 });
  });

  it('follow lines and include prefix operators and calls', () => {
    const e = parseExpression('\n  NOT\n  f(x,\n y)');
    expect(e.span).toEqual({ line: 2, column: 3, start: 3, end: 17 });
    if (e.kind !== 'unary') throw new Error('unary expected');
    expect(e.operand.span).toEqual({ line: 3, column: 3, start: 9, end: 17 });
    expect(parseExpression('-5').span).toEqual({ line: 1, column: 1, start: 0, end: 2 });
  });
});
