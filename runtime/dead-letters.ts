// Dead letters: the malformed records a files source with on_error = 'dead_letter' sets aside, as a read-only table.

import type * as arrow from 'apache-arrow';
import type { Schema } from '../common/types.js';
import { batchFromRows, rowsFromBatch } from './values.js';

/** Columns of a source's dead-letter table. */
export const DEAD_LETTER_SCHEMA: Schema = [
  { name: 'raw', type: 'STRING', nullable: true },
  { name: 'file', type: 'STRING', nullable: false },
  { name: 'line', type: 'BIGINT', nullable: true },
  { name: 'reason', type: 'STRING', nullable: false },
];

/** How a query's checkpoint keeps the dead letters of its batches: the source's name, then the table's columns. */
const KEPT_SCHEMA: Schema = [{ name: '_source', type: 'STRING', nullable: false }, ...DEAD_LETTER_SCHEMA];

export interface DeadLetter {
  readonly raw: string | null;
  readonly file: string;
  readonly line: number | null;
  readonly reason: string;
}

export function deadLetterBatch(rows: readonly DeadLetter[]): arrow.RecordBatch {
  return batchFromRows(DEAD_LETTER_SCHEMA, rows.map((r) => [r.raw, r.file, r.line, r.reason]));
}

export function deadLettersOf(batch: arrow.RecordBatch): DeadLetter[] {
  return rowsFromBatch(batch, DEAD_LETTER_SCHEMA).map(([raw, file, line, reason]) => ({
    raw: raw as string | null, file: file as string, line: line as number | null, reason: reason as string,
  }));
}

/** One batch's dead letters of several sources, as the checkpoint keeps them. */
export function keptDeadLetters(bySource: ReadonlyMap<string, arrow.RecordBatch>): arrow.RecordBatch[] {
  const rows: (string | number | null)[][] = [];
  for (const [source, batch] of bySource) for (const d of deadLettersOf(batch)) rows.push([source, d.raw, d.file, d.line, d.reason]);
  return rows.length ? [batchFromRows(KEPT_SCHEMA, rows)] : [];
}

/** The kept dead letters of a checkpoint, back by source. */
export function splitKeptDeadLetters(batches: readonly arrow.RecordBatch[]): Map<string, arrow.RecordBatch> {
  const rows = new Map<string, DeadLetter[]>();
  for (const b of batches) {
    for (const [source, raw, file, line, reason] of rowsFromBatch(b, KEPT_SCHEMA)) {
      let list = rows.get(source as string);
      if (!list) rows.set(source as string, (list = []));
      list.push({ raw: raw as string | null, file: file as string, line: line as number | null, reason: reason as string });
    }
  }
  return new Map([...rows].map(([s, r]) => [s, deadLetterBatch(r)]));
}
