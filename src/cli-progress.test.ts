// `tidemark run --progress`: the real CLI in a child process writes one JSON progress per micro-batch (NDJSON).

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BatchProgress } from '../runtime/index.js';
import { runGoldenScript } from './golden-suite.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const SCRIPT = `
CREATE SOURCE clicks (page STRING, ts TIMESTAMP);
CREATE QUERY c AS SELECT window.start AS ws, page, count(*) AS n FROM clicks
  GROUP BY window(ts, '10 minutes'), page WATERMARK ts 5 minutes EMIT APPEND;
CREATE QUERY pages AS SELECT page FROM clicks;
INSERT INTO clicks VALUES ('a', '2024-01-01 00:01:00'), ('b', '2024-01-01 00:02:00'), ('a', '2024-01-01 00:16:00');
TRIGGER;
INSERT INTO clicks VALUES ('c', '2024-01-01 00:03:00');
TRIGGER;
`;

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts'), 'run', ...args], { cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const parseLines = (text: string): BatchProgress[] => text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as BatchProgress);

describe('tidemark run --progress', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-progress-'));
  const script = path.join(dir, 'script.sql');
  fs.writeFileSync(script, SCRIPT);

  it('writes one JSON line per batch to FILE, in the order the batches ran, and prints the script as usual', async () => {
    const out = path.join(dir, 'progress.ndjson');
    fs.writeFileSync(out, 'left over from an earlier run\n');
    const withProgress = await runCli([script, '--progress', out]);
    expect(withProgress).toMatchObject({ code: 0, stderr: '' });
    expect(withProgress.stdout).toBe(runGoldenScript(SCRIPT));
    const lines = parseLines(fs.readFileSync(out, 'utf8'));
    // c: data batch 0, no-data batch 1 (watermark 00:11), data batch 2 (00:03 is late); pages: batches 0 and 1.
    expect(lines.map((p) => `${p.name} ${p.batchId} ${p.numInputRows}`)).toEqual(['c 0 3', 'c 1 0', 'pages 0 3', 'c 2 1', 'pages 1 1']);
    const c2 = lines[3]!;
    expect(c2).toMatchObject({
      eventTime: { min: '2024-01-01T00:03:00.000Z', max: '2024-01-01T00:03:00.000Z', avg: '2024-01-01T00:03:00.000Z', watermark: '2024-01-01T00:11:00.000Z' },
      sources: [{ description: 'clicks', startOffset: 3, endOffset: 4, numInputRows: 1 }],
      sink: { description: 'result table c', numOutputRows: 0 },
    });
    expect(c2.stateOperators[0]).toMatchObject({ numRowsTotal: 1, numRowsDroppedByWatermark: 1 });
    for (const p of lines) {
      expect(Object.keys(p)).toEqual(['id', 'name', 'timestamp', 'batchId', 'numInputRows', 'inputRowsPerSecond', 'processedRowsPerSecond',
        'durationMs', 'eventTime', 'stateOperators', 'sources', 'sink']);
      expect(Object.keys(p.durationMs)).toEqual(['triggerExecution', 'getBatch', 'addBatch', 'walCommit', 'commitOffsets']);
      expect(Number.isNaN(Date.parse(p.timestamp))).toBe(false);
    }
    expect(new Set(lines.filter((p) => p.name === 'c').map((p) => p.id)).size).toBe(1);
  }, 60_000);

  it("writes the lines to stderr with '-', also with --checkpoint-root", async () => {
    const root = path.join(dir, 'ckpt');
    const r = await runCli(['--progress', '-', script, '--checkpoint-root', root]);
    expect(r.code).toBe(0);
    expect(parseLines(r.stderr).map((p) => `${p.name} ${p.batchId}`)).toEqual(['c 0', 'c 1', 'pages 0', 'c 2', 'pages 1']);
    expect(fs.existsSync(path.join(root, 'c', 'commits', '2.json'))).toBe(true);
  }, 60_000);

  it('refuses --progress without a destination', async () => {
    const r = await runCli([script, '--progress']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--progress needs a file to write to, or '-' for stderr");
  }, 60_000);

  it('refuses --checkpoint-root without a directory (it fell back to a temporary one), and arguments it does not know', async () => {
    const noRoot = await runCli([script, '--checkpoint-root']);
    expect([noRoot.code, noRoot.stdout]).toEqual([2, '']);
    expect(noRoot.stderr).toContain('--checkpoint-root needs a directory');
    const unknown = await runCli([script, '--bogus']);
    expect([unknown.code, unknown.stdout]).toEqual([2, '']);
    expect(unknown.stderr).toContain("unexpected argument '--bogus'");
  }, 60_000);
});
