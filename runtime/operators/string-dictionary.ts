// Interns UTF-8 byte strings to dense ids by hashing their bytes, so string keys never become JS strings per row.

import { StrBuilder, type StrVec } from '../kernels/utf8.js';
import { copyBytes } from '../copy-bytes.js';

const decoder = new TextDecoder();

export class StringDictionary {
  private arena = new Uint8Array(1 << 12);
  private used = 0;
  private starts: Int32Array = new Int32Array(256);
  private ends: Int32Array = new Int32Array(256);
  private hashes: Int32Array = new Int32Array(256);
  private slots: Int32Array = new Int32Array(512);
  private mask = 511;
  size = 0;

  /** MurmurHash3's 32-bit mixing, 4 bytes at a time (a few multiplies per word rather than one per byte). */
  private static hashBytes(d: Uint8Array, s: number, e: number): number {
    let h = 0x811c9dc5 ^ (e - s);
    let i = s;
    for (; i + 4 <= e; i += 4) {
      let k = Math.imul(d[i]! | (d[i + 1]! << 8) | (d[i + 2]! << 16) | (d[i + 3]! << 24), 0xcc9e2d51);
      k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
      h ^= k;
      h = (h << 13) | (h >>> 19);
      h = (Math.imul(h, 5) + 0xe6546b64) | 0;
    }
    let k = 0;
    for (let sh = 0; i < e; i++, sh += 8) k |= d[i]! << sh;
    k = Math.imul(k, 0xcc9e2d51);
    h ^= Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return h ^ (h >>> 16);
  }

  private same(id: number, d: Uint8Array, s: number, e: number): boolean {
    const a = this.starts[id]!;
    if (this.ends[id]! - a !== e - s) return false;
    for (let i = 0; i < e - s; i++) if (this.arena[a + i] !== d[s + i]) return false;
    return true;
  }

  /** The id of bytes d[s..e), adding them when new. */
  intern(d: Uint8Array, s: number, e: number): number {
    const h = StringDictionary.hashBytes(d, s, e);
    let slot = h & this.mask;
    for (;;) {
      const v = this.slots[slot]!;
      if (v === 0) break;
      if (this.hashes[v - 1] === h && this.same(v - 1, d, s, e)) return v - 1;
      slot = (slot + 1) & this.mask;
    }
    const id = this.size++;
    if (id >= this.starts.length) this.growIds();
    const len = e - s;
    if (this.used + len > this.arena.length) {
      let cap = this.arena.length * 2;
      while (cap < this.used + len) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(this.arena.subarray(0, this.used));
      this.arena = next;
    }
    copyBytes(this.arena, this.used, d, s, e);
    this.starts[id] = this.used;
    this.ends[id] = this.used + len;
    this.used += len;
    this.hashes[id] = h;
    this.slots[slot] = id + 1;
    if (this.size * 2 > this.slots.length) this.rehash();
    return id;
  }

  internString(s: string): number {
    const b = new TextEncoder().encode(s);
    return this.intern(b, 0, b.length);
  }

  /** Ids of every row of a string vector (NULL rows get -1). */
  internVec(v: StrVec, out: Float64Array): void {
    for (let i = 0; i < v.length; i++) out[i] = v.valid && !v.valid[i] ? -1 : this.intern(v.data, v.offsets[i]!, v.offsets[i + 1]!);
  }

  /** The id in `other` of string `id` of this dictionary (added to `other` when new there). */
  copyInto(other: StringDictionary, id: number): number {
    return other.intern(this.arena, this.starts[id]!, this.ends[id]!);
  }

  decode(id: number): string {
    return decoder.decode(this.arena.subarray(this.starts[id]!, this.ends[id]!));
  }

  appendTo(b: StrBuilder, id: number): void {
    b.appendBytes(this.arena, this.starts[id]!, this.ends[id]!);
    b.endRow();
  }

  /** Mean length of the strings held, in bytes (a size hint for builders). */
  get averageBytes(): number {
    return this.size ? this.used / this.size : 8;
  }

  get bytes(): number {
    return this.used + this.size * 12;
  }

  private growIds(): void {
    const cap = this.starts.length * 2;
    const g = (a: Int32Array): Int32Array => { const b = new Int32Array(cap); b.set(a); return b; };
    this.starts = g(this.starts);
    this.ends = g(this.ends);
    this.hashes = g(this.hashes);
  }

  private rehash(): void {
    const size = this.slots.length * 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let id = 0; id < this.size; id++) {
      let s = this.hashes[id]! & this.mask;
      while (this.slots[s] !== 0) s = (s + 1) & this.mask;
      this.slots[s] = id + 1;
    }
  }
}
