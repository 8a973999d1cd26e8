// Unit tests of the datagen source: values a pure function of (seed, row), sequences, bounds, pacing by an injected clock.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorText } from '../../common/test-utils.js';
import type { Schema } from '../../common/types.js';
import { rowsFromBatch } from '../values.js';
import { DatagenSource } from './datagen-source.js';

type Opts = Record<string, string | number | boolean>;
const SCHEMA: Schema = [
  { name: 'k', type: 'BIGINT', nullable: true },
  { name: 'tag', type: 'STRING', nullable: true },
  { name: 'v', type: 'DOUBLE', nullable: true },
  { name: 'ts', type: 'TIMESTAMP', nullable: true },
];
const T0 = Date.UTC(2024, 0, 1) * 1000;

const rows = (src: DatagenSource, start: number, end: number): unknown[][] => src.read(start, end).flatMap((b) => rowsFromBatch(b, src.schema));
const gen = (opts: Opts, schema: Schema = SCHEMA, clock?: () => number): DatagenSource => new DatagenSource('g', schema, opts, clock);
const col = (src: DatagenSource, i: number, end = src.latestOffset()): unknown[] => rows(src, 0, end).map((r) => r[i]);

describe('datagen values', () => {
  it('are a pure function of (seed, row): any split of a range reads the same rows, another seed others', () => {
    const opts: Opts = { rows: 300, seed: 5, 'fields.k.min': 1, 'fields.k.max': 9, 'fields.tag.values': 'a, b,c', 'fields.v.null_rate': 0.3, max_out_of_order: '2 seconds' };
    const whole = rows(gen(opts), 0, 300);
    expect(new Set(whole.map((r) => r[1]))).toEqual(new Set(['a', 'b', 'c']));
    expect(whole.every((r) => Number(r[0]) >= 1 && Number(r[0]) <= 9)).toBe(true);
    expect(whole.some((r) => r[2] === null) && whole.some((r) => r[2] !== null)).toBe(true);
    fc.assert(fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), (a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const fresh = gen(opts);
      expect([...rows(fresh, hi, 300), ...rows(fresh, 0, lo), ...rows(fresh, lo, hi)]).toEqual([...whole.slice(hi), ...whole.slice(0, lo), ...whole.slice(lo, hi)]);
    }), { numRuns: 30 });
    expect(rows(gen({ ...opts, seed: 6 }), 0, 300)).not.toEqual(whole);
  });

  it('advance event time by step per row, or one second every events_per_second rows, exactly in microseconds', () => {
    expect(col(gen({ rows: 3, step: '250 ms' }), 3)).toEqual([T0, T0 + 250_000, T0 + 500_000]);
    expect(col(gen({ rows: 4, events_per_second: 3 }), 3)).toEqual([T0, T0 + 333_333, T0 + 666_666, T0 + 1_000_000]);
    expect(col(gen({ rows: 2, start: '2024-05-01 10:00:00', events_per_second: 0.5 }), 3)).toEqual([Date.UTC(2024, 4, 1, 10) * 1000, Date.UTC(2024, 4, 1, 10, 0, 2) * 1000]);
    expect(errorText(() => gen({ step: '1 second', events_per_second: 2 })))
      .toBe("INVALID_OPTION: Option 'events_per_second' of source 'g' and 'step' say the same thing (step = 1 second / events_per_second): give one of them.");
    expect(errorText(() => gen({ events_per_second: 0 }))).toBe("INVALID_OPTION: Option 'events_per_second' of source 'g' must be greater than 0, got '0'.");
  });
});

describe('datagen sequences', () => {
  it("give start, start + 1, ..., end and end the source with the shortest one (Flink's kind = 'sequence')", () => {
    const src = gen({ 'fields.k.kind': 'sequence', 'fields.k.start': -2, 'fields.k.end': 2, 'fields.tag.kind': 'SEQUENCE', 'fields.tag.start': 10, 'fields.tag.end': 100 });
    expect(src.latestOffset()).toBe(5);
    expect(rows(src, 0, 5).map((r) => [r[0], r[1]])).toEqual([[-2, '10'], [-1, '11'], [0, '12'], [1, '13'], [2, '14']]);
    expect(rows(src, 3, 5).map((r) => r[0])).toEqual([1, 2]);
    // `rows` bounds it further; a random column next to a sequence stays random.
    const bounded = gen({ rows: 3, 'fields.k.kind': 'sequence', 'fields.k.end': 1000, 'fields.v.min': 0, 'fields.v.max': 1 });
    expect(bounded.latestOffset()).toBe(3);
    expect(col(bounded, 0)).toEqual([0, 1, 2]);
    expect(new Set(col(bounded, 2)).size).toBe(3);
    expect(gen({ rows: 10, 'fields.k.kind': 'sequence', 'fields.k.start': 1, 'fields.k.end': 4 }).latestOffset()).toBe(4);
    // NULLs where null_rate says, the sequence going on underneath.
    const withNulls = col(gen({ 'fields.k.kind': 'sequence', 'fields.k.end': 199, 'fields.k.null_rate': 0.5 }), 0);
    expect(withNulls.filter((x) => x === null).length).toBeGreaterThan(50);
    withNulls.forEach((x, i) => { if (x !== null) expect(x).toBe(i); });
  });

  it('hold 1000 rows when nothing bounds the source, as before', () => {
    expect(gen({}).latestOffset()).toBe(1000);
    expect(gen({ rows: 7 }).latestOffset()).toBe(7);
  });

  it('refuse options that do not fit the column, with what to write instead', () => {
    const int: Schema = [{ name: 'n', type: 'INT', nullable: true }, { name: 'ts', type: 'TIMESTAMP', nullable: true }];
    const cases: [Opts, string][] = [
      [{ 'fields.k.kind': 'counter' }, "Option 'fields.k.kind' of source 'g' must be 'random' or 'sequence', got 'counter'."],
      [{ 'fields.k.kind': 'sequence' }, "Option 'fields.k.end' of source 'g' is required for a sequence column: its values are start, start + 1, ..., end."],
      [{ 'fields.k.kind': 'sequence', 'fields.k.start': 5, 'fields.k.end': 4 }, "Option 'fields.k.end' of source 'g' must be at least fields.k.start (5), got '4'."],
      [{ 'fields.k.kind': 'sequence', 'fields.k.end': 1.5 }, "Option 'fields.k.end' of source 'g' must be an integer from -9007199254740991 to 9007199254740991, got '1.5'."],
      [{ 'fields.k.kind': 'sequence', 'fields.k.end': 9, 'fields.k.max': 3 }, "Option 'fields.k.max' of source 'g' applies to random columns; column 'k' is a sequence."],
      [{ 'fields.k.start': 3 }, "Option 'fields.k.start' of source 'g' applies to sequence columns; column 'k' is random (set fields.k.kind = 'sequence')."],
      [{ 'fields.ts.kind': 'sequence', 'fields.ts.end': 3 }, "Option 'fields.ts.kind' of source 'g' can be 'sequence' only for BIGINT, INT, DOUBLE or STRING columns; TIMESTAMP columns advance with start and step (or events_per_second)."],
      [{ 'fields.kk.min': 3 }, "Option 'fields.kk.min' of source 'g' names no column of the source; its columns are k, tag, v, ts."],
      [{ rows_per_second: -1 }, "Option 'rows_per_second' of source 'g' must be greater than 0, got '-1'."],
    ];
    for (const [opts, message] of cases) expect(errorText(() => gen(opts)), JSON.stringify(opts)).toBe(`INVALID_OPTION: ${message}`);
    expect(errorText(() => gen({ 'fields.n.kind': 'sequence', 'fields.n.end': 2 ** 31 }, int)))
      .toBe("INVALID_OPTION: Option 'fields.n.end' of source 'g' must be an integer from -2147483648 to 2147483647, got '2147483648'.");
    expect(col(gen({ 'fields.n.kind': 'sequence', 'fields.n.start': 2 ** 31 - 2, 'fields.n.end': 2 ** 31 - 1 }, int), 0)).toEqual([2 ** 31 - 2, 2 ** 31 - 1]);
  });
});

describe('datagen rows_per_second', () => {
  it('offers the rows the time since creation paced out, bounded by rows, with the same values as an unpaced source', () => {
    let now = 5_000;
    const clock = (): number => now;
    const paced = gen({ rows_per_second: 20, rows: 100, step: '1 second', seed: 3 }, SCHEMA, clock);
    expect(paced.latestOffset()).toBe(0);
    now += 49;
    expect(paced.latestOffset()).toBe(0);
    now += 1;
    expect(paced.latestOffset()).toBe(1);
    now += 1450;
    expect(paced.latestOffset()).toBe(30);
    now += 3_600_000;
    expect(paced.latestOffset()).toBe(100);
    expect(rows(paced, 0, 100)).toEqual(rows(gen({ rows: 100, step: '1 second', seed: 3 }), 0, 100));
  });

  it('property: resumed at an offset, has every row before it at once and paces on from there', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100_000 }), fc.nat(10_000_000), fc.double({ min: 0, max: 1e9, noNaN: true }), fc.nat(5_000),
      (rps, offset, start, later) => {
        let now = start;
        const paced = gen({ rows_per_second: rps }, SCHEMA, () => now);
        paced.resumeFrom(offset);
        expect(paced.latestOffset()).toBeGreaterThanOrEqual(offset);
        expect(paced.latestOffset()).toBeLessThanOrEqual(offset + 1);
        now += later;
        expect(paced.latestOffset()).toBeGreaterThanOrEqual(offset + Math.floor((later * rps) / 1000) - 1);
        expect(paced.latestOffset()).toBeLessThanOrEqual(offset + Math.floor((later * rps) / 1000) + 1);
        // A second, earlier resume takes nothing back.
        paced.resumeFrom(0);
        expect(paced.latestOffset()).toBeGreaterThanOrEqual(offset);
      }));
  });

  it('is unbounded without rows, and its event time keeps pace with the rows by default', () => {
    let now = 0;
    const paced = gen({ rows_per_second: 4 }, SCHEMA, () => now);
    now = 1e9;
    expect(paced.latestOffset()).toBe(4e6);
    expect(col(paced, 3, 5)).toEqual([T0, T0 + 250_000, T0 + 500_000, T0 + 750_000, T0 + 1_000_000]);
    expect(col(gen({ rows_per_second: 4, events_per_second: 1 }, SCHEMA, () => now), 3, 2)).toEqual([T0, T0 + 1_000_000]);
  });
});
