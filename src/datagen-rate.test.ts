// A datagen source paced by rows_per_second through the engine, on an injected clock: TRIGGER ends, replay is exact.

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
