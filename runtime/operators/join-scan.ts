// Probing an unindexed join side: a sweep of its time-ordered rows against new rows in time order, comparing keys.

import type { JoinSide } from './join-side.js';
import type { IntBuf } from './int-buf.js';

/** First index in order[from..to) whose row's time is >= t (ids there must all be live rows of the chunk). */
function lowerBound(order: Int32Array, from: number, to: number, time: Float64Array, t: number): number {
  let a = from;
  let b = to;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (time[order[m]!]! < t) a = m + 1;
    else b = m;
  }
  return a;
}

/**
 * Pairs (new row of `me`, row of `other`) with equal keys whose other time lies in [t + from, t + to], for the new
 * rows `ids` (in time order, all in one chunk). For each chunk of `other` a window slides over its time order as t
 * grows, so the cost is the rows the windows cover plus one pass per overlapping chunk. Gives up (false, pairs
 * incomplete) once the windows have covered more than `budget` rows: then indexing `other` is cheaper.
 */
export function scanProbe(me: JoinSide, ids: Int32Array, other: JoinSide, from: number, to: number, mine: IntBuf, theirs: IntBuf, budget: number): boolean {
  const n = ids.length;
  if (n === 0 || other.live === 0) return true;
  const time = me.time;
  const ot = other.time;
  const alive = other.alive;
  const chunkOf = other.chunkOf;
  const rowOf = other.rowOf;
  const tMin = time[ids[0]!]! + from;
  const tMax = time[ids[n - 1]!]! + to;
  const mc = me.chunks[me.chunkOf[ids[0]!]!]!;
  const width = other.keyWidth;
  const myLanes = mc.lanes;
  const myMasks = mc.masks;
  const myRows = new Int32Array(n);
  for (let i = 0; i < n; i++) myRows[i] = me.rowOf[ids[i]!]!;
  let work = 0;
  for (let c = 0; c < other.chunks.length; c++) {
    const ch = other.chunks[c];
    if (!ch || ch.live === 0 || !ch.order) continue;
    const order = ch.order;
    const len = order.length;
    let a = ch.head;
    if (ch.clean) {
      if (a >= len || ot[order[len - 1]!]! < tMin || ot[order[a]!]! > tMax) continue;
      a = lowerBound(order, a, len, ot, tMin);
    }
    const lanes = ch.lanes;
    const masks = ch.masks;
    const l0 = lanes[0]!;
    const m0 = myLanes[0]!;
    let b = a;
    for (let i = 0; i < n; i++) {
      const x = ids[i]!;
      const t = time[x]!;
      const lowT = t + from;
      const highT = t + to;
      while (a < len) {
        const id = order[a]!;
        if (alive[id] && chunkOf[id] === c && ot[id]! >= lowT) break;
        a++;
      }
      if (b < a) b = a;
      while (b < len) {
        const id = order[b]!;
        if (alive[id] && chunkOf[id] === c && ot[id]! > highT) break;
        b++;
      }
      if (a === b) continue;
      work += b - a;
      if (work > budget) return false;
      const r = myRows[i]!;
      if (myMasks && myMasks[r]) continue;
      const k0 = m0[r]!;
      const kNaN = k0 !== k0;
      for (let j = a; j < b; j++) {
        const id = order[j]!;
        if (!alive[id] || chunkOf[id] !== c) continue;
        const s = rowOf[id]!;
        const v = l0[s]!;
        if (v !== k0 && !(kNaN && v !== v)) continue;
        if (masks && masks[s]) continue;
        if (width > 1 && !sameLanes(lanes, s, myLanes, r, width)) continue;
        mine.push(x);
        theirs.push(id);
      }
    }
  }
  return true;
}

function sameLanes(a: readonly Float64Array[], i: number, b: readonly Float64Array[], j: number, width: number): boolean {
  for (let l = 1; l < width; l++) {
    const x = a[l]![i]!;
    const y = b[l]![j]!;
    if (x !== y && !(x !== x && y !== y)) return false;
  }
  return true;
}
