// The golden text of rows and of a micro-batch (header line, then rows), shared by TRIGGER output and the console sink.

import type * as arrow from 'apache-arrow';
import { renderValue } from '../common/format-value.js';
import { formatTimestamp } from '../common/time.js';
import type { Schema } from '../common/types.js';
import { rowsFromBatch } from '../runtime/index.js';

/** One TAB-separated line per row, sorted as strings unless the rows are ordered (ORDER BY). */
export function renderRows(table: arrow.Table, schema: Schema, ordered: boolean): string[] {
  const lines: string[] = [];
  for (const b of table.batches) {
    for (const row of rowsFromBatch(b, schema)) lines.push(row.map((v, i) => renderValue(v, schema[i]!.type)).join('\t'));
  }
  return ordered ? lines : lines.sort();
}

/** `== <query> batch <id> watermark <watermark or none>`, then the batch's rows. */
export function batchLines(b: { readonly query: string; readonly batchId: number; readonly watermark: number | undefined; readonly table: arrow.Table }, schema: Schema, ordered: boolean): string[] {
  return [`== ${b.query} batch ${b.batchId} watermark ${b.watermark === undefined ? 'none' : formatTimestamp(b.watermark)}`, ...renderRows(b.table, schema, ordered)];
}
