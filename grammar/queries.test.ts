// Unit tests: SELECT clauses, joins, unions, WATERMARK and EMIT, and soft keywords used as names.

import { describe, expect, it } from 'vitest';
import type { Query, SelectQuery } from './ast.js';
import { parseStatement } from './index.js';
import { errorOf, strip } from './test-utils.js';

const id = (name: string, quoted = false) => ({ name, quoted });
const col = (name: string, table?: string) => ({ kind: 'column', table: table === undefined ? undefined : id(table), name: id(name) });
const int = (n: number) => ({ kind: 'literal', value: { type: 'integer', value: BigInt(n) } });
const str = (value: string) => ({ kind: 'literal', value: { type: 'string', value } });
const rel = (name: string, alias?: string) => ({ kind: 'relation', name: id(name), alias: alias === undefined ? undefined : id(alias) });
const call = (name: string, args: unknown[], extra: object = {}) => ({ kind: 'call', name, args, distinct: false, star: false, ...extra });
const item = (expr: unknown, alias?: string) => ({ kind: 'item', expr, alias: alias === undefined ? undefined : id(alias) });
const MIN = 60_000_000;

function query(sql: string): Query {
  const stmt = parseStatement(sql);
  if (stmt.kind !== 'select') throw new Error(`not a SELECT: ${stmt.kind}`);
  return strip(stmt.query);
}
function select(sql: string): SelectQuery {
  const q = query(sql);
  if (q.kind !== 'selectQuery') throw new Error('not a plain SELECT');
  return q;
}

describe('SELECT clauses', () => {
  it('parses the design example', () => {
    expect(select(`SELECT window.start, auction, count(*) AS bids, max(price) AS top FROM bids
      GROUP BY window(ts, '10 min', '5 min'), auction WATERMARK ts 10 min EMIT APPEND`)).toEqual({
      kind: 'selectQuery',
      distinct: false,
      items: [
        item(col('start', 'window')),
        item(col('auction')),
        item(call('count', [], { star: true }), 'bids'),
        item(call('max', [col('price')]), 'top'),
      ],
      from: rel('bids'),
      where: undefined,
      groupBy: [call('window', [col('ts'), str('10 min'), str('5 min')]), col('auction')],
      having: undefined,
      watermarks: [{ column: col('ts'), delayMicros: 10 * MIN }],
      orderBy: [],
      limit: undefined,
      emit: 'append',
    });
  });

  it('parses every clause in order', () => {
    const q = select(`SELECT DISTINCT a, b FROM t WHERE a > 1 GROUP BY a, b HAVING count(*) > 2
      WATERMARK t.ts '5 seconds' ORDER BY a DESC NULLS LAST, b ASC, c NULLS FIRST LIMIT 10 EMIT COMPLETE`);
    expect(q.distinct).toBe(true);
    expect(q.where).toEqual({ kind: 'binary', op: '>', left: col('a'), right: int(1) });
    expect(q.groupBy).toEqual([col('a'), col('b')]);
    expect(q.having).toMatchObject({ kind: 'binary', op: '>', left: { kind: 'call', name: 'count', star: true } });
    expect(q.watermarks).toEqual([{ column: col('ts', 't'), delayMicros: 5_000_000 }]);
    expect(q.orderBy).toEqual([
      { expr: col('a'), descending: true, nullsFirst: false },
      { expr: col('b'), descending: false, nullsFirst: undefined },
      { expr: col('c'), descending: false, nullsFirst: true },
    ]);
    expect(q.limit).toBe(10);
    expect(q.emit).toBe('complete');
  });

  it('accepts WATERMARK right after WHERE or FROM, before GROUP BY', () => {
    expect(select('SELECT a FROM t WHERE a > 0 WATERMARK ts 1 min GROUP BY a').watermarks).toEqual([{ column: col('ts'), delayMicros: MIN }]);
    expect(select('SELECT a FROM t WATERMARK ts 1 min GROUP BY a').watermarks).toHaveLength(1);
    expect(errorOf(() => parseStatement('SELECT a FROM t WATERMARK ts 1 min GROUP BY a WATERMARK ts 2 min')).message)
      .toMatch(/^Only one WATERMARK clause/);
  });

  it.each([
    ['10 min', 10 * MIN], ['10 minutes', 10 * MIN], ['250 ms', 250_000], ['1 hour 30 minutes', 90 * MIN], ['2 s', 2_000_000],
    ['1.5 hours', 90 * MIN], ["'10 minutes'", 10 * MIN], ["INTERVAL '10' MINUTE", 10 * MIN], ['INTERVAL 3 SECONDS', 3_000_000],
    ["INTERVAL '1 day'", 24 * 60 * MIN], ['10min', 10 * MIN],
  ])('takes the WATERMARK delay %s', (delay, micros) => {
    expect(select(`SELECT a FROM t WATERMARK ts ${delay} EMIT APPEND`).watermarks[0]?.delayMicros).toBe(micros);
  });

  it('takes several watermarks, qualified', () => {
    expect(select('SELECT * FROM a JOIN b ON a.k = b.k WATERMARK a.ts 10 min, b.ts 20 min').watermarks).toEqual([
      { column: col('ts', 'a'), delayMicros: 10 * MIN },
      { column: col('ts', 'b'), delayMicros: 20 * MIN },
    ]);
  });

  it('reports a bad unit as INVALID_INTERVAL at the unit', () => {
    const e = errorOf(() => parseStatement('SELECT a FROM t WATERMARK ts 10 parsecs'));
    expect(e.code).toBe('INVALID_INTERVAL');
    expect(e.position).toEqual({ line: 1, column: 33 });
    expect(errorOf(() => parseStatement("SELECT a FROM t WATERMARK ts 'soon'")).code).toBe('INVALID_INTERVAL');
  });

  it('works without FROM', () => {
    expect(select('SELECT 1+1')).toMatchObject({ from: undefined, items: [item({ kind: 'binary', op: '+', left: int(1), right: int(1) })] });
  });

  it('rejects a non-integer LIMIT', () => {
    expect(errorOf(() => parseStatement('SELECT a FROM t LIMIT 1.5')).message).toMatch(/^LIMIT needs a whole number/);
  });
});

describe('select items', () => {
  it('parses stars, qualified stars and aliases with or without AS', () => {
    expect(select('SELECT *, t.*, a b, c AS d, e "Quoted Alias" FROM t').items).toEqual([
      { kind: 'star', qualifier: undefined },
      { kind: 'star', qualifier: id('t') },
      item(col('a'), 'b'),
      item(col('c'), 'd'),
      { kind: 'item', expr: col('e'), alias: id('Quoted Alias', true) },
    ]);
  });

  it('allows any word after AS, reserved ones included', () => {
    expect(select('SELECT window.start AS start, window.end AS end, x AS from FROM t').items).toEqual([
      item(col('start', 'window'), 'start'), item(col('end', 'window'), 'end'), item(col('x'), 'from'),
    ]);
  });
});

describe('FROM', () => {
  it('parses aliases and subqueries', () => {
    expect(select('SELECT * FROM bids b').from).toEqual(rel('bids', 'b'));
    expect(select('SELECT * FROM bids AS b').from).toEqual(rel('bids', 'b'));
    expect(select('SELECT * FROM (SELECT a FROM t) AS s').from).toMatchObject({ kind: 'subquery', alias: id('s'), query: { kind: 'selectQuery' } });
    expect(select('SELECT * FROM (SELECT a FROM t) s').from).toMatchObject({ kind: 'subquery', alias: id('s') });
    expect(select('SELECT * FROM (SELECT a FROM t)').from).toMatchObject({ kind: 'subquery', alias: undefined });
  });

  it.each([
    ['JOIN', 'inner'], ['INNER JOIN', 'inner'], ['LEFT JOIN', 'left'], ['LEFT OUTER JOIN', 'left'], ['RIGHT JOIN', 'right'],
    ['RIGHT OUTER JOIN', 'right'], ['FULL JOIN', 'full'], ['FULL OUTER JOIN', 'full'],
  ])('parses %s', (join, joinType) => {
    expect(select(`SELECT * FROM a ${join} b ON a.k = b.k`).from).toEqual({
      kind: 'join', joinType, left: rel('a'), right: rel('b'), on: { kind: 'binary', op: '=', left: col('k', 'a'), right: col('k', 'b') },
    });
  });

  it('parses CROSS JOIN and commas as cross joins, left-associative', () => {
    expect(select('SELECT * FROM a, b CROSS JOIN c').from).toEqual({
      kind: 'join', joinType: 'cross', on: undefined, right: rel('c'),
      left: { kind: 'join', joinType: 'cross', on: undefined, left: rel('a'), right: rel('b') },
    });
    expect(select('SELECT * FROM a x JOIN b y ON x.k = y.k LEFT JOIN c ON c.k = x.k').from).toMatchObject({
      joinType: 'left', right: rel('c'), left: { joinType: 'inner', left: rel('a', 'x'), right: rel('b', 'y') },
    });
  });

  it('a stream-stream join with a time-range condition', () => {
    const q = select(`SELECT * FROM a JOIN b ON a.id = b.id AND b.ts BETWEEN a.ts - INTERVAL '5' SECOND AND a.ts + INTERVAL '5' SECOND`);
    expect(q.from).toMatchObject({ on: { op: 'and', right: { kind: 'between', low: { op: '-', right: { value: { type: 'interval', micros: 5_000_000 } } } } } });
  });
});

describe('UNION', () => {
  it('is left-associative and keeps ALL per operator', () => {
    expect(query('SELECT 1 UNION ALL SELECT 2 UNION SELECT 3')).toMatchObject({
      kind: 'union', all: false, right: { items: [item(int(3))] },
      left: { kind: 'union', all: true, left: { items: [item(int(1))] }, right: { items: [item(int(2))] } },
    });
    expect(query('SELECT 1 UNION DISTINCT SELECT 2')).toMatchObject({ kind: 'union', all: false });
  });

  it('groups with parentheses', () => {
    expect(query('SELECT 1 UNION (SELECT 2 UNION ALL SELECT 3)')).toMatchObject({
      kind: 'union', all: false, left: { kind: 'selectQuery' }, right: { kind: 'union', all: true },
    });
  });

  it('lets each SELECT carry its own clauses', () => {
    expect(query('SELECT a FROM x WHERE a > 1 UNION SELECT a FROM y ORDER BY a LIMIT 3')).toMatchObject({
      left: { where: { op: '>' }, limit: undefined }, right: { orderBy: [{ expr: col('a') }], limit: 3 },
    });
  });
});

describe('soft keywords as names', () => {
  it.each([
    'ts', 'date', 'value', 'key', 'type', 'name', 'start', 'first', 'last', 'count', 'min', 'max', 'day', 'hour', 'minute', 'second',
    'window', 'source', 'table', 'query', 'queries', 'sources', 'tables', 'emit', 'watermark', 'trigger', 'restart', 'append', 'update',
    'complete', 'interval', 'timestamp', 'left', 'right', 'full', 'inner', 'outer', 'cross', 'asc', 'desc', 'nulls', 'values', 'into',
    'insert', 'create', 'drop', 'show', 'describe', 'explain', 'if', 'exists', 'precision', 'time', 'session_window',
  ])('%s works as a column, a qualifier and a function name', (word) => {
    const q = select(`SELECT ${word}, ${word}.${word}, ${word}(${word}) AS ${word} FROM ${word} WHERE ${word} = 1 GROUP BY ${word} ORDER BY ${word}`);
    expect(q.items).toEqual([item(col(word)), item(col(word, word)), item(call(word, [col(word)]), word)]);
    expect(q.from).toEqual(rel(word));
  });

  it('reads `count(*) AS count`, `first(x), last(x)` and `window(ts, ...)` in GROUP BY', () => {
    expect(select("SELECT count(*) AS count, first(x), last(x) FROM t GROUP BY window(ts, '10 min')")).toMatchObject({
      items: [item(call('count', [], { star: true }), 'count'), item(call('first', [col('x')])), item(call('last', [col('x')]))],
      groupBy: [call('window', [col('ts'), str('10 min')])],
    });
  });

  it('does not take clause words as implicit aliases', () => {
    expect(select('SELECT a FROM t WATERMARK ts 1 min').from).toEqual(rel('t'));
    expect(select('SELECT 1 EMIT APPEND')).toMatchObject({ items: [item(int(1))], emit: 'append' });
    expect(select('SELECT * FROM a LEFT JOIN b ON true').from).toMatchObject({ joinType: 'left', left: rel('a') });
  });

  it('takes soft keywords as implicit aliases where no clause can start', () => {
    expect(select('SELECT a value, b key FROM t first').items).toEqual([item(col('a'), 'value'), item(col('b'), 'key')]);
    expect(select('SELECT a value, b key FROM t first').from).toEqual(rel('t', 'first'));
  });

  it('keeps quoted names case and lower-cases the rest, functions included', () => {
    expect(select('SELECT "MixedCase", MixedCase, "a""b", COUNT(X) FROM "T"')).toMatchObject({
      items: [
        item({ kind: 'column', name: id('MixedCase', true) }), item(col('mixedcase')),
        item({ kind: 'column', name: id('a"b', true) }), item(call('count', [col('x')])),
      ],
      from: { name: id('T', true) },
    });
    expect(select('SELECT "MixedCase" FROM t').items).toEqual([{ kind: 'item', expr: { kind: 'column', table: undefined, name: id('MixedCase', true) }, alias: undefined }]);
  });
});
