// Timestamp kernels: conversions from and to epoch numbers, and date_trunc.

import { civilFromDays, daysFromCivil, MICROS_PER_DAY } from '../../common/time.js';
import type { ScalarFn } from '../../planner/bound-expr.js';
import { int64OrNull, mapF64 } from './numeric.js';
import type { F64Vec } from './kernel.js';

const UNIT_MICROS: Readonly<Record<string, number>> = {
  millisecond: 1000, second: 1_000_000, minute: 60_000_000, hour: 3_600_000_000, day: MICROS_PER_DAY,
};

export function truncTimestamp(unit: string, t: number): number {
  const fixed = UNIT_MICROS[unit];
  if (fixed) return Math.floor(t / fixed) * fixed;
  const days = Math.floor(t / MICROS_PER_DAY);
  if (unit === 'week') {
    // ISO weeks start on Monday; 1970-01-01 was a Thursday.
    const dow = (((days + 3) % 7) + 7) % 7;
    return (days - dow) * MICROS_PER_DAY;
  }
  const [y, m] = civilFromDays(days);
  return daysFromCivil(y, unit === 'year' ? 1 : m, 1) * MICROS_PER_DAY;
}

export function timeFn(fn: ScalarFn, a: F64Vec, n: number): F64Vec {
  switch (fn) {
    // NaN, infinities and times beyond 64-bit microseconds have no timestamp: NULL.
    case 'timestamp_seconds': return int64OrNull(mapF64(a, n, (x) => Math.round(x * 1_000_000)), n);
    case 'timestamp_millis': return int64OrNull(mapF64(a, n, (x) => x * 1000), n);
    case 'timestamp_micros': return a;
    case 'unix_seconds': return mapF64(a, n, (x) => Math.floor(x / 1_000_000));
    case 'unix_millis': return mapF64(a, n, (x) => Math.floor(x / 1000));
    case 'unix_micros': return a;
    default: throw new Error(`not a time function: ${fn}`);
  }
}
