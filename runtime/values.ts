// Conversions between row values (for INSERT, result tables and printing) and column vectors / Arrow batches.

import type * as arrow from 'apache-arrow';
import type { DataType, Schema } from '../common/types.js';
import type { ScalarValue } from '../planner/index.js';
import { StrBuilder, strAt } from './kernels/utf8.js';
import { batchFromVecs, column, type Vec } from './vec.js';

export function vecFromValues(values: readonly ScalarValue[], type: DataType): Vec {
  const n = values.length;
  if (type === 'STRING' || type === 'NULL') {
    const b = new StrBuilder(n);
    for (const v of values) b.push(v === null ? null : String(v));
    return b.finish();
  }
  const valid = new Uint8Array(n);
  const out = new Float64Array(n);
  let nulls = false;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) { nulls = true; continue; }
    valid[i] = 1;
    out[i] = typeof v === 'boolean' ? (v ? 1 : 0) : (v as number);
  }
  if (type === 'BOOLEAN') return { kind: 'bool', length: n, values: new Uint8Array(out), valid: nulls ? valid : null };
  return { kind: 'f64', length: n, values: out, valid: nulls ? valid : null };
}

export function valuesFromVec(v: Vec): ScalarValue[] {
  const out: ScalarValue[] = new Array<ScalarValue>(v.length);
  for (let i = 0; i < v.length; i++) {
    if (v.valid && !v.valid[i]) { out[i] = null; continue; }
    switch (v.kind) {
      case 'f64': out[i] = v.values[i]!; break;
      case 'bool': out[i] = v.values[i] === 1; break;
      case 'str': out[i] = strAt(v, i); break;
    }
  }
  return out;
}

export function batchFromRows(schema: Schema, rows: readonly (readonly ScalarValue[])[]): arrow.RecordBatch {
  const cols = schema.map((f, c) => vecFromValues(rows.map((r) => r[c] ?? null), f.type));
  return batchFromVecs(schema, cols, rows.length);
}

export function rowsFromBatch(batch: arrow.RecordBatch, schema: Schema): ScalarValue[][] {
  const cols = schema.map((f, i) => valuesFromVec(column(batch, i, f.type)));
  const rows: ScalarValue[][] = [];
  for (let r = 0; r < batch.numRows; r++) rows.push(cols.map((c) => c[r]!));
  return rows;
}
