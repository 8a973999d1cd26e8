// Unit tests: every statement form parses into the expected AST.

import { describe, expect, it } from 'vitest';
import type { CreateSourceStmt, SelectQuery } from './ast.js';
import { parseStatement } from './index.js';
import { errorOf, strip } from './test-utils.js';

const id = (name: string, quoted = false) => ({ name, quoted });
const col = (name: string, table?: string) => ({ kind: 'column', table: table === undefined ? undefined : id(table), name: id(name) });
const int = (n: number | bigint) => ({ kind: 'literal', value: { type: 'integer', value: BigInt(n) } });
const str = (value: string) => ({ kind: 'literal', value: { type: 'string', value } });
const MIN = 60_000_000;

const parse = (sql: string) => strip(parseStatement(sql));

describe('CREATE SOURCE', () => {
  it('parses columns, types, NOT NULL, watermark and options', () => {
    expect(parse(`CREATE SOURCE IF NOT EXISTS bids (
        auction BIGINT NOT NULL, price DOUBLE, bidder STRING, ok BOOLEAN, n INT, ts TIMESTAMP,
        WATERMARK FOR ts AS ts - INTERVAL '10' MINUTE
      ) WITH (format = 'json', Rows_Per_Batch = 100, strict = true, loose = FALSE, 'Path.Prefix' = '/tmp/x', kafka.topic = 'b')`))
      .toEqual({
        kind: 'createSource',
        name: id('bids'),
        ifNotExists: true,
        columns: [
          { name: id('auction'), type: 'BIGINT', notNull: true },
          { name: id('price'), type: 'DOUBLE', notNull: false },
          { name: id('bidder'), type: 'STRING', notNull: false },
          { name: id('ok'), type: 'BOOLEAN', notNull: false },
          { name: id('n'), type: 'INT', notNull: false },
          { name: id('ts'), type: 'TIMESTAMP', notNull: false },
        ],
        watermark: { column: col('ts'), delayMicros: 10 * MIN },
        options: [
          { key: 'format', value: 'json' },
          { key: 'rows_per_batch', value: 100 },
          { key: 'strict', value: true },
          { key: 'loose', value: false },
          { key: 'path.prefix', value: '/tmp/x' },
          { key: 'kafka.topic', value: 'b' },
        ],
      });
  });

  it('has no watermark, options or IF NOT EXISTS unless given', () => {
    expect(parse('create source s (a int)')).toEqual({
      kind: 'createSource', name: id('s'), ifNotExists: false, columns: [{ name: id('a'), type: 'INT', notNull: false }],
      watermark: undefined, options: [],
    });
  });

  it.each([
    ["INTERVAL '10' MINUTE", 10 * MIN],
    ["INTERVAL '10 minutes'", 10 * MIN],
    ['INTERVAL 10 MINUTES', 10 * MIN],
    ["INTERVAL '1 hour 30 minutes'", 90 * MIN],
    ["INTERVAL '5' SECOND", 5_000_000],
    ["'250 ms'", 250_000],
    ['2 min', 2 * MIN],
  ])('accepts the watermark delay %s', (delay, micros) => {
    const stmt = parseStatement(`CREATE SOURCE s (ts TIMESTAMP, WATERMARK FOR ts AS ts - ${delay})`) as CreateSourceStmt;
    expect(stmt.watermark?.delayMicros).toBe(micros);
  });

  it('accepts a watermark without delay', () => {
    const stmt = parseStatement('CREATE SOURCE s (ts TIMESTAMP, WATERMARK FOR ts AS ts)') as CreateSourceStmt;
    expect(stmt.watermark?.delayMicros).toBe(0);
  });

  it('rejects a watermark computed from another column', () => {
    const e = errorOf(() => parseStatement("CREATE SOURCE s (ts TIMESTAMP, t2 TIMESTAMP, WATERMARK FOR ts AS t2 - INTERVAL '1' MINUTE)"));
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.message).toContain('same column');
    expect(e.position).toEqual({ line: 1, column: 66 });
  });

  it('rejects two watermarks and negative delays', () => {
    expect(errorOf(() => parseStatement('CREATE SOURCE s (ts TIMESTAMP, WATERMARK FOR ts AS ts, WATERMARK FOR ts AS ts)')).message)
      .toContain('Only one WATERMARK');
    expect(errorOf(() => parseStatement("CREATE SOURCE s (ts TIMESTAMP, WATERMARK FOR ts AS ts - '-5 seconds')")).code)
      .toBe('INVALID_INTERVAL');
  });

  it.each([
    ['LONG', 'BIGINT'], ['INTEGER', 'INT'], ['FLOAT', 'DOUBLE'], ['REAL', 'DOUBLE'], ['DOUBLE PRECISION', 'DOUBLE'],
    ['VARCHAR', 'STRING'], ['VARCHAR(20)', 'STRING'], ['TEXT', 'STRING'], ['BOOL', 'BOOLEAN'], ['timestamp', 'TIMESTAMP'],
  ])('maps the type %s to %s', (typeText, type) => {
    const stmt = parseStatement(`CREATE SOURCE s (a ${typeText} NOT NULL)`) as CreateSourceStmt;
    expect(stmt.columns[0]).toMatchObject({ type, notNull: true });
  });

  it('rejects unknown types, naming the accepted ones', () => {
    const e = errorOf(() => parseStatement('CREATE SOURCE s (a INT, b DATETIME)'));
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.message).toMatch(/^Unknown type 'datetime': use BIGINT .*INT .*DOUBLE .*STRING .*BOOLEAN .*TIMESTAMP/);
    expect(e.position).toEqual({ line: 1, column: 27 });
    expect(errorOf(() => parseStatement('CREATE SOURCE s (a INT(3))')).message).toContain('takes no length');
    expect(errorOf(() => parseStatement('CREATE SOURCE s (a INT PRECISION)')).message).toContain("Unexpected 'precision' after type INT");
    expect(errorOf(() => parseStatement('CREATE SOURCE s (a INT b INT)')).message)
      .toBe("Syntax error at 'b': expected '(', NOT, ',' or ')' (line 1, column 24)");
  });

  it('takes keywords and type names as column names', () => {
    const stmt = parse('CREATE SOURCE s (watermark BIGINT, timestamp TIMESTAMP, precision DOUBLE, "End" INT, WATERMARK FOR timestamp AS timestamp)');
    expect(stmt).toMatchObject({
      columns: [{ name: id('watermark') }, { name: id('timestamp') }, { name: id('precision') }, { name: id('End', true) }],
      watermark: { column: col('timestamp'), delayMicros: 0 },
    });
  });

  it('rejects duplicate options', () => {
    expect(errorOf(() => parseStatement("CREATE SOURCE s (a INT) WITH (x = 1, X = '2')")).message).toContain("Option 'x' is given twice");
  });
});

describe('CREATE TABLE', () => {
  it('parses like a source without watermark', () => {
    expect(parse("CREATE TABLE IF NOT EXISTS dim (id BIGINT NOT NULL, name VARCHAR(30)) WITH (path = 'x')")).toEqual({
      kind: 'createTable', name: id('dim'), ifNotExists: true,
      columns: [{ name: id('id'), type: 'BIGINT', notNull: true }, { name: id('name'), type: 'STRING', notNull: false }],
      options: [{ key: 'path', value: 'x' }],
    });
  });

  it('refuses a watermark', () => {
    expect(errorOf(() => parseStatement('CREATE TABLE t (ts TIMESTAMP, WATERMARK FOR ts AS ts)')).message).toContain('only allowed in CREATE SOURCE');
  });
});

describe('CREATE QUERY', () => {
  it('parses name, options and the query with its EMIT mode', () => {
    const stmt = parse("CREATE QUERY top WITH (checkpoint = '/tmp/c') AS SELECT a FROM s EMIT UPDATE");
    expect(stmt).toMatchObject({ kind: 'createQuery', name: id('top'), options: [{ key: 'checkpoint', value: '/tmp/c' }] });
    expect(stmt.kind === 'createQuery' && stmt.query).toMatchObject({ kind: 'selectQuery', emit: 'update', from: { kind: 'relation', name: id('s') } });
  });

  it('takes a UNION whose last SELECT carries EMIT', () => {
    const stmt = parse('CREATE QUERY u AS SELECT a FROM x UNION ALL SELECT a FROM y EMIT APPEND');
    expect(stmt).toMatchObject({ query: { kind: 'union', all: true, right: { emit: 'append' }, left: { emit: undefined } } });
  });
});

describe('INSERT', () => {
  it('parses rows of expressions', () => {
    expect(parse("INSERT INTO clicks VALUES ('a', TIMESTAMP '2024-01-01 00:01:00', -3), ('b', NULL, 1 + 2)")).toEqual({
      kind: 'insert', target: id('clicks'), columns: undefined,
      rows: [
        [str('a'), { kind: 'literal', value: { type: 'timestamp', micros: Date.UTC(2024, 0, 1, 0, 1) * 1000 } }, int(-3)],
        [str('b'), { kind: 'literal', value: { type: 'null' } }, { kind: 'binary', op: '+', left: int(1), right: int(2) }],
      ],
    });
  });

  it('parses an explicit column list', () => {
    expect(parse('INSERT INTO t (b, "A") VALUES (1, 2)')).toMatchObject({ columns: [id('b'), id('A', true)], rows: [[int(1), int(2)]] });
  });
});

describe('other statements', () => {
  it.each([
    ['DROP SOURCE s', { kind: 'drop', objectType: 'source', name: id('s'), ifExists: false }],
    ['drop table if exists T', { kind: 'drop', objectType: 'table', name: id('t'), ifExists: true }],
    ['DROP QUERY q;', { kind: 'drop', objectType: 'query', name: id('q'), ifExists: false }],
    ['DROP TABLE if', { kind: 'drop', objectType: 'table', name: id('if'), ifExists: false }],
    ['SHOW SOURCES', { kind: 'show', what: 'sources' }],
    ['show tables', { kind: 'show', what: 'tables' }],
    ['SHOW QUERIES', { kind: 'show', what: 'queries' }],
    ['DESCRIBE bids', { kind: 'describe', name: id('bids') }],
    ['TRIGGER', { kind: 'trigger' }],
    ['trigger;', { kind: 'trigger' }],
    ['RESTART q1', { kind: 'restart', name: id('q1') }],
    ['STOP QUERY q1', { kind: 'stop', name: id('q1') }],
    ['stop query "Q";', { kind: 'stop', name: id('Q', true) }],
    ['SHOW PROGRESS q', { kind: 'showProgress', name: id('q'), pattern: undefined }],
    [`show progress Q like 'batchId|sources*'`, { kind: 'showProgress', name: id('q'), pattern: 'batchId|sources*' }],
    // The new words stay usable as names.
    ['SHOW PROGRESS progress', { kind: 'showProgress', name: id('progress'), pattern: undefined }],
    ['STOP QUERY stop', { kind: 'stop', name: id('stop') }],
  ])('%s', (sql, ast) => {
    expect(parse(sql)).toEqual(ast);
  });

  it('EXPLAIN takes a query or a CREATE QUERY', () => {
    expect(parse('EXPLAIN SELECT 1')).toMatchObject({ kind: 'explain', target: { kind: 'select', query: { kind: 'selectQuery' } } });
    expect(parse('EXPLAIN (SELECT 1) UNION SELECT 2')).toMatchObject({ target: { kind: 'select', query: { kind: 'union', all: false } } });
    expect(parse('EXPLAIN CREATE QUERY q AS SELECT a FROM s')).toMatchObject({ target: { kind: 'createQuery', name: id('q') } });
    const explain = parseStatement('EXPLAIN  CREATE QUERY q AS SELECT 1');
    expect(explain.kind === 'explain' && explain.target.span).toMatchObject({ start: 9, column: 10 });
  });

  it('a plain query is a SELECT statement', () => {
    const stmt = parse('(SELECT a FROM t)');
    expect(stmt.kind).toBe('select');
    expect(stmt.kind === 'select' && (stmt.query as SelectQuery).from).toEqual({ kind: 'relation', name: id('t'), alias: undefined });
  });

  it('allows one trailing semicolon only', () => {
    expect(parse('SELECT 1;')).toEqual(parse('SELECT 1'));
    expect(errorOf(() => parseStatement('SELECT 1;;')).message).toBe("Syntax error at ';': expected end of statement (line 1, column 10)");
  });
});
