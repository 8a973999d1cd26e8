// Query triggers under fake timers: intervals without pile-up, once, available_now, continuous, stop and failures.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Engine } from './engine.js';
import type { StreamingQuery, TriggerOutcome } from './streaming-query.js';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-triggers-'));

function create(engine: Engine, sql: string): StreamingQuery {
  const r = engine.execute(sql);
  if (r.kind !== 'query') throw new Error('expected a query');
  return r.query;
}

/** Each batch the query emits: the fake clock when it ended, its id, its input rows and the values of column 0. */
function record(q: StreamingQuery): { at: number; id: number; input: number; values: unknown[] }[] {
  const seen: { at: number; id: number; input: number; values: unknown[] }[] = [];
  q.output$.subscribe((b) => {
    seen.push({ at: Date.now(), id: b.batchId, input: q.lastProgress!.numInputRows, values: b.table.toArray().map((r): unknown => Object.values(r as object)[0]) });
  });
  return seen;
}

let engines: Engine[] = [];
function engine(opts: ConstructorParameters<typeof Engine>[0] = {}): Engine {
  const e = new Engine({ checkpointRoot: tmp(), ...opts });
  engines.push(e);
  return e;
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});

afterEach(() => {
  for (const e of engines) e.close();
  engines = [];
  vi.useRealTimers();
});

describe('trigger = <interval>', () => {
  it('runs one batch per interval, and a slow batch delays the next instead of piling up', () => {
    const e = engine();
    e.execute(`CREATE SOURCE s (v INT)`);
    e.execute(`INSERT INTO s VALUES (0), (1), (2), (3), (4)`);
    const q = create(e, `CREATE QUERY q WITH (trigger = '500 ms', max_rows_per_batch = 1, checkpoint = 'memory') AS SELECT v FROM s`);
    // The batch that reads v = 2 takes 700 ms of the clock: it starts at 1000 and ends at 1700.
    q.output$.subscribe((b) => {
      if (b.table.toArray().some((r) => (r as { v: number }).v === 2)) vi.setSystemTime(Date.now() + 700);
    });
    const seen = record(q);
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(seen.map((b) => [b.at, b.values])).toEqual([[0, [0]]]);
    vi.advanceTimersByTime(499);
    expect(seen).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(seen.map((b) => [b.at, b.values])).toEqual([[0, [0]], [500, [1]]]);
    // The clock passes 1500 while the slow batch runs: one batch follows it at once (fake timers run an immediate
    // queued during a tick 1 ms later) and the next an interval after that; then ticks find no input and run nothing.
    vi.advanceTimersByTime(3000 - 500);
    expect(seen.map((b) => [b.at, b.values])).toEqual([[0, [0]], [500, [1]], [1700, [2]], [1701, [3]], [2201, [4]]]);
    expect(seen.map((b) => b.id)).toEqual([0, 1, 2, 3, 4]);
    // advanceTimersByTime moved its end by the 700 ms the batch took; ticks are due at 3701, 4201, ...
    expect(Date.now()).toBe(3700);
    vi.advanceTimersByTime(1);
    expect(seen).toHaveLength(5);
    // An INSERT right after a tick does not wake an interval query: its rows wait for the next tick.
    e.execute(`INSERT INTO s VALUES (5)`);
    vi.advanceTimersByTime(499);
    expect(seen).toHaveLength(5);
    vi.advanceTimersByTime(1);
    expect(seen.slice(5).map((b) => [b.at, b.values])).toEqual([[4201, [5]]]);
  });
});

describe('trigger = once', () => {
  it('runs one batch over everything available, ignoring per-batch caps, then its no-data batch, and stops', async () => {
    const e = engine();
    e.execute(`CREATE SOURCE clicks (page STRING, ts TIMESTAMP) WITH (max_rows_per_batch = 2)`);
    e.execute(`INSERT INTO clicks VALUES ('a', '2024-01-01 00:01:00'), ('b', '2024-01-01 00:02:00'), ('a', '2024-01-01 00:16:00'),
      ('a', '2024-01-01 00:17:00'), ('b', '2024-01-01 00:31:00')`);
    const q = create(e, `CREATE QUERY w WITH (trigger = 'once', checkpoint = 'memory') AS
      SELECT window.start AS ws, page, count(*) AS n FROM clicks GROUP BY window(ts, '10 minutes'), page WATERMARK ts 5 minutes EMIT APPEND`);
    const seen = record(q);
    const done = q.awaitTermination();
    vi.advanceTimersByTime(0);
    expect(seen.map((b) => [b.id, b.input, b.values.length])).toEqual([[0, 5, 0], [1, 0, 3]]);
    expect(q.isActive).toBe(false);
    await expect(done).resolves.toBeUndefined();
    e.execute(`INSERT INTO clicks VALUES ('c', '2024-01-01 01:00:00')`);
    vi.advanceTimersByTime(10_000);
    expect(seen).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
    const shown = e.execute('SHOW QUERIES');
    expect(shown.kind === 'result' && shown.table.toArray().map((r) => (r as { status: string }).status)).toEqual(['STOPPED']);
  });

  it('ignores max_files_per_trigger too, as Trigger.Once does in Spark', () => {
    const e = engine();
    const dir = fileURLToPath(new URL('../sql-tests/fixtures/files/clicks', import.meta.url));
    e.execute(`CREATE SOURCE clicks (page STRING, user_id BIGINT) WITH (connector = 'files', path = '${dir}', format = 'jsonl',
      max_files_per_trigger = 1, on_error = 'dead_letter')`);
    const q = create(e, `CREATE QUERY o WITH (trigger = 'once', checkpoint = 'memory') AS SELECT user_id FROM clicks`);
    const seen = record(q);
    vi.advanceTimersByTime(0);
    // Both files in the one batch (01.jsonl: 1, 2, NULL; 02.jsonl: 3 and 6, its other records being malformed).
    expect(seen.map((b) => [b.id, b.values])).toEqual([[0, [1n, 2n, null, 3n, 6n]]]);
    expect(q.isActive).toBe(false);
  });
});

describe('trigger = available_now', () => {
  it('over a malformed file: the query is created, then fails with INVALID_INPUT in its first step, and can be RESTARTed', async () => {
    const e = engine();
    const dir = tmp();
    fs.writeFileSync(path.join(dir, '1.jsonl'), '{"k":"x","n":1}\n{"k":"y","n":"zz"}\n');
    e.execute(`CREATE SOURCE f (k STRING, n BIGINT) WITH (connector = 'files', path = '${dir}', format = 'jsonl')`);
    const q = create(e, `CREATE QUERY q WITH (trigger = 'available_now', checkpoint = 'memory') AS SELECT * FROM f`);
    const done = q.awaitTermination();
    vi.advanceTimersByTime(0);
    await expect(done).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const shown = e.execute('SHOW QUERIES');
    expect(shown.kind === 'result' && shown.table.toArray().map((r) => String((r as { status: string }).status))).toEqual([expect.stringContaining('FAILED')]);
    // Fixed, the query runs again from where it stopped.
    fs.writeFileSync(path.join(dir, '1.jsonl'), '{"k":"x","n":1}\n{"k":"y","n":2}\n');
    e.execute('RESTART q');
    const seen = record(q);
    vi.advanceTimersByTime(10);
    expect(seen.map((b) => b.values)).toEqual([['x', 'y']]);
  });

  it('reads what the sources held at start in batches of max_rows_per_batch, then stops; later input waits for the next run', () => {
    const e = engine();
    e.execute(`CREATE SOURCE s (v INT)`);
    e.execute(`INSERT INTO s VALUES (0), (1), (2), (3), (4)`);
    const q = create(e, `CREATE QUERY q WITH (trigger = 'available_now', max_rows_per_batch = 2) AS SELECT v FROM s`);
    const seen = record(q);
    // Arrives after the run started (its first batch has not run yet): left for later.
    e.execute(`INSERT INTO s VALUES (5), (6)`);
    // One batch per step, back to back (fake timers space immediates queued during a tick 1 ms apart).
    vi.advanceTimersByTime(0);
    expect(seen.map((b) => [b.at, b.values])).toEqual([[0, [0, 1]]]);
    vi.advanceTimersByTime(10);
    expect(seen.map((b) => [b.at, b.values])).toEqual([[0, [0, 1]], [1, [2, 3]], [2, [4]]]);
    expect(q.isActive).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
    // RESTART starts another available-now run from the checkpoint: it reads the rows left.
    e.execute('RESTART q');
    vi.advanceTimersByTime(10);
    expect(seen.map((b) => [b.id, b.values])).toEqual([[0, [0, 1]], [1, [2, 3]], [2, [4]], [3, [5, 6]]]);
    expect(q.isActive).toBe(false);
  });
});

describe('continuous (the API default)', () => {
  it('runs a batch as soon as an INSERT brings input, without TRIGGER, and waits when there is none', () => {
    const e = engine();
    e.execute(`CREATE SOURCE s (v INT)`);
    const q = create(e, `CREATE QUERY q WITH (checkpoint = 'memory') AS SELECT v FROM s`);
    const seen = record(q);
    vi.advanceTimersByTime(50);
    expect(seen).toEqual([]);
    e.execute(`INSERT INTO s VALUES (1)`);
    // Woken by the INSERT, not at its next poll of the sources.
    vi.advanceTimersByTime(0);
    expect(seen.map((b) => [b.at, b.values])).toEqual([[50, [1]]]);
    // After a batch it looks for input again at once (fake timers: 1 ms later), so input that arrives meanwhile goes
    // into one batch.
    e.execute(`INSERT INTO s VALUES (2)`);
    e.execute(`INSERT INTO s VALUES (3)`);
    vi.advanceTimersByTime(1);
    expect(seen.map((b) => [b.at, b.values])).toEqual([[50, [1]], [51, [2, 3]]]);
    // TRIGGER still runs it at once; the scheduler then finds nothing left.
    e.execute(`INSERT INTO s VALUES (4)`);
    const t = e.execute('TRIGGER');
    expect(t.kind === 'trigger' && t.batches.map((b) => 'batchId' in b && b.batchId)).toEqual([2]);
    vi.advanceTimersByTime(1000);
    expect(seen.map((b) => b.id)).toEqual([0, 1, 2]);
  });

  it('is manual with defaultTrigger: manual, unless the query sets a trigger', () => {
    const e = engine({ defaultTrigger: 'manual' });
    e.execute(`CREATE SOURCE s (v INT)`);
    const manual = record(create(e, `CREATE QUERY m WITH (checkpoint = 'memory') AS SELECT v FROM s`));
    const cont = record(create(e, `CREATE QUERY c WITH (checkpoint = 'memory', trigger = 'Continuous') AS SELECT v FROM s`));
    e.execute(`INSERT INTO s VALUES (1)`);
    vi.advanceTimersByTime(1000);
    expect([manual.length, cont.length]).toEqual([0, 1]);
  });
});

describe('stopping and failing', () => {
  it('stop() and engine.close() cancel the timers and end awaitTermination', async () => {
    const e = engine();
    e.execute(`CREATE SOURCE s (v INT)`);
    const a = create(e, `CREATE QUERY a WITH (trigger = '1 second', checkpoint = 'memory') AS SELECT v FROM s`);
    const b = create(e, `CREATE QUERY b WITH (checkpoint = 'memory') AS SELECT v FROM s`);
    const seen = record(a);
    vi.advanceTimersByTime(0);
    const done = a.awaitTermination();
    expect(vi.getTimerCount()).toBe(3); // a's next tick, b's poll, the wait's keep-alive
    a.stop();
    await expect(done).resolves.toBeUndefined();
    expect(vi.getTimerCount()).toBe(1);
    e.execute(`INSERT INTO s VALUES (1)`);
    vi.advanceTimersByTime(5000);
    expect(seen).toEqual([]);
    const bDone = b.awaitTermination();
    e.close();
    await expect(bDone).resolves.toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a failed scheduled batch marks the query FAILED with its code, is reported, and stops scheduling', async () => {
    const root = tmp();
    const e = engine({ checkpointRoot: root });
    const outcomes: TriggerOutcome[] = [];
    e.scheduled$.subscribe((o) => outcomes.push(o));
    e.execute(`CREATE SOURCE s (v INT)`);
    const q = create(e, `CREATE QUERY q WITH (trigger = '100 ms') AS SELECT v FROM s`);
    const done = q.awaitTermination();
    // The offsets log cannot be written: a file stands where its directory goes.
    fs.rmSync(path.join(root, 'q', 'offsets'), { recursive: true, force: true });
    fs.writeFileSync(path.join(root, 'q', 'offsets'), '');
    e.execute(`INSERT INTO s VALUES (1)`);
    expect(() => vi.advanceTimersByTime(1000)).not.toThrow();
    expect(outcomes.map((o) => ('error' in o ? o.error.code : o.batchId))).toEqual(['CHECKPOINT_ERROR']);
    expect(q.isActive).toBe(false);
    expect(q.exception?.code).toBe('CHECKPOINT_ERROR');
    await expect(done).rejects.toMatchObject({ code: 'CHECKPOINT_ERROR' });
    expect(vi.getTimerCount()).toBe(0);
    const shown = e.execute('SHOW QUERIES');
    expect(shown.kind === 'result' && shown.table.toArray().map((r) => (r as { status: string }).status)).toEqual(['FAILED: CHECKPOINT_ERROR']);
  });
});
