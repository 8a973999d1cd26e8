// The files source through the Engine: restarts neither skip nor repeat, on_error modes, dead letters, progress.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { TidemarkError } from '../common/errors.js';
import { Engine } from './engine.js';
import { renderRows } from './script-runner.js';
import type { EmittedBatch } from './streaming-query.js';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-files-engine-'));

/** Writes a JSONL file under a temporary name and renames it, as writers into a source directory should. */
function put(dir: string, name: string, lines: readonly string[]): void {
  fs.writeFileSync(path.join(dir, `.${name}.tmp`), lines.map((l) => l + '\n').join(''));
  fs.renameSync(path.join(dir, `.${name}.tmp`), path.join(dir, name));
}

const rec = (k: string, v: number): string => JSON.stringify({ k, v });

/** One engine over a checkpoint root: a files source `s` over `dir` and a stateless query `q`. */
function open(root: string, dir: string, sourceOptions = '', queries = ['q']): Engine {
  const engine = new Engine({ checkpointRoot: root });
  engine.execute(`CREATE SOURCE s (k STRING, v BIGINT) WITH (connector = 'files', path = '${dir}', format = 'jsonl'${sourceOptions})`);
  for (const q of queries) engine.execute(`CREATE QUERY ${q} AS SELECT k, v FROM s`);
  return engine;
}

function select(engine: Engine, sql: string): string[] {
  const r = engine.execute(sql);
  if (r.kind !== 'result') throw new Error('expected rows');
  return renderRows(r.table, r.schema, r.orderBy);
}

function trigger(engine: Engine): (EmittedBatch | { query: string; error: TidemarkError })[] {
  const r = engine.execute('TRIGGER');
  if (r.kind !== 'trigger') throw new Error('expected batches');
  return [...r.batches];
}

const batchRows = (b: EmittedBatch | { error: TidemarkError }): string[] => ('error' in b ? [`ERROR ${b.error.code}`] : b.table.toArray().map((r) => {
  const o = r as { k: string; v: bigint };
  return `${o.k}\t${o.v}`;
}));

describe('files source through the engine', () => {
  it('resumes after a restart with files added between runs, neither skipping nor repeating', () => {
    const root = tmp();
    const dir = tmp();
    put(dir, 'a.jsonl', [rec('a', 1), rec('a', 2)]);
    put(dir, 'c.jsonl', [rec('c', 1)]);
    let engine = open(root, dir);
    expect(trigger(engine).map(batchRows)).toEqual([['a\t1', 'a\t2', 'c\t1']]);
    put(dir, 'b.jsonl', [rec('b', 1)]);
    expect(trigger(engine).map(batchRows)).toEqual([['b\t1']]);
    engine.close();

    // Between runs: a file that sorts before all others arrives, and old files get new modification times.
    put(dir, '0.jsonl', [rec('0', 1)]);
    for (const f of ['a.jsonl', 'b.jsonl', 'c.jsonl']) fs.utimesSync(path.join(dir, f), new Date(2001, 0, 1), new Date(2001, 0, 1));
    engine = open(root, dir);
    const out = trigger(engine);
    expect(out.map((b) => ('batchId' in b ? b.batchId : -1))).toEqual([2]);
    expect(out.map(batchRows)).toEqual([['0\t1']]);
    expect(select(engine, 'SELECT * FROM q')).toEqual(['0\t1', 'a\t1', 'a\t2', 'b\t1', 'c\t1']);
    engine.close();
  });

  it('re-runs a batch logged but not committed with exactly the files it logged', () => {
    const root = tmp();
    const dir = tmp();
    put(dir, 'a.jsonl', [rec('a', 1)]);
    let engine = open(root, dir);
    trigger(engine);
    put(dir, 'b.jsonl', [rec('b', 1)]);
    trigger(engine);
    engine.close();
    // A crash after batch 1 was logged and ran, before its commit marker.
    fs.rmSync(path.join(root, 'q', 'commits', '1.json'));
    const logged = JSON.parse(fs.readFileSync(path.join(root, 'q', 'offsets', '1.json'), 'utf8')) as { descriptions: { s: { files: unknown[][] } } };
    expect(logged.descriptions.s.files.map((f) => f[0])).toEqual(['a.jsonl', 'b.jsonl']);
    put(dir, '0.jsonl', [rec('0', 1)]);
    engine = open(root, dir);
    const out = trigger(engine);
    expect(out.map((b) => ('batchId' in b ? b.batchId : -1))).toEqual([1, 2]);
    expect(out.map(batchRows)).toEqual([['b\t1'], ['0\t1']]);
    expect(select(engine, 'SELECT * FROM q')).toEqual(['0\t1', 'a\t1', 'b\t1']);
  });

  it('refuses to resume when a file a logged batch still has to read changed', () => {
    const root = tmp();
    const dir = tmp();
    put(dir, 'a.jsonl', [rec('a', 1)]);
    let engine = open(root, dir);
    trigger(engine);
    engine.close();
    fs.rmSync(path.join(root, 'q', 'commits', '0.json'));
    put(dir, 'a.jsonl', [rec('a', 1), rec('a', 2)]);
    engine = open(root, dir);
    const [b] = trigger(engine);
    expect(b && 'error' in b ? [b.error.code, b.error.message] : b).toEqual(['CHECKPOINT_ERROR', expect.stringMatching(/^File 'a.jsonl' of source 's' changed/) as unknown]);
  });

  it('gives two queries over one source their own progress, before and after a restart', () => {
    const root = tmp();
    const dir = tmp();
    put(dir, 'b.jsonl', [rec('b', 1)]);
    let engine = open(root, dir);
    trigger(engine);
    put(dir, 'a.jsonl', [rec('a', 1)]);
    engine.execute('CREATE QUERY q2 AS SELECT k, v FROM s');
    expect(trigger(engine).map((b) => ['query' in b ? b.query : '', ...batchRows(b)])).toEqual([['q', 'a\t1'], ['q2', 'a\t1', 'b\t1']]);
    put(dir, 'c.jsonl', [rec('c', 1)]);
    engine.close();
    engine = open(root, dir, '', ['q', 'q2']);
    expect(trigger(engine).map((b) => ['query' in b ? b.query : '', ...batchRows(b)])).toEqual([['q', 'c\t1'], ['q2', 'c\t1']]);
    expect(select(engine, 'SELECT * FROM q')).toEqual(select(engine, 'SELECT * FROM q2'));
  });

  it('runs one batch per file with max_files_per_trigger = 1, and reports files and rows in progress', () => {
    const dir = tmp();
    put(dir, 'a.jsonl', [rec('a', 1), rec('a', 2)]);
    put(dir, 'b.jsonl', [rec('b', 1)]);
    const engine = open(tmp(), dir, ', max_files_per_trigger = 1');
    const progress: unknown[] = [];
    engine.query('q')!.progress$.subscribe((p) => progress.push(p.sources));
    expect(trigger(engine).map(batchRows)).toEqual([['a\t1', 'a\t2'], ['b\t1']]);
    expect(progress).toEqual([
      [{ description: 's', startOffset: 0, endOffset: 2, numInputRows: 2, numFiles: 1, numMalformedRows: 0, numSkippedRows: 0, numDeadLetterRows: 0 }],
      [{ description: 's', startOffset: 2, endOffset: 3, numInputRows: 1, numFiles: 1, numMalformedRows: 0, numSkippedRows: 0, numDeadLetterRows: 0 }],
    ]);
  });

  it("on_error = 'fail' stops the query without losing committed rows; after the file is fixed, RESTART resumes", () => {
    const dir = tmp();
    put(dir, 'a.jsonl', [rec('a', 1)]);
    const engine = open(tmp(), dir);
    trigger(engine);
    put(dir, 'b.jsonl', [rec('b', 1), '{"k": "b", "v": "two"}']);
    const [b] = trigger(engine);
    expect(b && 'error' in b ? b.error.message : b).toBe(
      `Malformed record in file 'b.jsonl' of source 's', line 2: column 'v' (BIGINT): expected an integer, got 'two'. Fix or remove the file, or create the source with on_error = 'skip' or 'dead_letter'; then RESTART the query.`);
    expect(select(engine, 'SHOW QUERIES')).toEqual(['q\tAPPEND\tFAILED: INVALID_INPUT\t0\t1\tNULL']);
    expect(select(engine, 'SELECT * FROM q')).toEqual(['a\t1']);
    put(dir, 'b.jsonl', [rec('b', 1), rec('b', 2)]);
    engine.execute('RESTART q');
    expect(trigger(engine).map(batchRows)).toEqual([['b\t1', 'b\t2']]);
  });

  it("on_error = 'skip' drops malformed records and counts them", () => {
    const dir = tmp();
    put(dir, 'a.jsonl', [rec('a', 1), 'oops', rec('a', 3), '{"k": 5}']);
    const engine = open(tmp(), dir, ", on_error = 'skip'");
    expect(trigger(engine).map(batchRows)).toEqual([['a\t1', 'a\t3']]);
    expect(engine.query('q')!.lastProgress!.sources[0]).toMatchObject({ startOffset: 0, endOffset: 4, numInputRows: 2, numMalformedRows: 2, numSkippedRows: 2, numDeadLetterRows: 0 });
  });

  it("on_error = 'dead_letter' keeps each malformed record once in a read-only table, across restarts and queries", () => {
    const root = tmp();
    const dir = tmp();
    put(dir, 'a.jsonl', [rec('a', 1), 'oops']);
    const opts = ", on_error = 'dead_letter', dead_letter_table = 'bad'";
    let engine = open(root, dir, opts, ['q', 'q2']);
    trigger(engine);
    const first = ['oops\ta.jsonl\t2\tinvalid JSON'];
    expect(select(engine, 'SELECT * FROM bad')).toEqual(first);
    expect(engine.query('q')!.lastProgress!.sources[0]).toMatchObject({ numMalformedRows: 1, numSkippedRows: 0, numDeadLetterRows: 1 });
    expect(select(engine, 'DESCRIBE bad')).toEqual(['raw\tSTRING\ttrue', 'file\tSTRING\tfalse', 'line\tBIGINT\ttrue', 'reason\tSTRING\tfalse']);
    expect(() => engine.execute(`INSERT INTO bad VALUES ('x', 'f', 1, 'r')`)).toThrow(/'bad' holds the dead letters of source 's'; only the source writes to it/);
    expect(() => engine.execute('DROP TABLE bad')).toThrow(/'bad' holds the dead letters of source 's'; it goes when you DROP SOURCE s/);
    engine.close();

    engine = open(root, dir, opts, ['q', 'q2']);
    expect(select(engine, 'SELECT * FROM bad')).toEqual(first);
    put(dir, 'b.jsonl', ['{"k": "b", "v": 1.5}', rec('b', 2)]);
    trigger(engine);
    expect(select(engine, 'SELECT file, line, reason FROM bad')).toEqual(['a.jsonl\t2\tinvalid JSON',
      "b.jsonl\t1\tcolumn 'v' (BIGINT): expected an integer, got 1.5"]);
    engine.execute('RESTART q');
    expect(select(engine, 'SELECT count(*) FROM bad')).toEqual(['2']);
    engine.execute('DROP QUERY q');
    engine.execute('DROP QUERY q2');
    engine.execute('DROP SOURCE s');
    expect(() => engine.execute('SELECT * FROM bad')).toThrow(TidemarkError);
  });

  it('keeps the dead letters of a batch re-run after a crash before its commit exactly once', () => {
    const root = tmp();
    const dir = tmp();
    const opts = ", on_error = 'dead_letter'";
    put(dir, 'a.jsonl', ['bad a', rec('a', 1)]);
    let engine = open(root, dir, opts);
    trigger(engine);
    put(dir, 'b.jsonl', ['bad b']);
    trigger(engine);
    engine.close();
    expect(fs.existsSync(path.join(root, 'q', 'dead', '1.batch.arrow'))).toBe(true);
    fs.rmSync(path.join(root, 'q', 'commits', '1.json'));
    engine = open(root, dir, opts);
    expect(select(engine, 'SELECT raw FROM s_dead_letters')).toEqual(['bad a']);
    trigger(engine);
    expect(select(engine, 'SELECT raw, file, line FROM s_dead_letters')).toEqual(['bad a\ta.jsonl\t1', 'bad b\tb.jsonl\t1']);
  });

  it('refuses a dead-letter table name that is taken, and keeps nothing of the failed statement', () => {
    const dir = tmp();
    const engine = new Engine({ checkpointRoot: tmp() });
    engine.execute('CREATE TABLE s_dead_letters (x BIGINT)');
    expect(() => engine.execute(`CREATE SOURCE s (k STRING) WITH (connector = 'files', path = '${dir}', format = 'csv', on_error = 'dead_letter')`))
      .toThrow(/The dead-letter table 's_dead_letters' of source 's' names an existing relation; choose another name with dead_letter_table = '...'/);
    expect(select(engine, 'SHOW SOURCES')).toEqual([]);
  });

  it('resolves a relative path against the engine base directory', () => {
    const base = tmp();
    fs.mkdirSync(path.join(base, 'in'));
    put(path.join(base, 'in'), 'a.jsonl', [rec('a', 1)]);
    const engine = new Engine({ checkpointRoot: tmp(), baseDir: base });
    engine.execute(`CREATE SOURCE s (k STRING, v BIGINT) WITH (connector = 'files', path = 'in', format = 'jsonl')`);
    engine.execute('CREATE QUERY q AS SELECT * FROM s');
    expect(trigger(engine).map(batchRows)).toEqual([['a\t1']]);
  });

  it('reads Arrow IPC files, a record per row, casting compatible column types', () => {
    const dir = tmp();
    const t = new arrow.Table({ k: arrow.vectorFromArray(['x', 'y'], new arrow.Utf8()), v: arrow.makeVector(new Int32Array([7, 8])) });
    fs.writeFileSync(path.join(dir, 'part-0.arrow'), arrow.tableToIPC(t, 'file'));
    fs.writeFileSync(path.join(dir, 'part-1.arrow'), arrow.tableToIPC(new arrow.Table({ v: arrow.makeVector(new BigInt64Array([9007199254740992n, 1n])) }), 'stream'));
    const engine = new Engine({ checkpointRoot: tmp() });
    engine.execute(`CREATE SOURCE s (k STRING, v BIGINT) WITH (connector = 'files', path = '${dir}', format = 'arrow', on_error = 'dead_letter')`);
    engine.execute('CREATE QUERY q AS SELECT k, v FROM s');
    expect(trigger(engine).map(batchRows)).toEqual([['x\t7', 'y\t8', 'null\t1']]);
    expect(select(engine, 'SELECT file, line, raw FROM s_dead_letters')).toEqual(['part-1.arrow\t1\t{"v":"9007199254740992"}']);
  });
});
