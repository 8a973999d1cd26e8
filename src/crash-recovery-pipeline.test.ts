// End-to-end crash safety of a file-to-file pipeline. The real CLI (`tidemark run`) runs a JSONL directory source →
// 1-second tumbling windows per sensor with a watermark → JSONL files sink, on a 50 ms trigger, in a child process,
// while the test keeps adding files to the input directory. The child is SIGKILLed at 20 random moments (a seeded
// choice: a random time after it starts, or after it read the files of its round, or right after a random point of
// the checkpoint and sink protocol) and restarted on the same checkpoint each time; after every kill the sink directory shows only complete, committed
// files. Once the input is complete the last child drains it and a SIGTERM stops it (exit 0). Its committed output,
// sorted, must equal an uninterrupted run's over the same files and the windows worked out from the input by hand:
// nothing lost, nothing twice. A failure prints its seed; TIDEMARK_CRASH_SEED=<seed> replays the same input and kills.
//
// Files are not always published in name order: some neighbours come in swapped, one pair across each kill, so the
// order the source discovered them in (logged with each batch) differs from the name order a fresh listing gives, and
// a restart that forgot the logged order would skip and repeat records.
//
// Why the crashing run and the clean run can be compared row for row: their batch boundaries differ (files arrive at
// other moments relative to batches, and a restart re-plans whatever was not logged), so the watermark in effect differs
// from batch to batch, and rows dropped as late would depend on timing. The input rules that out. Rows are numbered in
// event-time order, row g at T0 + g * 10 ms less a jitter under 1.5 s, and cut into files of at most 100 rows. A file
// is published after every file two or more names before it and before every file two or more names after it, so any
// run reads the rows of file j after rows of files up to j + 1 only: at most 200 rows (2 s) past the first row of file
// j. A row's event time is thus above the largest event time read before it minus 3.5 s, while the watermark of the
// batch that reads it is at most that largest time minus 5 s (the delay). So the row's window always ends after the
// watermark: no row is ever late, in any run, whatever the batching. A window is emitted once the watermark passes its
// end, when all its rows have been read, so every emitted row is final. Both runs end on the same input, so on the
// same maximum event time and final watermark (that maximum minus 5 s, after the no-data batch), hence the same
// closed windows.

import { randomInt } from 'node:crypto';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CheckpointDir, rowsFromBatch } from '../runtime/index.js';
import { readCommittedFiles } from './index.js';
import { cliArgs, lastId, rowDiff, useBundledCli, writeKillHook } from './crash-recovery.test-support.js';
import {
  arrivalOrder, expectedOutput, Feeder, FILES_PER_ROUND, fileName, KILLS, makeInput, prng, rowText, sleep,
} from './crash-recovery-pipeline.test-support.js';

useBundledCli();
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-crash-pipeline-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const SEED = process.env['TIDEMARK_CRASH_SEED'] ? Number(process.env['TIDEMARK_CRASH_SEED']) : randomInt(2 ** 31);
/** The input files the last logged batch lists, in the order the source numbers their records. */
function loggedFiles(root: string): string[] {
  const last = lastId(path.join(root, 'agg', 'offsets'));
  if (last < 0) return [];
  const entry = JSON.parse(fs.readFileSync(path.join(root, 'agg', 'offsets', `${last}.json`), 'utf8')) as { descriptions?: { readings?: { files?: [string][] } } };
  return (entry.descriptions?.readings?.files ?? []).map((f) => f[0]);
}

/** Waits until a running child logged `file`, or exited, or `ms` passed. */
async function untilLogged(root: string, file: string, child: Child, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  const has = (): boolean => {
    try {
      return loggedFiles(root).includes(file);
    } catch {
      return false; // the offsets file was purged between listing and reading: look again
    }
  };
  while (child.running() && Date.now() < deadline && !has()) await sleep(10);
}

const script = (inDir: string, outDir: string, trigger: string): string => `
CREATE SOURCE readings (sensor BIGINT, v BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
  WITH (connector = 'files', path = '${inDir}', format = 'jsonl', max_files_per_trigger = 3);
CREATE QUERY agg WITH (sink = 'files', path = '${outDir}', format = 'jsonl', trigger = '${trigger}') AS
  SELECT window.start AS ws, sensor, count(*) AS n, sum(v) AS total, max(v) AS top
  FROM readings
  GROUP BY window(ts, '1 second'), sensor
  EMIT APPEND;
`;

interface Exit { readonly code: number | null; readonly signal: NodeJS.Signals | null; readonly stdout: string; readonly stderr: string }

interface Child {
  /** The script ran (its output came): the query is restored and its trigger started. */
  readonly ready: Promise<void>;
  readonly exited: Promise<Exit>;
  readonly running: () => boolean;
  readonly kill: (signal: NodeJS.Signals) => void;
}

function startCli(scriptFile: string, root: string, hook?: { file: string; env: Record<string, string> }): Child {
  const args = [...(hook ? ['--import', pathToFileURL(hook.file).href] : []), ...cliArgs(), 'run', scriptFile, '--checkpoint-root', root];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...hook?.env } });
  let stdout = '';
  let stderr = '';
  let running = true;
  const ready = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const exited = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => {
    running = false;
    resolve({ code, signal, stdout, stderr });
  }));
  return { ready, exited, running: () => running, kill: (s) => { if (running) child.kill(s); } };
}

/** Resolves when `p` does, or after `ms` (false then). */
const within = (p: Promise<unknown>, ms: number): Promise<boolean> => {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p.then(() => true), new Promise<boolean>((r) => { timer = setTimeout(() => r(false), ms); })])
    .finally(() => clearTimeout(timer));
};

type KillPlan =
  | { readonly kind: 'boot'; readonly ms: number }
  | { readonly kind: 'running'; readonly ms: number }
  | { readonly kind: 'protocol'; readonly what: string; readonly at: string; readonly nth: number; readonly delayMs: number };

/** Points of the checkpoint and sink protocol (published paths), for kills right after one (or a few ms later). */
const PROTOCOL = [
  { what: 'after a sink manifest, before its file is renamed', at: '/crashy/out/_manifest/\\d+\\.json$', delay: false },
  { what: 'after a sink file is renamed, before the commit', at: '/crashy/out/part-', delay: false },
  { what: 'after the state file, before the sink', at: '/agg/state/', delay: false },
  { what: 'mid-batch, a few ms after its offsets', at: '/agg/offsets/', delay: true },
  { what: 'after a commit', at: '/agg/commits/', delay: false },
];

function shuffle<T>(xs: T[], rand: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/**
 * 5 kills timed from the start, 7 once the child read its round's share, 8 at protocol points (each point at least
 * once), shuffled; the last kill waits for the share, so that the last child always lists a file named before one an
 * earlier child logged (see arrivalOrder).
 */
function killPlans(rand: () => number): KillPlan[] {
  const points = [...PROTOCOL.keys(), ...Array.from({ length: KILLS - 12 - PROTOCOL.length }, () => Math.floor(rand() * PROTOCOL.length))];
  const kinds = [...shuffle<'boot' | 'running' | number>([...Array<'boot'>(5).fill('boot'), ...Array<'running'>(6).fill('running'), ...points], rand), 'running' as const];
  return kinds.map((kind): KillPlan => {
    if (kind === 'boot') return { kind, ms: Math.floor(rand() * 1000) };
    if (kind === 'running') return { kind, ms: Math.floor(rand() * 400) };
    const p = PROTOCOL[kind]!;
    return { kind: 'protocol', what: p.what, at: p.at, nth: 1 + Math.floor(rand() * 2), delayMs: p.delay ? 1 + Math.floor(rand() * 8) : 0 };
  });
}

const describePlan = (p: KillPlan): string => (p.kind === 'protocol'
  ? `${p.what} (#${p.nth}${p.delayMs ? ` + ${p.delayMs} ms` : ''})`
  : p.kind === 'boot' ? `${p.ms} ms after start` : `${p.ms} ms after it logged its round's last file`);

/** Every file under `dir`, relative, with '/' separators. */
const tree = (dir: string): string[] => (fs.readdirSync(dir, { recursive: true }) as string[])
  .filter((f) => fs.statSync(path.join(dir, f)).isFile()).map((f) => f.split(path.sep).join('/')).sort();
/** What a reader that skips hidden names (`_x`, `.x`, as Spark's and Hadoop's readers do) sees. */
const isVisible = (f: string): boolean => f.split('/').every((seg) => !seg.startsWith('_') && !seg.startsWith('.'));

/** The files each committed manifest lists (read from `_manifest/<batch>.json` directly, not through the engine). */
function manifestFiles(dir: string): Map<string, { rows: number; bytes: number }> {
  const out = new Map<string, { rows: number; bytes: number }>();
  const mdir = path.join(dir, '_manifest');
  for (const f of fs.existsSync(mdir) ? fs.readdirSync(mdir).filter((n) => /^\d+\.json$/.test(n)) : []) {
    const m = JSON.parse(fs.readFileSync(path.join(mdir, f), 'utf8')) as { files: { name: string; rows: number; bytes: number }[] };
    for (const x of m.files) out.set(x.name, { rows: x.rows, bytes: x.bytes });
  }
  return out;
}

/** The committed output, one line per row (ws ISO, sensor, n, total, top), sorted. */
function committedRows(dir: string): string[] {
  const { schema, table } = readCommittedFiles(dir);
  return table.batches.flatMap((b) => rowsFromBatch(b, schema))
    .map((r) => rowText(Number(r[0]) / 1000, r.slice(1).map((v) => String(v)))).sort();
}

const keys = (rows: readonly string[]): string[] => rows.map((r) => r.split('\t').slice(0, 2).join('\t'));

/** Where a query's checkpoint is: last commit, whether all input is read and the watermark settled. */
function checkpointState(root: string): { batch: number; end: number; watermark: number | null; settled: boolean } | undefined {
  try {
    const cp = new CheckpointDir(path.join(root, 'agg'));
    const commit = cp.lastCommit();
    const offsets = commit ? cp.readOffsets(commit.batchId) : undefined;
    if (!commit || !offsets) return undefined;
    // The batch after the last data batch is the no-data batch that runs with the new watermark; then they agree.
    return { batch: commit.batchId, end: offsets.sources['readings']?.[1] ?? -1, watermark: commit.nextWatermark, settled: commit.nextWatermark === offsets.watermark };
  } catch {
    return undefined; // a file purged between listing and reading: ask again
  }
}

describe('crash recovery of a file-to-file pipeline', () => {
  it(`survives ${KILLS} SIGKILLs while files keep arriving, with the output of an uninterrupted run`, async () => {
    const rand = prng(SEED);
    const input = makeInput(rand);
    const order = arrivalOrder(rand);
    const plans = killPlans(rand);
    const expected = expectedOutput(input);
    const total = input.reduce((s, f) => s + f.length, 0);
    const inDir = path.join(tmp, 'in');
    const dirs = { crashy: path.join(tmp, 'crashy'), clean: path.join(tmp, 'clean') };
    fs.mkdirSync(inDir);
    const scriptFor = (run: 'crashy' | 'clean', trigger: string): string => {
      const file = path.join(tmp, `${run}.sql`);
      fs.writeFileSync(file, script(inDir, path.join(dirs[run], 'out'), trigger));
      return file;
    };
    const crashyScript = scriptFor('crashy', '50 ms');
    const root = path.join(dirs.crashy, 'ckpt');
    const out = path.join(dirs.crashy, 'out');
    const hookFile = writeKillHook(tmp);
    const killLog = path.join(tmp, 'kills.log');
    const hookKills = (): number => (fs.existsSync(killLog) ? fs.readFileSync(killLog, 'utf8').trim().split('\n').length : 0);

    const log: string[] = [];
    const why = (what: string): string => `${what}\nseed ${SEED} (replay: TIDEMARK_CRASH_SEED=${SEED} npx vitest run src/crash-recovery-pipeline.test.ts)\n${log.join('\n')}`;
    const live = new Set<Child>();
    const feeder = new Feeder(inDir, input, order, rand);

    /** After a kill: visible files are exactly committed, complete files; the committed output so far is final. */
    const checkSink = (label: string): number => {
      if (!fs.existsSync(out)) return 0; // killed before the sink opened
      const listed = manifestFiles(out);
      for (const f of tree(out).filter(isVisible)) {
        const m = listed.get(f);
        expect(m, why(`${label}: ${f} is visible but no committed manifest lists it`)).toBeDefined();
        const text = fs.readFileSync(path.join(out, f), 'utf8');
        expect(Buffer.byteLength(text), why(`${label}: ${f} is partial`)).toBe(m!.bytes);
        const lines = text.split('\n');
        expect(lines.pop(), why(`${label}: ${f} does not end with a newline`)).toBe('');
        expect(lines.length, why(`${label}: rows in ${f}`)).toBe(m!.rows);
        for (const l of lines) expect((): unknown => JSON.parse(l), why(`${label}: a line of ${f}`)).not.toThrow();
      }
      const rows = committedRows(out);
      expect(rows.length, why(`${label}: committed rows vs manifests`)).toBe([...listed.values()].reduce((s, m) => s + m.rows, 0));
      expect(new Set(keys(rows)).size, why(`${label}: a window committed twice`)).toBe(rows.length);
      const final = new Set(expected.rows);
      expect(rows.filter((r) => !final.has(r)), why(`${label}: committed rows that are not final windows`)).toEqual([]);
      return rows.length;
    };

    try {
      let advanced = 0;
      /** Restarts that logged a file named before one an earlier process logged: the logged order mattered. */
      let orderKept = 0;
      let logged: string[] = [];
      // Offsets number records in the order files were logged: a restart may only add files after that order.
      const checkLogged = (when: string): string | undefined => {
        const now = loggedFiles(root);
        expect(now.slice(0, logged.length), why(`${when}: the logged file order changed`)).toEqual(logged);
        const maxBefore = logged.reduce((m, f) => (f > m ? f : m), '');
        const earlier = now.slice(logged.length).filter((f) => f < maxBefore);
        logged = now;
        if (!earlier.length) return undefined;
        orderKept++;
        return `logged ${earlier.join(', ')} after ${maxBefore}, which an earlier process logged`;
      };
      for (let round = 0; round < KILLS; round++) {
        feeder.round = round;
        const plan = plans[round]!;
        const before = lastId(path.join(root, 'agg', 'commits'));
        const kills = hookKills();
        const child = startCli(crashyScript, root, plan.kind === 'protocol' ? {
          file: hookFile,
          env: { TIDEMARK_TEST_KILL_AT: plan.at, TIDEMARK_TEST_KILL_NTH: String(plan.nth), TIDEMARK_TEST_KILL_LOG: killLog,
            ...(plan.delayMs ? { TIDEMARK_TEST_KILL_DELAY_MS: String(plan.delayMs) } : {}) },
        } : undefined);
        live.add(child);
        if (plan.kind === 'boot') {
          await within(child.exited, plan.ms);
        } else {
          if (!(await within(Promise.race([child.ready, child.exited]), 60_000))) throw new Error(why(`round ${round}: the CLI printed nothing in 60 s`));
          if (plan.kind === 'running') {
            // Once the child read the last file of its round's share (whose predecessor by name comes after the kill).
            await untilLogged(root, fileName(order[(round + 1) * FILES_PER_ROUND - 1]!), child, 10_000);
            await within(child.exited, plan.ms);
          } else {
            // A protocol kill comes from the hook; should its point not come, the test kills.
            await within(child.exited, 10_000);
          }
        }
        child.kill('SIGKILL');
        const r = await child.exited;
        live.delete(child);
        const byHook = hookKills() > kills;
        expect(r.signal, why(`round ${round} (${describePlan(plan)}): the CLI ended by itself\n${r.stdout.slice(-2000)}\n${r.stderr}`)).toBe('SIGKILL');
        const after = lastId(path.join(root, 'agg', 'commits'));
        if (after > before) advanced++;
        const offsets = lastId(path.join(root, 'agg', 'offsets'));
        const rows = checkSink(`round ${round} (killed ${describePlan(plan)})`);
        const earlier = checkLogged(`round ${round}`);
        log.push(`round ${round}: killed ${describePlan(plan)}${plan.kind === 'protocol' && !byHook ? ' - point not reached, killed by the test' : ''};`
          + ` commits ${before} -> ${after}${offsets > after ? `, batch ${offsets} logged, not committed` : ''};`
          + ` ${feeder.published} files published, ${rows} rows committed`
          + (earlier ? `; ${earlier}` : ''));
      }
      // Kills that all hit start-up would test only the start-up.
      expect(advanced, why('lifetimes that committed a batch')).toBeGreaterThanOrEqual(5);
      const planned = plans.filter((p) => p.kind === 'protocol').length;
      if (planned) expect(log.filter((l) => l.includes('point not reached')).length, why('protocol kills the hook made')).toBeLessThan(planned);

      // The last child is never killed: it reads the rest of the input as it arrives, then drains it.
      feeder.round = KILLS;
      const last = startCli(crashyScript, root);
      live.add(last);
      await feeder.done;
      expect(fs.readdirSync(inDir).sort(), why('input files')).toEqual(input.map((_, i) => fileName(i)));
      // The uninterrupted run, meanwhile: the same query over the complete input, run to its end.
      const clean = startCli(scriptFor('clean', 'available_now'), path.join(dirs.clean, 'ckpt'));
      live.add(clean);
      const deadline = Date.now() + 120_000;
      let state = checkpointState(root);
      while (!(state?.end === total && state.settled) && last.running() && Date.now() < deadline) {
        await sleep(50);
        state = checkpointState(root);
      }
      expect(state, why(`the last run did not drain all ${total} input rows (exited: ${!last.running()})`)).toMatchObject({ end: total, settled: true });
      last.kill('SIGTERM');
      if (!(await within(last.exited, 30_000))) throw new Error(why('SIGTERM did not stop the last run within 30 s'));
      const stopped = await last.exited;
      expect({ code: stopped.code, signal: stopped.signal }, why(`graceful stop\n${stopped.stderr}`)).toEqual({ code: 0, signal: null });
      const earlier = checkLogged('the last run');
      log.push(`last run: drained batch ${state?.batch ?? -1}, stopped by SIGTERM${earlier ? `; ${earlier}` : ''}`);
      if (!(await within(clean.exited, 60_000))) throw new Error(why('the uninterrupted run did not end within 60 s'));
      const cleanExit = await clean.exited;
      expect({ code: cleanExit.code, signal: cleanExit.signal }, why(`uninterrupted run\n${cleanExit.stderr}`)).toEqual({ code: 0, signal: null });
      expect(cleanExit.stdout, why('uninterrupted run')).not.toContain('ERROR');

      // Both runs end on the same input, so with the same final watermark: max event time - 5 s.
      const cleanState = checkpointState(path.join(dirs.clean, 'ckpt'));
      expect([checkpointState(root)?.watermark, cleanState?.watermark], why('final watermarks')).toEqual([expected.watermark * 1000, expected.watermark * 1000]);
      const cleanRows = committedRows(path.join(dirs.clean, 'out'));
      expect(expected.rows.length, why('windows in the input')).toBeGreaterThan(400);
      expect(rowDiff(expected.rows, cleanRows), why('uninterrupted run vs the windows of the input')).toBe('');
      const crashyRows = committedRows(out);
      expect(new Set(keys(crashyRows)).size, why('windows committed twice')).toBe(crashyRows.length);
      expect(rowDiff(cleanRows, crashyRows), why('the crashed run vs the uninterrupted run')).toBe('');
      // The input made the logged file order matter at some restart (see arrivalOrder): the test covered it.
      expect(orderKept, why('restarts that had to keep a logged file order other than name order')).toBeGreaterThan(0);

      // Nothing temporary is left, and every committed file has its visible name.
      for (const dir of [out, path.join(dirs.clean, 'out')]) {
        const listed = [...manifestFiles(dir).keys()].sort();
        const files = tree(dir);
        expect(files.filter(isVisible), why(`visible files in ${dir}`)).toEqual(listed);
        expect(files.filter((f) => !isVisible(f) && !/^_manifest\/\d+\.json$/.test(f)), why(`temporary files in ${dir}`)).toEqual([]);
      }
    } finally {
      feeder.stopped = true;
      for (const c of live) c.kill('SIGKILL');
      await feeder.done;
    }
  }, 240_000);
});
