// Per-group typed-array columns of accumulators: growing them, and reading and writing checkpoint state columns.

import type { Vec } from '../vec.js';

export function f64Col(src: Float64Array | Uint8Array, ids: ArrayLike<number>, count: number): Vec {
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) values[i] = src[ids[i]!]!;
  return { kind: 'f64', length: count, values, valid: null };
}

export const lane = (v: Vec): Float64Array => {
  if (v.kind !== 'f64') throw new Error('expected a numeric state column');
  return v.values;
};

export function growF64(a: Float64Array, cap: number): Float64Array {
  if (a.length >= cap) return a;
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}

export function growU8(a: Uint8Array, cap: number): Uint8Array {
  if (a.length >= cap) return a;
  const b = new Uint8Array(cap);
  b.set(a);
  return b;
}
