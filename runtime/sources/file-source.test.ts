// The files source: discovery order, offsets that survive restarts, max_files_per_trigger, on_error, options.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as arrow from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TidemarkError } from '../../common/errors.js';
import type { Schema } from '../../common/types.js';
import { deadLettersOf } from '../dead-letters.js';
import { rowsFromBatch } from '../values.js';
import { isInputFileName } from './file-reader.js';
import { FileSource, fileSourceOptions, type FileSourceOptions } from './file-source.js';
import type { StreamSource } from './source.js';

const SCHEMA: Schema = [{ name: 'f', type: 'STRING', nullable: true }, { name: 'i', type: 'BIGINT', nullable: true }];
const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-files-'));

function source(dir: string, extra: Partial<FileSourceOptions> = {}): FileSource {
  return new FileSource('s', SCHEMA, { dir, format: 'jsonl', onError: 'fail', maxFilesPerTrigger: undefined, maxRowsPerBatch: undefined, deadLetterTable: undefined, ...extra });
}

/** A JSONL file of `n` records (f = its name, i = 0..n-1); `bad` positions hold malformed lines instead. */
function writeFile(dir: string, name: string, n: number, bad: readonly number[] = []): void {
  const lines = Array.from({ length: n }, (_, i) => (bad.includes(i) ? `not json ${i}` : JSON.stringify({ f: name, i })));
  fs.writeFileSync(path.join(dir, name), lines.join('\n') + (n ? '\n' : ''));
}

const rows = (bs: readonly arrow.RecordBatch[]): unknown[][] => bs.flatMap((b) => rowsFromBatch(b, SCHEMA));

/** Reads everything available, as one query does: from its committed offset to the latest. */
function drain(r: StreamSource, from: number): { rows: unknown[][]; end: number } {
  const end = r.latestOffset();
  return { rows: rows(end > from ? r.read(from, end) : []), end };
}

const expectError = (f: () => unknown, code: string, message: RegExp): void => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(TidemarkError);
    expect((e as TidemarkError).code).toBe(code);
    expect((e as TidemarkError).message).toMatch(message);
    return;
  }
  throw new Error('expected an error');
};

describe('file names', () => {
  it('reads visible names only: not hidden, not temporary', () => {
    for (const n of ['a.jsonl', 'part-0001.csv', 'x.tmpl', 'data']) expect(isInputFileName(n), n).toBe(true);
    for (const n of ['.a.jsonl', '_SUCCESS', '_tmp', 'a.jsonl.tmp', 'a.TMP', 'a.part', 'a.temp', 'a~', 'a.jsonl.tmp-1234', 'a.tmp.1']) expect(isInputFileName(n), n).toBe(false);
  });
});

describe('FileSource', () => {
  it('numbers records across files, new files sorted by name, skipping hidden, temporary and directory entries', () => {
    const dir = tmp();
    writeFile(dir, 'b', 2);
    writeFile(dir, 'a', 1);
    writeFile(dir, '.hidden', 1);
    writeFile(dir, 'c.tmp', 1);
    fs.mkdirSync(path.join(dir, 'sub'));
    writeFile(path.join(dir, 'sub'), 'z', 1);
    const s = source(dir);
    expect(s.latestOffset()).toBe(3);
    expect(rows(s.read(0, 3))).toEqual([['a', 0], ['b', 0], ['b', 1]]);
    expect(rows(s.read(1, 2))).toEqual([['b', 0]]);
    // A file that sorts first but arrives later goes after the files already accepted.
    writeFile(dir, '0-late', 1);
    fs.renameSync(path.join(dir, 'c.tmp'), path.join(dir, 'c'));
    expect(s.latestOffset()).toBe(5);
    // (c was written as c.tmp, so its records say so.)
    expect(rows(s.read(3, 5))).toEqual([['0-late', 0], ['c.tmp', 0]]);
    expect(s.describe(5)).toEqual({ files: [['a', 1, fs.statSync(path.join(dir, 'a')).size], ['b', 2, fs.statSync(path.join(dir, 'b')).size],
      ['0-late', 1, fs.statSync(path.join(dir, '0-late')).size], ['c', 1, fs.statSync(path.join(dir, 'c')).size]] });
    expect((s.describe(3) as { files: unknown[] }).files).toHaveLength(2);
  });

  it('reads, for any arrivals of files between batches and restarts between them, every record once in arrival order', () => {
    const file = fc.record({ name: fc.stringMatching(/^[a-z]{1,6}$/), n: fc.nat(4) });
    fc.assert(fc.property(fc.uniqueArray(file, { selector: (f) => f.name, minLength: 1, maxLength: 8 }), fc.array(fc.nat(3), { minLength: 8, maxLength: 8 }),
      fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), (files, cuts, restarts) => {
        const dir = tmp();
        try {
          // files[k] arrives in wave waves[k]; each wave's files are listed sorted by name.
          let wave = 0;
          const waves = files.map((_, k) => (wave += k > 0 ? Math.min(1, cuts[k]!) : 0));
          const src = source(dir);
          let reader = src.forQuery();
          let committed = 0;
          const got: unknown[][] = [];
          const expected: unknown[][] = [];
          for (let w = 0; w <= wave; w++) {
            const arriving = files.filter((_, k) => waves[k] === w);
            for (const f of arriving) writeFile(dir, f.name, f.n);
            for (const f of [...arriving].sort((a, b) => (a.name < b.name ? -1 : 1))) for (let i = 0; i < f.n; i++) expected.push([f.name, i]);
            const r = drain(reader, committed);
            got.push(...r.rows);
            committed = r.end;
            if (restarts[w]) {
              // A new process: a fresh source and reader, rebuilt from what the offset log kept.
              const logged = reader.describe!(committed);
              reader = source(dir).forQuery();
              reader.restore!(JSON.parse(JSON.stringify(logged)) as never);
            }
          }
          expect(got).toEqual(expected);
          expect(reader.latestOffset()).toBe(committed);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }), { numRuns: 60 });
  });

  it('restores the logged order whatever order the directory lists now, and reads only the new files after it', () => {
    const dir = tmp();
    writeFile(dir, 'a', 1);
    writeFile(dir, 'c', 1);
    const r1 = source(dir).forQuery();
    expect(drain(r1, 0).rows).toEqual([['a', 0], ['c', 0]]);
    writeFile(dir, 'b', 2);
    expect(drain(r1, 2).rows).toEqual([['b', 0], ['b', 1]]);
    const logged = r1.describe(4);
    // Restart: touching files (new modification times) and a file that sorts first do not change the offsets.
    for (const f of ['a', 'b', 'c']) fs.utimesSync(path.join(dir, f), new Date(2000, 0, 1), new Date(2000, 0, 1));
    writeFile(dir, '0', 1);
    const r2 = source(dir).forQuery();
    r2.restore(logged);
    expect(rows(r2.read(2, 4))).toEqual([['b', 0], ['b', 1]]);
    expect(drain(r2, 4).rows).toEqual([['0', 0]]);
  });

  it('gives each query its own order, so queries that discovered files at different times both stay right', () => {
    const dir = tmp();
    const s = source(dir);
    const early = s.forQuery();
    writeFile(dir, 'b', 1);
    expect(drain(early, 0).rows).toEqual([['b', 0]]);
    writeFile(dir, 'a', 1);
    const late = s.forQuery();
    expect(drain(late, 0).rows).toEqual([['a', 0], ['b', 0]]);
    expect(drain(early, 1).rows).toEqual([['a', 0]]);
  });

  it('refuses to restore a file list that contradicts what the reader already has, or is unreadable', () => {
    const dir = tmp();
    writeFile(dir, 'a', 1);
    writeFile(dir, 'b', 1);
    const r = source(dir).forQuery();
    r.latestOffset();
    expectError(() => r.restore({ files: [['b', 1, 1]] }), 'CHECKPOINT_ERROR', /lists 'b' as file 1 of source 's', but this reader already has 'a' there/);
    expectError(() => r.restore({ files: 'a' }), 'CHECKPOINT_ERROR', /no readable file list for source 's'/);
  });

  it('fails a logged read when its file is gone or changed', () => {
    const dir = tmp();
    writeFile(dir, 'a', 2);
    const r1 = source(dir).forQuery();
    r1.latestOffset();
    const logged = r1.describe(2);
    fs.appendFileSync(path.join(dir, 'a'), '{"f": "a", "i": 2}\n');
    const r2 = source(dir).forQuery();
    r2.restore(logged);
    expectError(() => r2.read(0, 2), 'CHECKPOINT_ERROR', /File 'a' of source 's' changed \(it had \d+ bytes, now \d+\), but a logged batch still reads it/);
    fs.rmSync(path.join(dir, 'a'));
    expectError(() => r2.read(0, 2), 'CHECKPOINT_ERROR', /File 'a' of source 's' is gone/);
  });

  it('lets a batch cover at most max_files_per_trigger files that have records, resuming mid-file', () => {
    const dir = tmp();
    writeFile(dir, 'a', 2);
    writeFile(dir, 'b', 0);
    writeFile(dir, 'c', 3);
    writeFile(dir, 'd', 1);
    const s = source(dir, { maxFilesPerTrigger: 2 });
    const latest = s.latestOffset();
    expect(latest).toBe(6);
    expect(s.limitEnd(0, latest)).toBe(5);
    expect(s.limitEnd(5, latest)).toBe(6);
    expect(s.limitEnd(1, latest)).toBe(5);
    expect(s.limitEnd(2, 4)).toBe(4);
    const one = source(dir, { maxFilesPerTrigger: 1 });
    one.latestOffset();
    expect([one.limitEnd(0, 6), one.limitEnd(2, 6), one.limitEnd(5, 6)]).toEqual([2, 5, 6]);
  });

  it("on_error = 'fail': a malformed record fails the listing that finds it, naming file and line, before any batch reads it", () => {
    const dir = tmp();
    writeFile(dir, 'a', 1);
    writeFile(dir, 'b', 3, [1]);
    const s = source(dir);
    expectError(() => s.latestOffset(), 'INVALID_INPUT', /^Malformed record in file 'b' of source 's', line 2: invalid JSON\. Fix or remove the file, or create the source with on_error = 'skip' or 'dead_letter'; then RESTART the query\.$/);
    writeFile(dir, 'b', 3);
    expect(drain(source(dir).forQuery(), 0).rows).toHaveLength(4);
  });

  it("on_error = 'skip' drops malformed records, which keep their offsets, and counts them", () => {
    const dir = tmp();
    writeFile(dir, 'a', 4, [0, 2]);
    writeFile(dir, 'b', 2, [1]);
    const s = source(dir, { onError: 'skip' });
    expect(s.latestOffset()).toBe(6);
    expect(rows(s.read(0, 6))).toEqual([['a', 1], ['a', 3], ['b', 0]]);
    expect(rows(s.read(1, 3))).toEqual([['a', 1]]);
    expect(rows(s.read(3, 5))).toEqual([['a', 3], ['b', 0]]);
    expect(s.report(0, 6)).toEqual({ metrics: { numFiles: 2, numMalformedRows: 3, numSkippedRows: 3, numDeadLetterRows: 0 }, deadLetters: undefined });
    expect(s.report(3, 5).metrics).toEqual({ numFiles: 2, numMalformedRows: 0, numSkippedRows: 0, numDeadLetterRows: 0 });
  });

  it("on_error = 'dead_letter' reports the range's malformed records, and the table keeps each one once", () => {
    const dir = tmp();
    writeFile(dir, 'a', 3, [1]);
    const s = source(dir, { onError: 'dead_letter', deadLetterTable: 's_dead_letters' });
    s.latestOffset();
    const r = s.report(0, 3);
    expect(r.metrics).toEqual({ numFiles: 1, numMalformedRows: 1, numSkippedRows: 0, numDeadLetterRows: 1 });
    const dead = deadLettersOf(r.deadLetters!);
    expect(dead).toEqual([{ raw: 'not json 1', file: 'a', line: 2, reason: 'invalid JSON' }]);
    expect(s.report(2, 3).deadLetters).toBeUndefined();
    s.keepDeadLetters(r.deadLetters!);
    s.keepDeadLetters(r.deadLetters!);
    expect(s.deadLetterTable().numRows).toBe(1);
  });
});

describe('fileSourceOptions', () => {
  it('resolves a relative path against the base directory and fills defaults', () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'in'));
    expect(fileSourceOptions('s', { path: 'in', format: 'CSV' }, dir)).toEqual({
      dir: path.join(dir, 'in'), format: 'csv', onError: 'fail', maxFilesPerTrigger: undefined, maxRowsPerBatch: undefined, deadLetterTable: undefined,
    });
    expect(fileSourceOptions('s', { path: 'in', format: 'jsonl', on_error: 'dead_letter', max_files_per_trigger: 2 }, dir))
      .toMatchObject({ onError: 'dead_letter', deadLetterTable: 's_dead_letters', maxFilesPerTrigger: 2 });
    expect(fileSourceOptions('s', { path: 'in', format: 'jsonl', on_error: 'dead_letter', dead_letter_table: 'Bad' }, dir).deadLetterTable).toBe('bad');
  });

  it('refuses bad options with a message that says what to write', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'file'), '');
    const cases: [Record<string, string | number>, RegExp][] = [
      [{ format: 'csv' }, /needs WITH \(path = '<directory>'/],
      [{ path: 'missing', format: 'csv' }, /directory 'missing' does not exist\. Create it first/],
      [{ path: 'file', format: 'csv' }, /must name a directory, and 'file' is a file/],
      [{ path: '.' }, /needs a format: WITH \(format = 'jsonl' \| 'csv' \| 'arrow'\)/],
      [{ path: '.', format: 'parquet' }, /must be 'jsonl', 'csv' or 'arrow', not 'parquet'/],
      [{ path: '.', format: 'csv', on_error: 'ignore' }, /'on_error' .* must be 'fail' \(the default\), 'skip' or 'dead_letter', not 'ignore'/],
      [{ path: '.', format: 'csv', max_files_per_trigger: 0 }, /'max_files_per_trigger' .* positive whole number, not '0'/],
      [{ path: '.', format: 'csv', max_rows_per_batch: 1.5 }, /'max_rows_per_batch' .* positive whole number/],
      [{ path: '.', format: 'csv', dead_letter_table: 'bad' }, /add on_error = 'dead_letter' or remove it/],
    ];
    for (const [opts, msg] of cases) expectError(() => fileSourceOptions('s', opts, dir), 'INVALID_OPTION', msg);
  });
});
