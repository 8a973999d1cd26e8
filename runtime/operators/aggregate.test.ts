// AggregateOperator on hand-built batches: window assignment against the spec's formula, per-window late drop,
// eviction and the three output modes, and checkpoint round trips (deltas and snapshots) into a fresh operator.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DataType, EmitMode, Schema } from '../../common/types.js';
import type { BoundExpr, ScalarValue } from '../../planner/bound-expr.js';
import type { AggCall, WindowSpec } from '../../planner/logical-plan.js';
import type { PhysicalNode } from '../../planner/physical-plan.js';
import { batchFromRows, rowsFromBatch } from '../values.js';
import { AggregateOperator } from './aggregate.js';
import * as arrow from 'apache-arrow';
import { ipcFile } from '../ipc.js';

type AggNode = Extract<PhysicalNode, { kind: 'aggregate' }>;
type Row = ScalarValue[];

const S = 1_000_000; // micros per second
const col = (index: number, type: DataType, name: string): BoundExpr => ({ kind: 'column', index, type, name });
const field = (name: string, type: DataType, nullable = true): Schema[number] => ({ name, type, nullable });

interface Spec {
  readonly input: Schema;
  readonly keys: readonly BoundExpr[];
  readonly window?: WindowSpec;
  readonly aggs: readonly (AggCall & { readonly name: string })[];
  /** Output column deciding eviction (window end = 1, or a key index), as toPhysical sets it. */
  readonly eventTimeColumn?: number;
  readonly stateful?: boolean;
  readonly dedup?: boolean;
}

function aggNode(s: Spec): AggNode {
  const schema: Schema = [
    ...(s.window ? [field('window_start', 'TIMESTAMP', false), field('window_end', 'TIMESTAMP', false)] : []),
    ...s.keys.map((k) => field(k.kind === 'column' ? k.name : 'key', k.type)),
    ...s.aggs.map((a) => field(a.name, a.type)),
  ];
  return {
    kind: 'aggregate', id: 7, input: { kind: 'scan', relation: 'events', relationKind: 'source', streaming: true, schema: s.input },
    keys: s.keys, window: s.window, aggs: s.aggs.map(({ fn, arg, type }) => ({ fn, arg, type })), schema,
    stateful: s.stateful ?? true, eventTimeColumn: s.eventTimeColumn, dedup: s.dedup ?? false, lag: 0,
  };
}

/** Drives an operator like the executor: process the batch, finish, then take the state delta. */
class Harness {
  private batchId = 0;
  readonly deltas: arrow.RecordBatch[] = [];
  constructor(readonly op: AggregateOperator, readonly input: Schema) {}

  /** Watermark of the previous batch, as the executor restores it from the offset log after a restart. */
  previous: number | undefined;

  run(rows: readonly Row[], watermark: number | undefined): Row[] {
    const ctx = { batchId: this.batchId++, watermark, previousWatermark: this.previous };
    this.previous = watermark;
    this.op.metrics.numRowsDroppedByWatermark = 0;
    const out = [...(this.op.begin?.(ctx) ?? [])];
    if (rows.length) out.push(...this.op.process(batchFromRows(this.input, rows), ctx));
    out.push(...this.op.finish(ctx));
    this.deltas.push(roundTrip(this.op.takeDelta()));
    return out.flatMap((b) => rowsFromBatch(b, this.op.schema));
  }
}

/** State goes through an Arrow IPC file on its way to the checkpoint directory. */
const roundTrip = (b: arrow.RecordBatch): arrow.RecordBatch => {
  const batches = arrow.tableFromIPC(ipcFile([b])).batches;
  expect(batches).toHaveLength(1);
  return batches[0]!;
};

/** Upsert (0) and delete (1) counts of a state batch, read from its `_op` column. */
/** Upsert rows, and the eviction limit a delta records (undefined: none). */
const ops = (b: arrow.RecordBatch): [number, number | undefined] => {
  const op = b.getChild('_op')!.toArray() as Float64Array;
  const ev = b.getChild('_ev')!.toArray() as Float64Array;
  const limit = op.findIndex((x) => x === 2);
  return [op.filter((x) => x === 0).length, limit < 0 ? undefined : ev[limit]];
};

/** State rows in a comparable form (column values by name, `_op` included). */
const stateRows = (b: arrow.RecordBatch): string[] =>
  Array.from({ length: b.numRows }, (_, r) => JSON.stringify(b.schema.fields.map((f) => String(b.getChild(f.name)!.get(r))))).sort();

const harness = (s: Spec, mode: EmitMode): Harness => new Harness(new AggregateOperator(aggNode(s), s.input, mode), s.input);
const sortRows = (rows: readonly Row[]): Row[] => [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

/** Windows of `ts` by direct enumeration of all starts startTime + k*slide (independent of the operator's loop). */
function specWindows(ts: number, size: number, slide: number, startTime: number): number[] {
  const out: number[] = [];
  const k0 = Math.floor((ts - startTime - size) / slide) - 1;
  const k1 = Math.floor((ts - startTime) / slide) + 1;
  for (let k = k0; k <= k1; k++) {
    const start = startTime + k * slide;
    if (start <= ts && ts < start + size) out.push(start);
  }
  return out;
}

describe('window assignment', () => {
  // Input: (id, ts); output per (window, id): count(*). COMPLETE mode, so lateness plays no part.
  const input: Schema = [field('id', 'INT'), field('ts', 'TIMESTAMP')];
  const spec = (w: WindowSpec): Spec => ({
    input, keys: [col(0, 'INT', 'id')], window: w, aggs: [{ fn: 'count_star', arg: undefined, type: 'BIGINT', name: 'n' }],
  });
  const windowArb = fc.integer({ min: 1, max: 12 }).chain((size) => fc.integer({ min: 1, max: size }).chain((slide) =>
    fc.tuple(fc.constant(size), fc.constant(slide), fc.integer({ min: -slide + 1, max: slide - 1 }), fc.constantFrom(1, 1000, S))))
    .map(([size, slide, start, unit]) => ({ kind: 'hop' as const, sizeMicros: size * unit, slideMicros: slide * unit, startMicros: start * unit }));
  const tsArb = fc.oneof(fc.integer({ min: -50 * S, max: 50 * S }), fc.integer({ min: -50, max: 50 }).map((x) => x * S), fc.constant(null));

  it('property: every (row, window) pair has start <= ts < end, and the windows are exactly the spec formula', () => {
    fc.assert(fc.property(windowArb, fc.array(tsArb, { minLength: 1, maxLength: 12 }), (w, times) => {
      const h = harness(spec({ time: col(1, 'TIMESTAMP', 'ts'), ...w }), 'complete');
      const out = h.run(times.map((ts, id) => [id, ts]), undefined);
      const { sizeMicros: size, slideMicros: slide, startMicros: startTime } = w;
      const byId = new Map<number, number[]>();
      for (const [ws, we, id, n] of out as [number, number, number, number][]) {
        const ts = times[id]!;
        expect(ts).not.toBeNull(); // NULL event time belongs to no window
        expect(we).toBe(ws + size);
        expect(ws <= ts! && ts! < we).toBe(true);
        expect(n).toBe(1);
        // startTime shifts every start: starts are startTime + k * slide.
        expect((((ws - startTime) % slide) + slide) % slide).toBe(0);
        byId.set(id, [...(byId.get(id) ?? []), ws]);
      }
      times.forEach((ts, id) => {
        const got = (byId.get(id) ?? []).sort((a, b) => a - b);
        if (ts === null) expect(got).toEqual([]);
        else {
          expect(got).toEqual(specWindows(ts, size, slide, startTime));
          if (size % slide === 0) expect(got).toHaveLength(size / slide);
          else expect(got.length === Math.floor(size / slide) || got.length === Math.ceil(size / slide)).toBe(true);
        }
      });
    }), { numRuns: 300 });
  });

  it.each([
    // The spec's examples (UTC): window(ts,'10 seconds','3 seconds') puts 19:39:27 into windows starting :18, :21, :24, :27.
    ['sliding 10s/3s', 10, 3, 0, 19 * 3600 + 39 * 60 + 27, [18, 21, 24, 27].map((x) => 19 * 3600 + 39 * 60 + x)],
    ['tumbling 10s with startTime 5s', 10, 10, 5, 19 * 3600 + 39 * 60 + 27, [19 * 3600 + 39 * 60 + 25]],
    ['before the epoch', 10, 10, 5, 2, [-5]],
    ['negative startTime', 10, 10, -3, 0, [-3]],
    ['exactly on a boundary', 10, 5, 0, 20, [15, 20]],
    ['negative times', 10, 5, 0, -1, [-10, -5]],
  ])('%s', (_, size, slide, start, ts, starts) => {
    const h = harness(spec({ kind: 'hop', time: col(1, 'TIMESTAMP', 'ts'), sizeMicros: size * S, slideMicros: slide * S, startMicros: start * S }), 'complete');
    const out = h.run([[0, ts * S]], undefined);
    expect(sortRows(out)).toEqual(sortRows(starts.map((st) => [st * S, (st + size) * S, 0, 1])));
  });
});

describe('cumulate windows', () => {
  const input: Schema = [field('id', 'INT'), field('ts', 'TIMESTAMP')];
  const spec = (step: number, size: number): Spec => ({
    input, keys: [col(0, 'INT', 'id')],
    window: { kind: 'cumulate', time: col(1, 'TIMESTAMP', 'ts'), sizeMicros: size, slideMicros: step, startMicros: 0 },
    aggs: [{ fn: 'count_star', arg: undefined, type: 'BIGINT', name: 'n' }],
    eventTimeColumn: 1,
  });

  it('property: a row is in [s, s + k step) for every k with s + k step > ts, s its size-long period start', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom(1, S),
      fc.array(fc.option(fc.integer({ min: -40, max: 40 }), { nil: null, freq: 8 }), { minLength: 1, maxLength: 10 }),
      (step0, k, unit, times0) => {
        const step = step0 * unit;
        const size = step * k;
        const times = times0.map((t) => (t === null ? null : t * unit));
        const out = harness(spec(step, size), 'complete').run(times.map((ts, id) => [id, ts]), undefined);
        const want: Row[] = [];
        times.forEach((ts, id) => {
          if (ts === null) return;
          const s = Math.floor(ts / size) * size;
          for (let end = s + step; end <= s + size; end += step) if (end > ts) want.push([s, end, id, 1]);
        });
        expect(sortRows(out)).toEqual(sortRows(want));
      }), { numRuns: 300 });
  });

  it('APPEND emits each window once its end passes the watermark; late (row, window) pairs are dropped', () => {
    const h = harness(spec(2 * S, 6 * S), 'append');
    expect(h.run([[1, 0], [2, 3 * S]], undefined)).toEqual([]);
    // Watermark 4s: [0,2) and [0,4) close; the row at 1s is late for them but still counts in [0,6).
    expect(sortRows(h.run([[3, 1 * S]], 4 * S))).toEqual(sortRows([[0, 2 * S, 1, 1], [0, 4 * S, 1, 1], [0, 4 * S, 2, 1]]));
    expect(h.op.metrics.numRowsDroppedByWatermark).toBe(2);
    expect(sortRows(h.run([], 6 * S))).toEqual(sortRows([[0, 6 * S, 1, 1], [0, 6 * S, 2, 1], [0, 6 * S, 3, 1]]));
    expect(h.op.metrics.numRowsTotal).toBe(0);
  });
});

describe('late rows (late_rows)', () => {
  const input: Schema = [field('ts', 'TIMESTAMP'), field('k', 'STRING')];
  const windows: WindowSpec[] = [
    { kind: 'hop', time: col(0, 'TIMESTAMP', 'ts'), sizeMicros: 10 * S, slideMicros: 10 * S, startMicros: 0 },
    { kind: 'hop', time: col(0, 'TIMESTAMP', 'ts'), sizeMicros: 10 * S, slideMicros: 4 * S, startMicros: 0 },
    { kind: 'hop', time: col(0, 'TIMESTAMP', 'ts'), sizeMicros: 10 * S, slideMicros: 5 * S, startMicros: 0 },
    { kind: 'cumulate', time: col(0, 'TIMESTAMP', 'ts'), sizeMicros: 10 * S, slideMicros: 5 * S, startMicros: 0 },
  ];
  it('property: one late row per dropped (row, window) pair, with a window end at or below the watermark', () => {
    fc.assert(fc.property(fc.constantFrom(...windows), fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 10 }), fc.integer({ min: 0, max: 40 }),
      (w, times, wmSec) => {
        const spec: Spec = { input, keys: [col(1, 'STRING', 'k')], window: w, aggs: [{ fn: 'count_star', arg: undefined, type: 'BIGINT', name: 'n' }], eventTimeColumn: 1 };
        const op = new AggregateOperator(aggNode(spec), input, 'append', { lateRows: true });
        const wm = wmSec * S;
        op.process(batchFromRows(input, times.map((t) => [t * S, 'a'])), { batchId: 1, watermark: wm, previousWatermark: undefined });
        const late = op.takeLate().flatMap((b) => rowsFromBatch(b, [...input, field('_window_end', 'TIMESTAMP')]));
        expect(late).toHaveLength(op.metrics.numRowsDroppedByWatermark);
        for (const [ts, , end] of late as [number, string, number][]) {
          expect(end).toBeLessThanOrEqual(wm);
          expect(ts).toBeLessThan(end);
          expect(end - ts).toBeLessThanOrEqual(w.sizeMicros);
        }
        expect(op.takeLate()).toEqual([]);
      }), { numRuns: 200 });
  });
});

describe('watermark: late drop, eviction and output modes', () => {
  const input: Schema = [field('ts', 'TIMESTAMP'), field('k', 'STRING'), field('v', 'INT')];
  const windowed = (size: number, slide = size): Spec => ({
    input, keys: [col(1, 'STRING', 'k')], window: { kind: 'hop', time: col(0, 'TIMESTAMP', 'ts'), sizeMicros: size * S, slideMicros: slide * S, startMicros: 0 },
    aggs: [{ fn: 'count_star', arg: undefined, type: 'BIGINT', name: 'n' }, { fn: 'sum', arg: col(2, 'INT', 'v'), type: 'BIGINT', name: 's' }],
    eventTimeColumn: 1,
  });
  const r = (ts: number, k: string, v: number | null = 1): Row => [ts * S, k, v];
  const w = (start: number, end: number, k: string, n: number, s: number | null): Row => [start * S, end * S, k, n, s];

  it('APPEND emits a window exactly once, in the batch that evicts it (window.end <= watermark)', () => {
    const h = harness(windowed(10), 'append');
    expect(h.run([r(12, 'a'), r(15, 'a', 2), r(27, 'a', 5)], undefined)).toEqual([]); // watermark none: nothing closes
    expect(h.run([r(18, 'a', 3)], 19 * S)).toEqual([]); // [10,20) still open at watermark 19
    expect(sortRows(h.run([r(25, 'a', 1)], 20 * S))).toEqual([w(10, 20, 'a', 3, 6)]); // end 20 <= 20: closes
    expect(h.run([], 21 * S)).toEqual([]);
    expect(h.run([], 30 * S)).toEqual([w(20, 30, 'a', 2, 6)]);
    expect(h.run([], 100 * S)).toEqual([]); // never again
    expect(h.op.metrics.numRowsTotal).toBe(0);
  });

  it('string keys leave their dictionary with their windows: memory stays flat while keys keep changing; results and replayed deltas stay right across rebuilds', () => {
    for (const [size, slide] of [[10, 10], [10, 5]] as const) {
      const h = harness(windowed(size, slide), 'append');
      const mem: number[] = [];
      const emitted = new Map<string, Row[]>();
      // What the windows should hold: every (window, key) of every row the watermark did not drop, by the spec.
      const expected = new Map<string, number>();
      const KEYS = 300;
      // Batch k: KEYS keys never seen before, and again the previous batch's keys half a window later (so found by
      // their new hashes after a rebuild, and, sliding, in a pane of their own that must merge with the first).
      const rowsOf = (k: number): Row[] => [
        ...Array.from({ length: KEYS }, (_, i) => r(k * 10 + 1, `key-${k}-${i}`)),
        ...(k > 0 ? Array.from({ length: KEYS }, (_, i) => r(k * 10 - 4, `key-${k - 1}-${i}`)) : []),
      ];
      const watermark = (k: number): number => (k * 10 - 5) * S;
      let replica: Harness | undefined;
      for (let k = 0; k < 40; k++) {
        const rows = rowsOf(k);
        for (const [ts, key] of rows) {
          for (const start of specWindows(ts as number, size * S, slide * S, 0)) {
            if (start + size * S <= watermark(k)) continue;
            const id = `${start} ${String(key)}`;
            expected.set(id, (expected.get(id) ?? 0) + 1);
          }
        }
        const out = h.run(rows, watermark(k));
        for (const row of out) {
          const id = `${String(row[0])} ${String(row[2])}`;
          emitted.set(id, [...(emitted.get(id) ?? []), row]);
        }
        mem.push(h.op.metrics.memoryUsedBytes);
        if (k === 30) {
          // A fresh operator replaying every delta so far (dictionaries were rebuilt several times) carries on alike.
          replica = harness(windowed(size, slide), 'append');
          replica.op.restore([]);
          for (const d of h.deltas) replica.op.applyDelta(d);
          replica.previous = h.previous;
        } else if (replica) {
          const text = (rs: Row[]): string[] => rs.map((x) => JSON.stringify(x)).sort();
          expect(text(replica.run(rows, watermark(k))), `batch ${k}, ${size}/${slide}`).toEqual(text(out));
        }
      }
      expect(mem[39]!, `state bytes ${mem.join(' ')}`).toBeLessThan(mem[15]! * 1.3);
      // Each window the last watermark closed came out once, with its count.
      const closed = [...expected].filter(([id]) => Number(id.split(' ')[0]) + size * S <= watermark(39));
      expect(emitted.size).toBe(closed.length);
      const wrong = closed.filter(([id, n]) => emitted.get(id)?.length !== 1 || emitted.get(id)![0]![3] !== n);
      expect(wrong).toEqual([]);
    }
  });

  it('drops (row, window) pairs with window.end <= watermark and counts them', () => {
    const h = harness(windowed(10), 'append');
    h.run([r(25, 'a')], undefined);
    // 5 -> [0,10): late; 19 -> [10,20): end 20 <= 20 is late (non-strict); 20 -> [20,30): on time.
    h.run([r(5, 'a'), r(19, 'a'), r(20, 'a', 7)], 20 * S);
    expect(h.op.metrics.numRowsDroppedByWatermark).toBe(2);
    expect(h.run([], 30 * S)).toEqual([w(20, 30, 'a', 2, 8)]);
  });

  it('sliding windows: a row is dropped from its closed windows and still counted in its open ones', () => {
    const h = harness(windowed(10, 5), 'update');
    expect(sortRows(h.run([r(17, 'x')], undefined))).toEqual([w(10, 20, 'x', 1, 1), w(15, 25, 'x', 1, 1)]);
    // Watermark 15: 12 is in [5,15) (closed: dropped) and [10,20) (open: counted); 9 only in closed windows.
    expect(sortRows(h.run([r(12, 'x'), r(9, 'x')], 15 * S))).toEqual([w(10, 20, 'x', 2, 2)]);
    expect(h.op.metrics.numRowsDroppedByWatermark).toBe(3);
  });

  it('UPDATE emits the groups changed in the batch; evicted groups vanish silently', () => {
    const h = harness(windowed(10), 'update');
    expect(sortRows(h.run([r(1, 'a'), r(2, 'b'), r(11, 'a')], undefined))).toEqual([w(0, 10, 'a', 1, 1), w(0, 10, 'b', 1, 1), w(10, 20, 'a', 1, 1)]);
    expect(sortRows(h.run([r(3, 'b', 4)], undefined))).toEqual([w(0, 10, 'b', 2, 5)]); // only b changed
    expect(h.run([], undefined)).toEqual([]);
    expect(sortRows(h.run([r(12, 'a', 2)], 10 * S))).toEqual([w(10, 20, 'a', 2, 3)]); // [0,10) evicted, not emitted
    expect(h.op.metrics.numRowsTotal).toBe(1);
    expect(h.run([r(4, 'a')], 10 * S)).toEqual([]); // late
  });

  it('COMPLETE emits every group each batch, ignores the watermark (no drop, no eviction)', () => {
    const s = { ...windowed(10), eventTimeColumn: undefined }; // toPhysical leaves it unset in COMPLETE mode
    const h = harness(s, 'complete');
    expect(sortRows(h.run([r(1, 'a'), r(11, 'a')], undefined))).toEqual([w(0, 10, 'a', 1, 1), w(10, 20, 'a', 1, 1)]);
    expect(sortRows(h.run([r(2, 'a', 3)], 50 * S))).toEqual([w(0, 10, 'a', 2, 4), w(10, 20, 'a', 1, 1)]);
    expect(sortRows(h.run([], 100 * S))).toEqual([w(0, 10, 'a', 2, 4), w(10, 20, 'a', 1, 1)]);
    expect(h.op.metrics.numRowsDroppedByWatermark).toBe(0);
  });

  it('rows with NULL event time belong to no window; NULL keys form their own group', () => {
    const h = harness(windowed(10), 'update');
    const out = h.run([[null, 'a', 1], [3 * S, null, 2], [4 * S, null, null]], undefined);
    expect(out).toEqual([[0, 10 * S, null, 2, 2]]);
  });

  it('non-window event-time keys: late rows dropped, groups evicted (and emitted in APPEND) once ts <= watermark', () => {
    const s: Spec = {
      input, keys: [col(0, 'TIMESTAMP', 'ts'), col(1, 'STRING', 'k')],
      aggs: [{ fn: 'count_star', arg: undefined, type: 'BIGINT', name: 'n' }], eventTimeColumn: 0,
    };
    const h = harness(s, 'append');
    expect(h.run([r(5, 'a'), r(5, 'a'), r(9, 'b'), [null, 'c', 1]], undefined)).toEqual([]);
    expect(h.run([r(4, 'a'), r(6, 'a')], 5 * S)).toEqual([[5 * S, 'a', 2]]); // 4 is late; 5 <= 5 evicted
    expect(h.op.metrics.numRowsDroppedByWatermark).toBe(1);
    expect(sortRows(h.run([], 9 * S))).toEqual([[6 * S, 'a', 1], [9 * S, 'b', 1]]);
  });

  it('a batch (not stateful) aggregate emits everything once, and a global aggregate over no rows gives one row', () => {
    const s: Spec = { input, keys: [], aggs: [{ fn: 'count_star', arg: undefined, type: 'BIGINT', name: 'n' }, { fn: 'sum', arg: col(2, 'INT', 'v'), type: 'BIGINT', name: 's' }], stateful: false };
    expect(harness(s, 'complete').run([], undefined)).toEqual([[0, null]]);
    expect(harness(s, 'complete').run([r(1, 'a', 2), r(2, 'b', null)], undefined)).toEqual([[2, 2]]);
  });

  it('aggregates: count(x) skips NULLs, sum/avg/min/max/first/last', () => {
    const s: Spec = {
      input, keys: [col(1, 'STRING', 'k')], stateful: false,
      aggs: [
        { fn: 'count', arg: col(2, 'INT', 'v'), type: 'BIGINT', name: 'c' }, { fn: 'sum', arg: col(2, 'INT', 'v'), type: 'BIGINT', name: 's' },
        { fn: 'avg', arg: col(2, 'INT', 'v'), type: 'DOUBLE', name: 'a' }, { fn: 'min', arg: col(2, 'INT', 'v'), type: 'INT', name: 'mn' },
        { fn: 'max', arg: col(1, 'STRING', 'k'), type: 'STRING', name: 'mx' }, { fn: 'first', arg: col(2, 'INT', 'v'), type: 'INT', name: 'f' },
        { fn: 'last', arg: col(2, 'INT', 'v'), type: 'INT', name: 'l' },
      ],
    };
    const out = harness(s, 'complete').run([r(1, 'a', 3), r(2, 'a', null), r(3, 'a', -1), r(4, 'b', null)], undefined);
    expect(sortRows(out)).toEqual([['a', 2, 2, 1, -1, 'a', 3, -1], ['b', 0, null, null, null, 'b', null, null]]);
  });
});

// first()/last() over sliding windows: the operator assigns rows to windows in passes (one per window offset), so a
// window can receive a later input row before an earlier one. Expected input order (as for tumbling windows).
describe('first/last in sliding windows', () => {
  it('first() of a sliding window is the first input row of that window', () => {
    const input: Schema = [field('ts', 'TIMESTAMP'), field('v', 'INT')];
    const s: Spec = {
      input, keys: [], window: { kind: 'hop', time: col(0, 'TIMESTAMP', 'ts'), sizeMicros: 10 * S, slideMicros: 5 * S, startMicros: 0 },
      aggs: [{ fn: 'first', arg: col(1, 'INT', 'v'), type: 'INT', name: 'f' }, { fn: 'last', arg: col(1, 'INT', 'v'), type: 'INT', name: 'l' }],
    };
    const out = harness(s, 'complete').run([[7 * S, 1], [3 * S, 2]], undefined);
    // Window [0,10) holds both rows, in input order 1 then 2.
    expect(out.find((row) => row[0] === 0)).toEqual([0, 10 * S, 1, 2]);
  });
});

describe('checkpoint round trip', () => {
  const input: Schema = [field('ts', 'TIMESTAMP'), field('k', 'STRING'), field('v', 'INT'), field('d', 'DOUBLE'), field('s', 'STRING')];
  const aggs: Spec['aggs'] = [
    { fn: 'count_star', arg: undefined, type: 'BIGINT', name: 'n' },
    { fn: 'count', arg: col(2, 'INT', 'v'), type: 'BIGINT', name: 'cv' },
    { fn: 'sum', arg: col(2, 'INT', 'v'), type: 'BIGINT', name: 'sv' },
    { fn: 'avg', arg: col(3, 'DOUBLE', 'd'), type: 'DOUBLE', name: 'ad' },
    { fn: 'sum', arg: col(3, 'DOUBLE', 'd'), type: 'DOUBLE', name: 'sd' },
    { fn: 'min', arg: col(4, 'STRING', 's'), type: 'STRING', name: 'mins' },
    { fn: 'max', arg: col(2, 'INT', 'v'), type: 'INT', name: 'maxv' },
    { fn: 'first', arg: col(4, 'STRING', 's'), type: 'STRING', name: 'fs' },
    { fn: 'last', arg: col(3, 'DOUBLE', 'd'), type: 'DOUBLE', name: 'ld' },
  ];
  const shapes = {
    tumbling: { input, keys: [col(1, 'STRING', 'k')], window: { kind: 'hop', time: col(0, 'TIMESTAMP', 'ts'), sizeMicros: 10 * S, slideMicros: 10 * S, startMicros: 0 }, aggs, eventTimeColumn: 1 },
    sliding: { input, keys: [col(1, 'STRING', 'k')], window: { kind: 'hop', time: col(0, 'TIMESTAMP', 'ts'), sizeMicros: 10 * S, slideMicros: 4 * S, startMicros: 1 * S }, aggs, eventTimeColumn: 1 },
    eventTimeKey: { input, keys: [col(0, 'TIMESTAMP', 'ts'), col(1, 'STRING', 'k')], aggs, eventTimeColumn: 0 },
    plainKeys: { input, keys: [col(1, 'STRING', 'k'), col(2, 'INT', 'v')], aggs },
  } satisfies Record<string, Spec>;

  const rowArb: fc.Arbitrary<Row> = fc.tuple(
    fc.option(fc.integer({ min: 0, max: 60 }).map((x) => x * S), { nil: null, freq: 8 }),
    fc.option(fc.constantFrom('a', 'b', 'é', '1:a', '~', ''), { nil: null, freq: 6 }),
    fc.option(fc.integer({ min: -5, max: 5 }), { nil: null, freq: 4 }),
    fc.option(fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }).map((x) => x + 0), fc.constant(Infinity)), { nil: null, freq: 4 }),
    fc.option(fc.constantFrom('x', 'y', 'Ω', '😀', ''), { nil: null, freq: 4 }),
  );

  /** The watermark in effect per batch, as the executor computes it: max event time so far minus delay, after the batch. */
  function watermarks(batches: readonly (readonly Row[])[], delay: number): (number | undefined)[] {
    let wm: number | undefined;
    let max: number | undefined;
    return batches.map((b) => {
      const inEffect = wm;
      for (const row of b) if (typeof row[0] === 'number') max = max === undefined ? row[0] : Math.max(max, row[0]);
      if (max !== undefined) wm = Math.max(wm ?? -Infinity, max - delay);
      return inEffect;
    });
  }

  it('property: restoring a snapshot, or replaying deltas, gives a fresh operator the same results afterwards', () => {
    fc.assert(fc.property(
      fc.constantFrom(...Object.keys(shapes) as (keyof typeof shapes)[]),
      fc.constantFrom<EmitMode>('append', 'update', 'complete'),
      fc.array(fc.array(rowArb, { maxLength: 6 }), { minLength: 1, maxLength: 6 }),
      fc.integer({ min: 0, max: 20 }).map((x) => x * S),
      fc.nat(),
      (shape, mode, batches, delay, cutSeed) => {
        const base: Spec = shapes[shape];
        const s: Spec = mode === 'complete' ? { ...base, eventTimeColumn: undefined } : base;
        const wms = watermarks(batches, delay);
        const cut = cutSeed % (batches.length + 1);
        const a = harness(s, mode);
        const outA = batches.map((b, i) => a.run(b, wms[i]));
        // A second run, stopped at the cut, provides the checkpoint.
        const pre = harness(s, mode);
        for (let i = 0; i < cut; i++) pre.run(batches[i]!, wms[i]);
        const snapshot = pre.op.snapshot().map(roundTrip);

        const fromSnapshot = harness(s, mode);
        fromSnapshot.op.restore(snapshot);
        const fromDeltas = harness(s, mode);
        fromDeltas.op.restore([]);
        for (const d of pre.deltas) fromDeltas.op.applyDelta(d);
        for (const restored of [fromSnapshot, fromDeltas]) {
          restored.previous = cut > 0 ? wms[cut - 1] : undefined;
          expect(restored.op.snapshot().flatMap(stateRows).sort()).toEqual(snapshot.flatMap(stateRows).sort());
          for (let i = cut; i < batches.length; i++) {
            expect(sortRows(restored.run(batches[i]!, wms[i])), `batch ${i} after restoring at ${cut}`).toEqual(sortRows(outA[i]!));
          }
          expect(restored.op.metrics.numRowsTotal).toBe(a.op.metrics.numRowsTotal);
        }
      },
    ), { numRuns: 250 });
  });

  it('deltas carry upserts of changed groups and how far groups were evicted; infinities survive', () => {
    const h = harness(shapes.tumbling, 'append');
    h.run([[1 * S, 'a', 1, Infinity, 'x'], [2 * S, 'b', 2, 1.5, 'y']], undefined);
    expect(ops(h.deltas[0]!)).toEqual([2, undefined]);
    h.run([[15 * S, 'a', 3, null, null]], 10 * S);
    expect(ops(h.deltas[1]!)).toEqual([1, 10 * S]);
    const fresh = harness(shapes.tumbling, 'append');
    fresh.op.restore([]);
    for (const d of h.deltas) fresh.op.applyDelta(d);
    const out = fresh.run([], 20 * S);
    expect(out).toEqual([[10 * S, 20 * S, 'a', 1, 1, 3, null, null, null, 3, null, null]]);
    const inf = harness(shapes.tumbling, 'update');
    inf.op.restore([]);
    inf.op.applyDelta(h.deltas[0]!);
    expect(inf.run([[3 * S, 'a', null, null, null]], undefined)).toEqual([[0, 10 * S, 'a', 2, 1, 1, Infinity, Infinity, 'x', 1, 'x', null]]);
  });

  it('a delta that deletes groups one by one (_op 1) still removes them', () => {
    const h = harness(shapes.tumbling, 'update');
    h.run([[1 * S, 'a', 1, 1, 'x'], [2 * S, 'b', 2, 1.5, 'y']], undefined);
    // The same rows as deletes: every _op set to 1.
    const d = h.deltas[0]!;
    const at = d.schema.fields.findIndex((f) => f.name === '_op');
    const children = d.data.children.map((c, i) => (i === at
      ? arrow.makeData({ type: new arrow.Float64(), length: d.numRows, data: new Float64Array(d.numRows).fill(1) }) : c));
    const deletes = new arrow.RecordBatch(d.schema, arrow.makeData({ type: new arrow.Struct(d.schema.fields), length: d.numRows, children, nullCount: 0 }));
    const fresh = harness(shapes.tumbling, 'update');
    fresh.op.restore([]);
    fresh.op.applyDelta(d);
    expect(fresh.op.metrics.numRowsTotal).toBe(2);
    fresh.op.applyDelta(deletes);
    expect(fresh.op.metrics.numRowsTotal).toBe(0);
  });
});

describe('checkpoint of -0.0', () => {
  it('last(d) = -0.0 survives a delta round trip', () => {
    const input: Schema = [field('k', 'STRING'), field('d', 'DOUBLE')];
    const s: Spec = { input, keys: [col(0, 'STRING', 'k')], aggs: [{ fn: 'last', arg: col(1, 'DOUBLE', 'd'), type: 'DOUBLE', name: 'ld' }] };
    const a = harness(s, 'complete');
    const [[, before]] = a.run([['a', -0]], undefined) as [[string, number]];
    expect(Object.is(before, -0)).toBe(true);
    const b = harness(s, 'complete');
    b.op.restore([]);
    b.op.applyDelta(a.deltas[0]!);
    const [[, after]] = b.run([], undefined) as [[string, number]];
    expect(Object.is(after, -0)).toBe(true);
  });
});

describe('min/max of strings', () => {
  it('use code point order like the kernels and Spark (PickAcc compares JS strings by UTF-16 unit)', () => {
    const input: Schema = [field('s', 'STRING')];
    const s: Spec = {
      input, keys: [], stateful: false,
      aggs: [{ fn: 'min', arg: col(0, 'STRING', 's'), type: 'STRING', name: 'mn' }, { fn: 'max', arg: col(0, 'STRING', 's'), type: 'STRING', name: 'mx' }],
    };
    // U+FF61 < U+1F600 by code point, but the UTF-16 unit of U+1F600 (0xD83D) is below 0xFF61.
    expect(harness(s, 'complete').run([['😀'], ['｡']], undefined)).toEqual([['｡', '😀']]);
  });
});

describe('sliding windows in APPEND keep per-pane partials', () => {
  const S = 1_000_000;
  const input: Schema = [field('ts', 'TIMESTAMP'), field('k', 'STRING'), field('v', 'INT'), field('d', 'DOUBLE'), field('s', 'STRING')];
  const spec: Spec = {
    input,
    keys: [col(1, 'STRING', 'k')],
    window: { kind: 'hop', time: col(0, 'TIMESTAMP', 'ts'), sizeMicros: 10 * S, slideMicros: 2 * S, startMicros: 1 * S },
    aggs: [
      { fn: 'count_star', arg: undefined, type: 'BIGINT', name: 'n' },
      { fn: 'sum', arg: col(2, 'INT', 'v'), type: 'BIGINT', name: 'sv' },
      { fn: 'avg', arg: col(3, 'DOUBLE', 'd'), type: 'DOUBLE', name: 'ad' },
      { fn: 'min', arg: col(4, 'STRING', 's'), type: 'STRING', name: 'mins' },
      { fn: 'max', arg: col(2, 'INT', 'v'), type: 'INT', name: 'maxv' },
      { fn: 'count_distinct', arg: col(4, 'STRING', 's'), type: 'BIGINT', name: 'ds' },
    ],
    eventTimeColumn: 1,
  };
  const row: fc.Arbitrary<Row> = fc.tuple(
    fc.option(fc.integer({ min: 0, max: 60 }).map((x) => x * S), { nil: null, freq: 10 }),
    fc.option(fc.constantFrom('a', 'b', 'é'), { nil: null, freq: 5 }),
    fc.option(fc.integer({ min: -5, max: 5 }), { nil: null, freq: 4 }),
    fc.option(fc.integer({ min: -20, max: 20 }).map((x) => x / 4), { nil: null, freq: 4 }),
    fc.option(fc.constantFrom('x', 'y', 'Ω'), { nil: null, freq: 4 }),
  );

  it('property: panes emit exactly what per-window state emits, batch by batch, also across a restore', () => {
    fc.assert(fc.property(
      fc.array(fc.array(row, { maxLength: 8 }), { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 0, max: 12 }).map((x) => x * S),
      fc.nat(),
      (batches, delay, cutSeed) => {
        let wm: number | undefined;
        let max: number | undefined;
        const wms = batches.map((b) => {
          const inEffect = wm;
          for (const r of b) if (typeof r[0] === 'number') max = Math.max(max ?? -Infinity, r[0]);
          if (max !== undefined) wm = Math.max(wm ?? -Infinity, max - delay);
          return inEffect;
        });
        // A final no-data batch at a far watermark flushes every window.
        batches.push([]);
        wms.push(1000 * S);
        const direct = new Harness(new AggregateOperator(aggNode(spec), input, 'append', { panes: false }), input);
        let panes = new Harness(new AggregateOperator(aggNode(spec), input, 'append'), input);
        const cut = cutSeed % batches.length;
        // Odd seeds restore by replaying every delta into an empty operator, even ones from a snapshot.
        const replay = cutSeed % 2 === 1;
        batches.forEach((b, i) => {
          if (i === cut && i > 0) {
            const restored = new Harness(new AggregateOperator(aggNode(spec), input, 'append'), input);
            if (replay) {
              restored.op.restore([]);
              for (const d of panes.deltas) restored.op.applyDelta(d);
            } else {
              restored.op.restore(panes.op.snapshot().map(roundTrip));
            }
            restored.previous = wms[i - 1];
            panes = restored;
          }
          const want = sortRows(direct.run(b, wms[i]));
          expect(sortRows(panes.run(b, wms[i])), `batch ${i}`).toEqual(want);
          expect(panes.op.metrics.numRowsDroppedByWatermark).toBe(direct.op.metrics.numRowsDroppedByWatermark);
        });
        // The far watermark evicted every pane, and with them every key they held.
        expect(panes.op.metrics.numRowsTotal).toBe(0);
        expect(panes.op.paneKeyCount).toBe(0);
      },
    ), { numRuns: 300, endOnFailure: true });
  });
});
