// The files source: a directory whose new files are read as they appear (JSONL, CSV or Arrow), shared by its queries.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as arrow from 'apache-arrow';
import { TidemarkError } from '../../common/errors.js';
import type { Schema } from '../../common/types.js';
import { deadLetterBatch, deadLettersOf, type DeadLetter } from '../dead-letters.js';
import { readArrow } from '../formats/arrow-read.js';
import { readCsv } from '../formats/csv-read.js';
import type { DecodedFile } from '../formats/decoded-file.js';
import { readJsonl } from '../formats/jsonl-read.js';
import { FileReader } from './file-reader.js';
import type { JsonValue, SourceReadReport, StreamSource } from './source.js';

export type FileFormat = 'jsonl' | 'csv' | 'arrow';
export type OnError = 'fail' | 'skip' | 'dead_letter';

export interface FileSourceOptions {
  /** Absolute path of the directory. */
  readonly dir: string;
  readonly format: FileFormat;
  readonly onError: OnError;
  /** At most this many files per micro-batch. */
  readonly maxFilesPerTrigger: number | undefined;
  readonly maxRowsPerBatch: number | undefined;
  /** Name of the dead-letter table (on_error = 'dead_letter'). */
  readonly deadLetterTable: string | undefined;
}

type Options = Readonly<Record<string, string | number | boolean>>;

const FORMATS: readonly FileFormat[] = ['jsonl', 'csv', 'arrow'];
const ON_ERROR: readonly OnError[] = ['fail', 'skip', 'dead_letter'];

/** Validates a files source's options; a relative `path` resolves against `baseDir`. */
export function fileSourceOptions(name: string, opts: Options, baseDir: string): FileSourceOptions {
  const bad = (msg: string): never => {
    throw new TidemarkError('INVALID_OPTION', msg);
  };
  const p = opts['path'];
  if (typeof p !== 'string' || p === '') bad(`A files source needs WITH (path = '<directory>', format = 'jsonl' | 'csv' | 'arrow'); '${name}' has no path.`);
  const dir = path.resolve(baseDir, p as string);
  let isDir = false;
  try {
    isDir = fs.statSync(dir).isDirectory();
  } catch {
    bad(`Option 'path' of source '${name}': directory '${String(p)}' does not exist. Create it first; files that appear in it later are read as they come.`);
  }
  if (!isDir) bad(`Option 'path' of source '${name}' must name a directory, and '${String(p)}' is a file.`);
  const format = String(opts['format'] ?? '').toLowerCase();
  if (!FORMATS.includes(format as FileFormat)) {
    bad(opts['format'] === undefined
      ? `A files source needs a format: WITH (format = 'jsonl' | 'csv' | 'arrow'); '${name}' has none.`
      : `Option 'format' of source '${name}' must be 'jsonl', 'csv' or 'arrow', not '${String(opts['format'])}'.`);
  }
  const onError = String(opts['on_error'] ?? 'fail').toLowerCase();
  if (!ON_ERROR.includes(onError as OnError)) bad(`Option 'on_error' of source '${name}' must be 'fail' (the default), 'skip' or 'dead_letter', not '${String(opts['on_error'])}'.`);
  const count = (k: string): number | undefined => {
    const v = opts[k];
    if (v === undefined) return undefined;
    const x = Number(v);
    if (!Number.isSafeInteger(x) || x < 1) bad(`Option '${k}' of source '${name}' must be a positive whole number, not '${String(v)}'.`);
    return x;
  };
  const dl = opts['dead_letter_table'];
  if (dl !== undefined && onError !== 'dead_letter') bad(`Option 'dead_letter_table' of source '${name}' names the table on_error = 'dead_letter' writes to; add on_error = 'dead_letter' or remove it.`);
  if (dl !== undefined && (typeof dl !== 'string' || dl === '')) bad(`Option 'dead_letter_table' of source '${name}' must be a table name.`);
  return {
    dir,
    format: format as FileFormat,
    onError: onError as OnError,
    maxFilesPerTrigger: count('max_files_per_trigger'),
    maxRowsPerBatch: count('max_rows_per_batch'),
    deadLetterTable: onError === 'dead_letter' ? (dl === undefined ? `${name}_dead_letters` : String(dl).toLowerCase()) : undefined,
  };
}

/** Records decoded from recently read files, kept up to this many records in all (the least recently used go first). */
const CACHE_RECORDS = 1_000_000;

export function decodeBytes(bytes: Uint8Array, format: FileFormat, schema: Schema): DecodedFile {
  switch (format) {
    case 'arrow': return readArrow(bytes, schema);
    case 'csv': return readCsv(new TextDecoder().decode(bytes), schema);
    case 'jsonl': return readJsonl(new TextDecoder().decode(bytes), schema);
  }
}

export class FileSource implements StreamSource {
  readonly startAtLatest = false;
  readonly maxRowsPerBatch: number | undefined;
  private readonly cache = new Map<string, DecodedFile>();
  private cachedRecords = 0;
  /** Dead letters of committed batches, by file and line: two queries (or a restart) never add one twice. */
  private readonly deadLetters = new Map<string, DeadLetter>();
  private ownReader: FileReader | undefined;

  constructor(readonly name: string, readonly schema: Schema, readonly options: FileSourceOptions) {
    this.maxRowsPerBatch = options.maxRowsPerBatch;
  }

  forQuery(): FileReader {
    return new FileReader(this);
  }

  /** Decodes a file (or takes it from the cache: same name, size and modification time). */
  decode(file: string, size: number, mtimeMs: number): DecodedFile {
    const key = `${file}\0${size}\0${mtimeMs}`;
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    let bytes: Uint8Array;
    try {
      bytes = fs.readFileSync(path.join(this.options.dir, file));
    } catch (e) {
      throw new TidemarkError('INVALID_INPUT', `Cannot read file '${file}' of source '${this.name}' in ${this.options.dir}: ${(e as Error).message}.`);
    }
    const decoded = decodeBytes(bytes, this.options.format, this.schema);
    this.cache.set(key, decoded);
    this.cachedRecords += decoded.records;
    for (const [k, d] of this.cache) {
      if (this.cachedRecords <= CACHE_RECORDS || k === key) break;
      this.cache.delete(k);
      this.cachedRecords -= d.records;
    }
    return decoded;
  }

  keepDeadLetters(rows: arrow.RecordBatch): void {
    for (const d of deadLettersOf(rows)) {
      const key = `${d.file}\0${d.line ?? ''}`;
      if (!this.deadLetters.has(key)) this.deadLetters.set(key, d);
    }
  }

  /** The dead-letter table: every malformed record of the batches its queries committed. */
  deadLetterTable(): arrow.RecordBatch {
    return deadLetterBatch([...this.deadLetters.values()]);
  }

  // Used on its own (outside an executor), the source reads through one reader of its own.
  private get reader(): FileReader {
    return (this.ownReader ??= this.forQuery());
  }

  latestOffset(): number {
    return this.reader.latestOffset();
  }

  read(start: number, end: number): arrow.RecordBatch[] {
    return this.reader.read(start, end);
  }

  limitEnd(start: number, end: number): number {
    return this.reader.limitEnd(start, end);
  }

  describe(end: number): JsonValue {
    return this.reader.describe(end);
  }

  restore(description: JsonValue): void {
    this.reader.restore(description);
  }

  report(start: number, end: number): SourceReadReport {
    return this.reader.report(start, end);
  }
}
