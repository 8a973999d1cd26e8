// End-to-end crash safety of chained stateful operators (APPEND): SELECT DISTINCT feeding a windowed count, and a
// windowed aggregation over the window.end of another one. Each script runs in the real CLI in a child process that
// an `--import` hook SIGKILLs at exact points of the checkpoint protocol (right after the Nth file it publishes), or a
// few milliseconds after one (mid-batch, wherever the process then is); the script is then re-run from the start
// and its results compared with a clean run's. The lower operator of each chain also runs alone, with `late_rows`,
// to show what the watermark drops and to check the chain against it. The two scripts run side by side.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, it, type ExpectStatic } from 'vitest';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/**
 * Kill the process right after it publishes (renames into place) the `nth` checkpoint file whose path matches `at`
 * (`last` there stands for the clean run's last batch of `query`), or right after the first file matching `then`
 * published after that one, or `delayMs` after it. Counts start with each process.
 */
interface Kill {
  readonly query: string;
  readonly what: string;
  readonly at: string;
  readonly nth: number;
  readonly then?: string;
  readonly delayMs?: number;
}

interface Scenario {
  readonly name: string;
  readonly script: string;
  /** In creation order, which is the order they run in at TRIGGER. */
  readonly queries: readonly string[];
  /** What the script prints with `SELECT * FROM`: the queries and their late-row tables. */
  readonly tables: readonly string[];
  /** In order; a process re-runs an uncommitted batch first, so per-process publish counts are counts of batches. */
  readonly kills: readonly Kill[];
  /** Checks of the clean run's results: enough rows, rows dropped as late, the chain agreeing with its lower operator. */
  checkClean(t: Record<string, string[]>, expect: ExpectStatic): void;
}

const D_ROWS = 30_000;
const DW_WINDOW_MS = 250;
const WW_WINDOW_MS = 60_000;

// Within a batch, state files are written for each stateful operator (the lower one first), then late rows, then the
// result, then the commit.
const SCENARIOS: readonly Scenario[] = [{
  name: 'DISTINCT into a tumbling window',
  // One row every 2 ms (2 s of event time a batch), k in 1..3, up to 100 ms out of order: (k, ts) repeats, and with
  // a 50 ms watermark delay some of the first rows of each batch are late. 30 data batches, then a no-data batch.
  script: `
CREATE SOURCE d (k BIGINT, ts TIMESTAMP)
  WITH (connector = 'datagen', rows = ${D_ROWS}, seed = 21, rows_per_batch = 1000, step = '2 ms',
        max_out_of_order = '100 ms', 'fields.k.min' = 1, 'fields.k.max' = 3);
CREATE QUERY dw AS
  SELECT window.start AS ws, k, count(*) AS n, min(ts) AS lo, max(ts) AS hi
  FROM (SELECT DISTINCT k, ts FROM d WATERMARK ts 50 milliseconds)
  GROUP BY window(ts, '${DW_WINDOW_MS} milliseconds'), k
  EMIT APPEND;
CREATE QUERY dd WITH (late_rows = 'dd_late') AS SELECT DISTINCT k, ts FROM d WATERMARK ts 50 milliseconds;
TRIGGER;
SELECT * FROM dw;
SELECT * FROM dd;
SELECT * FROM dd_late;
`,
  queries: ['dw', 'dd'],
  tables: ['dw', 'dd', 'dd_late'],
  kills: [
    // The DISTINCT snapshots its (small, evicted) state nearly every batch: this lands after a snapshot.
    { query: 'dw', what: 'between the DISTINCT and the window state files of a batch', at: '/dw/state/', nth: 7 },
    // The next process re-runs that batch first: a second crash in it, its state files now written again.
    { query: 'dw', what: 'in the re-run of that batch, after its result file', at: '/dw/sink/', nth: 1 },
    { query: 'dw', what: 'after the result file, before the commit', at: '/dw/sink/', nth: 6 },
    { query: 'dw', what: 'after the commit of a snapshot, before older state files are purged', at: '/dw/state/[^/]+/\\d+\\.snapshot\\.arrow$', nth: 3, then: '/dw/commits/' },
    { query: 'dw', what: 'mid-batch', at: '/dw/offsets/', nth: 6, delayMs: 4 },
    // The no-data batch that closes the last windows.
    { query: 'dw', what: 'between the state files of the last (no-data) batch', at: '/dw/state/[^/]+/last\\.', nth: 1 },
    { query: 'dd', what: 'after the late-row file, before the result and the commit', at: '/dd/late/', nth: 3 },
  ],
  checkClean(t, expect) {
    expect(t.dw.length).toBeGreaterThan(500);
    expect(t.dd_late.length).toBeGreaterThan(50);
    expect(new Set(t.dd).size).toBe(t.dd.length);
    // DISTINCT removes repeated (k, ts), but most rows are distinct.
    expect(t.dd.length + t.dd_late.length).toBeLessThan(D_ROWS * 0.97);
    expect(t.dd.length).toBeGreaterThan(D_ROWS * 0.8);
    // Each dw row is the count, min and max of the dd rows of its window and key: the window drops none of what the
    // DISTINCT emits, and the chain's DISTINCT drops what dd drops. Every window up to the last emitted one is there.
    const fromDd = new Map<string, { n: number; lo: number; hi: number }>();
    for (const r of t.dd) {
      const [k = '', ts = ''] = cells(r);
      const time = ms(ts);
      const key = `${Math.floor(time / DW_WINDOW_MS) * DW_WINDOW_MS}|${k}`;
      const g = fromDd.get(key) ?? { n: 0, lo: Infinity, hi: -Infinity };
      fromDd.set(key, { n: g.n + 1, lo: Math.min(g.lo, time), hi: Math.max(g.hi, time) });
    }
    let last = -Infinity;
    for (const r of t.dw) {
      const [ws = '', k = '', n, lo = '', hi = ''] = cells(r);
      const key = `${ms(ws)}|${k}`;
      expect({ n: Number(n), lo: ms(lo), hi: ms(hi) }, `dw row ${r}`).toEqual(fromDd.get(key));
      fromDd.delete(key);
      last = Math.max(last, ms(ws));
    }
    expect([...fromDd.keys()].filter((key) => Number(key.split('|')[0]) <= last), 'dd windows missing from dw').toEqual([]);
  },
}, {
  name: 'a tumbling window over the window.end of another',
  // One row every 100 ms, k in 1..10, up to 12 s out of order with a 4 s delay; 1234 rows a batch, so batch
  // boundaries drift across the 10 s windows and in about half the batches rows fall in windows the watermark has
  // closed. 30 data batches, then a no-data batch that closes the last windows at both levels.
  script: `
CREATE SOURCE w (k BIGINT, x BIGINT, ts TIMESTAMP)
  WITH (connector = 'datagen', rows = 36000, seed = 22, rows_per_batch = 1234, step = '100 ms',
        max_out_of_order = '12 seconds', 'fields.k.min' = 1, 'fields.k.max' = 10, 'fields.x.min' = 0, 'fields.x.max' = 1000);
CREATE QUERY ww AS
  SELECT window.start AS ws, k, max(n) AS mx, sum(n) AS total, sum(s) AS s, count(*) AS windows
  FROM (SELECT window.end AS we, k, count(*) AS n, sum(x) AS s FROM w
        GROUP BY window(ts, '10 seconds'), k WATERMARK ts 4 seconds EMIT APPEND)
  GROUP BY window(we, '${WW_WINDOW_MS / 1000} seconds'), k
  EMIT APPEND;
CREATE QUERY wi WITH (late_rows = 'wi_late') AS
  SELECT window.end AS we, k, count(*) AS n, sum(x) AS s FROM w GROUP BY window(ts, '10 seconds'), k WATERMARK ts 4 seconds EMIT APPEND;
TRIGGER;
SELECT * FROM ww;
SELECT * FROM wi;
SELECT * FROM wi_late;
`,
  queries: ['ww', 'wi'],
  tables: ['ww', 'wi', 'wi_late'],
  kills: [
    { query: 'ww', what: 'between the inner and the outer window state files of a batch', at: '/ww/state/', nth: 5 },
    { query: 'ww', what: 'in the re-run of that batch, after its result file', at: '/ww/sink/', nth: 1 },
    { query: 'ww', what: 'after a state snapshot, before the commit', at: '/ww/state/[^/]+/\\d+\\.snapshot\\.arrow$', nth: 1 },
    { query: 'ww', what: 'after the result file, before the commit', at: '/ww/sink/', nth: 4 },
    { query: 'ww', what: 'mid-batch', at: '/ww/offsets/', nth: 6, delayMs: 4 },
    // The no-data batch that closes the last windows at both levels.
    { query: 'ww', what: 'between the state files of the last (no-data) batch', at: '/ww/state/[^/]+/last\\.', nth: 1 },
    { query: 'wi', what: 'after the late-row file, before the result and the commit', at: '/wi/late/', nth: 4 },
    // After the very last commit: the process is rendering the final SELECTs.
    { query: 'wi', what: 'after the last commit', at: '/wi/commits/last\\.json$', nth: 1 },
  ],
  checkClean(t, expect) {
    expect(t.ww.length).toBeGreaterThan(500);
    expect(t.wi_late.length).toBeGreaterThan(50);
    // Each ww row aggregates the wi rows whose window end falls in its minute: the outer window drops none of what
    // the inner one emits. Every minute up to the last emitted one is there.
    const fromWi = new Map<string, { mx: number; total: number; s: number; windows: number }>();
    for (const r of t.wi) {
      const [we = '', k = '', n, s] = cells(r);
      const key = `${Math.floor(ms(we) / WW_WINDOW_MS) * WW_WINDOW_MS}|${k}`;
      const g = fromWi.get(key) ?? { mx: -Infinity, total: 0, s: 0, windows: 0 };
      fromWi.set(key, { mx: Math.max(g.mx, Number(n)), total: g.total + Number(n), s: g.s + Number(s), windows: g.windows + 1 });
    }
    let last = -Infinity;
    for (const r of t.ww) {
      const [ws = '', k = '', mx, total, s, windows] = cells(r);
      const key = `${ms(ws)}|${k}`;
      expect({ mx: Number(mx), total: Number(total), s: Number(s), windows: Number(windows) }, `ww row ${r}`).toEqual(fromWi.get(key));
      fromWi.delete(key);
      last = Math.max(last, ms(ws));
    }
    expect([...fromWi.keys()].filter((key) => Number(key.split('|')[0]) <= last), 'wi windows missing from ww').toEqual([]);
  },
}];

// The kill hook (see Kill), configured by environment variables. A delayed kill comes from a worker thread that
// sleeps while the process goes on. The published path goes to the log first, so the test knows what set it off.
const HOOK = `
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { Worker } from 'node:worker_threads';
const env = process.env;
const at = new RegExp(env.TIDEMARK_TEST_KILL_AT);
const nth = Number(env.TIDEMARK_TEST_KILL_NTH);
const then = env.TIDEMARK_TEST_KILL_THEN ? new RegExp(env.TIDEMARK_TEST_KILL_THEN) : undefined;
const delayMs = Number(env.TIDEMARK_TEST_KILL_DELAY_MS ?? 0);
const flag = new Int32Array(new SharedArrayBuffer(4));
if (delayMs > 0) {
  new Worker(\`const { workerData: { flag, delayMs } } = require('node:worker_threads');
    Atomics.wait(flag, 0, 0);
    Atomics.wait(flag, 0, 1, delayMs);
    process.kill(process.pid, 'SIGKILL');\`, { eval: true, workerData: { flag, delayMs } }).unref();
}
const rename = fs.renameSync;
const append = fs.appendFileSync;
let seen = 0;
let armed = false;
fs.renameSync = function renameSync(from, to) {
  rename(from, to);
  const p = String(to).split('\\\\').join('/');
  let kill = false;
  if (armed) kill = then.test(p);
  else if (at.test(p) && ++seen === nth) {
    if (then) armed = true;
    else kill = true;
  }
  if (!kill) return;
  append(env.TIDEMARK_TEST_KILL_LOG, p + '\\n');
  if (delayMs > 0) {
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  } else {
    process.kill(process.pid, 'SIGKILL');
  }
};
syncBuiltinESMExports();
`;

interface CliRun {
  readonly pid: number;
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>;
}

/** What the CLI runs: `src/main.ts` under tsx, or (see bundleCli) the same sources bundled into one file. */
let cliEntry = ['--import', 'tsx', path.join(ROOT, 'src/main.ts')];

/**
 * Bundles `src/main.ts` and its dependencies into one ES module with esbuild (what tsx compiles with), when it can
 * be loaded: a process then starts in about 0.4 s of CPU instead of 3 under tsx, which makes up most of this test's
 * time. Returns the node arguments that run it, or undefined to stay with tsx.
 */
async function bundleCli(dir: string): Promise<string[] | undefined> {
  interface Esbuild { buildSync(opts: Record<string, unknown>): unknown }
  const name = 'esbuild';
  try {
    const esbuild = (await import(name)) as Esbuild;
    const outfile = path.join(dir, 'tidemark-cli.mjs');
    esbuild.buildSync({ entryPoints: [path.join(ROOT, 'src/main.ts')], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'silent' });
    return [outfile];
  } catch {
    return undefined;
  }
}

function runCli(scriptFile: string, root: string, hook?: { file: string; env: Record<string, string> }): CliRun {
  const args = [...(hook ? ['--import', pathToFileURL(hook.file).href] : []), ...cliEntry, 'run', scriptFile, '--checkpoint-root', root];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...hook?.env } });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', () => undefined);
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout })));
  return { pid: child.pid ?? -1, done };
}

const ids = (dir: string): number[] =>
  fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^\d+\.json$/.test(f)).map((f) => Number(f.split('.')[0])) : [];
const lastId = (dir: string): number => Math.max(-1, ...ids(dir));

/** The rows printed by `SELECT * FROM <table>` (the golden format sorts them as strings). */
function resultRows(out: string, table: string): string[] {
  const head = `-- !query\nSELECT * FROM ${table}\n`;
  const start = out.lastIndexOf(head);
  if (start < 0) return [`<no SELECT * FROM ${table} in the output>`];
  const end = out.indexOf('\n\n-- !query\n', start);
  const block = out.slice(start, end < 0 ? undefined : end);
  const marker = '-- !query output\n';
  return block.slice(block.indexOf(marker) + marker.length).split('\n').filter((l) => l !== '');
}

/** Rows only in one of two sorted row lists (as multisets), a few of each; '' when the lists are equal. */
function rowDiff(expected: readonly string[], actual: readonly string[]): string {
  if (expected.length === actual.length && expected.every((r, i) => r === actual[i])) return '';
  const count = new Map<string, number>();
  for (const r of expected) count.set(r, (count.get(r) ?? 0) + 1);
  for (const r of actual) count.set(r, (count.get(r) ?? 0) - 1);
  const missing = [...count].filter(([, n]) => n > 0).map(([r, n]) => `- ${r}${n > 1 ? ` (x${n})` : ''}`);
  const extra = [...count].filter(([, n]) => n < 0).map(([r, n]) => `+ ${r}${n < -1 ? ` (x${-n})` : ''}`);
  return [`expected ${expected.length} rows, got ${actual.length}; ${missing.length} missing, ${extra.length} extra`,
    ...missing.slice(0, 15), ...extra.slice(0, 15)].join('\n');
}

const errorLines = (out: string): string[] => out.split('\n').filter((l) => l.startsWith('ERROR'));
const ms = (t: string): number => Date.parse(`${t.replace(' ', 'T')}Z`);
const cells = (r: string): string[] => r.split('\t');

/** Temporary files (written before the atomic rename) anywhere under `dir`. */
function tempFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.tmp-\d+$/.test(f));
}

async function crashAndCompare(sc: Scenario, expect: ExpectStatic): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-crash-chains-'));
  const scriptFile = path.join(tmp, 'queries.sql');
  fs.writeFileSync(scriptFile, sc.script);
  const hookFile = path.join(tmp, 'kill-hook.mjs');
  fs.writeFileSync(hookFile, HOOK);
  const killLog = path.join(tmp, 'kills.log');

  // The uninterrupted run goes on beside the crashing ones (it only needs to be done for the 'last' targets).
  const cleanRoot = path.join(tmp, 'clean');
  const cleanRun = runCli(scriptFile, cleanRoot).done.then((r) => ({
    ...r,
    lastBatch: Object.fromEntries(sc.queries.map((q) => [q, lastId(path.join(cleanRoot, q, 'commits'))])) as Record<string, number>,
  }));

  const root = path.join(tmp, 'crashy');
  const commits = (): string => sc.queries.map((q) => `${q} ${lastId(path.join(root, q, 'commits'))}`).join(', ');
  const killedPids = new Set<number>();
  const log: string[] = [];
  for (const k of sc.kills) {
    const at = k.at.includes('last') ? k.at.replace('last', String((await cleanRun).lastBatch[k.query])) : k.at;
    const env: Record<string, string> = { TIDEMARK_TEST_KILL_AT: at, TIDEMARK_TEST_KILL_NTH: String(k.nth), TIDEMARK_TEST_KILL_LOG: killLog };
    if (k.then) env['TIDEMARK_TEST_KILL_THEN'] = k.then;
    if (k.delayMs) env['TIDEMARK_TEST_KILL_DELAY_MS'] = String(k.delayMs);
    const run = runCli(scriptFile, root, { file: hookFile, env });
    const r = await run.done;
    killedPids.add(run.pid);
    const files = fs.existsSync(killLog) ? fs.readFileSync(killLog, 'utf8').trim().split('\n') : [];
    // The hook fired before the process finished: otherwise the crash did not land where the test says.
    expect({ signal: r.signal, kills: files.length }, `${k.query} ${k.what}: not killed (a changed checkpoint layout?)\n${log.join('\n')}`)
      .toEqual({ signal: 'SIGKILL', kills: log.length + 1 });
    const file = files[files.length - 1] ?? '';
    const batch = Number(path.basename(file).split('.')[0]);
    // Killed at once, the batch is committed exactly when the file that set the kill off is its commit.
    if (!k.delayMs) {
      expect(fs.existsSync(path.join(root, k.query, 'commits', `${batch}.json`)), `${file}: is batch ${batch} committed?`).toBe(file.includes('/commits/'));
    }
    const pending = sc.queries.filter((q) => lastId(path.join(root, q, 'offsets')) > lastId(path.join(root, q, 'commits')));
    log.push(`${k.query} ${k.what}: killed after ${path.relative(root, file)}${k.delayMs ? ` + ${k.delayMs} ms` : ''}; commits ${commits()}${pending.length ? `, ${pending.join(', ')} mid-batch` : ''}`);
  }

  const clean = await cleanRun;
  expect(clean.code).toBe(0);
  expect(errorLines(clean.stdout)).toEqual([]);
  const expected = Object.fromEntries(sc.tables.map((t) => [t, resultRows(clean.stdout, t)])) as Record<string, string[]>;
  sc.checkClean(expected, expect);
  // Enough batches that the kill targets lie inside each query's run, past a purge at batch 10 and 20.
  for (const q of sc.queries) expect(clean.lastBatch[q], `batches of ${q}`).toBeGreaterThanOrEqual(25);
  expect(tempFiles(cleanRoot)).toEqual([]);

  const final = await runCli(scriptFile, root).done;
  expect(final.code).toBe(0);
  expect(errorLines(final.stdout), log.join('\n')).toEqual([]);
  for (const t of sc.tables) {
    expect(rowDiff(expected[t]!, resultRows(final.stdout, t)), `result of ${t} after crashes\n${log.join('\n')}`).toBe('');
  }
  for (const q of sc.queries) expect(lastId(path.join(root, q, 'commits')), `last batch of ${q}`).toBe(clean.lastBatch[q]);
  // Temporary files left by a killed process are never read; the last run, which finished, left none of its own.
  expect(tempFiles(root).filter((f) => !killedPids.has(Number(f.slice(f.lastIndexOf('-') + 1))))).toEqual([]);
  fs.rmSync(tmp, { recursive: true, force: true });
}

describe.concurrent('crash recovery of chained stateful operators', () => {
  const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-crash-chains-cli-'));
  beforeAll(async () => {
    cliEntry = (await bundleCli(bundleDir)) ?? cliEntry;
  });
  afterAll(() => fs.rmSync(bundleDir, { recursive: true, force: true }));
  for (const sc of SCENARIOS) {
    it(`${sc.name}: killed at many points, ends with exactly the results of an uninterrupted run`, async ({ expect }) => {
      await crashAndCompare(sc, expect);
    }, 120_000);
  }
});
