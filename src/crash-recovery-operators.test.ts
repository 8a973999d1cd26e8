// End-to-end crash safety of the newer operators: UNION ALL of watermarked sources into a sliding window, streaming
// SELECT DISTINCT, a stream–table join, a cumulate window, session windows and a LEFT stream–stream interval join,
// all in one script run by the real CLI in a child process, SIGKILLed mid-batch and after commits in each query,
// re-run from the start and compared with a clean run.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorLines, lastId, resultRows, rowDiff } from './crash-recovery.test-support.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

const D_ROWS = 40_000;
// e: 8 keys, one row every 125 ms (a key every second on average), 80 rows (10 s of event time) per batch, up to
// 3 s out of order. Sessions (gap 2 s) last a few seconds, some over 30 s: many span several batches.
const E_BATCH_SPAN_S = 10;
const E_DISORDER_S = 3;
const SESSION_GAP_S = 2;
// Queries run one after another in TRIGGER, in creation order: u, dd, j, c, s, ss.
const QUERIES = ['u', 'dd', 'j', 'c', 's', 'ss'] as const;
type QueryName = (typeof QUERIES)[number];

// a and b declare their watermark (delay 3 s) but are up to 4-5 s out of order, so rows come late. Both span
// the same 20 minutes of event time, b in fewer batches: b runs ahead, so the union's watermark (the minimum over
// its inputs) follows a, and it stays at b's once b has no more rows. d's timestamps are 1 ms apart, up to 40 ms
// out of order, with k in 1..3: (k, ts) repeats often, and with a 25 ms watermark delay some rows are late.
// The table is filled before the join query is created: a batch planned before a crash is re-run when its query
// starts (CREATE QUERY), so it must see the same table as in the clean run.
// e feeds session windows: with a 1 s watermark delay and rows up to 3 s out of order, rows of a later batch
// extend sessions kept from earlier batches (about 160 times in the clean run) and now and then bridge two of them.
// The interval join keeps a's rows with x < 50 (about 2.5 a second) and b's with x < 150 (about 5 a second, under
// 1 per key): about 40% of those a rows match no b row of their key in the following second, and are padded with
// NULLs when the watermark evicts them.
const SCRIPT = `
CREATE SOURCE a (k BIGINT, x BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '3' SECOND)
  WITH (connector = 'datagen', rows = 60000, seed = 11, rows_per_batch = 2500, step = '20 ms',
        max_out_of_order = '5 seconds', 'fields.k.min' = 1, 'fields.k.max' = 6, 'fields.x.min' = 0, 'fields.x.max' = 1000);
CREATE SOURCE b (k BIGINT, x BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '3' SECOND)
  WITH (connector = 'datagen', rows = 40000, seed = 12, rows_per_batch = 2000, step = '30 ms',
        max_out_of_order = '4 seconds', 'fields.k.min' = 1, 'fields.k.max' = 6, 'fields.x.min' = 0, 'fields.x.max' = 1000);
CREATE SOURCE d (k BIGINT, ts TIMESTAMP)
  WITH (connector = 'datagen', rows = ${D_ROWS}, seed = 13, rows_per_batch = 1600, step = '1 ms',
        max_out_of_order = '40 ms', 'fields.k.min' = 1, 'fields.k.max' = 3);
CREATE SOURCE e (k BIGINT, x BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH (connector = 'datagen', rows = 2400, seed = 14, rows_per_batch = 80, step = '125 ms',
        max_out_of_order = '${E_DISORDER_S} seconds', 'fields.k.min' = 1, 'fields.k.max' = 8, 'fields.x.min' = 0, 'fields.x.max' = 1000);
CREATE TABLE t (id BIGINT, name STRING);
CREATE QUERY u AS
  SELECT window.start AS ws, k, count(*) AS n, sum(x) AS s, min(ts) AS lo, max(ts) AS hi
  FROM (SELECT k, x, ts FROM a UNION ALL SELECT k, x, ts FROM b)
  GROUP BY window(ts, '30 seconds', '10 seconds'), k
  EMIT APPEND;
CREATE QUERY dd AS SELECT DISTINCT k, ts FROM d WATERMARK ts 25 milliseconds;
CREATE QUERY j AS
  SELECT window.start AS ws, t.name, count(*) AS n, sum(a.x) AS s
  FROM a JOIN t ON a.k = t.id
  GROUP BY window(a.ts, '20 seconds'), t.name
  EMIT UPDATE;
-- The table is filled after the query exists: a batch re-run after a crash must wait for it (the next TRIGGER).
INSERT INTO t VALUES (1, 'red'), (2, 'blue'), (3, 'red'), (4, 'green'), (6, 'blue');
CREATE QUERY c AS
  SELECT window.start AS ws, window.end AS we, k, count(*) AS n, sum(x) AS s
  FROM b
  GROUP BY cumulate(ts, '5 seconds', '20 seconds'), k
  EMIT APPEND;
CREATE QUERY s AS
  SELECT window.start AS ws, window.end AS we, k, count(*) AS n, sum(x) AS t
  FROM e
  GROUP BY session_window(ts, '${SESSION_GAP_S} seconds'), k
  EMIT APPEND;
CREATE QUERY ss AS
  SELECT a.k, a.ts AS ats, b.ts AS bts, a.x AS ax, b.x AS bx
  FROM (SELECT k, x, ts FROM a WHERE x < 50) a
  LEFT JOIN (SELECT k, x, ts FROM b WHERE x < 150) b ON a.k = b.k AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '1' SECOND;
TRIGGER;
SELECT * FROM u;
SELECT * FROM dd;
SELECT * FROM j;
SELECT * FROM c;
SELECT * FROM s;
SELECT * FROM ss;
`;

/**
 * Where to kill: while batch `batch` (or a later one) of `query` is planned but uncommitted (`mid`), or as soon
 * as it is committed (or at once, if the run already went past it). Every 10th batch purges old files and, in
 * UPDATE (j), writes the whole result table; the last batch of each query is a no-data batch that only
 * advances the watermark. A run killed mid-batch re-runs that batch when the next run creates the query.
 */
const KILLS: readonly { query: QueryName; batch: number | 'last'; mid: boolean }[] = [
  { query: 'u', batch: 3, mid: true },
  { query: 'u', batch: 10, mid: false },
  { query: 'dd', batch: 10, mid: true },
  { query: 'dd', batch: 'last', mid: true },
  { query: 'j', batch: 10, mid: true },
  { query: 'j', batch: 16, mid: false },
  { query: 'c', batch: 4, mid: false },
  { query: 'c', batch: 10, mid: true },
  // After c's last commit: s is being created (its state restored) or runs its first batches.
  { query: 'c', batch: 'last', mid: false },
  { query: 's', batch: 6, mid: true },
  { query: 's', batch: 11, mid: false },
  { query: 's', batch: 20, mid: true },
  { query: 'ss', batch: 10, mid: true },
  { query: 'ss', batch: 17, mid: false },
  // The no-data batch that evicts (and pads) what the last data batch's watermark rules out.
  { query: 'ss', batch: 'last', mid: true },
  // After the very last commit: the process is rendering the final SELECTs, no batch is in flight.
  { query: 'ss', batch: 'last', mid: false },
];

interface CliRun {
  readonly pid: number;
  readonly done: Promise<{ code: number | null; stdout: string }>;
  kill(): void;
}

function runCli(scriptFile: string, root: string): CliRun {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts'), 'run', scriptFile, '--checkpoint-root', root], { cwd: ROOT });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', () => undefined);
  const done = new Promise<{ code: number | null; stdout: string }>((resolve) => child.on('exit', (code) => resolve({ code, stdout })));
  return { pid: child.pid ?? -1, done, kill: () => child.kill('SIGKILL') };
}


/** Temporary files (written before the atomic rename) anywhere under `dir`. */
function tempFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.tmp-\d+$/.test(f));
}

describe('crash recovery of union, dedup, stream-table join, cumulate, session windows and stream-stream join', () => {
  it('queries killed with SIGKILL at many points end with exactly the results of an uninterrupted run', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-crash-ops-'));
    const scriptFile = path.join(tmp, 'queries.sql');
    fs.writeFileSync(scriptFile, SCRIPT);

    // The uninterrupted run goes on beside the crashing ones (it only needs to be done for the 'last' targets).
    const cleanRoot = path.join(tmp, 'clean');
    const cleanRun = runCli(scriptFile, cleanRoot).done.then((r) => ({
      ...r,
      lastBatch: Object.fromEntries(QUERIES.map((q) => [q, lastId(path.join(cleanRoot, q, 'commits'))])) as Record<QueryName, number>,
    }));

    const root = path.join(tmp, 'crashy');
    const killedPids = new Set<number>();
    const log: string[] = [];
    let midBatch = 0;
    let afterCommit = 0;
    const midIn = new Set<QueryName>();
    for (const k of KILLS) {
      const dir = path.join(root, k.query);
      const target = k.batch === 'last' ? (await cleanRun).lastBatch[k.query] : k.batch;
      const run = runCli(scriptFile, root);
      let finished = false;
      void run.done.then(() => { finished = true; });
      // A batch planned before this run is re-run when the query starts: only kill in batches this run planned.
      const startOffset = lastId(path.join(dir, 'offsets'));
      const deadline = Date.now() + 30_000;
      while (!finished && Date.now() < deadline) {
        const lastOffset = lastId(path.join(dir, 'offsets'));
        const lastCommit = lastId(path.join(dir, 'commits'));
        if (k.mid && lastOffset >= target && lastOffset > lastCommit && lastOffset > startOffset) break;
        // Also when the target was missed (a short batch between two polls): the next kills still find work.
        if (lastCommit >= target) break;
        await new Promise((r) => setTimeout(r, 1));
      }
      if (finished) {
        log.push(`${k.query} ${k.mid ? 'mid' : 'after'} ${target}: run finished first`);
        continue;
      }
      run.kill();
      await run.done;
      killedPids.add(run.pid);
      const pending = QUERIES.filter((q) => lastId(path.join(root, q, 'offsets')) > lastId(path.join(root, q, 'commits')));
      for (const q of pending) midIn.add(q);
      if (pending.length) midBatch++;
      else afterCommit++;
      log.push(`${k.query} ${k.mid ? 'mid' : 'after'} ${target}: killed with ${QUERIES.map((q) => `${q} ${lastId(path.join(root, q, 'commits'))}${pending.includes(q) ? '+' : ''}`).join(', ')}`);
    }

    const clean = await cleanRun;
    expect(clean.code).toBe(0);
    expect(errorLines(clean.stdout)).toEqual([]);
    const expected = Object.fromEntries(QUERIES.map((q) => [q, resultRows(clean.stdout, q)])) as Record<QueryName, string[]>;
    expect(expected.u.length).toBeGreaterThan(300);
    expect(expected.j.length).toBeGreaterThan(30);
    expect(expected.c.length).toBeGreaterThan(300);
    // Deduplication really removes rows: fewer distinct (k, ts) than input rows, but most survive.
    expect(expected.dd.length).toBeLessThan(D_ROWS * 0.95);
    expect(expected.dd.length).toBeGreaterThan(D_ROWS * 0.6);
    expect(new Set(expected.dd).size).toBe(expected.dd.length);
    // Many sessions closed during the run, and some hold rows of several batches: a session whose rows span more
    // than one batch's event time plus the disorder has rows below and above a batch boundary.
    const sessionSpans = expected.s.map((r) => {
      const [ws, we] = r.split('\t');
      const ms = (t = ''): number => Date.parse(`${t.replace(' ', 'T')}Z`);
      return (ms(we) - ms(ws)) / 1000 - SESSION_GAP_S;
    });
    expect(sessionSpans.every((x) => Number.isFinite(x) && x >= 0), expected.s.slice(0, 3).join('\n')).toBe(true);
    expect(expected.s.length).toBeGreaterThan(200);
    expect(sessionSpans.filter((x) => x > E_BATCH_SPAN_S + E_DISORDER_S).length).toBeGreaterThan(10);
    // The interval join emits matches and, at eviction, unmatched a rows padded with NULLs; not too many rows.
    const padded = expected.ss.filter((r) => r.split('\t')[2] === 'NULL');
    expect(padded.length).toBeGreaterThan(300);
    expect(expected.ss.length - padded.length).toBeGreaterThan(1000);
    expect(expected.ss.length).toBeLessThan(8000);
    // Enough batches that the kill targets lie inside each query's run, past a compaction at batch 10.
    for (const q of QUERIES) expect(clean.lastBatch[q], `batches of ${q}`).toBeGreaterThanOrEqual(18);
    // A run that ends normally leaves no temporary file behind.
    expect(tempFiles(cleanRoot)).toEqual([]);

    const final = runCli(scriptFile, root);
    const finalOut = await final.done;
    expect(finalOut.code).toBe(0);
    expect(errorLines(finalOut.stdout), log.join('\n')).toEqual([]);
    for (const q of QUERIES) {
      expect(rowDiff(expected[q], resultRows(finalOut.stdout, q)), `result of ${q} after crashes\n${log.join('\n')}`).toBe('');
      expect(lastId(path.join(root, q, 'commits')), `last batch of ${q}`).toBe(clean.lastBatch[q]);
    }
    // Crashes landed in several queries' batches, and between batches too.
    expect(midBatch + afterCommit, log.join('\n')).toBeGreaterThanOrEqual(KILLS.length - 1);
    expect(midBatch, log.join('\n')).toBeGreaterThanOrEqual(3);
    expect(afterCommit, log.join('\n')).toBeGreaterThan(0);
    expect(midIn.size, log.join('\n')).toBeGreaterThanOrEqual(3);
    // Temporary files left by a killed process are never read; the last run, which finished, left none of its own.
    expect(tempFiles(root).filter((f) => !killedPids.has(Number(f.slice(f.lastIndexOf('-') + 1))))).toEqual([]);
    fs.rmSync(tmp, { recursive: true, force: true });
  }, 180_000);
});
