// Gathers selected rows straight from Arrow buffers (no conversion to kernel lanes and back).

import * as arrow from 'apache-arrow';
import type { DataType } from '../common/types.js';
import { copyBytes } from './copy-bytes.js';

function gatherValidity(d: arrow.Data, sel: Int32Array, n: number): { nullBitmap: Uint8Array | undefined; nullCount: number } {
  const src = d.nullBitmap;
  if (!src || src.length === 0 || d.nullCount === 0) return { nullBitmap: undefined, nullCount: 0 };
  const out = new Uint8Array((n + 7) >> 3);
  let nulls = 0;
  const off = d.offset;
  for (let i = 0; i < n; i++) {
    const j = off + sel[i]!;
    if ((src[j >> 3]! >> (j & 7)) & 1) out[i >> 3]! |= 1 << (i & 7);
    else nulls++;
  }
  return { nullBitmap: nulls ? out : undefined, nullCount: nulls };
}

export function gatherArrow(d: arrow.Data, type: DataType, sel: Int32Array, n: number): arrow.Data {
  const { nullBitmap, nullCount } = gatherValidity(d, sel, n);
  switch (type) {
    case 'BIGINT':
    case 'TIMESTAMP': {
      const src = d.values as BigInt64Array;
      const w = new Int32Array(src.buffer, src.byteOffset, src.length * 2);
      const out = new BigInt64Array(n);
      const o = new Int32Array(out.buffer);
      for (let i = 0; i < n; i++) {
        const j = sel[i]! << 1;
        o[i << 1] = w[j]!;
        o[(i << 1) + 1] = w[j + 1]!;
      }
      return arrow.makeData({ type: d.type as arrow.Int64, length: n, data: out, nullBitmap, nullCount });
    }
    case 'DOUBLE': {
      const src = d.values as Float64Array;
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = src[sel[i]!]!;
      return arrow.makeData({ type: d.type as arrow.Float64, length: n, data: out, nullBitmap, nullCount });
    }
    case 'INT': {
      const src = d.values as Int32Array;
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = src[sel[i]!]!;
      return arrow.makeData({ type: d.type as arrow.Int32, length: n, data: out, nullBitmap, nullCount });
    }
    case 'BOOLEAN': {
      const src = d.values as Uint8Array;
      const out = new Uint8Array((n + 7) >> 3);
      for (let i = 0; i < n; i++) {
        const j = d.offset + sel[i]!;
        if ((src[j >> 3]! >> (j & 7)) & 1) out[i >> 3]! |= 1 << (i & 7);
      }
      return arrow.makeData({ type: d.type as arrow.Bool, length: n, data: out, nullBitmap, nullCount });
    }
    case 'STRING':
    case 'NULL': {
      const offs = d.valueOffsets as Int32Array;
      const bytes = d.values as Uint8Array;
      const offsets = new Int32Array(n + 1);
      let total = 0;
      for (let i = 0; i < n; i++) {
        const r = sel[i]!;
        total += offs[r + 1]! - offs[r]!;
        offsets[i + 1] = total;
      }
      const data = new Uint8Array(total);
      for (let i = 0; i < n; i++) {
        const r = sel[i]!;
        copyBytes(data, offsets[i]!, bytes, offs[r]!, offs[r + 1]!);
      }
      return arrow.makeData({ type: d.type as arrow.Utf8, length: n, valueOffsets: offsets, data, nullBitmap, nullCount });
    }
    default: {
      const never: never = type;
      throw new Error(`gather of ${String(never)}`);
    }
  }
}
