// What the benchmark plugs into the executor, through the runtime's public classes only: a source over pre-generated
// batches, a checkpoint directory that writes nothing (or times the real one), and a sink that only counts rows.

import * as arrow from 'apache-arrow';
import type { Schema } from '../common/types.js';
import { CheckpointDir, ResultTable, batchFromRows, type CheckpointStore, type StreamSource } from '../runtime/index.js';

/**
 * A source over batches held in memory. Reads must start and end on batch boundaries (the micro-batch size equals
 * the batch size), so every read hands the batches over without copying. `visible` limits what latestOffset
 * reports, so that a test can feed the rows a few batches at a time.
 */
export class ReplaySource implements StreamSource {
  readonly startAtLatest = false;
  private readonly starts: number[] = [];
  readonly total: number;
  visible: number;

  constructor(readonly name: string, readonly schema: Schema, private readonly batches: readonly arrow.RecordBatch[], readonly maxRowsPerBatch: number | undefined) {
    let total = 0;
    for (const b of batches) {
      this.starts.push(total);
      total += b.numRows;
    }
    this.total = total;
    this.visible = total;
  }

  latestOffset(): number {
    return this.visible;
  }

  private indexOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    if (this.starts[lo] !== offset) throw new Error(`ReplaySource: offset ${offset} is not on a batch boundary; make the micro-batch size a multiple of the batch size`);
    return lo;
  }

  read(start: number, end: number): arrow.RecordBatch[] {
    if (end <= start) return [];
    const out: arrow.RecordBatch[] = [];
    for (let i = this.indexOf(start); i < this.batches.length && this.starts[i]! < end; i++) {
      if (this.starts[i]! + this.batches[i]!.numRows > end) throw new Error(`ReplaySource: offset ${end} is not on a batch boundary`);
      out.push(this.batches[i]!);
    }
    return out;
  }
}

/** Per micro-batch wall time as seen by the checkpoint: from writing the offset log to writing the commit marker. */
export interface BatchTiming {
  readonly noData: boolean;
  readonly ms: number;
}

/**
 * The executor always checkpoints (there is no switch), so "no checkpointing" is this store whose writes do nothing
 * (the executor still builds each batch's state delta and every 10th batch a snapshot before handing them over).
 * With a directory it writes through a real CheckpointDir. Either way it times each micro-batch, from its offset
 * log entry to its commit marker, which brackets everything the executor does for the batch.
 */
export class BenchCheckpoint implements CheckpointStore {
  readonly dir: string;
  readonly timings: BatchTiming[] = [];
  private readonly real: CheckpointDir | undefined;
  private started = 0;
  private noData = false;

  constructor(dir: string | undefined) {
    this.real = dir === undefined ? undefined : new CheckpointDir(dir);
    this.dir = dir ?? '(no checkpoint)';
  }

  exists(): boolean {
    return this.real?.exists() ?? false;
  }

  writeMetadata(meta: Record<string, unknown>): void {
    this.real?.writeMetadata(meta);
  }

  readMetadata(): Record<string, unknown> {
    return this.real?.readMetadata() ?? {};
  }

  writeOffsets(e: Parameters<CheckpointStore['writeOffsets']>[0]): void {
    this.started = performance.now();
    this.noData = e.noData;
    this.real?.writeOffsets(e);
  }

  writeCommit(e: Parameters<CheckpointStore['writeCommit']>[0]): void {
    this.real?.writeCommit(e);
    this.timings.push({ noData: this.noData, ms: performance.now() - this.started });
  }

  lastCommit(): ReturnType<CheckpointStore['lastCommit']> {
    return this.real?.lastCommit();
  }

  readOffsets(batchId: number): ReturnType<CheckpointStore['readOffsets']> {
    return this.real?.readOffsets(batchId);
  }

  writeState(...args: Parameters<CheckpointStore['writeState']>): void {
    this.real?.writeState(...args);
  }

  readState(opId: string, upTo: number): ReturnType<CheckpointStore['readState']> {
    return this.real?.readState(opId, upTo) ?? { snapshot: [], deltas: [] };
  }

  writeSinkBatch(...args: Parameters<CheckpointStore['writeSinkBatch']>): void {
    this.real?.writeSinkBatch(...args);
  }

  readSink(upTo: number): ReturnType<CheckpointStore['readSink']> {
    return this.real?.readSink(upTo) ?? { table: undefined, tableId: -1, batches: [] };
  }

  purgeState(...args: Parameters<CheckpointStore['purgeState']>): void {
    this.real?.purgeState(...args);
  }

  purgeBefore(...args: Parameters<CheckpointStore['purgeBefore']>): void {
    this.real?.purgeBefore(...args);
  }
}

/**
 * A sink that counts rows and keeps nothing. The executor creates and feeds its ResultTable itself; the benchmark
 * swaps this one in (see installCountingSink) so that it measures the engine rather than the result table.
 */
export class CountingSink extends ResultTable {
  rows = 0;
  applied = 0;

  override apply(batches: readonly arrow.RecordBatch[]): void {
    this.applied++;
    for (const b of batches) this.rows += b.numRows;
  }

  override toBatch(): arrow.RecordBatch {
    return batchFromRows(this.schema, []);
  }

  override toFullTable(): arrow.Table {
    return new arrow.Table([batchFromRows(this.fullSchema, [])]);
  }

  override load(): void {
    // Nothing is kept, so there is nothing to restore.
  }
}

/**
 * Replaces the executor's result table with a CountingSink. `result` is a public (readonly) field that the executor
 * fills on every batch; there is no sink option, so this is the only way to drop the rows without editing runtime/.
 */
export function installCountingSink(executor: { readonly result: ResultTable }): CountingSink {
  const r = executor.result;
  const sink = new CountingSink(r.schema, r.fullSchema, r.mode, undefined);
  Object.defineProperty(executor, 'result', { value: sink, writable: false, configurable: true, enumerable: true });
  return sink;
}
