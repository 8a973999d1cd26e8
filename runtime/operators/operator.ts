// The operator interface (after Arroyo): process each input batch, emit at the end of a micro-batch, checkpoint state.

import type * as arrow from 'apache-arrow';
import type { Schema } from '../../common/types.js';

export interface BatchContext {
  readonly batchId: number;
  /** Watermark in effect during this batch (UTC micros), undefined before any data. */
  readonly watermark: number | undefined;
}

export interface OperatorMetrics {
  numRowsTotal: number;
  numRowsUpdated: number;
  numRowsRemoved: number;
  numRowsDroppedByWatermark: number;
  memoryUsedBytes: number;
}

/** State changes of one batch: JSON-safe rows. */
export interface StateDelta {
  readonly upserts: readonly unknown[];
  /** Keys of state rows removed (operator-specific, JSON-safe). */
  readonly deletes: readonly unknown[];
}

export interface Operator {
  readonly schema: Schema;
  process(batch: arrow.RecordBatch, ctx: BatchContext): arrow.RecordBatch[];
  /** End of the micro-batch: flush what this batch decides to emit. */
  finish(ctx: BatchContext): arrow.RecordBatch[];
}

export interface StatefulOperator extends Operator {
  readonly stateId: string;
  readonly metrics: OperatorMetrics;
  /** Changes since the last call (then forgotten). */
  takeDelta(): StateDelta;
  /** Every live state row, for compaction. */
  snapshot(): readonly unknown[];
  restore(rows: readonly unknown[]): void;
  applyDelta(delta: StateDelta): void;
}

export const isStateful = (op: Operator): op is StatefulOperator => 'stateId' in op;

/** JSON-safe numbers (NaN and infinities survive a round trip). */
export function encodeNum(v: number): number | string {
  if (Object.is(v, -0)) return '-0';
  return Number.isFinite(v) ? v : String(v);
}

export function decodeNum(v: unknown): number {
  return typeof v === 'string' ? Number(v) : (v as number);
}
