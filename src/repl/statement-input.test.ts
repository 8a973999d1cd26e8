// Unit tests: when typed input ends a statement, and how buffered input splits into what runs and what waits.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../grammar/index.js';
import { currentStatement, isBlank, scanInput, takeComplete } from './statement-input.js';

describe('scanInput', () => {
  it('finds the last ; outside strings, quoted names and comments', () => {
    expect(scanInput('SELECT 1;').lastEnd).toBe(9);
    expect(scanInput('SELECT 1; SELECT 2').lastEnd).toBe(9);
    expect(scanInput("SELECT 'a;'")).toEqual({ lastEnd: -1, open: undefined });
    expect(scanInput("SELECT 'it''s;' ;").lastEnd).toBe(17);
    expect(scanInput("SELECT 'it\\'s;'").lastEnd).toBe(-1);
    expect(scanInput('SELECT "a;b" FROM t').lastEnd).toBe(-1);
    // As the script splitter cuts and the lexer reads: `c;d` is one name.
    expect(scanInput('SELECT `c;d`').lastEnd).toBe(-1);
    expect(scanInput('SELECT `c``;d`;').lastEnd).toBe(15);
    expect(scanInput('SELECT 1 /* ; */').lastEnd).toBe(-1);
    expect(scanInput('SELECT 1 -- done;\n').lastEnd).toBe(-1);
    expect(scanInput('SELECT 1; -- done;\n').lastEnd).toBe(9);
  });

  it('says what the input ends inside of', () => {
    expect(scanInput("SELECT 'abc;").open).toBe('string');
    expect(scanInput('SELECT "ab;').open).toBe('quoted name');
    expect(scanInput('SELECT `ab;').open).toBe('backticked name');
    expect(scanInput('SELECT 1 -- x;').open).toBe('line comment');
    expect(scanInput('SELECT 1 /* x;').open).toBe('block comment');
    expect(scanInput('SELECT 1 -- x;\n').open).toBe(undefined);
  });
});

describe('takeComplete', () => {
  it('runs up to the last ; and keeps the rest, dropping a rest of blanks and comments', () => {
    expect(takeComplete('SELECT 1;\n')).toEqual({ ready: 'SELECT 1;', rest: '' });
    expect(takeComplete('SELECT 1; SELECT\n')).toEqual({ ready: 'SELECT 1;', rest: ' SELECT\n' });
    expect(takeComplete('SELECT 1; -- one\n')).toEqual({ ready: 'SELECT 1;', rest: '' });
    expect(takeComplete('SELECT\n')).toEqual({ ready: '', rest: 'SELECT\n' });
    expect(takeComplete('SELECT 1; /* open')).toEqual({ ready: 'SELECT 1;', rest: ' /* open' });
  });

  it('splits into the same statements as the script splitter, whatever the text', () => {
    const fragment = fc.constantFrom('SELECT', ' ', '\n', ';', "'a;b'", "'it''s'", "'x\\'y'", '"q;n"', '`b;t`', '`open', '-- c;\n', '/* c; */', 'x', "'open", '/* open', '-- end');
    fc.assert(fc.property(fc.array(fragment, { maxLength: 12 }), (parts) => {
      const text = parts.join('');
      const { ready, rest } = takeComplete(text);
      const texts = (s: string): string[] => splitStatements(s).map((p) => p.text);
      expect([...texts(ready), ...texts(rest)]).toEqual(texts(text));
      expect(scanInput(rest).lastEnd).toBe(-1);
    }));
  });
});

describe('currentStatement and isBlank', () => {
  it('takes the text after the last ;', () => {
    expect(currentStatement('SELECT 1; SELECT a FR')).toBe(' SELECT a FR');
    expect(currentStatement("SELECT ';' FR")).toBe("SELECT ';' FR");
  });

  it('treats blanks, ; and closed comments as blank', () => {
    expect(isBlank('  ;; -- x\n /* y */ ')).toBe(true);
    expect(isBlank('x')).toBe(false);
  });
});
