// Where a query's micro-batch output goes: the interface the executor calls once per batch, before the commit marker.

import type * as arrow from 'apache-arrow';

/** One micro-batch's output as the executor hands it to its sink. */
export interface SinkBatch {
  readonly batchId: number;
  /** Watermark in effect during the batch (UTC microseconds), undefined before any. */
  readonly watermark: number | undefined;
  /** The emitted rows in the plan's full schema: the query's columns first, then hidden key columns. */
  readonly batches: readonly arrow.RecordBatch[];
  /** Keys of rows earlier batches emitted that this one replaced (UPDATE over session windows); empty otherwise. */
  readonly retracted: readonly arrow.RecordBatch[];
}

/**
 * A sink. The executor runs a batch, writes its state, calls `addBatch`, then writes the batch's commit marker (spec
 * §7: offsets → state → sink → commit, as Spark orders them). A crash before the commit marker re-runs the batch with
 * the same offsets and watermark, so `addBatch` may see a batch id again with the same rows: an exactly-once sink
 * remembers the ids it committed and ignores such a re-run; an at-least-once sink delivers it again.
 */
export interface Sink {
  /** What progress reports as `sink.description`. */
  readonly description: string;
  /**
   * Called when the query starts or restarts, with the query's last committed batch (undefined for none): loads what
   * the sink keeps and repairs what a crash left behind.
   */
  open(lastCommitted: number | undefined): void;
  /**
   * Takes one batch's output. Returns true when the sink stored its whole output again in the query's checkpoint
   * (the result table's compaction), so that the checkpoint's older sink files may go once the batch commits.
   */
  addBatch(batch: SinkBatch): boolean;
}
