// CAST corner cases: unparseable strings give NULL, out-of-range numbers give NULL (try_cast), timestamps to and
// from numbers and strings, booleans, and NULL passing through every cast.

import { describe, expect, it } from 'vitest';
import type { DataType } from '../../common/types.js';
import type { BoundExpr, ScalarValue } from '../../planner/bound-expr.js';
import { valuesFromVec, vecFromValues } from '../values.js';
import { compileExpr, evalInput } from './compile-expr.js';

/** CAST(column AS to) over `vals` of type `from`. */
function castAll(vals: readonly ScalarValue[], from: DataType, to: DataType): ScalarValue[] {
  const e: BoundExpr = { kind: 'cast', operand: { kind: 'column', index: 0, type: from, name: 'x' }, type: to };
  return valuesFromVec(compileExpr(e)(evalInput(vals.length, () => vecFromValues(vals, from))));
}
const cast1 = (v: ScalarValue, from: DataType, to: DataType): ScalarValue => castAll([v], from, to)[0]!;

/** UTC micros of an ISO-8601 instant, computed with Date (independent of the engine's calendar code). */
const iso = (s: string, extraMicros = 0): number => Date.parse(s) * 1000 + extraMicros;

describe('STRING to numbers', () => {
  it.each([
    ['42', 42], [' 42 ', 42], ['\t7\n', 7], ['+5', 5], ['-17', -17], ['3.9', 3], ['-3.9', -3], ['1.', 1], ['0', 0],
    ['2147483647', 2147483647], ['-2147483648', -2147483648],
    ['2147483648', null], ['-2147483649', null], ['1e3', null], ['abc', null], ['', null], ['  ', null], ['12a', null],
    ['1 2', null], ['--1', null], ['0x10', null], ['NaN', null], ['Infinity', null], ['½', null], ['٣', null],
  ])('CAST(%j AS INT) = %s', (s, want) => {
    expect(cast1(s, 'STRING', 'INT')).toBe(want);
  });

  it.each([
    ['10000000000', 10000000000], ['-17', -17], ['9007199254740991', 9007199254740991], ['2147483648', 2147483648],
    ['-9223372036854775808', -(2 ** 63)],
    // Beyond the 64-bit range: NULL, not a wrapped or rounded number.
    ['9223372036854775808', null], ['12345678901234567890', null], ['-99999999999999999999', null], ['1e3', null],
  ])('CAST(%j AS BIGINT) = %s', (s, want) => {
    expect(cast1(s, 'STRING', 'BIGINT')).toBe(want);
  });

  it.each([
    ['2.5', 2.5], [' -0.75 ', -0.75], ['.5', 0.5], ['1.', 1], ['1e3', 1000], ['-2.5E-3', -0.0025], ['+4', 4], ['7', 7],
    ['Infinity', Infinity], ['-inf', -Infinity], ['INF', Infinity], ['1.2.3', null], ['abc', null], ['', null], ['e5', null],
    ['1e', null], ['0x1p3', null],
  ])('CAST(%j AS DOUBLE) = %s', (s, want) => {
    expect(cast1(s, 'STRING', 'DOUBLE')).toBe(want);
  });

  it('CAST(\'NaN\' AS DOUBLE) is NaN', () => {
    expect(cast1('NaN', 'STRING', 'DOUBLE')).toBeNaN();
    expect(cast1('-nan', 'STRING', 'DOUBLE')).toBeNaN();
  });
});

describe('STRING to BOOLEAN (Spark: t/true/y/yes/1 and f/false/n/no/0, trimmed, any case)', () => {
  it.each([
    ['true', true], ['TRUE', true], [' t ', true], ['yes', true], ['Y', true], ['y', true], ['1', true],
    ['false', false], ['F', false], ['no', false], ['n', false], ['N', false], ['0', false], [' False ', false],
    ['maybe', null], ['', null], ['2', null], ['tru', null], ['yess', null], ['on', null],
  ])('CAST(%j AS BOOLEAN) = %s', (s, want) => {
    expect(cast1(s, 'STRING', 'BOOLEAN')).toBe(want);
  });
});

describe('STRING to TIMESTAMP', () => {
  it.each([
    ['2024-04-29 12:30:00', iso('2024-04-29T12:30:00Z')],
    ['2024-04-29', iso('2024-04-29T00:00:00Z')],
    ['2024-04-29T12:30:00.123456Z', iso('2024-04-29T12:30:00.123Z', 456)],
    ['2024-04-29 12:30:00.5', iso('2024-04-29T12:30:00.500Z')],
    ['2024-04-29 12:30:00.1234567', iso('2024-04-29T12:30:00.123Z', 456)],
    ['2024-04-29 12:30:00+02:00', iso('2024-04-29T10:30:00Z')],
    ['2024-04-29 12:30:00-05:30', iso('2024-04-29T18:00:00Z')],
    ['  2024-04-29 12:30:00  ', iso('2024-04-29T12:30:00Z')],
    ['1969-12-31 23:59:59.5', -500_000],
    ['1900-03-01', iso('1900-03-01T00:00:00Z')],
    ['2024-02-29', iso('2024-02-29T00:00:00Z')],
    ['2023-02-29', null], ['2024-02-30', null], ['2024-13-01', null], ['2024-04-29 24:00:00', null],
    ['2024-04-29 12:60:00', null], ['garbage', null], ['', null], ['29/04/2024', null],
  ])('CAST(%j AS TIMESTAMP) = %s', (s, want) => {
    expect(cast1(s, 'STRING', 'TIMESTAMP')).toBe(want);
  });
});

describe('numbers to integers', () => {
  it('DOUBLE to INT truncates toward zero; out of range, NaN and infinities are NULL', () => {
    expect(castAll([3.9, -3.9, 2147483647.9, -2147483648.9, 2147483648, -2147483649, Infinity, NaN, null], 'DOUBLE', 'INT'))
      .toEqual([3, -3, 2147483647, -2147483648, null, null, null, null, null]);
  });

  it('DOUBLE to BIGINT: NULL beyond the 64-bit range instead of a wrapped value', () => {
    expect(castAll([1e30, -1e30, 9.3e18, -(2 ** 63), 2 ** 62, -2.5, -Infinity], 'DOUBLE', 'BIGINT'))
      .toEqual([null, null, null, -(2 ** 63), 2 ** 62, -2, null]);
  });

  it('BIGINT to INT is NULL out of range (try_cast)', () => {
    expect(castAll([2147483647, 2147483648, -2147483649, 5], 'BIGINT', 'INT')).toEqual([2147483647, null, null, 5]);
  });

  it('CAST(-0.5 AS INT) then AS DOUBLE is 0.0, not -0.0', () => {
    const e: BoundExpr = {
      kind: 'cast', type: 'DOUBLE',
      operand: { kind: 'cast', type: 'INT', operand: { kind: 'column', index: 0, type: 'DOUBLE', name: 'x' } },
    };
    const [v] = valuesFromVec(compileExpr(e)(evalInput(1, () => vecFromValues([-0.5], 'DOUBLE'))));
    expect(Object.is(v, 0)).toBe(true);
  });
});

describe('TIMESTAMP to and from numbers', () => {
  it('TIMESTAMP to BIGINT/INT floors to whole seconds (also before 1970)', () => {
    expect(castAll([1_500_000, -1, -1_000_000, -1_000_001, 0], 'TIMESTAMP', 'BIGINT')).toEqual([1, -1, -1, -2, 0]);
    expect(castAll([iso('2100-01-01T00:00:00Z'), 1_999_999], 'TIMESTAMP', 'INT')).toEqual([null, 1]);
  });

  it('TIMESTAMP to DOUBLE keeps the fraction of a second', () => {
    expect(castAll([1_500_000, -1, -1_500_000, 0, 1_714_392_000_250_000], 'TIMESTAMP', 'DOUBLE'))
      .toEqual([1.5, -0.000001, -1.5, 0, 1_714_392_000.25]);
  });

  it('numbers to TIMESTAMP are seconds since the epoch; NaN and infinities are NULL', () => {
    expect(castAll([1, -1, 1_714_392_000], 'INT', 'TIMESTAMP')).toEqual([1_000_000, -1_000_000, 1_714_392_000_000_000]);
    expect(castAll([1.5, -0.25, 0.000002, NaN, Infinity, null], 'DOUBLE', 'TIMESTAMP'))
      .toEqual([1_500_000, -250_000, 2, null, null, null]);
  });
});

describe('to STRING', () => {
  it('renders each type', () => {
    expect(castAll([42, -7, 0], 'INT', 'STRING')).toEqual(['42', '-7', '0']);
    expect(castAll([10000000000], 'BIGINT', 'STRING')).toEqual(['10000000000']);
    expect(castAll([2.5, 7, -0, 0.1, NaN, -Infinity], 'DOUBLE', 'STRING')).toEqual(['2.5', '7.0', '-0.0', '0.1', 'NaN', '-Infinity']);
    expect(castAll([true, false], 'BOOLEAN', 'STRING')).toEqual(['true', 'false']);
    expect(castAll([iso('2024-04-29T12:30:00.250Z'), -1, 0, iso('1900-01-01T00:00:00Z')], 'TIMESTAMP', 'STRING'))
      .toEqual(['2024-04-29 12:30:00.25', '1969-12-31 23:59:59.999999', '1970-01-01 00:00:00', '1900-01-01 00:00:00']);
  });

  it('numbers round-trip through STRING', () => {
    for (const v of [0, -1, 2147483647, -2147483648]) expect(cast1(cast1(v, 'INT', 'STRING'), 'STRING', 'INT')).toBe(v);
    for (const v of [0.1, -2.5, 1e-7, 123456.789, 1e300]) expect(cast1(cast1(v, 'DOUBLE', 'STRING'), 'STRING', 'DOUBLE')).toBe(v);
  });
});

describe('BOOLEAN and NULL', () => {
  it('numbers to BOOLEAN: zero is false, anything else (also NaN) true', () => {
    expect(castAll([0, 5, -1, null], 'INT', 'BOOLEAN')).toEqual([false, true, true, null]);
    expect(castAll([0, -0, 0.5, NaN], 'DOUBLE', 'BOOLEAN')).toEqual([false, false, true, true]);
  });

  it('BOOLEAN to numbers is 1 / 0', () => {
    expect(castAll([true, false, null], 'BOOLEAN', 'INT')).toEqual([1, 0, null]);
    expect(castAll([true, false], 'BOOLEAN', 'DOUBLE')).toEqual([1, 0]);
  });

  it('NULL stays NULL through every cast', () => {
    const types: DataType[] = ['INT', 'BIGINT', 'DOUBLE', 'STRING', 'BOOLEAN', 'TIMESTAMP'];
    for (const from of types) {
      for (const to of types) {
        if (from === 'BOOLEAN' && to === 'TIMESTAMP') continue;
        expect(castAll([null, null], from, to), `${from} -> ${to}`).toEqual([null, null]);
      }
    }
  });
});
