// Runs the golden suite inside vitest: one test per sql-tests/inputs file, the same runner as `tidemark test`.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listGoldenFiles, runGoldenScript } from '../src/golden-suite.js';

const dir = path.dirname(new URL(import.meta.url).pathname);
const files = listGoldenFiles(dir);

describe('golden files', () => {
  it('has a result file for every input', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
    for (const f of files) expect(fs.existsSync(path.join(dir, 'results', `${f}.out`)), f).toBe(true);
  });
  it('prints the same text for a script saved with \\r\\n line breaks', () => {
    const multiLine = files.filter((f) => /\n {2}\S/.test(fs.readFileSync(path.join(dir, 'inputs', f), 'utf8'))).slice(0, 6);
    expect(multiLine.length).toBeGreaterThan(3);
    for (const f of multiLine) {
      const file = path.join(dir, 'inputs', f);
      const crlf = fs.readFileSync(file, 'utf8').replace(/\n/g, '\r\n');
      const expected = fs.readFileSync(path.join(dir, 'results', `${f}.out`), 'utf8');
      expect(runGoldenScript(crlf, { baseDir: path.dirname(file) }), f).toBe(expected);
    }
  });
  for (const f of files) {
    it(f, () => {
      const file = path.join(dir, 'inputs', f);
      const input = fs.readFileSync(file, 'utf8');
      const expected = fs.readFileSync(path.join(dir, 'results', `${f}.out`), 'utf8');
      expect(runGoldenScript(input, { baseDir: path.dirname(file) })).toBe(expected);
    });
  }
});
