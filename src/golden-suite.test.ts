// The golden suite runner: a script passes when its output equals its expected file, and a missing file is named.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGoldenScript, runGoldenSuite } from './golden-suite.js';

describe('runGoldenSuite', () => {
  it('passes an expected output, fails a wrong one with its diff, and names a missing expected file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-suite-'));
    fs.mkdirSync(path.join(dir, 'inputs', 'sub'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'results', 'sub'), { recursive: true });
    const script = 'SELECT 1 AS x;\n';
    for (const name of ['good', 'wrong', 'missing']) fs.writeFileSync(path.join(dir, 'inputs', 'sub', `${name}.sql`), script);
    fs.writeFileSync(path.join(dir, 'results', 'sub', 'good.sql.out'), runGoldenScript(script));
    fs.writeFileSync(path.join(dir, 'results', 'sub', 'wrong.sql.out'), runGoldenScript(script).replace('\n1\n', '\n2\n'));
    const r = runGoldenSuite(dir, false);
    expect([r.passed, r.failed]).toEqual([1, 2]);
    expect(r.report.filter((l) => l.startsWith('FAIL'))).toEqual([
      `FAIL ${path.join('sub', 'missing.sql')} (no expected file ${path.join('results', 'sub', 'missing.sql.out')}: write it by hand, or with tidemark test --update)`,
      `FAIL ${path.join('sub', 'wrong.sql')}`,
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
