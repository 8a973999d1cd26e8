// Unit tests: the history file (where it lives, what one entry holds, that it survives a restart).

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { History, HISTORY_SIZE, historyEntries, historyFile } from './history.js';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-history-'));

describe('historyFile', () => {
  it('is $TIDEMARK_HISTORY when set, none when it is empty, else ~/.tidemark_history', () => {
    expect(historyFile({ TIDEMARK_HISTORY: '/x/h' })).toBe('/x/h');
    expect(historyFile({ TIDEMARK_HISTORY: '' })).toBeUndefined();
    expect(historyFile({})).toBe(path.join(os.homedir(), '.tidemark_history'));
  });
});

describe('historyEntries', () => {
  it('joins the lines of a statement into one entry', () => {
    expect(historyEntries(['SELECT page', '  FROM clicks;'])).toEqual(['SELECT page FROM clicks;']);
    expect(historyEntries(['', 'TRIGGER;', '  '])).toEqual(['TRIGGER;']);
    expect(historyEntries([])).toEqual([]);
  });

  it('keeps lines apart when joining would change the statement (a -- comment, a string across lines)', () => {
    expect(historyEntries(['SELECT a -- the a', 'FROM t;'])).toEqual(['FROM t;', 'SELECT a -- the a']);
    expect(historyEntries(["SELECT 'two", "lines';"])).toEqual(["lines';", "SELECT 'two"]);
  });
});

describe('History', () => {
  it('saves every input and loads it back newest first, without duplicates', () => {
    const file = path.join(tmp(), 'h');
    const h = new History(file, () => undefined);
    h.add(['SELECT 1;']);
    h.add(['SELECT', '2;']);
    h.add(['SELECT 1;']);
    expect(h.entries).toEqual(['SELECT 1;', 'SELECT 2;']);
    expect(fs.readFileSync(file, 'utf8')).toBe('SELECT 2;\nSELECT 1;\n');
    expect(new History(file, () => undefined).entries).toEqual(['SELECT 1;', 'SELECT 2;']);
  });

  it('keeps the newest entries up to the limit', () => {
    const file = path.join(tmp(), 'h');
    const h = new History(file, () => undefined);
    for (let i = 0; i < HISTORY_SIZE + 5; i++) h.add([`SELECT ${i};`]);
    const loaded = new History(file, () => undefined).entries;
    expect(loaded.length).toBe(HISTORY_SIZE);
    expect(loaded[0]).toBe(`SELECT ${HISTORY_SIZE + 4};`);
  });

  it('warns once and goes on without a file when it cannot write', () => {
    const warnings: string[] = [];
    const h = new History(path.join(tmp(), 'missing-dir', 'h'), (m) => warnings.push(m));
    h.add(['SELECT 1;']);
    h.add(['SELECT 2;']);
    expect(h.entries).toEqual(['SELECT 2;', 'SELECT 1;']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/history is kept for this session only/);
  });

  it('keeps nothing on disk without a file', () => {
    const h = new History(undefined, () => undefined);
    h.add(['SELECT 1;']);
    expect(h.entries).toEqual(['SELECT 1;']);
  });
});
