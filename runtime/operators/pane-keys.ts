// Sliding-window panes: which panes make up each closing window, matched by key without hashing at emit time.

import type { WindowSpec } from '../../planner/logical-plan.js';
import { GroupTable } from './group-table.js';

/** How to fold panes into the windows a watermark closes. */
export interface MergePlan {
  /** Entry i folds pane group srcIds[i] into output row dst[i]. */
  readonly count: number;
  readonly srcIds: Int32Array;
  readonly dst: Int32Array;
  /** Output rows: a pane group holding the row's key (rep) and the row's window start. */
  readonly rows: number;
  readonly rep: Int32Array;
  readonly starts: Float64Array;
}

function growI32(a: Int32Array, n: number): Int32Array {
  if (a.length >= n) return a;
  const b = new Int32Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

/**
 * Gives every pane group (pane start, keys...) the id of its keys alone, from a table of the keys of live panes
 * (reference-counted by pane). A window is then assembled by key id through a dense array, with no hash lookups;
 * the key table is consulted only when a pane group is created.
 */
export class PaneKeys {
  private keys: GroupTable;
  /** keyOf[g]: key id of pane group g. */
  private keyOf: Int32Array = new Int32Array(0);
  private refs: Int32Array = new Int32Array(0);

  constructor(private readonly keyWidth: number) {
    this.keys = new GroupTable(keyWidth);
  }

  /** Registers new pane groups `groups[0..count)` of `table` (lane 0 is the pane start, the rest the keys). */
  attach(table: GroupTable, groups: ArrayLike<number>, count: number): void {
    if (count === 0) return;
    const width = table.width;
    const lanes: Float64Array[] = [];
    for (let l = 1; l < width; l++) {
      const lane = new Float64Array(count);
      for (let i = 0; i < count; i++) lane[i] = table.keys[groups[i]! * width + l]!;
      lanes.push(lane);
    }
    // The NULL mask of the keys alone: lane l of the pane table is lane l - 1 here.
    const masks = new Int32Array(count);
    for (let i = 0; i < count; i++) masks[i] = table.nulls[groups[i]!]! >> 1;
    const ids = new Int32Array(count);
    this.keys.findOrInsertMany(lanes, masks, count, ids);
    this.keyOf = growI32(this.keyOf, table.capacity);
    this.refs = growI32(this.refs, this.keys.capacity);
    for (let i = 0; i < count; i++) {
      let k = ids[i]!;
      if (k < 0) {
        k = ~k;
        this.refs[k] = 0;
      }
      this.keyOf[groups[i]!] = k;
      this.refs[k]!++;
    }
  }

  /** Pane group g is gone; its key goes with its last pane. */
  detach(g: number): void {
    const k = this.keyOf[g]!;
    if (--this.refs[k]! === 0) this.keys.remove(k);
  }

  /** Distinct keys of live panes. */
  get size(): number {
    return this.keys.size;
  }

  /** Bytes of the typed arrays held: the key table (lanes, NULL mask, live byte, two slots) and two int32 arrays. */
  get bytes(): number {
    const t = this.keys;
    return t.capacity * (8 * Math.max(1, this.keyWidth) + 4 + 1 + 16) + 4 * (this.keyOf.length + this.refs.length);
  }

  clear(): void {
    this.keys = new GroupTable(this.keyWidth);
  }

  /** Entries folding every live pane of `table` into the windows that end in (prev, wm], one output row per (window, key). */
  plan(table: GroupTable, w: WindowSpec, prev: number, wm: number): MergePlan | undefined {
    const width = table.width;
    const slide = w.slideMicros;
    const size = w.sizeMicros;
    const perRow = size / slide;
    // The distinct ends of closing windows that hold a live pane (a watermark may jump far: never walk the gap).
    let count = 0;
    const ends: number[] = [];
    let lastEnd = NaN;
    for (let g = 0; g < table.high; g++) {
      if (!table.live[g]) continue;
      const p = table.keys[g * width]!;
      if (p + size <= prev || p + slide > wm) continue;
      for (let k = 1; k <= perRow; k++) {
        const end = p + k * slide;
        if (end > prev && end <= wm) {
          count++;
          if (end !== lastEnd && !ends.includes(end)) ends.push(end);
          lastEnd = end;
        }
      }
    }
    if (count === 0) return undefined;
    const srcIds = new Int32Array(count);
    const dst = new Int32Array(count);
    const rep = new Int32Array(count);
    const starts = new Float64Array(count);
    // Per key: the window (its sequence number) that last gave it an output row, and that row. Working memory of
    // this call only, so it is not state.
    const stamp = new Int32Array(this.keys.capacity).fill(-1);
    const slot = new Int32Array(this.keys.capacity);
    let seq = 0;
    let i = 0;
    let rows = 0;
    // One pass per closing window, so a stamp per window tells whether its key already has an output row.
    for (const end of ends.sort((a, b) => a - b)) {
      seq++;
      const start = end - size;
      for (let g = 0; g < table.high; g++) {
        if (!table.live[g]) continue;
        const p = table.keys[g * width]!;
        if (p < start || p >= end) continue;
        const k = this.keyOf[g]!;
        if (stamp[k] !== seq) {
          stamp[k] = seq;
          slot[k] = rows;
          rep[rows] = g;
          starts[rows++] = start;
        }
        srcIds[i] = g;
        dst[i++] = slot[k]!;
      }
    }
    return { count: i, srcIds, dst, rows, rep, starts };
  }
}
