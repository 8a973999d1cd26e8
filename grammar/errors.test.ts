// Unit tests: lexer and syntax errors, their messages and their script-relative positions.

import { describe, expect, it } from 'vitest';
import { parseExpression, parseScript, parseStatement } from './index.js';
import { errorOf } from './test-utils.js';

const fail = (sql: string, origin?: { line: number; column: number }) => errorOf(() => parseStatement(sql, origin));

describe('lexer errors', () => {
  it.each([
    ['SELECT a # b', "Unexpected character '#'", 1, 10],
    ['SELECT a\n  FROM t WHERE a ! b', "Unexpected character '!'", 2, 18],
    ['SELECT \u0001', 'Unexpected character U+0001', 1, 8],
    ["SELECT 'abc", 'Unterminated string literal', 1, 8],
    ["SELECT 'it''s a", 'Unterminated string literal', 1, 8],
    ["SELECT 'it' 's", 'Unterminated string literal', 1, 13],
    ["SELECT 'ends with backslash\\'", 'Unterminated string literal', 1, 8],
    ['SELECT "abc', 'Unterminated quoted identifier', 1, 8],
    ['SELECT 1 /* never closed', 'Unterminated comment', 1, 10],
  ])('%j', (sql, message, line, column) => {
    const e = fail(sql);
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.message.startsWith(message)).toBe(true);
    expect(e.message.endsWith(`(line ${line}, column ${column})`)).toBe(true);
    expect(e.position).toEqual({ line, column });
  });

  it('reports the first problem only', () => {
    expect(fail("SELECT # 'open").message).toMatch(/^Unexpected character '#'/);
    expect(fail("SELECT 'open # ").message).toMatch(/^Unterminated string literal/);
  });

  it('rejects an empty quoted identifier', () => {
    expect(fail('SELECT "" FROM t').message).toMatch(/^Empty quoted identifier/);
  });
});

describe('syntax errors', () => {
  it.each([
    ['SELECT * FORM t', "Syntax error at 'FORM': expected FROM, WHERE, GROUP BY, HAVING, WATERMARK, ORDER BY, LIMIT, EMIT, ... or end of statement", 1, 10],
    ['SELECT a, b FORM t', "Syntax error at 'FORM': expected FROM, WHERE, GROUP BY, HAVING, WATERMARK, ORDER BY, LIMIT, EMIT, ... or end of statement", 1, 13],
    ['SELECT a FROM t WHRE a > 1', "Syntax error at 'WHRE': expected WHERE, GROUP BY, HAVING, WATERMARK, ORDER BY, LIMIT, EMIT, UNION, ... or end of statement", 1, 17],
    ['SELECT a FROM t GROUP a', "Syntax error at 'a': expected BY", 1, 23],
    ['SELECT a +', 'Syntax error at end of statement: expected an expression', 1, 11],
    ['SELECT a FROM t WHERE', 'Syntax error at end of statement: expected an expression', 1, 22],
    ['SELECT', "Syntax error at end of statement: expected DISTINCT, '*' or an expression", 1, 7],
    ['SELECT a FROM', "Syntax error at end of statement: expected a name or '('", 1, 14],
    ['SELECT (a + 1', "Syntax error at end of statement: expected ')'", 1, 14],
    ['SELECT f(a b)', "Syntax error at 'b': expected ',' or ')'", 1, 12],
    ['SELECT a FROM t WHERE a BETWEEN 1 2', "Syntax error at '2': expected AND", 1, 35],
    ['SELECT a IS 5', "Syntax error at '5': expected NOT or NULL", 1, 13],
    ['SELECT a FROM t ORDER BY a NULLS LOW', "Syntax error at 'LOW': expected FIRST or LAST", 1, 34],
    ['SELECT a FROM t EMIT NOW', "Syntax error at 'NOW': expected APPEND, UPDATE or COMPLETE", 1, 22],
    ['SELECT a FROM t WATERMARK ts 10 EMIT APPEND', "Syntax error at 'EMIT': expected a time unit", 1, 33],
    ['SELECT a FROM t JOIN u', 'Syntax error at end of statement: expected ON', 1, 23],
    ['SELECT CASE WHEN a THEN 1', 'Syntax error at end of statement: expected WHEN, ELSE or END', 1, 26],
    ['CREATE VIEW v', "Syntax error at 'VIEW': expected SOURCE, TABLE or QUERY", 1, 8],
    ['CREATE SOURCE s (a)', "Syntax error at ')': expected a column type", 1, 19],
    ['CREATE SOURCE s (a INT,)', "Syntax error at ')': expected WATERMARK or a name", 1, 24],
    ['CREATE QUERY q SELECT 1', "Syntax error at 'SELECT': expected WITH or AS", 1, 16],
    ['INSERT INTO t (1)', "Syntax error at '1': expected a name", 1, 16],
    ['INSERT t VALUES (1)', "Syntax error at 't': expected INTO", 1, 8],
    ['SHOW VIEWS', "Syntax error at 'VIEWS': expected SOURCES, TABLES, QUERIES or PROGRESS", 1, 6],
    ['SHOW PROGRESS', 'Syntax error at end of statement: expected a name', 1, 14],
    ["SHOW PROGRESS q LIKE x", "Syntax error at 'x': expected a string", 1, 22],
    ['STOP q', "Syntax error at 'q': expected QUERY", 1, 6],
    ['DROP SOURCE', 'Syntax error at end of statement: expected IF or a name', 1, 12],
    ['UPDATE t SET a = 1', "Syntax error at 'UPDATE': expected SELECT, CREATE, INSERT, DROP, SHOW, DESCRIBE, EXPLAIN, TRIGGER, ...", 1, 1],
    ['TRIGGER now', "Syntax error at 'now': expected end of statement", 1, 9],
    ['SELECT count(*) FROM s GROUP BY EMIT UPDATE', "Syntax error at 'EMIT': expected an expression", 1, 33],
    ['SELECT a FROM t WHERE WATERMARK ts 1 min', "Syntax error at 'WATERMARK': expected an expression", 1, 23],
    ['SELECT a FROM t LIMIT x', "Syntax error at 'x': expected a number", 1, 23],
    ['SELECT 1 FROM t WHERE a = 1 GRUOP BY a', "Syntax error at 'GRUOP': expected GROUP BY, HAVING, WATERMARK, ORDER BY, LIMIT, EMIT, UNION or end of statement", 1, 29],
  ])('%s', (sql, message, line, column) => {
    const e = fail(sql);
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.message).toBe(`${message} (line ${line}, column ${column})`);
    expect(e.position).toEqual({ line, column });
  });

  it('reports an empty statement', () => {
    expect(fail('  -- nothing\n').message).toMatch(/^Empty statement/);
    expect(errorOf(() => parseExpression('')).message).toMatch(/^Empty expression/);
  });

  it('shortens long offending text', () => {
    expect(fail(`SELECT 1 '${'x'.repeat(100)}'`).message).toMatch(/^Syntax error at ''x{36}\.\.\.': expected/);
  });

  it('says end of expression for parseExpression', () => {
    expect(errorOf(() => parseExpression('a +')).message).toBe('Syntax error at end of expression: expected an expression (line 1, column 4)');
    expect(errorOf(() => parseExpression('a b')).message).toMatch(/^Syntax error at 'b': expected .*end of expression/);
  });
});

describe('positions relative to the script', () => {
  it('offsets lines, and columns only on the first line', () => {
    expect(fail('SELECT #', { line: 5, column: 3 }).position).toEqual({ line: 5, column: 10 });
    expect(fail('SELECT\n  #', { line: 5, column: 3 }).position).toEqual({ line: 6, column: 3 });
    expect(fail('SELECT a FROM', { line: 2, column: 4 }).position).toEqual({ line: 2, column: 17 });
    expect(fail("SELECT TIMESTAMP 'x'", { line: 3, column: 2 }).position).toEqual({ line: 3, column: 19 });
  });

  it('keeps span offsets relative to the statement text', () => {
    const stmt = parseStatement('SELECT a\nFROM t', { line: 10, column: 5 });
    expect(stmt.span).toEqual({ line: 10, column: 5, start: 0, end: 15 });
    if (stmt.kind !== 'select' || stmt.query.kind !== 'selectQuery') throw new Error('select expected');
    expect(stmt.query.from?.span).toEqual({ line: 11, column: 6, start: 14, end: 15 });
  });

  it('parseScript reports positions in the script', () => {
    const e = errorOf(() => parseScript('SELECT 1;\n\n  -- next\n  SELECT a FROM t WHERE;\nSELECT 2'));
    expect(e.position).toEqual({ line: 4, column: 24 });
  });
});

describe('deep nesting', () => {
  it('parses reasonable depth', () => {
    expect(() => parseExpression(`${'('.repeat(100)}1${')'.repeat(100)}`)).not.toThrow();
  });

  it('turns stack exhaustion into a PARSE_ERROR', () => {
    const e = errorOf(() => parseExpression(`${'('.repeat(20000)}1${')'.repeat(20000)}`));
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.message).toMatch(/nested too deeply/);
    expect(parseExpression('1 + 1').kind).toBe('binary');
  });
});

describe('duration errors', () => {
  it.each([
    ['SELECT a FROM t WATERMARK ts', "Syntax error at end of statement: expected '.' or a duration (e.g. 10 min)"],
    ['SELECT a FROM t WATERMARK ts 10 min x', "Syntax error at 'x': expected GROUP BY, HAVING, WATERMARK, ORDER BY, LIMIT, EMIT, UNION, ',' or end of statement"],
    ['SELECT a FROM t WATERMARK ts INTERVAL x', "Syntax error at 'x': expected a string or a number"],
    ['SELECT a FROM t WATERMARK ts 1 hour 30', 'Syntax error at end of statement: expected a time unit'],
  ])('%s', (sql, message) => {
    expect(fail(sql).message.replace(/ \(line.*$/, '')).toBe(message);
  });
});
