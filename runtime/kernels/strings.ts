// String kernels over UTF-8 bytes: comparison, LIKE, and the string functions (ASCII fast paths).

import type { CmpOp } from '../../planner/bound-expr.js';
import { andValid, type BoolVec, type F64Vec } from './kernel.js';
import { compareBytes, encoder, mapStrings, StrBuilder, strAt, type StrVec } from './utf8.js';

function test(op: CmpOp, c: number): number {
  switch (op) {
    case '=': return c === 0 ? 1 : 0;
    case '<>': return c !== 0 ? 1 : 0;
    case '<': return c < 0 ? 1 : 0;
    case '<=': return c <= 0 ? 1 : 0;
    case '>': return c > 0 ? 1 : 0;
    case '>=': return c >= 0 ? 1 : 0;
    default: {
      const never: never = op;
      throw new Error(`op ${String(never)}`);
    }
  }
}

export function compareStr(op: CmpOp, a: StrVec, b: StrVec, n: number): BoolVec {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = test(op, compareBytes(a.data, a.offsets[i]!, a.offsets[i + 1]!, b.data, b.offsets[i]!, b.offsets[i + 1]!));
  }
  return { kind: 'bool', length: n, values: out, valid: andValid(a.valid, b.valid, n) };
}

export function compareStrConst(op: CmpOp, a: StrVec, c: string, n: number): BoolVec {
  const lit = encoder.encode(c);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = test(op, compareBytes(a.data, a.offsets[i]!, a.offsets[i + 1]!, lit, 0, lit.length));
  return { kind: 'bool', length: n, values: out, valid: a.valid };
}

/** Length in bytes of the UTF-8 sequence starting with byte `b`. */
const seqLen = (b: number): number => (b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4);

type Token = { readonly any: true } | { readonly any: false; readonly bytes: Uint8Array };
/** A LIKE pattern as segments between `%`; each segment is a list of literal runs and `_` wildcards. */
export interface LikeMatcher {
  readonly segments: readonly (readonly Token[])[];
  readonly anchoredStart: boolean;
  readonly anchoredEnd: boolean;
}

export function compileLike(pattern: string): LikeMatcher {
  const segments: Token[][] = [[]];
  let lit = '';
  const flush = (): void => {
    if (lit) segments[segments.length - 1]!.push({ any: false, bytes: encoder.encode(lit) });
    lit = '';
  };
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) {
      lit += pattern[++i]!;
    } else if (ch === '%') {
      flush();
      segments.push([]);
    } else if (ch === '_') {
      flush();
      segments[segments.length - 1]!.push({ any: true });
    } else {
      lit += ch;
    }
  }
  flush();
  return { segments, anchoredStart: true, anchoredEnd: true };
}

/** Matches one segment at byte position p; returns the end position or -1. */
function matchAt(seg: readonly Token[], d: Uint8Array, p: number, end: number): number {
  for (const t of seg) {
    if (t.any) {
      if (p >= end) return -1;
      p += seqLen(d[p]!);
    } else {
      const b = t.bytes;
      if (p + b.length > end) return -1;
      for (let k = 0; k < b.length; k++) if (d[p + k] !== b[k]) return -1;
      p += b.length;
    }
  }
  return p;
}

function segLenMin(seg: readonly Token[]): number {
  let n = 0;
  for (const t of seg) n += t.any ? 1 : t.bytes.length;
  return n;
}

export function likeMatch(m: LikeMatcher, d: Uint8Array, start: number, end: number): boolean {
  const segs = m.segments;
  if (segs.length === 1) return matchAt(segs[0]!, d, start, end) === end;
  let p = matchAt(segs[0]!, d, start, end);
  if (p < 0) return false;
  const last = segs[segs.length - 1]!;
  // The last segment must match at the very end; find where it can start (char boundaries at or after p).
  for (let s = 1; s < segs.length - 1; s++) {
    const seg = segs[s]!;
    let found = -1;
    for (let q = p; q + segLenMin(seg) <= end; q += seqLen(d[q]!)) {
      const r = matchAt(seg, d, q, end);
      if (r >= 0) {
        found = r;
        break;
      }
    }
    if (found < 0) return false;
    p = found;
  }
  const hasAny = last.some((t) => t.any);
  if (!hasAny) {
    const lastLen = segLenMin(last);
    return end - lastLen >= p && matchAt(last, d, end - lastLen, end) === end;
  }
  for (let q = p; q <= end; q = q < end ? q + seqLen(d[q]!) : q + 1) {
    if (matchAt(last, d, q, end) === end) return true;
  }
  return false;
}

export function like(a: StrVec, pattern: StrVec | string, negated: boolean, n: number): BoolVec {
  const out = new Uint8Array(n);
  const fixed = typeof pattern === 'string' ? compileLike(pattern) : undefined;
  for (let i = 0; i < n; i++) {
    const m = fixed ?? compileLike(strAt(pattern as StrVec, i));
    const r = likeMatch(m, a.data, a.offsets[i]!, a.offsets[i + 1]!);
    out[i] = r !== negated ? 1 : 0;
  }
  return { kind: 'bool', length: n, values: out, valid: typeof pattern === 'string' ? a.valid : andValid(a.valid, pattern.valid, n) };
}

function isAscii(d: Uint8Array): boolean {
  for (let i = 0; i < d.length; i++) if (d[i]! >= 0x80) return false;
  return true;
}

export function changeCase(a: StrVec, upper: boolean): StrVec {
  if (!isAscii(a.data)) return mapStrings(a, (s) => (upper ? s.toUpperCase() : s.toLowerCase()));
  const data = new Uint8Array(a.data.length);
  const [lo, hi, delta] = upper ? [0x61, 0x7a, -32] : [0x41, 0x5a, 32];
  for (let i = 0; i < data.length; i++) {
    const b = a.data[i]!;
    data[i] = b >= lo && b <= hi ? b + delta : b;
  }
  return { kind: 'str', length: a.length, offsets: a.offsets, data, valid: a.valid };
}

/** Number of characters (code points): bytes that are not UTF-8 continuation bytes. */
export function length(a: StrVec, n: number): F64Vec {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let c = 0;
    for (let j = a.offsets[i]!; j < a.offsets[i + 1]!; j++) if ((a.data[j]! & 0xc0) !== 0x80) c++;
    out[i] = c;
  }
  return { kind: 'f64', length: n, values: out, valid: a.valid };
}

/** Spark's substring: 1-based; position 0 acts as 1; negative positions count from the end. */
export function substring(a: StrVec, pos: F64Vec, len: F64Vec | undefined, n: number): StrVec {
  const b = new StrBuilder(n, a.data.length);
  for (let i = 0; i < n; i++) {
    if ((a.valid && !a.valid[i]) || (pos.valid && !pos.valid[i]) || (len?.valid && !len.valid[i])) {
      b.pushNull();
      continue;
    }
    const chars = Array.from(strAt(a, i));
    const p = pos.values[i]!;
    let start = p > 0 ? p - 1 : p < 0 ? chars.length + p : 0;
    let stop = len ? start + Math.max(0, len.values[i]!) : chars.length;
    if (start < 0) start = 0;
    if (stop > chars.length) stop = chars.length;
    b.push(stop > start ? chars.slice(start, stop).join('') : '');
  }
  return b.finish();
}

export function concat(args: readonly StrVec[], n: number): StrVec {
  const b = new StrBuilder(n, args.reduce((s, a) => s + a.data.length, 0));
  for (let i = 0; i < n; i++) {
    if (args.some((a) => a.valid && !a.valid[i])) {
      b.pushNull();
      continue;
    }
    for (const a of args) b.appendBytes(a.data, a.offsets[i]!, a.offsets[i + 1]!);
    b.endRow();
  }
  return b.finish();
}

export function trim(a: StrVec, left: boolean, right: boolean, n: number): StrVec {
  const b = new StrBuilder(n, a.data.length);
  for (let i = 0; i < n; i++) {
    if (a.valid && !a.valid[i]) {
      b.pushNull();
      continue;
    }
    let s = a.offsets[i]!;
    let e = a.offsets[i + 1]!;
    if (left) while (s < e && a.data[s] === 0x20) s++;
    if (right) while (e > s && a.data[e - 1] === 0x20) e--;
    b.appendBytes(a.data, s, e);
    b.endRow();
  }
  return b.finish();
}
