// Arrow IPC files (the random-access "file" format): one file per batch, the query's columns with their SQL types.

import * as arrow from 'apache-arrow';
import type { Schema } from '../../common/types.js';
import { ipcFile } from '../ipc.js';
import { batchFromVecs, column } from '../vec.js';
import { badRow } from './text-values.js';

export function encodeArrow(schema: Schema, batches: readonly arrow.RecordBatch[]): Uint8Array {
  // Rebuilt in the schema's own Arrow types and names: operator outputs may carry internal names or extra columns.
  const out = batches.map((b) => batchFromVecs(schema, schema.map((f, i) => column(b, i, f.type)), b.numRows));
  return ipcFile(out);
}

export function decodeArrow(schema: Schema, data: Uint8Array, file: string): arrow.RecordBatch[] {
  let table: arrow.Table;
  try {
    table = arrow.tableFromIPC(data);
  } catch (e) {
    throw badRow(file, undefined, `not an Arrow IPC file (${(e as Error).message})`);
  }
  const names = table.schema.fields.map((f) => f.name);
  if (names.length !== schema.length || names.some((n, i) => n !== schema[i]!.name)) {
    throw badRow(file, undefined, `its columns are ${names.join(', ')}, expected ${schema.map((f) => f.name).join(', ')}`);
  }
  return table.batches.filter((b) => b.numRows > 0);
}
