// The file formats of the files sink: names, file extensions, and encoding/decoding of a batch of rows.

import type * as arrow from 'apache-arrow';
import { assertNever } from '../../common/errors.js';
import type { Schema } from '../../common/types.js';
import { decodeArrow, encodeArrow } from './arrow-ipc.js';
import { decodeCsv, encodeCsv } from './csv.js';
import { decodeJsonl, encodeJsonl } from './jsonl.js';

export type FileFormat = 'jsonl' | 'csv' | 'arrow';

export const FILE_FORMATS: readonly FileFormat[] = ['jsonl', 'csv', 'arrow'];

export const isFileFormat = (s: string): s is FileFormat => (FILE_FORMATS as readonly string[]).includes(s);

/** File name extension of a format. */
export function extensionOf(format: FileFormat): string {
  return format;
}

/** One file's bytes for `batches`, whose first `schema.length` columns are written (later, hidden ones are not). */
export function encodeBatches(format: FileFormat, schema: Schema, batches: readonly arrow.RecordBatch[]): Uint8Array {
  switch (format) {
    case 'jsonl': return encodeJsonl(schema, batches);
    case 'csv': return encodeCsv(schema, batches);
    case 'arrow': return encodeArrow(schema, batches);
    default: return assertNever(format, 'file format');
  }
}

/** The rows of a file written by encodeBatches, as batches of `schema` (`file` names it in errors). */
export function decodeFile(format: FileFormat, schema: Schema, data: Uint8Array, file: string): arrow.RecordBatch[] {
  switch (format) {
    case 'jsonl': return decodeJsonl(schema, data, file);
    case 'csv': return decodeCsv(schema, data, file);
    case 'arrow': return decodeArrow(schema, data, file);
    default: return assertNever(format, 'file format');
  }
}
