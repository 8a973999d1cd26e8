// End-to-end crash safety of chained stateful operators (APPEND): SELECT DISTINCT feeding a windowed count, and a
// windowed aggregation over the window.end of another one. Each script runs in the real CLI in a child process that
// an `--import` hook SIGKILLs at exact points of the checkpoint protocol (right after the Nth file it publishes), or a
// few milliseconds after one (mid-batch, wherever the process then is); the script is then re-run from the start
// and its results compared with a clean run's. The lower operator of each chain also runs alone, with `late_rows`,
// to show what the watermark drops and to check the chain against it. The two scripts run side by side.

import { describe, it } from 'vitest';
import { cells, crashAndCompare, ms, useBundledCli, type Scenario } from './crash-recovery.test-support.js';

const D_ROWS = 30_000;
const DW_WINDOW_MS = 250;
const WW_WINDOW_MS = 60_000;

// Within a batch, state files are written for each stateful operator (the lower one first), then late rows, then the
// result, then the commit.
const SCENARIOS: readonly Scenario[] = [{
  name: 'DISTINCT into a tumbling window',
  // One row every 2 ms (2 s of event time a batch), k in 1..3, up to 100 ms out of order: (k, ts) repeats, and with
  // a 50 ms watermark delay some of the first rows of each batch are late. 30 data batches, then a no-data batch.
  script: `
CREATE SOURCE d (k BIGINT, ts TIMESTAMP)
  WITH (connector = 'datagen', rows = ${D_ROWS}, seed = 21, rows_per_batch = 1000, step = '2 ms',
        max_out_of_order = '100 ms', 'fields.k.min' = 1, 'fields.k.max' = 3);
CREATE QUERY dw AS
  SELECT window.start AS ws, k, count(*) AS n, min(ts) AS lo, max(ts) AS hi
  FROM (SELECT DISTINCT k, ts FROM d WATERMARK ts 50 milliseconds)
  GROUP BY window(ts, '${DW_WINDOW_MS} milliseconds'), k
  EMIT APPEND;
CREATE QUERY dd WITH (late_rows = 'dd_late') AS SELECT DISTINCT k, ts FROM d WATERMARK ts 50 milliseconds;
TRIGGER;
SELECT * FROM dw;
SELECT * FROM dd;
SELECT * FROM dd_late;
`,
  queries: ['dw', 'dd'],
  tables: ['dw', 'dd', 'dd_late'],
  kills: [
    // The DISTINCT snapshots its (small, evicted) state nearly every batch: this lands after a snapshot.
    { query: 'dw', what: 'between the DISTINCT and the window state files of a batch', at: '/dw/state/', nth: 7 },
    // The next process re-runs that batch first: a second crash in it, its state files now written again.
    { query: 'dw', what: 'in the re-run of that batch, after its result file', at: '/dw/sink/', nth: 1 },
    { query: 'dw', what: 'after the result file, before the commit', at: '/dw/sink/', nth: 6 },
    { query: 'dw', what: 'after the commit of a snapshot, before older state files are purged', at: '/dw/state/[^/]+/\\d+\\.snapshot\\.arrow$', nth: 3, then: '/dw/commits/' },
    { query: 'dw', what: 'mid-batch', at: '/dw/offsets/', nth: 6, delayMs: 4 },
    // The no-data batch that closes the last windows.
    { query: 'dw', what: 'between the state files of the last (no-data) batch', at: '/dw/state/[^/]+/last\\.', nth: 1 },
    { query: 'dd', what: 'after the late-row file, before the result and the commit', at: '/dd/late/', nth: 3 },
  ],
  checkClean(t, expect) {
    expect(t.dw.length).toBeGreaterThan(500);
    expect(t.dd_late.length).toBeGreaterThan(50);
    expect(new Set(t.dd).size).toBe(t.dd.length);
    // DISTINCT removes repeated (k, ts), but most rows are distinct.
    expect(t.dd.length + t.dd_late.length).toBeLessThan(D_ROWS * 0.97);
    expect(t.dd.length).toBeGreaterThan(D_ROWS * 0.8);
    // Each dw row is the count, min and max of the dd rows of its window and key: the window drops none of what the
    // DISTINCT emits, and the chain's DISTINCT drops what dd drops. Every window up to the last emitted one is there.
    const fromDd = new Map<string, { n: number; lo: number; hi: number }>();
    for (const r of t.dd) {
      const [k = '', ts = ''] = cells(r);
      const time = ms(ts);
      const key = `${Math.floor(time / DW_WINDOW_MS) * DW_WINDOW_MS}|${k}`;
      const g = fromDd.get(key) ?? { n: 0, lo: Infinity, hi: -Infinity };
      fromDd.set(key, { n: g.n + 1, lo: Math.min(g.lo, time), hi: Math.max(g.hi, time) });
    }
    let last = -Infinity;
    for (const r of t.dw) {
      const [ws = '', k = '', n, lo = '', hi = ''] = cells(r);
      const key = `${ms(ws)}|${k}`;
      expect({ n: Number(n), lo: ms(lo), hi: ms(hi) }, `dw row ${r}`).toEqual(fromDd.get(key));
      fromDd.delete(key);
      last = Math.max(last, ms(ws));
    }
    expect([...fromDd.keys()].filter((key) => Number(key.split('|')[0]) <= last), 'dd windows missing from dw').toEqual([]);
  },
}, {
  name: 'a tumbling window over the window.end of another',
  // One row every 100 ms, k in 1..10, up to 12 s out of order with a 4 s delay; 1234 rows a batch, so batch
  // boundaries drift across the 10 s windows and in about half the batches rows fall in windows the watermark has
  // closed. 30 data batches, then a no-data batch that closes the last windows at both levels.
  script: `
CREATE SOURCE w (k BIGINT, x BIGINT, ts TIMESTAMP)
  WITH (connector = 'datagen', rows = 36000, seed = 22, rows_per_batch = 1234, step = '100 ms',
        max_out_of_order = '12 seconds', 'fields.k.min' = 1, 'fields.k.max' = 10, 'fields.x.min' = 0, 'fields.x.max' = 1000);
CREATE QUERY ww AS
  SELECT window.start AS ws, k, max(n) AS mx, sum(n) AS total, sum(s) AS s, count(*) AS windows
  FROM (SELECT window.end AS we, k, count(*) AS n, sum(x) AS s FROM w
        GROUP BY window(ts, '10 seconds'), k WATERMARK ts 4 seconds EMIT APPEND)
  GROUP BY window(we, '${WW_WINDOW_MS / 1000} seconds'), k
  EMIT APPEND;
CREATE QUERY wi WITH (late_rows = 'wi_late') AS
  SELECT window.end AS we, k, count(*) AS n, sum(x) AS s FROM w GROUP BY window(ts, '10 seconds'), k WATERMARK ts 4 seconds EMIT APPEND;
TRIGGER;
SELECT * FROM ww;
SELECT * FROM wi;
SELECT * FROM wi_late;
`,
  queries: ['ww', 'wi'],
  tables: ['ww', 'wi', 'wi_late'],
  kills: [
    { query: 'ww', what: 'between the inner and the outer window state files of a batch', at: '/ww/state/', nth: 5 },
    { query: 'ww', what: 'in the re-run of that batch, after its result file', at: '/ww/sink/', nth: 1 },
    { query: 'ww', what: 'after a state snapshot, before the commit', at: '/ww/state/[^/]+/\\d+\\.snapshot\\.arrow$', nth: 1 },
    { query: 'ww', what: 'after the result file, before the commit', at: '/ww/sink/', nth: 4 },
    { query: 'ww', what: 'mid-batch', at: '/ww/offsets/', nth: 6, delayMs: 4 },
    // The no-data batch that closes the last windows at both levels.
    { query: 'ww', what: 'between the state files of the last (no-data) batch', at: '/ww/state/[^/]+/last\\.', nth: 1 },
    { query: 'wi', what: 'after the late-row file, before the result and the commit', at: '/wi/late/', nth: 4 },
    // After the very last commit: the process is rendering the final SELECTs.
    { query: 'wi', what: 'after the last commit', at: '/wi/commits/last\\.json$', nth: 1 },
  ],
  checkClean(t, expect) {
    expect(t.ww.length).toBeGreaterThan(500);
    expect(t.wi_late.length).toBeGreaterThan(50);
    // Each ww row aggregates the wi rows whose window end falls in its minute: the outer window drops none of what
    // the inner one emits. Every minute up to the last emitted one is there.
    const fromWi = new Map<string, { mx: number; total: number; s: number; windows: number }>();
    for (const r of t.wi) {
      const [we = '', k = '', n, s] = cells(r);
      const key = `${Math.floor(ms(we) / WW_WINDOW_MS) * WW_WINDOW_MS}|${k}`;
      const g = fromWi.get(key) ?? { mx: -Infinity, total: 0, s: 0, windows: 0 };
      fromWi.set(key, { mx: Math.max(g.mx, Number(n)), total: g.total + Number(n), s: g.s + Number(s), windows: g.windows + 1 });
    }
    let last = -Infinity;
    for (const r of t.ww) {
      const [ws = '', k = '', mx, total, s, windows] = cells(r);
      const key = `${ms(ws)}|${k}`;
      expect({ mx: Number(mx), total: Number(total), s: Number(s), windows: Number(windows) }, `ww row ${r}`).toEqual(fromWi.get(key));
      fromWi.delete(key);
      last = Math.max(last, ms(ws));
    }
    expect([...fromWi.keys()].filter((key) => Number(key.split('|')[0]) <= last), 'wi windows missing from ww').toEqual([]);
  },
}];

describe.concurrent('crash recovery of chained stateful operators', () => {
  useBundledCli();
  for (const sc of SCENARIOS) {
    it(`${sc.name}: killed at many points, ends with exactly the results of an uninterrupted run`, async ({ expect }) => {
      await crashAndCompare(sc, expect);
    }, 120_000);
  }
});
