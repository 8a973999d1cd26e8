// Assigns each row of a batch to its event-time windows (or sliding-window panes), dropping late (row, window) pairs.

import type { WindowSpec } from '../../planner/logical-plan.js';

/** Grow-only buffers reused from batch to batch, so assigning rows allocates nothing once warm. */
export class AssignBuffers {
  rows = new Int32Array(0);
  starts = new Float64Array(0);

  ensure(n: number): void {
    if (this.rows.length >= n) return;
    const cap = Math.max(n, this.rows.length * 2);
    this.rows = new Int32Array(cap);
    this.starts = new Float64Array(cap);
  }
}

export interface Assignment {
  /** Entries 0..count: row `rows[i]` belongs to the window (or pane) starting at `starts[i]`. */
  readonly count: number;
  /** (row, window) pairs dropped because the window had closed (end <= watermark). */
  readonly dropped: number;
}

/**
 * The start of the last window containing ts (windows start at startMicros + k * slide). Floor division gives it;
 * the two checks correct float rounding at huge quotients.
 */
export function lastWindowStart(ts: number, slide: number, startMicros: number): number {
  let last = Math.floor((ts - startMicros) / slide) * slide + startMicros;
  if (last > ts) last -= slide;
  else if (last + slide <= ts) last += slide;
  return last;
}

/**
 * Window entries of `n` rows with event times `tv` (NULL times belong to no window). With `panes`, a row gets one
 * entry: its slide-long pane, which lies in size / slide windows; the pane is kept while any of them is open, and the
 * closed ones count as dropped. Otherwise a row gets one entry per open window containing it.
 */
/** Late (row, window end) pairs, when a query keeps them (`late_rows`). */
export interface LatePairs {
  readonly rows: number[];
  readonly ends: number[];
}

export function assignWindows(tv: Float64Array, tvalid: Uint8Array | null, n: number, w: WindowSpec,
  wm: number | undefined, panes: boolean, buf: AssignBuffers, late?: LatePairs): Assignment {
  const size = w.sizeMicros;
  const slide = w.slideMicros;
  const st = w.startMicros;
  const perRow = Math.ceil(size / slide);
  buf.ensure(panes ? n : n * perRow);
  const rows = buf.rows;
  const starts = buf.starts;
  const limit = wm ?? -Infinity;
  let count = 0;
  let dropped = 0;
  if (panes) {
    // Rows in event-time order mostly stay in the previous row's pane: a range check then replaces the division.
    let pane = NaN;
    for (let r = 0; r < n; r++) {
      if (tvalid && !tvalid[r]) continue;
      const ts = tv[r]!;
      const last = ts >= pane && ts < pane + slide ? pane : (pane = lastWindowStart(ts, slide, st));
      // The pane's windows end at last + slide, last + 2 slide, ..., last + size.
      if (last + slide <= limit) {
        const closed = Math.min(perRow, Math.floor((limit - last) / slide));
        dropped += closed;
        if (late) for (let j = 1; j <= closed; j++) { late.rows.push(r); late.ends.push(last + j * slide); }
        if (closed >= perRow) continue;
      }
      starts[count] = last;
      rows[count++] = r;
    }
    return { count, dropped };
  }
  if (w.kind === 'cumulate') {
    // The windows of a period [s, s + size) end at s + step, s + 2 step, ..., s + size; a row is in those ending
    // after it. They share their start, so the entry's key lane holds the window end instead.
    buf.ensure(n * perRow);
    for (let r = 0; r < n; r++) {
      if (tvalid && !tvalid[r]) continue;
      const ts = tv[r]!;
      const s = lastWindowStart(ts, size, st);
      for (let end = lastWindowStart(ts, slide, s) + slide; end <= s + size; end += slide) {
        if (end <= limit) {
          dropped++;
          if (late) { late.rows.push(r); late.ends.push(end); }
          continue;
        }
        buf.starts[count] = end;
        buf.rows[count++] = r;
      }
    }
    return { count, dropped };
  }
  let pane = NaN;
  for (let r = 0; r < n; r++) {
    if (tvalid && !tvalid[r]) continue;
    const ts = tv[r]!;
    const last = ts >= pane && ts < pane + slide ? pane : (pane = lastWindowStart(ts, slide, st));
    for (let k = 0; k < perRow; k++) {
      const start = last - k * slide;
      const end = start + size;
      if (ts >= end) break;
      if (end <= limit) {
        dropped++;
        if (late) { late.rows.push(r); late.ends.push(end); }
        continue;
      }
      starts[count] = start;
      rows[count++] = r;
    }
  }
  return { count, dropped };
}
