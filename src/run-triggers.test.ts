// `tidemark run` with queries that have a trigger of their own: the process runs them, exits when they are done, and a
// SIGTERM stops it gracefully, every batch it ran committed, so a resumed run neither loses nor repeats one.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliArgs, lastId, rowDiff, useBundledCli } from './crash-recovery.test-support.js';

useBundledCli();
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-run-triggers-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** 2000 rows, 20 per batch; each row's ts is its own (start + row * step), so rows tell which offsets were read. */
const script = (trigger: string): string => `
CREATE SOURCE g (id BIGINT, ts TIMESTAMP) WITH (connector = 'datagen', rows = 2000, rows_per_batch = 20, seed = 3);
CREATE QUERY q WITH (trigger = '${trigger}') AS SELECT id, ts FROM g;
`;

interface Run {
  readonly child: ReturnType<typeof spawn>;
  readonly stdout: () => string;
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>;
}

function run(sql: string, root?: string): Run {
  const file = path.join(tmp, `script-${Math.random().toString(36).slice(2)}.sql`);
  fs.writeFileSync(file, sql);
  const child = spawn(process.execPath, [...cliArgs(), 'run', file, ...(root ? ['--checkpoint-root', root] : [])], { cwd: ROOT });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  // Never hang the suite: a run that does not end by itself fails the test.
  const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>((resolve) =>
    child.on('exit', (code, signal) => { clearTimeout(guard); resolve({ code, signal, stdout }); }));
  return { child, stdout: () => stdout, done };
}

/** The batches a run printed after the script's blocks: batch id and its rows. */
function batches(out: string): { id: number; rows: string[] }[] {
  const res: { id: number; rows: string[] }[] = [];
  for (const line of out.split('\n')) {
    const m = /^== q batch (\d+) watermark none$/.exec(line);
    if (m) res.push({ id: Number(m[1]), rows: [] });
    else if (res.length && line !== '') res[res.length - 1]!.rows.push(line);
  }
  return res;
}

const until = async (cond: () => boolean): Promise<void> => {
  while (!cond()) await new Promise((r) => setTimeout(r, 20));
};

describe('tidemark run with triggers', () => {
  it('exits by itself once an available_now query has read everything, in batches of at most max_rows_per_batch', async () => {
    const r = await run(script('available_now').replace("trigger = 'available_now'", "trigger = 'available_now', max_rows_per_batch = 500")).done;
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 0, signal: null });
    const bs = batches(r.stdout);
    expect(bs.map((b) => [b.id, b.rows.length])).toEqual([[0, 500], [1, 500], [2, 500], [3, 500]]);
    expect(new Set(bs.flatMap((b) => b.rows.map((row) => row.split('\t')[1]))).size).toBe(2000);
    expect(r.stdout).not.toContain('ERROR');
  });

  it('stops an interval query on SIGTERM with exit 0, every batch it printed committed; a resumed run reads the rest once', async () => {
    const root = path.join(tmp, 'ckpt');
    const first = run(script('50 ms'), root);
    await until(() => batches(first.stdout()).length >= 3);
    first.child.kill('SIGTERM');
    const r1 = await first.done;
    expect({ code: r1.code, signal: r1.signal }).toEqual({ code: 0, signal: null });
    const b1 = batches(r1.stdout);
    const last = b1[b1.length - 1]!.id;
    // 100 batches 50 ms apart: the signal came long before the end.
    expect(last).toBeLessThan(99);
    expect(b1.map((b) => b.id)).toEqual(Array.from({ length: last + 1 }, (_, i) => i));
    // The final checkpoint: the last batch printed is the last committed, and none was planned after it.
    expect(lastId(path.join(root, 'q', 'commits'))).toBe(last);
    expect(lastId(path.join(root, 'q', 'offsets'))).toBe(last);

    // Same query and checkpoint, now run to the end of the input: it resumes after the last committed batch.
    const r2 = await run(script('available_now'), root).done;
    expect({ code: r2.code, signal: r2.signal }).toEqual({ code: 0, signal: null });
    const b2 = batches(r2.stdout);
    expect(b2.map((b) => b.id)).toEqual(Array.from({ length: 99 - last }, (_, i) => last + 1 + i));

    const clean = await run(script('available_now')).done;
    const all = (bs: { rows: string[] }[]): string[] => bs.flatMap((b) => b.rows).sort();
    expect(all(batches(clean.stdout))).toHaveLength(2000);
    expect(rowDiff(all(batches(clean.stdout)), [...all(b1), ...all(b2)].sort())).toBe('');
  });
});
