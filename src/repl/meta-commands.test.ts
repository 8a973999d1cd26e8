// Unit tests: parsing backslash commands, and the \d listings of the catalog.

import { afterAll, describe, expect, it } from 'vitest';
import { TidemarkError } from '../../common/errors.js';
import { Engine } from '../engine.js';
import { describeRelation, listRelations, parseMeta } from './meta-commands.js';

describe('parseMeta', () => {
  it('reads each command and its argument', () => {
    expect(parseMeta('\\help')).toEqual({ kind: 'help' });
    expect(parseMeta('  \\?  ')).toEqual({ kind: 'help' });
    expect(parseMeta('\\d')).toEqual({ kind: 'describe', name: undefined });
    expect(parseMeta('\\d clicks;')).toEqual({ kind: 'describe', name: 'clicks' });
    expect(parseMeta('\\timing')).toEqual({ kind: 'timing', on: undefined });
    expect(parseMeta('\\timing OFF')).toEqual({ kind: 'timing', on: false });
    expect(parseMeta('\\status on')).toEqual({ kind: 'status', on: true });
    expect(parseMeta('\\q')).toEqual({ kind: 'quit' });
  });

  it('refuses unknown commands and arguments with INVALID_INPUT', () => {
    const err = (line: string): TidemarkError => {
      try {
        parseMeta(line);
      } catch (e) {
        return e as TidemarkError;
      }
      throw new Error('no error');
    };
    expect(err('\\x')).toMatchObject({ code: 'INVALID_INPUT', message: 'Unknown command \\x. \\help lists the commands.' });
    expect(err('\\timing maybe').message).toBe("\\timing takes on or off (or nothing, to toggle), not 'maybe'.");
    expect(err('\\q now').message).toBe('\\q takes no arguments; \\help lists the commands.');
    expect(err('\\d a b').message).toBe('\\d takes one argument; \\help lists the commands.');
  });
});

describe('\\d listings', () => {
  const engine = new Engine();
  engine.execute(`CREATE SOURCE clicks (page STRING, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '10' SECOND)
    WITH (max_rows_per_batch = 5)`);
  engine.execute('CREATE TABLE users (id BIGINT, name STRING)');
  engine.execute(`CREATE QUERY c WITH (late_rows = 'c_late') AS SELECT window.start AS ws, count(*) AS n FROM clicks
    GROUP BY window(ts, '1 minute') EMIT APPEND`);
  const q = (n: string) => engine.query(n);
  afterAll(() => engine.close());

  it('lists every relation with its kind and columns', () => {
    expect(listRelations(engine.relations(), q)).toEqual([
      ' name   | kind                  | columns',
      '--------+-----------------------+-------------------------------------------',
      ' c      | APPEND query, RUNNING | ws, n',
      ' c_late | late rows of c        | page, ts, _batch, _watermark, _window_end',
      ' clicks | memory source         | page, ts',
      ' users  | table                 | id, name',
      '(4 rows)',
    ]);
  });

  it('describes a source with its watermark and options, a query with its SQL', () => {
    expect(describeRelation(engine.relations(), 'CLICKS', q)).toEqual([
      'clicks: memory source',
      ' column | type      | nullable',
      '--------+-----------+----------',
      ' page   | STRING    | true',
      ' ts     | TIMESTAMP | false',
      'Watermark: ts - 10 seconds',
      'Options: max_rows_per_batch = 5',
    ]);
    const c = describeRelation(engine.relations(), 'c', q);
    expect(c[0]).toBe('c: APPEND query, RUNNING');
    expect(c.slice(-3)).toEqual(['SQL:', "  CREATE QUERY c WITH (late_rows = 'c_late') AS SELECT window.start AS ws, count(*) AS n FROM clicks",
      "      GROUP BY window(ts, '1 minute') EMIT APPEND"]);
  });

  it('says how to list relations when the name is unknown', () => {
    expect(() => describeRelation(engine.relations(), 'nope', q)).toThrow("Relation 'nope' does not exist. \\d lists the sources, tables and queries.");
  });

  it('says what to do when there is nothing yet', () => {
    expect(listRelations([], q)).toEqual(['No sources, tables or queries yet. CREATE SOURCE makes one; \\help shows more.']);
  });
});
