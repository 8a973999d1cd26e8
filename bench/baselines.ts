// Hand-written typed-array loops computing each query's result over the same micro-batches: the JavaScript limit.

import type { Dataset } from './dataset.js';
import { f64Column, int64Words } from './dataset.js';

const TWO_32 = 4294967296;
const SECOND = 1_000_000;

/** Rows of numbers (timestamps in UTC microseconds, BIGINTs as exact doubles), in emission order. */
export type NumRows = number[][];

export interface BaselineRun {
  readonly seconds: number;
  readonly emittedRows: number;
  readonly droppedLate: number;
  /** The emitted rows, converted to NumRows only on request and outside the clock. */
  readonly rows: () => NumRows;
}

// ---------------------------------------------------------------------------------------------------------------
// (a) SELECT key, price * 0.9 AS p, ts FROM bids WHERE price > 50

interface FilterOut {
  readonly key: BigInt64Array;
  readonly p: Float64Array;
  readonly ts: BigInt64Array;
}

export function filterProject(data: Dataset): BaselineRun {
  const t0 = performance.now();
  const out: FilterOut[] = [];
  let emitted = 0;
  for (const group of data.microBatches) {
    for (const b of group) {
      const ts = int64Words(b, 0);
      const key = int64Words(b, 1);
      const price = f64Column(b, 2);
      const n = price.length;
      let m = 0;
      for (let i = 0; i < n; i++) if (price[i]! > 50) m++;
      const keyOut = new Int32Array(2 * m);
      const tsOut = new Int32Array(2 * m);
      const pOut = new Float64Array(m);
      let j = 0;
      for (let i = 0; i < n; i++) {
        const x = price[i]!;
        if (!(x > 50)) continue;
        keyOut[2 * j] = key[2 * i]!;
        keyOut[2 * j + 1] = key[2 * i + 1]!;
        tsOut[2 * j] = ts[2 * i]!;
        tsOut[2 * j + 1] = ts[2 * i + 1]!;
        pOut[j] = x * 0.9;
        j++;
      }
      out.push({ key: new BigInt64Array(keyOut.buffer), p: pOut, ts: new BigInt64Array(tsOut.buffer) });
      emitted += m;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  return {
    seconds, emittedRows: emitted, droppedLate: 0,
    rows: () => out.flatMap((o) => Array.from(o.p, (p, i) => [Number(o.key[i]!), p, Number(o.ts[i]!)])),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Event-time bookkeeping shared by the windowed queries, with the engine's semantics (runtime/micro-batch-executor.ts):
// the watermark in effect for a batch is the one computed after the previous batch (max event time - delay, never
// moving back); a window is dropped for a row when its end <= that watermark, and emitted (APPEND) once its end
// <= the watermark; after the input is exhausted, one more (no-data) batch runs with the final watermark.

class Watermark {
  /** In effect for the current batch; -Infinity before any batch completed. */
  current = -Infinity;
  maxEventTime = -Infinity;
  constructor(private readonly delay: number) {}

  /** Ends a batch; returns whether the watermark moved (then a no-data batch would run at the end). */
  advance(): boolean {
    const next = this.maxEventTime - this.delay;
    if (next > this.current) {
      this.current = next;
      return true;
    }
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Groups of the windowed queries: an open-addressing hash over (window start, key) into columns of typed arrays.
// Eviction happens once per batch, so instead of tombstones the table is rebuilt from the groups that survive.

class GroupTable {
  /** Per hash slot: group id + 1 (0 = empty). */
  private slots = new Int32Array(0);
  private mask = 0;
  size = 0;
  start = new Float64Array(0);
  key = new Float64Array(0);
  n = new Float64Array(0);
  s = new Float64Array(0);

  constructor(capacity = 1024) {
    this.resize(capacity);
  }

  private static hash(start: number, key: number): number {
    let h = Math.imul((start >>> 0) ^ Math.imul((start / 4294967296) >>> 0, 0x27d4eb2f) ^ Math.imul(key >>> 0, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 15;
    return Math.imul(h, 0xc2b2ae35) ^ (h >>> 13);
  }

  private resize(capacity: number): void {
    const grow = (a: Float64Array): Float64Array => {
      const b = new Float64Array(capacity);
      b.set(a.subarray(0, this.size));
      return b;
    };
    this.start = grow(this.start);
    this.key = grow(this.key);
    this.n = grow(this.n);
    this.s = grow(this.s);
    this.rehash(capacity * 2);
  }

  private rehash(slotCount: number): void {
    this.slots = new Int32Array(slotCount);
    this.mask = slotCount - 1;
    for (let g = 0; g < this.size; g++) {
      let i = GroupTable.hash(this.start[g]!, this.key[g]!) & this.mask;
      while (this.slots[i] !== 0) i = (i + 1) & this.mask;
      this.slots[i] = g + 1;
    }
  }

  /** The group id of (start, key), created with zero count and sum if absent. */
  find(start: number, key: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let i = GroupTable.hash(start, key) & mask;
    for (;;) {
      const g = slots[i]! - 1;
      if (g < 0) break;
      if (this.start[g] === start && this.key[g] === key) return g;
      i = (i + 1) & mask;
    }
    const g = this.size;
    if (g === this.start.length) {
      this.resize(g * 2);
      return this.find(start, key);
    }
    this.size = g + 1;
    this.start[g] = start;
    this.key[g] = key;
    this.n[g] = 0;
    this.s[g] = 0;
    slots[i] = g + 1;
    return g;
  }

  /** Removes the groups whose window ends at or before `watermark`, handing each to `emit` (group id order). */
  evict(watermark: number, size: number, emit: (g: number) => void): void {
    let kept = 0;
    for (let g = 0; g < this.size; g++) {
      if (this.start[g]! + size <= watermark) {
        emit(g);
        continue;
      }
      this.start[kept] = this.start[g]!;
      this.key[kept] = this.key[g]!;
      this.n[kept] = this.n[g]!;
      this.s[kept] = this.s[g]!;
      kept++;
    }
    if (kept === this.size) return;
    this.size = kept;
    this.rehash(this.slots.length);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// (b) SELECT window.start AS ws, key, count(*) AS n, sum(price) AS s FROM bids
//     GROUP BY window(ts, '10 seconds'), key WATERMARK ts 5 seconds EMIT APPEND

export function tumblingCountSum(data: Dataset): BaselineRun {
  const size = 10 * SECOND;
  const t0 = performance.now();
  const wm = new Watermark(5 * SECOND);
  const groups = new GroupTable();
  const out: number[][] = [];
  let emitted = 0;
  let dropped = 0;
  const evict = (w: number): void => {
    const ws: number[] = [];
    const keys: number[] = [];
    const ns: number[] = [];
    const ss: number[] = [];
    groups.evict(w, size, (g) => {
      ws.push(groups.start[g]!);
      keys.push(groups.key[g]!);
      ns.push(groups.n[g]!);
      ss.push(groups.s[g]!);
    });
    emitted += ws.length;
    out.push(ws, keys, ns, ss);
  };
  let moved = false;
  for (const batch of data.microBatches) {
    const now = wm.current;
    let maxT = wm.maxEventTime;
    for (const b of batch) {
      const tw = int64Words(b, 0);
      const kw = int64Words(b, 1);
      const price = f64Column(b, 2);
      const n = price.length;
      for (let r = 0; r < n; r++) {
        const t = tw[2 * r + 1]! * TWO_32 + (tw[2 * r]! >>> 0);
        if (t > maxT) maxT = t;
        const start = t - (((t % size) + size) % size);
        if (start + size <= now) { dropped++; continue; }
        const g = groups.find(start, kw[2 * r + 1]! * TWO_32 + (kw[2 * r]! >>> 0));
        groups.n[g]!++;
        groups.s[g]! += price[r]!;
      }
    }
    wm.maxEventTime = maxT;
    evict(now);
    moved = wm.advance();
  }
  if (moved) evict(wm.current);
  const seconds = (performance.now() - t0) / 1000;
  const rows = (): NumRows => {
    const all: NumRows = [];
    for (let i = 0; i < out.length; i += 4) out[i]!.forEach((w, j) => all.push([w, out[i + 1]![j]!, out[i + 2]![j]!, out[i + 3]![j]!]));
    return all;
  };
  return { seconds, emittedRows: emitted, droppedLate: dropped, rows };
}

// ---------------------------------------------------------------------------------------------------------------
// (c) SELECT window.start AS ws, count(*) AS n FROM bids
//     GROUP BY window(ts, '10 seconds', '2 seconds') WATERMARK ts 5 seconds EMIT APPEND

export function slidingCount(data: Dataset): BaselineRun {
  const size = 10 * SECOND;
  const slide = 2 * SECOND;
  const perRow = Math.ceil(size / slide);
  // With size a multiple of slide, a row falls in all perRow windows that start at its slide boundary or before,
  // so they depend on that boundary only, and consecutive rows (nearly in time order) mostly share them.
  if (size % slide !== 0) throw new Error('the sliding baseline assumes the window size is a multiple of the slide');
  const t0 = performance.now();
  const wm = new Watermark(5 * SECOND);
  const groups = new GroupTable(64);
  const ws: number[] = [];
  const ns: number[] = [];
  let dropped = 0;
  const evict = (w: number): void => groups.evict(w, size, (g) => {
    ws.push(groups.start[g]!);
    ns.push(groups.n[g]!);
  });
  /** Group ids of the windows of slide boundary `cachedBase` (-1: too late); valid until the next eviction. */
  const cached = new Int32Array(perRow);
  let moved = false;
  for (const batch of data.microBatches) {
    const now = wm.current;
    let maxT = wm.maxEventTime;
    let cachedBase = NaN;
    for (const b of batch) {
      const tw = int64Words(b, 0);
      const n = b.numRows;
      for (let r = 0; r < n; r++) {
        const t = tw[2 * r + 1]! * TWO_32 + (tw[2 * r]! >>> 0);
        if (t > maxT) maxT = t;
        const base = t - (((t % slide) + slide) % slide);
        if (base !== cachedBase) {
          for (let k = 0; k < perRow; k++) {
            const start = base - k * slide;
            cached[k] = start + size <= now ? -1 : groups.find(start, 0);
          }
          cachedBase = base;
        }
        for (let k = 0; k < perRow; k++) {
          const g = cached[k]!;
          if (g >= 0) groups.n[g]!++;
          else dropped++;
        }
      }
    }
    wm.maxEventTime = maxT;
    evict(now);
    moved = wm.advance();
  }
  if (moved) evict(wm.current);
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, emittedRows: ws.length, droppedLate: dropped, rows: () => ws.map((w, i) => [w, ns[i]!]) };
}
