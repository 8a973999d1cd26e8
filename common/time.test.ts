// Time arithmetic: duration parsing, timestamp parsing and rendering, civil-date round trips.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil, formatTimestamp, parseDuration, tryParseTimestamp } from './time.js';
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
