// Numeric kernels: ROUND half away from zero (on the shortest decimal form, like Spark), INT wrapping, `%` by zero,
// `/` always DOUBLE, floor/ceil, and no negative zero leaking out of integer lanes.

import { describe, expect, it } from 'vitest';
import type { DataType } from '../../common/types.js';
import type { ArithOp, BoundExpr, ScalarFn, ScalarValue } from '../../planner/bound-expr.js';
import { valuesFromVec, vecFromValues } from '../values.js';
import { compileExpr, evalInput } from './compile-expr.js';
import { roundHalfUp } from './numeric.js';

function run(e: BoundExpr, cols: readonly (readonly [readonly ScalarValue[], DataType])[] = []): ScalarValue[] {
  const n = cols[0]?.[0].length ?? 1;
  return valuesFromVec(compileExpr(e)(evalInput(n, (i) => vecFromValues(cols[i]![0], cols[i]![1]))));
}

const col = (index: number, type: DataType): BoundExpr => ({ kind: 'column', index, type, name: `c${index}` });
const lit = (value: ScalarValue, type: DataType): BoundExpr => ({ kind: 'literal', value, type });
const call = (fn: ScalarFn, args: readonly BoundExpr[], type: DataType): BoundExpr => ({ kind: 'call', fn, args, type });
const arith = (op: ArithOp, l: BoundExpr, r: BoundExpr, type: DataType): BoundExpr => ({ kind: 'arith', op, left: l, right: r, type });
const cast = (operand: BoundExpr, type: DataType): BoundExpr => ({ kind: 'cast', operand, type });

/** Evaluates `f(column)` over values of type `t`, so the vectorized path (not literal folding) is exercised. */
const over = (t: DataType, vals: readonly ScalarValue[], f: (x: BoundExpr) => BoundExpr): ScalarValue[] => run(f(col(0, t)), [[vals, t]]);

describe('round (half away from zero)', () => {
  it.each([
    [2.5, 0, 3], [-2.5, 0, -3], [0.5, 0, 1], [-0.5, 0, -1], [1.5, 0, 2], [2.4, 0, 2], [-2.6, 0, -3],
    [1.25, 1, 1.3], [-1.25, 1, -1.3], [0.125, 2, 0.13], [3.14159, 2, 3.14], [3.14159, 4, 3.1416],
    // Spark rounds the shortest decimal form: 1.005 is "1.005" although the double is 1.00499999999999989...
    [1.005, 2, 1.01], [2.675, 2, 2.68], [0.285, 2, 0.29], [8.345, 2, 8.35], [1.0049, 3, 1.005],
    // ... and the other way round: 2.4999999999999996 is not 2.5.
    [2.4999999999999996, 0, 2], [0.49999999999999994, 0, 0], [-2.4999999999999996, 0, -2],
    // Large magnitudes keep every integer digit; no overflow to Infinity.
    [1234567890123456, 0, 1234567890123456], [1234567890123456, 2, 1234567890123456], [1000000000000000.5, 0, 1000000000000001],
    [-361408669451247, 2, -361408669451247], [1e300, 10, 1e300], [1.7976931348623157e308, 2, 1.7976931348623157e308],
    // Negative digits round to tens, hundreds...
    [15, -1, 20], [25, -1, 30], [-25, -1, -30], [149, -2, 100], [150, -2, 200], [1234.5678, -2, 1200], [7, -1, 10], [4, -1, 0],
    // Tiny values.
    [1.5e-7, 6, 0], [1.5e-7, 7, 2e-7], [5e-324, 2, 0], [0.0001, 3, 0], [0.0005, 3, 0.001],
  ])('round(%d, %d) = %d', (v, d, want) => {
    expect(roundHalfUp(v, d)).toBe(want);
    expect(over('DOUBLE', [v], (x) => call('round', [x, lit(d, 'INT')], 'DOUBLE'))).toEqual([want]);
  });

  it('never returns negative zero; keeps NaN and infinities; passes NULL through', () => {
    expect(Object.is(roundHalfUp(-0.4, 0), 0)).toBe(true);
    expect(Object.is(roundHalfUp(-0.001, 2), 0)).toBe(true);
    expect(Object.is(roundHalfUp(-0, 0), 0)).toBe(true);
    expect(roundHalfUp(NaN, 0)).toBeNaN();
    expect(roundHalfUp(-Infinity, 2)).toBe(-Infinity);
    expect(over('DOUBLE', [null, 1.5], (x) => call('round', [x, lit(0, 'INT')], 'DOUBLE'))).toEqual([null, 2]);
  });

  it('on integers: identity for digits >= 0, half up for negative digits, INT wraps like Spark', () => {
    const r = (t: DataType, vals: readonly ScalarValue[], d: number): ScalarValue[] => over(t, vals, (x) => call('round', [x, lit(d, 'INT')], t));
    expect(r('INT', [7, -7, null], 2)).toEqual([7, -7, null]);
    expect(r('INT', [15, -15, 14, 2147483647], -1)).toEqual([20, -20, 10, -2147483646]);
    expect(r('BIGINT', [2147483647, 123456789012345], -3)).toEqual([2147484000, 123456789012000]);
  });
});

describe('integer arithmetic', () => {
  const int2 = (op: ArithOp, xs: readonly number[], ys: readonly number[]): ScalarValue[] =>
    run(arith(op, col(0, 'INT'), col(1, 'INT'), 'INT'), [[xs, 'INT'], [ys, 'INT']]);

  it('INT + - * wrap to 32 bits', () => {
    expect(int2('+', [2147483647, -2147483648, 5], [1, -1, -7])).toEqual([-2147483648, 2147483647, -2]);
    expect(int2('-', [-2147483648, 2147483647], [1, -1])).toEqual([2147483647, -2147483648]);
    expect(int2('*', [65536, 2147483647, 123456789, -3], [65536, 2, 987654321, 4])).toEqual([0, -2, -67153019, -12]);
  });

  it('unary minus and abs of INT_MIN wrap to INT_MIN', () => {
    expect(over('INT', [-2147483648, 5, null], (x) => ({ kind: 'negate', operand: x, type: 'INT' }))).toEqual([-2147483648, -5, null]);
    expect(over('INT', [-2147483648, -5, null], (x) => call('abs', [x], 'INT'))).toEqual([-2147483648, 5, null]);
    expect(over('BIGINT', [-2147483648], (x) => call('abs', [x], 'BIGINT'))).toEqual([2147483648]);
  });

  it('% truncates toward zero and is NULL for a zero divisor (INT and BIGINT)', () => {
    // (Integer lanes may hold -0 here, which is the integer 0; the -0 check is on the DOUBLE side below.)
    const plain = (vs: ScalarValue[]): ScalarValue[] => vs.map((v) => (v === 0 ? 0 : v));
    expect(plain(int2('%', [7, -7, 7, 7, -2147483648, 0, -4], [3, 3, -3, 0, -1, 5, 2]))).toEqual([1, -1, 1, null, 0, 0, 0]);
    const big = run(arith('%', col(0, 'BIGINT'), col(1, 'BIGINT'), 'BIGINT'), [[[10000000000, 10000000000, null], 'BIGINT'], [[3, 0, 0], 'BIGINT']]);
    expect(big).toEqual([1, null, null]);
  });

  it('BIGINT arithmetic is exact within 2^53', () => {
    const e = arith('+', col(0, 'BIGINT'), lit(1, 'BIGINT'), 'BIGINT');
    expect(run(e, [[[2 ** 52, -(2 ** 52)], 'BIGINT']])).toEqual([2 ** 52 + 1, -(2 ** 52) + 1]);
    const m = arith('*', col(0, 'BIGINT'), col(1, 'BIGINT'), 'BIGINT');
    expect(run(m, [[[3000000000], 'BIGINT'], [[3000], 'BIGINT']])).toEqual([9000000000000]);
  });

  it('/ is DOUBLE: 7 / 2 = 3.5, and division by zero follows IEEE (Infinity, NaN) as the golden files pin', () => {
    const div = (x: number, y: number): ScalarValue => run(arith('/', cast(lit(x, 'INT'), 'DOUBLE'), cast(lit(y, 'INT'), 'DOUBLE'), 'DOUBLE'))[0]!;
    expect(div(7, 2)).toBe(3.5);
    expect(div(-7, 2)).toBe(-3.5);
    expect(div(1, 0)).toBe(Infinity);
    expect(div(0, 0)).toBeNaN();
  });

  it('integer results never surface as -0.0 when cast to DOUBLE', () => {
    // -4 % 2 and 0 * -5 are -0 in IEEE arithmetic; as SQL integers they are plain 0.
    const zeros = [
      arith('%', lit(-4, 'INT'), col(0, 'INT'), 'INT'),
      arith('%', cast(lit(-4, 'INT'), 'BIGINT'), cast(col(0, 'INT'), 'BIGINT'), 'BIGINT'),
      arith('*', lit(0, 'BIGINT'), cast(lit(-5, 'INT'), 'BIGINT'), 'BIGINT'),
      { kind: 'negate', operand: cast(lit(0, 'INT'), 'BIGINT'), type: 'BIGINT' } as BoundExpr,
      cast(lit(-0.5, 'DOUBLE'), 'INT'),
      call('ceil', [lit(-0.5, 'DOUBLE')], 'BIGINT'),
    ];
    for (const z of zeros) {
      const [v] = run(cast(z, 'DOUBLE'), [[[2], 'INT']]);
      expect(Object.is(v, 0), `CAST(${JSON.stringify(z)} AS DOUBLE) = ${String(v)}`).toBe(true);
      expect(run(cast(cast(z, 'DOUBLE'), 'STRING'), [[[2], 'INT']])).toEqual(['0.0']);
    }
  });
});

describe('floor, ceil, abs, greatest, least', () => {
  it('floor and ceil return BIGINT and round toward -inf / +inf', () => {
    expect(over('DOUBLE', [2.7, -2.5, 3, -0.1, null], (x) => call('floor', [x], 'BIGINT'))).toEqual([2, -3, 3, -1, null]);
    expect(over('DOUBLE', [2.1, -2.1, 4, 0.1, null], (x) => call('ceil', [x], 'BIGINT'))).toEqual([3, -2, 4, 1, null]);
    expect(over('INT', [-7], (x) => call('floor', [x], 'BIGINT'))).toEqual([-7]);
  });

  it('abs of DOUBLE, including -0.0', () => {
    const got = over('DOUBLE', [-2.5, 0, -0, null], (x) => call('abs', [x], 'DOUBLE'));
    expect(got.slice(0, 2)).toEqual([2.5, 0]);
    expect(Object.is(got[2], 0)).toBe(true);
    expect(got[3]).toBeNull();
  });

  it('greatest and least skip NULLs and are NULL only when all are NULL', () => {
    const cols = [[[3, null, null, -1], 'INT'], [[7, 4, null, -1], 'INT'], [[5, 2, null, -2], 'INT']] as const;
    const args = [col(0, 'INT'), col(1, 'INT'), col(2, 'INT')];
    expect(run(call('greatest', args, 'INT'), cols)).toEqual([7, 4, null, -1]);
    expect(run(call('least', args, 'INT'), cols)).toEqual([3, 2, null, -2]);
  });

  it('coalesce and nullif on numbers', () => {
    const cols = [[[null, 1, null], 'INT'], [[2, 3, null], 'INT']] as const;
    expect(run(call('coalesce', [col(0, 'INT'), col(1, 'INT'), lit(9, 'INT')], 'INT'), cols)).toEqual([2, 1, 9]);
    const nullif = run(call('nullif', [col(0, 'DOUBLE'), lit(0, 'DOUBLE')], 'DOUBLE'), [[[0, -0, 5, null], 'DOUBLE']]);
    expect(nullif).toEqual([null, null, 5, null]);
  });
});
