// Tracks the maximum event time flowing through one watermarked input; rows pass through unchanged.

import type * as arrow from 'apache-arrow';
import type { Schema } from '../../common/types.js';
import { column } from '../vec.js';
import type { Operator } from './operator.js';

export class WatermarkOperator implements Operator {
  /** Max non-NULL event time seen so far (micros), undefined before any. */
  maxEventTime: number | undefined;
  /** Min/max/sum/count of event times in the current batch, for progress reports. */
  batchStats = { min: Infinity, max: -Infinity, sum: 0, count: 0 };

  constructor(readonly schema: Schema, private readonly columnIndex: number, readonly delayMicros: number, readonly id: number) {}

  process(batch: arrow.RecordBatch): arrow.RecordBatch[] {
    const v = column(batch, this.columnIndex, 'TIMESTAMP');
    if (v.kind !== 'f64') return [batch];
    const s = this.batchStats;
    let { min, max, sum, count } = s;
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
    Object.assign(s, { min, max, sum, count });
    if (s.count > 0 && (this.maxEventTime === undefined || s.max > this.maxEventTime)) this.maxEventTime = s.max;
    return [batch];
  }

  finish(): arrow.RecordBatch[] {
    return [];
  }

  resetBatchStats(): void {
    this.batchStats = { min: Infinity, max: -Infinity, sum: 0, count: 0 };
  }

  /** The watermark this input proposes: max event time minus the delay. */
  candidate(): number | undefined {
    return this.maxEventTime === undefined ? undefined : this.maxEventTime - this.delayMicros;
  }
}
