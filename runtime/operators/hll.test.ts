// approx_count_distinct: hash reference vectors, accuracy, exact small sets, merges equal to the union's sketch, Arrow
// IPC state round trips, NULL / -0 / NaN / types, and sliding windows with panes and mid-stream restores.

import fc from 'fast-check';
import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { DataType } from '../../common/types.js';
import { isTidemarkError } from '../../common/errors.js';
import type { ScalarValue } from '../../planner/bound-expr.js';
import type { PhysicalNode } from '../../planner/physical-plan.js';
import { batchFromRows, rowsFromBatch, vecFromValues } from '../values.js';
import { batchFromVecs, column, type Vec } from '../vec.js';
import { encoder, strAt, type StrVec } from '../kernels/utf8.js';
import { makeAccumulator, type Accumulator } from './accumulators.js';
import { AggregateOperator } from './aggregate.js';
import { HLL_EXPLICIT_MAX, HLL_M, murmur3x86, murmur3x86Words } from './hll.js';
import { ipcFile } from '../ipc.js';

/** Relative standard error of p = 12 registers: 1.04 / sqrt(4096). */
const STD_ERROR = 1.04 / Math.sqrt(HLL_M);

function acc(type: DataType = 'DOUBLE', groups = 1): Accumulator {
  const a = makeAccumulator({ fn: 'approx_count_distinct', arg: { kind: 'column', index: 0, type, name: 'x' }, type: 'BIGINT' });
  a.grow(groups);
  for (let g = 0; g < groups; g++) a.reset(g);
  return a;
}

/** Folds every row of `v` into group `g`. */
function feed(a: Accumulator, v: Vec, g = 0): void {
  const groups = new Int32Array(v.length).fill(g);
  const rows = Int32Array.from({ length: v.length }, (_, i) => i);
  a.update(groups, rows, v.length, v);
}

const estimate = (a: Accumulator, g = 0): number => (a.emit([g], 1) as Extract<Vec, { kind: 'f64' }>).values[0]!;
const stateText = (a: Accumulator, g = 0): string => strAt(a.saveState([g], 1)[0] as StrVec, 0);
const countOf = (values: readonly ScalarValue[], type: DataType = 'DOUBLE'): number => {
  const a = acc(type);
  feed(a, vecFromValues(values, type));
  return estimate(a);
};

/** `n` distinct numbers (integers, fractions or large magnitudes per `kind`), salted by `seed`. */
function numbers(n: number, seed: number, kind: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = kind === 0 ? seed * 1e6 + i : kind === 1 ? (seed + i) * 0.37 : (i - n / 2) * 1e15 + seed;
  return out;
}

const hex = (out: Int32Array): string => [...out].map((w) => (w >>> 0).toString(16).padStart(8, '0')).join('');

describe('MurmurHash3_x86_128', () => {
  it('matches the reference implementation (seed 0, words h1..h4)', () => {
    const cases: [string, string][] = [
      ['', '00000000000000000000000000000000'],
      ['H', 'f69feb5df45637a0f45637a0f45637a0'],
      ['Hello', '2360ae465e6336c6ad45b3f4ad45b3f4'],
      ['Hello World!', '6bee9883eb1be4f59dfb7172ae3fbea9'],
      ['Hello World! Hello', '453fc5363af752fbaa52e054540a402c'],
      ['Hello World! Hello World! Hello World!', '0097c20b59c7de4e21bf270576dcfc2f'],
      ['メロスは激怒した', 'f98668d0c1c656582d35b90511938718'],
    ];
    const out = new Int32Array(4);
    for (const [s, want] of cases) {
      const b = encoder.encode(s);
      murmur3x86(b, 0, b.length, 0, out);
      expect(hex(out), s).toBe(want);
    }
  });

  it('property: the two-word form equals hashing the 8 little-endian bytes', () => {
    const a = new Int32Array(4);
    const b = new Int32Array(4);
    fc.assert(fc.property(fc.integer(), fc.integer(), (lo, hi) => {
      const bytes = new Uint8Array(new Uint32Array([lo >>> 0, hi >>> 0]).buffer);
      murmur3x86(bytes, 0, 8, 0, a);
      murmur3x86Words(lo, hi, 0, b);
      expect([...b]).toEqual([...a]);
    }));
  });
});

describe('approx_count_distinct accuracy', () => {
  // A fixed seed: the bound is statistical (3 standard errors fail about 0.3% of sets by design), so a random seed
  // would make the suite flaky; the sets still vary in size, kind and duplication.
  it('property: within 3 standard errors of the exact count for 0..200,000 distinct values, exact up to 256', () => {
    fc.assert(fc.property(
      fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 200_000 })),
      fc.integer({ min: 0, max: 1000 }),
      fc.integer({ min: 0, max: 3 }),
      fc.integer({ min: 1, max: 3 }),
      (n, seed, kind, copies) => {
        const a = acc(kind === 3 ? 'STRING' : 'DOUBLE');
        let v: Vec;
        if (kind === 3) {
          v = vecFromValues(Array.from({ length: n }, (_, i) => `user-${seed}-${i}`), 'STRING');
        } else {
          v = { kind: 'f64', length: n, values: numbers(n, seed, kind), valid: null };
        }
        // Every value arrives `copies` times, the repeats in a second pass (duplicates must not count).
        for (let c = 0; c < copies; c++) feed(a, v);
        const e = estimate(a);
        if (n <= HLL_EXPLICIT_MAX) expect(e).toBe(n);
        else expect(Math.abs(e - n)).toBeLessThanOrEqual(3 * STD_ERROR * n);
      },
    ), { seed: 20240501, numRuns: 24 });
  });

  it('counts fewer than 100 distinct values exactly, whatever the values', () => {
    fc.assert(fc.property(fc.array(fc.double(), { maxLength: 99 }), (xs) => {
      expect(countOf(xs)).toBe(new Set(xs).size);
    }));
    fc.assert(fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 6 }), { maxLength: 99 }), (xs) => {
      expect(countOf(xs, 'STRING')).toBe(new Set(xs).size);
    }));
  });

  it('stays within 3 standard errors just past the exact range, where registers take over', () => {
    for (let seed = 0; seed < 20; seed++) {
      const a = acc();
      const xs = numbers(600, seed, 0);
      for (let n = 1; n <= xs.length; n++) {
        feed(a, { kind: 'f64', length: 1, values: xs.subarray(n - 1, n), valid: null });
        const e = estimate(a);
        if (n <= HLL_EXPLICIT_MAX) expect(e).toBe(n);
        else expect(Math.abs(e - n)).toBeLessThanOrEqual(3 * STD_ERROR * n);
      }
    }
  });
});

describe('approx_count_distinct values', () => {
  it('ignores NULLs and gives 0 without values', () => {
    expect(countOf([1, null, 2, null, 1])).toBe(2);
    expect(countOf([null, null])).toBe(0);
    expect(countOf([])).toBe(0);
    expect(countOf(['a', null, 'b', 'a'], 'STRING')).toBe(2);
    fc.assert(fc.property(fc.array(fc.option(fc.integer({ min: -50, max: 50 }), { nil: null })), (xs) => {
      expect(countOf(xs, 'BIGINT')).toBe(new Set(xs.filter((x) => x !== null)).size);
    }));
  });

  it('counts -0 as 0 and every NaN as one value', () => {
    expect(countOf([0, -0])).toBe(1);
    expect(countOf([NaN, NaN, 0 / 0, 1])).toBe(2);
    expect(countOf([Infinity, -Infinity, Infinity])).toBe(2);
  });

  it('counts booleans, strings by their bytes (the empty string is a value), and timestamps', () => {
    expect(countOf([true, false, true, null], 'BOOLEAN')).toBe(2);
    expect(countOf([true, true], 'BOOLEAN')).toBe(1);
    expect(countOf(['a', 'é', 'e\u0301', '', '', 'a'], 'STRING')).toBe(4);
    expect(countOf([1_700_000_000_000_000, 1_700_000_000_000_001, 1_700_000_000_000_000], 'TIMESTAMP')).toBe(2);
  });

  it('keeps groups apart', () => {
    const a = acc('DOUBLE', 3);
    const xs = numbers(1000, 7, 0);
    const groups = Int32Array.from(xs, (_, i) => i % 3);
    const rows = Int32Array.from(xs, (_, i) => i);
    a.update(groups, rows, xs.length, { kind: 'f64', length: xs.length, values: xs, valid: null });
    const exact = [334, 333, 333];
    for (let g = 0; g < 3; g++) expect(Math.abs(estimate(a, g) - exact[g]!)).toBeLessThanOrEqual(3 * STD_ERROR * exact[g]!);
  });
});

/** Distinct counts that cover the explicit form, the switch to registers, sparse and dense register texts. */
const sizes = fc.oneof(
  fc.integer({ min: 0, max: HLL_EXPLICIT_MAX + 5 }),
  fc.integer({ min: 0, max: 2000 }),
  fc.integer({ min: 0, max: 40_000 }),
);

describe('approx_count_distinct merge', () => {
  it('property: merging sketches gives exactly the sketch of the union', () => {
    fc.assert(fc.property(sizes, sizes, fc.integer({ min: 0, max: 40_000 }), fc.boolean(), (na, nb, shift, intoFilled) => {
      // a holds [0, na), b holds [shift, shift + nb): any overlap, from none to total.
      const xa = numbers(na, 0, 0);
      const xb = numbers(nb, 0, 0).map((x) => x + shift);
      const a = acc();
      const b = acc();
      feed(a, { kind: 'f64', length: na, values: xa, valid: null });
      feed(b, { kind: 'f64', length: nb, values: xb, valid: null });
      const union = acc();
      feed(union, { kind: 'f64', length: na, values: xa, valid: null });
      feed(union, { kind: 'f64', length: nb, values: xb, valid: null });
      // Merge both into a fresh group (as window panes do) or b into a, which already holds values.
      const dst = intoFilled ? a : acc();
      if (!intoFilled) dst.merge(new Int32Array([0]), a, new Int32Array([0]), 1);
      dst.merge(new Int32Array([0]), b, new Int32Array([0]), 1);
      expect(stateText(dst)).toBe(stateText(union));
      expect(estimate(dst)).toBe(estimate(union));
    }), { numRuns: 40 });
  });

  it('merges several groups at once by the given ids', () => {
    const src = acc('STRING', 3);
    for (let g = 0; g < 3; g++) feed(src, vecFromValues(Array.from({ length: 100 * (g + 1) }, (_, i) => `v${i}`), 'STRING'), g);
    const dst = acc('STRING', 2);
    dst.merge(new Int32Array([1, 1, 0]), src, new Int32Array([0, 2, 1]), 3);
    expect(estimate(dst, 0)).toBe(200);
    expect(Math.abs(estimate(dst, 1) - 300)).toBeLessThanOrEqual(3 * STD_ERROR * 300);
    expect(stateText(dst, 1)).toBe(stateText(src, 2));
  });
});

describe('approx_count_distinct state', () => {
  function throughIpc(cols: Vec[], n: number): Vec[] {
    const batch = batchFromVecs([{ name: 's', type: 'STRING', nullable: true }], cols, n);
    const back = arrow.tableFromIPC(ipcFile([batch])).batches[0]!;
    return [column(back, 0, 'STRING')];
  }

  it('property: saveState / loadState through Arrow IPC restores identical sketches', () => {
    fc.assert(fc.property(fc.array(sizes, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 3 }), (ns, kind) => {
      const type: DataType = kind === 3 ? 'STRING' : 'DOUBLE';
      const a = acc(type, ns.length);
      const vecs = ns.map((n, g) => (type === 'STRING'
        ? vecFromValues(Array.from({ length: n }, (_, i) => `k${g}:${i}`), 'STRING')
        : { kind: 'f64', length: n, values: numbers(n, g, kind), valid: null } satisfies Vec));
      vecs.forEach((v, g) => feed(a, v, g));
      const ids = ns.map((_, g) => g);
      const saved = a.saveState(ids, ids.length);
      // Load into other group ids of a fresh accumulator whose groups held something else before.
      const b = acc(type, ns.length + 2);
      feed(b, vecFromValues(type === 'STRING' ? ['junk'] : [123], type), 2);
      const targets = ids.map((g) => g + 2);
      b.loadState(targets, throughIpc(saved, ids.length), ids.length);
      expect(strAt(b.saveState(targets, targets.length)[0] as StrVec, 0)).toBe(strAt(saved[0] as StrVec, 0));
      expect(b.emit(targets, targets.length)).toEqual(a.emit(ids, ids.length));
      // Restored sketches go on exactly like the originals.
      const more = type === 'STRING'
        ? vecFromValues(Array.from({ length: 300 }, (_, i) => `more${i}`), 'STRING')
        : { kind: 'f64', length: 300, values: numbers(300, 99, 1), valid: null } satisfies Vec;
      feed(a, more, 0);
      feed(b, more, 2);
      expect(stateText(b, 2)).toBe(stateText(a, 0));
    }), { numRuns: 30 });
  });

  it('saves an empty sketch for groups never allocated (a delta\'s deleted rows) and loads it as 0', () => {
    const a = makeAccumulator({ fn: 'approx_count_distinct', arg: { kind: 'column', index: 0, type: 'INT', name: 'x' }, type: 'BIGINT' });
    const saved = a.saveState([0], 1);
    const b = acc();
    feed(b, vecFromValues([1, 2], 'INT'));
    b.loadState([0], throughIpc(saved, 1), 1);
    expect(estimate(b)).toBe(0);
  });

  it('rejects corrupt state with a CHECKPOINT_ERROR', () => {
    for (const text of ['', 'Hx', 'HAe', 'HMeAAAA', 'HMd' + 'A'.repeat(10), 'HMs' + 'AA~', 'HMs' + 'AA/']) {
      const b = acc();
      let code: string | undefined;
      try {
        b.loadState([0], [vecFromValues([text], 'STRING')], 1);
      } catch (e) {
        code = isTidemarkError(e) ? e.code : 'not a TidemarkError';
      }
      expect(code, text).toBe('CHECKPOINT_ERROR');
    }
  });
});

describe('approx_count_distinct in a sliding-window aggregation', () => {
  const S = 1_000_000;
  const input = [
    { name: 'ts', type: 'TIMESTAMP', nullable: true }, { name: 'k', type: 'INT', nullable: true }, { name: 'v', type: 'BIGINT', nullable: true },
  ] as const satisfies readonly { name: string; type: DataType; nullable: boolean }[];
  const node: Extract<PhysicalNode, { kind: 'aggregate' }> = {
    kind: 'aggregate', id: 3, input: { kind: 'scan', relation: 'events', relationKind: 'source', streaming: true, schema: input },
    keys: [{ kind: 'column', index: 1, type: 'INT', name: 'k' }],
    window: { kind: 'hop', time: { kind: 'column', index: 0, type: 'TIMESTAMP', name: 'ts' }, sizeMicros: 10 * S, slideMicros: 5 * S, startMicros: 0 },
    aggs: [
      { fn: 'approx_count_distinct', arg: { kind: 'column', index: 2, type: 'BIGINT', name: 'v' }, type: 'BIGINT' },
      { fn: 'count_star', arg: undefined, type: 'BIGINT' },
    ],
    schema: [
      { name: 'window_start', type: 'TIMESTAMP', nullable: false }, { name: 'window_end', type: 'TIMESTAMP', nullable: false },
      { name: 'k', type: 'INT', nullable: true }, { name: 'users', type: 'BIGINT', nullable: false }, { name: 'n', type: 'BIGINT', nullable: false },
    ],
    stateful: true, eventTimeColumn: 1, dedup: false, lag: 0,
  };
  const ipc = (b: arrow.RecordBatch): arrow.RecordBatch => arrow.tableFromIPC(ipcFile([b])).batches[0]!;

  // Five batches of 4,000 rows over 25 seconds, two keys, values mostly distinct (register sketches, not exact sets)
  // with NULLs; a final no-data batch at a far watermark closes every window.
  const batches: ScalarValue[][][] = Array.from({ length: 5 }, (_, b) => Array.from({ length: 4000 }, (_, i) => {
    const r = b * 4000 + i;
    return [Math.floor(r * 25 * S / 20_000), r % 2, r % 11 === 0 ? null : (r * 7919) % 15_000];
  }));
  batches.push([]);
  const watermarks = [undefined, 5 * S, 10 * S, 15 * S, 20 * S, 1000 * S];

  function run(restoreAt: number | undefined, how: 'deltas' | 'snapshot', panes: boolean): string[][] {
    let op = new AggregateOperator(node, input, 'append', { panes });
    const deltas: arrow.RecordBatch[] = [];
    return batches.map((rows, i) => {
      if (i === restoreAt) {
        const next = new AggregateOperator(node, input, 'append', { panes });
        if (how === 'snapshot') next.restore(op.snapshot().map(ipc));
        else {
          next.restore([]);
          for (const d of deltas) next.applyDelta(d);
        }
        op = next;
      }
      const ctx = { batchId: i, watermark: watermarks[i], previousWatermark: i > 0 ? watermarks[i - 1] : undefined };
      const out = [...(op.begin?.(ctx) ?? [])];
      if (rows.length) out.push(...op.process(batchFromRows(input, rows), ctx));
      out.push(...op.finish(ctx));
      deltas.push(ipc(op.takeDelta()));
      return out.flatMap((b) => rowsFromBatch(b, node.schema)).map((r) => JSON.stringify(r)).sort();
    });
  }

  it('emits the same sketches with panes, without them, and after restoring from deltas or a snapshot mid-stream', () => {
    const want = run(undefined, 'deltas', false);
    expect(run(undefined, 'deltas', true)).toEqual(want);
    expect(run(3, 'deltas', true)).toEqual(want);
    expect(run(2, 'snapshot', true)).toEqual(want);
    expect(run(4, 'snapshot', false)).toEqual(want);
    // And each window's estimate is within 3 standard errors of its exact distinct count.
    const all = batches.flat();
    let windows = 0;
    for (const line of want.flat()) {
      const [ws, we, k, users] = JSON.parse(line) as [number, number, number, number];
      const exact = new Set(all.filter(([ts, kk, v]) => kk === k && v !== null && (ts as number) >= ws && (ts as number) < we).map((r) => r[2])).size;
      expect(exact).toBeGreaterThan(HLL_EXPLICIT_MAX);
      expect(Math.abs(users - exact)).toBeLessThanOrEqual(3 * STD_ERROR * exact);
      windows++;
    }
    expect(windows).toBe(12);
  });
});
