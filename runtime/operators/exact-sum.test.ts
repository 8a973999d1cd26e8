import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Vec } from '../vec.js';
import { ExactSumAcc } from './exact-sum.js';

const LIMIT = 2 ** 53 - 1;
const int = fc.oneof(fc.integer({ min: -LIMIT, max: LIMIT }), fc.constantFrom(LIMIT, -LIMIT, 1, -1, 0, 2 ** 52, -(2 ** 52)));
const vec = (xs: readonly number[], valid: Uint8Array | null = null): Vec => ({ kind: 'f64', length: xs.length, values: Float64Array.from(xs), valid });
/** The exact sum, rounded once to the nearest float64 (what the accumulator must give). */
const exact = (xs: readonly number[]): number => Number(xs.reduce((s, x) => s + BigInt(x), 0n));

function summed(groupsOf: readonly number[], xs: readonly number[], groups: number): ExactSumAcc {
  const acc = new ExactSumAcc();
  acc.grow(groups);
  for (let g = 0; g < groups; g++) acc.reset(g);
  acc.update(Int32Array.from(groupsOf), Int32Array.from(xs.keys()), xs.length, vec(xs));
  return acc;
}

const emitted = (acc: ExactSumAcc, ids: readonly number[]): Extract<Vec, { kind: 'f64' }> => acc.emit(ids, ids.length) as Extract<Vec, { kind: 'f64' }>;

describe('ExactSumAcc', () => {
  it('gives the exact sum (rounded once) however far the partial sums go past 2^53', () => {
    fc.assert(fc.property(fc.array(int, { minLength: 1, maxLength: 60 }), (xs) => {
      expect(emitted(summed(xs.map(() => 0), xs, 1), [0]).values[0]).toBe(exact(xs));
    }));
  });

  it('2^53 - 1 + 2 - (2^53 - 1) is 2 (a float64 running sum gave 1)', () => {
    expect(emitted(summed([0, 0, 0], [LIMIT, 2, -LIMIT], 1), [0]).values[0]).toBe(2);
  });

  it('keeps groups apart, skips NULL rows, and is NULL for a group with none', () => {
    const acc = new ExactSumAcc();
    acc.grow(3);
    for (let g = 0; g < 3; g++) acc.reset(g);
    acc.update(Int32Array.from([0, 1, 0, 2]), Int32Array.from([0, 1, 2, 3]), 4, vec([LIMIT, 5, LIMIT, 7], Uint8Array.from([1, 1, 1, 0])));
    const out = emitted(acc, [0, 1, 2]);
    expect([out.values[0], out.values[1]]).toEqual([exact([LIMIT, LIMIT]), 5]);
    expect(Array.from(out.valid!)).toEqual([1, 1, 0]);
  });

  it('merges (window panes, sessions) and round-trips its state exactly', () => {
    fc.assert(fc.property(fc.array(int, { maxLength: 30 }), fc.array(int, { maxLength: 30 }), (a, b) => {
      const x = summed(a.map(() => 0), a, 1);
      const y = summed(b.map(() => 0), b, 1);
      const restored = new ExactSumAcc();
      restored.grow(1);
      restored.reset(0);
      restored.loadState([0], y.saveState([0], 1), 1);
      x.merge(Int32Array.from([0]), restored, Int32Array.from([0]), 1);
      const out = emitted(x, [0]);
      if (a.length + b.length === 0) expect(out.valid![0]).toBe(0);
      else expect(out.values[0]).toBe(exact([...a, ...b]));
    }));
  });
});
