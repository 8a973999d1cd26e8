// Unit tests: the REPL session without a terminal: multi-line input, results, batch tables from output$, errors, commands.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Engine } from '../engine.js';
import { ReplOutput } from './output.js';
import { ReplSession } from './session.js';

function setup(scriptLines = false) {
  const out = new PassThrough();
  const err = new PassThrough();
  const lines: string[] = [];
  const errors: string[] = [];
  out.on('data', (d: Buffer) => lines.push(...d.toString().split('\n').slice(0, -1)));
  err.on('data', (d: Buffer) => errors.push(...d.toString().split('\n').slice(0, -1)));
  const engine = new Engine();
  const session = new ReplSession(engine, { output: new ReplOutput(out, err), scriptLines, now: () => 5_000 });
  const feed = (...input: string[]): string[] => {
    lines.length = 0;
    errors.length = 0;
    for (const l of input) session.feed(l);
    return [...lines];
  };
  return { engine, session, feed, errors, lines };
}

const SOURCE = 'CREATE SOURCE clicks (page STRING, ts TIMESTAMP);';
const QUERY = "CREATE QUERY c AS SELECT window.start AS ws, page, count(*) AS n FROM clicks GROUP BY window(ts, '10 minutes'), page WATERMARK ts 5 minutes EMIT APPEND;";

describe('ReplSession input', () => {
  it('buffers lines until a ; outside strings and comments, with a prompt saying what is open', () => {
    const s = setup();
    expect(s.session.prompt()).toBe('tidemark> ');
    expect(s.session.feed("SELECT 'a;")).toBe('more');
    expect(s.session.prompt()).toBe("     ...'> ");
    expect(s.session.feed("b' AS x -- not the end;")).toBe('more');
    expect(s.session.prompt()).toBe('     ...> ');
    expect(s.lines).toEqual([]);
    expect(s.session.feed(';')).toBe('done');
    expect(s.lines).toEqual([' x', '-------', ' a;\\nb', '(1 row)']);
    expect(s.session.pending).toBe(false);
  });

  it('runs every statement a line completes and keeps the unfinished rest', () => {
    const s = setup();
    expect(s.feed('SELECT 1 AS a; SELECT 2', ' AS b;')).toEqual([' a', '---', ' 1', '(1 row)', ' b', '---', ' 2', '(1 row)']);
  });

  it('ignores blank lines and comment-only lines at the prompt', () => {
    const s = setup();
    expect(s.session.feed('')).toBe('done');
    expect(s.session.feed('-- a note')).toBe('done');
    expect(s.session.pending).toBe(false);
  });

  it('drops buffered input on clear (Ctrl-C)', () => {
    const s = setup();
    s.session.feed('SELECT');
    s.session.clear();
    expect(s.session.pending).toBe(false);
    expect(s.feed('SELECT 3 AS c;')).toEqual([' c', '---', ' 3', '(1 row)']);
  });

  it('runs an unterminated last statement at the end of a script', () => {
    const s = setup(true);
    s.session.feed('SELECT 4 AS d');
    s.session.finish();
    expect(s.lines).toEqual([' d', '---', ' 4', '(1 row)']);
  });
});

describe('ReplSession output', () => {
  it('prints DDL as OK, a started query with its schema, and TRIGGER batches as tables headed by query, batch and watermark', () => {
    const s = setup();
    expect(s.feed(SOURCE)).toEqual(['OK']);
    expect(s.feed(QUERY)).toEqual(['Query c started (APPEND): ws TIMESTAMP, page STRING, n BIGINT']);
    s.feed("INSERT INTO clicks VALUES ('a', '2024-01-01 00:01:00'), ('b', '2024-01-01 00:02:00'), ('a', '2024-01-01 00:16:00');");
    expect(s.feed('TRIGGER;')).toEqual([
      'Query c, batch 0, watermark none: (0 rows)',
      'Query c, batch 1, watermark 2024-01-01 00:11:00',
      ' ws                  | page | n',
      '---------------------+------+---',
      ' 2024-01-01 00:00:00 | a    | 1',
      ' 2024-01-01 00:00:00 | b    | 1',
      '(2 rows)',
      'OK (2 batches)',
    ]);
    expect(s.feed('TRIGGER;')).toEqual(['OK (no new input)']);
  });

  it('a TRIGGER whose batch fails prints the error, and no OK (there was input)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-repl-'));
    fs.writeFileSync(path.join(dir, '1.jsonl'), '{"k":"x","n":1}\n{"k":"y","n":"zz"}\n');
    const s = setup();
    s.feed(`CREATE SOURCE f (k STRING, n BIGINT) WITH (connector = 'files', path = '${dir}', format = 'jsonl');`, 'CREATE QUERY q AS SELECT * FROM f;');
    expect(s.feed('TRIGGER;')).toEqual([]);
    expect(s.errors.join('\n')).toContain('INVALID_INPUT');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints batches a query emits outside any statement, through its output$ subscription', () => {
    const s = setup();
    s.feed(SOURCE, QUERY, "INSERT INTO clicks VALUES ('z', '2024-01-01 00:30:00');");
    s.lines.length = 0;
    // As a processing-time trigger would: the query runs on its own, not through TRIGGER.
    s.engine.query('c')!.processAllAvailable();
    expect(s.lines).toEqual(['Query c, batch 0, watermark none: (0 rows)', 'Query c, batch 1, watermark 2024-01-01 00:25:00: (0 rows)']);
  });

  it('prints EXPLAIN as plain lines, SHOW and DESCRIBE as tables', () => {
    const s = setup();
    s.feed(SOURCE);
    expect(s.feed('EXPLAIN SELECT * FROM clicks;')[0]).toMatch(/^StreamingQuery/);
    expect(s.feed('SHOW SOURCES;')).toEqual([' name', '--------', ' clicks', '(1 row)']);
    expect(s.feed('DESCRIBE clicks;')).toEqual([
      ' column | type      | nullable', '--------+-----------+----------', ' page   | STRING    | true', ' ts     | TIMESTAMP | true', '(2 rows)',
    ]);
  });

  it('shows errors with the statement line and a caret, counting lines within the input', () => {
    const s = setup();
    s.feed(SOURCE);
    s.feed('SELECT page', '  FROM clicks WHERE pag = 1;');
    expect(s.errors).toEqual([
      "ERROR UNRESOLVED_COLUMN: Column 'pag' does not exist. Available columns: clicks.page, clicks.ts.",
      'LINE 2:   FROM clicks WHERE pag = 1;',
      '                            ^',
    ]);
    expect(s.session.failures).toBe(1);
  });

  it('counts lines from the start of the script in script mode, columns from the line start after a ;', () => {
    const s = setup(true);
    s.feed(SOURCE, '', 'SELECT 1; SELECT nope', 'FROM clicks;');
    expect(s.errors).toEqual([
      "ERROR UNRESOLVED_COLUMN: Column 'nope' does not exist. Available columns: clicks.page, clicks.ts.",
      'LINE 3: SELECT 1; SELECT nope',
      '                         ^',
    ]);
  });

  it('counts failed statements, not successful ones', () => {
    const s = setup();
    s.feed(SOURCE, QUERY);
    s.engine.query('c')!.stop();
    s.feed('RESTART c;');
    expect(s.session.failures).toBe(0);
    s.feed('SELECT * FROM nope;');
    expect(s.session.failures).toBe(1);
    expect(s.errors[0]).toMatch(/^ERROR UNRESOLVED_RELATION: Relation 'nope' does not exist\./);
    expect(s.errors.slice(1)).toEqual(['LINE 1: SELECT * FROM nope;', '                      ^']);
  });
});

describe('ReplSession commands', () => {
  it('runs \\d, \\timing, \\status, \\help and \\q', () => {
    const s = setup();
    s.feed(SOURCE);
    expect(s.feed('\\d')[0]).toBe(' name   | kind          | columns');
    expect(s.feed('\\d clicks')[0]).toBe('clicks: memory source');
    expect(s.feed('\\timing')).toEqual(['Timing is on.']);
    expect(s.feed('SELECT 1 AS a;').at(-1)).toMatch(/^Time: \d+\.\d{3} ms$/);
    expect(s.feed('\\timing off')).toEqual(['Timing is off.']);
    expect(s.feed('\\status')).toEqual(['Live status is on.', 'status: no queries']);
    expect(s.session.liveStatus).toBe(true);
    expect(s.feed('\\help')[0]).toBe('Statements end with ; and may span several lines. Commands:');
    expect(s.session.feed('\\q')).toBe('quit');
  });

  it('fails an unknown command or relation without stopping', () => {
    const s = setup();
    expect(s.session.feed('\\nope')).toBe('done');
    expect(s.errors).toEqual(['ERROR INVALID_INPUT: Unknown command \\nope. \\help lists the commands.']);
    s.feed('\\d missing');
    expect(s.errors[0]).toMatch(/^ERROR UNRESOLVED_RELATION: Relation 'missing' does not exist/);
    expect(s.session.failures).toBe(2);
  });

  it('takes a line starting with \\ inside a statement as part of the statement', () => {
    const s = setup();
    expect(s.session.feed('SELECT')).toBe('more');
    expect(s.session.feed('\\d')).toBe('more');
  });

  it('builds the status line from the queries\' last progress', () => {
    const s = setup();
    s.feed(SOURCE, QUERY, "INSERT INTO clicks VALUES ('a', '2024-01-01 00:01:00');", 'TRIGGER;');
    // The last batch is the no-data one that the advanced watermark runs.
    expect(s.session.statusText()).toMatch(/^status: c RUNNING · batch 1 · 0 rows in · [\d,]+ rows\/s · watermark 2023-12-31 23:56:00 · state 1 rows · 0s ago$/);
  });
});

describe('ReplSession and queries that run by themselves', () => {
  it('reports a query its trigger failed, when it happens', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-repl-'));
    fs.writeFileSync(path.join(dir, 'a.jsonl'), '{"n": 1}\n{"n": \n');
    const s = setup();
    s.feed(`CREATE SOURCE f (n BIGINT) WITH (connector = 'files', path = '${dir}', format = 'jsonl');`,
      "CREATE QUERY q WITH (trigger = 'continuous') AS SELECT n FROM f;");
    const deadline = Date.now() + 10_000;
    while (!s.errors.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(s.errors[0]).toMatch(/^Query q failed: ERROR INVALID_INPUT: .*a\.jsonl.*line 2/);
    expect(s.errors[1]).toBe('Its committed batches are kept; fix the cause and RESTART q to resume from the last one.');
    s.engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
