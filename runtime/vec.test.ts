// Arrow <-> kernel vector conversions: 64-bit words without BigInt, and the shared conversion of a column.

import * as arrow from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { f64ToInt64, fromArrow, int64ToF64, toArrow, type Vec } from './vec.js';

const safeInt = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });

describe('int64 words', () => {
  it('property: f64ToInt64 writes exactly BigInt(v) and int64ToF64 reads it back, for every safe integer', () => {
    fc.assert(fc.property(fc.array(fc.oneof(safeInt, fc.integer(), fc.constantFrom(0, -1, 2 ** 32, -(2 ** 32), 2 ** 31))), (vals) => {
      const out = f64ToInt64(Float64Array.from(vals), vals.length);
      expect([...out]).toEqual(vals.map((v) => BigInt(v)));
      expect([...int64ToF64(out, vals.length)]).toEqual(vals.map((v) => v + 0));
    }), { numRuns: 500 });
  });

  it('truncates fractions toward zero and stores NaN as 0', () => {
    expect([...f64ToInt64(Float64Array.of(5.7, -5.7, NaN), 3)]).toEqual([5n, -5n, 0n]);
  });
});

describe('fromArrow', () => {
  it('converts a BIGINT column once however many operators read it, and a new column afresh', () => {
    const a = arrow.makeData({ type: new arrow.Int64(), length: 2, data: BigInt64Array.of(1n, -2n) });
    const b = arrow.makeData({ type: new arrow.Int64(), length: 2, data: BigInt64Array.of(3n, 4n) });
    const first = fromArrow(a, 'BIGINT');
    expect(fromArrow(a, 'BIGINT')).toBe(first);
    expect(first.kind === 'f64' && [...first.values]).toEqual([1, -2]);
    const other = fromArrow(b, 'BIGINT');
    expect(other).not.toBe(first);
    expect(other.kind === 'f64' && [...other.values]).toEqual([3, 4]);
  });

  it('property: a BIGINT or TIMESTAMP column built by toArrow reads back as the vector it was built from when every value was stored exactly, else as what was stored', () => {
    const value = fc.oneof(safeInt, fc.constantFrom(2.5, -0.5, NaN, Infinity, 2 ** 64, -(2 ** 70), 1e300));
    fc.assert(fc.property(fc.array(value, { maxLength: 8 }), fc.constantFrom('BIGINT' as const, 'TIMESTAMP' as const), (vals, type) => {
      const v: Vec = { kind: 'f64', length: vals.length, values: Float64Array.from(vals), valid: null };
      const d = toArrow(v, type);
      const back = fromArrow(d, type);
      const stored = [...(d.values as BigInt64Array)].map((x) => Number(x));
      expect(back.kind === 'f64' && [...back.values.subarray(0, vals.length)]).toEqual(stored);
      // Exact values come back without a conversion: the very vector.
      expect(back === v).toBe(vals.every((x, i) => stored[i] === x));
    }), { numRuns: 300 });
  });
});
