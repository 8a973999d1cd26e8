// One query's reader of a files source: the files it discovered, in discovery order, numbered into record offsets.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as arrow from 'apache-arrow';
import { TidemarkError } from '../../common/errors.js';
import type { Schema } from '../../common/types.js';
import { deadLetterBatch, type DeadLetter } from '../dead-letters.js';
import type { DecodedFile, MalformedRecord } from '../formats/decoded-file.js';
import { batchFromVecs, column, gather } from '../vec.js';
import type { FileSource } from './file-source.js';
import type { JsonValue, SourceReadReport, StreamSource } from './source.js';

/**
 * Names a source reads: not hidden (`.x`, `_x`) and not a temporary name (`x.tmp`, `x.temp`, `x.part`, `x~`,
 * `x.tmp-123`, `x.tmp.1`). Writers write under such a name and rename the file once it is complete, as Spark's
 * file source expects: a file is read as it is when first listed, and must not change afterwards.
 */
export function isInputFileName(name: string): boolean {
  return !/^[._]/.test(name) && !/(\.(tmp|temp|part)|~)$/i.test(name) && !/\.tmp[-.]/i.test(name);
}

interface FileEntry {
  readonly name: string;
  readonly records: number;
  readonly size: number;
  /** Offset of the file's first record. */
  readonly start: number;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Malformed records before position `p` (they are sorted by position). */
function malformedBefore(m: readonly MalformedRecord[], p: number): number {
  let lo = 0;
  let hi = m.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (m[mid]!.position < p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Offsets number the records of the files in the order this reader accepted them: each listing adds the new files
 * sorted by name. The order is logged with every batch (describe) and rebuilt on restart (restore), so a restart
 * neither skips nor repeats records, whatever order a later listing returns. A malformed record keeps its offset.
 */
export class FileReader implements StreamSource {
  readonly startAtLatest = false;
  private readonly files: FileEntry[] = [];
  private readonly known = new Set<string>();
  private total = 0;

  constructor(private readonly source: FileSource) {}

  get name(): string {
    return this.source.name;
  }

  get schema(): Schema {
    return this.source.schema;
  }

  get maxRowsPerBatch(): number | undefined {
    return this.source.maxRowsPerBatch;
  }

  private get dir(): string {
    return this.source.options.dir;
  }

  latestOffset(): number {
    this.discover();
    return this.total;
  }

  private add(name: string, records: number, size: number): void {
    this.files.push({ name, records, size, start: this.total });
    this.known.add(name);
    this.total += records;
  }

  /** Lists the directory and accepts the new files, sorted by name. */
  private discover(): void {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch (e) {
      throw new TidemarkError('INVALID_INPUT', `Cannot list directory ${this.dir} of source '${this.name}': ${(e as Error).message}. Restore the directory, or drop the source.`);
    }
    for (const file of names.filter((n) => !this.known.has(n) && isInputFileName(n)).sort(byCodeUnits)) {
      let st: fs.Stats;
      try {
        st = fs.statSync(path.join(this.dir, file));
      } catch {
        continue; // gone between listing and stat: it was never accepted
      }
      if (!st.isFile()) continue;
      const decoded = this.source.decode(file, st.size, st.mtimeMs);
      // on_error = 'fail' stops here, before any batch logs the file: fix or remove it and RESTART.
      if (this.source.options.onError === 'fail' && decoded.malformed.length) throw this.malformedError(file, decoded.malformed[0]!);
      this.add(file, decoded.records, st.size);
    }
  }

  private malformedError(file: string, m: MalformedRecord): TidemarkError {
    const where = m.line === null ? '' : `, ${this.source.options.format === 'arrow' ? 'row' : 'line'} ${m.line}`;
    return new TidemarkError('INVALID_INPUT',
      `Malformed record in file '${file}' of source '${this.name}'${where}: ${m.reason}. Fix or remove the file, or create the source with on_error = 'skip' or 'dead_letter'; then RESTART the query.`);
  }

  /** Index of the first file with a record at or after offset `p`. */
  private fileAt(p: number): number {
    let lo = 0;
    let hi = this.files.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const f = this.files[mid]!;
      if (f.start + f.records <= p) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Files with records in [start, end), with the part of each the range covers. */
  private *covered(start: number, end: number): Generator<{ file: FileEntry; from: number; to: number }> {
    for (let i = this.fileAt(start); i < this.files.length && this.files[i]!.start < end; i++) {
      const file = this.files[i]!;
      if (file.records === 0) continue;
      yield { file, from: Math.max(start, file.start) - file.start, to: Math.min(end, file.start + file.records) - file.start };
    }
  }

  /** A batch ends within the first max_files_per_trigger files that still have records to read. */
  limitEnd(start: number, end: number): number {
    const max = this.source.options.maxFilesPerTrigger;
    if (max === undefined) return end;
    let bound = start;
    let n = 0;
    for (const { file } of this.covered(start, end)) {
      if (n++ === max) break;
      bound = file.start + file.records;
    }
    return Math.min(end, bound);
  }

  /** A logged file, decoded again: it must be there, unchanged. */
  private decoded(f: FileEntry): DecodedFile {
    const gone = (why: string): never => {
      throw new TidemarkError('CHECKPOINT_ERROR',
        `File '${f.name}' of source '${this.name}' ${why}, but a logged batch still reads it. Files must stay unchanged in ${this.dir} until every query has read them: restore the file, or drop the query to start over.`);
    };
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(path.join(this.dir, f.name));
    } catch {
      gone('is gone');
    }
    if (st!.size !== f.size) gone(`changed (it had ${f.size} bytes, now ${st!.size})`);
    const d = this.source.decode(f.name, st!.size, st!.mtimeMs);
    if (d.records !== f.records) gone(`changed (it had ${f.records} records, now ${d.records})`);
    if (this.source.options.onError === 'fail' && d.malformed.length) throw this.malformedError(f.name, d.malformed[0]!);
    return d;
  }

  read(start: number, end: number): arrow.RecordBatch[] {
    const out: arrow.RecordBatch[] = [];
    for (const { file, from, to } of this.covered(start, end)) {
      const d = this.decoded(file);
      // The well-formed records are stored without the malformed ones: positions map to a contiguous row range.
      const lo = from - malformedBefore(d.malformed, from);
      const hi = to - malformedBefore(d.malformed, to);
      if (hi <= lo) continue;
      if (lo === 0 && hi === d.rows.numRows) {
        out.push(d.rows);
        continue;
      }
      const idx = Int32Array.from({ length: hi - lo }, (_, k) => lo + k);
      out.push(batchFromVecs(this.schema, this.schema.map((f, c) => gather(column(d.rows, c, f.type), idx, idx.length)), idx.length));
    }
    return out;
  }

  report(start: number, end: number): SourceReadReport {
    const onError = this.source.options.onError;
    const dead: DeadLetter[] = [];
    let numFiles = 0;
    let malformed = 0;
    for (const { file, from, to } of this.covered(start, end)) {
      numFiles++;
      const m = this.decoded(file).malformed;
      for (let k = malformedBefore(m, from); k < m.length && m[k]!.position < to; k++) {
        malformed++;
        if (onError === 'dead_letter') dead.push({ raw: m[k]!.raw, file: file.name, line: m[k]!.line, reason: m[k]!.reason });
      }
    }
    return {
      metrics: {
        numFiles,
        numMalformedRows: malformed,
        numSkippedRows: onError === 'skip' ? malformed : 0,
        numDeadLetterRows: onError === 'dead_letter' ? malformed : 0,
      },
      deadLetters: dead.length ? deadLetterBatch(dead) : undefined,
    };
  }

  /** The files that hold offsets below `end`, in order, each as [name, records, bytes]. */
  describe(end: number): JsonValue {
    const files: JsonValue[] = [];
    for (const f of this.files) {
      if (f.start >= end) break;
      files.push([f.name, f.records, f.size]);
    }
    return { files };
  }

  restore(description: JsonValue): void {
    const files = typeof description === 'object' && description !== null && !Array.isArray(description) ? (description as { files?: unknown }).files : undefined;
    const valid = Array.isArray(files) && files.every((f) => Array.isArray(f) && f.length === 3 && typeof f[0] === 'string' && Number.isSafeInteger(f[1]) && Number.isSafeInteger(f[2]));
    if (!valid) {
      throw new TidemarkError('CHECKPOINT_ERROR', `The offset log holds no readable file list for source '${this.name}'. Restore the checkpoint, or drop the query to start over.`);
    }
    (files as [string, number, number][]).forEach(([name, records, size], i) => {
      const have = this.files[i];
      if (!have) this.add(name, records, size);
      else if (have.name !== name || have.records !== records || have.size !== size) {
        throw new TidemarkError('CHECKPOINT_ERROR',
          `The checkpoint lists '${name}' as file ${i + 1} of source '${this.name}', but this reader already has '${have.name}' there. Drop the query to start over.`);
      }
    });
  }

  keepDeadLetters(rows: arrow.RecordBatch): void {
    this.source.keepDeadLetters(rows);
  }
}
