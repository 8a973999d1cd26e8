// The README's examples work as written: its REPL session, API example, file-to-file pipeline and dialect script.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { cliArgs, useBundledCli } from '../src/crash-recovery.test-support.js';
import { Engine } from '../src/engine.js';
import { readCommittedFiles } from '../src/index.js';
import { renderRows } from '../src/script-runner.js';
import { ReplOutput } from '../src/repl/output.js';
import { ReplSession } from '../src/repl/session.js';
import { runScript } from '../src/script-runner.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

interface Example {
  readonly kind: string;
  readonly arg: string | undefined;
  readonly text: string;
  /** 1-based line of the marker in README.md, for messages. */
  readonly line: number;
}

/** Every fenced block marked `<!-- readme-test: KIND [ARG] -->` on the line before its fence, in README order. */
function examples(): Example[] {
  const lines = README.split('\n');
  const out: Example[] = [];
  lines.forEach((l, i) => {
    const m = /^<!-- readme-test: (\S+)(?: (\S+))? -->$/.exec(l);
    if (!m) return;
    const fence = /^(```+)\S*$/.exec(lines[i + 1] ?? '');
    if (!fence) throw new Error(`README.md line ${i + 1}: a readme-test marker must be followed by a fenced block`);
    const end = lines.findIndex((x, k) => k > i + 1 && x === fence[1]);
    if (end < 0) throw new Error(`README.md line ${i + 2}: the fenced block never closes`);
    out.push({ kind: m[1]!, arg: m[2], text: lines.slice(i + 2, end).join('\n') + '\n', line: i + 1 });
  });
  return out;
}

const ALL = examples();
const only = (kind: string): Example => {
  const found = ALL.filter((e) => e.kind === kind);
  if (found.length !== 1) throw new Error(`README.md should have exactly one readme-test: ${kind} block, has ${found.length}`);
  return found[0]!;
};

const temps: string[] = [];
const tempDir = (): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-readme-'));
  temps.push(d);
  return d;
};
afterAll(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

/** Whether `actual` matches `expected`, where a line `...` in expected stands for any number of lines. */
function matches(expected: string, actual: string): boolean {
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = expected.split('\n').slice(0, -1).map((l) => (l === '...' ? '(?:.*\\n)*?' : `${escape(l)}\\n`)).join('');
  return new RegExp(`^${pattern}$`).test(actual);
}

/**
 * Node arguments that run a TypeScript file: bundled with esbuild (what tsx compiles with) when it loads, which starts
 * in a fraction of the time tsx takes to compile the sources file by file; tsx otherwise.
 */
async function runnable(file: string): Promise<string[]> {
  interface Esbuild { buildSync(opts: Record<string, unknown>): unknown }
  const name = 'esbuild';
  try {
    const esbuild = (await import(name)) as Esbuild;
    const outfile = file.replace(/\.m?ts$/, '.bundle.mjs');
    esbuild.buildSync({ entryPoints: [file], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'silent' });
    return [outfile];
  } catch {
    return ['--import', 'tsx', file];
  }
}

/** Lets continuous queries run what an INSERT woke them for (each scheduler step is one immediate; no timers involved). */
async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

describe('README.md', () => {
  it('starts with the two commands that work on a fresh machine', () => {
    const firstFence = README.indexOf('```');
    expect(README.slice(firstFence, README.indexOf('```', firstFence + 3) + 3)).toBe([
      '```sh',
      'npm install && npx tidemark example     # run a windowed aggregation over the built-in generator (no setup)',
      'npm test                                # type-check, lint, unit + property tests, the golden SQL suite',
      '```',
    ].join('\n'));
    expect(README.slice(0, firstFence)).not.toMatch(/```/);
  });

  it('marks the examples this test runs', () => {
    const kinds = ALL.map((e) => e.kind);
    for (const k of ['repl', 'api', 'api-output', 'script']) expect(kinds.filter((x) => x === k), k).toHaveLength(1);
    expect(kinds.filter((k) => k === 'file').length).toBeGreaterThanOrEqual(3);
    expect(kinds.filter((k) => k === 'shell').length).toBeGreaterThanOrEqual(2);
    expect(kinds.filter((k) => !['repl', 'api', 'api-output', 'script', 'file', 'shell'].includes(k)), 'unknown readme-test kinds').toEqual([]);
  });

  it('shows a REPL session that the shell prints exactly so', async () => {
    const ex = only('repl');
    const out = new PassThrough();
    let screen = '';
    out.on('data', (d: Buffer) => { screen += d.toString(); });
    const engine = new Engine({ checkpointRoot: tempDir(), defaultTrigger: 'continuous' });
    const session = new ReplSession(engine, { output: new ReplOutput(out), width: () => 100 });
    try {
      for (const line of ex.text.split('\n').slice(0, -1)) {
        const prompt = /^(tidemark> |\s+\.\.\.> )/.exec(line)?.[1];
        if (prompt === undefined) continue;
        // What the terminal shows: the prompt the session asks for, then the typed line.
        screen += `${session.prompt()}${line.slice(prompt.length)}\n`;
        session.feed(line.slice(prompt.length));
        await settle();
      }
    } finally {
      engine.close();
    }
    expect(screen, `README.md line ${ex.line}`).toBe(ex.text);
  });

  it('has an API example that type-checks and prints what the README says', async () => {
    const ex = only('api');
    const dir = tempDir();
    const file = path.join(dir, 'api-example.mts');
    const index = path.join(ROOT, 'src', 'index.js');
    expect(ex.text).toContain(`from 'tidemark'`);
    fs.writeFileSync(file, ex.text.replace(`from 'tidemark'`, `from '${index}'`));

    const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), (f) => ts.sys.readFile(f));
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
    const program = ts.createProgram([file], { ...options, noEmit: true, rootDir: undefined, declaration: false, sourceMap: false });
    // Only the example's own diagnostics: the checker then reads just the declarations it uses (the whole project is
    // type-checked by npm test anyway).
    const source = program.getSourceFile(file)!;
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    expect(ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' })).toBe('');

    const run = spawnSync(process.execPath, await runnable(file), { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout, `README.md line ${only('api-output').line}`).toBe(only('api-output').text);
  });

  describe('file-to-file pipeline', () => {
    useBundledCli();

    it('runs as shown: the same output, committed, and a second run resumes', () => {
      const dir = tempDir();
      const tidemark = [process.execPath, ...cliArgs()].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
      let commands = 0;
      for (const ex of ALL) {
        if (ex.kind === 'file') {
          fs.mkdirSync(path.dirname(path.join(dir, ex.arg!)), { recursive: true });
          fs.writeFileSync(path.join(dir, ex.arg!), ex.text);
        }
        if (ex.kind !== 'shell') continue;
        // `$ command` lines, each followed by the output it prints.
        const steps = ex.text.split(/^\$ /m).slice(1).map((s) => {
          const nl = s.indexOf('\n');
          return { command: s.slice(0, nl), output: s.slice(nl + 1) };
        });
        for (const step of steps) {
          const r = spawnSync('bash', ['-c', step.command.replace(/^npx tidemark /, `${tidemark} `)], { cwd: dir, encoding: 'utf8' });
          commands++;
          expect({ status: r.status, stderr: r.stderr }, `${step.command} (README.md line ${ex.line})`).toEqual({ status: 0, stderr: '' });
          if (!matches(step.output, r.stdout)) {
            expect.fail(`README.md line ${ex.line}: \`${step.command}\` printed\n${r.stdout}\nwhere the README shows\n${step.output}`);
          }
        }
      }
      expect(commands).toBeGreaterThanOrEqual(4);
      // What the sink committed, read through its manifests: every minute once, each in the batch that closed it.
      const out = readCommittedFiles(path.join(dir, 'out'));
      expect(out.batches.map((b) => [b.batchId, b.files])).toEqual([[1, ['part-00000001.jsonl']], [3, ['part-00000003.jsonl']]]);
      expect(renderRows(out.table, out.schema, false)).toEqual([
        '2024-01-01 00:00:00\tdocs\t1', '2024-01-01 00:00:00\thome\t2', '2024-01-01 00:01:00\tdocs\t2', '2024-01-01 00:01:00\thome\t1',
      ]);
      expect(fs.readdirSync(path.join(dir, 'ckpt', 'page_views', 'commits')).sort()).toEqual(['0.json', '1.json', '2.json', '3.json']);
    });
  });

  it('has a dialect script that runs without errors', () => {
    const out = runScript(only('script').text, new Engine({ checkpointRoot: tempDir(), defaultTrigger: 'manual' }));
    expect(out.split('\n').filter((l) => l.startsWith('ERROR'))).toEqual([]);
    expect(out).toContain('== c batch 1 watermark 2024-01-01 00:11:00\n2024-01-01 00:00:00\ta\t1\n');
  });
});

describe('the ... wildcard of expected output', () => {
  it('stands for any number of lines, and nothing else is loose', () => {
    expect(matches('a\n...\nz\n', 'a\nz\n')).toBe(true);
    expect(matches('a\n...\nz\n', 'a\nb\nc\nz\n')).toBe(true);
    expect(matches('a\n...\nz\n', 'a\nb\nz\nx\n')).toBe(false);
    expect(matches('a.b\n', 'axb\n')).toBe(false);
  });
});
