// The operator interface (after Arroyo): process each input batch, emit at the end of a micro-batch, checkpoint state.

import type * as arrow from 'apache-arrow';
import type { Schema } from '../../common/types.js';

export interface BatchContext {
  readonly batchId: number;
  /** Watermark in effect during this batch (UTC micros), undefined before any data. */
  readonly watermark: number | undefined;
  /** Watermark in effect during the previous batch (restored on restart), undefined for the first. */
  readonly previousWatermark: number | undefined;
}

export interface OperatorMetrics {
  numRowsTotal: number;
  numRowsUpdated: number;
  numRowsRemoved: number;
  numRowsDroppedByWatermark: number;
  memoryUsedBytes: number;
}

export interface Operator {
  readonly schema: Schema;
  /** Start of a micro-batch, before any input: emit what the batch's watermark closes from earlier state. */
  begin?(ctx: BatchContext): arrow.RecordBatch[];
  /** One input batch; `port` tells the inputs of a multi-input operator apart (0 for the first). */
  process(batch: arrow.RecordBatch, ctx: BatchContext, port?: number): arrow.RecordBatch[];
  /** End of the micro-batch: flush what this batch decides to emit. */
  finish(ctx: BatchContext): arrow.RecordBatch[];
}

export interface StatefulOperator extends Operator {
  readonly stateId: string;
  readonly metrics: OperatorMetrics;
  /**
   * Changes since the last call (then forgotten) as state rows in one Arrow batch; the operator's own `_op`
   * column tells upserts from deletes. Written to the checkpoint as an Arrow IPC file.
   */
  takeDelta(): arrow.RecordBatch;
  /**
   * Every live state row, for compaction, in one or more batches of the delta schema (a join hands its buffered input
   * back in slices instead of copying it into one batch); applying them in turn to an empty operator restores it.
   */
  snapshot(): arrow.RecordBatch[];
  /** Replaces all state by a snapshot's batches (none: empty). */
  restore(snapshot: readonly arrow.RecordBatch[]): void;
  applyDelta(delta: arrow.RecordBatch): void;
  /** Rows the watermark dropped since the last call, when the query keeps them (`late_rows`). */
  takeLate?(): arrow.RecordBatch[];
  /**
   * UPDATE: the keys (the first columns of the output, which the result table keys rows by) of rows emitted
   * earlier that no longer hold, since the last call: session windows a merge replaced.
   */
  takeRetractions?(): arrow.RecordBatch[];
}

export const isStateful = (op: Operator): op is StatefulOperator => 'stateId' in op;
