// Unit tests: Tab completion of keywords in context, functions, relations, columns and meta-commands.

import { describe, expect, it } from 'vitest';
import { complete, FUNCTION_NAMES, type CompletionContext } from './completer.js';

const ctx: CompletionContext = {
  relations: [
    { name: 'clicks', columns: ['page', 'ts', 'user_id'] },
    { name: 'users', columns: ['id', 'name'] },
    { name: 'counts', columns: ['ws', 'page', 'n'] },
    { name: 'My Table', columns: ['x'] },
  ],
};
const c = (input: string): readonly string[] => complete(input, ctx).candidates;

describe('complete: keywords', () => {
  it('offers the statements at the start, as typed: upper, lower, or a unique one with its space', () => {
    expect(c('')).toEqual(['CREATE', 'DESCRIBE', 'DROP', 'EXPLAIN', 'INSERT', 'RESTART', 'SELECT', 'SHOW', 'STOP', 'TRIGGER']);
    expect(complete('SEL', ctx)).toEqual({ candidates: ['SELECT '], word: 'SEL' });
    expect(c('sel')).toEqual(['select ']);
    expect(c('Sel')).toEqual(['Select ']);
    expect(c('  d')).toEqual(['describe', 'drop']);
  });

  it('offers only what the grammar accepts next', () => {
    expect(c('CREATE ')).toEqual(['QUERY', 'SOURCE', 'TABLE']);
    expect(c('SHOW Q')).toEqual(['QUERIES ']);
    expect(c('SHOW P')).toEqual(['PROGRESS ']);
    expect(c('SELECT page FROM clicks W')).toEqual(['WATERMARK', 'WHERE']);
    expect(c('SELECT page FROM clicks GROUP BY page E')).toEqual(['EMIT ']);
    expect(c('SELECT page FROM clicks EMIT ')).toEqual(['APPEND', 'COMPLETE', 'UPDATE']);
  });

  it('reads the context across the lines of a multi-line statement, after earlier statements', () => {
    expect(c('SELECT 1; CREATE ')).toEqual(['QUERY', 'SOURCE', 'TABLE']);
    expect(c('SELECT page\nFROM clicks\nWH')).toEqual(['WHERE ']);
  });
});

describe('complete: names', () => {
  it('offers relations where a relation goes', () => {
    expect(c('SELECT * FROM c')).toEqual(['clicks', 'counts']);
    expect(c('SELECT * FROM cl')).toEqual(['clicks']);
    expect(c('INSERT INTO u')).toEqual(['users']);
    expect(c('DESCRIBE CO')).toEqual(['COUNTS']);
    expect(c('DROP QUERY ')).toContain('"My Table"');
  });

  it('offers the columns of the relations the statement reads, and functions, in expressions', () => {
    expect(c('SELECT p FROM clicks')).toEqual(['clicks']); // the word at the cursor is `clicks`
    expect(c('SELECT * FROM clicks WHERE u')).toEqual(['unix_micros', 'unix_millis', 'unix_seconds', 'upper', 'user_id']);
    expect(c('SELECT * FROM users WHERE n')).toEqual(['name', 'not', 'null', 'nullif']);
    expect(c('SELECT coun')).toEqual(['count']);
    expect(c('SELECT count(DISTINCT pa')).toEqual(['page']);
    expect(c('SELECT page FROM clicks WATERMARK t')).toEqual(['ts']);
    expect(c('INSERT INTO users (')).toEqual(['id', 'name']);
    expect(c('INSERT INTO "My Table" (')).toEqual(['x']);
  });

  it('offers the columns of a relation or an alias after a dot, and window fields', () => {
    expect(c('SELECT clicks.')).toEqual(['page', 'ts', 'user_id']);
    expect(c('SELECT c.')).toEqual([]); // no relation or alias c
    expect(c('SELECT * FROM clicks c JOIN users AS x ON c.user_id = x.i')).toEqual(['id']);
    expect(c('SELECT * FROM clicks k WHERE k.')).toEqual(['page', 'ts', 'user_id']);
    expect(c('SELECT window.')).toEqual(['end', 'start']);
  });

  it('knows every function the binder does, window functions included', () => {
    for (const f of ['count', 'approx_count_distinct', 'substr', 'date_trunc', 'window', 'session_window', 'cumulate']) {
      expect(FUNCTION_NAMES).toContain(f);
    }
  });
});

describe('complete: where nothing fits', () => {
  it('offers nothing inside a string or a comment', () => {
    expect(c("SELECT 'cl")).toEqual([]);
    expect(c('SELECT 1 -- cl')).toEqual([]);
    expect(c('SELECT 1 /* cl')).toEqual([]);
  });

  it('falls back to every keyword, function and relation when the statement does not lex', () => {
    expect(c('SELECT # FROM cl')).toEqual(['clicks']);
  });
});

describe('complete: meta-commands', () => {
  it('completes command names and relation names after \\d', () => {
    expect(complete('\\ti', ctx)).toEqual({ candidates: ['\\timing'], word: '\\ti' });
    expect(c('\\')).toEqual(['\\?', '\\d', '\\help', '\\q', '\\status', '\\timing']);
    expect(complete('\\d cl', ctx)).toEqual({ candidates: ['clicks'], word: 'cl' });
    expect(c('\\timing o')).toEqual([]);
  });
});
