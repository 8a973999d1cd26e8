// An open-addressing hash table from K float64 key lanes (plus a NULL mask) to dense group ids, without allocation.

import { IntBuf } from './int-buf.js';

const f64 = new Float64Array(1);
const i32 = new Int32Array(f64.buffer);

/** Hash of one float64 by its bits (-0 and NaN normalized by the caller). */
export function mixLane(h: number, v: number): number {
  f64[0] = v;
  h = Math.imul(h ^ i32[0]!, 0x9e3779b1);
  h = Math.imul(h ^ i32[1]!, 0x85ebca77);
  return (h << 13) | (h >>> 19);
}

export function finalizeHash(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  return h ^ (h >>> 16);
}

/** Canonical lane value: one zero, one NaN, so equal SQL values hash equally. */
export const canon = (v: number): number => (v === 0 ? 0 : v !== v ? NaN : v);

f64[0] = NaN;
const NAN_LO = i32[0]!;
const NAN_HI = i32[1]!;
const SEED = 0x1234567;


/**
 * Slots hold (group id + 1, hash) pairs side by side, so a probe reads one cache line and touches a group's keys only
 * when the full hash matches. `mask` is the slot count - 1 (slot s lives at slots[2s], slots[2s + 1]).
 */
export class GroupTable {
  /** keys[g * width + j]: lane j of group g. */
  keys: Float64Array;
  nulls: Int32Array;
  live: Uint8Array;
  /** The float64 words of `keys` (remove() rehashes a stored key without allocating). */
  private keyWords: Int32Array;
  private slots: Int32Array;
  /** Hashes of the keys of the current lookupMany call (scratch). */
  private hashes: Int32Array = new Int32Array(0);
  private mask: number;
  /** Removed group ids, reused last-in first-out. */
  private readonly free = new IntBuf(64);
  /** One past the highest group id ever handed out. */
  high = 0;
  size = 0;

  /** `capacity` groups fit without growing (rounded up to a power of two, which the slot mask needs). */
  constructor(readonly width: number, capacity = 1024) {
    capacity = 2 ** Math.ceil(Math.log2(Math.max(1, capacity)));
    this.keys = new Float64Array(capacity * Math.max(1, width));
    this.keyWords = new Int32Array(this.keys.buffer);
    this.nulls = new Int32Array(capacity);
    this.live = new Uint8Array(capacity);
    this.slots = new Int32Array(capacity * 4);
    this.mask = capacity * 2 - 1;
  }

  /** Forgets every group but keeps the arrays, so a table rebuilt every batch reuses warm memory. */
  clear(): void {
    this.slots.fill(0);
    this.live.fill(0, 0, this.high);
    this.free.clear();
    this.high = 0;
    this.size = 0;
  }

  get capacity(): number {
    return this.nulls.length;
  }

  /** Hash of a key held in `k` (width lanes) with NULL mask `m`. */
  hash(k: Float64Array, m: number): number {
    let h = m ^ SEED;
    for (let j = 0; j < this.width; j++) h = mixLane(h, canon(k[j]!));
    return finalizeHash(h);
  }

  /** hash() of group g's stored key, read in place (its lanes are canonical already). */
  private hashOfGroup(g: number): number {
    const words = this.keyWords;
    const base = g * this.width;
    let h = this.nulls[g]! ^ SEED;
    for (let j = 0; j < this.width; j++) {
      const v = this.keys[base + j]!;
      let lo = words[2 * (base + j)]!;
      let hi = words[2 * (base + j) + 1]!;
      if (v === 0) { lo = 0; hi = 0; } else if (v !== v) { lo = NAN_LO; hi = NAN_HI; }
      h = Math.imul(h ^ lo, 0x9e3779b1);
      h = Math.imul(h ^ hi, 0x85ebca77);
      h = (h << 13) | (h >>> 19);
    }
    return finalizeHash(h);
  }

  /**
   * The groups of `count` keys given column-wise (lane j of key i is `lanes[j][i]`, 0 where its NULL bit is set in
   * `masks[i]`): out[i] is the group id, or ~id when this call created the group. A key equal to the one before it
   * (runs of one window or one key are common in event-time order) takes its group without hashing; others hash
   * the float64 words of their lanes through Int32 views, which equals hash() of the same key.
   */
  findOrInsertMany(lanes: readonly Float64Array[], masks: Int32Array | null, count: number, out: Int32Array): void {
    this.lookupMany(lanes, masks, count, out, true);
  }

  /** Like findOrInsertMany, without inserting: out[i] is the group of key i, or -1 when it has none. */
  findMany(lanes: readonly Float64Array[], masks: Int32Array | null, count: number, out: Int32Array): void {
    this.lookupMany(lanes, masks, count, out, false);
  }

  /**
   * Two passes: the keys' hashes lane by lane (sequential reads of each lane), then one probe per key with the table's
   * arrays in locals. A key equal to the one before it (runs of one window or one key are common in event-time
   * order) takes its group without probing.
   */
  private lookupMany(lanes: readonly Float64Array[], masks: Int32Array | null, count: number, out: Int32Array, insert: boolean): void {
    const width = this.width;
    const hs = this.hashesOf(lanes, masks, count);
    let slots = this.slots;
    let mask = this.mask;
    let keys = this.keys;
    let nulls = this.nulls;
    for (let i = 0; i < count; i++) {
      const h = hs[i]!;
      const m = masks ? masks[i]! : 0;
      if (i > 0 && h === hs[i - 1] && (!masks || m === masks[i - 1])) {
        let same = true;
        for (let j = 0; j < width; j++) {
          const a = lanes[j]![i]!;
          const b = lanes[j]![i - 1]!;
          if (a !== b && (a === a || b === b)) { same = false; break; }
        }
        if (same) {
          const prev = out[i - 1]!;
          out[i] = prev >= 0 || !insert ? prev : ~prev;
          continue;
        }
      }
      let s = h & mask;
      let found = -1;
      for (;;) {
        const e = slots[2 * s]!;
        if (e === 0) break;
        if (slots[2 * s + 1] === h && nulls[e - 1] === m) {
          const base = (e - 1) * width;
          let eq = true;
          for (let j = 0; j < width; j++) {
            // Equal, or both NaN (which SQL groups together).
            const a = keys[base + j]!;
            const b = lanes[j]![i]!;
            if (a !== b && (a === a || b === b)) { eq = false; break; }
          }
          if (eq) { found = e - 1; break; }
        }
        s = (s + 1) & mask;
      }
      if (found >= 0 || !insert) {
        out[i] = found;
        continue;
      }
      const g = this.newGroup(s, h, m);
      if (keys !== this.keys) { keys = this.keys; nulls = this.nulls; }
      const base = g * width;
      for (let j = 0; j < width; j++) keys[base + j] = canon(lanes[j]![i]!);
      if (this.size > (mask + 1) >> 1) {
        this.rehash((mask + 1) * 2);
        slots = this.slots;
        mask = this.mask;
      }
      out[i] = ~g;
    }
  }

  /** hash() of each of `count` keys given column-wise, into a scratch array reused across calls. */
  private hashesOf(lanes: readonly Float64Array[], masks: Int32Array | null, count: number): Int32Array {
    if (this.hashes.length < count) this.hashes = new Int32Array(Math.max(count, this.hashes.length * 2));
    const hs = this.hashes;
    if (masks) for (let i = 0; i < count; i++) hs[i] = masks[i]! ^ SEED;
    else hs.fill(SEED, 0, count);
    for (let j = 0; j < this.width; j++) {
      const lane = lanes[j]!;
      const words = new Int32Array(lane.buffer, lane.byteOffset, count * 2);
      for (let i = 0; i < count; i++) {
        const v = lane[i]!;
        let lo = words[2 * i]!;
        let hi = words[2 * i + 1]!;
        if (v === 0) { lo = 0; hi = 0; } else if (v !== v) { lo = NAN_LO; hi = NAN_HI; }
        let h = Math.imul(hs[i]! ^ lo, 0x9e3779b1);
        h = Math.imul(h ^ hi, 0x85ebca77);
        hs[i] = (h << 13) | (h >>> 19);
      }
    }
    for (let i = 0; i < count; i++) hs[i] = finalizeHash(hs[i]!);
    return hs;
  }

  private equals(g: number, k: Float64Array, m: number): boolean {
    if (this.nulls[g] !== m) return false;
    const base = g * this.width;
    for (let j = 0; j < this.width; j++) {
      const a = this.keys[base + j]!;
      const b = k[j]!;
      if (a !== b && !(a !== a && b !== b)) return false;
    }
    return true;
  }

  /** The empty slot where a key of hash h would go, or the group's slot when `g` is given. */
  private probe(h: number, k: Float64Array, m: number): { slot: number; group: number } {
    let s = h & this.mask;
    for (;;) {
      const e = this.slots[2 * s]!;
      if (e === 0) return { slot: s, group: -1 };
      if (this.slots[2 * s + 1] === h && this.equals(e - 1, k, m)) return { slot: s, group: e - 1 };
      s = (s + 1) & this.mask;
    }
  }

  find(k: Float64Array, m: number, h: number): number {
    return this.probe(h, k, m).group;
  }

  /** The group of key `k`: its id when it exists, or ~id (negative) when this call created it. */
  findOrInsert(k: Float64Array, m: number, h: number): number {
    const { slot, group } = this.probe(h, k, m);
    if (group >= 0) return group;
    const g = this.newGroup(slot, h, m);
    const base = g * this.width;
    for (let j = 0; j < this.width; j++) this.keys[base + j] = canon(k[j]!);
    this.afterInsert();
    return ~g;
  }

  /** Takes a group id for a new key of hash h whose empty slot (before any growth) is s; the caller sets its keys. */
  private newGroup(s: number, h: number, m: number): number {
    const free = this.free;
    const g = free.n > 0 ? free.a[--free.n]! : this.high++;
    // Group arrays grow apart from the slots (which follow the load), so slot s stays valid.
    if (g >= this.capacity) this.growGroups();
    this.nulls[g] = m;
    this.live[g] = 1;
    this.slots[2 * s] = g + 1;
    this.slots[2 * s + 1] = h;
    this.size++;
    return g;
  }

  private afterInsert(): void {
    if (this.size > (this.mask + 1) >> 1) this.rehash((this.mask + 1) * 2);
  }

  remove(g: number): void {
    const mask = this.mask;
    const slots = this.slots;
    // The group's slot is on the probe path of its key's hash (kept in the slots, not per group).
    let s = this.hashOfGroup(g) & mask;
    while (slots[2 * s] !== g + 1) s = (s + 1) & mask;
    this.deleteSlot(s);
    this.live[g] = 0;
    this.free.push(g);
    this.size--;
  }

  /**
   * Removes groups `ids[0..count)` (as remove() each in turn would, ids freed in that order). Many at once (a window
   * closing) are dropped by one in-place sweep of the slots that deletes each dead group's slot as it passes, instead
   * of rehashing each key and walking to its slot. Measured: a remove() costs about as much as sweeping 16 slots
   * (it misses cache twice where the sweep streams).
   */
  removeMany(ids: ArrayLike<number>, count = ids.length): void {
    if (count * 16 < this.mask + 1) {
      for (let i = 0; i < count; i++) this.remove(ids[i]!);
      return;
    }
    const live = this.live;
    for (let i = 0; i < count; i++) {
      const g = ids[i]!;
      live[g] = 0;
      this.free.push(g);
    }
    this.size -= count;
    const slots = this.slots;
    const mask = this.mask;
    // The sweep starts after an empty slot (the load is at most half), so no probe chain runs across its start, and
    // deletions only move slots backwards onto positions it has not passed yet.
    let first = 0;
    while (slots[2 * first] !== 0) first++;
    for (let k = 1; k <= mask; k++) {
      const s = (first + k) & mask;
      for (;;) {
        const e = slots[2 * s]!;
        if (e === 0 || live[e - 1]) break;
        this.deleteSlot(s);
      }
    }
  }

  /** Empties slot s by backward-shift deletion, which keeps every probe chain unbroken without tombstones. */
  private deleteSlot(s: number): void {
    const mask = this.mask;
    const slots = this.slots;
    let i = s;
    let j = s;
    for (;;) {
      j = (j + 1) & mask;
      const e = slots[2 * j]!;
      if (e === 0) break;
      const home = slots[2 * j + 1]! & mask;
      const between = i <= j ? home > i && home <= j : home > i || home <= j;
      if (!between) {
        slots[2 * i] = e;
        slots[2 * i + 1] = slots[2 * j + 1]!;
        i = j;
      }
    }
    slots[2 * i] = 0;
    slots[2 * i + 1] = 0;
  }

  /** Grows the per-group arrays by half: less slack than doubling for large states (the slots double by load). */
  private growGroups(): void {
    const cap = Math.ceil(this.capacity * 1.5);
    const keys = new Float64Array(cap * Math.max(1, this.width));
    keys.set(this.keys);
    this.keys = keys;
    this.keyWords = new Int32Array(keys.buffer);
    const grow32 = (a: Int32Array): Int32Array => { const b = new Int32Array(cap); b.set(a); return b; };
    this.nulls = grow32(this.nulls);
    const live = new Uint8Array(cap);
    live.set(this.live);
    this.live = live;
  }

  private rehash(size: number): void {
    const old = this.slots;
    this.slots = new Int32Array(size * 2);
    this.mask = size - 1;
    for (let o = 0; o < old.length; o += 2) {
      const e = old[o]!;
      if (e === 0) continue;
      const h = old[o + 1]!;
      let s = h & this.mask;
      while (this.slots[2 * s] !== 0) s = (s + 1) & this.mask;
      this.slots[2 * s] = e;
      this.slots[2 * s + 1] = h;
    }
  }
}
