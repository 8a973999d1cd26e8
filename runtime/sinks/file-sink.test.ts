// The files sink's exactly-once protocol: crashes at every step of a batch, restarts, re-runs, and what readers see.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DataType, Field, Schema } from '../../common/types.js';
import type { ScalarValue } from '../../planner/index.js';
import { FILE_FORMATS, type FileFormat } from '../formats/format.js';
import { batchFromRows, rowsFromBatch } from '../values.js';
import { FileSink, type SinkFileOps } from './file-sink.js';
import { readCommittedFiles } from './manifest.js';
import type { SinkBatch } from './sink.js';

const f = (name: string, type: DataType): Field => ({ name, type, nullable: true });
const SCHEMA: Schema = [f('page', 'STRING'), f('n', 'BIGINT'), f('ts', 'TIMESTAMP')];
/** What the executor hands the sink: the query's columns, then a hidden key column the files must not hold. */
const FULL: Schema = [...SCHEMA, f('_key', 'BIGINT')];
const T0 = Date.UTC(2024, 0, 1) * 1000;

/** Batch `id`'s rows: `id + 1` of them, with the awkward values a file format must keep. */
function rowsOf(id: number): ScalarValue[][] {
  return Array.from({ length: id + 1 }, (_, i) => [i === 1 ? null : `p${id},"${i}"\n`, id * 10 + i, i === 2 ? null : T0 + id * 1_000_001 + i]);
}
const batch = (id: number): SinkBatch => ({ batchId: id, watermark: undefined, batches: [batchFromRows(FULL, rowsOf(id).map((r) => [...r, 99]))], retracted: [] });

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-file-sink-'));
  dirs.push(d);
  return path.join(d, 'out');
}

const sink = (dir: string, format: FileFormat, ops?: SinkFileOps): FileSink => new FileSink({ dir, displayPath: 'out', format, schema: SCHEMA, ops });
const committedRows = (dir: string): ScalarValue[][] => readCommittedFiles(dir).batches.flatMap((b) => b.table.batches.flatMap((r) => rowsFromBatch(r, SCHEMA)));
/** Every file under `dir`, relative, sorted. */
const files = (dir: string): string[] => (fs.readdirSync(dir, { recursive: true }) as string[])
  .filter((p) => fs.statSync(path.join(dir, p)).isFile()).sort();
/** What a reader that ignores hidden names (`_x`, `.x`) sees in the directory. */
const visible = (dir: string): string[] => fs.readdirSync(dir).filter((n) => !n.startsWith('_') && !n.startsWith('.')).sort();

/** The code of what `f` throws, and its message up to the first '. '. */
function errorOf(f: () => unknown): [string, string] | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    return [(e as { code: string }).code, (e as Error).message.split('. ')[0]!];
  }
}

/** File operations that record each call and crash at the `crashAt`-th one (a write crashes half-way through). */
function crashingOps(crashAt: number): SinkFileOps & { calls: string[] } {
  const calls: string[] = [];
  const crash = (): never => { throw new Error('crash'); };
  return {
    calls,
    write(file, data) {
      calls.push(`write ${path.basename(file)}`);
      if (calls.length === crashAt) {
        fs.writeFileSync(file, typeof data === 'string' ? data.slice(0, data.length >> 1) : data.subarray(0, data.length >> 1));
        crash();
      }
      fs.writeFileSync(file, data);
    },
    rename(from, to) {
      calls.push(`rename ${path.basename(from)} -> ${path.basename(to)}`);
      if (calls.length === crashAt) crash();
      fs.renameSync(from, to);
    },
  };
}

describe('files sink', () => {
  it('writes through a hidden temporary file and a manifest, in that order', () => {
    const dir = tmpDir();
    const ops = crashingOps(Infinity);
    const s = sink(dir, 'jsonl', ops);
    s.open();
    s.addBatch(batch(0));
    expect(ops.calls).toEqual([
      'write part-00000000.jsonl', 'write 0.json.tmp-' + process.pid, 'rename 0.json.tmp-' + process.pid + ' -> 0.json', 'rename part-00000000.jsonl -> part-00000000.jsonl',
    ]);
    expect(files(dir)).toEqual(['_manifest/0.json', 'part-00000000.jsonl']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, '_manifest/0.json'), 'utf8'))).toEqual({
      version: 1, batchId: 0, format: 'jsonl', schema: SCHEMA, files: [{ name: 'part-00000000.jsonl', rows: 1, bytes: fs.statSync(path.join(dir, 'part-00000000.jsonl')).size }],
    });
  });

  // The four file operations of batch 1, each cut short (a write half-done) or completed just before a crash; the
  // last point is a crash after the sink is done but before the query's commit marker.
  const POINTS = ['mid data write', 'mid manifest write', 'before the manifest rename', 'after the manifest, before the data rename', 'after the data rename'] as const;
  for (const format of FILE_FORMATS) {
    for (const [i, point] of POINTS.entries()) {
      it(`${format}: a crash ${point} and a restart leave exactly batches 0, 1, 2 and no temporary file`, () => {
        const dir = tmpDir();
        const first = sink(dir, format);
        first.open();
        first.addBatch(batch(0));
        // Calls of batch 1: 1 data write, 2 manifest write, 3 manifest rename, 4 data rename.
        const crashAt = [1, 2, 3, 4, Infinity][i]!;
        const ops = crashingOps(crashAt);
        const crashing = sink(dir, format, ops);
        crashing.open();
        if (crashAt === Infinity) crashing.addBatch(batch(1));
        else expect(() => crashing.addBatch(batch(1))).toThrow(/crash/);

        // Meanwhile a reader sees batch 0, and batch 1 only once its manifest exists (wherever its file waits).
        const committed = i >= 3;
        expect(committedRows(dir)).toEqual([...rowsOf(0), ...(committed ? rowsOf(1) : [])]);

        const restarted = sink(dir, format, crashingOps(Infinity));
        restarted.open();
        expect(files(dir).filter((p) => p.startsWith('_temporary') || p.includes('.tmp-'))).toEqual([]);
        expect(visible(dir)).toEqual([`part-00000000.${format}`, ...(committed ? [`part-00000001.${format}`] : [])]);
        // The query never committed batch 1, so it runs it again: a committed one is skipped without a file operation.
        const rerun = crashingOps(Infinity);
        const again = sink(dir, format, rerun);
        again.open();
        again.addBatch(batch(1));
        expect(rerun.calls.length).toBe(committed ? 0 : 4);
        again.addBatch(batch(2));
        expect(committedRows(dir)).toEqual([...rowsOf(0), ...rowsOf(1), ...rowsOf(2)]);
        expect(visible(dir)).toEqual([0, 1, 2].map((b) => `part-0000000${b}.${format}`));
        expect(files(dir).filter((p) => p.startsWith('_temporary') || p.includes('.tmp-'))).toEqual([]);
      });
    }
  }

  it('a re-run of a committed batch writes nothing, in the same process or a new one', () => {
    const dir = tmpDir();
    const s = sink(dir, 'csv');
    s.open();
    s.addBatch(batch(0));
    s.addBatch(batch(1));
    const before = files(dir).map((p) => [p, fs.readFileSync(path.join(dir, p), 'utf8')]);
    const ops = crashingOps(Infinity);
    const again = sink(dir, 'csv', ops);
    again.open();
    for (const id of [0, 1]) again.addBatch(batch(id));
    s.addBatch(batch(1));
    expect(ops.calls).toEqual([]);
    expect(files(dir).map((p) => [p, fs.readFileSync(path.join(dir, p), 'utf8')])).toEqual(before);
  });

  it('a batch without rows writes no file and no manifest', () => {
    const dir = tmpDir();
    const s = sink(dir, 'jsonl');
    s.open();
    s.addBatch({ batchId: 0, watermark: undefined, batches: [], retracted: [] });
    s.addBatch({ batchId: 1, watermark: undefined, batches: [batchFromRows(FULL, [])], retracted: [] });
    expect(files(dir)).toEqual([]);
    expect(readCommittedFiles(dir)).toMatchObject({ schema: [], batches: [] });
  });

  it('refuses a directory that holds output of other columns or another format', () => {
    const dir = tmpDir();
    const s = sink(dir, 'jsonl');
    s.open();
    s.addBatch(batch(0));
    expect(() => sink(dir, 'csv').open()).toThrow(/already holds jsonl output with other columns or another format/);
    const other = new FileSink({ dir, displayPath: 'out', format: 'jsonl', schema: [f('page', 'STRING')] });
    expect(errorOf(() => other.open())?.[0]).toBe('INVALID_OPTION');
  });

  it('an unwritable path is an IO_ERROR naming the path as the user wrote it', () => {
    const s = new FileSink({ dir: '/dev/null/out', displayPath: 'out/', format: 'jsonl', schema: SCHEMA });
    expect(errorOf(() => s.open())).toEqual(['IO_ERROR', "The files sink cannot create its directory (path 'out/'): ENOTDIR: not a directory, mkdir '/dev/null/out/_manifest'"]);
  });

  it('readCommittedFiles reports a committed file that went missing', () => {
    const dir = tmpDir();
    const s = sink(dir, 'arrow');
    s.open();
    s.addBatch(batch(0));
    fs.rmSync(path.join(dir, 'part-00000000.arrow'));
    expect(errorOf(() => readCommittedFiles(dir))).toEqual(['IO_ERROR', `File ${path.join(dir, 'part-00000000.arrow')} of committed batch 0 is missing`]);
    expect(errorOf(() => readCommittedFiles(path.join(dir, 'nope')))).toEqual(['IO_ERROR', `The sink directory ${path.join(dir, 'nope')} does not exist`]);
  });
});
