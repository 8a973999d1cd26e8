// Aggregate accumulators: per-group state in typed arrays indexed by group id, updated a batch at a time.

import { assertNever } from '../../common/errors.js';
import type { DataType } from '../../common/types.js';
import type { AggCall } from '../../planner/logical-plan.js';
import type { Vec } from '../vec.js';
import { StrBuilder, strAt } from '../kernels/utf8.js';
import { compareCodePoints } from '../../common/compare.js';
import { keyPart } from '../row-key.js';
import { HLL_M, HllSketches } from './hll.js';
import { f64Col, growF64, growU8, lane } from './acc-columns.js';
import { ExactSumAcc } from './exact-sum.js';

export interface Accumulator {
  grow(capacity: number): void;
  reset(g: number): void;
  /** Folds rows `rows[k]` of `v` into groups `groups[k]` for k < count (v undefined for count(*)). */
  update(groups: Int32Array, rows: Int32Array, count: number, v: Vec | undefined): void;
  emit(ids: ArrayLike<number>, count: number): Vec;
  /** Folds groups `srcIds[k]` of `src` (an accumulator of the same aggregate) into groups `dst[k]` (window panes). */
  merge(dst: Int32Array, src: Accumulator, srcIds: Int32Array, count: number): void;
  /** Types of the state columns this accumulator checkpoints. */
  readonly stateTypes: readonly DataType[];
  /** State of groups `ids` as columns (checkpoint rows). */
  saveState(ids: ArrayLike<number>, count: number): Vec[];
  /** Loads state rows `rows[k]` of `cols` into groups `groups[k]`. */
  loadState(groups: ArrayLike<number>, cols: readonly Vec[], count: number): void;
  bytesPerGroup(): number;
}

class CountAcc implements Accumulator {
  cnt: Float64Array = new Float64Array(0);
  constructor(private readonly star: boolean) {}
  grow(c: number): void { this.cnt = growF64(this.cnt, c); }
  reset(g: number): void { this.cnt[g] = 0; }
  update(groups: Int32Array, rows: Int32Array, count: number, v: Vec | undefined): void {
    const valid = this.star ? null : v!.valid;
    for (let k = 0; k < count; k++) if (!valid || valid[rows[k]!]) this.cnt[groups[k]!]!++;
  }
  emit(ids: ArrayLike<number>, count: number): Vec {
    const values = new Float64Array(count);
    for (let i = 0; i < count; i++) values[i] = this.cnt[ids[i]!]!;
    return { kind: 'f64', length: count, values, valid: null };
  }
  merge(dst: Int32Array, src: Accumulator, srcIds: Int32Array, count: number): void {
    const from = (src as CountAcc).cnt;
    const to = this.cnt;
    for (let k = 0; k < count; k++) to[dst[k]!]! += from[srcIds[k]!]!;
  }
  readonly stateTypes: readonly DataType[] = ['DOUBLE'];
  saveState(ids: ArrayLike<number>, count: number): Vec[] { return [f64Col(this.cnt, ids, count)]; }
  loadState(groups: ArrayLike<number>, cols: readonly Vec[], count: number): void {
    const c = lane(cols[0]!);
    for (let k = 0; k < count; k++) this.cnt[groups[k]!] = c[k]!;
  }
  bytesPerGroup(): number { return 8; }
}

/** sum and avg: a running sum, a count of non-NULL inputs (avg divides; sum is NULL with none). */
class SumAcc implements Accumulator {
  sum: Float64Array = new Float64Array(0);
  n: Float64Array = new Float64Array(0);
  constructor(private readonly avg: boolean) {}
  grow(c: number): void { this.sum = growF64(this.sum, c); this.n = growF64(this.n, c); }
  reset(g: number): void { this.sum[g] = 0; this.n[g] = 0; }
  update(groups: Int32Array, rows: Int32Array, count: number, v: Vec | undefined): void {
    const vec = v as Extract<Vec, { kind: 'f64' }>;
    const x = vec.values;
    const valid = vec.valid;
    for (let k = 0; k < count; k++) {
      const r = rows[k]!;
      if (valid && !valid[r]) continue;
      const g = groups[k]!;
      this.sum[g]! += x[r]!;
      this.n[g]!++;
    }
  }
  emit(ids: ArrayLike<number>, count: number): Vec {
    const values = new Float64Array(count);
    const valid = new Uint8Array(count);
    let nulls = false;
    for (let i = 0; i < count; i++) {
      const g = ids[i]!;
      if (this.n[g] === 0) { nulls = true; continue; }
      valid[i] = 1;
      values[i] = this.avg ? this.sum[g]! / this.n[g]! : this.sum[g]!;
    }
    return { kind: 'f64', length: count, values, valid: nulls ? valid : null };
  }
  merge(dst: Int32Array, src: Accumulator, srcIds: Int32Array, count: number): void {
    const o = src as SumAcc;
    for (let k = 0; k < count; k++) {
      const d = dst[k]!;
      const s = srcIds[k]!;
      this.sum[d]! += o.sum[s]!;
      this.n[d]! += o.n[s]!;
    }
  }
  readonly stateTypes: readonly DataType[] = ['DOUBLE', 'DOUBLE'];
  saveState(ids: ArrayLike<number>, count: number): Vec[] { return [f64Col(this.sum, ids, count), f64Col(this.n, ids, count)]; }
  loadState(groups: ArrayLike<number>, cols: readonly Vec[], count: number): void {
    const a = lane(cols[0]!);
    const b = lane(cols[1]!);
    for (let k = 0; k < count; k++) { this.sum[groups[k]!] = a[k]!; this.n[groups[k]!] = b[k]!; }
  }
  bytesPerGroup(): number { return 16; }
}

type Mode = 'min' | 'max' | 'first' | 'last';

/** a < b with NaN the greatest double (Spark: max is NaN when any value is, min skips NaN unless all are). */
const below = (a: number, b: number): boolean => a < b || (b !== b && a === a);

/** min, max, first, last over numbers/booleans (float lane) or strings (JS strings per group, not per row). */
class PickAcc implements Accumulator {
  num: Float64Array = new Float64Array(0);
  str: (string | null)[] = [];
  /** 0 = nothing seen, 1 = holds a value, 2 = holds NULL (first/last only). */
  has: Uint8Array = new Uint8Array(0);
  constructor(private readonly mode: Mode, private readonly type: DataType) {}
  grow(c: number): void { this.num = growF64(this.num, c); this.has = growU8(this.has, c); }
  // Only string min/max/first/last keep JS strings; numeric ones never touch (or grow) the array.
  reset(g: number): void { this.has[g] = 0; if (this.type === 'STRING') this.str[g] = null; }
  update(groups: Int32Array, rows: Int32Array, count: number, v: Vec | undefined): void {
    const vec = v!;
    const valid = vec.valid;
    const mode = this.mode;
    for (let k = 0; k < count; k++) {
      const r = rows[k]!;
      const g = groups[k]!;
      const isNull = valid !== null && valid[r] === 0;
      if (mode === 'first' && this.has[g] !== 0) continue;
      if (isNull) {
        if (mode === 'first' || mode === 'last') this.has[g] = 2;
        continue;
      }
      if (vec.kind === 'str') {
        const s = strAt(vec, r);
        const cur = this.str[g];
        if (this.has[g] !== 1 || mode === 'first' || mode === 'last' || (mode === 'min' ? compareCodePoints(s, cur!) < 0 : compareCodePoints(s, cur!) > 0)) {
          this.str[g] = s;
          this.has[g] = 1;
        }
      } else {
        const x = vec.values[r]!;
        if (this.has[g] !== 1 || mode === 'first' || mode === 'last' || (mode === 'min' ? below(x, this.num[g]!) : below(this.num[g]!, x))) {
          this.num[g] = x;
          this.has[g] = 1;
        }
      }
    }
  }
  emit(ids: ArrayLike<number>, count: number): Vec {
    if (this.type === 'STRING') {
      const b = new StrBuilder(count);
      for (let i = 0; i < count; i++) {
        const g = ids[i]!;
        b.push(this.has[g] === 1 ? this.str[g]! : null);
      }
      return b.finish();
    }
    const valid = new Uint8Array(count);
    const values = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const g = ids[i]!;
      if (this.has[g] === 1) { valid[i] = 1; values[i] = this.num[g]!; }
    }
    if (this.type === 'BOOLEAN') return { kind: 'bool', length: count, values: new Uint8Array(values), valid };
    return { kind: 'f64', length: count, values, valid };
  }
  merge(dst: Int32Array, src: Accumulator, srcIds: Int32Array, count: number): void {
    // Only min and max merge (first/last would need arrival order across panes; panes are not used for them).
    const o = src as PickAcc;
    const min = this.mode === 'min';
    for (let k = 0; k < count; k++) {
      const d = dst[k]!;
      const s = srcIds[k]!;
      if (o.has[s] !== 1) continue;
      if (this.type === 'STRING') {
        const v = o.str[s]!;
        const c = this.has[d] === 1 ? compareCodePoints(v, this.str[d]!) : 0;
        if (this.has[d] !== 1 || (min ? c < 0 : c > 0)) { this.str[d] = v; this.has[d] = 1; }
      } else {
        const v = o.num[s]!;
        if (this.has[d] !== 1 || (min ? below(v, this.num[d]!) : below(this.num[d]!, v))) { this.num[d] = v; this.has[d] = 1; }
      }
    }
  }
  get stateTypes(): readonly DataType[] {
    return ['DOUBLE', this.type === 'STRING' ? 'STRING' : 'DOUBLE'];
  }
  saveState(ids: ArrayLike<number>, count: number): Vec[] {
    if (this.type !== 'STRING') return [f64Col(this.has, ids, count), f64Col(this.num, ids, count)];
    const b = new StrBuilder(count);
    for (let i = 0; i < count; i++) b.push(this.str[ids[i]!] ?? null);
    return [f64Col(this.has, ids, count), b.finish()];
  }
  loadState(groups: ArrayLike<number>, cols: readonly Vec[], count: number): void {
    const h = lane(cols[0]!);
    const v = cols[1]!;
    for (let k = 0; k < count; k++) {
      const g = groups[k]!;
      this.has[g] = h[k]!;
      if (v.kind === 'str') this.str[g] = v.valid && !v.valid[k] ? null : strAt(v, k);
      else this.num[g] = (v as Extract<Vec, { kind: 'f64' }>).values[k]!;
    }
  }
  bytesPerGroup(): number { return this.type === 'STRING' ? 41 : 9; }
}

/** count(DISTINCT x): the set of non-NULL values per group (keyed like hash-table row keys). */
class DistinctCountAcc implements Accumulator {
  sets: (Set<string> | undefined)[] = [];
  grow(): void {}
  reset(g: number): void { this.sets[g] = new Set(); }
  update(groups: Int32Array, rows: Int32Array, count: number, v: Vec | undefined): void {
    const vec = v!;
    for (let k = 0; k < count; k++) {
      const r = rows[k]!;
      if (vec.valid && !vec.valid[r]) continue;
      this.sets[groups[k]!]!.add(keyPart(vec, r));
    }
  }
  emit(ids: ArrayLike<number>, count: number): Vec {
    const values = new Float64Array(count);
    for (let i = 0; i < count; i++) values[i] = this.sets[ids[i]!]!.size;
    return { kind: 'f64', length: count, values, valid: null };
  }
  merge(dst: Int32Array, src: Accumulator, srcIds: Int32Array, count: number): void {
    const from = (src as DistinctCountAcc).sets;
    for (let k = 0; k < count; k++) {
      const into = this.sets[dst[k]!]!;
      for (const v of from[srcIds[k]!] ?? []) into.add(v);
    }
  }
  readonly stateTypes: readonly DataType[] = ['STRING'];
  saveState(ids: ArrayLike<number>, count: number): Vec[] {
    const b = new StrBuilder(count);
    for (let i = 0; i < count; i++) b.push(JSON.stringify([...(this.sets[ids[i]!] ?? [])]));
    return [b.finish()];
  }
  loadState(groups: ArrayLike<number>, cols: readonly Vec[], count: number): void {
    const c = cols[0]!;
    if (c.kind !== 'str') throw new Error('expected a string state column');
    for (let k = 0; k < count; k++) this.sets[groups[k]!] = new Set(JSON.parse(strAt(c, k)) as string[]);
  }
  bytesPerGroup(): number { return 64; }
}

/**
 * approx_count_distinct(x): one HyperLogLog sketch per group (hll.ts: exact up to 256 distinct values, then 4096
 * registers in the group's slice of one byte array), so updates allocate nothing per row. Numbers hash by their
 * float64 bits, booleans as 0 and 1, strings by their UTF-8 bytes; NULLs are skipped, a group without values is 0.
 */
class ApproxDistinctAcc implements Accumulator {
  readonly sketches = new HllSketches();
  grow(c: number): void { this.sketches.grow(c); }
  reset(g: number): void { this.sketches.reset(g); }
  update(groups: Int32Array, rows: Int32Array, count: number, v: Vec | undefined): void {
    const vec = v!;
    const valid = vec.valid;
    const sk = this.sketches;
    if (vec.kind === 'str') {
      const { offsets, data } = vec;
      for (let k = 0; k < count; k++) {
        const r = rows[k]!;
        if (!valid || valid[r]) sk.addBytes(groups[k]!, data, offsets[r]!, offsets[r + 1]!);
      }
      return;
    }
    const x = vec.values;
    for (let k = 0; k < count; k++) {
      const r = rows[k]!;
      if (!valid || valid[r]) sk.addNumber(groups[k]!, x[r]!);
    }
  }
  emit(ids: ArrayLike<number>, count: number): Vec {
    const values = new Float64Array(count);
    for (let i = 0; i < count; i++) values[i] = this.sketches.estimate(ids[i]!);
    return { kind: 'f64', length: count, values, valid: null };
  }
  merge(dst: Int32Array, src: Accumulator, srcIds: Int32Array, count: number): void {
    const from = (src as ApproxDistinctAcc).sketches;
    for (let k = 0; k < count; k++) this.sketches.mergeFrom(dst[k]!, from, srcIds[k]!);
  }
  readonly stateTypes: readonly DataType[] = ['STRING'];
  saveState(ids: ArrayLike<number>, count: number): Vec[] {
    // Sized in a first pass, so each sketch is written once straight into the column's bytes.
    const sk = this.sketches;
    const offsets = new Int32Array(count + 1);
    for (let i = 0; i < count; i++) offsets[i + 1] = offsets[i]! + sk.encodedLength(ids[i]!);
    const data = new Uint8Array(offsets[count]!);
    for (let i = 0; i < count; i++) sk.encode(ids[i]!, data, offsets[i]!, offsets[i + 1]! - offsets[i]!);
    return [{ kind: 'str', length: count, offsets, data, valid: null }];
  }
  loadState(groups: ArrayLike<number>, cols: readonly Vec[], count: number): void {
    const c = cols[0]!;
    if (c.kind !== 'str') throw new Error('expected a string state column');
    for (let k = 0; k < count; k++) {
      if (c.valid && !c.valid[k]) this.sketches.reset(groups[k]!);
      else this.sketches.decode(groups[k]!, c.data, c.offsets[k]!, c.offsets[k + 1]!);
    }
  }
  bytesPerGroup(): number { return HLL_M + 4; }
}

export function makeAccumulator(a: AggCall): Accumulator {
  switch (a.fn) {
    case 'count_star': return new CountAcc(true);
    case 'count': return new CountAcc(false);
    case 'count_distinct': return new DistinctCountAcc();
    case 'approx_count_distinct': return new ApproxDistinctAcc();
    // Integer sums are exact (Spark adds longs); a float64 running sum rounds once it passes 2^53.
    case 'sum': return a.type === 'BIGINT' ? new ExactSumAcc() : new SumAcc(false);
    case 'avg': return new SumAcc(true);
    case 'min': case 'max': case 'first': case 'last': return new PickAcc(a.fn, a.type);
    default: return assertNever(a.fn, 'aggregate');
  }
}
