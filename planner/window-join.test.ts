// Which stream–stream joins the planner makes window joins (stateless: every pair meets in one micro-batch).

import { describe, expect, it } from 'vitest';
import { parseStatement } from '../grammar/index.js';
import { Catalog } from './catalog.js';
import { planQuery } from './index.js';
import { physicalChildren, type PhysicalNode } from './physical-plan.js';

function catalog(): Catalog {
  const c = new Catalog();
  for (const name of ['p', 'a']) {
    c.add({
      kind: 'source', name, options: {}, watermark: { columnIndex: 1, delayMicros: 2_000_000 },
      schema: [{ name: 'id', type: 'BIGINT', nullable: true }, { name: 'ts', type: 'TIMESTAMP', nullable: true }],
    });
  }
  return c;
}

function join(sql: string): Extract<PhysicalNode, { kind: 'join' }> {
  const s = parseStatement(sql);
  if (s.kind !== 'createQuery') throw new Error('not a query');
  const find = (n: PhysicalNode): PhysicalNode | undefined => (n.kind === 'join' ? n : physicalChildren(n).map(find).find((x) => x));
  const j = find(planQuery(s.query, catalog(), true).root);
  if (j?.kind !== 'join') throw new Error('no join');
  return j;
}

const side = (src: string, win: string): string =>
  `(SELECT id, window.start AS ws, window.end AS we FROM ${src} GROUP BY ${win}, id)`;
const q = (left: string, right: string, on: string, type = 'JOIN'): string =>
  `CREATE QUERY q AS SELECT l.id, l.ws FROM ${left} l ${type} ${right} r ON l.id = r.id AND ${on}`;
const TEN = "window(ts, '10 seconds')";

describe('window joins', () => {
  it.each([
    ['equal ends of tumbling windows', q(side('p', TEN), side('a', TEN), 'l.we = r.we')],
    ['equal starts of windows of one size', q(side('p', TEN), side('a', TEN), 'l.ws = r.ws')],
    ['equal starts of sliding windows of one size', q(side('p', "window(ts, '10 seconds', '5 seconds')"), side('a', "window(ts, '10 seconds', '2 seconds')"), 'l.ws = r.ws')],
    ['equal ends of windows of different sizes', q(side('p', TEN), side('a', "window(ts, '20 seconds')"), 'l.we = r.we')],
    ['equal ends of cumulate windows', q(side('p', "cumulate(ts, '5 seconds', '20 seconds')"), side('a', TEN), 'l.we = r.we')],
    ['a filter between', q(`(SELECT * FROM ${side('p', TEN)} WHERE id > 3)`, side('a', TEN), 'r.we = l.we')],
  ])('%s: stateless', (_, sql) => {
    expect(join(sql).windowJoin).toBe(true);
  });

  it.each([
    // [0, 10) closes at 10, [0, 20) at 20: the pair's rows come in different batches.
    ['equal starts of windows of different sizes', q(side('p', TEN), side('a', "window(ts, '20 seconds')"), 'l.ws = r.ws')],
    // One start has windows of every step up to the size, ending at different times.
    ['equal starts of cumulate windows', q(side('p', "cumulate(ts, '5 seconds', '20 seconds')"), side('a', "cumulate(ts, '5 seconds', '20 seconds')"), 'l.ws = r.ws')],
    ['a start equal to an end', q(side('p', TEN), side('a', TEN), 'l.ws = r.we')],
    ['an outer join (unmatched rows are padded when the watermark passes)', q(side('p', TEN), side('a', TEN), 'l.we = r.we', 'LEFT JOIN')],
    ['a window and a raw stream', 'CREATE QUERY q AS SELECT l.id FROM ' + side('p', TEN) + ' l JOIN a r ON l.id = r.id AND l.we = r.ts'],
    ['session windows', q("(SELECT id, window.start AS ws, window.end AS we FROM p GROUP BY session_window(ts, '5 seconds'), id)", side('a', TEN), 'l.we = r.we')],
  ])('%s: an interval join', (_, sql) => {
    const j = join(sql);
    expect(j.windowJoin).toBeUndefined();
    expect(j.bounds).toBeDefined();
  });

  it('windows over another aggregation\'s window starts close a window size later: not a window join', () => {
    // The starts trail the watermark by 10 s (the inner window's size), so the outer aggregation's eviction does too.
    const nested = `(SELECT id, window.start AS ws, window.end AS we
      FROM (SELECT id, window.start AS s FROM a GROUP BY window(ts, '10 seconds'), id) GROUP BY window(s, '10 seconds'), id)`;
    expect(join(q(side('p', TEN), nested, 'l.we = r.we')).windowJoin).toBeUndefined();
    expect(join(q(nested, nested.replace('FROM a', 'FROM p'), 'l.we = r.we')).windowJoin).toBe(true);
  });

  it('an aggregation over a stream join keeps lag 0 on its left time (rows pass above the previous watermark)', () => {
    const joined = `(SELECT x.id, window.start AS ws, window.end AS we FROM p x JOIN a y ON x.id = y.id
      AND x.ts BETWEEN y.ts AND y.ts + INTERVAL '5' SECOND GROUP BY window(x.ts, '10 seconds'), x.id)`;
    expect(join(q(side('p', TEN), joined, 'l.we = r.we')).windowJoin).toBe(true);
  });
});
