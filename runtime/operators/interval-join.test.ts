// IntervalJoinOperator against the join computed over every non-late row at once (a nested loop), across restores
// from snapshots and deltas; its state stays bounded over long runs.

import * as arrow from 'apache-arrow';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { JoinType, Schema } from '../../common/types.js';
import type { BoundExpr, ScalarValue } from '../../planner/bound-expr.js';
import { timeBounds } from '../../planner/join-bounds.js';
import type { PhysicalNode } from '../../planner/physical-plan.js';
import { lateRowsSchema } from './late-rows.js';
import { batchFromRows, rowsFromBatch } from '../values.js';
import { IntervalJoinOperator } from './interval-join.js';
import { JoinState } from './join-state.js';
import { ipcFile } from '../ipc.js';

type Row = ScalarValue[];
const S = 1_000_000;
const f = (name: string, type: Schema[number]['type']): Schema[number] => ({ name, type, nullable: true });
const L: Schema = [f('k', 'BIGINT'), f('lt', 'TIMESTAMP'), f('ls', 'STRING')];
const R: Schema = [f('k', 'BIGINT'), f('rt', 'TIMESTAMP')];
const col = (i: number): BoundExpr => ({ kind: 'column', index: i, type: [...L, ...R][i]!.type, name: [...L, ...R][i]!.name });
const cmp = (op: '>=' | '<=' | '=', a: BoundExpr, b: BoundExpr): BoundExpr => ({ kind: 'compare', op, left: a, right: b, type: 'BOOLEAN' });
const and = (a: BoundExpr, b: BoundExpr): BoundExpr => ({ kind: 'and', left: a, right: b, type: 'BOOLEAN' });
const plus = (e: BoundExpr, micros: number): BoundExpr => ({ kind: 'arith', op: '+', left: e, right: { kind: 'literal', value: micros, type: 'BIGINT' }, type: 'TIMESTAMP' });

/** l.k = r.k AND r.rt BETWEEN l.lt + lo AND l.lt + hi, i.e. -hi <= lt - rt <= -lo. */
function node(joinType: JoinType, lo: number, hi: number): Extract<PhysicalNode, { kind: 'join' }> {
  const condition = and(cmp('=', col(0), col(3)), and(cmp('>=', col(4), plus(col(1), lo)), cmp('<=', col(4), plus(col(1), hi))));
  const scan = (s: Schema): PhysicalNode => ({ kind: 'scan', relation: 'x', relationKind: 'source', streaming: true, schema: s });
  return { kind: 'join', id: 1, left: scan(L), right: scan(R), joinType, condition, schema: [...L, ...R], bounds: timeBounds(condition, L.length), lags: [0, 0] };
}

const roundTrip = (b: arrow.RecordBatch): arrow.RecordBatch => arrow.tableFromIPC(ipcFile([b])).batches[0]!;
const sorted = (rows: Row[]): string[] => rows.map((r) => JSON.stringify(r)).sort();

interface Step { readonly left: Row[]; readonly right: Row[]; readonly wm: number | undefined }

const key = fc.option(fc.integer({ min: 1, max: 3 }), { nil: null, freq: 8 });
const time = fc.option(fc.integer({ min: 0, max: 30 }).map((x) => x * S), { nil: null, freq: 12 });
const leftRow = fc.tuple(key, time, fc.constantFrom('x', 'yy')).map((t): Row => [...t]);
const rightRow = fc.tuple(key, time).map((t): Row => [...t]);

describe('IntervalJoinOperator', () => {
  // Sides are probed by scanning their time order until that costs more than a key index: each property runs with
  // the default budget, with sides indexed at the first scan that covers a row, and with sides never indexed.
  // (The variants also cover both ways a snapshot takes rows: sliced from their input, or gathered.)
  const budgets = [['default', 4], ['index at once', 0], ['always scan', Infinity]] as const;
  afterEach(() => { IntervalJoinOperator.scanBudget = 4; JoinState.minSliceRows = 256; });

  it.each(budgets)('property: over a run, emits exactly the join of all non-late rows (outer rows padded once), across restores (%s)', (_, budget) => {
    IntervalJoinOperator.scanBudget = budget;
    // Snapshots slice every block of consecutive rows, except in one variant, which gathers them all.
    JoinState.minSliceRows = budget === 0 ? Infinity : 1;
    fc.assert(fc.property(
      fc.constantFrom<JoinType>('inner', 'left', 'right', 'full'),
      fc.integer({ min: -5, max: 5 }), fc.integer({ min: 0, max: 6 }),
      fc.array(fc.record({ left: fc.array(leftRow, { maxLength: 5 }), right: fc.array(rightRow, { maxLength: 5 }), step: fc.integer({ min: 0, max: 8 }) }), { minLength: 1, maxLength: 6 }),
      fc.nat(), fc.boolean(),
      (joinType, lo0, width, raw, cutSeed, viaDeltas) => {
        const lo = lo0 * S;
        const hi = lo + width * S;
        const n = node(joinType, lo, hi);
        // A nondecreasing watermark; a final step at a far watermark settles every row.
        let wm: number | undefined;
        const steps: Step[] = raw.map((s) => {
          const cur = wm;
          wm = (wm ?? 0) + s.step * S;
          return { left: s.left, right: s.right, wm: cur };
        });
        steps.push({ left: [], right: [], wm: 1000 * S });
        let op = new IntervalJoinOperator(n, n.bounds, 1);
        const deltas: arrow.RecordBatch[] = [];
        const got: Row[] = [];
        const cut = cutSeed % steps.length;
        steps.forEach((s, i) => {
          if (i === cut && i > 0) {
            const fresh = new IntervalJoinOperator(n, n.bounds, 1);
            if (viaDeltas) {
              fresh.restore([]);
              for (const d of deltas) fresh.applyDelta(d);
            } else {
              fresh.restore(op.snapshot().map(roundTrip));
            }
            // The replayed state holds exactly the rows the run kept (evictions replayed from their limits).
            expect(fresh.metrics.numRowsTotal).toBe(op.metrics.numRowsTotal);
            op = fresh;
          }
          const ctx = { batchId: i, watermark: s.wm, previousWatermark: undefined };
          const out = [
            ...(s.left.length ? op.process(batchFromRows(L, s.left), ctx, 0) : []),
            ...(s.right.length ? op.process(batchFromRows(R, s.right), ctx, 1) : []),
            ...op.finish(ctx),
          ];
          got.push(...out.flatMap((b) => rowsFromBatch(b, n.schema)));
          deltas.push(roundTrip(op.takeDelta()));
        });
        // Reference: rows with a time above their batch's watermark, joined all at once; rows without a time are not
        // late but match nothing (an outer join pads them).
        const live = (rows: (s: Step) => Row[]): Row[] => steps.flatMap((s) => rows(s).filter((r) => r[1] === null || s.wm === undefined || (r[1] as number) > s.wm));
        const ls = live((s) => s.left);
        const rs = live((s) => s.right);
        const want: Row[] = [];
        const lm = new Set<number>();
        const rm = new Set<number>();
        ls.forEach((l, a) => rs.forEach((r, b) => {
          const d = (r[1] as number) - (l[1] as number);
          if (l[0] !== null && l[0] === r[0] && l[1] !== null && r[1] !== null && d >= lo && d <= hi) {
            want.push([...l, ...r]);
            lm.add(a);
            rm.add(b);
          }
        }));
        if (joinType === 'left' || joinType === 'full') ls.forEach((l, a) => { if (!lm.has(a)) want.push([...l, null, null]); });
        if (joinType === 'right' || joinType === 'full') rs.forEach((r, b) => { if (!rm.has(b)) want.push([null, null, null, ...r]); });
        expect(sorted(got)).toEqual(sorted(want));
        expect(op.metrics.numRowsTotal).toBe(0);
      }), { numRuns: 200 });
  });

  it('snapshots buffered input as slices of its Arrow columns (no copy); restoring them, or a gathered snapshot, gives the same state', () => {
    // r.rt BETWEEN l.lt AND l.lt + 100 s: a left row goes once the watermark reaches its time + 100 s.
    const n = node('left', 0, 100 * S);
    const op = new IntervalJoinOperator(n, n.bounds, 1);
    const ctx = (wm: number | undefined) => ({ batchId: 0, watermark: wm, previousWatermark: undefined });
    const left = (from: number): arrow.RecordBatch => batchFromRows(L, Array.from({ length: 8 }, (_, i): Row => [i % 3, (from + i) * S, `s${from + i}`]));
    const inputs = [left(0), left(10), left(20)];
    for (const b of inputs) op.process(b, ctx(undefined), 0);
    op.finish(ctx(undefined));
    // Evicts (and pads) the left rows at 0..4 s: 3 of the first batch's rows stay, and all of the others'.
    expect(op.finish(ctx(104 * S)).reduce((k, b) => k + b.numRows, 0)).toBe(5);
    expect(op.metrics.numRowsTotal).toBe(19);
    // Blocks of any length are sliced here (the default leaves blocks under 256 rows to the gathered batch).
    JoinState.minSliceRows = 1;
    const parts = op.snapshot();
    expect(parts.map((b) => b.numRows)).toEqual([3, 8, 8]);
    const bytes = (v: arrow.Vector | null): ArrayBufferLike => (v!.data[0]!.values as Uint8Array).buffer;
    parts.forEach((b, i) => expect(bytes(b.getChild('_l2'))).toBe(bytes(inputs[i]!.getChild('ls'))));
    JoinState.minSliceRows = Infinity;
    const gathered = op.snapshot();
    expect(gathered.map((b) => b.numRows)).toEqual([19]);
    expect(bytes(gathered[0]!.getChild('_l2'))).not.toBe(bytes(inputs[0]!.getChild('ls')));
    // Each restored operator pads the same 19 rows as the original once the watermark passes them all.
    const padded = (o: IntervalJoinOperator): string[] => sorted(o.finish(ctx(1000 * S)).flatMap((b) => rowsFromBatch(b, n.schema)));
    const restored = [parts, gathered].map((snap) => {
      const fresh = new IntervalJoinOperator(n, n.bounds, 1);
      fresh.restore(snap.map(roundTrip));
      expect(fresh.metrics.numRowsTotal).toBe(19);
      return padded(fresh);
    });
    const want = padded(op);
    expect(want).toHaveLength(19);
    expect(restored).toEqual([want, want]);
  });

  it('refuses state written in the earlier format (a row per deleted entry) with CHECKPOINT_ERROR', () => {
    const n = node('inner', 0, S);
    const f = (name: string): arrow.Field => new arrow.Field(name, new arrow.Float64(), true);
    const old = new arrow.Schema(['_lop', '_lid', '_lmatched', '_rop', '_rid', '_rmatched'].map(f));
    const batch = new arrow.RecordBatch(old, arrow.makeData({ type: new arrow.Struct(old.fields), length: 0, children: old.fields.map(() => arrow.makeData({ type: new arrow.Float64(), length: 0 })), nullCount: 0 }));
    const op = new IntervalJoinOperator(n, n.bounds, 1);
    expect(() => op.restore([batch])).toThrow(expect.objectContaining({ code: 'CHECKPOINT_ERROR' }));
  });

  it('reads the time range from BETWEEN and from shifted comparisons in either order', () => {
    expect(node('inner', -2 * S, 3 * S).bounds).toEqual({ leftTime: 1, rightTime: 4, lower: -3 * S, upper: 2 * S });
    const c = cmp('<=', plus(col(4), 5 * S), col(1)); // rt + 5s <= lt  =>  lt - rt >= 5s
    expect(timeBounds(c, L.length)).toEqual({ leftTime: 1, rightTime: 4, lower: 5 * S, upper: Infinity });
  });

  afterEach(() => { IntervalJoinOperator.rekeySlack = 4096; });

  it.each(budgets)('property: several batches per side and micro-batch, lags, late rows, snapshots and deltas, restores anywhere (%s)', (_, budget) => {
    IntervalJoinOperator.scanBudget = budget;
    // Snapshots slice every block of consecutive rows, except in one variant, which gathers them all.
    JoinState.minSliceRows = budget === 0 ? Infinity : 1;
    fc.assert(fc.property(
      fc.constantFrom<JoinType>('inner', 'left', 'right', 'full'),
      fc.integer({ min: -4, max: 4 }), fc.integer({ min: 0, max: 5 }),
      fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })),
      fc.tuple(fc.boolean(), fc.boolean()), fc.boolean(), fc.boolean(),
      fc.array(fc.record({
        inputs: fc.array(fc.oneof(
          fc.record({ port: fc.constant(0 as const), rows: fc.array(leftRow2, { maxLength: 6 }) }),
          fc.record({ port: fc.constant(1 as const), rows: fc.array(rightRow2, { maxLength: 6 }) }),
        ), { maxLength: 4 }),
        step: fc.integer({ min: 0, max: 6 }),
        restore: fc.boolean(),
        snapshot: fc.boolean(),
      }), { minLength: 1, maxLength: 10 }),
      (joinType, lo0, width, lagsS, lateByPrevious, lateRows, rekey, raw) => {
        if (rekey) IntervalJoinOperator.rekeySlack = 0;
        const lo = lo0 * S;
        const hi = lo + width * S;
        const lags: [number, number] = [lagsS[0] * S, lagsS[1] * S];
        const n = node2(joinType, lo, hi, lags);
        const b = n.bounds!;
        // Watermarks: none for a while, then nondecreasing; two final steps at a far watermark settle every row.
        let wm: number | undefined;
        const steps = raw.map((s, i) => {
          const cur = wm;
          if (i > 0 || s.step > 3) wm = (wm ?? 0) + s.step * S;
          return { ...s, wm: cur };
        });
        steps.push({ inputs: [], step: 0, restore: false, snapshot: false, wm: 1000 * S }, { inputs: [], step: 0, restore: true, snapshot: false, wm: 1000 * S });
        const make = (): IntervalJoinOperator => new IntervalJoinOperator(n, b, 1, { lateByPrevious, lateRows });
        let op = make();
        const log: { kind: 'snapshot' | 'delta'; batches: arrow.RecordBatch[] }[] = [];
        const got: Row[] = [];
        const gotLate: Row[] = [];
        // The reference: every row with its side, step and whether it was late.
        const kept: { side: 0 | 1; row: Row }[] = [];
        const wantLate: Row[] = [];
        let dropped = 0;
        let wantDropped = 0;
        let prev: number | undefined;
        steps.forEach((s, i) => {
          if (s.restore && i > 0) {
            const fresh = make();
            const last = log.map((e) => e.kind).lastIndexOf('snapshot');
            fresh.restore(last >= 0 ? log[last]!.batches : []);
            for (const e of log.slice(last + 1)) for (const b of e.batches) fresh.applyDelta(b);
            expect(fresh.metrics.numRowsTotal).toBe(op.metrics.numRowsTotal);
            op = fresh;
          }
          const ctx = { batchId: i, watermark: s.wm, previousWatermark: prev };
          op.metrics.numRowsDroppedByWatermark = 0;
          for (const input of s.inputs) {
            if (!input.rows.length) continue;
            const schema = input.port === 0 ? L2 : R2;
            const base = lateByPrevious[input.port] ? prev : s.wm;
            for (const r of input.rows) {
              const t = r[2] as number | null;
              if (t !== null && base !== undefined && t <= base - lags[input.port]) {
                wantDropped++;
                const none = (input.port === 0 ? R2 : L2).map(() => null);
                wantLate.push(input.port === 0 ? [...r, ...none, t] : [...none, ...r, t]);
              } else kept.push({ side: input.port, row: r });
            }
            got.push(...op.process(batchFromRows(schema, input.rows), ctx, input.port).flatMap((x) => rowsFromBatch(x, n.schema)));
          }
          got.push(...op.finish(ctx).flatMap((x) => rowsFromBatch(x, n.schema)));
          dropped += op.metrics.numRowsDroppedByWatermark;
          if (lateRows) gotLate.push(...op.takeLate().flatMap((x) => rowsFromBatch(x, lateRowsSchema(n.schema, 'event'))));
          // Rows still buffered: those no eviction limit has passed yet.
          const timed = kept.filter((k) => k.row[2] !== null);
          const live = s.wm === undefined ? timed.length : timed.filter((k) => k.side === 0
            ? (k.row[2] as number) > s.wm! - lags[1] + b.lower
            : (k.row[2] as number) > s.wm! - lags[0] - b.upper).length;
          expect(op.metrics.numRowsTotal).toBe(live);
          const delta = op.takeDelta();
          log.push(s.snapshot ? { kind: 'snapshot', batches: op.snapshot().map(roundTrip) } : { kind: 'delta', batches: [roundTrip(delta)] });
          prev = s.wm;
        });
        const ls = kept.filter((k) => k.side === 0).map((k) => k.row);
        const rs = kept.filter((k) => k.side === 1).map((k) => k.row);
        const want: Row[] = [];
        const lm = new Set<number>();
        const rm = new Set<number>();
        ls.forEach((l, a) => rs.forEach((r, c) => {
          const d = (r[2] as number) - (l[2] as number);
          if (l[0] !== null && l[0] === r[0] && l[1] !== null && l[1] === r[1] && l[2] !== null && r[2] !== null && d >= lo && d <= hi) {
            want.push([...l, ...r]);
            lm.add(a);
            rm.add(c);
          }
        }));
        if (joinType === 'left' || joinType === 'full') ls.forEach((l, a) => { if (!lm.has(a)) want.push([...l, ...R2.map(() => null)]); });
        if (joinType === 'right' || joinType === 'full') rs.forEach((r, c) => { if (!rm.has(c)) want.push([...L2.map(() => null), ...r]); });
        expect(sorted(got)).toEqual(sorted(want));
        expect(dropped).toBe(wantDropped);
        if (lateRows) expect(sorted(gotLate)).toEqual(sorted(wantLate));
        expect(op.metrics.numRowsTotal).toBe(0);
      }), { numRuns: 150 });
  });

  it.each([false, true])('keeps state bounded over a long run: row ids, chunks, keys and string dictionaries are reused (re-interning: %s)', (rekey) => {
    // Without re-interning, unused keys must leave the group table one by one (the dictionary then keeps growing).
    IntervalJoinOperator.rekeySlack = rekey ? 64 : 1e9;
    const n = node2('full', -2 * S, 2 * S, [0, 0]);
    let op = new IntervalJoinOperator(n, n.bounds, 1);
    const log: arrow.RecordBatch[] = [];
    let snapshot: arrow.RecordBatch[] = [];
    let out = 0;
    let maxLive = 0;
    for (let i = 0; i < 600; i++) {
      const wm = i > 0 ? (i - 1) * S : undefined;
      const ctx = { batchId: i, watermark: wm, previousWatermark: i > 1 ? (i - 2) * S : undefined };
      // Fresh keys every step (numbers and strings), times just above the watermark.
      const rows = (side: number): Row[] => Array.from({ length: 20 }, (_, j) => {
        const k = i * 10 + (j % 10);
        const t = (i + (j % 3)) * S;
        return side === 0 ? [k, `key-${k}`, t, `v${j}`, j % 2 === 0] : [k, `key-${k}`, t, j * 0.5];
      });
      out += op.process(batchFromRows(L2, rows(0)), ctx, 0).reduce((t, x) => t + x.numRows, 0);
      out += op.process(batchFromRows(R2, rows(1)), ctx, 1).reduce((t, x) => t + x.numRows, 0);
      out += op.finish(ctx).reduce((t, x) => t + x.numRows, 0);
      maxLive = Math.max(maxLive, op.metrics.numRowsTotal);
      const d = roundTrip(op.takeDelta());
      if (i % 50 === 49) {
        snapshot = op.snapshot().map(roundTrip);
        log.length = 0;
      } else log.push(d);
      if (i % 97 === 96) {
        const fresh = new IntervalJoinOperator(n, n.bounds, 1);
        fresh.restore(snapshot);
        for (const x of log) fresh.applyDelta(x);
        expect(fresh.metrics.numRowsTotal).toBe(op.metrics.numRowsTotal);
        op = fresh;
      }
    }
    expect(out).toBeGreaterThan(600 * 20);
    expect(maxLive).toBeLessThan(200);
    const internals = op as unknown as { sides: { high: number; chunks: unknown[] }[]; keys: { size: number; high: number }; dicts: ({ size: number } | undefined)[] };
    for (const s of internals.sides) {
      expect(s.high).toBeLessThan(4 * maxLive);
      expect(s.chunks.length).toBeLessThan(60);
    }
    expect(internals.keys.high).toBeLessThan(4 * maxLive);
    // Every group left in the key table is the key of a buffered row.
    expect(internals.keys.size).toBeLessThanOrEqual(op.metrics.numRowsTotal);
    if (rekey) expect(internals.dicts[1]!.size).toBeLessThan(2 * maxLive + 64 + 200);
    expect(op.metrics.memoryUsedBytes).toBeLessThan(1e6);
  });
});

// A second shape: two key columns (a number and a string), strings, booleans and doubles among the columns.
const L2: Schema = [f('k', 'BIGINT'), f('ks', 'STRING'), f('lt', 'TIMESTAMP'), f('lv', 'STRING'), f('lb', 'BOOLEAN')];
const R2: Schema = [f('k', 'BIGINT'), f('ks', 'STRING'), f('rt', 'TIMESTAMP'), f('rv', 'DOUBLE')];
const col2 = (i: number): BoundExpr => ({ kind: 'column', index: i, type: [...L2, ...R2][i]!.type, name: [...L2, ...R2][i]!.name });

/** l.k = r.k AND l.ks = r.ks AND r.rt BETWEEN l.lt + lo AND l.lt + hi. */
function node2(joinType: JoinType, lo: number, hi: number, lags: readonly [number, number]): Extract<PhysicalNode, { kind: 'join' }> {
  const keys = and(cmp('=', col2(0), col2(5)), cmp('=', col2(1), col2(6)));
  const condition = and(keys, and(cmp('>=', col2(7), plus(col2(2), lo)), cmp('<=', col2(7), plus(col2(2), hi))));
  const scan = (s: Schema): PhysicalNode => ({ kind: 'scan', relation: 'x', relationKind: 'source', streaming: true, schema: s });
  return { kind: 'join', id: 1, left: scan(L2), right: scan(R2), joinType, condition, schema: [...L2, ...R2], bounds: timeBounds(condition, L2.length), lags };
}

const skey = fc.option(fc.constantFrom('a', 'bb', 'ccc'), { nil: null, freq: 8 });
const sval = fc.option(fc.constantFrom('', 'x', 'a longer string value well over thirty-two bytes'), { nil: null, freq: 6 });
const leftRow2 = fc.tuple(key, skey, time, sval, fc.option(fc.boolean(), { nil: null, freq: 6 })).map((t): Row => [...t]);
const rightRow2 = fc.tuple(key, skey, time, fc.option(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), { nil: null, freq: 6 })).map((t): Row => [...t]);

// A third shape: the left side's watermarked time `lt` is not the time a range bounds (`ot`), or there is no range.
const L3: Schema = [f('k', 'BIGINT'), f('lt', 'TIMESTAMP'), f('ot', 'TIMESTAMP')];
const R3: Schema = [f('k', 'BIGINT'), f('rt', 'TIMESTAMP')];
const col3 = (i: number): BoundExpr => ({ kind: 'column', index: i, type: [...L3, ...R3][i]!.type, name: [...L3, ...R3][i]!.name });

/** l.k = r.k, and with `range` AND r.rt BETWEEN l.ot + lo AND l.ot + hi; lt and rt carry the watermarks. */
function node3(range: readonly [number, number] | undefined): Extract<PhysicalNode, { kind: 'join' }> {
  const keys = cmp('=', col3(0), col3(3));
  const condition = range ? and(keys, and(cmp('>=', col3(4), plus(col3(2), range[0])), cmp('<=', col3(4), plus(col3(2), range[1])))) : keys;
  const scan = (s: Schema): PhysicalNode => ({ kind: 'scan', relation: 'x', relationKind: 'source', streaming: true, schema: s });
  const bounds = range ? timeBounds(condition, L3.length) : undefined;
  // As the planner gives them: ot has no watermark (lag Infinity), so lateness goes by lt on the left.
  return {
    kind: 'join', id: 1, left: scan(L3), right: scan(R3), joinType: 'inner', condition, schema: [...L3, ...R3], bounds,
    lags: range ? [Infinity, 0] : [0, 0], lateTimes: [{ column: 1, lag: 0 }, { column: 4, lag: 0 }],
  };
}

const leftRow3 = fc.tuple(key, time, time).map((t): Row => [...t]);

describe('IntervalJoinOperator: late rows by each side\'s watermarked time', () => {
  it('drops and counts rows late on the watermarked column, with no range in ON', () => {
    const n = node3(undefined);
    const op = new IntervalJoinOperator(n, n.bounds, 1, { lateRows: true });
    const ctx = (wm: number | undefined) => ({ batchId: 0, watermark: wm, previousWatermark: undefined });
    expect(op.process(batchFromRows(L3, [[1, 30 * S, 30 * S]]), ctx(undefined), 0)).toEqual([]);
    expect(op.process(batchFromRows(R3, [[1, 30 * S]]), ctx(undefined), 1).flatMap((b) => rowsFromBatch(b, n.schema))).toEqual([[1, 30 * S, 30 * S, 1, 30 * S]]);
    op.finish(ctx(undefined));
    // Watermark 30 s: lt = 10 s is late (and lt = 30 s too: at the watermark); a NULL lt is not.
    op.metrics.numRowsDroppedByWatermark = 0;
    const left = op.process(batchFromRows(L3, [[1, 10 * S, 31 * S], [1, 30 * S, 0], [1, null, 5 * S]]), ctx(30 * S), 0);
    expect(left.flatMap((b) => rowsFromBatch(b, n.schema))).toEqual([[1, null, 5 * S, 1, 30 * S]]);
    const right = op.process(batchFromRows(R3, [[1, 32 * S], [1, 29 * S]]), ctx(30 * S), 1).flatMap((b) => rowsFromBatch(b, n.schema));
    expect(sorted(right)).toEqual(sorted([[1, 30 * S, 30 * S, 1, 32 * S], [1, null, 5 * S, 1, 32 * S]]));
    expect(op.metrics.numRowsDroppedByWatermark).toBe(3);
    // Without a range nothing is evicted; the late rows go to the late-row table, with the time that made them late.
    op.finish(ctx(30 * S));
    expect(op.metrics.numRowsTotal).toBe(4);
    expect(sorted(op.takeLate().flatMap((b) => rowsFromBatch(b, lateRowsSchema(n.schema, 'event'))))).toEqual(sorted([
      [1, 10 * S, 31 * S, null, null, 10 * S], [1, 30 * S, 0, null, null, 30 * S], [null, null, null, 1, 29 * S, 29 * S]]));
  });

  it('property: with no range, or a range over a column without a watermark, emits the join of the rows not late on lt and rt', () => {
    fc.assert(fc.property(
      fc.boolean(), fc.integer({ min: -4, max: 4 }), fc.integer({ min: 0, max: 5 }), fc.tuple(fc.boolean(), fc.boolean()), fc.boolean(),
      fc.array(fc.record({ left: fc.array(leftRow3, { maxLength: 5 }), right: fc.array(rightRow, { maxLength: 5 }), step: fc.integer({ min: 0, max: 6 }), restore: fc.boolean() }), { minLength: 1, maxLength: 8 }),
      (ranged, lo0, width, lateByPrevious, lateRows, raw) => {
        const lo = lo0 * S;
        const hi = lo + width * S;
        const n = node3(ranged ? [lo, hi] : undefined);
        const make = (): IntervalJoinOperator => new IntervalJoinOperator(n, n.bounds, 1, { lateByPrevious, lateRows });
        let op = make();
        let wm: number | undefined;
        let prev: number | undefined;
        const deltas: arrow.RecordBatch[] = [];
        const got: Row[] = [];
        const gotLate: Row[] = [];
        const ls: Row[] = [];
        const rs: Row[] = [];
        const wantLate: Row[] = [];
        let dropped = 0;
        let wantDropped = 0;
        raw.forEach((s, i) => {
          if (s.restore && i > 0) {
            const fresh = make();
            fresh.restore([]);
            for (const d of deltas) fresh.applyDelta(d);
            expect(fresh.metrics.numRowsTotal).toBe(op.metrics.numRowsTotal);
            op = fresh;
          }
          const ctx = { batchId: i, watermark: wm, previousWatermark: prev };
          op.metrics.numRowsDroppedByWatermark = 0;
          for (const side of [0, 1] as const) {
            const rows = side === 0 ? s.left : s.right;
            if (!rows.length) continue;
            const base = lateByPrevious[side] ? prev : wm;
            for (const r of rows) {
              const t = r[1] as number | null;
              if (t !== null && base !== undefined && t <= base) {
                wantDropped++;
                wantLate.push(side === 0 ? [...r, null, null, t] : [null, null, null, ...r, t]);
              } else (side === 0 ? ls : rs).push(r);
            }
            got.push(...op.process(batchFromRows(side === 0 ? L3 : R3, rows), ctx, side).flatMap((b) => rowsFromBatch(b, n.schema)));
          }
          got.push(...op.finish(ctx).flatMap((b) => rowsFromBatch(b, n.schema)));
          dropped += op.metrics.numRowsDroppedByWatermark;
          gotLate.push(...op.takeLate().flatMap((b) => rowsFromBatch(b, lateRowsSchema(n.schema, 'event'))));
          deltas.push(roundTrip(op.takeDelta()));
          prev = wm;
          wm = (wm ?? 0) + s.step * S;
        });
        const want: Row[] = [];
        for (const l of ls) {
          for (const r of rs) {
            if (l[0] === null || l[0] !== r[0]) continue;
            if (ranged && (l[2] === null || r[1] === null || (r[1] as number) - (l[2] as number) < lo || (r[1] as number) - (l[2] as number) > hi)) continue;
            want.push([...l, ...r]);
          }
        }
        expect(sorted(got)).toEqual(sorted(want));
        expect(dropped).toBe(wantDropped);
        expect(sorted(gotLate)).toEqual(lateRows ? sorted(wantLate) : []);
      }), { numRuns: 300 });
  });
});

// A fourth shape: keys that are expressions (CAST(l.k AS BIGINT) = r.k, as the binder makes an INT = BIGINT; and
// lower(l.s) = lower(r.s)).
const L4: Schema = [f('k', 'INT'), f('s', 'STRING'), f('lt', 'TIMESTAMP')];
const R4: Schema = [f('k', 'BIGINT'), f('s', 'STRING'), f('rt', 'TIMESTAMP')];
const col4 = (i: number): BoundExpr => ({ kind: 'column', index: i, type: [...L4, ...R4][i]!.type, name: [...L4, ...R4][i]!.name });
const lower4 = (i: number): BoundExpr => ({ kind: 'call', fn: 'lower', args: [col4(i)], type: 'STRING' });

describe('IntervalJoinOperator: expression keys', () => {
  it('property: joins on CAST(l.k AS BIGINT) = r.k AND lower(l.s) = lower(r.s) within the range, across restores', () => {
    const str = fc.option(fc.constantFrom('a', 'A', 'b', ''), { nil: null, freq: 6 });
    const row = fc.tuple(key, str, time).map((t): Row => [...t]);
    fc.assert(fc.property(
      fc.constantFrom<JoinType>('inner', 'left', 'right', 'full'), fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 4 }),
      fc.array(fc.record({ left: fc.array(row, { maxLength: 5 }), right: fc.array(row, { maxLength: 5 }), step: fc.integer({ min: 0, max: 6 }), restore: fc.boolean() }), { minLength: 1, maxLength: 6 }),
      (joinType, lo0, width, raw) => {
        const lo = lo0 * S;
        const hi = lo + width * S;
        const keys = and(cmp('=', { kind: 'cast', operand: col4(0), type: 'BIGINT' }, col4(3)), cmp('=', lower4(1), lower4(4)));
        const condition = and(keys, and(cmp('>=', col4(5), plus(col4(2), lo)), cmp('<=', col4(5), plus(col4(2), hi))));
        const scan = (s: Schema): PhysicalNode => ({ kind: 'scan', relation: 'x', relationKind: 'source', streaming: true, schema: s });
        const n: Extract<PhysicalNode, { kind: 'join' }> = {
          kind: 'join', id: 1, left: scan(L4), right: scan(R4), joinType, condition, schema: [...L4, ...R4], bounds: timeBounds(condition, L4.length), lags: [0, 0],
        };
        let op = new IntervalJoinOperator(n, n.bounds, 1);
        const deltas: arrow.RecordBatch[] = [];
        const got: Row[] = [];
        const ls: Row[] = [];
        const rs: Row[] = [];
        let wm: number | undefined;
        const steps = [...raw, { left: [], right: [], step: 0, restore: false }];
        steps.forEach((s, i) => {
          if (s.restore && i > 0) {
            const fresh = new IntervalJoinOperator(n, n.bounds, 1);
            fresh.restore([]);
            for (const d of deltas) fresh.applyDelta(d);
            op = fresh;
          }
          // The last step moves the watermark past every row, so outer joins pad what never matched.
          const at = i === steps.length - 1 ? 1000 * S : wm;
          const ctx = { batchId: i, watermark: at, previousWatermark: undefined };
          const live = (r: Row): boolean => r[2] === null || at === undefined || (r[2] as number) > at;
          ls.push(...s.left.filter(live));
          rs.push(...s.right.filter(live));
          if (s.left.length) got.push(...op.process(batchFromRows(L4, s.left), ctx, 0).flatMap((b) => rowsFromBatch(b, n.schema)));
          if (s.right.length) got.push(...op.process(batchFromRows(R4, s.right), ctx, 1).flatMap((b) => rowsFromBatch(b, n.schema)));
          got.push(...op.finish(ctx).flatMap((b) => rowsFromBatch(b, n.schema)));
          deltas.push(roundTrip(op.takeDelta()));
          wm = (wm ?? 0) + s.step * S;
        });
        const want: Row[] = [];
        const lm = new Set<number>();
        const rm = new Set<number>();
        ls.forEach((l, a) => rs.forEach((r, b) => {
          const d = (r[2] as number) - (l[2] as number);
          if (l[0] === null || l[0] !== r[0] || l[1] === null || r[1] === null || (l[1] as string).toLowerCase() !== (r[1] as string).toLowerCase()) return;
          if (l[2] === null || r[2] === null || d < lo || d > hi) return;
          want.push([...l, ...r]);
          lm.add(a);
          rm.add(b);
        }));
        if (joinType === 'left' || joinType === 'full') ls.forEach((l, a) => { if (!lm.has(a)) want.push([...l, null, null, null]); });
        if (joinType === 'right' || joinType === 'full') rs.forEach((r, b) => { if (!rm.has(b)) want.push([null, null, null, ...r]); });
        expect(sorted(got)).toEqual(sorted(want));
        expect(op.metrics.numRowsTotal).toBe(0);
      }), { numRuns: 200 });
  });
});
