// Shared by the crash tests of stateful operators: runs a script through the real CLI in child processes that an
// `--import` hook SIGKILLs at exact points of the checkpoint protocol (right after the Nth file it publishes), or a few
// milliseconds after one; then compares the re-run's results with an uninterrupted run's.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, type ExpectStatic } from 'vitest';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/**
 * Kill the process right after it publishes (renames into place) the `nth` checkpoint file whose path matches `at`
 * (`last` there stands for the clean run's last batch of `query`), or right after the first file matching `then`
 * published after that one, or `delayMs` after it. Counts start with each process.
 */
export interface Kill {
  readonly query: string;
  readonly what: string;
  readonly at: string;
  readonly nth: number;
  readonly then?: string;
  readonly delayMs?: number;
}

export interface Scenario {
  readonly name: string;
  /** `$ROOT` stands for the run's checkpoint root (for paths of files sinks: each run writes its own). */
  readonly script: string;
  /** In creation order, which is the order they run in at TRIGGER. */
  readonly queries: readonly string[];
  /** What the script prints with `SELECT * FROM`: the queries and their late-row tables. */
  readonly tables: readonly string[];
  /** In order; a process re-runs an uncommitted batch first, so per-process publish counts are counts of batches. */
  readonly kills: readonly Kill[];
  /** Checks of the clean run's results: enough rows, rows dropped as late, the chain agreeing with its lower operator. */
  checkClean(t: Record<string, string[]>, expect: ExpectStatic): void;
  /** Checks of what the crashed and finally completed run left under its checkpoint root. */
  checkFinal?(root: string, expect: ExpectStatic): void;
}

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
export async function bundleCli(dir: string): Promise<string[] | undefined> {
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

export const ids = (dir: string): number[] =>
  fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^\d+\.json$/.test(f)).map((f) => Number(f.split('.')[0])) : [];
export const lastId = (dir: string): number => Math.max(-1, ...ids(dir));

/** The rows printed by `SELECT * FROM <table>` (the golden format sorts them as strings). */
export function resultRows(out: string, table: string): string[] {
  const head = `-- !query\nSELECT * FROM ${table}\n`;
  const start = out.lastIndexOf(head);
  if (start < 0) return [`<no SELECT * FROM ${table} in the output>`];
  const end = out.indexOf('\n\n-- !query\n', start);
  const block = out.slice(start, end < 0 ? undefined : end);
  const marker = '-- !query output\n';
  return block.slice(block.indexOf(marker) + marker.length).split('\n').filter((l) => l !== '');
}

/** Rows only in one of two sorted row lists (as multisets), a few of each; '' when the lists are equal. */
export function rowDiff(expected: readonly string[], actual: readonly string[]): string {
  if (expected.length === actual.length && expected.every((r, i) => r === actual[i])) return '';
  const count = new Map<string, number>();
  for (const r of expected) count.set(r, (count.get(r) ?? 0) + 1);
  for (const r of actual) count.set(r, (count.get(r) ?? 0) - 1);
  const missing = [...count].filter(([, n]) => n > 0).map(([r, n]) => `- ${r}${n > 1 ? ` (x${n})` : ''}`);
  const extra = [...count].filter(([, n]) => n < 0).map(([r, n]) => `+ ${r}${n < -1 ? ` (x${-n})` : ''}`);
  return [`expected ${expected.length} rows, got ${actual.length}; ${missing.length} missing, ${extra.length} extra`,
    ...missing.slice(0, 15), ...extra.slice(0, 15)].join('\n');
}

export const errorLines = (out: string): string[] => out.split('\n').filter((l) => l.startsWith('ERROR'));
export const ms = (t: string): number => Date.parse(`${t.replace(' ', 'T')}Z`);
export const cells = (r: string): string[] => r.split('\t');

/** Temporary files (written before the atomic rename) anywhere under `dir`. */
function tempFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.tmp-\d+$/.test(f));
}

/**
 * Writes the kill hook into `dir` and returns its path, for tests that spawn the CLI themselves: load it with
 * `--import <file URL>` and set TIDEMARK_TEST_KILL_AT (a regex over published paths), TIDEMARK_TEST_KILL_NTH,
 * TIDEMARK_TEST_KILL_LOG (a file the hook appends the path that set it off to) and optionally
 * TIDEMARK_TEST_KILL_THEN and TIDEMARK_TEST_KILL_DELAY_MS, as Kill describes.
 */
export function writeKillHook(dir: string): string {
  const file = path.join(dir, 'kill-hook.mjs');
  fs.writeFileSync(file, HOOK);
  return file;
}

export async function crashAndCompare(sc: Scenario, expect: ExpectStatic): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-crash-chains-'));
  const scriptFor = (runRoot: string): string => {
    const file = path.join(tmp, `${path.basename(runRoot)}.sql`);
    fs.writeFileSync(file, sc.script.replaceAll('$ROOT', runRoot));
    return file;
  };
  const hookFile = writeKillHook(tmp);
  const killLog = path.join(tmp, 'kills.log');

  // The uninterrupted run goes on beside the crashing ones (it only needs to be done for the 'last' targets).
  const cleanRoot = path.join(tmp, 'clean');
  const cleanRun = runCli(scriptFor(cleanRoot), cleanRoot).done.then((r) => ({
    ...r,
    lastBatch: Object.fromEntries(sc.queries.map((q) => [q, lastId(path.join(cleanRoot, q, 'commits'))])) as Record<string, number>,
  }));

  const root = path.join(tmp, 'crashy');
  const scriptFile = scriptFor(root);
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
  sc.checkFinal?.(root, expect);
  fs.rmSync(tmp, { recursive: true, force: true });
}


/** The node arguments that run the CLI (the bundle once useBundledCli's beforeAll ran), for tests that spawn it themselves. */
export const cliArgs = (): readonly string[] => cliEntry;

/** Bundles the CLI once for the file's tests (see bundleCli). */
export function useBundledCli(): void {
  const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-crash-cli-'));
  beforeAll(async () => {
    cliEntry = (await bundleCli(bundleDir)) ?? cliEntry;
  });
  afterAll(() => fs.rmSync(bundleDir, { recursive: true, force: true }));
}
