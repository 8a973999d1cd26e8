// Checkpoint rows of a stream–stream join: per side the rows added, the rows newly matched, and how far rows were evicted.

import * as arrow from 'apache-arrow';
import { TidemarkError } from '../../common/errors.js';
import type { DataType, Schema } from '../../common/types.js';
import { arrowType, column, makeBatch, toArrow, type Vec } from '../vec.js';
import type { JoinSide } from './join-side.js';

type F64 = Extract<Vec, { kind: 'f64' }>;

/**
 * A state row holds one entry of each side (`_lop` / `_rop`: 0 adds the row with that id, its columns and matched
 * flag; 2 marks it matched; -1 no entry), adds first, so that a side's added rows are a prefix of the batch. Row 0's
 * `_llimit` / `_rlimit` (NaN: none) is the event time up to which that side's rows were evicted: eviction takes every
 * row at or below it, so a replay evicts the same rows without a row per deleted entry.
 */
export const SIDE_FIELDS = 4;

export function joinStateFields(left: Schema, right: Schema): Schema {
  const f = (name: string, type: DataType): Schema[number] => ({ name, type, nullable: true });
  const side = (p: string): Schema => [f(`_${p}op`, 'DOUBLE'), f(`_${p}id`, 'DOUBLE'), f(`_${p}matched`, 'DOUBLE'), f(`_${p}limit`, 'DOUBLE')];
  return [...side('l'), ...side('r'), ...left.map((c, i) => f(`_l${i}`, c.type)), ...right.map((c, i) => f(`_r${i}`, c.type))];
}

/** What one side changed since the last delta (a snapshot: every live row added, no limit). */
export interface SideChanges {
  readonly adds: Int32Array;
  readonly flags: Int32Array;
  /** -Infinity: nothing evicted. */
  readonly limit: number;
}

/**
 * Arrays shared by the batches that repeat one value down a column (a side with no entry in a state batch, most of
 * them: the control columns of the other side's rows; columns of NULLs). Batches are written and read, never changed
 * (runtime/ipc.ts copies a view two columns share before Arrow's IPC writer sees it). One buffer per value, of a
 * fixed size: longer columns get buffers of their own, so the pool stays small.
 */
const POOL_BYTES = 8 * (1 << 16) + 8192;
const pool = new Map<number | 'null', ArrayBuffer>();
function sharedBuffer(key: number | 'null', bytes: number): ArrayBuffer {
  const fill = (b: ArrayBuffer): ArrayBuffer => {
    if (key !== 'null') new Float64Array(b).fill(key);
    return b;
  };
  if (bytes > POOL_BYTES) return fill(new ArrayBuffer(bytes));
  let b = pool.get(key);
  if (!b) pool.set(key, (b = fill(new ArrayBuffer(POOL_BYTES))));
  return b;
}

/** `n` copies of `value` (see sharedBuffer). */
function constant(value: number, n: number): Float64Array {
  return new Float64Array(sharedBuffer(value, 8 * n), 0, n);
}

/** Arrow columns of `n` NULLs, over a shared zeroed buffer (see sharedBuffer). */
export function nullData(type: DataType, n: number): arrow.Data {
  // The validity bitmap and the values lie apart (two views of one column at one offset would be copied to write).
  const at = (((n + 7) >> 3) + 7) & ~7;
  const z = sharedBuffer('null', at + 8 * (n + 1));
  const nullBitmap = new Uint8Array(z, 0, (n + 7) >> 3);
  const t = arrowType(type);
  switch (type) {
    case 'STRING': case 'NULL':
      return arrow.makeData({ type: t as arrow.Utf8, length: n, nullCount: n, nullBitmap, valueOffsets: new Int32Array(z, at, n + 1), data: new Uint8Array(0) });
    case 'BOOLEAN':
      return arrow.makeData({ type: t as arrow.Bool, length: n, nullCount: n, nullBitmap, data: new Uint8Array(z, at, (n + 7) >> 3) });
    case 'INT':
      return arrow.makeData({ type: t as arrow.Int32, length: n, nullCount: n, nullBitmap, data: new Int32Array(z, at, n) });
    case 'DOUBLE':
      return arrow.makeData({ type: t as arrow.Float64, length: n, nullCount: n, nullBitmap, data: new Float64Array(z, at, n) });
    default:
      return arrow.makeData({ type: t as arrow.Int64, length: n, nullCount: n, nullBitmap, data: new BigInt64Array(z, at, n) });
  }
}

/**
 * One side's columns for `n` state rows: its added rows first, then NULLs. Added rows that are one block of a chunk
 * that still has its input's Arrow columns (a whole input batch: the common case) are sliced from them, not copied.
 */
function sideColumns(s: JoinSide, c: SideChanges, n: number): arrow.Data[] {
  const na = c.adds.length;
  if (na === 0) return s.schema.map((f) => nullData(f.type, n));
  const runs = s.runs(c.adds, na);
  const src = runs.count === 1 && na === n ? s.chunks[runs.chunk[0]!]!.src : null;
  if (src) return src.map((d) => d.slice(runs.row[0]!, na));
  const ids = new Int32Array(n).fill(-1);
  ids.set(c.adds);
  const all = s.runs(ids, n);
  return s.schema.map((f, i) => toArrow(s.gatherColumn(i, all), f.type));
}

export function encodeJoinState(fields: Schema, sides: readonly [JoinSide, JoinSide], changes: readonly [SideChanges, SideChanges]): arrow.RecordBatch {
  const limits = changes.some((c) => c.limit > -Infinity) ? 1 : 0;
  const n = Math.max(limits, ...changes.map((c) => c.adds.length + c.flags.length));
  const control: arrow.Data[] = [];
  for (const side of [0, 1] as const) {
    const s = sides[side];
    const { adds, flags, limit } = changes[side];
    const na = adds.length;
    const entries = na + flags.length;
    // -1: no entry. Rows that are all adds have op 0; columns of one value are shared (constant()).
    let op: Float64Array;
    let id: Float64Array;
    if (entries === 0) {
      op = constant(-1, n);
      id = constant(-1, n);
    } else {
      op = flags.length === 0 && na === n ? constant(0, n) : new Float64Array(n).fill(-1, entries);
      id = new Float64Array(n);
      if (entries < n) id.fill(-1, entries);
      for (let i = 0; i < na; i++) id[i] = adds[i]!;
      for (let i = 0; i < flags.length; i++) {
        op[na + i] = 2;
        id[na + i] = flags[i]!;
      }
    }
    let anyMatched = 0;
    for (let i = 0; i < na; i++) anyMatched |= s.matched[adds[i]!]!;
    let matched = constant(0, n);
    if (anyMatched) {
      matched = new Float64Array(n);
      for (let i = 0; i < na; i++) matched[i] = s.matched[adds[i]!]!;
    }
    let lim = constant(NaN, n);
    if (n > 0 && limit > -Infinity) {
      lim = new Float64Array(n).fill(NaN, 1);
      lim[0] = limit;
    }
    const f = (values: Float64Array): arrow.Data => arrow.makeData({ type: new arrow.Float64(), length: n, data: values });
    control.push(f(op), f(id), f(matched), f(lim));
  }
  return makeBatch(fields, [...control, ...sideColumns(sides[0], changes[0], n), ...sideColumns(sides[1], changes[1], n)], n);
}

/** One side's entries of a state batch. */
export interface SideEntries {
  /** State rows that add a row, with its id and matched flag. */
  readonly addRows: Int32Array;
  readonly ids: Float64Array;
  readonly matched: Float64Array;
  /** Ids marked matched. */
  readonly flagged: readonly number[];
  readonly limit: number | undefined;
  /** This side's columns over all rows of the state batch, as Arrow data and as vectors. */
  readonly data: readonly arrow.Data[];
  readonly cols: readonly Vec[];
}

export function decodeJoinState(fields: Schema, nLeft: number, batch: arrow.RecordBatch): [SideEntries, SideEntries] {
  const names = batch.schema.fields.map((f) => f.name);
  if (names.length !== fields.length || fields.some((f, i) => f.name !== names[i])) {
    // Before eviction limits (2026-11-26) a join's state rows had other columns.
    throw new TidemarkError('CHECKPOINT_ERROR', `The checkpointed state of a stream–stream join has columns ${names.join(', ')}, not the ${fields.length} this version writes: it was written by an older Tidemark. Delete the query's checkpoint to start over.`);
  }
  const n = batch.numRows;
  const num = (c: number): Float64Array => (column(batch, c, 'DOUBLE') as F64).values;
  const out: SideEntries[] = [];
  for (const side of [0, 1] as const) {
    const base = side * SIDE_FIELDS;
    const op = num(base);
    const ids = num(base + 1);
    const lim = num(base + 3);
    const add: number[] = [];
    const flagged: number[] = [];
    for (let r = 0; r < n; r++) {
      if (op[r] === 0) add.push(r);
      else if (op[r] === 2) flagged.push(ids[r]!);
    }
    const first = 2 * SIDE_FIELDS + (side === 0 ? 0 : nLeft);
    const width = side === 0 ? nLeft : fields.length - 2 * SIDE_FIELDS - nLeft;
    const data: arrow.Data[] = [];
    const cols: Vec[] = [];
    for (let i = first; i < first + width; i++) {
      data.push(batch.data.children[i]!);
      cols.push(column(batch, i, fields[i]!.type));
    }
    out.push({ addRows: Int32Array.from(add), ids, matched: num(base + 2), flagged, limit: n > 0 && lim[0] === lim[0] ? lim[0] : undefined, data, cols });
  }
  return out as [SideEntries, SideEntries];
}
