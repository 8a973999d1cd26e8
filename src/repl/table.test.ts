// Unit tests: terminal cell widths, cell escaping and aligned tables (wide, combining, NULL, control characters).

import * as arrow from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Schema } from '../../common/types.js';
import { batchFromRows } from '../../runtime/index.js';
import { cellText, displayWidth, renderResult, renderTable, truncate } from './table.js';

describe('displayWidth', () => {
  it('counts CJK and emoji as two cells, combining marks and zero-width characters as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('日本語')).toBe(6);
    expect(displayWidth('한글')).toBe(4);
    expect(displayWidth('ｈｉ')).toBe(4); // fullwidth Latin
    expect(displayWidth('🚀x')).toBe(3);
    expect(displayWidth('e\u0301')).toBe(1); // e + combining acute
    expect(displayWidth('a\u200bb')).toBe(2); // zero-width space
    expect(displayWidth('')).toBe(0);
  });
});

describe('truncate', () => {
  it('cuts to the width with an ellipsis, never splitting a wide character over the edge', () => {
    expect(truncate('abcdef', 6)).toBe('abcdef');
    expect(truncate('abcdefg', 6)).toBe('abcde…');
    expect(truncate('日本語テキスト', 6)).toBe('日本…');
    expect(displayWidth(truncate('日本語テキスト', 6))).toBeLessThanOrEqual(6);
    expect(truncate('a日本', 4)).toBe('a日…');
  });
});

describe('cellText', () => {
  it('renders NULL, numbers and timestamps as the golden files do', () => {
    expect(cellText(null, 'STRING')).toBe('NULL');
    expect(cellText(1.5, 'DOUBLE')).toBe('1.5');
    expect(cellText(2, 'DOUBLE')).toBe('2.0');
    expect(cellText(true, 'BOOLEAN')).toBe('true');
    expect(cellText(Date.UTC(2024, 0, 1, 0, 10) * 1000, 'TIMESTAMP')).toBe('2024-01-01 00:10:00');
  });

  it('escapes every control character, so a value cannot move the cursor', () => {
    expect(cellText('a\tb\nc\\d', 'STRING')).toBe('a\\tb\\nc\\\\d');
    expect(cellText('x\ry', 'STRING')).toBe('x\\ry');
    expect(cellText('\u001b[2J', 'STRING')).toBe('\\x1b[2J');
    expect(cellText('bell\u0007 del\u007f c1\u0085', 'STRING')).toBe('bell\\x07 del\\x7f c1\\x85');
  });
});

describe('renderTable', () => {
  it('aligns columns by display width, numbers to the right', () => {
    const lines = renderTable(
      [{ name: 'page', align: 'left' }, { name: 'n', align: 'right' }],
      [['日本', '1'], ['a', '1234'], ['NULL', '5']],
    );
    expect(lines).toEqual([
      ' page |    n',
      '------+------',
      ' 日本 |    1',
      ' a    | 1234',
      ' NULL |    5',
    ]);
  });

  it('cuts cells wider than the maximum', () => {
    const lines = renderTable([{ name: 'v', align: 'left' }], [['x'.repeat(30)]], 10);
    expect(lines[2]).toBe(` ${'x'.repeat(9)}…`);
    expect(lines[1]).toBe('-'.repeat(12));
  });

  it('puts every column separator at the same display column on every line', () => {
    const cell = fc.oneof(fc.string(), fc.constantFrom('日本語', '🚀', 'e\u0301', 'NULL', ''), fc.string({ unit: 'grapheme' }))
      .map((s) => cellText(s, 'STRING'));
    fc.assert(fc.property(fc.integer({ min: 1, max: 4 }).chain((n) => fc.tuple(
      fc.array(fc.constantFrom<'left' | 'right'>('left', 'right'), { minLength: n, maxLength: n }),
      fc.array(cell, { minLength: n, maxLength: n }),
      fc.array(fc.array(cell, { minLength: n, maxLength: n }), { maxLength: 5 }),
    )), ([aligns, names, rows]) => {
      const lines = renderTable(names.map((name, i) => ({ name: name === '' ? 'c' : name, align: aligns[i]! })), rows, 12);
      const bars = (line: string): number[] => {
        const at: number[] = [];
        let w = 0;
        for (const ch of line) {
          if (ch === '|' || ch === '+') at.push(w);
          w += displayWidth(ch);
        }
        return at;
      };
      // Cells cannot hold '|' here only if the data has none; count separators from the rule line instead.
      const rule = bars(lines[1]!);
      for (const line of [lines[0]!, ...lines.slice(2)]) {
        const seps = bars(line);
        for (const col of rule) expect(seps).toContain(col);
      }
    }));
  });
});

describe('renderResult', () => {
  it('sorts unordered rows as the golden format does and counts them', () => {
    const schema: Schema = [{ name: 'page', type: 'STRING', nullable: true }, { name: 'n', type: 'BIGINT', nullable: false }];
    const table = new arrow.Table([batchFromRows(schema, [['b', 2], [null, 1], ['a', 10]])]);
    expect(renderResult(table, schema, false)).toEqual([
      ' page |  n',
      '------+----',
      ' NULL |  1',
      ' a    | 10',
      ' b    |  2',
      '(3 rows)',
    ]);
    expect(renderResult(table, schema, true).slice(2, 5)).toEqual([' b    |  2', ' NULL |  1', ' a    | 10']);
  });

  it('says (1 row) and (0 rows)', () => {
    const schema: Schema = [{ name: 'x', type: 'INT', nullable: false }];
    expect(renderResult(new arrow.Table([batchFromRows(schema, [[1]])]), schema, false).at(-1)).toBe('(1 row)');
    expect(renderResult(new arrow.Table([batchFromRows(schema, [])]), schema, false)).toEqual([' x', '---', '(0 rows)']);
  });
});
