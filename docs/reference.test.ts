// docs/reference.md is what scripts/gen-reference.ts makes of the code today, and its statement examples run.

import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStatement, type Statement } from '../grammar/index.js';
import { Engine } from '../src/engine.js';
import { REFERENCE_FILE, REGENERATE, renderReference, statementRules } from '../scripts/gen-reference.js';
import { STATEMENT_DOCS } from '../scripts/statement-docs.js';

/** The first line where two texts differ, to point at the stale part of a long page. */
function firstDifference(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  const i = x.findIndex((line, k) => line !== y[k]);
  const at = i < 0 ? Math.min(x.length, y.length) : i;
  return `line ${at + 1}:\n  file:      ${x[at] ?? '<end of file>'}\n  generated: ${y[at] ?? '<end of text>'}`;
}

describe('docs/reference.md', () => {
  it('is up to date with the code', () => {
    const generated = renderReference();
    const onDisk = fs.existsSync(REFERENCE_FILE) ? fs.readFileSync(REFERENCE_FILE, 'utf8') : '';
    if (onDisk !== generated) {
      expect.fail(`docs/reference.md differs from what the code generates; run ${REGENERATE} (npm run docs) and commit it.\n`
        + `First difference at ${firstDifference(onDisk, generated)}`);
    }
  });

  it('documents exactly the statements of the grammar', () => {
    expect(Object.keys(STATEMENT_DOCS).sort()).toEqual(statementRules().map((r) => r.rule).sort());
  });

  it('gives each statement an example of that statement', () => {
    const kinds: Record<string, readonly Statement['kind'][]> = {
      createSourceBody: ['createSource'], createTableBody: ['createTable'], createQueryBody: ['createQuery'], insertStatement: ['insert'],
      dropStatement: ['drop'], showStatement: ['show', 'showProgress'], describeStatement: ['describe'], explainStatement: ['explain'],
      triggerStatement: ['trigger'], restartStatement: ['restart'], stopStatement: ['stop'], queryStatement: ['select'],
    };
    for (const [rule, doc] of Object.entries(STATEMENT_DOCS)) {
      expect(kinds[rule] ?? [], `${rule} (add the statement kinds it parses to in this test)`).toContain(parseStatement(doc.example).kind);
    }
  });

  it('has statement examples that run, in the order they are listed', () => {
    const engine = new Engine({ defaultTrigger: 'manual' });
    try {
      for (const [rule, doc] of Object.entries(STATEMENT_DOCS)) {
        expect(() => engine.execute(doc.example), `${rule}: ${doc.example}`).not.toThrow();
      }
    } finally {
      engine.close();
    }
  });
});
