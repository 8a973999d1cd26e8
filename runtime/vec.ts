// Column vectors inside kernels and their zero-copy (or one-pass) conversion from and to Arrow data.

import * as arrow from 'apache-arrow';
import type { DataType, Schema } from '../common/types.js';
import { assertNever } from '../common/errors.js';
import { copyBytes } from './copy-bytes.js';

/**
 * Numbers of every numeric or TIMESTAMP type live in float64 lanes: INT and DOUBLE exactly, BIGINT and TIMESTAMP
 * (micros) exactly within ±2^53. `valid` is one byte per row (1 = not NULL), or null when no row is NULL.
 */
export type Vec =
  | { readonly kind: 'f64'; readonly length: number; readonly values: Float64Array; readonly valid: Uint8Array | null }
  | { readonly kind: 'bool'; readonly length: number; readonly values: Uint8Array; readonly valid: Uint8Array | null }
  | { readonly kind: 'str'; readonly length: number; readonly offsets: Int32Array; readonly data: Uint8Array; readonly valid: Uint8Array | null };

export const TWO_32 = 4294967296;
const INV_TWO_32 = 1 / TWO_32;

export function arrowType(t: DataType): arrow.DataType {
  switch (t) {
    case 'BIGINT': return new arrow.Int64();
    case 'INT': return new arrow.Int32();
    case 'DOUBLE': return new arrow.Float64();
    case 'STRING': case 'NULL': return new arrow.Utf8();
    case 'BOOLEAN': return new arrow.Bool();
    case 'TIMESTAMP': return new arrow.TimestampMicrosecond('UTC');
    default: return assertNever(t, 'type');
  }
}

export function arrowSchema(schema: Schema): arrow.Schema {
  return new arrow.Schema(schema.map((f) => new arrow.Field(f.name, arrowType(f.type), f.nullable)));
}

function bitmapToBytes(bitmap: Uint8Array | null, offset: number, length: number, nullCount: number): Uint8Array | null {
  if (!bitmap || bitmap.length === 0 || nullCount === 0) return null;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const j = offset + i;
    out[i] = (bitmap[j >> 3]! >> (j & 7)) & 1;
  }
  return out;
}

function bytesToBitmap(valid: Uint8Array | null, length: number): { bitmap: Uint8Array | null; nullCount: number } {
  if (!valid) return { bitmap: null, nullCount: 0 };
  const bitmap = new Uint8Array((length + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < length; i++) {
    if (valid[i]) bitmap[i >> 3]! |= 1 << (i & 7);
    else nulls++;
  }
  return nulls === 0 ? { bitmap: null, nullCount: 0 } : { bitmap, nullCount: nulls };
}

/** Validity bytes of an Arrow column (null when no row is NULL). */
export function validBytes(d: arrow.Data): Uint8Array | null {
  return bitmapToBytes(d.nullBitmap ?? null, d.offset, d.length, d.nullCount);
}

/** Reads 64-bit integers through a 32-bit view: much faster than Number(bigint) per element. */
export function int64ToF64(src: BigInt64Array, length: number): Float64Array {
  const w = new Int32Array(src.buffer, src.byteOffset, length * 2);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = w[2 * i + 1]! * TWO_32 + (w[2 * i]! >>> 0);
  return out;
}

/** Whether the last f64ToInt64 call stored every value exactly (reading its result back gives them all). */
let lastExact = true;

export function f64ToInt64(src: Float64Array, length: number): BigInt64Array {
  const out = new BigInt64Array(length);
  const w = new Int32Array(out.buffer);
  let exact = true;
  for (let i = 0; i < length; i++) {
    // ToInt32 of an integer is its low word; what remains is an exact multiple of 2^32 (NaN stores 0).
    const v = src[i]!;
    const lo = v | 0;
    const hi = (v - (lo >>> 0)) * INV_TWO_32;
    w[2 * i] = lo;
    w[2 * i + 1] = hi;
    // Not an integer, or out of range: what is stored differs from v.
    if (w[2 * i + 1]! * TWO_32 + (lo >>> 0) !== v) exact = false;
  }
  lastExact = exact;
  return out;
}

/**
 * Recent conversions that copy (integers, timestamps, booleans): several operators of one batch read the same column
 * (the watermark and the window of an aggregate read its event time), so each is converted once. The vectors that
 * toArrow() copied into BIGINT and TIMESTAMP data, every value stored exactly, go in too: an operator reading a
 * column that another operator just built reads the vector it was built from instead of converting it back. (A value
 * stored inexactly, a NaN that stores 0, say, reads back as what was stored.) A few entries suffice and keep memory
 * bounded (data kept for long, a result table's, does not keep its vectors); vectors are immutable, so sharing them
 * is safe.
 */
const CACHE_SIZE = 16;
const cachedData: (arrow.Data | undefined)[] = new Array<arrow.Data | undefined>(CACHE_SIZE);
const cachedVec: (Vec | undefined)[] = new Array<Vec | undefined>(CACHE_SIZE);
const cachedType: (DataType | undefined)[] = new Array<DataType | undefined>(CACHE_SIZE);
let cacheNext = 0;

function remember(data: arrow.Data, type: DataType, v: Vec): void {
  cachedData[cacheNext] = data;
  cachedVec[cacheNext] = v;
  cachedType[cacheNext] = type;
  cacheNext = (cacheNext + 1) % CACHE_SIZE;
}

/** Converts one Arrow column to a kernel vector; float64 and strings are zero-copy. */
export function fromArrow(data: arrow.Data, type: DataType): Vec {
  if (type === 'DOUBLE' || type === 'STRING' || type === 'NULL') return convert(data, type);
  for (let i = 0; i < CACHE_SIZE; i++) if (cachedData[i] === data && cachedType[i] === type) return cachedVec[i]!;
  const v = convert(data, type);
  remember(data, type, v);
  return v;
}

function convert(data: arrow.Data, type: DataType): Vec {
  const n = data.length;
  const valid = bitmapToBytes(data.nullBitmap ?? null, data.offset, n, data.nullCount);
  switch (type) {
    case 'DOUBLE':
      return { kind: 'f64', length: n, values: (data.values as Float64Array).subarray(0, n), valid };
    case 'INT': {
      const src = data.values as Int32Array;
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = src[i]!;
      return { kind: 'f64', length: n, values, valid };
    }
    case 'BIGINT':
    case 'TIMESTAMP':
      return { kind: 'f64', length: n, values: int64ToF64(data.values as BigInt64Array, n), valid };
    case 'BOOLEAN': {
      const bits = data.values as Uint8Array;
      const values = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const j = data.offset + i;
        values[i] = (bits[j >> 3]! >> (j & 7)) & 1;
      }
      return { kind: 'bool', length: n, values, valid };
    }
    case 'STRING':
    case 'NULL':
      return { kind: 'str', length: n, offsets: data.valueOffsets as Int32Array, data: data.values as Uint8Array, valid };
    default:
      return assertNever(type, 'type');
  }
}

/** Builds Arrow data of SQL type `type` from a kernel vector. */
export function toArrow(v: Vec, type: DataType): arrow.Data {
  const d = buildArrow(v, type);
  if ((type === 'BIGINT' || type === 'TIMESTAMP') && v.kind === 'f64' && lastExact) remember(d, type, v);
  return d;
}

function buildArrow(v: Vec, type: DataType): arrow.Data {
  const n = v.length;
  const { bitmap, nullCount } = bytesToBitmap(v.valid, n);
  const nullBitmap = bitmap ?? undefined;
  switch (v.kind) {
    case 'f64':
      switch (type) {
        case 'DOUBLE':
          return arrow.makeData({ type: new arrow.Float64(), length: n, data: v.values, nullBitmap, nullCount });
        case 'INT': {
          const out = new Int32Array(n);
          for (let i = 0; i < n; i++) out[i] = v.values[i]! | 0;
          return arrow.makeData({ type: new arrow.Int32(), length: n, data: out, nullBitmap, nullCount });
        }
        case 'BIGINT':
          return arrow.makeData({ type: new arrow.Int64(), length: n, data: f64ToInt64(v.values, n), nullBitmap, nullCount });
        case 'TIMESTAMP':
          return arrow.makeData({ type: new arrow.TimestampMicrosecond('UTC'), length: n, data: f64ToInt64(v.values, n), nullBitmap, nullCount });
        default:
          throw new Error(`cannot store a number vector as ${type}`);
      }
    case 'bool': {
      const bits = new Uint8Array((n + 7) >> 3);
      for (let i = 0; i < n; i++) if (v.values[i]) bits[i >> 3]! |= 1 << (i & 7);
      return arrow.makeData({ type: new arrow.Bool(), length: n, data: bits, nullBitmap, nullCount });
    }
    case 'str':
      return arrow.makeData({ type: new arrow.Utf8(), length: n, valueOffsets: v.offsets, data: v.data, nullBitmap, nullCount });
    default:
      return assertNever(v, 'vector');
  }
}

/** Operators reuse one Schema array per output, so its Arrow form is built once, not once per batch. */
const arrowSchemas = new WeakMap<Schema, arrow.Schema>();

export function makeBatch(schema: Schema, columns: readonly arrow.Data[], length: number): arrow.RecordBatch {
  let s = arrowSchemas.get(schema);
  if (!s) arrowSchemas.set(schema, (s = arrowSchema(schema)));
  const struct = arrow.makeData({ type: new arrow.Struct(s.fields), length, children: columns as arrow.Data[], nullCount: 0 });
  return new arrow.RecordBatch(s, struct);
}

export function batchFromVecs(schema: Schema, vecs: readonly Vec[], length: number): arrow.RecordBatch {
  return makeBatch(schema, vecs.map((v, i) => toArrow(v, schema[i]!.type)), length);
}

export function emptyBatch(schema: Schema): arrow.RecordBatch {
  return batchFromVecs(schema, schema.map((f) => nullVec(f.type, 0)), 0);
}

/** A vector of `n` NULLs of the given type. */
export function nullVec(type: DataType, n: number): Vec {
  const valid = new Uint8Array(n);
  if (type === 'BOOLEAN') return { kind: 'bool', length: n, values: new Uint8Array(n), valid };
  if (type === 'STRING' || type === 'NULL') return { kind: 'str', length: n, offsets: new Int32Array(n + 1), data: new Uint8Array(0), valid };
  return { kind: 'f64', length: n, values: new Float64Array(n), valid };
}

/** Gathers rows `idx[0..count)` of a vector (used after filters and for emitting state). */
export function gather(v: Vec, idx: Int32Array, count: number): Vec {
  let valid: Uint8Array | null = null;
  if (v.valid) {
    valid = new Uint8Array(count);
    for (let i = 0; i < count; i++) valid[i] = v.valid[idx[i]!]!;
  }
  switch (v.kind) {
    case 'f64': {
      const values = new Float64Array(count);
      for (let i = 0; i < count; i++) values[i] = v.values[idx[i]!]!;
      return { kind: 'f64', length: count, values, valid };
    }
    case 'bool': {
      const values = new Uint8Array(count);
      for (let i = 0; i < count; i++) values[i] = v.values[idx[i]!]!;
      return { kind: 'bool', length: count, values, valid };
    }
    case 'str': {
      const offsets = new Int32Array(count + 1);
      let total = 0;
      for (let i = 0; i < count; i++) {
        const r = idx[i]!;
        total += v.offsets[r + 1]! - v.offsets[r]!;
        offsets[i + 1] = total;
      }
      const data = new Uint8Array(total);
      for (let i = 0; i < count; i++) {
        const r = idx[i]!;
        copyBytes(data, offsets[i]!, v.data, v.offsets[r]!, v.offsets[r + 1]!);
      }
      return { kind: 'str', length: count, offsets, data, valid };
    }
    default:
      return assertNever(v, 'vector');
  }
}

/** Column `i` of a batch as a kernel vector. */
export function column(batch: arrow.RecordBatch, i: number, type: DataType): Vec {
  return fromArrow(batch.data.children[i]!, type);
}

/** Concatenates vectors of one type into one of length n. */
export function concatVecs(parts: readonly Vec[], n: number): Vec {
  if (parts.length === 1) return parts[0]!;
  const first = parts[0]!;
  const valid = parts.some((p) => p.valid) ? new Uint8Array(n) : null;
  let o = 0;
  for (const p of parts) {
    if (valid) for (let i = 0; i < p.length; i++) valid[o + i] = p.valid ? p.valid[i]! : 1;
    o += p.length;
  }
  if (first.kind === 'str') {
    const strs = parts as Extract<Vec, { kind: 'str' }>[];
    const total = strs.reduce((s, p) => s + (p.offsets[p.length]! - p.offsets[0]!), 0);
    const data = new Uint8Array(total);
    const offsets = new Int32Array(n + 1);
    let row = 0;
    let pos = 0;
    for (const p of strs) {
      for (let i = 0; i < p.length; i++) {
        const s = p.offsets[i]!;
        const e = p.offsets[i + 1]!;
        pos = copyBytes(data, pos, p.data, s, e);
        offsets[++row] = pos;
      }
    }
    return { kind: 'str', length: n, offsets, data, valid };
  }
  if (first.kind === 'bool') {
    const values = new Uint8Array(n);
    let off = 0;
    for (const p of parts) { values.set((p as typeof first).values, off); off += p.length; }
    return { kind: 'bool', length: n, values, valid };
  }
  const values = new Float64Array(n);
  let off = 0;
  for (const p of parts) { values.set((p as typeof first).values.subarray(0, p.length), off); off += p.length; }
  return { kind: 'f64', length: n, values, valid };
}

/** Like gather, but index -1 produces NULL (the padded side of an outer join). */
export function gatherOrNull(v: Vec, idx: Int32Array, count: number): Vec {
  let hasMissing = false;
  for (let i = 0; i < count; i++) if (idx[i]! < 0) { hasMissing = true; break; }
  if (!hasMissing) return gather(v, idx, count);
  const safe = new Int32Array(count);
  for (let i = 0; i < count; i++) safe[i] = idx[i]! < 0 ? 0 : idx[i]!;
  const g = v.length === 0 ? nullVec(v.kind === 'str' ? 'STRING' : v.kind === 'bool' ? 'BOOLEAN' : 'DOUBLE', count) : gather(v, safe, count);
  const valid = g.valid ? g.valid.slice() : new Uint8Array(count).fill(1);
  for (let i = 0; i < count; i++) if (idx[i]! < 0) valid[i] = 0;
  return { ...g, valid } as Vec;
}

/** The first `m` rows of a vector (views, no copy). */
export function slicePrefix(v: Vec, m: number): Vec {
  const valid = v.valid ? v.valid.subarray(0, m) : null;
  switch (v.kind) {
    case 'f64': return { kind: 'f64', length: m, values: v.values.subarray(0, m), valid };
    case 'bool': return { kind: 'bool', length: m, values: v.values.subarray(0, m), valid };
    case 'str': return { kind: 'str', length: m, offsets: v.offsets.subarray(0, m + 1), data: v.data, valid };
    default: return assertNever(v, 'vector');
  }
}
