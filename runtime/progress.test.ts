// Unit tests of progress times: ISO-8601 as Spark prints them, exact to the microsecond both ways.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTime, parseIsoTime } from './progress.js';

describe('isoTime', () => {
  it('prints milliseconds as Spark does, and microseconds only when there are some', () => {
    expect(isoTime(Date.UTC(2024, 0, 1, 0, 11) * 1000)).toBe('2024-01-01T00:11:00.000Z');
    expect(isoTime(Date.UTC(2024, 0, 1) * 1000 + 1500)).toBe('2024-01-01T00:00:00.001500Z');
    expect(isoTime(-1)).toBe('1969-12-31T23:59:59.999999Z');
    expect(isoTime(0.4)).toBe('1970-01-01T00:00:00.000Z');
    expect(isoTime(null)).toBeNull();
    expect(isoTime(undefined)).toBeNull();
    expect(isoTime(Infinity)).toBeNull();
  });

  it('round-trips every microsecond a TIMESTAMP holds exactly', () => {
    fc.assert(fc.property(fc.integer({ min: -(2 ** 53 - 1), max: 2 ** 53 - 1 }), (us) => {
      const text = isoTime(us)!;
      expect(text).toMatch(/Z$/);
      expect(parseIsoTime(text)).toBe(us);
    }));
    expect(parseIsoTime(null)).toBeNull();
  });
});
