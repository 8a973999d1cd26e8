// Unit tests: errors with the offending line and a caret under the position.

import { describe, expect, it } from 'vitest';
import { TidemarkError } from '../../common/errors.js';
import { Engine } from '../engine.js';
import { caretLines, renderError } from './error-display.js';

describe('caretLines', () => {
  it('puts the caret under the column, after the LINE label', () => {
    expect(caretLines('SELECT a FORM t', 2, 10)).toEqual(['LINE 2: SELECT a FORM t', '                 ^']);
  });

  it('counts a tab as one column and shows it as a space', () => {
    expect(caretLines('\tSELECT x', 1, 9)).toEqual(['LINE 1:  SELECT x', '                ^']);
  });

  it('pads by display width when wide characters come before the column', () => {
    const [line, caret] = caretLines("SELECT '日本' + x", 1, 16);
    expect(line).toBe("LINE 1: SELECT '日本' + x");
    expect(caret).toBe(' '.repeat(8 + 17) + '^');
  });

  it('puts a caret after the last character for a position at the end of the line', () => {
    expect(caretLines('SELECT', 1, 7)[1]).toBe(' '.repeat(14) + '^');
  });

  it('shows a window of a long line around the caret', () => {
    const text = `SELECT ${'a, '.repeat(100)}bad FROM t WHERE ${'x AND '.repeat(40)}y`;
    const col = text.indexOf('bad') + 1;
    const [line, caret] = caretLines(text, 1, col, 80);
    expect(line!.length).toBeLessThanOrEqual(80);
    expect(line!.startsWith('LINE 1: ...')).toBe(true);
    expect(line!.endsWith('...')).toBe(true);
    expect(line!.slice(caret!.length - 1, caret!.length + 2)).toBe('bad');
  });
});

describe('renderError', () => {
  it('shows code and message without the position suffix, then the line and caret', () => {
    const e = new TidemarkError('UNRESOLVED_COLUMN', "Column 'pag' does not exist.", { line: 12, column: 9 });
    expect(renderError(e, { text: 'SELECT page FROM clicks\n  WHERE pag = 1', firstLine: 11 })).toEqual([
      "ERROR UNRESOLVED_COLUMN: Column 'pag' does not exist.",
      'LINE 12:   WHERE pag = 1',
      '                 ^',
    ]);
  });

  it('keeps the message with its position when the line is not in the source, or there is no source', () => {
    const e = new TidemarkError('PARSE_ERROR', 'Syntax error', { line: 5, column: 2 });
    expect(renderError(e, { text: 'SELECT 1', firstLine: 1 })).toEqual(['ERROR PARSE_ERROR: Syntax error (line 5, column 2)']);
    expect(renderError(e)).toEqual(['ERROR PARSE_ERROR: Syntax error (line 5, column 2)']);
    expect(renderError(new TidemarkError('INVALID_INPUT', 'Bad.'))).toEqual(['ERROR INVALID_INPUT: Bad.']);
  });

  it('points at what the engine reports for a real parse error', () => {
    const engine = new Engine();
    const sql = 'SELECT a\nFORM t';
    let err: TidemarkError | undefined;
    try {
      engine.execute(sql);
    } catch (e) {
      err = e as TidemarkError;
    }
    expect(err?.detail).toBe(err?.message.replace(/ \(line \d+, column \d+\)$/, ''));
    const lines = renderError(err!, { text: sql, firstLine: 1 });
    expect(lines[0]).toMatch(/^ERROR PARSE_ERROR: Syntax error at 'FORM'/);
    expect(lines.slice(1)).toEqual(['LINE 2: FORM t', '        ^']);
    engine.close();
  });
});
