// An open-addressing hash table from K float64 key lanes (plus a NULL mask) to dense group ids, without allocation.

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

export class GroupTable {
  /** keys[g * width + j]: lane j of group g. */
  keys: Float64Array;
  nulls: Int32Array;
  hashes: Int32Array;
  live: Uint8Array;
  private slots: Int32Array;
  private mask: number;
  private free: number[] = [];
  /** One past the highest group id ever handed out. */
  high = 0;
  size = 0;

  constructor(readonly width: number, capacity = 1024) {
    this.keys = new Float64Array(capacity * Math.max(1, width));
    this.nulls = new Int32Array(capacity);
    this.hashes = new Int32Array(capacity);
    this.live = new Uint8Array(capacity);
    this.slots = new Int32Array(capacity * 2);
    this.mask = capacity * 2 - 1;
  }

  get capacity(): number {
    return this.nulls.length;
  }

  /** Hash of a key held in `k` (width lanes) with NULL mask `m`. */
  hash(k: Float64Array, m: number): number {
    let h = m ^ 0x1234567;
    for (let j = 0; j < this.width; j++) h = mixLane(h, k[j]!);
    return finalizeHash(h);
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

  find(k: Float64Array, m: number, h: number): number {
    let s = h & this.mask;
    for (;;) {
      const e = this.slots[s]!;
      if (e === 0) return -1;
      if (this.hashes[e - 1] === h && this.equals(e - 1, k, m)) return e - 1;
      s = (s + 1) & this.mask;
    }
  }

  /** The group of key `k`: its id when it exists, or ~id (negative) when this call created it. */
  findOrInsert(k: Float64Array, m: number, h: number): number {
    let s = h & this.mask;
    for (;;) {
      const e = this.slots[s]!;
      if (e === 0) break;
      if (this.hashes[e - 1] === h && this.equals(e - 1, k, m)) return e - 1;
      s = (s + 1) & this.mask;
    }
    const g = this.free.length ? this.free.pop()! : this.high++;
    if (g >= this.capacity) {
      this.growGroups();
      // Growing rehashed the slots: find the empty slot again.
      s = h & this.mask;
      while (this.slots[s] !== 0) s = (s + 1) & this.mask;
    }
    const base = g * this.width;
    for (let j = 0; j < this.width; j++) this.keys[base + j] = k[j]!;
    this.nulls[g] = m;
    this.hashes[g] = h;
    this.live[g] = 1;
    this.slots[s] = g + 1;
    this.size++;
    if (this.size > this.slots.length >> 1) this.rehash(this.slots.length * 2);
    return ~g;
  }

  remove(g: number): void {
    let s = this.hashes[g]! & this.mask;
    while (this.slots[s] !== g + 1) s = (s + 1) & this.mask;
    // Backward-shift deletion keeps every probe chain unbroken without tombstones.
    let i = s;
    let j = s;
    for (;;) {
      j = (j + 1) & this.mask;
      const e = this.slots[j]!;
      if (e === 0) break;
      const home = this.hashes[e - 1]! & this.mask;
      const between = i <= j ? home > i && home <= j : home > i || home <= j;
      if (!between) {
        this.slots[i] = e;
        i = j;
      }
    }
    this.slots[i] = 0;
    this.live[g] = 0;
    this.free.push(g);
    this.size--;
  }

  private growGroups(): void {
    const cap = this.capacity * 2;
    const keys = new Float64Array(cap * Math.max(1, this.width));
    keys.set(this.keys);
    this.keys = keys;
    const grow32 = (a: Int32Array): Int32Array => { const b = new Int32Array(cap); b.set(a); return b; };
    this.nulls = grow32(this.nulls);
    this.hashes = grow32(this.hashes);
    const live = new Uint8Array(cap);
    live.set(this.live);
    this.live = live;
    if (this.slots.length < cap * 2) this.rehash(cap * 2);
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let g = 0; g < this.high; g++) {
      if (!this.live[g]) continue;
      let s = this.hashes[g]! & this.mask;
      while (this.slots[s] !== 0) s = (s + 1) & this.mask;
      this.slots[s] = g + 1;
    }
  }
}
