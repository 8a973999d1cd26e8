// A datagen source paced by rows_per_second through the engine, on an injected clock: TRIGGER ends, replay is exact.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from './engine.js';
import { renderRows } from './script-runner.js';

const SOURCE = `CREATE SOURCE g (k BIGINT, ts TIMESTAMP) WITH (connector = 'datagen', rows_per_second = 1000, rows_per_batch = 100,
  'fields.k.kind' = 'sequence', 'fields.k.end' = 1000000)`;

describe('datagen rows_per_second', () => {
  it('gives TRIGGER what was available when it started, even when batches take longer than new rows do to arrive', () => {
    let now = 0;
    let tick = 0;
    const engine = new Engine({ clock: () => (now += tick) });
    engine.execute(SOURCE);
    engine.execute(`CREATE QUERY q AS SELECT k, ts FROM g`);
    expect(engine.trigger()).toEqual([]);
    // From now on every read of the clock is 10 ms later: each batch "takes" time in which 10 more rows arrive.
    now = 1000;
    tick = 10;
    const batches = engine.trigger().map((b) => ('batchId' in b ? [b.batchId, b.table.numRows] : b.error.message));
    // 1,010 ms after creation when TRIGGER starts: 1,010 rows, in batches of at most 100; nothing that arrives meanwhile.
    expect(batches).toEqual([[0, 100], [1, 100], [2, 100], [3, 100], [4, 100], [5, 100], [6, 100], [7, 100], [8, 100], [9, 100], [10, 10]]);
    const r = engine.execute('SELECT count(*) AS n, min(k) AS lo, max(k) AS hi, max(ts) AS last FROM q');
    expect(r.kind === 'result' && renderRows(r.table, r.schema, true)).toEqual(['1010\t0\t1009\t2024-01-01 00:00:01.009']);
  });

  it('goes on at its pace from where a restored query stands, in a new process whose clock starts again', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-datagen-resume-'));
    try {
      let now = 0;
      const first = new Engine({ checkpointRoot: root, clock: () => now });
      first.execute(SOURCE);
      first.execute(`CREATE QUERY q AS SELECT k FROM g`);
      now = 500;
      first.trigger();
      first.close();
      // A new process: its clock, and the source's pacing, start from 0 again; the query has read 500 rows.
      now = 0;
      const second = new Engine({ checkpointRoot: root, clock: () => now });
      second.execute(SOURCE);
      second.execute(`CREATE QUERY q AS SELECT k FROM g`);
      now = 100;
      const rows = second.trigger().map((b) => ('batchId' in b ? b.table.numRows : -1));
      // 100 ms after the restart: the next 100 rows, not nothing until the clock reaches 500 ms again.
      expect(rows).toEqual([100]);
      const r = second.execute('SELECT count(*) AS n, min(k) AS lo, max(k) AS hi FROM q');
      expect(r.kind === 'result' && renderRows(r.table, r.schema, true)).toEqual(['600\t0\t599']);
      second.close();
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('replays the same rows after a restart: values depend on the row number, not on the time they are read', () => {
    const run = (restart: boolean): string[] => {
      let now = 0;
      const engine = new Engine({ clock: () => now });
      engine.execute(SOURCE);
      engine.execute(`CREATE QUERY q AS SELECT k, ts FROM g`);
      now = 250;
      engine.trigger();
      if (restart) engine.execute('RESTART q');
      now = 500;
      engine.trigger();
      const r = engine.execute('SELECT * FROM q');
      if (r.kind !== 'result') throw new Error('expected rows');
      return renderRows(r.table, r.schema, false);
    };
    const restarted = run(true);
    expect(restarted).toHaveLength(500);
    expect(new Set(restarted).size).toBe(500);
    expect(restarted).toEqual(run(false));
  });
});
