// Hand-written typed-array loops computing each query's result over the same micro-batches: the JavaScript limit.
// They follow the engine's semantics (micro-batches, watermark, emission), read the Arrow columns through zero-copy
// views, and keep their output as typed arrays; the checksum is computed afterwards, outside the clock.

import type * as arrow from 'apache-arrow';
import { Checksummer, type Checksum, type ColType, type ColView } from './checksum.js';
import { int64Words, type Dataset } from './dataset.js';

const TWO_32 = 4294967296;
const SECOND = 1_000_000;
const DAY = 86_400 * SECOND;

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
function floorTo(t: number, width: number): number {
  let s = Math.floor(t / width) * width;
  if (s > t) s -= width;
  else if (s + width <= t) s += width;
  return s;
}

const i64 = (w: Int32Array, i: number): number => w[2 * i + 1]! * TWO_32 + (w[2 * i]! >>> 0);

/** Output chunks: each a set of column views with a row count. */
class Chunks {
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

const batchesOf = (data: Dataset, numeric: boolean): readonly (readonly arrow.RecordBatch[])[] => (numeric ? data.numMicroBatches : data.microBatches);

function timed(f: () => Omit<BaselineRun, 'seconds'>): BaselineRun {
  const t0 = performance.now();
  const r = f();
  return { ...r, seconds: (performance.now() - t0) / 1000 };
}

function str(b: arrow.RecordBatch, col: number): ColView {
  const d = b.data.children[col]!;
  return { kind: 'str', offsets: d.valueOffsets as Int32Array, bytes: d.values as Uint8Array };
}

// ---------------------------------------------------------------------------------------------------------------
// q0: SELECT auction, bidder, price, date_time[, extra] FROM bid
// The result is the input's columns: the fastest program hands them on without copying (as the engine's stage does).

export function passThrough(data: Dataset, numeric: boolean): BaselineRun {
  const c = numeric ? NUMERIC : FULL;
  const types: ColType[] = numeric ? ['BIGINT', 'BIGINT', 'BIGINT', 'TIMESTAMP'] : ['BIGINT', 'BIGINT', 'BIGINT', 'TIMESTAMP', 'STRING'];
  return timed(() => {
    const out = new Chunks();
    for (const group of batchesOf(data, numeric)) {
      for (const b of group) {
        const cols: ColView[] = [
          { kind: 'i64', words: int64Words(b, c.auction) }, { kind: 'i64', words: int64Words(b, c.bidder) },
          { kind: 'i64', words: int64Words(b, c.price) }, { kind: 'i64', words: int64Words(b, c.dateTime) },
        ];
        if (c.extra !== undefined) cols.push(str(b, c.extra));
        out.push(cols, b.numRows);
      }
    }
    return { emittedRows: out.rows, checksum: () => out.checksum(types), peakGroups: 0 };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// q1: SELECT auction, bidder, 0.908 * price AS price, date_time[, extra] FROM bid
// (The loops over rows are top-level functions: a loop inside a closure created per run is compiled again per run.)

function scaledPrices(pw: Int32Array, n: number): Float64Array {
  const price = new Float64Array(n);
  for (let i = 0; i < n; i++) price[i] = 0.908 * (pw[2 * i + 1]! * TWO_32 + (pw[2 * i]! >>> 0));
  return price;
}

export function projection(data: Dataset, numeric: boolean): BaselineRun {
  const c = numeric ? NUMERIC : FULL;
  const types: ColType[] = numeric ? ['BIGINT', 'BIGINT', 'DOUBLE', 'TIMESTAMP'] : ['BIGINT', 'BIGINT', 'DOUBLE', 'TIMESTAMP', 'STRING'];
  return timed(() => {
    const out = new Chunks();
    for (const group of batchesOf(data, numeric)) {
      for (const b of group) {
        const n = b.numRows;
        const price = scaledPrices(int64Words(b, c.price), n);
        const cols: ColView[] = [
          { kind: 'i64', words: int64Words(b, c.auction) }, { kind: 'i64', words: int64Words(b, c.bidder) },
          { kind: 'f64', values: price }, { kind: 'i64', words: int64Words(b, c.dateTime) },
        ];
        if (c.extra !== undefined) cols.push(str(b, c.extra));
        out.push(cols, n);
      }
    }
    return { emittedRows: out.rows, checksum: () => out.checksum(types), peakGroups: 0 };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// q2: SELECT auction, price FROM bid WHERE auction % 123 = 0

/** Indexes of the rows whose int64 value is a multiple of k, into sel; returns their count. */
function selectMultiples(w: Int32Array, n: number, k: number, sel: Int32Array): number {
  let m = 0;
  for (let i = 0; i < n; i++) {
    const lo = w[2 * i]!;
    const hi = w[2 * i + 1]!;
    // Ids fit in 31 bits: an integer remainder; beyond that the exact double one.
    const r = hi === 0 && lo >= 0 ? lo % k : (hi * TWO_32 + (lo >>> 0)) % k;
    if (r === 0) sel[m++] = i;
  }
  return m;
}

/** Rows sel[0..m) of an int64 column, as words. */
function gatherWords(w: Int32Array, sel: Int32Array, m: number): Int32Array {
  const out = new Int32Array(2 * m);
  for (let j = 0; j < m; j++) {
    const i = sel[j]!;
    out[2 * j] = w[2 * i]!;
    out[2 * j + 1] = w[2 * i + 1]!;
  }
  return out;
}

export function filter(data: Dataset, numeric: boolean): BaselineRun {
  const c = numeric ? NUMERIC : FULL;
  return timed(() => {
    const out = new Chunks();
    let sel = new Int32Array(0);
    for (const group of batchesOf(data, numeric)) {
      for (const b of group) {
        const n = b.numRows;
        if (sel.length < n) sel = new Int32Array(n);
        const aw = int64Words(b, c.auction);
        const m = selectMultiples(aw, n, 123, sel);
        out.push([{ kind: 'i64', words: gatherWords(aw, sel, m) }, { kind: 'i64', words: gatherWords(int64Words(b, c.price), sel, m) }], m);
      }
    }
    return { emittedRows: out.rows, checksum: () => out.checksum(['BIGINT', 'BIGINT']), peakGroups: 0 };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Groups: an open-addressing hash over two numeric keys into one Float64Array holding each group's fields side by
// side (`stride` doubles per group: key a, key b, then the aggregates).

class Groups {
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
class NumCol {
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
abstract class Watermarked {
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

// ---------------------------------------------------------------------------------------------------------------
// q5a: SELECT auction, window.start AS ws, count(*) AS n FROM bid
//      GROUP BY window(date_time, '10 seconds', '2 seconds'), auction WATERMARK date_time 4 seconds EMIT APPEND
// Counts per 2-second pane and auction (one hash probe per row, in the pane's own table); a window's counts are the
// sums over its 5 panes, assembled when it closes; a pane's table is dropped whole once its last window closed.

class HotItems extends Watermarked {
  private readonly size = 10 * SECOND;
  private readonly slide = 2 * SECOND;
  /** Per pane start: auction -> count. */
  private readonly panes = new Map<number, Groups>();
  /** Auction -> count, while one window is assembled. */
  private readonly window = new Groups(3, 8192);
  private nextWindow = NaN;
  private emitted = false;
  /** Emitted rows, one chunk per window. */
  readonly out = new Chunks();

  constructor(private readonly cols: BidColumns) {
    super(4 * SECOND);
  }

  protected fold(b: arrow.RecordBatch): void {
    const tw = int64Words(b, this.cols.dateTime);
    const aw = int64Words(b, this.cols.auction);
    const { size, slide } = this;
    const now = this.watermark;
    let maxT = this.maxEventTime;
    let lastPane = NaN;
    let paneEnd = NaN;
    let table: Groups | undefined;
    for (let r = 0, n = b.numRows; r < n; r++) {
      const t = i64(tw, r);
      if (t > maxT) maxT = t;
      if (!(t >= lastPane && t < paneEnd)) {
        lastPane = floorTo(t, slide);
        paneEnd = lastPane + slide;
        // Every window holding this pane has closed: the row is too late for all of them (never with Nexmark's times).
        if (lastPane + size <= now) {
          table = undefined;
          continue;
        }
        table = this.panes.get(lastPane);
        if (!table) this.panes.set(lastPane, (table = new Groups(3, 2048)));
        // The first window to emit: the earliest one holding a row seen before anything was emitted.
        if (!this.emitted && !(lastPane - size + slide >= this.nextWindow)) this.nextWindow = lastPane - size + slide;
      }
      if (!table) continue;
      table.cols[table.find(0, i64(aw, r), 0) + 2]!++;
    }
    this.maxEventTime = maxT;
  }

  protected emit(watermark: number): void {
    const { size, slide, window } = this;
    for (let s = this.nextWindow; s + size <= watermark; s += slide) {
      window.clear();
      for (let p = s; p < s + size; p += slide) {
        const pane = this.panes.get(p);
        if (!pane) continue;
        const pc = pane.cols;
        for (let g = 0; g < pane.size; g++) window.cols[window.find(0, pc[3 * g + 1]!, 0) + 2]! += pc[3 * g + 2]!;
      }
      const m = window.size;
      const wc = window.cols;
      const auction = new Float64Array(m);
      const ws = new Float64Array(m);
      const n = new Float64Array(m);
      for (let g = 0; g < m; g++) {
        auction[g] = wc[3 * g + 1]!;
        ws[g] = s;
        n[g] = wc[3 * g + 2]!;
      }
      this.out.push([{ kind: 'f64', values: auction }, { kind: 'f64', values: ws }, { kind: 'f64', values: n }], m);
      this.nextWindow = s + slide;
      this.emitted = true;
    }
    // A pane is needed until the last window holding it (the one it starts) has closed.
    for (const p of this.panes.keys()) if (p + size <= watermark) this.panes.delete(p);
  }

  protected groups(): number {
    let n = 0;
    for (const t of this.panes.values()) n += t.size;
    return n;
  }
}

export function hotItems(data: Dataset): BaselineRun {
  return timed(() => {
    const q = new HotItems(FULL);
    for (const group of data.microBatches) q.batch(group);
    q.finish();
    return { emittedRows: q.out.rows, checksum: () => q.out.checksum(['BIGINT', 'TIMESTAMP', 'BIGINT']), peakGroups: q.peakGroups };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// q7a: SELECT window.end AS we, max(price) AS top FROM bid
//      GROUP BY window(date_time, '10 seconds') WATERMARK date_time 4 seconds EMIT APPEND

class HighestBid extends Watermarked {
  private readonly size = 10 * SECOND;
  private readonly windows = new Groups(3, 64);
  readonly we = new NumCol();
  readonly top = new NumCol();

  constructor(private readonly cols: BidColumns) {
    super(4 * SECOND);
  }

  protected fold(b: arrow.RecordBatch): void {
    const tw = int64Words(b, this.cols.dateTime);
    const pw = int64Words(b, this.cols.price);
    const { size, windows } = this;
    const now = this.watermark;
    let maxT = this.maxEventTime;
    let lastStart = NaN;
    let o = 0;
    for (let r = 0, n = b.numRows; r < n; r++) {
      const t = i64(tw, r);
      if (t > maxT) maxT = t;
      const start = floorTo(t, size);
      if (start + size <= now) continue;
      if (start !== lastStart) {
        o = windows.find(start, 0, -Infinity);
        lastStart = start;
      }
      const p = i64(pw, r);
      if (p > windows.cols[o + 2]!) windows.cols[o + 2] = p;
    }
    this.maxEventTime = maxT;
  }

  protected emit(watermark: number): void {
    const { size, windows } = this;
    const wc = windows.cols;
    for (let g = 0; g < windows.size; g++) {
      if (wc[3 * g]! + size > watermark) continue;
      this.we.push(wc[3 * g]! + size);
      this.top.push(wc[3 * g + 2]!);
    }
    windows.retain((o) => windows.cols[o]! + size > watermark);
  }

  protected groups(): number {
    return this.windows.size;
  }
}

export function highestBid(data: Dataset): BaselineRun {
  return timed(() => {
    const q = new HighestBid(FULL);
    for (const group of data.microBatches) q.batch(group);
    q.finish();
    const cols = [q.we.view(), q.top.view()];
    const rows = q.we.length;
    return {
      emittedRows: rows,
      checksum: () => {
        const c = new Checksummer(['TIMESTAMP', 'BIGINT']);
        c.add(cols, rows);
        return c.result();
      },
      peakGroups: q.peakGroups,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// q17a: SELECT auction, date_trunc('day', date_time) AS day, count(*) AS n, min(price) AS lo, max(price) AS hi,
//       avg(price) AS av, sum(price) AS total FROM bid GROUP BY auction, date_trunc('day', date_time) EMIT UPDATE
// Each micro-batch emits the groups it changed, with their new values.

const N = 2;
const SUM = 3;
const MIN = 4;
const MAX = 5;

class AuctionStats {
  /** Per (day, auction): count, sum, min, max. */
  readonly groups = new Groups(6, 65_536);
  private dirty = new Uint8Array(65_536);
  private readonly changed: number[] = [];
  /** Emitted rows, one chunk per micro-batch. */
  readonly out = new Chunks();

  constructor(private readonly cols: BidColumns) {}

  batch(batches: readonly arrow.RecordBatch[]): void {
    const groups = this.groups;
    for (const b of batches) {
      const tw = int64Words(b, this.cols.dateTime);
      const aw = int64Words(b, this.cols.auction);
      const pw = int64Words(b, this.cols.price);
      for (let r = 0, n = b.numRows; r < n; r++) {
        const day = floorTo(i64(tw, r), DAY);
        const o = groups.find(day, i64(aw, r), 0);
        const c = groups.cols;
        const p = i64(pw, r);
        if (c[o + N] === 0) {
          c[o + MIN] = p;
          c[o + MAX] = p;
        } else {
          if (p < c[o + MIN]!) c[o + MIN] = p;
          if (p > c[o + MAX]!) c[o + MAX] = p;
        }
        c[o + N]!++;
        c[o + SUM]! += p;
        const g = o / 6;
        if (g >= this.dirty.length) {
          const d = new Uint8Array(this.dirty.length * 2);
          d.set(this.dirty);
          this.dirty = d;
        }
        if (this.dirty[g] === 0) {
          this.dirty[g] = 1;
          this.changed.push(g);
        }
      }
    }
    const c = groups.cols;
    const m = this.changed.length;
    const cols = Array.from({ length: 7 }, () => new Float64Array(m));
    const [auction, day, n, lo, hi, av, total] = cols;
    for (let j = 0; j < m; j++) {
      const g = this.changed[j]!;
      const o = 6 * g;
      auction![j] = c[o + 1]!;
      day![j] = c[o]!;
      n![j] = c[o + N]!;
      lo![j] = c[o + MIN]!;
      hi![j] = c[o + MAX]!;
      av![j] = c[o + SUM]! / c[o + N]!;
      total![j] = c[o + SUM]!;
      this.dirty[g] = 0;
    }
    this.out.push(cols.map((values) => ({ kind: 'f64', values })), m);
    this.changed.length = 0;
  }
}

export function auctionStats(data: Dataset): BaselineRun {
  return timed(() => {
    const q = new AuctionStats(FULL);
    for (const group of data.microBatches) q.batch(group);
    return {
      emittedRows: q.out.rows,
      // The result table holds the last row of each group: the groups' final values.
      checksum: () => {
        const g = q.groups;
        const c = g.cols;
        const col = (f: (o: number) => number): ColView => ({ kind: 'f64', values: Float64Array.from({ length: g.size }, (_, i) => f(6 * i)) });
        const ck = new Checksummer(['BIGINT', 'TIMESTAMP', 'BIGINT', 'BIGINT', 'BIGINT', 'DOUBLE', 'BIGINT']);
        ck.add([col((o) => c[o + 1]!), col((o) => c[o]!), col((o) => c[o + N]!), col((o) => c[o + MIN]!), col((o) => c[o + MAX]!),
          col((o) => c[o + SUM]! / c[o + N]!), col((o) => c[o + SUM]!)], g.size);
        return ck.result();
      },
      peakGroups: q.groups.size,
    };
  });
}
