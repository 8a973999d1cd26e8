// Engine API: streaming queries, rxjs outputs, durable result tables across engines, typed errors.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TidemarkError } from '../common/errors.js';
import { Engine } from './engine.js';
import type { EmittedBatch } from './streaming-query.js';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-test-'));

const SETUP = [
  `CREATE SOURCE clicks (page STRING, ts TIMESTAMP)`,
  `CREATE QUERY c AS SELECT window.start AS ws, page, count(*) AS n FROM clicks
     GROUP BY window(ts, '10 minutes'), page WATERMARK ts 5 minutes EMIT APPEND`,
];

function startQuery(engine: Engine) {
  engine.execute(SETUP[0]!);
  const r = engine.execute(SETUP[1]!);
  if (r.kind !== 'query') throw new Error('expected a query');
  return r.query;
}

const rows = (b: EmittedBatch): unknown[] => b.table.toArray().map((r) => ({ ...(r as object) }));

describe('Engine', () => {
  it('emits batches on output$ and progress on progress$', () => {
    const engine = new Engine({ checkpointRoot: tmp() });
    const q = startQuery(engine);
    const seen: EmittedBatch[] = [];
    const progress: number[] = [];
    q.output$.subscribe((b) => seen.push(b));
    q.progress$.subscribe((p) => progress.push(p.numInputRows));
    engine.execute(`INSERT INTO clicks VALUES ('a', '2024-01-01 00:01:00'), ('b', '2024-01-01 00:02:00'), ('a', '2024-01-01 00:16:00')`);
    const out = q.processAllAvailable();
    expect(out.map((b) => [b.batchId, b.watermark])).toEqual([[0, undefined], [1, Date.UTC(2024, 0, 1, 0, 11) * 1000]]);
    expect(seen).toEqual(out);
    expect(progress).toEqual([3, 0]);
    const start = Date.UTC(2024, 0, 1); // Arrow JS reads TIMESTAMP(MICROSECOND) values as epoch milliseconds
    expect(rows(out[1]!).sort((x, y) => String((x as { page: string }).page).localeCompare((y as { page: string }).page)))
      .toEqual([{ ws: start, page: 'a', n: 1n }, { ws: start, page: 'b', n: 1n }]);
    expect(q.lastProgress?.stateOperators[0]?.numRowsTotal).toBe(1);
  });

  it('tells API subscribers which earlier rows a session merge replaced (EMIT UPDATE)', () => {
    const engine = new Engine({ checkpointRoot: tmp() });
    engine.execute(`CREATE SOURCE s (u STRING, ts TIMESTAMP)`);
    engine.execute(`CREATE QUERY q AS SELECT u, count(*) AS n FROM s GROUP BY session_window(ts, '10 seconds'), u EMIT UPDATE`);
    const q = engine.query('q')!;
    engine.execute(`INSERT INTO s VALUES ('a', '2024-01-01 00:00:00'), ('a', '2024-01-01 00:00:20')`);
    expect(q.processAllAvailable().map((b) => b.retracted.numRows)).toEqual([0]);
    engine.execute(`INSERT INTO s VALUES ('a', '2024-01-01 00:00:10')`);
    const [b] = q.processAllAvailable();
    const s0 = Date.UTC(2024, 0, 1);
    expect(b!.table.toArray().map((r) => ({ ...(r as object) }))).toEqual([{ u: 'a', n: 3n }]);
    expect(b!.retracted.toArray().map((r): unknown[] => Object.values(r as Record<string, unknown>))).toEqual([[s0 + 20_000, s0 + 30_000, 'a'], [s0, s0 + 10_000, 'a']]);
  });

  it('keeps the committed result table and state when a new engine reopens the checkpoint', () => {
    const root = tmp();
    const first = new Engine({ checkpointRoot: root });
    const q1 = startQuery(first);
    first.execute(`INSERT INTO clicks VALUES ('a', '2024-01-01 00:01:00'), ('a', '2024-01-01 00:16:00')`);
    q1.processAllAvailable();
    first.close();

    const second = new Engine({ checkpointRoot: root });
    const q2 = startQuery(second);
    const table = second.execute('SELECT * FROM c');
    expect(table.kind === 'result' && table.table.numRows).toBe(1);
    // A memory source lives in process memory: its offsets are row positions, so the new process
    // replays the first two rows (already committed, so skipped) before the new ones.
    second.execute(`INSERT INTO clicks VALUES ('a', '2024-01-01 00:01:00'), ('a', '2024-01-01 00:16:00')`);
    // The open window [00:10, 00:20) survived in state: a new row joins it and the count becomes 2.
    second.execute(`INSERT INTO clicks VALUES ('a', '2024-01-01 00:12:00'), ('a', '2024-01-01 00:40:00')`);
    const out = q2.processAllAvailable();
    expect(out.map((b) => b.batchId)).toEqual([2, 3]);
    const emitted = out.flatMap(rows) as { page: string; n: bigint }[];
    expect(emitted.map((r) => [r.page, r.n])).toEqual([['a', 2n]]);
  });

  it('re-runs a batch planned but not committed only once its input and tables are back (a new process refills them)', () => {
    const root = tmp();
    const script = (e: Engine): void => {
      e.execute(`CREATE SOURCE s (k BIGINT, ts TIMESTAMP) WITH (max_rows_per_batch = 2)`);
      e.execute(`CREATE TABLE t (id BIGINT, name STRING)`);
      e.execute(`CREATE QUERY j AS SELECT s.k, t.name FROM s JOIN t ON s.k = t.id`);
      e.execute(`INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three'), (4, 'four')`);
      e.execute(`INSERT INTO s VALUES (1, '2024-01-01 00:00:00'), (2, '2024-01-01 00:00:01'), (3, '2024-01-01 00:00:02'), (4, '2024-01-01 00:00:03')`);
    };
    const first = new Engine({ checkpointRoot: root });
    script(first);
    first.trigger();
    first.close();
    // What a crash between logging batch 1's offsets and committing it leaves behind.
    fs.rmSync(path.join(root, 'j', 'commits', '1.json'));
    fs.rmSync(path.join(root, 'j', 'sink', '1.batch.arrow'));
    const second = new Engine({ checkpointRoot: root });
    script(second);
    const out = second.trigger();
    expect(out.map((b) => ('batchId' in b ? b.batchId : -1))).toEqual([1]);
    const table = second.execute('SELECT * FROM j');
    expect(table.kind === 'result' && table.table.toArray().map((r: { name: string }) => r.name).sort()).toEqual(['four', 'one', 'three', 'two']);
  });

  it('refuses a checkpoint written by a different plan', () => {
    const root = tmp();
    const first = new Engine({ checkpointRoot: root });
    startQuery(first);
    first.close();
    const second = new Engine({ checkpointRoot: root });
    second.execute(SETUP[0]!);
    expect(() => second.execute(`CREATE QUERY c AS SELECT page FROM clicks`)).toThrow(expect.objectContaining({ code: 'CHECKPOINT_ERROR' }) as Error);
  });

  it('throws typed errors with codes and positions, and applies nothing on failure', () => {
    const engine = new Engine({ checkpointRoot: tmp() });
    engine.execute(`CREATE TABLE t (id INT NOT NULL, name STRING)`);
    const err = (sql: string): TidemarkError => {
      try {
        engine.execute(sql);
      } catch (e) {
        return e as TidemarkError;
      }
      throw new Error(`no error for ${sql}`);
    };
    expect(err('SELEC 1')).toMatchObject({ code: 'PARSE_ERROR', position: { line: 1, column: 1 } });
    expect(err('SELECT nope FROM t')).toMatchObject({ code: 'UNRESOLVED_COLUMN', position: { line: 1, column: 8 } });
    expect(err(`INSERT INTO t VALUES (1, 'a'), (NULL, 'b')`).code).toBe('INVALID_INPUT');
    const r = engine.execute('SELECT count(*) AS n FROM t');
    expect(r.kind === 'result' && r.table.toArray().map((x) => (x as { n: bigint }).n)).toEqual([0n]);
    expect(err(`CREATE TABLE t (x INT)`).code).toBe('ALREADY_EXISTS');
    expect(err('SELECT * FROM nowhere').code).toBe('UNRESOLVED_RELATION');
    // Planner rules point at the query they refuse.
    engine.execute(`CREATE SOURCE s (k INT, ts TIMESTAMP)`);
    expect(err(`CREATE QUERY q AS\n  SELECT k FROM s ORDER BY k`)).toMatchObject({ code: 'UNSUPPORTED_STREAMING_OPERATION', position: { line: 2, column: 3 } });
    // Generated SQL with thousands of chained operators is refused with a typed error; the engine goes on.
    expect(err(`SELECT ${Array.from({ length: 20_000 }, () => '1').join(' + ')} AS x`)).toMatchObject({ code: 'UNSUPPORTED_FEATURE', position: { line: 1, column: 1 } });
    expect(engine.execute('SELECT 1 + 1 AS x').kind).toBe('result');
  });

  it('EXPLAIN shows stages, state and mode', () => {
    const engine = new Engine({ checkpointRoot: tmp() });
    engine.execute(SETUP[0]!);
    const r = engine.execute(`EXPLAIN ${SETUP[1]!}`);
    const text = r.kind === 'result' ? r.table.toArray().map((x) => (x as { plan: string }).plan).join('\n') : '';
    expect(text).toContain('mode APPEND');
    expect(text).toContain('STATEFUL: evicts groups when window_end <= watermark');
    expect(text).toContain('Watermark ts delay 5 minutes');
    expect(text).toContain('Scan source clicks (streaming)');
  });
});
