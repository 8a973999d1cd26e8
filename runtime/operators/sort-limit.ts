// Sort (collects a micro-batch's rows, sorts them at its end) and Limit (first N rows of each micro-batch).

import type * as arrow from 'apache-arrow';
import type { Schema } from '../../common/types.js';
import type { SortKey } from '../../planner/logical-plan.js';
import { compareBytes } from '../kernels/utf8.js';
import { batchFromVecs, column, concatVecs, gather } from '../vec.js';
import type { Operator } from './operator.js';

export class SortOperator implements Operator {
  private pending: arrow.RecordBatch[] = [];

  constructor(readonly schema: Schema, private readonly keys: readonly SortKey[]) {}

  process(batch: arrow.RecordBatch): arrow.RecordBatch[] {
    if (batch.numRows > 0) this.pending.push(batch);
    return [];
  }

  finish(): arrow.RecordBatch[] {
    const batches = this.pending;
    this.pending = [];
    if (batches.length === 0) return [];
    const n = batches.reduce((s, b) => s + b.numRows, 0);
    const cols = this.schema.map((f, i) => concatVecs(batches.map((b) => column(b, i, f.type)), n));
    const keyCols = this.keys.map((k) => cols[(k.expr as { index: number }).index]!);
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => {
      for (let k = 0; k < keyCols.length; k++) {
        const v = keyCols[k]!;
        const key = this.keys[k]!;
        const an = v.valid !== null && v.valid[a] === 0;
        const bn = v.valid !== null && v.valid[b] === 0;
        let c: number;
        if (an || bn) {
          if (an && bn) continue;
          c = an === key.nullsFirst ? -1 : 1;
          return c;
        }
        if (v.kind === 'str') c = compareBytes(v.data, v.offsets[a]!, v.offsets[a + 1]!, v.data, v.offsets[b]!, v.offsets[b + 1]!);
        else {
          const x = v.values[a]!;
          const y = v.values[b]!;
          // NaN sorts above every other double (Spark).
          c = x < y ? -1 : x > y ? 1 : x === y ? 0 : x !== x ? (y !== y ? 0 : 1) : -1;
        }
        if (c !== 0) return key.descending ? -c : c;
      }
      return a - b;
    });
    const idx = new Int32Array(order);
    return [batchFromVecs(this.schema, cols.map((c) => gather(c, idx, n)), n)];
  }
}

export class LimitOperator implements Operator {
  private seen = 0;

  constructor(readonly schema: Schema, private readonly count: number) {}

  process(batch: arrow.RecordBatch): arrow.RecordBatch[] {
    const left = this.count - this.seen;
    if (left <= 0) return [];
    this.seen += Math.min(left, batch.numRows);
    if (batch.numRows <= left) return [batch];
    const idx = Int32Array.from({ length: left }, (_, i) => i);
    return [batchFromVecs(this.schema, this.schema.map((f, i) => gather(column(batch, i, f.type), idx, left)), left)];
  }

  finish(): arrow.RecordBatch[] {
    this.seen = 0;
    return [];
  }
}
