// What the executor needs from a checkpoint: the durable directory, or an in-memory store for queries without one.

import type * as arrow from 'apache-arrow';
import type { CommitEntry, OffsetEntry } from './checkpoint.js';

export interface CheckpointStore {
  /** Where it lives, for messages. */
  readonly dir: string;
  exists(): boolean;
  writeMetadata(meta: Record<string, unknown>): void;
  readMetadata(): Record<string, unknown>;
  writeOffsets(e: OffsetEntry): void;
  writeCommit(e: CommitEntry): void;
  lastCommit(): CommitEntry | undefined;
  readOffsets(batchId: number): OffsetEntry | undefined;
  /** One batch's state rows: a delta (one batch), or a snapshot (one or more batches). */
  writeState(opId: string, batchId: number, rows: readonly arrow.RecordBatch[], kind: 'delta' | 'snapshot'): void;
  readState(opId: string, upTo: number): { snapshot: arrow.RecordBatch[]; deltas: arrow.RecordBatch[] };
  /** One batch's output (or the whole result table) as record batches of one schema, at least one. */
  writeSinkBatch(batchId: number, batches: readonly arrow.RecordBatch[], kind: 'batch' | 'table', sink?: SinkName): void;
  /** The latest full table up to `upTo` (tableId: its batch, -1 without one) and the batch files after it. */
  readSink(upTo: number, sink?: SinkName): { table: arrow.Table | undefined; tableId: number; batches: { id: number; table: arrow.Table }[] };
  purgeBefore(snapshotBatch: number, sinkCompacted: boolean): void;
  purgeState(opId: string, snapshotBatch: number): void;
}

/**
 * The result table ('sink', the default), the late-row table a query keeps with `late_rows` ('late'), the keys
 * of result rows each batch retracted ('retract': UPDATE over session windows), or the dead letters of the files
 * sources a batch read ('dead').
 */
export type SinkName = 'sink' | 'late' | 'retract' | 'dead';
