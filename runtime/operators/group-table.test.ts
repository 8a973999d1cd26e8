// GroupTable against a Map from canonical key strings: batch and single lookups, NULL masks, NaN and -0, removals.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GroupTable } from './group-table.js';

/** The SQL identity of a key: -0 is 0, every NaN is one value, NULL lanes are their mask bit. */
const identity = (lanes: readonly number[], mask: number): string =>
  `${mask}|${lanes.map((v, j) => (mask & (1 << j) ? 'null' : Object.is(v, -0) ? '0' : String(v))).join(',')}`;

const value = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 2 ** 53 - 1, 1436918400000000, 0.5),
);

describe('GroupTable', () => {
  it('property: findOrInsertMany, findOrInsert and find agree with a Map; removed ids (one by one or many at once) are reused and stay removed; clear() forgets every key; with or without partitions by lane 0', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 3 }),
      fc.boolean(),
      fc.array(fc.record({
        keys: fc.array(fc.tuple(fc.array(value, { minLength: 3, maxLength: 3 }), fc.integer({ min: 0, max: 7 })), { maxLength: 40 }),
        single: fc.boolean(),
        removals: fc.array(fc.nat(), { maxLength: 6 }),
        bulk: fc.boolean(),
        // Also remove every group whose lane 0 equals that of the n-th live one (a window closing), in one call.
        closeWindow: fc.option(fc.nat()),
        clear: fc.integer({ min: 0, max: 4 }),
      }), { minLength: 1, maxLength: 8 }),
      (width, partitionByLane0, steps) => {
        // A small starting capacity makes the table grow and rehash within a run.
        const t = new GroupTable(width, 2, { partitionByLane0 });
        const ref = new Map<string, number>();
        for (const step of steps) {
          // Now and then the table is cleared (reused for a new batch): every key is new again.
          if (step.clear === 0) {
            t.clear();
            ref.clear();
            expect(t.size).toBe(0);
          }
          const keys = step.keys.map(([vals, m]) => {
            const mask = m & ((1 << width) - 1);
            return { lanes: vals.slice(0, width).map((v, j) => (mask & (1 << j) ? 0 : v)), mask };
          });
          const got: number[] = [];
          if (step.single) {
            for (const k of keys) {
              const scratch = Float64Array.from(k.lanes.map((v) => (v === 0 ? 0 : v)));
              got.push(t.findOrInsert(scratch, k.mask, t.hash(scratch, k.mask)));
            }
          } else {
            const lanes = Array.from({ length: width }, (_, j) => Float64Array.from(keys.map((k) => k.lanes[j]!)));
            const masks = Int32Array.from(keys.map((k) => k.mask));
            const out = new Int32Array(keys.length);
            t.findOrInsertMany(lanes, masks, keys.length, out);
            got.push(...out);
          }
          keys.forEach((k, i) => {
            const id = identity(k.lanes, k.mask);
            const g = got[i]!;
            const known = ref.get(id);
            if (known === undefined) {
              expect(g, `new key ${id}`).toBeLessThan(0);
              expect([...ref.values()]).not.toContain(~g);
              ref.set(id, ~g);
            } else {
              expect(g, `existing key ${id}`).toBe(known);
            }
          });
          // Remove a few live groups, one by one or at once; lookups must then miss them.
          const live = [...ref.entries()];
          const gone: number[] = [];
          for (const r of step.removals) {
            if (!live.length) break;
            const [id, g] = live.splice(r % live.length, 1)[0]!;
            if (step.bulk) gone.push(g);
            else t.remove(g);
            ref.delete(id);
          }
          if (step.bulk) t.removeMany(gone);
          if (step.closeWindow !== null && live.length && width > 0) {
            const [, pick] = live[step.closeWindow % live.length]!;
            const v0 = t.keys[pick * width]!;
            const window = live.filter(([, g]) => Object.is(t.keys[g * width], v0) || t.keys[g * width] === v0).sort((a, b) => a[1] - b[1]);
            t.removeMany(window.map(([, g]) => g));
            for (const [id, g] of window) {
              ref.delete(id);
              gone.push(g);
            }
          }
          for (const g of gone) expect(t.live[g]).toBe(0);
          expect(t.size).toBe(ref.size);
          // findMany (no insertion): this step's keys, in order, are their groups or -1 once removed.
          {
            const lanes = Array.from({ length: width }, (_, j) => Float64Array.from(keys.map((k) => k.lanes[j]!)));
            const out = new Int32Array(keys.length);
            t.findMany(lanes, Int32Array.from(keys.map((k) => k.mask)), keys.length, out);
            expect([...out]).toEqual(keys.map((k) => ref.get(identity(k.lanes, k.mask)) ?? -1));
            expect(t.size).toBe(ref.size);
          }
          for (const [id, g] of ref) {
            const [maskText, laneText] = id.split('|');
            const mask = Number(maskText);
            const scratch = Float64Array.from(width ? laneText!.split(',').map((x) => (x === 'null' ? 0 : Number(x))) : []);
            expect(t.find(scratch, mask, t.hash(scratch, mask))).toBe(g);
            expect(t.live[g]).toBe(1);
          }
        }
      },
    ), { numRuns: 300 });
  });
});
