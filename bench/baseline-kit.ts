// Shared pieces of the hand-written baselines: micro-batch timing, zero-copy column views, hash groups, watermarks.

import type * as arrow from 'apache-arrow';
import { Checksummer, type Checksum, type ColType, type ColView } from './checksum.js';
import type { Dataset } from './dataset.js';

export const TWO_32 = 4294967296;
export const SECOND = 1_000_000;
export const DAY = 86_400 * SECOND;

export interface BaselineRun {
  readonly seconds: number;
  readonly emittedRows: number;
  /** The result's checksum, computed on request, after the clock stopped. */
  readonly checksum: () => Checksum;
  /** Groups held at the end of the busiest micro-batch (windowed and grouped queries). */
  readonly peakGroups: number;
}

/** Column indexes in the bid batches (the numeric-only batches keep the same order minus the strings). */
export interface BidColumns {
  readonly auction: number;
  readonly bidder: number;
  readonly price: number;
  readonly dateTime: number;
  readonly extra: number | undefined;
}

export const FULL: BidColumns = { auction: 0, bidder: 1, price: 2, dateTime: 5, extra: 6 };
export const NUMERIC: BidColumns = { auction: 0, bidder: 1, price: 2, dateTime: 3, extra: undefined };

/** Start of the `width`-aligned interval holding t; `%` on doubles beyond int32 is a slow fmod call. */
export function floorTo(t: number, width: number): number {
  let s = Math.floor(t / width) * width;
  if (s > t) s -= width;
  else if (s + width <= t) s += width;
  return s;
}

export const i64 = (w: Int32Array, i: number): number => w[2 * i + 1]! * TWO_32 + (w[2 * i]! >>> 0);

/** Output chunks: each a set of column views with a row count. */
export class Chunks {
  readonly list: { cols: ColView[]; n: number }[] = [];
  rows = 0;

  push(cols: ColView[], n: number): void {
    this.list.push({ cols, n });
    this.rows += n;
  }

  checksum(types: readonly ColType[]): Checksum {
    const c = new Checksummer(types);
    for (const { cols, n } of this.list) c.add(cols, n);
    return c.result();
  }
}

export const batchesOf = (data: Dataset, numeric: boolean): readonly (readonly arrow.RecordBatch[])[] => (numeric ? data.numMicroBatches : data.microBatches);

export function timed(f: () => Omit<BaselineRun, 'seconds'>): BaselineRun {
  const t0 = performance.now();
  const r = f();
  return { ...r, seconds: (performance.now() - t0) / 1000 };
}

export function str(b: arrow.RecordBatch, col: number): ColView {
  const d = b.data.children[col]!;
  return { kind: 'str', offsets: d.valueOffsets as Int32Array, bytes: d.values as Uint8Array };
}

export class Groups {
  private slots = new Int32Array(0);
  private mask = 0;
  size = 0;
  cols: Float64Array;

  constructor(readonly stride: number, capacity: number) {
    if ((capacity & (capacity - 1)) !== 0) throw new Error('Groups: the capacity must be a power of two');
    this.cols = new Float64Array(0);
    this.resize(capacity);
  }

  private static hash(a: number, b: number): number {
    let h = Math.imul((a >>> 0) ^ Math.imul((a / TWO_32) >>> 0, 0x27d4eb2f) ^ Math.imul(b >>> 0, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 15;
    return Math.imul(h, 0xc2b2ae35) ^ (h >>> 13);
  }

  private resize(capacity: number): void {
    const cols = new Float64Array(this.stride * capacity);
    cols.set(this.cols.subarray(0, this.stride * this.size));
    this.cols = cols;
    this.rehash(capacity * 2);
  }

  private rehash(slotCount: number): void {
    this.slots = new Int32Array(slotCount);
    this.mask = slotCount - 1;
    const s = this.stride;
    for (let g = 0; g < this.size; g++) {
      let i = Groups.hash(this.cols[s * g]!, this.cols[s * g + 1]!) & this.mask;
      while (this.slots[i] !== 0) i = (i + 1) & this.mask;
      this.slots[i] = g + 1;
    }
  }

  /** The offset in `cols` of group (a, b); a new group gets `init` in every aggregate field. */
  find(a: number, b: number, init: number): number {
    const s = this.stride;
    const cols = this.cols;
    let i = Groups.hash(a, b) & this.mask;
    for (;;) {
      const g = this.slots[i]! - 1;
      if (g < 0) break;
      if (cols[s * g] === a && cols[s * g + 1] === b) return s * g;
      i = (i + 1) & this.mask;
    }
    const g = this.size;
    if (s * (g + 1) > cols.length) {
      this.resize((2 * cols.length) / s); // capacities stay powers of two: the slot mask depends on it
      return this.find(a, b, init);
    }
    this.size = g + 1;
    const o = s * g;
    cols[o] = a;
    cols[o + 1] = b;
    for (let k = 2; k < s; k++) cols[o + k] = init;
    this.slots[i] = g + 1;
    return o;
  }

  /** The offset in `cols` of group (a, b), or -1 if there is none. */
  lookup(a: number, b: number): number {
    const s = this.stride;
    const cols = this.cols;
    let i = Groups.hash(a, b) & this.mask;
    for (;;) {
      const g = this.slots[i]! - 1;
      if (g < 0) return -1;
      if (cols[s * g] === a && cols[s * g + 1] === b) return s * g;
      i = (i + 1) & this.mask;
    }
  }

  /** Keeps the groups for which `keep(offset)` holds (compacting them), then rebuilds the slots. */
  retain(keep: (o: number) => boolean): void {
    const s = this.stride;
    const cols = this.cols;
    let kept = 0;
    for (let g = 0; g < this.size; g++) {
      const o = s * g;
      if (!keep(o)) continue;
      if (kept !== g) cols.copyWithin(s * kept, o, o + s);
      kept++;
    }
    if (kept === this.size) return;
    this.size = kept;
    this.slots.fill(0);
    this.rehash(this.slots.length);
  }

  clear(): void {
    this.size = 0;
    this.slots.fill(0);
  }
}

/** A growable column of numbers. */
export class NumCol {
  values = new Float64Array(1024);
  length = 0;

  push(v: number): void {
    if (this.length === this.values.length) {
      const next = new Float64Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.length++] = v;
  }

  view(): ColView {
    return { kind: 'f64', values: this.values.subarray(0, this.length) };
  }
}

/**
 * Event-time bookkeeping with the engine's semantics (runtime/micro-batch-executor.ts): the watermark in effect for
 * a batch is the one computed after the previous batch (max event time - delay, never moving back); a window is
 * closed once its end <= that watermark; after the input, one more (no-data) batch runs with the final watermark.
 */
export abstract class Watermarked {
  protected watermark = -Infinity;
  protected maxEventTime = -Infinity;
  private moved = false;
  peakGroups = 0;

  constructor(private readonly delay: number) {}

  protected abstract fold(b: arrow.RecordBatch): void;
  protected abstract emit(watermark: number): void;
  protected abstract groups(): number;

  batch(batches: readonly arrow.RecordBatch[]): void {
    for (const b of batches) this.fold(b);
    this.emit(this.watermark);
    this.peakGroups = Math.max(this.peakGroups, this.groups());
    const next = this.maxEventTime - this.delay;
    this.moved = next > this.watermark;
    if (this.moved) this.watermark = next;
  }

  finish(): void {
    if (this.moved) this.emit(this.watermark);
  }
}

/** A growable Int32Array or Float64Array column of per-item values. */
export function grow<T extends Int32Array | Float64Array>(a: T, n: number): T {
  if (n < a.length) return a;
  const b = new (a.constructor as new (len: number) => T)(Math.max(2 * a.length, n + 1));
  b.set(a);
  return b;
}

/** A UTF-8 output column under construction. */
export class StrOut {
  offsets = new Int32Array(1025);
  bytes = new Uint8Array(16_384);
  length = 0;

  push(src: Uint8Array, from: number, to: number): void {
    const start = this.offsets[this.length]!;
    const end = start + to - from;
    if (end > this.bytes.length) {
      const b = new Uint8Array(Math.max(2 * this.bytes.length, end));
      b.set(this.bytes);
      this.bytes = b;
    }
    for (let i = from, j = start; i < to; i++, j++) this.bytes[j] = src[i]!;
    if (this.length + 2 > this.offsets.length) this.offsets = grow(this.offsets, this.length + 2);
    this.offsets[++this.length] = end;
  }

  view(): ColView {
    return { kind: 'str', offsets: this.offsets.subarray(0, this.length + 1), bytes: this.bytes.subarray(0, this.offsets[this.length]) };
  }
}
