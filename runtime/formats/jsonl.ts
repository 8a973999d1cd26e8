// JSON Lines: one object per row, keyed by column name; timestamps as ISO strings, NULL as null.
//
// JSON has no NaN or infinities: a DOUBLE holding one is written as the string "NaN", "Infinity" or "-Infinity".

import type * as arrow from 'apache-arrow';
import type { Field, Schema } from '../../common/types.js';
import type { ScalarValue } from '../../planner/index.js';
import { batchFromRows, rowsFromBatch } from '../values.js';
import { badRow, isoTimestamp, valueFromText } from './text-values.js';

function jsonValue(v: ScalarValue, f: Field): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (f.type === 'TIMESTAMP') return JSON.stringify(isoTimestamp(v));
  if (Number.isFinite(v)) return Object.is(v, -0) ? '-0.0' : String(v);
  return JSON.stringify(String(v));
}

export function encodeJsonl(schema: Schema, batches: readonly arrow.RecordBatch[]): Uint8Array {
  const keys = schema.map((f) => JSON.stringify(f.name));
  const lines: string[] = [];
  for (const b of batches) {
    for (const row of rowsFromBatch(b, schema)) {
      lines.push(`{${schema.map((f, i) => `${keys[i]}:${jsonValue(row[i]!, f)}`).join(',')}}\n`);
    }
  }
  return Buffer.from(lines.join(''), 'utf8');
}

function fromJson(v: unknown, f: Field, file: string, line: number): ScalarValue {
  if (v === null || v === undefined) return null;
  const fail = (): never => { throw badRow(file, line, `column '${f.name}' (${f.type}) cannot hold ${JSON.stringify(v)}`); };
  switch (f.type) {
    case 'STRING': case 'NULL': return typeof v === 'string' ? v : fail();
    case 'BOOLEAN': return typeof v === 'boolean' ? v : fail();
    case 'INT': case 'BIGINT': return typeof v === 'number' && Number.isSafeInteger(v) ? v : fail();
    case 'DOUBLE':
      if (typeof v === 'number') return v;
      return typeof v === 'string' && ['NaN', 'Infinity', '-Infinity'].includes(v) ? valueFromText(v, f, file, line) : fail();
    case 'TIMESTAMP': return typeof v === 'string' ? valueFromText(v, f, file, line) : fail();
  }
}

export function decodeJsonl(schema: Schema, data: Uint8Array, file: string): arrow.RecordBatch[] {
  const rows: ScalarValue[][] = [];
  const lines = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8').split('\n');
  lines.forEach((text, i) => {
    if (text.trim() === '') return;
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      throw badRow(file, i + 1, `not JSON (${(e as Error).message})`);
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw badRow(file, i + 1, 'not a JSON object');
    const o = obj as Record<string, unknown>;
    rows.push(schema.map((f) => fromJson(o[f.name], f, file, i + 1)));
  });
  return rows.length ? [batchFromRows(schema, rows)] : [];
}
