// Progress through the API: Spark's StreamingQueryProgress fields, JSON-safe, on each query and on the engine.

import { describe, expect, it } from 'vitest';
import type { BatchProgress } from '../runtime/index.js';
import { Engine } from './engine.js';

const newQuery = (engine: Engine) => {
  engine.execute(`CREATE SOURCE clicks (page STRING, ts TIMESTAMP)`);
  engine.execute(`CREATE QUERY c AS SELECT window.start AS ws, page, count(*) AS n FROM clicks
     GROUP BY window(ts, '10 minutes'), page WATERMARK ts 5 minutes EMIT APPEND`);
  return engine.query('c')!;
};

describe('batch progress', () => {
  it("reports Spark's fields, event times and the watermark as ISO-8601, and survives JSON", () => {
    const engine = new Engine();
    const q = newQuery(engine);
    const seen: BatchProgress[] = [];
    engine.progress$.subscribe((p) => seen.push(p));
    const before = Date.now();
    engine.execute(`INSERT INTO clicks VALUES ('a', '2024-01-01 00:01:00'), ('b', '2024-01-01 00:02:00'), ('a', '2024-01-01 00:16:00')`);
    q.processAllAvailable();
    const after = Date.now();
    expect(seen.map((p) => p.batchId)).toEqual([0, 1]);
    const [p0, p1] = seen as [BatchProgress, BatchProgress];
    for (const p of seen) {
      expect(JSON.parse(JSON.stringify(p))).toEqual(p);
      expect(p.name).toBe('c');
      expect(p.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(Date.parse(p.timestamp)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(p.timestamp)).toBeLessThanOrEqual(after);
    }
    expect(Date.parse(p1.timestamp)).toBeGreaterThanOrEqual(Date.parse(p0.timestamp));
    expect(p0).toMatchObject({
      numInputRows: 3,
      inputRowsPerSecond: 0, // the first batch of a run has no previous trigger
      eventTime: { min: '2024-01-01T00:01:00.000Z', max: '2024-01-01T00:16:00.000Z', avg: '2024-01-01T00:06:20.000Z', watermark: null },
      sources: [{ description: 'clicks', startOffset: 0, endOffset: 3, numInputRows: 3 }],
      sink: { description: 'result table c', numOutputRows: 0 },
    });
    expect(p0.stateOperators.map((s) => [s.numRowsTotal, s.numRowsUpdated, s.numRowsRemoved])).toEqual([[3, 3, 0]]);
    // The no-data batch: no rows, so no event times; the watermark moved to 00:16 - 5 min and closed [00:00, 00:10).
    expect(p1).toMatchObject({
      numInputRows: 0,
      inputRowsPerSecond: 0,
      eventTime: { min: null, max: null, avg: null, watermark: '2024-01-01T00:11:00.000Z' },
      sink: { numOutputRows: 2 },
    });
    expect(p1.stateOperators[0]).toMatchObject({ numRowsTotal: 1, numRowsRemoved: 2 });
    expect(q.lastProgress).toBe(p1);
    // Counts are per batch: a batch that evicts nothing removes nothing, however much earlier ones did.
    engine.execute(`INSERT INTO clicks VALUES ('c', '2024-01-01 00:12:00')`);
    q.processAllAvailable();
    expect(q.lastProgress?.stateOperators[0]).toMatchObject({ numRowsTotal: 2, numRowsUpdated: 1, numRowsRemoved: 0 });
  });

  it("counts a stream–stream join's added state rows per batch (numRowsUpdated) and its evicted ones (numRowsRemoved)", () => {
    const engine = new Engine();
    engine.execute(`CREATE SOURCE l (k BIGINT, ts TIMESTAMP)`);
    engine.execute(`CREATE SOURCE r (k BIGINT, ts TIMESTAMP)`);
    engine.execute(`CREATE QUERY j AS SELECT l.k, r.ts AS rts FROM l JOIN r ON l.k = r.k
      AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '1' MINUTE WATERMARK l.ts 0 seconds, r.ts 0 seconds`);
    const q = engine.query('j')!;
    const seen: BatchProgress[] = [];
    q.progress$.subscribe((p) => seen.push(p));
    engine.execute(`INSERT INTO l VALUES (1, '2024-01-01 00:00:00'), (2, '2024-01-01 00:00:30')`);
    engine.execute(`INSERT INTO r VALUES (1, '2024-01-01 00:00:10'), (3, '2024-01-01 00:00:20'), (2, '2024-01-01 00:05:00')`);
    q.processAllAvailable();
    // Batch 0 keeps all five rows; the no-data batch after it (watermark 00:00:30) adds none and evicts some.
    expect(seen[0]!.stateOperators[0]).toMatchObject({ numRowsTotal: 5, numRowsUpdated: 5, numRowsRemoved: 0 });
    expect(seen.slice(1).map((p) => p.stateOperators[0]!.numRowsUpdated)).toEqual(seen.slice(1).map(() => 0));
    const evicted = seen.slice(1).reduce((n, p) => n + p.stateOperators[0]!.numRowsRemoved, 0);
    expect(evicted).toBeGreaterThan(0);
    expect(q.lastProgress!.stateOperators[0]!.numRowsTotal).toBe(5 - evicted);
    engine.execute(`INSERT INTO l VALUES (3, '2024-01-01 00:06:00')`);
    q.processAllAvailable();
    expect(seen.find((p) => p.numInputRows === 1)!.stateOperators[0]!.numRowsUpdated).toBe(1);
  });

  it('measures inputRowsPerSecond over the time since the previous batch started', () => {
    const engine = new Engine();
    newQuery(engine);
    // A stateless query: one batch per call, no no-data batches in between.
    engine.execute(`CREATE QUERY pages AS SELECT page FROM clicks`);
    const q = engine.query('pages')!;
    const seen: BatchProgress[] = [];
    q.progress$.subscribe((p) => seen.push(p));
    engine.execute(`INSERT INTO clicks VALUES ('a', '2024-01-01 00:01:00')`);
    const from = performance.now();
    q.processAllAvailable();
    engine.execute(`INSERT INTO clicks VALUES ('a', '2024-01-01 00:02:00'), ('a', '2024-01-01 00:03:00'), ('b', '2024-01-01 00:03:00')`);
    q.processAllAvailable();
    const to = performance.now();
    const [first, second] = seen as [BatchProgress, BatchProgress];
    expect(seen.map((p) => p.numInputRows)).toEqual([1, 3]);
    // The second batch started after the first ended, and both started within [from, to].
    const rate = second.inputRowsPerSecond;
    expect(rate).toBeGreaterThanOrEqual((3 * 1000) / (to - from));
    expect(rate).toBeLessThanOrEqual((3 * 1000) / first.durationMs.triggerExecution);
    expect(second.processedRowsPerSecond).toBeCloseTo((3 * 1000) / second.durationMs.triggerExecution, 6);
  });

  it('reports every query on engine.progress$ and completes it on close', () => {
    const engine = new Engine();
    newQuery(engine);
    engine.execute(`CREATE QUERY all_rows AS SELECT page FROM clicks`);
    const names: string[] = [];
    let done = false;
    engine.progress$.subscribe({ next: (p) => names.push(`${p.name} ${p.batchId}`), complete: () => { done = true; } });
    engine.execute(`INSERT INTO clicks VALUES ('a', '2024-01-01 00:01:00')`);
    engine.execute('TRIGGER');
    expect(names).toEqual(['c 0', 'c 1', 'all_rows 0']);
    engine.execute(`RESTART all_rows`);
    engine.execute(`INSERT INTO clicks VALUES ('a', '2024-01-01 00:02:00')`);
    engine.execute('TRIGGER');
    expect(names).toEqual(['c 0', 'c 1', 'all_rows 0', 'c 2', 'c 3', 'all_rows 1']);
    expect(done).toBe(false);
    engine.close();
    expect(done).toBe(true);
  });
});
