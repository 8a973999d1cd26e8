// Arrow IPC files of batches whose columns share buffers (a repeated column, shared constant arrays) read back intact.

import * as arrow from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipcFile, withDistinctBuffers } from './ipc.js';

const f64 = (values: Float64Array): arrow.Data => arrow.makeData({ type: new arrow.Float64(), length: values.length, data: values });
const utf8 = (strings: string[]): arrow.Data => arrow.vectorFromArray(strings, new arrow.Utf8()).data[0]!;
const batchOf = (cols: readonly arrow.Data[]): arrow.RecordBatch => {
  const fields = cols.map((d, i) => new arrow.Field(`c${i}`, d.type, true));
  const n = cols[0]!.length;
  return new arrow.RecordBatch(new arrow.Schema(fields), arrow.makeData({ type: new arrow.Struct(fields), length: n, nullCount: 0, children: cols as arrow.Data[] }));
};
const values = (b: arrow.RecordBatch): unknown[][] => b.schema.fields.map((f) => Array.from({ length: b.numRows }, (_, r): unknown => b.getChild(f.name)!.get(r)));
const readBack = (b: arrow.RecordBatch): arrow.RecordBatch[] => arrow.tableFromIPC(ipcFile([b])).batches;

describe('ipcFile', () => {
  it('property: columns made of shared pieces (one Data twice, one array in two Data, slices, strings) read back as written', () => {
    fc.assert(fc.property(
      fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 20 }),
      fc.array(fc.nat(4), { minLength: 1, maxLength: 8 }),
      (nums, picks) => {
        const n = nums.length;
        const shared = Float64Array.from(nums);
        const big = new Float64Array(2 * n).fill(-1);
        const words = utf8(nums.map((x) => `s${x}`));
        const pieces = [
          () => f64(shared),
          () => f64(shared.slice()),
          () => f64(big.subarray(0, n)),
          () => f64(big.subarray(n, 2 * n)),
          () => words,
        ];
        const b = batchOf(picks.map((p) => pieces[p]!()));
        const back = readBack(b);
        expect(back.map(values)).toEqual([values(b)]);
      }));
  });

  it('copies only what repeats: a batch of distinct buffers goes as it is', () => {
    const b = batchOf([f64(new Float64Array([1, 2])), f64(new Float64Array([3, 4]))]);
    expect(withDistinctBuffers(b)).toBe(b);
    const a = new Float64Array([5, 6]);
    const twice = batchOf([f64(a), f64(a)]);
    const fixed = withDistinctBuffers(twice);
    expect(fixed.getChildAt(0)!.data[0]!.values).toBe(a);
    expect(fixed.getChildAt(1)!.data[0]!.values).not.toBe(a);
    expect(values(fixed)).toEqual([[5, 6], [5, 6]]);
  });
});
