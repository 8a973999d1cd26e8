// End-to-end crash safety: the real CLI in a child process, SIGKILLed mid-batch and after commits, then resumed.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const SCRIPT = `
CREATE SOURCE readings (sensor BIGINT, reading DOUBLE, ts TIMESTAMP)
  WITH (connector = 'datagen', rows = 600000, seed = 7, rows_per_batch = 40000, step = '5 ms',
        max_out_of_order = '3 seconds', 'fields.sensor.min' = 1, 'fields.sensor.max' = 20);
CREATE QUERY per_minute AS
  SELECT window.start AS ws, sensor, count(*) AS n, sum(reading) AS total, max(ts) AS last_ts
  FROM readings
  GROUP BY window(ts, '1 minute', '20 seconds'), sensor
  WATERMARK ts 5 seconds
  EMIT APPEND;
TRIGGER;
SELECT * FROM per_minute;
`;

function runCli(scriptFile: string, root: string): { done: Promise<{ code: number | null; stdout: string }>; kill: () => void } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts'), 'run', scriptFile, '--checkpoint-root', root], { cwd: ROOT });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', () => undefined);
  const done = new Promise<{ code: number | null; stdout: string }>((resolve) => child.on('exit', (code) => resolve({ code, stdout })));
  return { done, kill: () => child.kill('SIGKILL') };
}

const ids = (dir: string): number[] =>
  fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^\d+\.json$/.test(f)).map((f) => Number(f.split('.')[0])) : [];

/** The rows of the script's last block (the SELECT of the result table). */
const finalRows = (out: string): string => out.slice(out.lastIndexOf('-- !query output'));

describe('crash recovery', () => {
  it('a query killed with SIGKILL at many points ends with exactly the result of an uninterrupted run', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-crash-'));
    const scriptFile = path.join(tmp, 'query.sql');
    fs.writeFileSync(scriptFile, SCRIPT);

    const clean = await runCli(scriptFile, path.join(tmp, 'clean')).done;
    expect(clean.code).toBe(0);
    expect(finalRows(clean.stdout).split('\n').length).toBeGreaterThan(100);

    const root = path.join(tmp, 'crashy');
    const q = path.join(root, 'per_minute');
    let midBatch = 0;
    let afterCommit = 0;
    // Alternate targets: kill while batch N is planned but uncommitted, or right after batch N commits.
    for (let attempt = 0; attempt < 8; attempt++) {
      const wantMid = attempt % 2 === 0;
      const run = runCli(scriptFile, root);
      let finished = false;
      void run.done.then(() => { finished = true; });
      const startCommits = Math.max(-1, ...ids(path.join(q, 'commits')));
      const deadline = Date.now() + 20_000;
      let sawCommit = false;
      while (!finished && Date.now() < deadline) {
        const offsets = ids(path.join(q, 'offsets'));
        const commits = ids(path.join(q, 'commits'));
        const lastOffset = Math.max(-1, ...offsets);
        const lastCommit = Math.max(-1, ...commits);
        if (wantMid && lastOffset > lastCommit && lastOffset > startCommits) break;
        if (!wantMid && lastCommit > startCommits) {
          sawCommit = true;
          break;
        }
        await new Promise((r) => setTimeout(r, 1));
      }
      if (finished) break;
      run.kill();
      await run.done;
      const lastOffset = Math.max(-1, ...ids(path.join(q, 'offsets')));
      const lastCommit = Math.max(-1, ...ids(path.join(q, 'commits')));
      if (lastOffset > lastCommit) midBatch++;
      // Killed as soon as a commit appeared: between batches, or (the engine plans the next batch within
      // microseconds) at the very start of the next one. Both are crash points worth resuming from.
      if (sawCommit) afterCommit++;
    }
    const final = await runCli(scriptFile, root).done;
    expect(final.code).toBe(0);
    expect(midBatch).toBeGreaterThan(0);
    expect(afterCommit).toBeGreaterThan(0);
    expect(finalRows(final.stdout)).toBe(finalRows(clean.stdout));
    fs.rmSync(tmp, { recursive: true, force: true });
  }, 120_000);
});
