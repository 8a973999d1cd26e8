// CSV as RFC 4180 has it: a header line of column names, CRLF line ends, fields quoted when they hold a comma, a
// quote or a line break (quotes doubled). NULL is an empty field and the empty string a quoted one (`""`), as Spark
// writes them; timestamps are ISO strings and doubles print as in SQL (`3.0`, `NaN`).

import type * as arrow from 'apache-arrow';
import type { Schema } from '../../common/types.js';
import type { ScalarValue } from '../../planner/index.js';
import { batchFromRows, rowsFromBatch } from '../values.js';
import { badRow, valueFromText, valueToText } from './text-values.js';

const quote = (s: string): string => (s === '' || /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function encodeCsv(schema: Schema, batches: readonly arrow.RecordBatch[]): Uint8Array {
  const lines = [schema.map((f) => quote(f.name)).join(',')];
  for (const b of batches) {
    for (const row of rowsFromBatch(b, schema)) {
      lines.push(row.map((v, i) => (v === null ? '' : quote(valueToText(v, schema[i]!.type)))).join(','));
    }
  }
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

/** A parsed record: its fields (null: empty and unquoted) and the line it starts on. */
interface CsvRecord {
  readonly fields: (string | null)[];
  readonly line: number;
}

/** Splits RFC 4180 text into records; line breaks may be CRLF or LF, and quoted fields may span lines. */
export function parseCsv(text: string, file: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  let fields: (string | null)[] = [];
  let line = 1;
  let start = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    let value: string | null;
    if (text[i] === '"') {
      let s = '';
      i++;
      for (;;) {
        if (i >= n) throw badRow(file, start, 'a quoted field is not closed');
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') { s += '"'; i += 2; continue; }
          i++;
          break;
        }
        if (c === '\n') line++;
        s += c;
        i++;
      }
      value = s;
      if (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') throw badRow(file, line, 'text after a closing quote');
    } else {
      let j = i;
      while (j < n && text[j] !== ',' && text[j] !== '\r' && text[j] !== '\n') j++;
      if (text.slice(i, j).includes('"')) throw badRow(file, line, 'a quote inside an unquoted field');
      value = j > i ? text.slice(i, j) : null;
      i = j;
    }
    fields.push(value);
    if (text[i] === ',') {
      i++;
      if (i >= n) fields.push(null);
      continue;
    }
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    i++;
    out.push({ fields, line: start });
    fields = [];
    line++;
    start = line;
  }
  if (fields.length) out.push({ fields, line: start });
  return out;
}

export function decodeCsv(schema: Schema, data: Uint8Array, file: string): arrow.RecordBatch[] {
  const records = parseCsv(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'), file);
  const header = records.shift();
  const names = schema.map((f) => f.name);
  if (!header || header.fields.length !== names.length || header.fields.some((h, i) => h !== names[i])) {
    throw badRow(file, 1, `the header should be ${names.join(',')}`);
  }
  const rows: ScalarValue[][] = records.map((r) => {
    if (r.fields.length !== schema.length) throw badRow(file, r.line, `${r.fields.length} fields, expected ${schema.length}`);
    return r.fields.map((v, i) => (v === null ? null : valueFromText(v, schema[i]!, file, r.line)));
  });
  return rows.length ? [batchFromRows(schema, rows)] : [];
}
