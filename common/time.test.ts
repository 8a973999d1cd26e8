// Time arithmetic: duration parsing, timestamp parsing and rendering, civil-date round trips.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MICROS_PER_DAY, MICROS_PER_HOUR, civilFromDays, daysFromCivil, formatTimestamp, parseDuration, tryParseTimestamp } from './time.js';
import { formatDouble } from './format-value.js';

describe('parseDuration', () => {
  it.each([
    ['10 minutes', 600_000_000], ['10 min', 600_000_000], ['5 seconds', 5_000_000], ['1 hour', 3_600_000_000],
    ['250 ms', 250_000], ['1 hour 30 minutes', 5_400_000_000], ['2 days', 172_800_000_000], ['-5 seconds', -5_000_000],
    ['1.5 s', 1_500_000], ['10 SECONDS', 10_000_000],
  ])('%s', (text, micros) => expect(parseDuration(text)).toBe(micros));

  it.each(['10 parsecs', 'ten minutes', '5', '', 'minutes'])('rejects %j with INVALID_INTERVAL', (text) => {
    expect(() => parseDuration(text)).toThrow(expect.objectContaining({ code: 'INVALID_INTERVAL' }) as Error);
  });
});

describe('timestamps', () => {
  it('parses and renders UTC with fractions', () => {
    expect(formatTimestamp(tryParseTimestamp('2024-04-29 12:02:00')!)).toBe('2024-04-29 12:02:00');
    expect(formatTimestamp(tryParseTimestamp('2024-01-01 00:00:00.5')!)).toBe('2024-01-01 00:00:00.5');
    expect(formatTimestamp(tryParseTimestamp('2024-01-01T00:00:00.123456Z')!)).toBe('2024-01-01 00:00:00.123456');
    expect(formatTimestamp(tryParseTimestamp('1969-12-31 23:59:55')!)).toBe('1969-12-31 23:59:55');
    expect(tryParseTimestamp('2024-01-01 01:00:00+01:00')).toBe(Date.UTC(2024, 0, 1) * 1000);
    expect(tryParseTimestamp('2024-02-30 00:00:00')).toBeUndefined();
    expect(tryParseTimestamp('yesterday')).toBeUndefined();
  });

  it('round-trips every millisecond instant between years 1 and 9999', () => {
    fc.assert(fc.property(fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) }), fc.integer({ min: 0, max: 999 }), (ms, us) => {
      const micros = ms * 1000 + us;
      expect(tryParseTimestamp(formatTimestamp(micros))).toBe(micros);
      expect(formatTimestamp(ms * 1000).slice(0, 19)).toBe(new Date(ms).toISOString().slice(0, 19).replace('T', ' '));
    }));
  });

  it('reads years outside 0000-9999 as formatTimestamp writes them, and no 2- or 3-digit year', () => {
    const at = (y: number, m: number, d: number, secs = 0): number => daysFromCivil(y, m, d) * MICROS_PER_DAY + secs * 1_000_000;
    for (const [micros, text] of [
      [at(10000, 1, 1), '10000-01-01 00:00:00'],
      [at(99999, 12, 31), '99999-12-31 00:00:00'],
      [at(-1, 1, 1), '-0001-01-01 00:00:00'],
      [at(0, 2, 29, 1), '0000-02-29 00:00:01'],
      [at(-10000, 3, 1), '-10000-03-01 00:00:00'],
      [at(2024, 5, 1) + 250_000, '2024-05-01 00:00:00.25'],
      [at(1, 1, 1), '0001-01-01 00:00:00'],
    ] as const) {
      expect(formatTimestamp(micros)).toBe(text);
      expect(tryParseTimestamp(text)).toBe(micros);
      expect(tryParseTimestamp(`${text.replace(' ', 'T')}Z`)).toBe(micros);
    }
    expect(tryParseTimestamp('+10000-01-01')).toBe(at(10000, 1, 1));
    for (const text of ['999-01-01 00:00:00', '24-01-01', '-001-01-01', '+99-01-01', '1000000-01-01', '--2024-01-01', '294248-01-01']) {
      expect(tryParseTimestamp(text), text).toBeUndefined();
    }
  });

  it('round-trips every instant of 64-bit microseconds, where a double holds it', () => {
    const limit = 2 ** 63;
    expect(formatTimestamp(-limit)).toBe('-290308-12-21 19:59:05.224192');
    expect(tryParseTimestamp('-290308-12-21 19:59:05.224192')).toBe(-limit);
    expect(tryParseTimestamp('294247-01-10 04:00:54.775808')).toBeUndefined();
    fc.assert(fc.property(fc.double({ min: -limit, max: limit, noNaN: true, maxExcluded: true }), (x) => {
      const micros = Math.round(x) + 0; // Math.round(-0.4) is -0, which no instant is
      expect(tryParseTimestamp(formatTimestamp(micros))).toBe(micros);
    }), { numRuns: 2000 });
  });

  it('refuses a UTC offset beyond ±18:00 or with minutes over 59', () => {
    const t0 = Date.UTC(2024, 0, 1) * 1000;
    expect(tryParseTimestamp('2024-01-01 00:00:00+18:00')).toBe(t0 - 18 * MICROS_PER_HOUR);
    expect(tryParseTimestamp('2024-01-01 00:00:00-18:00')).toBe(t0 + 18 * MICROS_PER_HOUR);
    expect(tryParseTimestamp('2024-01-01 00:00:00+0559')).toBe(t0 - 5 * MICROS_PER_HOUR - 59 * 60_000_000);
    for (const tz of ['+25:99', '+18:01', '-18:30', '+19:00', '+05:60', '-0099', '+99:00']) {
      expect(tryParseTimestamp(`2024-01-01 00:00:00${tz}`), tz).toBeUndefined();
    }
  });

  it('reads partial timestamps as Spark does: year, year-month, one-digit fields, a trailing T', () => {
    const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number => Date.UTC(y, mo - 1, d, h, mi, s) * 1000;
    expect(tryParseTimestamp('2024')).toBe(at(2024, 1, 1));
    expect(tryParseTimestamp('2024-05')).toBe(at(2024, 5, 1));
    expect(tryParseTimestamp('2024-5-7')).toBe(at(2024, 5, 7));
    expect(tryParseTimestamp('2024-01-01 01:2:3')).toBe(at(2024, 1, 1, 1, 2, 3));
    expect(tryParseTimestamp('2024-01-01 1:02')).toBe(at(2024, 1, 1, 1, 2));
    expect(tryParseTimestamp('2024-01-01T')).toBe(at(2024, 1, 1));
    expect(tryParseTimestamp(' 2024-01-01 ')).toBe(at(2024, 1, 1));
    for (const bad of ['24', '2024-', '2024-13', '2024-00', '2024-01-01 1', '2024-01-01 01:', '2024-01-01 1:2:3:4', '2024-02-30', 'x2024']) {
      expect(tryParseTimestamp(bad), bad).toBeUndefined();
    }
  });

  it('civil dates round-trip', () => {
    fc.assert(fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (d) => {
      const [y, m, day] = civilFromDays(d);
      expect(daysFromCivil(y, m, day)).toBe(d);
    }));
  });
});

describe('formatDouble', () => {
  it.each([[3, '3.0'], [0.1, '0.1'], [NaN, 'NaN'], [Infinity, 'Infinity'], [-Infinity, '-Infinity'], [-2.5, '-2.5'], [1e21, '1e+21']])(
    '%s → %s', (v, s) => expect(formatDouble(v)).toBe(s));
});
