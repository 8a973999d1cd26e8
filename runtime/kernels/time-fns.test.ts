// Timestamp kernels: date_trunc (ISO weeks from Monday, months, years, fixed units) before and after 1970, and the
// epoch conversions timestamp_seconds/millis and unix_seconds/millis with floor semantics for negative times.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DataType } from '../../common/types.js';
import type { BoundExpr, ScalarFn, ScalarValue } from '../../planner/bound-expr.js';
import { valuesFromVec, vecFromValues } from '../values.js';
import { compileExpr, evalInput } from './compile-expr.js';
import { truncTimestamp } from './time-fns.js';

const x = (type: DataType): BoundExpr => ({ kind: 'column', index: 0, type, name: 'x' });

function fn1(fn: ScalarFn, vals: readonly ScalarValue[], from: DataType, to: DataType): ScalarValue[] {
  const e: BoundExpr = { kind: 'call', fn, args: [x(from)], type: to };
  return valuesFromVec(compileExpr(e)(evalInput(vals.length, () => vecFromValues(vals, from))));
}

function trunc(unit: string, vals: readonly ScalarValue[]): ScalarValue[] {
  const e: BoundExpr = { kind: 'call', fn: 'date_trunc', args: [{ kind: 'literal', value: unit, type: 'STRING' }, x('TIMESTAMP')], type: 'TIMESTAMP' };
  return valuesFromVec(compileExpr(e)(evalInput(vals.length, () => vecFromValues(vals, 'TIMESTAMP'))));
}

/** UTC micros of an ISO-8601 instant (Date, independent of the engine's calendar code), plus extra micros. */
const ts = (s: string, extraMicros = 0): number => Date.parse(`${s}Z`) * 1000 + extraMicros;

describe('date_trunc', () => {
  it.each([
    // 2024-04-29 is a Monday.
    ['2024-04-29T00:00:00', '2024-04-29T00:00:00'],
    ['2024-05-05T23:59:59.999', '2024-04-29T00:00:00'], // Sunday belongs to the week that started on Monday
    ['2024-05-06T00:00:00', '2024-05-06T00:00:00'],
    ['1970-01-01T00:00:00', '1969-12-29T00:00:00'], // the epoch was a Thursday
    ['1970-01-04T12:00:00', '1969-12-29T00:00:00'],
    ['1970-01-05T00:00:00', '1970-01-05T00:00:00'],
    ['1969-12-31T23:59:59.999', '1969-12-29T00:00:00'],
    ['1969-12-28T10:00:00', '1969-12-22T00:00:00'],
    ['1900-01-01T05:00:00', '1900-01-01T00:00:00'], // a Monday
    ['2021-01-03T00:00:00', '2020-12-28T00:00:00'], // week spanning a year boundary
  ])('week: %s -> %s', (t, want) => {
    expect(trunc('week', [ts(t)])).toEqual([ts(want)]);
  });

  it.each([
    ['2024-02-29T12:00:00', '2024-02-01T00:00:00', '2024-01-01T00:00:00'],
    ['2024-12-31T23:59:59.999', '2024-12-01T00:00:00', '2024-01-01T00:00:00'],
    ['1969-12-31T23:59:59.999', '1969-12-01T00:00:00', '1969-01-01T00:00:00'],
    ['1969-03-15T08:00:00', '1969-03-01T00:00:00', '1969-01-01T00:00:00'],
    ['1968-02-29T00:00:00', '1968-02-01T00:00:00', '1968-01-01T00:00:00'],
    ['1900-02-28T23:00:00', '1900-02-01T00:00:00', '1900-01-01T00:00:00'],
    ['2000-03-01T00:00:00', '2000-03-01T00:00:00', '2000-01-01T00:00:00'],
    ['1970-01-01T00:00:00', '1970-01-01T00:00:00', '1970-01-01T00:00:00'],
  ])('month/year: %s -> %s / %s', (t, month, year) => {
    expect(trunc('month', [ts(t)])).toEqual([ts(month)]);
    expect(trunc('year', [ts(t)])).toEqual([ts(year)]);
  });

  it('one microsecond before the epoch', () => {
    expect(trunc('year', [-1])).toEqual([ts('1969-01-01T00:00:00')]);
    expect(trunc('month', [-1])).toEqual([ts('1969-12-01T00:00:00')]);
    expect(trunc('day', [-1])).toEqual([ts('1969-12-31T00:00:00')]);
    expect(trunc('hour', [-1])).toEqual([ts('1969-12-31T23:00:00')]);
    expect(trunc('minute', [-1])).toEqual([ts('1969-12-31T23:59:00')]);
    expect(trunc('second', [-1])).toEqual([ts('1969-12-31T23:59:59')]);
    expect(trunc('millisecond', [-1])).toEqual([-1000]);
  });

  it('fixed units floor (not truncate toward zero) and keep exact instants', () => {
    const t = ts('2024-04-29T12:34:56.789', 123);
    expect(trunc('millisecond', [t])).toEqual([ts('2024-04-29T12:34:56.789')]);
    expect(trunc('second', [t])).toEqual([ts('2024-04-29T12:34:56')]);
    expect(trunc('minute', [t])).toEqual([ts('2024-04-29T12:34:00')]);
    expect(trunc('hour', [t])).toEqual([ts('2024-04-29T12:00:00')]);
    expect(trunc('day', [t, ts('1969-07-20T20:17:40')])).toEqual([ts('2024-04-29T00:00:00'), ts('1969-07-20T00:00:00')]);
  });

  it('passes NULL through', () => {
    expect(trunc('week', [null, 0])).toEqual([null, ts('1969-12-29T00:00:00')]);
  });

  it('property: the result is <= t, idempotent, and within one unit of t (1900..2100)', () => {
    const bound: Record<string, number> = { hour: 3_600_000_000, week: 7 * 86_400_000_000, month: 31 * 86_400_000_000, year: 366 * 86_400_000_000 };
    fc.assert(fc.property(
      fc.constantFrom('week', 'month', 'year', 'day', 'hour'),
      fc.bigInt({ min: -2_208_988_800_000_000n, max: 4_102_444_800_000_000n }).map(Number),
      (unit, t) => {
        const r = truncTimestamp(unit, t);
        expect(r).toBeLessThanOrEqual(t);
        expect(t - r).toBeLessThan(bound[unit] ?? 86_400_000_000);
        expect(truncTimestamp(unit, r)).toBe(r);
        const d = new Date(r / 1000);
        expect(d.getUTCHours() + d.getUTCMinutes() + d.getUTCSeconds() + d.getUTCMilliseconds()).toBe(unit === 'hour' ? d.getUTCHours() : 0);
        if (unit === 'week') expect(d.getUTCDay()).toBe(1);
        if (unit === 'month' || unit === 'year') expect(d.getUTCDate()).toBe(1);
        if (unit === 'year') expect(d.getUTCMonth()).toBe(0);
      },
    ), { numRuns: 300 });
  });
});

describe('epoch conversions', () => {
  it('timestamp_seconds of integers and fractional seconds', () => {
    expect(fn1('timestamp_seconds', [1714392000, 0, -1, null], 'BIGINT', 'TIMESTAMP'))
      .toEqual([1_714_392_000_000_000, 0, -1_000_000, null]);
    expect(fn1('timestamp_seconds', [1.5, -0.25, 0.000001], 'DOUBLE', 'TIMESTAMP')).toEqual([1_500_000, -250_000, 1]);
  });

  it('timestamp_seconds of NaN or an infinity is NULL', () => {
    expect(fn1('timestamp_seconds', [NaN, Infinity, -Infinity, 2], 'DOUBLE', 'TIMESTAMP')).toEqual([null, null, null, 2_000_000]);
  });

  it('timestamp_millis', () => {
    expect(fn1('timestamp_millis', [1714392000500, -1, null], 'BIGINT', 'TIMESTAMP')).toEqual([1_714_392_000_500_000, -1000, null]);
  });

  it('unix_seconds and unix_millis floor toward -infinity', () => {
    const t = [ts('2024-04-29T12:00:00'), -1, -1_000_000, -1_000_001, 1_999_999, ts('2024-04-29T12:00:00.123'), null];
    expect(fn1('unix_seconds', t, 'TIMESTAMP', 'BIGINT')).toEqual([1714392000, -1, -1, -2, 1, 1714392000, null]);
    expect(fn1('unix_millis', t, 'TIMESTAMP', 'BIGINT')).toEqual([1714392000000, -1, -1000, -1001, 1999, 1714392000123, null]);
  });

  it('unix_millis(timestamp_millis(m)) = m and unix_seconds(timestamp_seconds(s)) = s', () => {
    fc.assert(fc.property(fc.integer({ min: -4_000_000_000, max: 4_000_000_000 }), (s) => {
      const micros = fn1('timestamp_seconds', [s], 'BIGINT', 'TIMESTAMP');
      expect(fn1('unix_seconds', micros, 'TIMESTAMP', 'BIGINT')).toEqual([s]);
      const m = s * 1000 + 7;
      expect(fn1('unix_millis', fn1('timestamp_millis', [m], 'BIGINT', 'TIMESTAMP'), 'TIMESTAMP', 'BIGINT')).toEqual([m]);
    }), { numRuns: 200 });
  });
});
