// Tracks the maximum event time flowing through one watermarked input; rows pass through unchanged.

import type * as arrow from 'apache-arrow';
import type { Schema } from '../../common/types.js';
import { column } from '../vec.js';
import type { Operator } from './operator.js';

/** Event times of one batch, for progress reports. Fields are doubles from the start (no Smi-to-double map changes). */
export class BatchTimeStats {
  min = Infinity;
  max = -Infinity;
  sum = -0;
  count = -0;
}

export class WatermarkOperator implements Operator {
  /** Max non-NULL event time seen so far (micros), -Infinity before any (a double field, never undefined). */
  private maxSeen = -Infinity;
  batchStats = new BatchTimeStats();

  constructor(readonly schema: Schema, private readonly columnIndex: number, readonly delayMicros: number, readonly id: number) {}

  /** Max non-NULL event time seen so far (micros), undefined before any. */
  get maxEventTime(): number | undefined {
    return this.maxSeen === -Infinity ? undefined : this.maxSeen;
  }

  set maxEventTime(t: number | undefined) {
    this.maxSeen = t ?? -Infinity;
  }

  process(batch: arrow.RecordBatch): arrow.RecordBatch[] {
    const v = column(batch, this.columnIndex, 'TIMESTAMP');
    if (v.kind !== 'f64') return [batch];
    const s = this.batchStats;
    let min = s.min;
    let max = s.max;
    let sum = s.sum;
    let count = s.count;
    const values = v.values;
    const valid = v.valid;
    for (let i = 0; i < v.length; i++) {
      if (valid && !valid[i]) continue;
      const t = values[i]!;
      if (t > max) max = t;
      if (t < min) min = t;
      sum += t;
      count++;
    }
    s.min = min;
    s.max = max;
    s.sum = sum;
    s.count = count;
    if (count > 0 && max > this.maxSeen) this.maxSeen = max;
    return [batch];
  }

  finish(): arrow.RecordBatch[] {
    return [];
  }

  resetBatchStats(): void {
    this.batchStats = new BatchTimeStats();
  }

  /** The watermark this input proposes: max event time minus the delay. */
  candidate(): number | undefined {
    return this.maxSeen === -Infinity ? undefined : this.maxSeen - this.delayMicros;
  }
}
