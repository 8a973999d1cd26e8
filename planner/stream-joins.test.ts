// Stream–stream joins in the planner: which ON conditions give them keys (streaming-checker.ts), which watermarked
// time each side's late rows are judged by (to-physical.ts), and what EXPLAIN says each side's state does.

import { describe, expect, it } from 'vitest';
import { errorOf } from '../common/test-utils.js';
import { parseStatement } from '../grammar/index.js';
import { Catalog } from './catalog.js';
import { explain, planQuery } from './index.js';
import { physicalChildren, type PhysicalNode } from './physical-plan.js';

/** l (k INT, lt, ot, s) and r (k BIGINT, rt, s), watermarked on lt and rt. */
function joinCatalog(): Catalog {
  const c = new Catalog();
  const f = (name: string, type: 'INT' | 'BIGINT' | 'TIMESTAMP' | 'STRING') => ({ name, type, nullable: true });
  c.add({ kind: 'source', name: 'l', options: {}, watermark: { columnIndex: 1, delayMicros: 0 }, schema: [f('k', 'INT'), f('lt', 'TIMESTAMP'), f('ot', 'TIMESTAMP'), f('s', 'STRING')] });
  c.add({ kind: 'source', name: 'r', options: {}, watermark: { columnIndex: 1, delayMicros: 0 }, schema: [f('k', 'BIGINT'), f('rt', 'TIMESTAMP'), f('s', 'STRING')] });
  c.add({ kind: 'table', name: 't', schema: [f('k', 'BIGINT'), f('s', 'STRING')] });
  return c;
}

/** The first join of a streaming query's physical plan. */
function planJoin(sql: string): Extract<PhysicalNode, { kind: 'join' }> {
  const s = parseStatement(`CREATE QUERY q AS ${sql}`);
  if (s.kind !== 'createQuery') throw new Error('not a query');
  const find = (n: PhysicalNode): PhysicalNode | undefined => (n.kind === 'join' ? n : physicalChildren(n).map(find).find((x) => x));
  const j = find(planQuery(s.query, joinCatalog(), true).root);
  if (j?.kind !== 'join') throw new Error('no join');
  return j;
}

describe('stream–stream join keys', () => {
  const range = "r.rt BETWEEN l.lt AND l.lt + INTERVAL '5' SECOND";
  it.each([
    ['an INT key equal to a BIGINT key (bound as CAST(l.k AS BIGINT) = r.k)', `l.k = r.k AND ${range}`],
    ['an expression over one side equal to a column of the other', `l.k + 0 = r.k AND ${range}`],
    ['expressions over each side', `lower(l.s) = lower(r.s) AND ${range}`],
    ['a key written right side first', `r.k = CAST(l.k AS BIGINT) + 1 AND ${range}`],
    ['a key alone, with no range (inner)', 'l.k = r.k'],
  ])('accepts %s', (_, on) => {
    expect(() => planJoin(`SELECT l.k, l.lt, r.rt FROM l JOIN r ON ${on}`)).not.toThrow();
  });

  it.each([
    ['no equality', range],
    ['an equality within one side', `l.k = l.k AND ${range}`],
    ['an equality of a side with a constant', `r.k = 1 AND ${range}`],
    ['an equality whose one side reads both streams', `l.k + r.k = r.k AND ${range}`],
    ['an equality only in an OR', `(l.k = r.k OR l.s = r.s) AND ${range}`],
  ])('refuses %s', (_, on) => {
    expect(errorOf(() => planJoin(`SELECT l.k, l.lt, r.rt FROM l JOIN r ON ${on}`)).code).toBe('UNSUPPORTED_STREAMING_OPERATION');
  });

  it('accepts an expression key in an outer join bounded on both sides', () => {
    expect(planJoin(`SELECT l.k, l.lt, r.rt FROM l LEFT JOIN r ON l.k = r.k AND ${range}`).bounds).toMatchObject({ lower: -5_000_000, upper: 0 });
  });
});

describe('late rows of a stream–stream join', () => {
  it('judges each side by its watermarked time when ON has no range', () => {
    const j = planJoin('SELECT l.k, l.lt, r.rt FROM l JOIN r ON l.k = r.k');
    expect(j.bounds).toBeUndefined();
    // Columns nobody reads are pruned below the join: l.k, l.lt, r.k, r.rt.
    expect(j.lateTimes).toEqual([{ column: 1, lag: 0 }, { column: 3, lag: 0 }]);
  });

  it('judges a side whose time in the range has no watermark by its watermarked column', () => {
    const j = planJoin("SELECT l.k, l.lt, r.rt FROM l JOIN r ON l.k = r.k AND r.rt BETWEEN l.ot AND l.ot + INTERVAL '5' SECOND");
    // l.k, l.lt, l.ot, r.k, r.rt: the range is over ot and rt.
    expect(j.bounds).toMatchObject({ leftTime: 2, rightTime: 4 });
    expect(j.lags).toEqual([Infinity, 0]);
    expect(j.lateTimes).toEqual([{ column: 1, lag: 0 }, { column: 4, lag: 0 }]);
  });

  it('leaves a join whose range is over the watermarked times as it was (no lateTimes in its plan)', () => {
    const j = planJoin("SELECT l.k, l.lt, r.rt FROM l JOIN r ON l.k = r.k AND r.rt BETWEEN l.lt AND l.lt + INTERVAL '5' SECOND");
    expect(j.bounds).toMatchObject({ leftTime: 1, rightTime: 3 });
    expect('lateTimes' in j).toBe(false);
  });

  it('a stream–table join has no lateTimes', () => {
    expect('lateTimes' in planJoin('SELECT l.k, t.s FROM l JOIN t ON l.k = t.k')).toBe(false);
  });
});

function explainJoin(sql: string): string {
  const s = parseStatement(sql);
  if (s.kind !== 'select') throw new Error('not a SELECT');
  return explain(planQuery(s.query, joinCatalog(), 'auto')).find((line) => line.trim().startsWith('Join')) ?? '';
}

describe('EXPLAIN of a stream–stream join', () => {
  it('with a range bounded on one side: the side it bounds goes, the other stays', () => {
    const line = explainJoin("SELECT l.k, l.lt, r.rt FROM l JOIN r ON l.k = r.k AND r.rt <= l.lt + INTERVAL '5' SECOND");
    expect(line).toContain('a left row goes once its lt <= watermark - 5 seconds');
    expect(line).toContain('a right row stays (ON sets no upper limit on the lt it can match): state grows');
    expect(line).not.toContain('no time range');
  });

  it('with the range the other way round', () => {
    const line = explainJoin("SELECT l.k, l.lt, r.rt FROM l JOIN r ON l.k = r.k AND r.rt >= l.lt - INTERVAL '2' SECOND");
    expect(line).toContain('a left row stays (ON sets no upper limit on the rt it can match): state grows');
    expect(line).toContain('a right row goes once its rt <= watermark - 2 seconds');
  });

  it('with both bounds, and with none', () => {
    expect(explainJoin("SELECT l.k, l.lt, r.rt FROM l JOIN r ON l.k = r.k AND r.rt BETWEEN l.lt AND l.lt + INTERVAL '5' SECOND"))
      .toContain('a left row goes once its lt <= watermark - 5 seconds, a right row goes once its rt <= watermark');
    expect(explainJoin('SELECT l.k, l.lt, r.rt FROM l JOIN r ON l.k = r.k')).toContain('buffers both sides without bound (no time range between them)');
  });
});
