// An open-addressing hash table from K float64 key lanes (plus a NULL mask) to dense group ids, without allocation.

import { GroupSlots } from './group-slots.js';
import { IntBuf } from './int-buf.js';
import { canon, finalizeHash, mixLane, NAN_HI, NAN_LO, SEED } from './key-hash.js';

/**
 * Group ids index the per-group arrays (keys, NULL masks, live flags); slot arrays (GroupSlots) map key hashes to them.
 * A table partitioned by lane 0 keeps one slot array per value of its first lane (a window), so a window's groups
 * are probed among themselves and go all at once: removing every group of a partition drops its slot array instead of
 * deleting slot by slot.
 */
export class GroupTable {
  /** keys[g * width + j]: lane j of group g. */
  keys: Float64Array;
  nulls: Int32Array;
  live: Uint8Array;
  /** The float64 words of `keys` (remove() rehashes a stored key without allocating). */
  private keyWords: Int32Array;
  /** The slot array, when the table is not partitioned. */
  private readonly one: GroupSlots | null;
  /** Partitioned by lane 0: the slot array of each value of lane 0 that has groups. */
  private readonly parts: Map<number, GroupSlots> | null;
  /** The first lane hashed: a partition by lane 0 holds one value of it, so hashing it would add nothing. */
  private readonly hashFrom: number;
  /** Groups a new partition has room for: the peak of the last partition that went. */
  private partRoom = 1024;
  /** Hashes of the keys of the current lookupMany call (scratch). */
  private hashes: Int32Array = new Int32Array(0);
  /** Removed group ids, reused last-in first-out. */
  private readonly free = new IntBuf(64);
  /** One past the highest group id ever handed out. */
  high = 0;
  size = 0;

  /** `capacity` groups fit without growing (rounded up to a power of two, which the slot mask needs). */
  constructor(readonly width: number, capacity = 1024, options: { readonly partitionByLane0?: boolean } = {}) {
    capacity = 2 ** Math.ceil(Math.log2(Math.max(1, capacity)));
    this.keys = new Float64Array(capacity * Math.max(1, width));
    this.keyWords = new Int32Array(this.keys.buffer);
    this.nulls = new Int32Array(capacity);
    this.live = new Uint8Array(capacity);
    const partitioned = options.partitionByLane0 === true && width > 0;
    this.one = partitioned ? null : new GroupSlots(capacity);
    this.parts = partitioned ? new Map() : null;
    this.hashFrom = partitioned ? 1 : 0;
  }

  /** Forgets every group but keeps the arrays, so a table rebuilt every batch reuses warm memory. */
  clear(): void {
    this.one?.clear();
    this.parts?.clear();
    this.live.fill(0, 0, this.high);
    this.free.clear();
    this.high = 0;
    this.size = 0;
  }

  /** Bytes of the slot arrays. */
  get slotBytes(): number {
    if (this.one) return this.one.bytes;
    let b = 0;
    for (const p of this.parts!.values()) b += p.bytes;
    return b;
  }

  /** The slot array of keys whose lane 0 is `v0` (created when `create`), or null. */
  private slotsOf(v0: number, create: boolean): GroupSlots | null {
    if (this.one) return this.one;
    const k = canon(v0);
    let p = this.parts!.get(k);
    if (!p && create) this.parts!.set(k, (p = new GroupSlots(this.partRoom)));
    return p ?? null;
  }

  /** Drops partition `p` (lane 0 value `v0`), whose groups are all gone. */
  private dropPart(v0: number, p: GroupSlots): void {
    this.parts!.delete(canon(v0));
    this.partRoom = Math.max(1024, p.peak);
  }

  get capacity(): number {
    return this.nulls.length;
  }

  /** Hash of a key held in `k` (width lanes) with NULL mask `m`. */
  hash(k: Float64Array, m: number): number {
    let h = m ^ SEED;
    for (let j = this.hashFrom; j < this.width; j++) h = mixLane(h, canon(k[j]!));
    return finalizeHash(h);
  }

  /** hash() of group g's stored key, read in place (its lanes are canonical already). */
  private hashOfGroup(g: number): number {
    const words = this.keyWords;
    const base = g * this.width;
    let h = this.nulls[g]! ^ SEED;
    for (let j = this.hashFrom; j < this.width; j++) {
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
    const partitioned = this.parts !== null;
    const lane0 = partitioned ? lanes[0]! : null;
    let cur = this.one;
    let cur0 = 0;
    let slots = cur ? cur.slots : new Int32Array(0);
    let mask = cur ? cur.mask : 0;
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
      if (lane0 && (cur === null || lane0[i] !== cur0)) {
        // Another partition (keys of one window come in runs, so this is rare).
        cur0 = lane0[i]!;
        cur = this.slotsOf(cur0, insert);
        if (cur === null) {
          out[i] = -1;
          continue;
        }
        slots = cur.slots;
        mask = cur.mask;
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
      const g = this.newGroup(cur!, s, h, m);
      if (keys !== this.keys) { keys = this.keys; nulls = this.nulls; }
      const base = g * width;
      for (let j = 0; j < width; j++) keys[base + j] = canon(lanes[j]![i]!);
      // Inserting may have grown the slot array.
      slots = cur!.slots;
      mask = cur!.mask;
      out[i] = ~g;
    }
  }

  /** hash() of each of `count` keys given column-wise, into a scratch array reused across calls. */
  private hashesOf(lanes: readonly Float64Array[], masks: Int32Array | null, count: number): Int32Array {
    if (this.hashes.length < count) this.hashes = new Int32Array(Math.max(count, this.hashes.length * 2));
    const hs = this.hashes;
    if (masks) for (let i = 0; i < count; i++) hs[i] = masks[i]! ^ SEED;
    else hs.fill(SEED, 0, count);
    for (let j = this.hashFrom; j < this.width; j++) {
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

  /** The empty slot of `p` where a key of hash h would go, or the key's group and slot. */
  private probe(p: GroupSlots, h: number, k: Float64Array, m: number): { slot: number; group: number } {
    const slots = p.slots;
    const mask = p.mask;
    let s = h & mask;
    for (;;) {
      const e = slots[2 * s]!;
      if (e === 0) return { slot: s, group: -1 };
      if (slots[2 * s + 1] === h && this.equals(e - 1, k, m)) return { slot: s, group: e - 1 };
      s = (s + 1) & mask;
    }
  }

  find(k: Float64Array, m: number, h: number): number {
    const p = this.slotsOf(k[0]!, false);
    return p ? this.probe(p, h, k, m).group : -1;
  }

  /** The group of key `k`: its id when it exists, or ~id (negative) when this call created it. */
  findOrInsert(k: Float64Array, m: number, h: number): number {
    const p = this.slotsOf(k[0]!, true)!;
    const { slot, group } = this.probe(p, h, k, m);
    if (group >= 0) return group;
    const g = this.newGroup(p, slot, h, m);
    const base = g * this.width;
    for (let j = 0; j < this.width; j++) this.keys[base + j] = canon(k[j]!);
    return ~g;
  }

  /** Takes a group id for a new key of hash h whose empty slot of `p` is s; the caller sets its keys. */
  private newGroup(p: GroupSlots, s: number, h: number, m: number): number {
    const free = this.free;
    const g = free.n > 0 ? free.a[--free.n]! : this.high++;
    // Group arrays grow apart from the slots (which follow the load), so slot s stays valid.
    if (g >= this.capacity) this.growGroups();
    this.nulls[g] = m;
    this.live[g] = 1;
    this.size++;
    p.put(s, g, h);
    return g;
  }

  remove(g: number): void {
    const v0 = this.keys[g * this.width]!;
    const p = this.slotsOf(v0, false)!;
    // The group's slot is on the probe path of its key's hash (kept in the slots, not per group).
    p.deleteSlot(p.slotOf(g, this.hashOfGroup(g)));
    this.live[g] = 0;
    this.free.push(g);
    this.size--;
    if (this.parts && p.size === 0) this.dropPart(v0, p);
  }

  /**
   * Removes groups `ids[0..count)` (as remove() each in turn would, ids freed in that order). A partition that loses
   * all its groups (a window closing) drops its slot array. Otherwise many at once are dropped by one in-place sweep
   * of the slots (GroupSlots.sweep) instead of rehashing each key and walking to its slot. Measured: a remove() costs
   * about as much as sweeping 16 slots (it misses cache twice where the sweep streams).
   */
  removeMany(ids: ArrayLike<number>, count = ids.length): void {
    if (this.parts) {
      this.removeFromParts(ids, count);
      return;
    }
    const one = this.one!;
    if (count * 16 < one.mask + 1) {
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
    one.sweep(live);
  }

  /** removeMany of a partitioned table: whole partitions go at once, groups of the others one by one. */
  private removeFromParts(ids: ArrayLike<number>, count: number): void {
    const keys = this.keys;
    const width = this.width;
    const touched: [number, GroupSlots][] = [];
    let last: GroupSlots | null = null;
    let last0 = 0;
    const partOf = (g: number): GroupSlots => {
      const v0 = keys[g * width]!;
      if (last === null || v0 !== last0) {
        last0 = v0;
        last = this.slotsOf(v0, false)!;
      }
      return last;
    };
    for (let i = 0; i < count; i++) {
      const p = partOf(ids[i]!);
      if (p.removing++ === 0) touched.push([last0, p]);
    }
    for (const [, p] of touched) p.whole = p.removing === p.size;
    last = null;
    const live = this.live;
    for (let i = 0; i < count; i++) {
      const g = ids[i]!;
      if (partOf(g).whole) {
        live[g] = 0;
        this.free.push(g);
        this.size--;
      } else {
        this.remove(g);
      }
    }
    for (const [v0, p] of touched) {
      if (p.whole) this.dropPart(v0, p);
      p.removing = 0;
      p.whole = false;
    }
  }

  /**
   * Re-places every live group by the hash of its keys as they are now: after a caller rewrote key lanes in place
   * (string keys re-interned into a fresh dictionary), the same groups under their new hashes.
   */
  rehashAll(): void {
    this.one?.clear();
    this.parts?.clear();
    const width = this.width;
    for (let g = 0; g < this.high; g++) {
      if (!this.live[g]) continue;
      const h = this.hashOfGroup(g);
      const p = this.slotsOf(this.keys[g * width]!, true)!;
      const slots = p.slots;
      let s = h & p.mask;
      while (slots[2 * s] !== 0) s = (s + 1) & p.mask;
      p.put(s, g, h);
    }
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
}
