// Stream–stream equi-join bounded by an event-time range: both sides buffered until no future row can match.

import type * as arrow from 'apache-arrow';
import type { DataType, Schema } from '../../common/types.js';
import type { BoundExpr, PhysicalNode } from '../../planner/index.js';
import type { TimeBounds } from '../../planner/join-bounds.js';
import { compileExpr, evalInput } from '../kernels/compile-expr.js';
import type { Kernel } from '../kernels/kernel.js';
import { StrBuilder } from '../kernels/utf8.js';
import { batchFromVecs, column, gather, nullVec, type Vec } from '../vec.js';
import { lateRowsSchema } from './late-rows.js';
import { GroupTable } from './group-table.js';
import { splitCondition } from './hash-join.js';
import type { BatchContext, OperatorMetrics, StatefulOperator } from './operator.js';
import { StringDictionary } from './string-dictionary.js';
import { keyLanes } from './key-lanes.js';

type JoinNode = Extract<PhysicalNode, { kind: 'join' }>;

/** One side's buffered rows: columns in chunks (an input batch, or restored state), addressed by row id. */
class Side {
  chunks: Vec[][] = [];
  /** Per row id: chunk, row in chunk, event time, key id (-1: NULL key), alive, matched. */
  chunk: number[] = [];
  row: number[] = [];
  time: number[] = [];
  key: number[] = [];
  alive: number[] = [];
  matched: number[] = [];
  /** Live row ids per key id (dead ids are skipped and pruned lazily). */
  byKey: number[][] = [];
  live = 0;
  added: number[] = [];
  deleted: number[] = [];
  flagged = new Set<number>();

  constructor(readonly schema: Schema, readonly timeIndex: number) {}

  add(chunk: number, row: number, time: number, key: number, matched: number): number {
    const id = this.chunk.length;
    this.chunk.push(chunk);
    this.row.push(row);
    this.time.push(time);
    this.key.push(key);
    this.alive.push(1);
    this.matched.push(matched);
    if (key >= 0) (this.byKey[key] ??= []).push(id);
    this.live++;
    return id;
  }

  kill(id: number): void {
    this.alive[id] = 0;
    this.live--;
  }
}

export class IntervalJoinOperator implements StatefulOperator {
  readonly schema: Schema;
  readonly stateId: string;
  readonly metrics: OperatorMetrics = { numRowsTotal: 0, numRowsUpdated: 0, numRowsRemoved: 0, numRowsDroppedByWatermark: 0, memoryUsedBytes: 0 };
  private readonly sides: [Side, Side];
  private readonly keyKernels: [Kernel[], Kernel[]];
  private readonly keyTypes: DataType[];
  private readonly residual: Kernel | undefined;
  private readonly nLeft: number;
  private keys: GroupTable;
  private dicts: (StringDictionary | undefined)[];
  /** Per side: judge lateness by the previous batch's watermark (a stateful operator feeds it; see pipeline.ts). */
  private readonly lateByPrevious: readonly [boolean, boolean];
  private readonly lateRows: boolean;
  private late: arrow.RecordBatch[] = [];

  /**
   * `lateRows` keeps dropped rows for the query's late-row table: joined rows with the other side's columns NULL,
   * then `_event_time`.
   */
  constructor(private readonly node: JoinNode, private readonly bounds: TimeBounds | undefined, id: number,
    opts: { readonly lateByPrevious?: readonly [boolean, boolean]; readonly lateRows?: boolean } = {}) {
    this.lateByPrevious = opts.lateByPrevious ?? [false, false];
    this.lateRows = opts.lateRows === true;
    this.schema = node.schema;
    this.stateId = `join-${id}`;
    this.nLeft = node.left.schema.length;
    const split = splitCondition(node.condition, this.nLeft);
    this.keyKernels = [split.left.map(compileExpr), split.right.map(compileExpr)];
    this.keyTypes = split.left.map((e) => e.type);
    this.residual = split.residual.length
      ? compileExpr(split.residual.reduce((a, b): BoundExpr => ({ kind: 'and', left: a, right: b, type: 'BOOLEAN' })))
      : undefined;
    this.sides = [
      new Side(node.left.schema, bounds ? bounds.leftTime : -1),
      new Side(node.right.schema, bounds ? bounds.rightTime - this.nLeft : -1),
    ];
    this.keys = new GroupTable(this.keyTypes.length);
    this.dicts = this.keyTypes.map((t) => (t === 'STRING' ? new StringDictionary() : undefined));
  }

  /** Key ids of rows (-1 for a NULL key, which matches nothing). */
  private keyIds(vecs: readonly Vec[], n: number): Int32Array {
    const { lanes, masks } = keyLanes(vecs, n, this.dicts);
    const ids = new Int32Array(n);
    this.keys.findOrInsertMany(lanes, null, n, ids);
    for (let r = 0; r < n; r++) ids[r] = masks && masks[r] ? -1 : ids[r]! < 0 ? ~ids[r]! : ids[r]!;
    return ids;
  }

  process(batch: arrow.RecordBatch, ctx: BatchContext, port = 0): arrow.RecordBatch[] {
    const n = batch.numRows;
    if (n === 0) return [];
    const me = this.sides[port]!;
    const other = this.sides[1 - port]!;
    const cols = me.schema.map((f, i) => column(batch, i, f.type));
    const inp = evalInput(n, (i) => cols[i]!);
    const keyIds = this.keyIds(this.keyKernels[port]!.map((k) => k(inp)), n);
    const times = me.timeIndex >= 0 ? (cols[me.timeIndex] as Extract<Vec, { kind: 'f64' }>) : undefined;
    const base = this.lateByPrevious[port] ? ctx.previousWatermark : ctx.watermark;
    const wm = base === undefined ? undefined : base - this.node.lags[port]!;
    const chunk = me.chunks.push(cols) - 1;
    const lateIds: number[] = [];
    // Candidate pairs (new row id on this side, stored row id on the other side).
    const mine: number[] = [];
    const theirs: number[] = [];
    for (let r = 0; r < n; r++) {
      const t = times ? (times.valid && !times.valid[r] ? NaN : times.values[r]!) : 0;
      if (times && (t !== t || (wm !== undefined && t <= wm))) {
        // Late (or without an event time): it can never be matched or emitted correctly, so it is dropped.
        this.metrics.numRowsDroppedByWatermark++;
        if (this.lateRows && t === t) lateIds.push(r);
        continue;
      }
      const id = me.add(chunk, r, t, keyIds[r]!, 0);
      me.added.push(id);
      const k = keyIds[r]!;
      if (k < 0) continue;
      const list = other.byKey[k];
      if (!list) continue;
      let w = 0;
      for (const o of list) {
        if (!other.alive[o]) continue;
        list[w++] = o;
        mine.push(id);
        theirs.push(o);
      }
      list.length = w;
    }
    if (lateIds.length) this.keepLate(cols, lateIds, times!, port);
    if (mine.length === 0) return [];
    const [lIds, rIds] = port === 0 ? [mine, theirs] : [theirs, mine];
    const joined = this.columns(lIds, rIds);
    let keep: Uint8Array | undefined;
    if (this.residual) {
      const v = this.residual(evalInput(lIds.length, (i) => joined[i]!));
      keep = new Uint8Array(lIds.length);
      if (v.kind === 'bool') for (let i = 0; i < lIds.length; i++) keep[i] = v.values[i]! & (v.valid ? v.valid[i]! : 1);
    }
    const outL: number[] = [];
    const outR: number[] = [];
    for (let i = 0; i < lIds.length; i++) {
      if (keep && !keep[i]) continue;
      outL.push(lIds[i]!);
      outR.push(rIds[i]!);
      this.flag(0, lIds[i]!);
      this.flag(1, rIds[i]!);
    }
    return outL.length ? [batchFromVecs(this.schema, this.columns(outL, outR), outL.length)] : [];
  }

  /** Late rows of one side as joined rows (the other side NULL) plus their event time. */
  private keepLate(cols: readonly Vec[], rows: readonly number[], times: Extract<Vec, { kind: 'f64' }>, port: number): void {
    const idx = Int32Array.from(rows);
    const n = idx.length;
    const mine = cols.map((c) => gather(c, idx, n));
    const other = this.sides[1 - port]!.schema.map((f) => nullVec(f.type, n));
    const vecs = port === 0 ? [...mine, ...other] : [...other, ...mine];
    vecs.push({ kind: 'f64', length: n, values: Float64Array.from(rows, (r) => times.values[r]!), valid: null });
    this.late.push(batchFromVecs(lateRowsSchema(this.schema, 'event'), vecs, n));
  }

  takeLate(): arrow.RecordBatch[] {
    const out = this.late;
    this.late = [];
    return out;
  }

  private flag(side: 0 | 1, id: number): void {
    const s = this.sides[side];
    if (s.matched[id]) return;
    s.matched[id] = 1;
    s.flagged.add(id);
  }

  /** Joined columns for pairs (left row id or -1 for NULLs, right row id or -1). */
  private columns(lIds: readonly number[], rIds: readonly number[]): Vec[] {
    return [...this.sideColumns(this.sides[0], lIds), ...this.sideColumns(this.sides[1], rIds)];
  }

  private sideColumns(s: Side, ids: readonly number[]): Vec[] {
    const n = ids.length;
    return s.schema.map((f, c) => {
      if (f.type === 'STRING' || f.type === 'NULL') {
        // UTF-8 bytes are copied as they are, never decoded.
        const b = new StrBuilder(n);
        for (let i = 0; i < n; i++) {
          const id = ids[i]!;
          const v = id < 0 ? undefined : (s.chunks[s.chunk[id]!]![c] as Extract<Vec, { kind: 'str' }>);
          const r = id < 0 ? 0 : s.row[id]!;
          if (!v || (v.valid && !v.valid[r])) b.pushNull();
          else {
            b.appendBytes(v.data, v.offsets[r]!, v.offsets[r + 1]!);
            b.endRow();
          }
        }
        return b.finish();
      }
      const valid = new Uint8Array(n);
      let nulls = false;
      const values = f.type === 'BOOLEAN' ? new Uint8Array(n) : new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const id = ids[i]!;
        const v = id < 0 ? undefined : (s.chunks[s.chunk[id]!]![c] as Extract<Vec, { kind: 'f64' | 'bool' }>);
        const r = id < 0 ? 0 : s.row[id]!;
        if (!v || (v.valid && !v.valid[r])) { nulls = true; continue; }
        values[i] = v.values[r]!;
        valid[i] = 1;
      }
      return f.type === 'BOOLEAN'
        ? { kind: 'bool', length: n, values: values as Uint8Array, valid: nulls ? valid : null }
        : { kind: 'f64', length: n, values: values as Float64Array, valid: nulls ? valid : null };
    });
  }

  /**
   * Rows no future row of the other side can match go (spec §6): future rows have times above the watermark (less
   * their side's lag), so a left row at tl is done once tl - lower <= watermark - lagR and a right row at tr once
   * tr + upper <= watermark - lagL. Outer joins emit the gone rows that never matched, padded with NULLs.
   */
  finish(ctx: BatchContext): arrow.RecordBatch[] {
    const out: arrow.RecordBatch[] = [];
    const wm = ctx.watermark;
    const b = this.bounds;
    if (wm !== undefined && b) {
      const jt = this.node.joinType;
      const limits = [wm - this.node.lags[1] + b.lower, wm - this.node.lags[0] - b.upper];
      ([0, 1] as const).forEach((side) => {
        const s = this.sides[side];
        const limit = limits[side]!;
        const padded: number[] = [];
        for (let id = 0; id < s.chunk.length; id++) {
          if (!s.alive[id] || !(s.time[id]! <= limit)) continue;
          if (!s.matched[id] && (jt === 'full' || jt === (side === 0 ? 'left' : 'right'))) padded.push(id);
          s.kill(id);
          s.deleted.push(id);
          this.metrics.numRowsRemoved++;
        }
        if (padded.length) {
          const none = padded.map(() => -1);
          const cols = side === 0 ? this.columns(padded, none) : this.columns(none, padded);
          out.push(batchFromVecs(this.schema, cols, padded.length));
        }
      });
    }
    this.metrics.numRowsTotal = this.sides[0].live + this.sides[1].live;
    // Approximate: six 8-byte slots per buffered row id, plus 8 bytes per column of each live row.
    this.metrics.memoryUsedBytes = this.sides.reduce((t, x) => t + x.chunk.length * 48 + x.live * 8 * x.schema.length, 0);
    return out;
  }

  // ---- checkpoints: rows of both sides; `_op` 0 adds a row (with its columns), 1 deletes it, 2 marks it matched

  private stateSchema(): Schema {
    const f = (name: string, type: DataType): Schema[number] => ({ name, type, nullable: true });
    return [f('_side', 'DOUBLE'), f('_id', 'DOUBLE'), f('_op', 'DOUBLE'), f('_matched', 'DOUBLE'), f('_time', 'DOUBLE'), f('_key', 'DOUBLE'),
      ...this.sides[0].schema.map((c, i) => f(`_l${i}`, c.type)), ...this.sides[1].schema.map((c, i) => f(`_r${i}`, c.type))];
  }

  private stateRows(entries: readonly { side: 0 | 1; id: number; op: number }[]): arrow.RecordBatch {
    const n = entries.length;
    const num = (fn: (e: { side: 0 | 1; id: number; op: number }) => number): Vec => {
      const v = new Float64Array(n);
      entries.forEach((e, i) => { v[i] = fn(e); });
      return { kind: 'f64', length: n, values: v, valid: null };
    };
    const ids = (side: 0 | 1): number[] => entries.map((e) => (e.side === side && e.op === 0 ? e.id : -1));
    const left = this.sideColumns(this.sides[0], ids(0));
    const right = this.sideColumns(this.sides[1], ids(1));
    return batchFromVecs(this.stateSchema(), [
      num((e) => e.side), num((e) => e.id), num((e) => e.op), num((e) => this.sides[e.side].matched[e.id]!),
      num((e) => this.sides[e.side].time[e.id]!), num(() => 0), ...left, ...right,
    ], n);
  }

  takeDelta(): arrow.RecordBatch {
    const entries: { side: 0 | 1; id: number; op: number }[] = [];
    ([0, 1] as const).forEach((side) => {
      const s = this.sides[side];
      const added = new Set(s.added);
      for (const id of s.added) if (s.alive[id]) entries.push({ side, id, op: 0 });
      for (const id of s.flagged) if (!added.has(id) && s.alive[id]) entries.push({ side, id, op: 2 });
      for (const id of s.deleted) if (!added.has(id)) entries.push({ side, id, op: 1 });
      s.added = [];
      s.flagged.clear();
      s.deleted = [];
    });
    this.compact();
    return this.stateRows(entries);
  }

  snapshot(): arrow.RecordBatch {
    const entries: { side: 0 | 1; id: number; op: number }[] = [];
    ([0, 1] as const).forEach((side) => {
      const s = this.sides[side];
      for (let id = 0; id < s.chunk.length; id++) if (s.alive[id]) entries.push({ side, id, op: 0 });
    });
    return this.stateRows(entries);
  }

  /** Drops chunks no live row uses, so buffered input goes once its rows are evicted. */
  private compact(): void {
    for (const s of this.sides) {
      const used = new Uint8Array(s.chunks.length);
      for (let id = 0; id < s.chunk.length; id++) if (s.alive[id]) used[s.chunk[id]!] = 1;
      s.chunks.forEach((_, c) => { if (!used[c]) s.chunks[c] = []; });
    }
  }

  restore(snapshot: arrow.RecordBatch | undefined): void {
    this.sides[0] = new Side(this.sides[0].schema, this.sides[0].timeIndex);
    this.sides[1] = new Side(this.sides[1].schema, this.sides[1].timeIndex);
    this.keys = new GroupTable(this.keyTypes.length);
    this.dicts = this.keyTypes.map((t) => (t === 'STRING' ? new StringDictionary() : undefined));
    if (snapshot) this.applyDelta(snapshot);
  }

  applyDelta(delta: arrow.RecordBatch): void {
    const n = delta.numRows;
    if (n === 0) return;
    const schema = this.stateSchema();
    const cols = schema.map((f, i) => column(delta, i, f.type));
    const num = (c: number): Float64Array => (cols[c] as Extract<Vec, { kind: 'f64' }>).values;
    const [side, id, op, matched, time] = [num(0), num(1), num(2), num(3), num(4)];
    const leftCols = cols.slice(6, 6 + this.nLeft);
    const rightCols = cols.slice(6 + this.nLeft);
    const chunkCols = [leftCols, rightCols];
    const keyOf = [0, 1].map((s) => this.keyIds(this.keyKernels[s]!.map((k) => k(evalInput(n, (i) => chunkCols[s]![i] ?? nullVec('NULL', n)))), n));
    const chunkIds = [this.sides[0].chunks.push(leftCols) - 1, this.sides[1].chunks.push(rightCols) - 1];
    for (let r = 0; r < n; r++) {
      const s = this.sides[side[r]!]!;
      const rid = id[r]!;
      if (op[r] === 1) {
        if (s.alive[rid]) s.kill(rid);
        continue;
      }
      if (op[r] === 2) {
        if (s.alive[rid]) s.matched[rid] = 1;
        continue;
      }
      // Row ids are positions: fill any gap with dead rows so this row keeps its checkpointed id.
      while (s.chunk.length < rid) {
        s.add(-1, 0, 0, -1, 0);
        s.kill(s.chunk.length - 1);
      }
      s.add(chunkIds[side[r]!]!, r, time[r]!, keyOf[side[r]!]![r]!, matched[r]!);
    }
    this.metrics.numRowsTotal = this.sides[0].live + this.sides[1].live;
  }
}
