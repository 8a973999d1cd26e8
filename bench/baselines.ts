// Hand-written typed-array loops computing each query's result over the same micro-batches: the JavaScript limit.
// They follow the engine's semantics (micro-batches, watermark, emission), read the Arrow columns through zero-copy
// views, and keep their output as typed arrays; the checksum is computed afterwards, outside the clock.

import type * as arrow from 'apache-arrow';
import { Checksummer, type Checksum, type ColType, type ColView } from './checksum.js';
import { int64Words, utf8Column, type Dataset, type JoinTables } from './dataset.js';

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
// q5 (the full form: those counts joined with their maximum per window, `num >= maxn`) is the same loop keeping, when
// a window closes, only its auctions at the window's highest count (the join of a window with its own maximum).

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

  /** top: q5, emit only each window's auctions at its highest count, as (auction, num, starttime). */
  constructor(private readonly cols: BidColumns, private readonly top = false) {
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
      if (this.top) {
        this.pushTop(s);
        this.nextWindow = s + slide;
        this.emitted = true;
        continue;
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

  /** q5: the assembled window's auctions whose count is the window's maximum (ties all kept), as one chunk. */
  private pushTop(start: number): void {
    const { window } = this;
    const wc = window.cols;
    let max = 0;
    let m = 0;
    for (let g = 0; g < window.size; g++) {
      const n = wc[3 * g + 2]!;
      if (n > max) {
        max = n;
        m = 1;
      } else if (n === max) m++;
    }
    const auction = new Float64Array(m);
    const num = new Float64Array(m).fill(max);
    const ws = new Float64Array(m).fill(start);
    for (let g = 0, j = 0; g < window.size; g++) if (wc[3 * g + 2] === max) auction[j++] = wc[3 * g + 1]!;
    this.out.push([{ kind: 'f64', values: auction }, { kind: 'f64', values: num }, { kind: 'f64', values: ws }], m);
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

export function hotItemsJoin(data: Dataset): BaselineRun {
  return timed(() => {
    const q = new HotItems(FULL, true);
    for (const group of data.microBatches) q.batch(group);
    q.finish();
    return { emittedRows: q.out.rows, checksum: () => q.out.checksum(['BIGINT', 'BIGINT', 'TIMESTAMP']), peakGroups: q.peakGroups };
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
// q7: SELECT b.auction, b.price, b.bidder, b.date_time, b.extra FROM bid b
//     JOIN (SELECT max(price) AS maxprice, window.end AS endtime FROM bid GROUP BY window(date_time, '10 seconds')) m
//     ON b.price = m.maxprice AND b.date_time >= m.endtime - INTERVAL '10' SECOND AND b.date_time < m.endtime
// The join of the bids with their own window's maximum, done the way a program would: per open window, its highest
// price so far and the bids at that price (batch, row), reset when a higher price comes; when the window closes,
// those bids are its result (their columns copied out, extra's bytes included).

/** An open q7 window: its highest price and the (batch, row) pairs of the bids at it. */
interface TopBids {
  max: number;
  n: number;
  at: Int32Array;
}

class HighestBidJoin extends Watermarked {
  private readonly size = 10 * SECOND;
  /** Window start -> its top bids. */
  private readonly open = new Map<number, TopBids>();
  /** The batches seen so far, by index (a kept bid refers to its batch). */
  private readonly batches: arrow.RecordBatch[] = [];
  readonly auction = new NumCol();
  readonly price = new NumCol();
  readonly bidder = new NumCol();
  readonly dateTime = new NumCol();
  readonly extra = new StrOut();

  constructor(private readonly cols: BidColumns) {
    super(4 * SECOND);
  }

  protected fold(b: arrow.RecordBatch): void {
    const k = this.batches.push(b) - 1;
    const tw = int64Words(b, this.cols.dateTime);
    const pw = int64Words(b, this.cols.price);
    const { size } = this;
    const now = this.watermark;
    let maxT = this.maxEventTime;
    let start = NaN;
    let end = NaN;
    let top: TopBids | undefined;
    for (let r = 0, n = b.numRows; r < n; r++) {
      const t = i64(tw, r);
      if (t > maxT) maxT = t;
      if (!(t >= start && t < end)) {
        start = floorTo(t, size);
        end = start + size;
        // Late for its window (never with Nexmark's times): the aggregation drops it and the join would too.
        if (end <= now) {
          top = undefined;
          continue;
        }
        top = this.open.get(start);
        if (!top) this.open.set(start, (top = { max: -Infinity, n: 0, at: new Int32Array(16) }));
      }
      if (!top) continue;
      const p = i64(pw, r);
      if (p < top.max) continue;
      if (p > top.max) {
        top.max = p;
        top.n = 0;
      }
      if (2 * top.n + 2 > top.at.length) top.at = grow(top.at, 2 * top.at.length);
      top.at[2 * top.n] = k;
      top.at[2 * top.n + 1] = r;
      top.n++;
    }
    this.maxEventTime = maxT;
  }

  protected emit(watermark: number): void {
    const { size, cols } = this;
    for (const [start, top] of this.open) {
      if (start + size > watermark) continue;
      for (let j = 0; j < top.n; j++) {
        const b = this.batches[top.at[2 * j]!]!;
        const r = top.at[2 * j + 1]!;
        this.auction.push(i64(int64Words(b, cols.auction), r));
        this.price.push(top.max);
        this.bidder.push(i64(int64Words(b, cols.bidder), r));
        this.dateTime.push(i64(int64Words(b, cols.dateTime), r));
        const x = utf8Column(b, cols.extra!);
        this.extra.push(x.bytes, x.offsets[r]!, x.offsets[r + 1]!);
      }
      this.open.delete(start);
    }
  }

  protected groups(): number {
    return this.open.size;
  }
}

export function highestBidJoin(data: Dataset): BaselineRun {
  return timed(() => {
    const q = new HighestBidJoin(FULL);
    for (const group of data.microBatches) q.batch(group);
    q.finish();
    const cols = [q.auction.view(), q.price.view(), q.bidder.view(), q.dateTime.view(), q.extra.view()];
    const rows = q.auction.length;
    return {
      emittedRows: rows,
      checksum: () => {
        const c = new Checksummer(['BIGINT', 'BIGINT', 'BIGINT', 'TIMESTAMP', 'STRING']);
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

// ---------------------------------------------------------------------------------------------------------------
// q11: SELECT bidder, count(*) AS bids, window.start AS starttime, window.end AS endtime FROM bid
//      GROUP BY session_window(date_time, '10 seconds'), bidder WATERMARK date_time 4 seconds EMIT APPEND
// Per bidder, its open session (start, last row's time, count) in a hash; a row beyond the session's end (last +
// gap) parks the session until the watermark closes it and opens a new one; a row within [start - gap, end) extends
// it. Rows arrive in time order per bidder up to less than a gap (true of Nexmark's, which are fully ordered); a
// row further back would need a list of sessions per bidder, and the loop refuses it rather than be wrong.

const BIDDER_START = 2;
const BIDDER_LAST = 3;
const BIDDER_COUNT = 4;

class UserSessions extends Watermarked {
  private readonly gap = 10 * SECOND;
  /** Per bidder: bidder, 0, start, last row's time, count (0: no open session). */
  private readonly open = new Groups(5, 4096);
  /** Sessions a later row of their bidder did not touch, waiting for the watermark: bidder, start, last, count. */
  private pending: number[] = [];
  readonly bidder = new NumCol();
  readonly bids = new NumCol();
  readonly start = new NumCol();
  readonly end = new NumCol();
  dropped = 0;

  constructor(private readonly cols: BidColumns) {
    super(4 * SECOND);
  }

  protected fold(b: arrow.RecordBatch): void {
    const tw = int64Words(b, this.cols.dateTime);
    const bw = int64Words(b, this.cols.bidder);
    const { gap, open } = this;
    const now = this.watermark;
    let maxT = this.maxEventTime;
    for (let r = 0, n = b.numRows; r < n; r++) {
      const t = i64(tw, r);
      if (t > maxT) maxT = t;
      // Late: the row's own session [t, t + gap) has closed.
      if (t + gap <= now) {
        this.dropped++;
        continue;
      }
      const bidder = i64(bw, r);
      const o = open.find(bidder, 0, 0);
      const c = open.cols;
      const count = c[o + BIDDER_COUNT]!;
      if (count === 0) {
        c[o + BIDDER_START] = t;
        c[o + BIDDER_LAST] = t;
        c[o + BIDDER_COUNT] = 1;
      } else if (t > c[o + BIDDER_LAST]! + gap) {
        this.pending.push(bidder, c[o + BIDDER_START]!, c[o + BIDDER_LAST]!, count);
        c[o + BIDDER_START] = t;
        c[o + BIDDER_LAST] = t;
        c[o + BIDDER_COUNT] = 1;
      } else if (t >= c[o + BIDDER_START]!) {
        if (t > c[o + BIDDER_LAST]!) c[o + BIDDER_LAST] = t;
        c[o + BIDDER_COUNT] = count + 1;
      } else {
        this.extendBack(bidder, t, o);
      }
    }
    this.maxEventTime = maxT;
  }

  /** A row before its bidder's open session: it must touch that session and no parked one. */
  private extendBack(bidder: number, t: number, o: number): void {
    const c = this.open.cols;
    let bridges = t + this.gap < c[o + BIDDER_START]!;
    for (let i = 0; !bridges && i < this.pending.length; i += 4) bridges = this.pending[i] === bidder && this.pending[i + 2]! + this.gap >= t;
    if (bridges) throw new Error(`q11 hand-written loop: bidder ${bidder} has a row at ${t} more than a gap before its open session; rows out of order by more than a gap are not supported`);
    c[o + BIDDER_START] = t;
    c[o + BIDDER_COUNT]!++;
  }

  private out(bidder: number, start: number, last: number, count: number): void {
    this.bidder.push(bidder);
    this.bids.push(count);
    this.start.push(start);
    this.end.push(last + this.gap);
  }

  protected emit(watermark: number): void {
    const { gap, open } = this;
    if (this.pending.length) {
      const keep: number[] = [];
      const p = this.pending;
      for (let i = 0; i < p.length; i += 4) {
        if (p[i + 2]! + gap <= watermark) this.out(p[i]!, p[i + 1]!, p[i + 2]!, p[i + 3]!);
        else keep.push(p[i]!, p[i + 1]!, p[i + 2]!, p[i + 3]!);
      }
      this.pending = keep;
    }
    open.retain((o) => {
      const c = open.cols;
      if (c[o + BIDDER_LAST]! + gap > watermark) return true;
      this.out(c[o]!, c[o + BIDDER_START]!, c[o + BIDDER_LAST]!, c[o + BIDDER_COUNT]!);
      return false;
    });
  }

  protected groups(): number {
    return this.open.size + this.pending.length / 4;
  }
}

export function userSessions(data: Dataset): BaselineRun {
  return timed(() => {
    const q = new UserSessions(FULL);
    for (const group of data.microBatches) q.batch(group);
    q.finish();
    const cols = [q.bidder.view(), q.bids.view(), q.start.view(), q.end.view()];
    const rows = q.bidder.length;
    return {
      emittedRows: rows,
      checksum: () => {
        const c = new Checksummer(['BIGINT', 'BIGINT', 'TIMESTAMP', 'TIMESTAMP']);
        c.add(cols, rows);
        return c.result();
      },
      peakGroups: q.peakGroups,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// q3: SELECT p.name, p.city, p.state, a.id FROM auction a JOIN person p ON a.seller = p.id
//     WHERE a.category = 10 AND (p.state = 'OR' OR p.state = 'ID' OR p.state = 'CA')
// A symmetric hash join over the two streams, micro-batch by micro-batch, filters applied before the join: a
// batch's persons (of the three states) are hashed by id and probe the auctions (of category 10) kept from earlier
// batches; then its auctions probe every person kept so far and are kept, hashed by seller. Each matching pair is
// emitted once, in the batch where its second row arrives. Persons are kept as (batch, row) references into their
// Arrow batches; the output's strings are copied into fresh UTF-8 columns.

/** An open-addressing hash from integer keys to chains of items (ids 0, 1, ... in insertion order). */
class Chains {
  private keys = new Float64Array(0);
  /** Per slot: the chain's first item + 1 (0: empty slot). */
  private heads = new Int32Array(0);
  private mask = 0;
  private used = 0;
  /** Per item: the next item of its chain + 1 (0: end). */
  next = new Int32Array(1024);
  items = 0;

  constructor(slots: number) {
    this.rehash(slots);
  }

  private static hash(k: number): number {
    const h = Math.imul((k >>> 0) ^ Math.imul((k / TWO_32) >>> 0, 0x27d4eb2f), 0x85ebca6b);
    return h ^ (h >>> 15);
  }

  private slot(k: number): number {
    let i = Chains.hash(k) & this.mask;
    while (this.heads[i] !== 0 && this.keys[i] !== k) i = (i + 1) & this.mask;
    return i;
  }

  private rehash(slots: number): void {
    const { keys, heads } = this;
    this.keys = new Float64Array(slots);
    this.heads = new Int32Array(slots);
    this.mask = slots - 1;
    for (let i = 0; i < heads.length; i++) {
      if (heads[i] === 0) continue;
      const j = this.slot(keys[i]!);
      this.keys[j] = keys[i]!;
      this.heads[j] = heads[i]!;
    }
  }

  /** Adds a new item under key k; returns its id. */
  add(k: number): number {
    if (2 * (this.used + 1) > this.heads.length) this.rehash(2 * this.heads.length);
    const item = this.items++;
    if (item === this.next.length) {
      const next = new Int32Array(2 * item);
      next.set(this.next);
      this.next = next;
    }
    const i = this.slot(k);
    if (this.heads[i] === 0) {
      this.keys[i] = k;
      this.used++;
    }
    this.next[item] = this.heads[i]!;
    this.heads[i] = item + 1;
    return item;
  }

  /** The first item under key k + 1 (0: none); follow `next`. */
  first(k: number): number {
    return this.heads[this.slot(k)]!;
  }
}

/** A growable Int32Array or Float64Array column of per-item values. */
function grow<T extends Int32Array | Float64Array>(a: T, n: number): T {
  if (n < a.length) return a;
  const b = new (a.constructor as new (len: number) => T)(Math.max(2 * a.length, n + 1));
  b.set(a);
  return b;
}

/** A UTF-8 output column under construction. */
class StrOut {
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

interface Utf8 {
  readonly offsets: Int32Array;
  readonly bytes: Uint8Array;
}

const PERSON = { id: 0, name: 1, city: 2, state: 3 };
const AUCTION = { id: 0, seller: 1, category: 2 };
const [O, R, I, D, C, A] = [...'ORIDCA'].map((ch) => ch.charCodeAt(0));

/** state is 'OR', 'ID' or 'CA'. */
function localState(s: Utf8, r: number): boolean {
  const at = s.offsets[r]!;
  if (s.offsets[r + 1]! - at !== 2) return false;
  const a = s.bytes[at]!;
  const b = s.bytes[at + 1]!;
  return (a === O && b === R) || (a === I && b === D) || (a === C && b === A);
}

class LocalItemSuggestion {
  /** Kept persons, hashed by id: the Arrow batch (index into `batches`) and row of each. */
  private readonly persons = new Chains(4096);
  private personBatch = new Int32Array(1024);
  private personRow = new Int32Array(1024);
  private readonly batches: { name: Utf8; city: Utf8; state: Utf8 }[] = [];
  /** Kept auctions, hashed by seller: their ids. */
  private readonly auctions = new Chains(4096);
  private auctionId = new Float64Array(1024);
  readonly out = new Chunks();
  private name = new StrOut();
  private city = new StrOut();
  private state = new StrOut();
  private ids = new NumCol();

  private emit(person: number, auction: number): void {
    const p = this.batches[this.personBatch[person]!]!;
    const r = this.personRow[person]!;
    this.name.push(p.name.bytes, p.name.offsets[r]!, p.name.offsets[r + 1]!);
    this.city.push(p.city.bytes, p.city.offsets[r]!, p.city.offsets[r + 1]!);
    this.state.push(p.state.bytes, p.state.offsets[r]!, p.state.offsets[r + 1]!);
    this.ids.push(auction);
  }

  private addPersons(b: arrow.RecordBatch): void {
    const k = this.batches.length;
    const cols = { name: utf8Column(b, PERSON.name), city: utf8Column(b, PERSON.city), state: utf8Column(b, PERSON.state) };
    this.batches.push(cols);
    const iw = int64Words(b, PERSON.id);
    const { persons, auctions } = this;
    for (let r = 0, n = b.numRows; r < n; r++) {
      if (!localState(cols.state, r)) continue;
      const id = i64(iw, r);
      const item = persons.add(id);
      this.personBatch = grow(this.personBatch, item);
      this.personRow = grow(this.personRow, item);
      this.personBatch[item] = k;
      this.personRow[item] = r;
      for (let a = auctions.first(id); a !== 0; a = auctions.next[a - 1]!) this.emit(item, this.auctionId[a - 1]!);
    }
  }

  private addAuctions(b: arrow.RecordBatch): void {
    const iw = int64Words(b, AUCTION.id);
    const sw = int64Words(b, AUCTION.seller);
    const cw = int64Words(b, AUCTION.category);
    const { persons, auctions } = this;
    for (let r = 0, n = b.numRows; r < n; r++) {
      if (cw[2 * r] !== 10 || cw[2 * r + 1] !== 0) continue;
      const seller = i64(sw, r);
      const id = i64(iw, r);
      for (let p = persons.first(seller); p !== 0; p = persons.next[p - 1]!) this.emit(p - 1, id);
      const item = auctions.add(seller);
      this.auctionId = grow(this.auctionId, item);
      this.auctionId[item] = id;
    }
  }

  batch(persons: readonly arrow.RecordBatch[], auctions: readonly arrow.RecordBatch[]): void {
    for (const b of persons) this.addPersons(b);
    for (const b of auctions) this.addAuctions(b);
    this.out.push([this.name.view(), this.city.view(), this.state.view(), this.ids.view()], this.ids.length);
    this.name = new StrOut();
    this.city = new StrOut();
    this.state = new StrOut();
    this.ids = new NumCol();
  }

  get kept(): number {
    return this.persons.items + this.auctions.items;
  }
}

export function localItemSuggestion(data: Dataset): BaselineRun {
  const t: JoinTables | undefined = data.tables;
  if (!t) throw new Error('q3 needs the person and auction tables (generateTables)');
  return timed(() => {
    const q = new LocalItemSuggestion();
    const n = Math.max(t.person.microBatches.length, t.auction.microBatches.length);
    for (let k = 0; k < n; k++) q.batch(t.person.microBatches[k] ?? [], t.auction.microBatches[k] ?? []);
    return { emittedRows: q.out.rows, checksum: () => q.out.checksum(['STRING', 'STRING', 'STRING', 'BIGINT']), peakGroups: q.kept };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// q8: SELECT p.id, p.name, p.starttime
//     FROM (SELECT id, name, window.start AS starttime, window.end AS endtime FROM person
//           GROUP BY window(date_time, '10 seconds'), id, name) p
//     JOIN (SELECT seller, window.start AS starttime, window.end AS endtime FROM auction
//           GROUP BY window(date_time, '10 seconds'), seller) a
//     ON p.id = a.seller AND p.endtime = a.endtime AND p.starttime = a.starttime
// Per open window, its persons (id -> batch, row) and its distinct sellers, each in a hash; when the window closes,
// its persons found among its sellers are the result. The watermark is the smaller of the two inputs' (max event
// time - delay), none until both have rows. Persons are keyed by id alone: the generator creates each person once, so
// (id, name) groups are ids.

const PERSON_DATE_TIME = 4;
const AUCTION_DATE_TIME = 3;

interface UserWindow {
  /** id, 0, person batch index, row. */
  readonly persons: Groups;
  /** seller, 0. */
  readonly sellers: Groups;
}

class NewUsers {
  private readonly size = 10 * SECOND;
  private readonly delay = 4 * SECOND;
  private watermark = -Infinity;
  private maxPerson = -Infinity;
  private maxAuction = -Infinity;
  private moved = false;
  private readonly open = new Map<number, UserWindow>();
  private readonly personBatches: Utf8[] = [];
  readonly id = new NumCol();
  readonly name = new StrOut();
  readonly start = new NumCol();
  peakGroups = 0;

  private window(start: number): UserWindow {
    let w = this.open.get(start);
    if (!w) this.open.set(start, (w = { persons: new Groups(4, 256), sellers: new Groups(2, 1024) }));
    return w;
  }

  private addPersons(b: arrow.RecordBatch): void {
    const k = this.personBatches.push(utf8Column(b, PERSON.name)) - 1;
    const tw = int64Words(b, PERSON_DATE_TIME);
    const iw = int64Words(b, PERSON.id);
    const { size } = this;
    const now = this.watermark;
    let maxT = this.maxPerson;
    let start = NaN;
    let end = NaN;
    let w: UserWindow | undefined;
    for (let r = 0, n = b.numRows; r < n; r++) {
      const t = i64(tw, r);
      if (t > maxT) maxT = t;
      if (!(t >= start && t < end)) {
        start = floorTo(t, size);
        end = start + size;
        w = end <= now ? undefined : this.window(start);
      }
      if (!w) continue;
      const o = w.persons.find(i64(iw, r), 0, 0);
      w.persons.cols[o + 2] = k;
      w.persons.cols[o + 3] = r;
    }
    this.maxPerson = maxT;
  }

  private addAuctions(b: arrow.RecordBatch): void {
    const tw = int64Words(b, AUCTION_DATE_TIME);
    const sw = int64Words(b, AUCTION.seller);
    const { size } = this;
    const now = this.watermark;
    let maxT = this.maxAuction;
    let start = NaN;
    let end = NaN;
    let w: UserWindow | undefined;
    for (let r = 0, n = b.numRows; r < n; r++) {
      const t = i64(tw, r);
      if (t > maxT) maxT = t;
      if (!(t >= start && t < end)) {
        start = floorTo(t, size);
        end = start + size;
        w = end <= now ? undefined : this.window(start);
      }
      if (w) w.sellers.find(i64(sw, r), 0, 0);
    }
    this.maxAuction = maxT;
  }

  private emit(watermark: number): void {
    for (const [start, w] of this.open) {
      if (start + this.size > watermark) continue;
      const pc = w.persons.cols;
      for (let g = 0; g < w.persons.size; g++) {
        const id = pc[4 * g]!;
        if (w.sellers.lookup(id, 0) < 0) continue;
        const name = this.personBatches[pc[4 * g + 2]!]!;
        const r = pc[4 * g + 3]!;
        this.id.push(id);
        this.name.push(name.bytes, name.offsets[r]!, name.offsets[r + 1]!);
        this.start.push(start);
      }
      this.open.delete(start);
    }
  }

  batch(persons: readonly arrow.RecordBatch[], auctions: readonly arrow.RecordBatch[]): void {
    for (const b of persons) this.addPersons(b);
    for (const b of auctions) this.addAuctions(b);
    this.emit(this.watermark);
    let groups = 0;
    for (const w of this.open.values()) groups += w.persons.size + w.sellers.size;
    this.peakGroups = Math.max(this.peakGroups, groups);
    const next = Math.min(this.maxPerson, this.maxAuction) - this.delay;
    this.moved = next > this.watermark;
    if (this.moved) this.watermark = next;
  }

  finish(): void {
    if (this.moved) this.emit(this.watermark);
  }
}

export function newUsers(data: Dataset): BaselineRun {
  const t: JoinTables | undefined = data.tables;
  if (!t) throw new Error('q8 needs the person and auction tables (generateTables)');
  return timed(() => {
    const q = new NewUsers();
    const n = Math.max(t.person.microBatches.length, t.auction.microBatches.length);
    for (let k = 0; k < n; k++) q.batch(t.person.microBatches[k] ?? [], t.auction.microBatches[k] ?? []);
    q.finish();
    const cols = [q.id.view(), q.name.view(), q.start.view()];
    const rows = q.id.length;
    return {
      emittedRows: rows,
      checksum: () => {
        const c = new Checksummer(['BIGINT', 'STRING', 'TIMESTAMP']);
        c.add(cols, rows);
        return c.result();
      },
      peakGroups: q.peakGroups,
    };
  });
}
