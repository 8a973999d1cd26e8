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
// (b) SELECT window.start AS ws, key, count(*) AS n, sum(price) AS s FROM bids
//     GROUP BY window(ts, '10 seconds'), key WATERMARK ts 5 seconds EMIT APPEND

/** One window's groups: key -> slot, with counts and sums in parallel arrays. */
interface KeyedWindow {
  readonly start: number;
  readonly slots: Map<number, number>;
  readonly keys: number[];
  readonly n: number[];
  readonly s: number[];
}

export function tumblingCountSum(data: Dataset): BaselineRun {
  const size = 10 * SECOND;
  const t0 = performance.now();
  const wm = new Watermark(5 * SECOND);
  const windows = new Map<number, KeyedWindow>();
  const ws: number[] = [];
  const keys: number[] = [];
  const ns: number[] = [];
  const ss: number[] = [];
  let dropped = 0;
  const evict = (w: number): void => {
    for (const [start, win] of windows) {
      if (start + size > w) continue;
      for (let i = 0; i < win.keys.length; i++) {
        ws.push(start);
        keys.push(win.keys[i]!);
        ns.push(win.n[i]!);
        ss.push(win.s[i]!);
      }
      windows.delete(start);
    }
  };
  let moved = false;
  for (const group of data.microBatches) {
    const now = wm.current;
    let maxT = wm.maxEventTime;
    let curStart = NaN;
    let cur: KeyedWindow | undefined;
    for (const b of group) {
      const tw = int64Words(b, 0);
      const kw = int64Words(b, 1);
      const price = f64Column(b, 2);
      const n = price.length;
      for (let r = 0; r < n; r++) {
        const t = tw[2 * r + 1]! * TWO_32 + (tw[2 * r]! >>> 0);
        if (t > maxT) maxT = t;
        const start = t - (((t % size) + size) % size);
        if (start + size <= now) { dropped++; continue; }
        if (start !== curStart) {
          cur = windows.get(start);
          if (!cur) {
            cur = { start, slots: new Map(), keys: [], n: [], s: [] };
            windows.set(start, cur);
          }
          curStart = start;
        }
        const w = cur!;
        const k = kw[2 * r + 1]! * TWO_32 + (kw[2 * r]! >>> 0);
        let slot = w.slots.get(k);
        if (slot === undefined) {
          slot = w.keys.length;
          w.slots.set(k, slot);
          w.keys.push(k);
          w.n.push(0);
          w.s.push(0);
        }
        w.n[slot]!++;
        w.s[slot]! += price[r]!;
      }
    }
    wm.maxEventTime = maxT;
    evict(now);
    moved = wm.advance();
  }
  if (moved) evict(wm.current);
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, emittedRows: ws.length, droppedLate: dropped, rows: () => ws.map((w, i) => [w, keys[i]!, ns[i]!, ss[i]!]) };
}

// ---------------------------------------------------------------------------------------------------------------
// (c) SELECT window.start AS ws, count(*) AS n FROM bids
//     GROUP BY window(ts, '10 seconds', '2 seconds') WATERMARK ts 5 seconds EMIT APPEND

interface CountWindow {
  n: number;
}

export function slidingCount(data: Dataset): BaselineRun {
  const size = 10 * SECOND;
  const slide = 2 * SECOND;
  const perRow = Math.ceil(size / slide);
  // With size a multiple of slide, every row falls in all perRow windows ending after it, so they depend on the slide boundary only.
  if (size % slide !== 0) throw new Error('the sliding baseline assumes the window size is a multiple of the slide');
  const t0 = performance.now();
  const wm = new Watermark(5 * SECOND);
  const windows = new Map<number, CountWindow>();
  const ws: number[] = [];
  const ns: number[] = [];
  let dropped = 0;
  const evict = (w: number): void => {
    for (const [start, win] of windows) {
      if (start + size > w) continue;
      ws.push(start);
      ns.push(win.n);
      windows.delete(start);
    }
  };
  // The perRow windows of the last seen slide boundary (rows arrive nearly in order, so this mostly hits).
  let cachedBase = NaN;
  const cached: (CountWindow | undefined)[] = new Array<CountWindow | undefined>(perRow).fill(undefined);
  let moved = false;
  for (const group of data.microBatches) {
    const now = wm.current;
    let maxT = wm.maxEventTime;
    cachedBase = NaN;
    for (const b of group) {
      const tw = int64Words(b, 0);
      const n = b.numRows;
      for (let r = 0; r < n; r++) {
        const t = tw[2 * r + 1]! * TWO_32 + (tw[2 * r]! >>> 0);
        if (t > maxT) maxT = t;
        const base = t - (((t % slide) + slide) % slide);
        if (base !== cachedBase) {
          for (let k = 0; k < perRow; k++) {
            const start = base - k * slide;
            const end = start + size;
            if (!(start <= t && t < end) || end <= now) { cached[k] = undefined; continue; }
            let win = windows.get(start);
            if (!win) {
              win = { n: 0 };
              windows.set(start, win);
            }
            cached[k] = win;
          }
          cachedBase = base;
        }
        for (let k = 0; k < perRow; k++) {
          const win = cached[k];
          if (win) win.n++;
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
