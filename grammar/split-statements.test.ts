// Unit tests: splitting scripts into statements, and parseScript on top of it.

import { describe, expect, it } from 'vitest';
import { parseScript, splitStatements } from './index.js';

describe('splitStatements', () => {
  it('splits on semicolons and trims, with the position of each first character', () => {
    expect(splitStatements('SELECT 1;\n  SELECT 2 ;\nTRIGGER')).toEqual([
      { text: 'SELECT 1', start: 0, line: 1, column: 1 },
      { text: 'SELECT 2', start: 12, line: 2, column: 3 },
      { text: 'TRIGGER', start: 23, line: 3, column: 1 },
    ]);
  });

  it('ignores semicolons in strings, quoted identifiers and comments', () => {
    const script = `INSERT INTO t VALUES ('a;b', 'it''s;', 'it\\'s;');
SELECT "x;y" FROM t -- a comment; still a comment
WHERE a = 1 /* block ; comment */;`;
    expect(splitStatements(script).map((p) => p.text)).toEqual([
      "INSERT INTO t VALUES ('a;b', 'it''s;', 'it\\'s;')",
      'SELECT "x;y" FROM t -- a comment; still a comment\nWHERE a = 1 /* block ; comment */',
    ]);
  });

  it('drops leading comment lines, blank lines and comment-only pieces', () => {
    const script = '-- header\n\n-- about q\nCREATE QUERY q AS\n  -- inner comment\n  SELECT 1;\n-- trailing\n;\n  /* only */ ;';
    expect(splitStatements(script)).toEqual([
      { text: 'CREATE QUERY q AS\n  -- inner comment\n  SELECT 1', start: 22, line: 4, column: 1 },
    ]);
  });

  it('skips leading block comments too', () => {
    expect(splitStatements('/* a */ /* b */\n  SELECT 1')).toEqual([{ text: 'SELECT 1', start: 18, line: 2, column: 3 }]);
  });

  it('ignores semicolons in backticked names; an unclosed backtick quotes nothing, so its statement ends at the next semicolon', () => {
    expect(splitStatements('SELECT `a;b` FROM t; SELECT 2').map((p) => p.text)).toEqual(['SELECT `a;b` FROM t', 'SELECT 2']);
    expect(splitStatements('SELECT `a``;` FROM t;').map((p) => p.text)).toEqual(['SELECT `a``;` FROM t']);
    expect(splitStatements('SELECT `open FROM t;\nSELECT 2;').map((p) => p.text)).toEqual(['SELECT `open FROM t', 'SELECT 2']);
  });

  it('keeps an unterminated comment for the parser to report; an unterminated string or name ends at the next semicolon', () => {
    expect(splitStatements('SELECT 1; /* open').map((p) => p.text)).toEqual(['SELECT 1', '/* open']);
    expect(splitStatements("SELECT 'a; b").map((p) => p.text)).toEqual(["SELECT 'a", 'b']);
    expect(splitStatements('SELECT "a;\nSELECT 2;').map((p) => p.text)).toEqual(['SELECT "a', 'SELECT 2']);
    // A quote closes at the next one of its kind, wherever that is.
    expect(splitStatements("SELECT 'a;\nSELECT 'b';").map((p) => p.text)).toEqual(["SELECT 'a;\nSELECT 'b'"]);
  });

  it('counts \\r\\n and \\r as line breaks', () => {
    expect(splitStatements('SELECT 1;\r\nSELECT 2;\rSELECT 3').map((p) => [p.line, p.column])).toEqual([[1, 1], [2, 1], [3, 1]]);
  });

  it('returns nothing for blank or comment-only scripts', () => {
    expect(splitStatements('')).toEqual([]);
    expect(splitStatements('  \n -- x\n;;  ; /* y */')).toEqual([]);
  });

  it('handles the golden-file example', () => {
    const script = `CREATE SOURCE clicks (page STRING, ts TIMESTAMP);
CREATE QUERY c AS
  SELECT window.start AS ws, page, count(*) AS n
  FROM clicks
  GROUP BY window(ts, '10 minutes'), page
  WATERMARK ts 5 minutes
  EMIT APPEND;
INSERT INTO clicks VALUES ('a', TIMESTAMP '2024-01-01 00:01:00'), ('a', TIMESTAMP '2024-01-01 00:16:00');
TRIGGER;
`;
    const pieces = splitStatements(script);
    expect(pieces.map((p) => p.line)).toEqual([1, 2, 8, 9]);
    expect(pieces[1]?.text).toBe(script.split(';')[1]?.trim());
    expect(parseScript(script).map((s) => s.kind)).toEqual(['createSource', 'createQuery', 'insert', 'trigger']);
  });
});

describe('parseScript', () => {
  it('parses statements with script-relative spans', () => {
    const [first, second] = parseScript('SELECT 1;\n\n   DESCRIBE t;');
    expect(first?.span).toEqual({ line: 1, column: 1, start: 0, end: 8 });
    expect(second?.span).toEqual({ line: 3, column: 4, start: 0, end: 10 });
  });
});
