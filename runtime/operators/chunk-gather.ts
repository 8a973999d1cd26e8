// Gathering buffered join rows' columns from their chunks: runs of consecutive rows are copied as blocks.

import type { DataType } from '../../common/types.js';
import type { Vec } from '../vec.js';
import { copyBytes } from '../copy-bytes.js';
import type { Chunk, Runs } from './join-side.js';

/** Column `c` of the rows of `runs`, from their chunks: numbers and booleans by value, strings as UTF-8 bytes. */
export function gatherChunkColumn(chunks: readonly (Chunk | undefined)[], type: DataType, c: number, runs: Runs): Vec {
  if (type === 'STRING' || type === 'NULL') return gatherStr(chunks, c, runs);
  if (type === 'BOOLEAN') return gatherBool(chunks, c, runs);
  return gatherF64(chunks, c, runs);
}

function gatherF64(chunks: readonly (Chunk | undefined)[], c: number, runs: Runs): Vec {
  const { n, count, at, chunk, row } = runs;
  const values = new Float64Array(n);
  const valid = new Uint8Array(n);
  let nulls = false;
  let last = -1;
  let v: Extract<Vec, { kind: 'f64' }> = undefined!;
  for (let k = 0; k < count; k++) {
    const ch = chunk[k]!;
    const o = at[k]!;
    const len = at[k + 1]! - o;
    if (ch < 0) { nulls = true; continue; }
    if (ch !== last) { last = ch; v = chunks[ch]!.cols[c] as Extract<Vec, { kind: 'f64' }>; }
    const r = row[k]!;
    if (len === 1) {
      values[o] = v.values[r]!;
      if (v.valid && !v.valid[r]) nulls = true;
      else valid[o] = 1;
      continue;
    }
    values.set(v.values.subarray(r, r + len), o);
    if (!v.valid) valid.fill(1, o, o + len);
    else {
      valid.set(v.valid.subarray(r, r + len), o);
      if (!nulls) for (let i = o; i < o + len; i++) if (!valid[i]) { nulls = true; break; }
    }
  }
  return { kind: 'f64', length: n, values, valid: nulls ? valid : null };
}

function gatherBool(chunks: readonly (Chunk | undefined)[], c: number, runs: Runs): Vec {
  const { n, count, at, chunk, row } = runs;
  const values = new Uint8Array(n);
  const valid = new Uint8Array(n);
  let nulls = false;
  for (let k = 0; k < count; k++) {
    const ch = chunk[k]!;
    const o = at[k]!;
    const len = at[k + 1]! - o;
    if (ch < 0) { nulls = true; continue; }
    const v = chunks[ch]!.cols[c] as Extract<Vec, { kind: 'bool' }>;
    const r = row[k]!;
    for (let i = 0; i < len; i++) {
      if (v.valid && !v.valid[r + i]) { nulls = true; continue; }
      values[o + i] = v.values[r + i]!;
      valid[o + i] = 1;
    }
  }
  return { kind: 'bool', length: n, values, valid: nulls ? valid : null };
}

function gatherStr(chunks: readonly (Chunk | undefined)[], c: number, runs: Runs): Vec {
  const { n, count, at, chunk, row } = runs;
  const offsets = new Int32Array(n + 1);
  const valid = new Uint8Array(n);
  let nulls = false;
  let total = 0;
  // Offsets (and validity) first, then the bytes in one allocation.
  for (let k = 0; k < count; k++) {
    const ch = chunk[k]!;
    const o = at[k]!;
    const len = at[k + 1]! - o;
    if (ch < 0) {
      nulls = true;
      for (let i = o; i < o + len; i++) offsets[i + 1] = total;
      continue;
    }
    const v = chunks[ch]!.cols[c] as Extract<Vec, { kind: 'str' }>;
    const r = row[k]!;
    const so = v.offsets;
    const sv = v.valid;
    for (let i = 0; i < len; i++) {
      if (sv && !sv[r + i]) nulls = true;
      else {
        valid[o + i] = 1;
        total += so[r + i + 1]! - so[r + i]!;
      }
      offsets[o + i + 1] = total;
    }
  }
  const data = new Uint8Array(total);
  for (let k = 0; k < count; k++) {
    const ch = chunk[k]!;
    if (ch < 0) continue;
    const o = at[k]!;
    const len = at[k + 1]! - o;
    const v = chunks[ch]!.cols[c] as Extract<Vec, { kind: 'str' }>;
    const r = row[k]!;
    const so = v.offsets;
    const d = v.data;
    if (!v.valid && len > 1) {
      // A block of non-NULL rows: one copy.
      data.set(d.subarray(so[r]!, so[r + len]!), offsets[o]!);
      continue;
    }
    for (let i = 0; i < len; i++) {
      if (!valid[o + i]) continue;
      const s = so[r + i]!;
      const e = so[r + i + 1]!;
      copyBytes(data, offsets[o + i]!, d, s, e);
    }
  }
  return { kind: 'str', length: n, offsets, data, valid: nulls ? valid : null };
}
