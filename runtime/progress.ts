// Per-batch progress, modelled on Spark's StreamingQueryProgress.

import type { SourceReadMetrics } from './sources/source.js';

export interface StateOperatorProgress {
  readonly operator: string;
  readonly numRowsTotal: number;
  readonly numRowsUpdated: number;
  readonly numRowsRemoved: number;
  readonly numRowsDroppedByWatermark: number;
  readonly memoryUsedBytes: number;
}

export interface BatchProgress {
  readonly id: string;
  readonly name: string;
  readonly batchId: number;
  readonly numInputRows: number;
  readonly processedRowsPerSecond: number;
  readonly durationMs: {
    readonly triggerExecution: number;
    readonly getBatch: number;
    readonly addBatch: number;
    readonly walCommit: number;
    readonly commitOffsets: number;
  };
  readonly eventTime: { readonly min: number | null; readonly max: number | null; readonly avg: number | null; readonly watermark: number | undefined };
  readonly stateOperators: readonly StateOperatorProgress[];
  /** Per source; a files source adds numFiles, numMalformedRows, numSkippedRows, numDeadLetterRows. */
  readonly sources: readonly ({ readonly description: string; readonly startOffset: number; readonly endOffset: number; readonly numInputRows: number }
    & Partial<SourceReadMetrics>)[];
  readonly sink: { readonly description: string; readonly numOutputRows: number };
}
