// The REPL as a user meets it: `tidemark` in a real terminal (tmux), keys in, screen out; and piped stdin as a script.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli, Terminal, tmuxAvailable } from './repl/tmux.test-support.js';

const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-repl-cli-'));
let node: string[] = [];
const open: Terminal[] = [];
const homes: string[] = [];

beforeAll(async () => {
  if (!tmuxAvailable()) throw new Error('These tests drive the REPL through tmux: install it (apt-get install tmux); .ci/run does.');
  node = await bundleCli(bundleDir);
});
afterEach(() => {
  for (const t of open.splice(0)) t.close();
});
afterAll(() => {
  for (const d of [bundleDir, ...homes]) fs.rmSync(d, { recursive: true, force: true });
});

function newHome(): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-home-'));
  homes.push(home);
  return home;
}

/** Starts `tidemark` (no arguments) in a fresh terminal and waits for its first prompt. */
async function repl(home = newHome(), width = 100, args: string[] = []): Promise<Terminal> {
  const t = new Terminal({ node, home, width, args });
  open.push(t);
  await t.waitFor(/^tidemark>/m, 20_000);
  return t;
}

/** Types a line and presses Enter. */
function enter(t: Terminal, line: string): void {
  t.type(line);
  t.press('Enter');
}

const SOURCE = 'CREATE SOURCE clicks (page STRING, ts TIMESTAMP);';
const QUERY = "CREATE QUERY c AS SELECT window.start AS ws, page, count(*) AS n FROM clicks GROUP BY window(ts, '10 minutes'), page WATERMARK ts 5 minutes EMIT APPEND;";
/** The same query on a processing-time trigger: its batches arrive while the user types. */
const TIMED_QUERY = QUERY.replace('CREATE QUERY c AS', "CREATE QUERY c WITH (trigger = '1 second') AS");

describe('tidemark on a terminal', () => {
  it('reads a statement over several lines, prints results as aligned tables, and shows errors with a caret', async () => {
    const t = await repl();
    enter(t, 'CREATE TABLE clicks (');
    await t.waitFor('     ...>');
    enter(t, '  page STRING, ts TIMESTAMP');
    enter(t, ');');
    await t.waitFor(/^OK$/m);
    enter(t, "INSERT INTO clicks VALUES ('日本', '2024-01-01 00:00:00'), (NULL, '2024-01-01 00:00:01');");
    enter(t, 'SELECT page, length(page) AS len FROM clicks;');
    const s = await t.waitFor('(2 rows)');
    expect(s).toContain([
      ' page |  len',
      '------+------',
      ' NULL | NULL',
      ' 日本 |    2',
      '(2 rows)',
    ].join('\n'));
    enter(t, 'SELECT page');
    enter(t, '  FROM clicks WHERE pag = 1;');
    const e = await t.waitFor('^');
    expect(e).toContain([
      "ERROR UNRESOLVED_COLUMN: Column 'pag' does not exist. Available columns: clicks.page, clicks.ts.",
      'LINE 2:   FROM clicks WHERE pag = 1;',
      '                            ^',
    ].join('\n'));
    enter(t, '\\d clicks');
    expect(await t.waitFor('clicks: table')).toContain([
      'clicks: table',
      ' column | type      | nullable',
      '--------+-----------+----------',
      ' page   | STRING    | true',
      ' ts     | TIMESTAMP | true',
    ].join('\n'));
    enter(t, '\\timing');
    enter(t, 'SHOW TABLES;');
    await t.waitFor(/^Time: \d+\.\d{3} ms$/m);
    t.press('C-d');
    expect(await t.exitStatus()).toBe(0);
  });

  it('prints the batches a query runs by itself above the prompt, keeping a half-typed line; Ctrl-D keeps what was committed', async () => {
    const checkpoints = newHome();
    const t = await repl(newHome(), 100, ['--checkpoint-root', checkpoints]);
    enter(t, SOURCE);
    enter(t, TIMED_QUERY);
    await t.waitFor('Query c started (APPEND): ws TIMESTAMP, page STRING, n BIGINT');
    enter(t, "INSERT INTO clicks VALUES ('a', '2024-01-01 00:01:00'), ('b', '2024-01-01 00:02:00'), ('a', '2024-01-01 00:16:00');");
    // Typed before the trigger's next tick: the batches must go above it, not into it. The wait is for the redrawn
    // line under the batches (the screen can be read between the table and the redraw).
    t.type("SELECT 'half' AS");
    expect(await t.waitFor("(2 rows)\ntidemark> SELECT 'half' AS")).toContain([
      'Query c, batch 0, watermark none: (0 rows)',
      'Query c, batch 1, watermark 2024-01-01 00:11:00',
      ' ws                  | page | n',
      '---------------------+------+---',
      ' 2024-01-01 00:00:00 | a    | 1',
      ' 2024-01-01 00:00:00 | b    | 1',
      '(2 rows)',
      "tidemark> SELECT 'half' AS",
    ].join('\n'));
    expect(t.cursorLine()).toBe("tidemark> SELECT 'half' AS");
    t.type(' z;');
    t.press('Enter');
    expect(await t.waitFor(' z\n------\n half\n(1 row)')).toBeTruthy();
    // TRIGGER runs queries at once, whatever their trigger: nothing is left for it here.
    enter(t, 'TRIGGER;');
    await t.waitFor('OK (no new input)');
    t.press('C-d');
    expect(await t.exitStatus()).toBe(0);
    // The next process resumes the query from its checkpoint, result table included.
    const again = await runPiped(['--checkpoint-root', checkpoints], `${SOURCE}\n${TIMED_QUERY}\nSELECT * FROM c;\n`);
    expect(again.stdout).toContain([' ws                  | page | n', '---------------------+------+---',
      ' 2024-01-01 00:00:00 | a    | 1', ' 2024-01-01 00:00:00 | b    | 1', '(2 rows)'].join('\n'));
    expect(again.code).toBe(0);
  });

  it('prints each batch TRIGGER runs as a table headed by query, batch id and watermark (a manual query)', async () => {
    const t = await repl(newHome(), 100);
    enter(t, SOURCE);
    enter(t, QUERY.replace('CREATE QUERY c AS', "CREATE QUERY c WITH (trigger = 'manual') AS"));
    await t.waitFor('Query c started (APPEND): ws TIMESTAMP, page STRING, n BIGINT');
    enter(t, "INSERT INTO clicks VALUES ('a', '2024-01-01 00:01:00'), ('a', '2024-01-01 00:16:00');");
    enter(t, 'TRIGGER;');
    expect(await t.waitFor('OK (2 batches)')).toContain([
      'Query c, batch 0, watermark none: (0 rows)',
      'Query c, batch 1, watermark 2024-01-01 00:11:00',
      ' ws                  | page | n',
      '---------------------+------+---',
      ' 2024-01-01 00:00:00 | a    | 1',
      '(1 row)',
      'OK (2 batches)',
    ].join('\n'));
    t.press('C-d');
    expect(await t.exitStatus()).toBe(0);
  });

  it('completes keywords, source names and columns with Tab', async () => {
    const t = await repl();
    enter(t, SOURCE);
    await t.waitFor(/^OK$/m);
    t.type('SEL');
    t.press('Tab');
    // A unique keyword comes with its space (the screen does not show trailing blanks; the cursor does).
    await t.waitFor(/^tidemark> SELECT$/m);
    expect(t.cursorLine()).toBe('tidemark> SELECT ');
    t.type('* FROM cl');
    t.press('Tab');
    await t.waitFor(/^tidemark> SELECT \* FROM clicks$/m);
    t.type(' WHERE pa');
    t.press('Tab');
    await t.waitFor(/^tidemark> SELECT \* FROM clicks WHERE page$/m);
    t.press('C-u');
    // Several candidates: a second Tab lists them and keeps the line.
    t.type('CREATE ');
    t.press('Tab');
    // readline completes only on the last key of one read, so the second Tab must arrive in a read of its own.
    await new Promise((r) => setTimeout(r, 300));
    t.press('Tab');
    await t.waitFor(/QUERY\s+SOURCE\s+TABLE/);
    expect(t.cursorLine()).toBe('tidemark> CREATE ');
  });

  it('keeps history across sessions: Up recalls a whole multi-line statement', async () => {
    const home = newHome();
    const first = await repl(home);
    enter(first, 'SELECT 1 AS a,');
    enter(first, '  2 AS b;');
    await first.waitFor('(1 row)');
    first.press('C-d');
    expect(await first.exitStatus()).toBe(0);
    expect(fs.readFileSync(path.join(home, '.tidemark_history'), 'utf8')).toBe('SELECT 1 AS a, 2 AS b;\n');

    const second = await repl(home);
    second.press('Up');
    await second.waitFor(/^tidemark> SELECT 1 AS a, 2 AS b;$/m);
    second.press('Enter');
    expect(await second.waitFor('(1 row)')).toContain([' a | b', '---+---', ' 1 | 2', '(1 row)'].join('\n'));
  });

  it('Ctrl-C clears a half-typed line and a buffered statement; twice at an empty prompt it exits 0', async () => {
    const t = await repl();
    t.type('SELECT garbage here');
    t.press('C-c');
    await t.waitFor(/^tidemark> SELECT garbage here\^C\ntidemark>$/m);
    enter(t, 'SELECT 1 AS x');
    await t.waitFor('     ...>');
    t.press('C-c');
    enter(t, 'SELECT 2 AS y;');
    const s = await t.waitFor('(1 row)');
    expect(s).toContain(' y\n---\n 2\n(1 row)');
    expect(s).not.toContain('ERROR');
    t.press('C-c');
    await t.waitFor('(press Ctrl-C again or Ctrl-D to exit)');
    t.press('C-c');
    expect(await t.exitStatus()).toBe(0);
  });

  it('\\q quits with status 0', async () => {
    const t = await repl();
    enter(t, '\\q');
    expect(await t.exitStatus()).toBe(0);
  });

  it('refreshes the live status line above the prompt without disturbing what is being typed', async () => {
    const t = await repl(newHome(), 160);
    enter(t, SOURCE);
    enter(t, "CREATE QUERY c WITH (trigger = 'manual') AS SELECT page, count(*) AS n FROM clicks GROUP BY page EMIT UPDATE;");
    enter(t, "INSERT INTO clicks VALUES ('a', '2024-01-01 00:00:00');");
    enter(t, 'TRIGGER;');
    await t.waitFor('OK (1 batch)');
    enter(t, '\\status');
    const age = (screen: string): number => Number(/· (\d+)s ago$/m.exec(screen)?.[1] ?? -1);
    const first = age(await t.waitFor(/^status: c RUNNING · batch 0 · 1 rows in · [\d,]+ rows\/s · watermark none · state 1 rows · \d+s ago$/m));
    t.type("SELECT 'half' AS");
    // The status line says how long ago the last batch ran, so the timer rewrites it in place every second.
    const s = await t.waitFor((screen) => age(screen) >= first + 2, 10_000);
    expect(s.match(/^status: /gm)).toHaveLength(1);
    expect(s.split('\n').slice(-2)).toEqual([expect.stringMatching(/^status: c RUNNING .* \d+s ago$/), "tidemark> SELECT 'half' AS"]);
    expect(t.cursorLine()).toBe("tidemark> SELECT 'half' AS");
    // What was typed is still the input, not just on the screen.
    t.type(' z;');
    t.press('Enter');
    expect(await t.waitFor('(1 row)')).toContain(' z\n------\n half\n(1 row)');
  });
});

function runPiped(args: string[], input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...node, ...args], { env: { ...process.env, HOME: newHome() } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  child.stdin.end(input);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('tidemark with stdin not a terminal', () => {
  it('runs stdin as a script without prompts, errors on stderr, and exits 1 when a statement failed', async () => {
    const r = await runPiped([], `${SOURCE}\nSELECT nope\n  FROM clicks;\nSELECT 1 AS one;\n`);
    expect(r.stdout).toBe(['OK', ' one', '-----', '   1', '(1 row)', ''].join('\n'));
    expect(r.stderr).toBe([
      "ERROR UNRESOLVED_COLUMN: Column 'nope' does not exist. Available columns: clicks.page, clicks.ts.",
      'LINE 2: SELECT nope',
      '               ^',
      '',
    ].join('\n'));
    expect(r.code).toBe(1);
  });

  it('exits 0 when every statement succeeded, and `tidemark repl` does the same', async () => {
    const r = await runPiped(['repl'], `${SOURCE}\nSHOW SOURCES;\n\\q\nSELECT nope;\n`);
    expect(r).toEqual({ code: 0, stdout: ['OK', ' name', '--------', ' clicks', '(1 row)', ''].join('\n'), stderr: '' });
  });
});
