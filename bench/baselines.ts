// Hand-written typed-array loops computing each query's result over the same micro-batches: the JavaScript limit.
// They follow the engine's semantics (micro-batches, watermark, emission), read the Arrow columns through zero-copy
// views, and keep their output as typed arrays; the checksum is computed afterwards, outside the clock.

import type * as arrow from 'apache-arrow';
import { Checksummer, type ColType, type ColView } from './checksum.js';
import { int64Words, utf8Column, type Dataset } from './dataset.js';

import { TWO_32, SECOND, DAY, type BaselineRun, type BidColumns, FULL, NUMERIC, floorTo, i64, Chunks, batchesOf, timed, str, Groups, NumCol, Watermarked, grow, StrOut } from './baseline-kit.js';

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
