// Fixed costs: an empty micro-batch with and without checkpointing, checkpointing on q5a, and a long q5a run whose
// state and memory must stay flat because the watermark evicts closed windows.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as arrow from 'apache-arrow';
import { NexmarkSource } from '../runtime/index.js';
import { parseSource, type Dataset } from './dataset.js';
import { EngineBench } from './engine-runner.js';
import { BenchCheckpoint, ReplaySource } from './harness.js';
import type { QueryDef } from './queries.js';
import { currentRssMb } from './rss-sampler.js';

/** Where real checkpoints go: a tmpfs (/dev/shm) when there is one, so that disk speed stays out of the numbers. */
export function checkpointRoot(): { dir: string; tmpfs: boolean } {
  const shm = '/dev/shm';
  try {
    fs.accessSync(shm, fs.constants.W_OK);
    return { dir: fs.mkdtempSync(path.join(shm, 'tidemark-bench-')), tmpfs: true };
  } catch {
    return { dir: fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-bench-')), tmpfs: false };
  }
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
};

export interface EmptyBatchCost {
  /** Median wall time of an empty (no-data) micro-batch, microseconds. */
  readonly empty_us: number;
  /** Median wall time of a one-row micro-batch, microseconds. */
  readonly one_row_us: number;
  readonly batches: number;
}

/**
 * Feeds a windowed query (q7a over the numeric bids) one row per trigger. Each row advances the watermark, so every
 * trigger runs a one-row batch and then an empty (no-data) batch: the empty one is the fixed cost of a micro-batch
 * (plan, offset log, operator chain with nothing in it, eviction, state delta, sink, commit marker, progress).
 * BenchCheckpoint times each batch from its offset-log entry to its commit marker.
 */
export function emptyBatchCost(engine: EngineBench, q: QueryDef, data: Dataset, steps: number, checkpointDir: string | undefined): EmptyBatchCost {
  const first = data.numMicroBatches[0]![0]!;
  const rows: arrow.RecordBatch[] = [];
  for (let i = 0; i < Math.min(steps, first.numRows); i++) rows.push(first.slice(i, i + 1));
  const source = new ReplaySource('bid_num', engine.schema('bid_num'), rows, 1);
  const checkpoint = new BenchCheckpoint(checkpointDir);
  const ex = engine.executor({ ...q, sql: q.sql.replace(/\bFROM bid\b/, 'FROM bid_num') }, new Map([['bid_num', source]]), checkpoint);
  ex.start();
  for (let i = 1; i <= rows.length; i++) {
    source.visible = i;
    ex.runAvailable();
  }
  // The first batches warm the JIT up.
  const t = checkpoint.timings.slice(Math.floor(checkpoint.timings.length / 4));
  return {
    empty_us: median(t.filter((x) => x.noData).map((x) => x.ms)) * 1000,
    one_row_us: median(t.filter((x) => !x.noData).map((x) => x.ms)) * 1000,
    batches: checkpoint.timings.length,
  };
}

export interface SoakResult {
  readonly events: number;
  readonly bids: number;
  readonly seconds: number;
  readonly eps: number;
  /** State rows (open groups) at each quarter of the run, and at most. */
  readonly state_rows_by_quarter: readonly number[];
  readonly peak_state_rows: number;
  /** RSS and heap after a GC at each quarter of the run (MB). */
  readonly rss_mb_by_quarter: readonly number[];
  readonly heap_mb_by_quarter: readonly number[];
  /** Heap at the end over heap at the first quarter: about 1 when memory stays flat. */
  readonly heap_growth: number;
  readonly output_rows: number;
}

/**
 * q5a over `events` Nexmark events generated on the fly (its two columns only), fed ten micro-batches per trigger
 * so that the outputs do not pile up in the harness. Generation is included in the time.
 */
export function soak(q: QueryDef, events: number, batchSize: number): SoakResult {
  const { schema, options } = parseSource(`CREATE SOURCE bid (auction BIGINT, date_time TIMESTAMP)
    WITH (connector = 'nexmark', table = 'bid', events = ${events}, seed = 1)`);
  const gen = new NexmarkSource('bid', schema, options);
  const total = gen.latestOffset();
  let visible = 0;
  const source = { name: 'bid', schema, startAtLatest: false, maxRowsPerBatch: batchSize, latestOffset: () => visible, read: (s: number, e: number) => gen.read(s, e) };
  const ex = new EngineBench({ bid: schema }).executor(q, new Map([['bid', source]]), new BenchCheckpoint(undefined));
  ex.start();
  const quarters = [0.25, 0.5, 0.75, 1];
  const state: number[] = [];
  const rss: number[] = [];
  const heap: number[] = [];
  let peak = 0;
  let out = 0;
  let next = 0;
  const t0 = performance.now();
  while (visible < total) {
    visible = Math.min(total, visible + 10 * batchSize);
    const outputs = ex.runAvailable();
    let rows = 0;
    for (const o of outputs) {
      out += o.progress.sink.numOutputRows;
      rows = o.progress.stateOperators.reduce((s, x) => s + x.numRowsTotal, 0);
      peak = Math.max(peak, rows);
    }
    while (next < quarters.length && visible >= quarters[next]! * total) {
      globalThis.gc?.();
      state.push(rows);
      rss.push(Math.round(currentRssMb()));
      heap.push(Math.round(process.memoryUsage().heapUsed / 2 ** 20));
      next++;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  return {
    events, bids: total, seconds, eps: total / seconds, state_rows_by_quarter: state, peak_state_rows: peak,
    rss_mb_by_quarter: rss, heap_mb_by_quarter: heap, heap_growth: heap[heap.length - 1]! / heap[0]!, output_rows: out,
  };
}
