// Hand-written typed-array loops computing each query's result over the same micro-batches: the JavaScript limit.

import type * as arrow from 'apache-arrow';
import type { Dataset } from './dataset.js';
import { f64Column, int64Words } from './dataset.js';

const TWO_32 = 4294967296;
const SECOND = 1_000_000;

/** Start of the `width`-aligned interval holding t (t - t mod width); `%` on doubles beyond int32 is a slow fmod call. */
function floorTo(t: number, width: number): number {
  let s = Math.floor(t / width) * width;
  if (s > t) s -= width;
  else if (s + width <= t) s += width;
  return s;
}

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
//
// The per-query state lives in classes rather than closures: a closure created per run is a new call target each
// time, which makes V8 throw away the optimized loop on every run.

/** Emitted groups, column-wise. */
interface GroupSink {
  readonly start: number[];
  readonly key: number[];
  readonly n: number[];
  readonly s: number[];
}

const emptySink = (): GroupSink => ({ start: [], key: [], n: [], s: [] });

/**
 * Groups of the windowed queries: an open-addressing hash over (window start, key) into one Float64Array holding
 * each group's start, key, count and sum side by side (one cache line per group instead of four).
 */
class GroupTable {
  /** Per hash slot: group id + 1 (0 = empty). */
  private slots = new Int32Array(0);
  private mask = 0;
  size = 0;
  /** Group g's fields at 4g + START/KEY/N/S. */
  cols: Float64Array = new Float64Array(0);

  constructor(capacity: number) {
    this.resize(capacity);
  }

  private static hash(start: number, key: number): number {
    let h = Math.imul((start >>> 0) ^ Math.imul((start / TWO_32) >>> 0, 0x27d4eb2f) ^ Math.imul(key >>> 0, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 15;
    return Math.imul(h, 0xc2b2ae35) ^ (h >>> 13);
  }

  private resize(capacity: number): void {
    const cols = new Float64Array(4 * capacity);
    cols.set(this.cols.subarray(0, 4 * this.size));
    this.cols = cols;
    this.rehash(capacity * 2);
  }

  private rehash(slotCount: number): void {
    this.slots = new Int32Array(slotCount);
    this.mask = slotCount - 1;
    for (let g = 0; g < this.size; g++) {
      let i = GroupTable.hash(this.cols[4 * g]!, this.cols[4 * g + 1]!) & this.mask;
      while (this.slots[i] !== 0) i = (i + 1) & this.mask;
      this.slots[i] = g + 1;
    }
  }

  /** The offset in `cols` of group (start, key), created with zero count and sum if absent. */
  find(start: number, key: number): number {
    const slots = this.slots;
    const mask = this.mask;
    const cols = this.cols;
    let i = GroupTable.hash(start, key) & mask;
    for (;;) {
      const g = slots[i]! - 1;
      if (g < 0) break;
      if (cols[4 * g] === start && cols[4 * g + 1] === key) return 4 * g;
      i = (i + 1) & mask;
    }
    return this.insert(start, key, i);
  }

  private insert(start: number, key: number, slot: number): number {
    const g = this.size;
    if (4 * g === this.cols.length) {
      this.resize(g * 2);
      return this.find(start, key);
    }
    this.size = g + 1;
    const o = 4 * g;
    this.cols[o] = start;
    this.cols[o + 1] = key;
    this.cols[o + 2] = 0;
    this.cols[o + 3] = 0;
    this.slots[slot] = g + 1;
    return o;
  }

  /**
   * Moves the groups whose window ends at or before `watermark` to `out`. Eviction runs once per batch, so instead of
   * tombstones the survivors are compacted and the slots rebuilt.
   */
  evict(watermark: number, size: number, out: GroupSink): void {
    const cols = this.cols;
    let kept = 0;
    for (let g = 0; g < this.size; g++) {
      const o = 4 * g;
      if (cols[o]! + size <= watermark) {
        out.start.push(cols[o]!);
        out.key.push(cols[o + 1]!);
        out.n.push(cols[o + 2]!);
        out.s.push(cols[o + 3]!);
        continue;
      }
      const k = 4 * kept++;
      cols[k] = cols[o]!;
      cols[k + 1] = cols[o + 1]!;
      cols[k + 2] = cols[o + 2]!;
      cols[k + 3] = cols[o + 3]!;
    }
    if (kept === this.size) return;
    this.size = kept;
    this.rehash(this.slots.length);
  }
}

/** A windowed aggregation: groups, watermark, emitted rows; subclasses fold one record batch at a time. */
abstract class WindowedQuery {
  readonly out = emptySink();
  dropped = 0;
  /** Watermark in effect for the current batch; -Infinity before the first batch completed. */
  protected watermark = -Infinity;
  protected maxEventTime = -Infinity;
  private moved = false;

  constructor(protected readonly groups: GroupTable, protected readonly size: number, private readonly delay: number) {}

  protected abstract fold(b: arrow.RecordBatch): void;

  /** One micro-batch: fold its rows, emit the windows closed by the watermark in effect, advance the watermark. */
  batch(batches: readonly arrow.RecordBatch[]): void {
    for (const b of batches) this.fold(b);
    this.groups.evict(this.watermark, this.size, this.out);
    const next = this.maxEventTime - this.delay;
    this.moved = next > this.watermark;
    if (this.moved) this.watermark = next;
  }

  /** The no-data batch the engine runs when the last data batch moved the watermark. */
  finish(): void {
    if (this.moved) this.groups.evict(this.watermark, this.size, this.out);
  }
}

function runWindowed(data: Dataset, q: WindowedQuery, row: (s: GroupSink, i: number) => number[]): BaselineRun {
  const t0 = performance.now();
  for (const batch of data.microBatches) q.batch(batch);
  q.finish();
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, emittedRows: q.out.start.length, droppedLate: q.dropped, rows: () => q.out.start.map((_, i) => row(q.out, i)) };
}

// ---------------------------------------------------------------------------------------------------------------
// (b) SELECT window.start AS ws, key, count(*) AS n, sum(price) AS s FROM bids
//     GROUP BY window(ts, '10 seconds'), key WATERMARK ts 5 seconds EMIT APPEND

class TumblingCountSum extends WindowedQuery {
  constructor() {
    super(new GroupTable(16_384), 10 * SECOND, 5 * SECOND);
  }

  protected fold(b: arrow.RecordBatch): void {
    const size = this.size;
    const now = this.watermark;
    const groups = this.groups;
    const tw = int64Words(b, 0);
    const kw = int64Words(b, 1);
    const price = f64Column(b, 2);
    const n = price.length;
    let maxT = this.maxEventTime;
    let dropped = 0;
    for (let r = 0; r < n; r++) {
      const t = tw[2 * r + 1]! * TWO_32 + (tw[2 * r]! >>> 0);
      if (t > maxT) maxT = t;
      const start = floorTo(t, size);
      if (start + size <= now) { dropped++; continue; }
      const o = groups.find(start, kw[2 * r + 1]! * TWO_32 + (kw[2 * r]! >>> 0));
      const cols = groups.cols;
      cols[o + 2]!++;
      cols[o + 3]! += price[r]!;
    }
    this.maxEventTime = maxT;
    this.dropped += dropped;
  }
}

export const tumblingCountSum = (data: Dataset): BaselineRun =>
  runWindowed(data, new TumblingCountSum(), (o, i) => [o.start[i]!, o.key[i]!, o.n[i]!, o.s[i]!]);

// ---------------------------------------------------------------------------------------------------------------
// (c) SELECT window.start AS ws, count(*) AS n FROM bids
//     GROUP BY window(ts, '10 seconds', '2 seconds') WATERMARK ts 5 seconds EMIT APPEND

class SlidingCount extends WindowedQuery {
  private readonly slide = 2 * SECOND;
  private readonly perRow: number;
  /** Group offsets of the perRow windows of two recent slide boundaries (-1: too late), reset at every eviction. */
  private readonly cache: Int32Array;
  private readonly cacheBase = [NaN, NaN];

  constructor() {
    super(new GroupTable(64), 10 * SECOND, 5 * SECOND);
    // With size a multiple of slide, a row falls in all perRow windows that start at its slide boundary or before,
    // so they depend on that boundary only, and rows nearly in time order mostly share one of two boundaries.
    if (this.size % this.slide !== 0) throw new Error('the sliding baseline assumes the window size is a multiple of the slide');
    this.perRow = this.size / this.slide;
    this.cache = new Int32Array(2 * this.perRow);
  }

  override batch(batches: readonly arrow.RecordBatch[]): void {
    this.cacheBase[0] = NaN;
    this.cacheBase[1] = NaN;
    super.batch(batches);
  }

  protected fold(b: arrow.RecordBatch): void {
    const { size, slide, perRow, cache, cacheBase, groups } = this;
    const now = this.watermark;
    const tw = int64Words(b, 0);
    const n = b.numRows;
    let maxT = this.maxEventTime;
    let dropped = 0;
    let victim = 0;
    for (let r = 0; r < n; r++) {
      const t = tw[2 * r + 1]! * TWO_32 + (tw[2 * r]! >>> 0);
      if (t > maxT) maxT = t;
      const base = floorTo(t, slide);
      let c = base === cacheBase[0] ? 0 : base === cacheBase[1] ? perRow : -1;
      if (c < 0) {
        c = victim * perRow;
        cacheBase[victim] = base;
        victim ^= 1;
        for (let k = 0; k < perRow; k++) {
          const start = base - k * slide;
          cache[c + k] = start + size <= now ? -1 : groups.find(start, 0);
        }
      }
      for (let k = 0; k < perRow; k++) {
        const o = cache[c + k]!;
        if (o >= 0) groups.cols[o + 2]!++;
        else dropped++;
      }
    }
    this.maxEventTime = maxT;
    this.dropped += dropped;
  }
}

export const slidingCount = (data: Dataset): BaselineRun =>
  runWindowed(data, new SlidingCount(), (o, i) => [o.start[i]!, o.n[i]!]);
