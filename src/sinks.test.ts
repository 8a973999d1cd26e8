// Query sinks through the Engine: files (exactly once across restarts and re-runs), console, and the API receiver.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Subject } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Engine, type ExecuteResult } from './engine.js';
import { readCommittedFiles } from './index.js';
import { runCommand } from './run-command.js';
import { renderRows } from './script-runner.js';
import type { EmittedBatch } from './streaming-query.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-sinks-'));
  dirs.push(d);
  return d;
}

const SOURCE = `CREATE SOURCE clicks (page STRING, n BIGINT, ts TIMESTAMP)`;
const insert = (engine: Engine, rows: readonly [string, number, string][]): void => {
  engine.execute(`INSERT INTO clicks VALUES ${rows.map(([p, n, ts]) => `('${p}', ${n}, '${ts}')`).join(', ')}`);
};
const text = (r: ExecuteResult): string[] => (r.kind === 'result' ? renderRows(r.table, r.schema, r.orderBy) : []);
const errorOf = (f: () => unknown): { code: string; message: string } | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return { code: (e as { code: string }).code, message: (e as Error).message };
  }
};

describe('files sink through the engine', () => {
  it('resolves a relative path against the working directory, writes no result table, and SELECT reads the committed files', () => {
    const work = tmp();
    const engine = new Engine({ checkpointRoot: path.join(work, 'ckpt'), workDir: work });
    engine.execute(SOURCE);
    engine.execute(`CREATE QUERY big WITH (sink = 'files', path = 'out/big', format = 'jsonl') AS SELECT page, n, ts FROM clicks WHERE n > 1`);
    insert(engine, [['a', 1, '2024-01-01 00:00:00'], ['b', 2, '2024-01-01 00:00:01'], ['c', 3, '2024-01-01 00:00:02.25']]);
    engine.trigger();
    expect(fs.readFileSync(path.join(work, 'out/big/part-00000000.jsonl'), 'utf8')).toBe(
      '{"page":"b","n":2,"ts":"2024-01-01T00:00:01Z"}\n{"page":"c","n":3,"ts":"2024-01-01T00:00:02.25Z"}\n');
    expect(fs.existsSync(path.join(work, 'ckpt/big/sink'))).toBe(false);
    expect(text(engine.execute(`SELECT * FROM big`))).toEqual(['b\t2\t2024-01-01 00:00:01', 'c\t3\t2024-01-01 00:00:02.25']);
    expect(engine.query('big')!.lastProgress?.sink).toEqual({ description: 'files out/big (jsonl)', numOutputRows: 2 });
    expect(errorOf(() => engine.query('big')!.resultTable())?.message).toMatch(/writes its output to files in 'out\/big'/);
  });

  it('a batch re-run after a crash between the sink commit and the query commit writes nothing again', () => {
    const work = tmp();
    const engine = new Engine({ checkpointRoot: path.join(work, 'ckpt'), workDir: work });
    engine.execute(SOURCE);
    engine.execute(`CREATE QUERY big WITH (sink = 'files', path = 'out', format = 'csv') AS SELECT page, n FROM clicks`);
    insert(engine, [['a', 1, '2024-01-01 00:00:00']]);
    engine.trigger();
    insert(engine, [['b', 2, '2024-01-01 00:00:01']]);
    engine.trigger();
    const out = path.join(work, 'out');
    const listing = (): string[] => fs.readdirSync(out, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(out, f)).isFile())
      .map((f) => `${f} ${fs.statSync(path.join(out, f)).mtimeMs}`).sort();
    const before = listing();
    // A crash right after the sink committed batch 1: its offsets and sink files exist, its commit marker does not.
    fs.rmSync(path.join(work, 'ckpt/big/commits/1.json'));
    engine.execute('RESTART big');
    const rerun = engine.trigger();
    expect(rerun.map((b) => ('batchId' in b ? [b.batchId, b.table.numRows] : b))).toEqual([[1, 1]]);
    expect(listing()).toEqual(before);
    expect(text(engine.execute(`SELECT * FROM big`))).toEqual(['a\t1', 'b\t2']);
    insert(engine, [['c', 3, '2024-01-01 00:00:02']]);
    engine.trigger();
    expect(text(engine.execute(`SELECT * FROM big`))).toEqual(['a\t1', 'b\t2', 'c\t3']);
  });

  it('a new engine resumes the query and its sink; the output survives DROP QUERY', () => {
    const work = tmp();
    const root = path.join(work, 'ckpt');
    const first = new Engine({ checkpointRoot: root, workDir: work });
    first.execute(SOURCE);
    first.execute(`CREATE QUERY q WITH (sink = 'files', path = 'out', format = 'arrow') AS SELECT page, n FROM clicks`);
    insert(first, [['a', 1, '2024-01-01 00:00:00']]);
    first.trigger();
    first.close();
    const second = new Engine({ checkpointRoot: root, workDir: work });
    second.execute(SOURCE);
    second.execute(`CREATE QUERY q WITH (sink = 'files', path = 'out', format = 'arrow') AS SELECT page, n FROM clicks`);
    // The memory source starts empty again: batch 1 reads its new rows from offset 1 on.
    insert(second, [['a', 1, '2024-01-01 00:00:00'], ['b', 2, '2024-01-01 00:00:01']]);
    expect(second.trigger().map((b) => ('batchId' in b ? b.batchId : b))).toEqual([1]);
    second.execute('DROP QUERY q');
    expect(readCommittedFiles(path.join(work, 'out')).batches.map((b) => [b.batchId, b.files, b.table.numRows]))
      .toEqual([[0, ['part-00000000.arrow'], 1], [1, ['part-00000001.arrow'], 1]]);
  });

  it('refuses UPDATE and COMPLETE, a second query on the same path, and options that do not fit', () => {
    const engine = new Engine({ checkpointRoot: tmp(), workDir: tmp() });
    engine.execute(SOURCE);
    const create = (sql: string) => errorOf(() => engine.execute(sql));
    expect(create(`CREATE QUERY u WITH (sink = 'files', path = 'o') AS SELECT page, count(*) AS c FROM clicks GROUP BY page`)?.code).toBe('UNSUPPORTED_STREAMING_OPERATION');
    expect(create(`CREATE QUERY u WITH (sink = 'files', path = 'o') AS SELECT page, count(*) AS c FROM clicks GROUP BY page EMIT COMPLETE`)?.message)
      .toMatch(/^The files sink is append-only .* this query emits COMPLETE/);
    engine.execute(`CREATE QUERY a WITH (sink = 'files', path = 'o') AS SELECT page FROM clicks`);
    expect(create(`CREATE QUERY b WITH (sink = 'files', path = './o/') AS SELECT page FROM clicks`)).toEqual({
      code: 'IN_USE', message: "Query 'a' already writes to the directory of path './o/' (its path is 'o'); two queries cannot share a files sink directory. Choose another path. (line 1, column 1)" });
    expect(create(`CREATE QUERY c WITH (sink = 'files', path = 'p') AS SELECT page, page FROM clicks`)?.message).toMatch(/two columns named 'page'/);
    expect(create(`CREATE QUERY c WITH (sink = 'files') AS SELECT page FROM clicks`)?.message).toMatch(/^sink = 'files' needs path/);
    expect(create(`CREATE QUERY c WITH (sink = 'files', path = 'p', format = 'parquet') AS SELECT page FROM clicks`)?.message)
      .toBe("format must be 'jsonl', 'csv' or 'arrow', not 'parquet'. (line 1, column 1)");
    expect(create(`CREATE QUERY c WITH (path = 'p') AS SELECT page FROM clicks`)?.code).toBe('INVALID_OPTION');
    expect(create(`CREATE QUERY c WITH (sink = 'kafka') AS SELECT page FROM clicks`)?.message).toMatch(/^sink must be 'table'/);
    expect(engine.execute('SHOW QUERIES').kind === 'result' && engine.streamingQueries.map((q) => q.name)).toEqual(['a']);
  });
});

describe('console sink', () => {
  it('prints each batch as TRIGGER does, keeps no result table and no checkpointed output', () => {
    const printed: string[] = [];
    const root = tmp();
    const engine = new Engine({ checkpointRoot: root, console: (t) => printed.push(t) });
    engine.execute(SOURCE);
    engine.execute(`CREATE QUERY c WITH (sink = 'console') AS
      SELECT window.start AS ws, count(*) AS n FROM clicks GROUP BY window(ts, '1 minute') WATERMARK ts 0 seconds EMIT APPEND`);
    insert(engine, [['a', 1, '2024-01-01 00:00:10'], ['b', 2, '2024-01-01 00:00:20'], ['c', 3, '2024-01-01 00:01:10']]);
    engine.trigger();
    expect(printed).toEqual(['== c batch 0 watermark none\n', '== c batch 1 watermark 2024-01-01 00:01:10\n2024-01-01 00:00:00\t2\n']);
    expect(fs.existsSync(path.join(root, 'c/sink'))).toBe(false);
    expect(errorOf(() => engine.execute('SELECT * FROM c'))).toEqual({ code: 'NO_RESULT_TABLE',
      message: "Query 'c' has no result table: it prints its batches to the console (sink = 'console') as they run. Create it without sink to query its results. (line 1, column 1)" });
  });
});

describe('console sink in tidemark run', () => {
  it('prints to standard error, so standard output is the golden text alone (its TRIGGER block holds the batch once)', async () => {
    const errs: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((t: string | Uint8Array) => errs.push(String(t)) > 0);
    let out = '';
    try {
      const code = await runCommand(`CREATE SOURCE clicks (page STRING, ts TIMESTAMP);
CREATE QUERY shown WITH (sink = 'console') AS SELECT page FROM clicks;
INSERT INTO clicks VALUES ('a', TIMESTAMP '2024-01-01 00:00:00');
TRIGGER;`, { checkpointRoot: tmp() }, (t) => { out += t; });
      expect(code).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(errs.join('')).toBe('== shown batch 0 watermark none\na\n');
    expect(out.split('== shown batch 0').length).toBe(2);
    expect(out.endsWith('-- !query\nTRIGGER\n-- !query output\n== shown batch 0 watermark none\na\n')).toBe(true);
  });
});

describe('API sink', () => {
  it('hands each batch with its id and watermark to a function or an rxjs Subject, before output$', () => {
    const engine = new Engine({ checkpointRoot: tmp() });
    engine.execute(SOURCE);
    const order: string[] = [];
    const got: EmittedBatch[] = [];
    const q = engine.createQuery(`CREATE QUERY f AS SELECT page, n FROM clicks`, { sink: (b) => { got.push(b); order.push(`sink ${b.batchId}`); } });
    q.output$.subscribe((b) => order.push(`output$ ${b.batchId}`));
    const subject = new Subject<EmittedBatch>();
    const viaSubject: number[] = [];
    subject.subscribe((b) => viaSubject.push(b.table.numRows));
    engine.createQuery(`CREATE QUERY s AS SELECT page FROM clicks WHERE n > 1`, { sink: subject });
    insert(engine, [['a', 1, '2024-01-01 00:00:00'], ['b', 2, '2024-01-01 00:00:01']]);
    engine.trigger();
    expect(order).toEqual(['sink 0', 'output$ 0']);
    expect(got.map((b) => [b.query, b.batchId, b.watermark, b.table.toArray().map((r) => ({ ...(r as object) }))]))
      .toEqual([['f', 0, undefined, [{ page: 'a', n: 1n }, { page: 'b', n: 2n }]]]);
    expect(viaSubject).toEqual([1]);
    expect(errorOf(() => engine.execute('SELECT * FROM f'))?.code).toBe('NO_RESULT_TABLE');
  });

  it('delivers at least once: a batch whose receiver threw is not committed and comes again, same id, after RESTART', () => {
    const engine = new Engine({ checkpointRoot: tmp() });
    engine.execute(SOURCE);
    const seen: [number, number][] = [];
    let fail = true;
    const q = engine.createQuery(`CREATE QUERY f AS SELECT page FROM clicks`, {
      sink: (b) => {
        seen.push([b.batchId, b.table.numRows]);
        if (fail) throw new Error('receiver down');
      },
    });
    insert(engine, [['a', 1, '2024-01-01 00:00:00']]);
    const [r] = engine.trigger();
    expect(r && 'error' in r ? r.error.message : r).toMatch(/receiver down/);
    // The user's receiver failed, not Tidemark: not INTERNAL_ERROR.
    expect(r && 'error' in r ? r.error.code : r).toBe('RECEIVER_ERROR');
    expect(q.isActive).toBe(false);
    fail = false;
    engine.execute('RESTART f');
    insert(engine, [['b', 2, '2024-01-01 00:00:01']]);
    engine.trigger();
    expect(seen).toEqual([[0, 1], [0, 1], [1, 1]]);
  });

  it('takes only CREATE QUERY, and no sink option beside the API sink', () => {
    const engine = new Engine({ checkpointRoot: tmp() });
    engine.execute(SOURCE);
    expect(errorOf(() => engine.createQuery(`SELECT 1`, { sink: () => undefined }))?.code).toBe('UNSUPPORTED_FEATURE');
    expect(errorOf(() => engine.createQuery(`CREATE QUERY f WITH (sink = 'console') AS SELECT page FROM clicks`, { sink: () => undefined }))?.message)
      .toMatch(/^This query's batches go to the sink passed to Engine.createQuery/);
    expect(engine.createQuery(`CREATE QUERY t AS SELECT page FROM clicks`).sink).toEqual({ kind: 'table' });
  });
});
