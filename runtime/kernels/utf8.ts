// UTF-8 string columns as offsets + bytes: builders, comparison and decoding without per-row objects where possible.

import type { Vec } from '../vec.js';
import { copyBytes } from '../copy-bytes.js';

export const encoder = new TextEncoder();
const decoder = new TextDecoder();

export type StrVec = Extract<Vec, { kind: 'str' }>;

/** Appends strings to one growing byte buffer; the result is an Arrow-compatible string vector. */
export class StrBuilder {
  private data: Uint8Array;
  private readonly offsets: Int32Array;
  private readonly valid: Uint8Array;
  private pos = 0;
  private row = 0;
  private nulls = 0;

  constructor(private readonly n: number, bytesHint = n * 8) {
    this.data = new Uint8Array(Math.max(16, bytesHint));
    this.offsets = new Int32Array(n + 1);
    this.valid = new Uint8Array(n);
  }

  private reserve(extra: number): void {
    if (this.pos + extra <= this.data.length) return;
    let cap = this.data.length * 2;
    while (cap < this.pos + extra) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.data.subarray(0, this.pos));
    this.data = next;
  }

  appendBytes(src: Uint8Array, start: number, end: number): void {
    const len = end - start;
    this.reserve(len);
    this.pos = copyBytes(this.data, this.pos, src, start, end);
  }

  /** Appends part of the current row; call endRow() after the last part. */
  appendString(s: string): void {
    this.reserve(s.length * 3);
    this.pos += encoder.encodeInto(s, this.data.subarray(this.pos)).written;
  }

  appendByte(b: number): void {
    this.reserve(1);
    this.data[this.pos++] = b;
  }

  endRow(): void {
    this.valid[this.row] = 1;
    this.offsets[++this.row] = this.pos;
  }

  pushNull(): void {
    this.nulls++;
    this.offsets[++this.row] = this.pos;
  }

  push(s: string | null): void {
    if (s === null) this.pushNull();
    else {
      this.appendString(s);
      this.endRow();
    }
  }

  finish(): StrVec {
    return { kind: 'str', length: this.n, offsets: this.offsets, data: this.data.subarray(0, this.pos), valid: this.nulls ? this.valid : null };
  }
}

export function strAt(v: StrVec, i: number): string {
  const s = v.offsets[i]!;
  const e = v.offsets[i + 1]!;
  // Short ASCII strings decode faster by hand than through TextDecoder.
  if (e - s < 24) {
    let out = '';
    for (let j = s; j < e; j++) {
      const b = v.data[j]!;
      if (b >= 0x80) return decoder.decode(v.data.subarray(s, e));
      out += String.fromCharCode(b);
    }
    return out;
  }
  return decoder.decode(v.data.subarray(s, e));
}

/** Byte-wise comparison of two UTF-8 ranges: equals code point order. */
export function compareBytes(a: Uint8Array, as: number, ae: number, b: Uint8Array, bs: number, be: number): number {
  const la = ae - as;
  const lb = be - bs;
  const n = la < lb ? la : lb;
  for (let i = 0; i < n; i++) {
    const d = a[as + i]! - b[bs + i]!;
    if (d !== 0) return d;
  }
  return la - lb;
}

/** Maps each row of a string vector through a JS string function (for non-ASCII-safe operations). */
export function mapStrings(v: StrVec, f: (s: string) => string | null): StrVec {
  const b = new StrBuilder(v.length, v.data.length);
  for (let i = 0; i < v.length; i++) {
    if (v.valid && !v.valid[i]) b.pushNull();
    else b.push(f(strAt(v, i)));
  }
  return b.finish();
}

export function constStr(s: string, n: number): StrVec {
  const bytes = encoder.encode(s);
  const data = new Uint8Array(bytes.length * n);
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    data.set(bytes, i * bytes.length);
    offsets[i + 1] = (i + 1) * bytes.length;
  }
  return { kind: 'str', length: n, offsets, data, valid: null };
}
