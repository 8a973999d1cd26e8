// The kernel contract: a compiled expression maps a batch's columns to one output vector in a single pass.

import type * as arrow from 'apache-arrow';
import type { Vec } from '../vec.js';

export interface EvalInput {
  readonly n: number;
  /** Column `i` of the input as a vector (converted once per batch and cached by the caller). */
  col(i: number): Vec;
  /** The Arrow data of column `i` when it is an untouched input column (no selection), for kernels that read it raw. */
  raw?(i: number): arrow.Data | undefined;
}

export type Kernel = (input: EvalInput) => Vec;

export type F64Vec = Extract<Vec, { kind: 'f64' }>;
export type BoolVec = Extract<Vec, { kind: 'bool' }>;

export function andValid(a: Uint8Array | null, b: Uint8Array | null, n: number): Uint8Array | null {
  if (!a) return b;
  if (!b) return a;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = a[i]! & b[i]!;
  return out;
}

export function asF64(v: Vec): F64Vec {
  if (v.kind !== 'f64') throw new Error(`expected a numeric vector, got ${v.kind}`);
  return v;
}

export function asBool(v: Vec): BoolVec {
  if (v.kind !== 'bool') throw new Error(`expected a boolean vector, got ${v.kind}`);
  return v;
}
