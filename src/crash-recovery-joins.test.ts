// End-to-end crash safety of the operators that revise or combine results: session windows in EMIT UPDATE (whose
// merges retract rows, checkpointed under retract/), a join of two windowed aggregations of one source (shared
// subplans, window join), and a windowed aggregation over a stream–stream join. The CLI is SIGKILLed at exact points
// of the checkpoint protocol and mid-batch (see crash-recovery.test-support.ts), re-run, and its results compared
// with an uninterrupted run's.

import { describe, it } from 'vitest';
import { crashAndCompare, useBundledCli, type Scenario } from './crash-recovery.test-support.js';

const SCENARIOS: readonly Scenario[] = [{
  name: 'session windows in UPDATE, a window join and an aggregation over a stream-stream join',
  // e: 8 keys, a row every 125 ms, 80 rows (10 s) a batch, up to 3 s out of order, watermark delay 1 s: sessions (gap
  // 2 s) grow and merge across batches, so UPDATE retracts rows now and then. a and b: 6 keys, a row every 20 ms
  // (a) and 30 ms (b), 1,000 and 700 rows a batch, up to 2 s out of order, watermark delay 1 s: some rows are late.
  script: `
CREATE SOURCE e (k BIGINT, x BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH (connector = 'datagen', rows = 2400, seed = 31, rows_per_batch = 80, step = '125 ms',
        max_out_of_order = '3 seconds', 'fields.k.min' = 1, 'fields.k.max' = 8, 'fields.x.min' = 0, 'fields.x.max' = 100);
CREATE SOURCE a (k BIGINT, v BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH (connector = 'datagen', rows = 30000, seed = 32, rows_per_batch = 1000, step = '20 ms',
        max_out_of_order = '2 seconds', 'fields.k.min' = 1, 'fields.k.max' = 6, 'fields.v.min' = 0, 'fields.v.max' = 1000);
CREATE SOURCE b (k BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH (connector = 'datagen', rows = 20000, seed = 33, rows_per_batch = 700, step = '30 ms',
        max_out_of_order = '2 seconds', 'fields.k.min' = 1, 'fields.k.max' = 6);
CREATE QUERY su AS
  SELECT k, window.start AS s, window.end AS e, count(*) AS n, sum(x) AS sx
  FROM e GROUP BY session_window(ts, '2 seconds'), k
  EMIT UPDATE;
CREATE QUERY wj AS
  SELECT x.k, x.ws, x.n, y.m
  FROM (SELECT k, count(*) AS n, window.start AS ws, window.end AS we FROM a GROUP BY window(ts, '5 seconds'), k) x
  JOIN (SELECT k, max(v) AS m, window.start AS ws, window.end AS we FROM a GROUP BY window(ts, '5 seconds'), k) y
  ON x.k = y.k AND x.we = y.we;
CREATE QUERY aj AS
  SELECT window.start AS ws, a.k, count(*) AS n, sum(a.v) AS sv
  FROM a JOIN b ON a.k = b.k AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '200' MILLISECOND
  GROUP BY window(a.ts, '5 seconds'), a.k;
TRIGGER;
SELECT * FROM su;
SELECT * FROM wj;
SELECT * FROM aj;
`,
  queries: ['su', 'wj', 'aj'],
  tables: ['su', 'wj', 'aj'],
  kills: [
    { query: 'su', what: 'after a batch\'s retractions, before its result file', at: '/su/retract/', nth: 2 },
    { query: 'su', what: 'after the result file, before the commit', at: '/su/sink/', nth: 6 },
    { query: 'su', what: 'mid-batch', at: '/su/offsets/', nth: 5, delayMs: 2 },
    { query: 'wj', what: 'between the state files of a batch', at: '/wj/state/', nth: 7 },
    { query: 'wj', what: 'in the re-run of that batch, after its result file', at: '/wj/sink/', nth: 1 },
    { query: 'aj', what: 'after a state snapshot, before the commit', at: '/aj/state/[^/]+/\\d+\\.snapshot\\.arrow$', nth: 1 },
    { query: 'aj', what: 'mid-batch', at: '/aj/offsets/', nth: 8, delayMs: 4 },
    { query: 'aj', what: 'between the state files of the last (no-data) batch', at: '/aj/state/[^/]+/last\\.', nth: 1 },
  ],
  checkClean(t, expect) {
    expect(t.su.length).toBeGreaterThan(100);
    expect(t.wj.length).toBeGreaterThan(100);
    expect(t.aj.length).toBeGreaterThan(50);
    // One row per session: sessions of a key never share a start (a merge replaced the rows it absorbed).
    const starts = t.su.map((r) => r.split('\t').slice(0, 2).join('|'));
    expect(new Set(starts).size).toBe(starts.length);
  },
}];

describe.concurrent('crash recovery of sessions in UPDATE and joins over aggregations', () => {
  useBundledCli();
  for (const sc of SCENARIOS) {
    it(`${sc.name}: killed at many points, ends with exactly the results of an uninterrupted run`, async ({ expect }) => {
      await crashAndCompare(sc, expect);
    }, 180_000);
  }
});
