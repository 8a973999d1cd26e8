// Building blocks of the Nexmark generator: per-event hashing, value draws and column builders over UTF-8 bytes.

import * as arrow from 'apache-arrow';
import type { DataType } from '../../common/types.js';

/** Draw keys: each value of an event is drawn from its hash mixed with one of these. */
export const D_HOT = 1;
export const D_PICK = 2;
export const D_PRICE = 3;
export const D_PRICE2 = 4;
export const D_CHANNEL_HOT = 5;
export const D_CHANNEL = 6;
export const D_EXTRA_LEN = 7;
export const D_EXTRA_POS = 8;
export const D_NAME = 9;
export const D_EMAIL = 10;
export const D_CARD = 11;
export const D_CITY = 12;
export const D_STATE = 13;
export const D_ITEM = 14;
export const D_DESC = 15;
export const D_EXPIRES = 16;
export const D_CATEGORY = 17;
export const D_PERSON_HOT = 18;
export const D_PERSON = 19;

export const POOL_BYTES = 65_536;
export const EXTRA_CYCLE = 4096;
export const EXTRA_TEXT = 1 << 20;

export const TWO_32 = 4294967296;

export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function eventHash(seedLo: number, seedHi: number, eid: number): number {
  const hi = Math.floor(eid / TWO_32);
  return fmix(fmix(Math.imul(eid >>> 0, 0x9e3779b1) ^ seedLo) ^ Math.imul(hi + 0x632be5ab, 0x27d4eb2f) ^ seedHi);
}

/** Draw `k` of an event: an independent uniform 32-bit value. */
export const draw = (h: number, k: number): number => fmix((h + Math.imul(k, 0x9e3779b9)) | 0);

/** Uniform integer in [0, n) from a 32-bit draw (n < 2^21). */
export const below = (u: number, n: number): number => Math.floor((u * n) / TWO_32);

/** 10^(6u) for a 32-bit u = a * 2^21 + b * 2^10 + c is POW_A[a] * POW_B[b] * POW_C[c] (Math.pow is slow). */
let powTables: [Float64Array, Float64Array, Float64Array] | undefined;

export function pows(): [Float64Array, Float64Array, Float64Array] {
  if (!powTables) {
    const table = (n: number, scale: number): Float64Array => Float64Array.from({ length: n }, (_, k) => Math.pow(10, (6 * k * scale) / TWO_32));
    powTables = [table(2048, 2 ** 21), table(2048, 2 ** 10), table(1024, 1)];
  }
  return powTables;
}

/** Nexmark's price distribution: round(10^(6u) * 100) cents, u = draw / 2^32 uniform in [0, 1). */
export function price(a: Float64Array, b: Float64Array, c: Float64Array, u: number): number {
  return Math.round(a[u >>> 21]! * b[(u >>> 10) & 2047]! * c[u & 1023]! * 100);
}

/** Sequential generator for the per-source string tables. */
export class TableRng {
  private s: number;

  constructor(seedLo: number, seedHi: number, salt: number) {
    this.s = fmix(seedLo ^ Math.imul(salt, 0x9e3779b1) ^ fmix(seedHi + salt));
  }

  next(): number {
    this.s = (this.s + 0x6d2b79f5) | 0;
    return fmix(this.s ^ 0x5bd1e995);
  }

  int(n: number): number {
    return below(this.next(), n);
  }

  /** Nexmark's nextString: 3 to maxLength-1 letters, one in 13 a separator (spaces are trimmed off the ends). */
  string(maxLength: number, separator = ' '): string {
    const len = 3 + this.int(maxLength - 3);
    let s = '';
    for (let i = 0; i < len; i++) s += this.int(13) === 0 ? separator : String.fromCharCode(97 + this.int(26));
    return separator === ' ' ? s.trim() : s;
  }
}

/** A fixed set of byte strings, concatenated, with offsets: the rows copy their bytes from here. */
export class ByteTable {
  readonly bytes: Uint8Array;
  readonly offsets: Int32Array;
  readonly copier: SliceCopier;

  constructor(values: readonly string[]) {
    const enc = new TextEncoder();
    const parts = values.map((v) => enc.encode(v));
    this.offsets = new Int32Array(parts.length + 1);
    let total = 0;
    parts.forEach((p, i) => { total += p.length; this.offsets[i + 1] = total; });
    this.bytes = new Uint8Array(total);
    parts.forEach((p, i) => this.bytes.set(p, this.offsets[i]!));
    this.copier = new SliceCopier(this.bytes);
  }

  len(i: number): number {
    return this.offsets[i + 1]! - this.offsets[i]!;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Column builders

/** Per-batch inputs of the column generators: each row's event id and event hash. */
export interface Rows {
  /** The first row's position in its table. */
  readonly start: number;
  readonly n: number;
  readonly eid: Float64Array;
  readonly hash: Uint32Array;
  /** Per-row choices shared by several columns (a bid's channel and URL), computed once per batch. */
  readonly shared: Map<string, Int32Array>;
}

export type Gen = (r: Rows) => arrow.Data;

/** An Int64 column (BIGINT or TIMESTAMP) over the two 32-bit words of each value, without BigInt. */
export class Int64Out {
  readonly values: BigInt64Array;
  readonly words: Int32Array;

  constructor(n: number) {
    this.values = new BigInt64Array(n);
    this.words = new Int32Array(this.values.buffer);
  }

  data(type: DataType): arrow.Data {
    const length = this.values.length;
    return type === 'TIMESTAMP'
      ? arrow.makeData({ type: new arrow.TimestampMicrosecond('UTC'), length, data: this.values })
      : arrow.makeData({ type: new arrow.Int64(), length, data: this.values });
  }
}

/** Stores a non-negative integer below 2^53 as the two words of row i. */
export function setInt64(w: Int32Array, i: number, v: number): void {
  const hi = Math.floor(v / TWO_32);
  w[2 * i] = (v - hi * TWO_32) | 0;
  w[2 * i + 1] = hi;
}

/**
 * Builds string columns out of slices of one byte array without allocating per row: the source bytes sit at the end
 * of a scratch buffer, each row is moved to the front with copyWithin (a native move; short rows byte by byte), and
 * the front is copied out once. (A subarray per row costs more than the copy of a 70-byte string.)
 */
export class SliceCopier {
  private buf = new Uint8Array(0);
  private at = 0;

  constructor(private readonly src: Uint8Array) {}

  /** Row i is src[start[i], start[i] + offsets[i + 1] - offsets[i]). */
  build(n: number, offsets: Int32Array, start: Int32Array): Uint8Array {
    const total = offsets[n]!;
    if (total > this.at) {
      this.at = Math.max(total, 2 * this.at);
      this.buf = new Uint8Array(this.at + this.src.length);
      this.buf.set(this.src, this.at);
    }
    const buf = this.buf;
    const at = this.at;
    for (let i = 0; i < n; i++) {
      let p = offsets[i]!;
      const e = offsets[i + 1]!;
      let s = at + start[i]!;
      if (e - p > 12) buf.copyWithin(p, s, s + e - p);
      else while (p < e) buf[p++] = buf[s++]!;
    }
    return buf.slice(0, total);
  }
}

export function utf8Data(n: number, offsets: Int32Array, data: Uint8Array): arrow.Data {
  return arrow.makeData({ type: new arrow.Utf8(), length: n, valueOffsets: offsets, data });
}

/** A string column whose row i is entry idx[i] of a byte table. */
export function tableStrings(t: ByteTable, idx: Int32Array): arrow.Data {
  const n = idx.length;
  const offsets = new Int32Array(n + 1);
  const start = new Int32Array(n);
  const to = t.offsets;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const j = idx[i]!;
    start[i] = to[j]!;
    total += to[j + 1]! - to[j]!;
    offsets[i + 1] = total;
  }
  return utf8Data(n, offsets, t.copier.build(n, offsets, start));
}

/** An `extra` column: row i is len[i] letters cut from the pool at a position drawn from the row's event hash. */
export function extraStrings(r: Rows, pool: SliceCopier, len: Int32Array): arrow.Data {
  const n = r.n;
  const hash = r.hash;
  const offsets = new Int32Array(n + 1);
  const start = new Int32Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    start[i] = below(draw(hash[i]!, D_EXTRA_POS), POOL_BYTES);
    total += len[i]!;
    offsets[i + 1] = total;
  }
  return utf8Data(n, offsets, pool.build(n, offsets, start));
}

/**
 * A bid's `extra` (the bulk of a bid's bytes): lengths repeat over a seeded cycle of EXTRA_CYCLE rows, and the bytes
 * are consecutive windows of a seeded cyclic text, so the letters of a whole batch are one or a few copies. Row r
 * starts at text position G(r) = floor(r / EXTRA_CYCLE) * cycleBytes + prefix[r mod EXTRA_CYCLE].
 */
export class CyclicExtra {
  private readonly prefix = new Float64Array(EXTRA_CYCLE + 1);
  private readonly text: Uint8Array;

  constructor(rng: TableRng, length: (u: number) => number) {
    for (let k = 0; k < EXTRA_CYCLE; k++) this.prefix[k + 1] = this.prefix[k]! + length(rng.next());
    this.text = new Uint8Array(EXTRA_TEXT);
    for (let i = 0; i < EXTRA_TEXT; i++) this.text[i] = 97 + rng.int(26);
  }

  private position(row: number): number {
    const cycles = Math.floor(row / EXTRA_CYCLE);
    return cycles * this.prefix[EXTRA_CYCLE]! + this.prefix[row - cycles * EXTRA_CYCLE]!;
  }

  strings(start: number, n: number): arrow.Data {
    const first = this.position(start);
    const offsets = new Int32Array(n + 1);
    let k = start % EXTRA_CYCLE;
    let at = first;
    for (let i = 1; i <= n; i++) {
      at += this.prefix[k + 1]! - this.prefix[k]!;
      offsets[i] = at - first;
      if (++k === EXTRA_CYCLE) k = 0;
    }
    const total = offsets[n]!;
    const data = new Uint8Array(total);
    let p = 0;
    let t = first % EXTRA_TEXT;
    while (p < total) {
      const m = Math.min(total - p, EXTRA_TEXT - t);
      data.set(this.text.subarray(t, t + m), p);
      p += m;
      t = 0;
    }
    return utf8Data(n, offsets, data);
  }
}

/** Row i's pick among `size` choices, from draw k of its event. */
export function picks(r: Rows, k: number, size: number): Int32Array {
  const out = new Int32Array(r.n);
  const hash = r.hash;
  for (let i = 0; i < r.n; i++) out[i] = below(draw(hash[i]!, k), size);
  return out;
}

/** Length of `extra` that pads an event of `current` bytes to `average` on average (±20%). */
export function extraLength(current: number, average: number, u: number): number {
  if (current > average) return 0;
  const want = average - current;
  const delta = Math.round(want * 0.2);
  return want - delta + (delta === 0 ? 0 : below(u, 2 * delta));
}
