// Planner: binding and typing, each optimizer rule's effect, stage fusion, and the streaming checker.

import { describe, expect, it } from 'vitest';
import { parseStatement } from '../grammar/index.js';
import type { Query } from '../grammar/ast.js';
import { Catalog } from './catalog.js';
import { bindQuery } from './bind-query.js';
import { planQuery } from './index.js';
import { optimize } from './optimizer/index.js';
import { predicatePushdown } from './optimizer/predicate-pushdown.js';
import { mergeProjections } from './optimizer/merge-projections.js';
import { constantFolding } from './optimizer/constant-folding.js';
import { planChildren, someNode, type LogicalPlan } from './logical-plan.js';
import { physicalChildren, type PhysicalNode } from './physical-plan.js';

function catalog(): Catalog {
  const c = new Catalog();
  c.add({
    kind: 'source', name: 'clicks', options: {}, watermark: undefined,
    schema: [
      { name: 'page', type: 'STRING', nullable: true },
      { name: 'user_id', type: 'BIGINT', nullable: true },
      { name: 'ts', type: 'TIMESTAMP', nullable: true },
    ],
  });
  c.add({ kind: 'table', name: 't', schema: [{ name: 'a', type: 'INT', nullable: true }, { name: 'b', type: 'DOUBLE', nullable: true }] });
  return c;
}

function query(sql: string): Query {
  const s = parseStatement(sql);
  if (s.kind === 'select') return s.query;
  if (s.kind === 'createQuery') return s.query;
  throw new Error('not a query');
}

const kinds = (p: LogicalPlan): string[] => {
  const out: string[] = [];
  someNode(p, (n) => { out.push(n.kind); return false; });
  return out;
};

const physKinds = (n: PhysicalNode): string[] =>
  [n.kind, ...physicalChildren(n).flatMap(physKinds)];

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
};

describe('binder', () => {
  it('types expressions like Spark', () => {
    const b = bindQuery(query(`SELECT a + 1 AS x, a / 2 AS y, max(b) * a AS z, a % 2 AS m, count(*) AS n, sum(a) AS s, avg(a) AS v FROM t GROUP BY a`), catalog());
    expect(b.schema.map((f) => `${f.name}:${f.type}`)).toEqual(['x:INT', 'y:DOUBLE', 'z:DOUBLE', 'm:INT', 'n:BIGINT', 's:BIGINT', 'v:DOUBLE']);
  });

  it('resolves window.start/window.end and their synonyms', () => {
    const b = bindQuery(query(`SELECT window.start AS s, window_end AS e, page FROM clicks GROUP BY window(ts, '1 minute'), page`), catalog());
    expect(b.schema.map((f) => f.type)).toEqual(['TIMESTAMP', 'TIMESTAMP', 'STRING']);
    expect(b.keyColumns).toEqual([3, 4, 5]);
  });

  it.each([
    ['SELECT nope FROM t', 'UNRESOLVED_COLUMN'],
    ['SELECT * FROM nowhere', 'UNRESOLVED_RELATION'],
    ['SELECT a FROM t WHERE a', 'TYPE_MISMATCH'],
    [`SELECT a + 'x' AS y FROM t`, 'TYPE_MISMATCH'],
    ['SELECT a, b FROM t GROUP BY a', 'MISSING_AGGREGATION'],
    [`SELECT count(*) AS n FROM clicks GROUP BY window(ts, '1 minute', '2 minutes')`, 'INVALID_WINDOW'],
    [`SELECT count(*) AS n FROM clicks GROUP BY window(ts, '1 minute'), window(ts, '2 minutes')`, 'INVALID_WINDOW'],
    [`SELECT count(*) AS n FROM clicks GROUP BY window(page, '1 minute')`, 'TYPE_MISMATCH'],
    [`SELECT window.start AS s FROM clicks GROUP BY page`, 'INVALID_WINDOW'],
    [`SELECT nosuch(a) AS f FROM t`, 'UNRESOLVED_FUNCTION'],
  ])('%s → %s', (sql, code) => {
    expect(codeOf(() => bindQuery(query(sql), catalog()))).toBe(code);
  });
});

describe('optimizer rules', () => {
  it('constant folding evaluates literal arithmetic and drops always-true filters', () => {
    const p = constantFolding.apply(bindQuery(query('SELECT a FROM t WHERE 1 + 1 = 2'), catalog()).plan);
    expect(kinds(p)).not.toContain('filter');
  });

  it('predicate pushdown moves a filter under a projection and a key-only HAVING under the aggregate', () => {
    const sub = bindQuery(query('SELECT x FROM (SELECT a + 1 AS x FROM t) s WHERE x > 3'), catalog()).plan;
    const pushed = predicatePushdown.apply(sub);
    const order = kinds(pushed);
    expect(order.indexOf('filter')).toBeGreaterThan(order.lastIndexOf('project'));
    const having = bindQuery(query('SELECT a, count(*) AS n FROM t GROUP BY a HAVING a > 1 AND count(*) > 2'), catalog()).plan;
    const h = kinds(predicatePushdown.apply(having));
    expect(h.filter((k) => k === 'filter')).toHaveLength(2);
    expect(h.indexOf('aggregate')).toBeLessThan(h.lastIndexOf('filter'));
  });

  it('predicate pushdown moves one-side conjuncts below a join (never the NULL-padded side of an outer join) and two-side ones into an inner join\'s ON', () => {
    const below = (sql: string): { left: number; right: number; above: number } => {
      const p = optimize(bindQuery(query(sql), catalog()).plan);
      const out = { left: 0, right: 0, above: 0 };
      const walk = (n: LogicalPlan, where: 'left' | 'right' | 'above'): void => {
        if (n.kind === 'filter') out[where]++;
        if (n.kind === 'join') { walk(n.left, 'left'); walk(n.right, 'right'); return; }
        planChildren(n).forEach((c) => walk(c, where));
      };
      walk(p, 'above');
      return out;
    };
    // Over an inner join a conjunct over both sides joins ON (no filter above); over an outer join it stays above.
    expect(below('SELECT * FROM t x JOIN t y ON x.a = y.a WHERE x.b > 1 AND y.b < 2 AND x.b < y.b')).toEqual({ left: 1, right: 1, above: 0 });
    expect(below('SELECT * FROM t x LEFT JOIN t y ON x.a = y.a WHERE x.b < y.b')).toEqual({ left: 0, right: 0, above: 1 });
    expect(below('SELECT * FROM t x LEFT JOIN t y ON x.a = y.a WHERE x.b > 1 AND y.b < 2')).toEqual({ left: 1, right: 0, above: 1 });
    expect(below('SELECT * FROM t x FULL JOIN t y ON x.a = y.a WHERE x.b > 1')).toEqual({ left: 0, right: 0, above: 1 });
  });

  it('prune join inputs keeps only the columns read above the join or by ON, through filters and aggregations', () => {
    const widths = (sql: string): number[][] => {
      const out: number[][] = [];
      someNode(optimize(bindQuery(query(sql), catalog()).plan), (n) => {
        if (n.kind === 'join') out.push([n.left.schema.length, n.right.schema.length]);
        return false;
      });
      return out;
    };
    // clicks has 3 columns, t 2: page and user_id (ON) of clicks; a (ON) of t.
    expect(widths('SELECT c.page FROM clicks c JOIN t ON c.user_id = t.a')).toEqual([[2, 1]]);
    // A WHERE that stays above the join, and an aggregation over it, count too.
    expect(widths('SELECT c.page, count(*) AS n FROM clicks c JOIN t ON c.user_id = t.a WHERE c.user_id > t.b GROUP BY c.page')).toEqual([[2, 2]]);
    expect(widths('SELECT count(*) AS n FROM clicks c JOIN t ON c.user_id = t.a')).toEqual([[1, 1]]);
    // SELECT * reads everything: nothing to prune.
    expect(widths('SELECT * FROM clicks c JOIN t ON c.user_id = t.a')).toEqual([[3, 2]]);
  });

  it('merge projections composes stacked projections', () => {
    const p = bindQuery(query('SELECT y * 2 AS z FROM (SELECT a + 1 AS y FROM t) s'), catalog()).plan;
    expect(kinds(p).filter((k) => k === 'project').length).toBeGreaterThan(1);
    expect(kinds(mergeProjections.apply(p)).filter((k) => k === 'project')).toHaveLength(1);
  });

  it('reaches a fixed point', () => {
    const p = optimize(bindQuery(query('SELECT a FROM (SELECT a, b FROM t WHERE b > 0) s WHERE a > 1'), catalog()).plan);
    expect(optimize(p)).toEqual(p);
  });
});

describe('physical planning', () => {
  it('fuses filters and projections into one stage around stateful operators', () => {
    const q = planQuery(query(`SELECT window.start AS ws, count(*) AS n FROM clicks WHERE user_id > 0
      GROUP BY window(ts, '1 minute') WATERMARK ts 10 seconds EMIT APPEND`), catalog(), true);
    expect(physKinds(q.root)).toEqual(['stage', 'aggregate', 'watermark', 'stage', 'scan']);
    expect(q.usesWatermark).toBe(true);
    expect(q.mode).toBe('append');
  });
});

describe('streaming checker', () => {
  const plan = (sql: string): unknown => planQuery(query(sql), catalog(), true);
  it.each([
    [`SELECT page, count(*) AS n FROM clicks GROUP BY page EMIT APPEND`, 'UNSUPPORTED_STREAMING_OPERATION'],
    [`SELECT page FROM clicks EMIT COMPLETE`, 'UNSUPPORTED_STREAMING_OPERATION'],
    [`SELECT page, count(*) AS n FROM clicks GROUP BY page ORDER BY n`, 'UNSUPPORTED_STREAMING_OPERATION'],
    [`SELECT page FROM clicks ORDER BY page`, 'UNSUPPORTED_STREAMING_OPERATION'],
    [`SELECT a FROM t`, 'UNSUPPORTED_STREAMING_OPERATION'],
    [`SELECT DISTINCT page FROM clicks EMIT COMPLETE`, 'UNSUPPORTED_STREAMING_OPERATION'],
    [`SELECT DISTINCT page FROM clicks ORDER BY page`, 'UNSUPPORTED_STREAMING_OPERATION'],
    [`SELECT DISTINCT page FROM clicks LIMIT 3`, 'UNSUPPORTED_STREAMING_OPERATION'],
    [`SELECT user_id FROM clicks UNION ALL SELECT a FROM t`, 'UNSUPPORTED_STREAMING_OPERATION'],
    [`SELECT user_id FROM clicks UNION ALL SELECT page FROM clicks`, 'TYPE_MISMATCH'],
    [`SELECT user_id FROM clicks UNION ALL SELECT user_id, ts FROM clicks`, 'TYPE_MISMATCH'],
    [`SELECT user_id FROM clicks EMIT APPEND UNION ALL SELECT user_id FROM clicks`, 'UNSUPPORTED_FEATURE'],
    [`SELECT window.start AS ws, count(*) AS n FROM (SELECT DISTINCT page, ts FROM clicks WATERMARK ts 5 seconds) GROUP BY window(ts, '1 minute') EMIT UPDATE`, 'UNSUPPORTED_STREAMING_OPERATION'],
    [`SELECT page, count(*) AS n FROM (SELECT DISTINCT page, ts FROM clicks WATERMARK ts 5 seconds) GROUP BY page EMIT APPEND`, 'UNSUPPORTED_STREAMING_OPERATION'],
  ])('%s → %s', (sql, code) => expect(codeOf(() => plan(sql))).toBe(code));

  it('defaults to UPDATE for aggregations and APPEND otherwise; COMPLETE allows ORDER BY', () => {
    expect(planQuery(query('SELECT page, count(*) AS n FROM clicks GROUP BY page'), catalog(), true).mode).toBe('update');
    expect(planQuery(query('SELECT page FROM clicks'), catalog(), true).mode).toBe('append');
    expect(planQuery(query('SELECT page, count(*) AS n FROM clicks GROUP BY page ORDER BY n DESC LIMIT 3 EMIT COMPLETE'), catalog(), true).orderBy).toBe(true);
  });

  it('UNION ALL widens column types, names columns after the first input and keeps a watermark all inputs carry', () => {
    const q = planQuery(query(`SELECT window.start, count(*) AS n FROM (SELECT user_id AS u, ts FROM clicks WHERE page = 'a'
      UNION ALL SELECT 1, ts FROM clicks) GROUP BY window(ts, '1 minute') WATERMARK ts 10 seconds EMIT APPEND`), catalog(), true);
    expect(q.usesWatermark).toBe(true);
    expect(physKinds(q.root)).toContain('union');
    const b = bindQuery(query('SELECT a FROM t UNION ALL SELECT b FROM t UNION ALL SELECT 2'), catalog());
    expect(b.schema).toEqual([{ name: 'a', type: 'DOUBLE', nullable: true }]);
    // Adjacent UNION ALLs share one node; UNION (distinct) adds an aggregate over all columns.
    expect(kinds(b.plan).filter((k) => k === 'union')).toHaveLength(1);
    expect(kinds(bindQuery(query('SELECT a FROM t UNION SELECT a FROM t'), catalog()).plan)[0]).toBe('aggregate');
  });

  it('SELECT DISTINCT over a stream deduplicates in APPEND by default, evicting by a watermarked key', () => {
    const q = planQuery(query('SELECT DISTINCT user_id, ts FROM clicks WATERMARK ts 10 seconds'), catalog(), true);
    expect(q.mode).toBe('append');
    expect(q.usesWatermark).toBe(true);
    const dedup = (n: PhysicalNode): PhysicalNode | undefined => (n.kind === 'aggregate' ? n : physicalChildren(n).map(dedup).find(Boolean));
    expect(dedup(q.root)).toMatchObject({ dedup: true, stateful: true, eventTimeColumn: 1 });
    expect(planQuery(query('SELECT user_id FROM clicks UNION SELECT user_id FROM clicks EMIT UPDATE'), catalog(), true).mode).toBe('update');
  });

  it('a batch SELECT may not read a stream', () => {
    expect(codeOf(() => planQuery(query('SELECT page FROM clicks'), catalog(), false))).toBe('UNSUPPORTED_STREAMING_OPERATION');
  });
});
