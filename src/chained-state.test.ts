// Chained stateful operators keep bounded state: join, aggregation and window-join state goes once the watermark
// passes it, batch after batch, over a long stream (issue 4: "a test shows state rows going back down").

import { describe, expect, it } from 'vitest';
import { Engine } from './engine.js';

const T0 = Date.UTC(2024, 0, 1);
const ts = (ms: number): string => new Date(T0 + ms).toISOString().replace('T', ' ').replace('Z', '');

/** Feeds 60 batches of 50 rows, 1 s of event time each, and returns each operator's state rows after every batch. */
function run(engine: Engine, query: string, source: string, row: (i: number, t: number) => string): number[][] {
  const q = engine.query(query)!;
  const states: number[][] = [];
  for (let b = 0; b < 60; b++) {
    engine.execute(`INSERT INTO ${source} VALUES ${Array.from({ length: 50 }, (_, i) => row(b * 50 + i, b * 1000 + i * 20)).join(', ')}`);
    q.processAllAvailable();
    states.push(q.lastProgress!.stateOperators.map((o) => o.numRowsTotal));
  }
  return states;
}

describe('chained stateful operators', () => {
  it('a window join (Nexmark q5 shape) keeps a few windows of state, not the whole stream', () => {
    const engine = new Engine({ checkpointRoot: undefined });
    engine.execute(`CREATE SOURCE bid (auction BIGINT, price BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)`);
    engine.execute(`CREATE QUERY q5 WITH (checkpoint = 'memory') AS
      SELECT ab.auction, ab.num, ab.ws
      FROM (SELECT auction, count(*) AS num, window.start AS ws, window.end AS we FROM bid GROUP BY window(ts, '4 seconds', '2 seconds'), auction) ab
      JOIN (SELECT max(num) AS maxn, ws, we
            FROM (SELECT auction, count(*) AS num, window.start AS ws, window.end AS we FROM bid GROUP BY window(ts, '4 seconds', '2 seconds'), auction)
            GROUP BY ws, we) mb
      ON ab.we = mb.we AND ab.ws = mb.ws AND ab.num >= mb.maxn`);
    const states = run(engine, 'q5', 'bid', (i, t) => `(${i % 7}, ${i % 13}, '${ts(t)}')`);
    const total = states.map((s) => s.reduce((a, b) => a + b, 0));
    // Three stateful operators: the per-auction count (7 auctions x a few open windows; both sides use it and the
    // planner shares it), the max over it, the join.
    expect(states[0]!.length).toBe(3);
    expect(Math.max(...total.slice(10))).toBeLessThan(60);
    // 3,000 rows went in; the state never grows with them.
    expect(Math.max(...total.slice(10))).toBeLessThanOrEqual(Math.max(...total.slice(0, 10)) + 10);
    expect(engine.execute('SELECT count(*) AS n FROM q5').kind).toBe('result');
  });

  it('an aggregation over a stream-stream join evicts join rows and windows as the watermark passes', () => {
    const engine = new Engine({ checkpointRoot: undefined });
    engine.execute(`CREATE SOURCE imp (ad BIGINT, its TIMESTAMP, WATERMARK FOR its AS its - INTERVAL '1' SECOND)`);
    engine.execute(`CREATE SOURCE clk (ad BIGINT, cts TIMESTAMP, WATERMARK FOR cts AS cts - INTERVAL '1' SECOND)`);
    engine.execute(`CREATE QUERY q WITH (checkpoint = 'memory') AS
      SELECT window.start AS ws, count(*) AS n
      FROM imp i JOIN clk c ON i.ad = c.ad AND c.cts BETWEEN i.its AND i.its + INTERVAL '2' SECOND
      GROUP BY window(i.its, '5 seconds')`);
    const q = engine.query('q')!;
    const states: number[] = [];
    for (let b = 0; b < 60; b++) {
      const imps: string[] = [];
      const clks: string[] = [];
      for (let i = 0; i < 50; i++) {
        const id = b * 50 + i;
        imps.push(`(${id}, '${ts(b * 1000 + i * 20)}')`);
        if (id % 2 === 0) clks.push(`(${id}, '${ts(b * 1000 + i * 20 + 500)}')`);
      }
      engine.execute(`INSERT INTO imp VALUES ${imps.join(', ')}`);
      engine.execute(`INSERT INTO clk VALUES ${clks.join(', ')}`);
      q.processAllAvailable();
      states.push(q.lastProgress!.stateOperators.reduce((a, o) => a + o.numRowsTotal, 0));
    }
    // About 4 s of impressions (range 2 s + watermark delay 1 s + a batch) and 2 s of clicks, not 3,000 rows.
    expect(Math.min(...states.slice(10))).toBeGreaterThan(100);
    expect(Math.max(...states.slice(10))).toBeLessThan(250);
    // A pair far in the future moves the watermark past everything: the state goes back down to that pair.
    engine.execute(`INSERT INTO imp VALUES (-1, '${ts(200_000)}')`);
    engine.execute(`INSERT INTO clk VALUES (-1, '${ts(200_500)}')`);
    q.processAllAvailable();
    expect(q.lastProgress!.stateOperators.map((o) => o.numRowsTotal)).toEqual([2, 1]);
    // Every closed 5 s window counted its 125 clicked impressions (1 in 2 of 250), none dropped as late.
    const r = engine.execute('SELECT n FROM q');
    const counts = r.kind === 'result' ? r.table.toArray().map((x) => Number((x as { n: bigint }).n)) : [];
    expect(counts.length).toBeGreaterThan(9);
    expect(new Set(counts)).toEqual(new Set([125]));
  });
});
