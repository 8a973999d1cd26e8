// sum over integers (INT, BIGINT), exact as Spark's long sums are: two float64 words per group, no rounding at 2^53.

import type { DataType } from '../../common/types.js';
import type { Vec } from '../vec.js';
import type { Accumulator } from './accumulators.js';
import { f64Col, growF64, lane } from './acc-columns.js';

const TWO_32 = 4294967296;
const INV_TWO_32 = 1 / TWO_32;
/** Integers of smaller magnitude add exactly in float64 (2^53). */
const EXACT = 9007199254740992;

/**
 * A group's sum is hi * 2^32 + lo. While |lo + v| stays below 2^53 an addition is exact and hi stays as it was
 * (usually 0); past that, lo and v are each split into a multiple of 2^32 (added to hi) and a remainder in
 * [0, 2^32) (added to lo), which is exact. So a sum whose inputs and final value fit Tidemark's exact BIGINT range
 * (±2^53) is exact however far its partial sums go past it (a float64 running sum rounded there: 2^53 - 1 + 2 -
 * (2^53 - 1) gave 1); a final value beyond the range rounds once, to the nearest float64, as every BIGINT result
 * does (runtime/README.md).
 */
export class ExactSumAcc implements Accumulator {
  lo: Float64Array = new Float64Array(0);
  hi: Float64Array = new Float64Array(0);
  n: Float64Array = new Float64Array(0);

  grow(c: number): void {
    this.lo = growF64(this.lo, c);
    this.hi = growF64(this.hi, c);
    this.n = growF64(this.n, c);
  }

  reset(g: number): void {
    this.lo[g] = 0;
    this.hi[g] = 0;
    this.n[g] = 0;
  }

  update(groups: Int32Array, rows: Int32Array, count: number, v: Vec | undefined): void {
    const vec = v as Extract<Vec, { kind: 'f64' }>;
    const x = vec.values;
    const valid = vec.valid;
    const lo = this.lo;
    const n = this.n;
    for (let k = 0; k < count; k++) {
      const r = rows[k]!;
      if (valid && !valid[r]) continue;
      const g = groups[k]!;
      const s = lo[g]! + x[r]!;
      if (s < EXACT && s > -EXACT) lo[g] = s;
      else this.carry(g, x[r]!);
      n[g]!++;
    }
  }

  /** Adds v to group g through the split (|lo + v| reached 2^53, where float64 addition may round). */
  private carry(g: number, v: number): void {
    const a = this.lo[g]!;
    const ha = Math.floor(a * INV_TWO_32);
    const hv = Math.floor(v * INV_TWO_32);
    this.hi[g]! += ha + hv;
    this.lo[g] = (a - ha * TWO_32) + (v - hv * TWO_32);
  }

  emit(ids: ArrayLike<number>, count: number): Vec {
    const values = new Float64Array(count);
    const valid = new Uint8Array(count);
    let nulls = false;
    for (let i = 0; i < count; i++) {
      const g = ids[i]!;
      if (this.n[g] === 0) { nulls = true; continue; }
      valid[i] = 1;
      values[i] = this.hi[g]! * TWO_32 + this.lo[g]!;
    }
    return { kind: 'f64', length: count, values, valid: nulls ? valid : null };
  }

  merge(dst: Int32Array, src: Accumulator, srcIds: Int32Array, count: number): void {
    const o = src as ExactSumAcc;
    for (let k = 0; k < count; k++) {
      const d = dst[k]!;
      const s = srcIds[k]!;
      this.hi[d]! += o.hi[s]!;
      const sum = this.lo[d]! + o.lo[s]!;
      if (sum < EXACT && sum > -EXACT) this.lo[d] = sum;
      else this.carry(d, o.lo[s]!);
      this.n[d]! += o.n[s]!;
    }
  }

  /** lo, count, hi: the first two as a float64 sum's state, hi last. */
  readonly stateTypes: readonly DataType[] = ['DOUBLE', 'DOUBLE', 'DOUBLE'];

  saveState(ids: ArrayLike<number>, count: number): Vec[] {
    return [f64Col(this.lo, ids, count), f64Col(this.n, ids, count), f64Col(this.hi, ids, count)];
  }

  loadState(groups: ArrayLike<number>, cols: readonly Vec[], count: number): void {
    const lo = lane(cols[0]!);
    const n = lane(cols[1]!);
    const hi = lane(cols[2]!);
    for (let k = 0; k < count; k++) {
      const g = groups[k]!;
      this.lo[g] = lo[k]!;
      this.n[g] = n[k]!;
      this.hi[g] = hi[k]!;
    }
  }

  bytesPerGroup(): number {
    return 24;
  }
}
