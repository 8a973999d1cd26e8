// Late rows a query keeps (`WITH (late_rows = 'name')`): the rows the watermark dropped, and why.

import type * as arrow from 'apache-arrow';
import type { Schema } from '../../common/types.js';
import { batchFromVecs, column, gather } from '../vec.js';

/**
 * Rows `rows` of an input batch with the window end (or event time) that made each late: the operator's input
 * columns, then `_window_end` or `_event_time` (see lateRowsSchema).
 */
export function lateBatch(batch: arrow.RecordBatch, schema: Schema, rows: readonly number[], times: readonly number[], what: 'window' | 'event'): arrow.RecordBatch {
  const idx = Int32Array.from(rows);
  const n = idx.length;
  const vecs = schema.map((f, i) => gather(column(batch, i, f.type), idx, n));
  vecs.push({ kind: 'f64', length: n, values: Float64Array.from(times), valid: null });
  return batchFromVecs(lateRowsSchema(schema, what), vecs, n);
}

const lateSchemas = new Map<string, Schema>();

/** The operator-side schema of late rows: input columns and `_window_end` or `_event_time` (one array per shape). */
export function lateRowsSchema(input: Schema, what: 'window' | 'event'): Schema {
  const key = `${what}|${JSON.stringify(input)}`;
  let s = lateSchemas.get(key);
  if (!s) lateSchemas.set(key, (s = [...input, { name: what === 'window' ? '_window_end' : '_event_time', type: 'TIMESTAMP', nullable: false }]));
  return s;
}

