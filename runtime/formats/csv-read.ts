// Reads CSV (RFC 4180): a header line of column names, then records; quoted fields may hold commas, quotes, newlines.

import type { Schema } from '../../common/types.js';
import type { ScalarValue } from '../../planner/index.js';
import { Rejected, fromText } from './coerce.js';
import { RecordCollector, columnResolver, unreadableFile, type DecodedFile } from './decoded-file.js';

export interface CsvRecord {
  /** Fields in order: null for an empty unquoted field (SQL NULL), else the text (a quoted "" is an empty string). */
  readonly fields: readonly (string | null)[];
  /** Line where the record starts (1-based). */
  readonly line: number;
  /** The record's text without its line ending. */
  readonly raw: string;
  /** Why the record breaks the quoting rules, if it does. */
  readonly error: string | undefined;
}

/**
 * Splits text into records. Records end at LF or CRLF outside quotes (a lone CR is data, except at the very end);
 * blank lines are skipped. A quote opens a quoted field only at the start of a field; a quote anywhere else, text
 * after a closing quote, or a quoted field still open at the end of the text make the record malformed, but
 * never move where the following records start.
 */
export function splitCsv(text: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  // End of line at i: LF, CRLF, or a CR that ends the text.
  const eolLength = (k: number): number => {
    const c = text.charCodeAt(k);
    if (c === 10) return 1;
    if (c === 13) return k + 1 === n ? 1 : text.charCodeAt(k + 1) === 10 ? 2 : 0;
    return 0;
  };
  while (i < n) {
    const blank = eolLength(i);
    if (blank > 0) {
      i += blank;
      line++;
      continue;
    }
    const start = i;
    const startLine = line;
    const fields: (string | null)[] = [];
    let error: string | undefined;
    for (;;) {
      if (text.charCodeAt(i) === 34) {
        // Quoted field: "" is a quote; newlines inside are data.
        let buf = '';
        let from = ++i;
        let closed = false;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === 34) {
            buf += text.slice(from, i);
            if (text.charCodeAt(i + 1) === 34) {
              buf += '"';
              i += 2;
              from = i;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === 10) line++;
          i++;
        }
        if (!closed) {
          buf += text.slice(from, i);
          error ??= 'a quoted field is not closed (a field that starts with " must end with ")';
        } else if (i < n && text.charCodeAt(i) !== 44 && eolLength(i) === 0) {
          error ??= 'text after the closing quote of a field (double a quote inside a quoted field: "")';
          while (i < n && text.charCodeAt(i) !== 44 && eolLength(i) === 0) i++;
        }
        fields.push(buf);
      } else {
        const from = i;
        while (i < n && text.charCodeAt(i) !== 44 && eolLength(i) === 0) {
          if (text.charCodeAt(i) === 34) error ??= 'a quote inside an unquoted field (quote the field and double the quote: "a""b")';
          i++;
        }
        fields.push(i === from ? null : text.slice(from, i));
      }
      if (i < n && text.charCodeAt(i) === 44) {
        i++;
        continue;
      }
      break;
    }
    const raw = text.slice(start, i);
    const eol = i < n ? eolLength(i) : 0;
    if (eol > 0) {
      i += eol;
      line++;
    }
    out.push({ fields, line: startLine, raw, error });
  }
  return out;
}

/**
 * Decodes a CSV file: the first record names the columns (matched to the schema by name; columns it lacks are NULL,
 * extra ones are ignored). An empty file has no records. A bad header makes the whole file one malformed record.
 */
export function readCsv(text: string, schema: Schema): DecodedFile {
  const records = splitCsv(text);
  const out = new RecordCollector(schema);
  if (records.length === 0) return out.finish();
  const header = records[0]!;
  if (header.error) return unreadableFile(schema, `bad header line: ${header.error}`);
  const resolve = columnResolver(schema);
  const target: number[] = [];
  const seen = new Set<string>();
  for (const name of header.fields) {
    if (name === null || name.trim() === '') return unreadableFile(schema, 'bad header line: a column name is empty');
    const key = name.trim();
    if (seen.has(key.toLowerCase())) return unreadableFile(schema, `bad header line: column '${key}' appears twice`);
    seen.add(key.toLowerCase());
    target.push(resolve(key));
  }
  const missing = schema.filter((_, c) => !target.includes(c));
  const notNull = missing.find((f) => !f.nullable);
  if (notNull) return unreadableFile(schema, `the header has no column '${notNull.name}', which is NOT NULL`);
  const values: ScalarValue[] = schema.map(() => null);
  for (let r = 1; r < records.length; r++) {
    const rec = records[r]!;
    if (rec.error) {
      out.bad(rec.line, rec.raw, rec.error);
      continue;
    }
    if (rec.fields.length !== target.length) {
      out.bad(rec.line, rec.raw, `${rec.fields.length} field${rec.fields.length === 1 ? '' : 's'}, but the header has ${target.length}`);
      continue;
    }
    values.fill(null);
    let why: string | undefined;
    for (let k = 0; k < target.length; k++) {
      const c = target[k]!;
      if (c < 0) continue;
      const v = fromText(rec.fields[k]!, schema[c]!);
      if (v instanceof Rejected) {
        why = v.reason;
        break;
      }
      values[c] = v;
    }
    if (why !== undefined) out.bad(rec.line, rec.raw, why);
    else out.row(values);
  }
  return out.finish();
}
