// Event-time arithmetic: timestamps and durations as integer microseconds held in float64 (exact to year 2255).

import { TidemarkError, type SourcePosition } from './errors.js';

export const MICROS_PER_MS = 1000;
export const MICROS_PER_SECOND = 1_000_000;
export const MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
export const MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
export const MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

/** Every time unit name a duration accepts, with its length in microseconds (also listed by the generated reference). */
export const UNITS: ReadonlyMap<string, number> = new Map([
  ['us', 1], ['microsecond', 1], ['microseconds', 1],
  ['ms', MICROS_PER_MS], ['millisecond', MICROS_PER_MS], ['milliseconds', MICROS_PER_MS],
  ['s', MICROS_PER_SECOND], ['sec', MICROS_PER_SECOND], ['secs', MICROS_PER_SECOND],
  ['second', MICROS_PER_SECOND], ['seconds', MICROS_PER_SECOND],
  ['m', MICROS_PER_MINUTE], ['min', MICROS_PER_MINUTE], ['mins', MICROS_PER_MINUTE],
  ['minute', MICROS_PER_MINUTE], ['minutes', MICROS_PER_MINUTE],
  ['h', MICROS_PER_HOUR], ['hr', MICROS_PER_HOUR], ['hrs', MICROS_PER_HOUR],
  ['hour', MICROS_PER_HOUR], ['hours', MICROS_PER_HOUR],
  ['d', MICROS_PER_DAY], ['day', MICROS_PER_DAY], ['days', MICROS_PER_DAY],
  ['week', 7 * MICROS_PER_DAY], ['weeks', 7 * MICROS_PER_DAY],
]);

/** Microseconds of one unit name (case-insensitive), or undefined when it is not a time unit. */
export function unitMicros(unit: string): number | undefined {
  return UNITS.get(unit.toLowerCase());
}

/**
 * Parses a duration such as `10 minutes`, `250 ms`, `1 hour 30 minutes` or `-5 seconds` into microseconds.
 * Throws INVALID_INTERVAL with what is accepted.
 */
export function parseDuration(text: string, position?: SourcePosition): number {
  const src = text.trim().toLowerCase();
  const re = /\s*([+-]?\d+(?:\.\d+)?)\s*([a-z]+)\s*/y;
  let total = 0;
  let matched = 0;
  let idx = 0;
  const body = src;
  while (idx < body.length) {
    re.lastIndex = idx;
    const m = re.exec(body);
    if (!m) break;
    const micros = unitMicros(m[2]!);
    if (micros === undefined) {
      throw new TidemarkError('INVALID_INTERVAL',
        `Unknown time unit '${m[2]}' in interval '${text}'. Use ms, seconds, minutes, hours or days, e.g. '10 minutes'.`, position);
    }
    total += Math.round(Number(m[1]) * micros);
    matched++;
    idx = re.lastIndex;
  }
  if (matched === 0 || idx < body.length) {
    throw new TidemarkError('INVALID_INTERVAL',
      `Cannot read '${text}' as an interval. Write a number and a unit, e.g. '10 minutes', '250 ms' or '1 hour 30 minutes'.`, position);
  }
  return total;
}

/** Days since 1970-01-01 of a proleptic Gregorian civil date (Howard Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date [year, month, day] of a day count since 1970-01-01. */
export function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [m <= 2 ? y + 1 : y, m, d];
}

// Java's ZoneOffset (so Spark) allows offsets up to ±18:00.
const MAX_OFFSET_MINUTES = 18 * 60;
// TIMESTAMPs are 64-bit microseconds, as in Spark: a 6-digit year can go beyond them.
const INT64_LIMIT = 2 ** 63;

// Years outside 0000-9999 as formatTimestamp writes them (ISO 8601 expanded years): more digits, or a '-' before 0000.
// As Spark's stringToTimestamp: the month, day and time may be left out (the first of the month or year, midnight),
// month, day and time fields may have one digit, and a 'T' may end a date.
const TS_RE = /^\s*([+-]?\d{4,6})(?:-(\d{1,2})(?:-(\d{1,2})(?:[ T](?:(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?)?)?)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?\s*$/i;

/**
 * Parses `[±]YYYY[YY][-M[M][-D[D][ H[H]:M[M][:S[S][.fraction]]]]][Z|±HH:MM]` as UTC microseconds, or returns
 * undefined (also for an offset beyond ±18:00 and an instant beyond 64-bit microseconds).
 */
export function tryParseTimestamp(text: string): number | undefined {
  const m = TS_RE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const [, , checkDay] = civilFromDays(daysFromCivil(year, month, day));
  if (checkDay !== day) return undefined;
  const frac = m[7] === undefined ? 0 : Math.floor(Number((m[7] + '000000').slice(0, 6)));
  let offsetMicros = 0;
  const tz = m[8];
  if (tz !== undefined && tz.toUpperCase() !== 'Z' && tz.toUpperCase() !== 'UTC') {
    const sign = tz.startsWith('-') ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    const offHours = Number(digits.slice(0, 2));
    const offMinutes = Number(digits.slice(2));
    if (offMinutes > 59 || offHours * 60 + offMinutes > MAX_OFFSET_MINUTES) return undefined;
    offsetMicros = sign * (offHours * MICROS_PER_HOUR + offMinutes * MICROS_PER_MINUTE);
  }
  // The time of day is summed first, exactly, so that beyond 2^53 the instant is rounded once, as formatTimestamp reads it.
  const micros = daysFromCivil(year, month, day) * MICROS_PER_DAY
    + (hour * MICROS_PER_HOUR + minute * MICROS_PER_MINUTE + second * MICROS_PER_SECOND + frac - offsetMicros);
  return micros >= -INT64_LIMIT && micros < INT64_LIMIT ? micros : undefined;
}

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));

/** Renders UTC microseconds as `YYYY-MM-DD HH:MM:SS[.fraction without trailing zeros]`. */
export function formatTimestamp(micros: number): string {
  const days = Math.floor(micros / MICROS_PER_DAY);
  let rest = micros - days * MICROS_PER_DAY;
  const [y, mo, d] = civilFromDays(days);
  const h = Math.floor(rest / MICROS_PER_HOUR);
  rest -= h * MICROS_PER_HOUR;
  const mi = Math.floor(rest / MICROS_PER_MINUTE);
  rest -= mi * MICROS_PER_MINUTE;
  const s = Math.floor(rest / MICROS_PER_SECOND);
  const frac = rest - s * MICROS_PER_SECOND;
  const year = y < 0 ? '-' + String(-y).padStart(4, '0') : String(y).padStart(4, '0');
  let out = `${year}-${pad2(mo)}-${pad2(d)} ${pad2(h)}:${pad2(mi)}:${pad2(s)}`;
  if (frac !== 0) out += '.' + String(frac).padStart(6, '0').replace(/0+$/, '');
  return out;
}
