// The golden suite runner: every DIR/inputs/**/*.sql against DIR/results/**/*.sql.out, one code path for CLI and tests.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Engine } from './engine.js';
import { runScript } from './script-runner.js';
import { unifiedDiff } from './unified-diff.js';

export interface GoldenCase {
  readonly name: string;
  readonly input: string;
  readonly expected: string;
}

export function listGoldenFiles(dir: string): string[] {
  const root = path.join(dir, 'inputs');
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((x, y) => x.name.localeCompare(y.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.sql')) out.push(path.relative(root, p));
    }
  };
  if (fs.existsSync(root)) walk(root);
  return out;
}

/** Where a script's console sinks print (see runGoldenScript). */
export const toStderr = (text: string): void => void process.stderr.write(text);

/**
 * Runs one script in a fresh engine with a fresh temporary checkpoint root, which is also where relative sink paths
 * and checkpoints start, so that a script's files never outlive it. Relative source paths (a files source's `path`)
 * resolve against `baseDir`, the script's directory, so a suite runs from any directory; `prepare` sees the engine
 * first. Triggers are manual (no wall clock). A console sink prints to standard error: the golden text already holds
 * every batch (TRIGGER blocks), and standard output carries nothing else.
 */
export function runGoldenScript(script: string, opts: { readonly baseDir?: string; readonly prepare?: (engine: Engine) => void } = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-golden-'));
  const engine = new Engine({ checkpointRoot: root, workDir: root, baseDir: opts.baseDir, defaultTrigger: 'manual', console: toStderr });
  try {
    opts.prepare?.(engine);
    return runScript(script, engine);
  } finally {
    engine.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

export interface SuiteResult {
  readonly passed: number;
  readonly failed: number;
  readonly report: string[];
}

export function runGoldenSuite(dir: string, update: boolean, only?: string): SuiteResult {
  let passed = 0;
  let failed = 0;
  const report: string[] = [];
  for (const rel of listGoldenFiles(dir)) {
    if (only && !rel.includes(only)) continue;
    const file = path.resolve(dir, 'inputs', rel);
    const input = fs.readFileSync(file, 'utf8');
    const actual = runGoldenScript(input, { baseDir: path.dirname(file) });
    const outFile = path.join(dir, 'results', `${rel}.out`);
    if (update) {
      fs.mkdirSync(path.dirname(outFile), { recursive: true });
      fs.writeFileSync(outFile, actual);
      passed++;
      continue;
    }
    const missing = !fs.existsSync(outFile);
    const expected = missing ? '' : fs.readFileSync(outFile, 'utf8');
    if (expected === actual) passed++;
    else {
      failed++;
      // Without its expected file a script fails against empty text: say so, not only the diff.
      report.push(missing ? `FAIL ${rel} (no expected file ${path.join('results', `${rel}.out`)}: write it by hand, or with tidemark test --update)` : `FAIL ${rel}`,
        unifiedDiff(expected, actual, rel));
    }
  }
  return { passed, failed, report };
}
