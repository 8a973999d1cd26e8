// Stream–stream equi-join bounded by an event-time range: both sides buffered until no future row can match.

import type * as arrow from 'apache-arrow';
import type { DataType, Schema } from '../../common/types.js';
import type { BoundExpr, PhysicalNode } from '../../planner/index.js';
import type { TimeBounds } from '../../planner/join-bounds.js';
import { compileExpr, evalInput } from '../kernels/compile-expr.js';
import type { Kernel } from '../kernels/kernel.js';
import { batchFromVecs, column, gather, nullVec, type Vec } from '../vec.js';
import { IntBuf, JoinSide, type Runs } from './join-side.js';
import { lateRowsSchema } from './late-rows.js';
import { GroupTable } from './group-table.js';
import { splitCondition } from './hash-join.js';
import type { BatchContext, OperatorMetrics, StatefulOperator } from './operator.js';
import { StringDictionary } from './string-dictionary.js';
import { keyLanes } from './key-lanes.js';

type JoinNode = Extract<PhysicalNode, { kind: 'join' }>;
type F64 = Extract<Vec, { kind: 'f64' }>;

/** Chunks with fewer rows than this are merged once there are many of them (tiny micro-batches). */
const SMALL_CHUNK = 1024;
const MAX_SMALL_CHUNKS = 32;

/**
 * Rows are kept per side (`join-side.ts`): columns in chunks, per-row fields in typed arrays addressed by reusable
 * row ids, a linked list of rows per key id (keys interned in one group table shared by both sides) to probe, and
 * per chunk the row ids in event-time order to evict. A new row probes the other side's rows of its key (pruned by
 * the time range), candidate pairs are checked by the residual condition over their gathered columns.
 */
export class IntervalJoinOperator implements StatefulOperator {
  /** String keys are re-interned once the dictionaries hold this many more strings than twice the buffered rows. */
  static rekeySlack = 4096;
  readonly schema: Schema;
  readonly stateId: string;
  readonly metrics: OperatorMetrics = { numRowsTotal: 0, numRowsUpdated: 0, numRowsRemoved: 0, numRowsDroppedByWatermark: 0, memoryUsedBytes: 0 };
  private sides: [JoinSide, JoinSide];
  private readonly keyKernels: [Kernel[], Kernel[]];
  private readonly keyTypes: DataType[];
  private readonly residual: Kernel | undefined;
  private readonly nLeft: number;
  /** Per side: unmatched rows are emitted NULL-padded when they go (outer joins), so matches are tracked. */
  private readonly pads: readonly [boolean, boolean];
  private readonly stateFields: Schema;
  private keys: GroupTable;
  private dicts: (StringDictionary | undefined)[];
  /** Per side: judge lateness by the previous batch's watermark (a stateful operator feeds it; see pipeline.ts). */
  private readonly lateByPrevious: readonly [boolean, boolean];
  private readonly lateRows: boolean;
  private late: arrow.RecordBatch[] = [];
  // Scratch buffers, reused across calls.
  private readonly mine = new IntBuf(1024);
  private readonly theirs = new IntBuf(1024);
  private readonly padded = new IntBuf();
  private readonly opIds: [IntBuf, IntBuf] = [new IntBuf(), new IntBuf()];
  private readonly opKinds: [IntBuf, IntBuf] = [new IntBuf(), new IntBuf()];

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
    const jt = node.joinType;
    this.pads = [jt === 'left' || jt === 'full', jt === 'right' || jt === 'full'];
    this.sides = [this.newSide(0), this.newSide(1)];
    this.keys = new GroupTable(this.keyTypes.length);
    this.dicts = this.keyTypes.map((t) => (t === 'STRING' ? new StringDictionary() : undefined));
    const f = (name: string, type: DataType): Schema[number] => ({ name, type, nullable: true });
    this.stateFields = [f('_lop', 'DOUBLE'), f('_lid', 'DOUBLE'), f('_lmatched', 'DOUBLE'), f('_rop', 'DOUBLE'), f('_rid', 'DOUBLE'), f('_rmatched', 'DOUBLE'),
      ...node.left.schema.map((c, i) => f(`_l${i}`, c.type)), ...node.right.schema.map((c, i) => f(`_r${i}`, c.type))];
  }

  private newSide(side: 0 | 1): JoinSide {
    const b = this.bounds;
    return side === 0
      ? new JoinSide(this.node.left.schema, b ? b.leftTime : -1)
      : new JoinSide(this.node.right.schema, b ? b.rightTime - this.nLeft : -1);
  }

  /** Group ids of rows' keys (`masks[r]` set: a NULL key, which matches nothing); both sides' key lists fit them. */
  private keyIds(vecs: readonly Vec[], n: number): { raw: Int32Array; masks: Int32Array | null } {
    const { lanes, masks } = keyLanes(vecs, n, this.dicts);
    const raw = new Int32Array(n);
    this.keys.findOrInsertMany(lanes, null, n, raw);
    for (let r = 0; r < n; r++) if (raw[r]! < 0) raw[r] = ~raw[r]!;
    this.sides[0].ensureKeys(this.keys.high);
    this.sides[1].ensureKeys(this.keys.high);
    return { raw, masks };
  }

  /** Forgets a key no buffered row has any more (its group id is then reused). */
  private dropKeyIfUnused(g: number): void {
    if (this.keys.live[g] && this.sides[0].head[g]! < 0 && this.sides[1].head[g]! < 0) this.keys.remove(g);
  }

  process(batch: arrow.RecordBatch, ctx: BatchContext, port = 0): arrow.RecordBatch[] {
    const n = batch.numRows;
    if (n === 0) return [];
    const me = this.sides[port]!;
    const other = this.sides[1 - port]!;
    const cols = me.schema.map((f, i) => column(batch, i, f.type));
    const inp = evalInput(n, (i) => cols[i]!);
    const { raw, masks } = this.keyIds(this.keyKernels[port]!.map((k) => k(inp)), n);
    const times = me.timeIndex >= 0 ? (cols[me.timeIndex] as F64) : undefined;
    const tv = times ? times.values : undefined;
    const tValid = times ? times.valid : null;
    const base = this.lateByPrevious[port] ? ctx.previousWatermark : ctx.watermark;
    const wm = base === undefined ? -Infinity : base - this.node.lags[port]!;
    const b = this.bounds;
    // A pair can match only when lower <= tl - tr <= upper (implied by the condition, which is still checked).
    const lo = b ? b.lower : -Infinity;
    const hi = b ? b.upper : Infinity;
    const sign = port === 0 ? 1 : -1;
    const ot = other.time;
    const oNext = other.next;
    const oHead = other.head;
    const chunk = me.addChunk(cols, n);
    me.reserve(n);
    const a0 = me.added.n;
    const mine = this.mine;
    const theirs = this.theirs;
    mine.clear();
    theirs.clear();
    let lateIds: number[] | undefined;
    let untimed: number[] | undefined;
    let orphans = false;
    for (let r = 0; r < n; r++) {
      let t = 0;
      if (tv) {
        t = tValid && !tValid[r] ? NaN : tv[r]!;
        if (t !== t) {
          // No event time: the range in ON can never hold, so the row matches nothing; an outer join keeps it, padded
          // with NULLs now (as a batch LEFT JOIN would), since no later row changes that.
          if (this.pads[port]) (untimed ??= []).push(r);
          orphans = true;
          continue;
        }
        if (t <= wm) {
          // Late: it can never be matched or emitted correctly, so it is dropped.
          this.metrics.numRowsDroppedByWatermark++;
          if (this.lateRows) (lateIds ??= []).push(r);
          orphans = true;
          continue;
        }
      }
      const k = masks && masks[r] ? -1 : raw[r]!;
      const id = me.alloc();
      me.placeNew(id, chunk, r, t, k);
      if (k < 0) { orphans = true; continue; }
      for (let o = oHead[k]!; o >= 0; o = oNext[o]!) {
        if (tv) {
          const d = sign * (t - ot[o]!);
          if (d < lo || d > hi) continue;
        }
        mine.push(id);
        theirs.push(o);
      }
    }
    this.placed(me, chunk, a0, n);
    // Keys only late or NULL-keyed rows had (NULL keys intern as zeros) are not kept.
    if (orphans) for (let r = 0; r < n; r++) this.dropKeyIfUnused(raw[r]!);
    if (lateIds) this.keepLate(cols, lateIds, times!, port);
    const out = untimed ? [this.paddedRows(cols, untimed, port)] : [];
    if (mine.n === 0) return out;
    return [...out, ...(port === 0 ? this.emitPairs(mine.view(), theirs.view()) : this.emitPairs(theirs.view(), mine.view()))];
  }

  /**
   * After rows added.a[a0..] were placed in chunk `c` of `n` rows: drop the chunk when none was kept, copy the kept
   * rows when they are under half (late rows), and order the ids by time when the join evicts.
   */
  private placed(s: JoinSide, c: number, a0: number, n: number): void {
    const m = s.added.n - a0;
    if (m === 0) { s.dropChunk(c); return; }
    s.live += m;
    s.chunks[c]!.live += m;
    const ids = s.added.a.slice(a0, s.added.n);
    if (m * 2 < n) this.shrink(s, c, ids);
    if (this.bounds) s.chunks[c]!.order = s.sortByTime(ids);
  }

  /** Keeps only rows `ids` of chunk `c` (copied in that order). */
  private shrink(s: JoinSide, c: number, ids: Int32Array): void {
    const m = ids.length;
    const idx = new Int32Array(m);
    for (let j = 0; j < m; j++) idx[j] = s.rowOf[ids[j]!]!;
    s.setCols(c, s.chunks[c]!.cols.map((v) => gather(v, idx, m)), m);
    for (let j = 0; j < m; j++) s.rowOf[ids[j]!] = j;
  }

  /** The joined rows of candidate pairs (left id, right id) the residual condition accepts; flags them matched. */
  private emitPairs(lIds: Int32Array, rIds: Int32Array): arrow.RecordBatch[] {
    let n = lIds.length;
    const [left, right] = this.sides;
    const nLeft = this.nLeft;
    let lRuns: Runs | undefined;
    let rRuns: Runs | undefined;
    const load = (i: number, count: number): Vec => (i < nLeft
      ? left.gatherColumn(i, lRuns ??= left.runs(lIds, count))
      : right.gatherColumn(i - nLeft, rRuns ??= right.runs(rIds, count)));
    let cache: (Vec | undefined)[] = [];
    if (this.residual) {
      const count = n;
      const v = this.residual({ n: count, col: (i) => (cache[i] ??= load(i, count)) });
      let w = 0;
      if (v.kind === 'bool') {
        const vals = v.values;
        const valid = v.valid;
        for (let i = 0; i < count; i++) {
          if (!vals[i] || (valid && !valid[i])) continue;
          lIds[w] = lIds[i]!;
          rIds[w] = rIds[i]!;
          w++;
        }
      }
      if (w < count) {
        cache = [];
        lRuns = undefined;
        rRuns = undefined;
      }
      n = w;
      if (n === 0) return [];
    }
    if (this.pads[0]) this.flag(left, lIds, n);
    if (this.pads[1]) this.flag(right, rIds, n);
    const out: Vec[] = [];
    for (let i = 0; i < this.schema.length; i++) out.push(cache[i] ?? load(i, n));
    return [batchFromVecs(this.schema, out, n)];
  }

  private flag(s: JoinSide, ids: Int32Array, n: number): void {
    const matched = s.matched;
    for (let i = 0; i < n; i++) {
      const id = ids[i]!;
      if (matched[id]) continue;
      matched[id] = 1;
      // A row added since the last delta carries its flag in its add op.
      if (!s.isNew[id]) s.flagged.push(id);
    }
  }

  /** Rows of one input batch as joined rows with the other side's columns NULL. */
  private paddedRows(cols: readonly Vec[], rows: readonly number[], port: number): arrow.RecordBatch {
    const idx = Int32Array.from(rows);
    const n = idx.length;
    const mine = cols.map((c) => gather(c, idx, n));
    const other = this.sides[1 - port]!.schema.map((f) => nullVec(f.type, n));
    return batchFromVecs(this.schema, port === 0 ? [...mine, ...other] : [...other, ...mine], n);
  }

  /** Late rows of one side as joined rows (the other side NULL) plus their event time. */
  private keepLate(cols: readonly Vec[], rows: readonly number[], times: F64, port: number): void {
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

  /**
   * Rows no future row of the other side can match go (spec §6): future rows have times above the watermark (less
   * their side's lag), so a left row at tl is done once tl - lower <= watermark - lagR and a right row at tr once
   * tr + upper <= watermark - lagL. Outer joins emit the gone rows that never matched, padded with NULLs. Each
   * chunk's rows are popped in time order, so this costs the rows that go, not the rows kept.
   */
  finish(ctx: BatchContext): arrow.RecordBatch[] {
    const out: arrow.RecordBatch[] = [];
    const wm = ctx.watermark;
    const b = this.bounds;
    if (wm !== undefined && b) {
      const limits = [wm - this.node.lags[1] + b.lower, wm - this.node.lags[0] - b.upper];
      for (const side of [0, 1] as const) {
        const batch = this.evict(side, limits[side]!);
        if (batch) out.push(batch);
      }
      this.maybeRekey();
    }
    this.metrics.numRowsTotal = this.sides[0].live + this.sides[1].live;
    this.metrics.memoryUsedBytes = this.sides[0].bytes() + this.sides[1].bytes() + this.keys.capacity * (8 * this.keys.width + 21);
    return out;
  }

  private evict(side: 0 | 1, limit: number): arrow.RecordBatch | undefined {
    const s = this.sides[side];
    const o = this.sides[1 - side]!;
    const pads = this.pads[side];
    const padded = this.padded;
    padded.clear();
    const empty: number[] = [];
    const sparse: number[] = [];
    const small: number[] = [];
    let removed = 0;
    for (let c = 0; c < s.chunks.length; c++) {
      const ch = s.chunks[c];
      if (!ch || !ch.order) continue;
      const order = ch.order;
      let h = ch.head;
      let evicted = 0;
      while (h < order.length) {
        const id = order[h]!;
        if (!s.alive[id] || s.chunkOf[id] !== c) { h++; continue; }
        if (!(s.time[id]! <= limit)) break;
        h++;
        if (pads && !s.matched[id]) padded.push(id);
        const k = s.key[id]!;
        s.kill(id, true);
        if (!s.isNew[id]) s.deleted.push(id);
        evicted++;
        if (k >= 0 && s.head[k]! < 0 && o.head[k]! < 0) this.keys.remove(k);
      }
      ch.head = h;
      removed += evicted;
      if (ch.live === 0) empty.push(c);
      else if (evicted && ch.live * 4 < ch.size) sparse.push(c);
      else if (ch.size < SMALL_CHUNK) small.push(c);
    }
    this.metrics.numRowsRemoved += removed;
    let batch: arrow.RecordBatch | undefined;
    if (padded.n) {
      // Gathered before their chunks go.
      const n = padded.n;
      const mine = s.gatherColumns(padded.view(), n);
      const none = o.schema.map((f) => nullVec(f.type, n));
      batch = batchFromVecs(this.schema, side === 0 ? [...mine, ...none] : [...none, ...mine], n);
    }
    for (const c of empty) s.dropChunk(c);
    if (small.length >= MAX_SMALL_CHUNKS) sparse.push(...small);
    if (sparse.length) s.compact(sparse);
    return batch;
  }

  /**
   * String keys are interned in dictionaries that only grow; once they hold far more strings than rows are buffered,
   * the keys of the live rows are interned afresh (new group ids, lists relinked), so memory follows the state.
   */
  private maybeRekey(): void {
    const live = this.sides[0].live + this.sides[1].live;
    if (!this.dicts.some((d) => d !== undefined && d.size > 2 * live + IntervalJoinOperator.rekeySlack)) return;
    this.keys = new GroupTable(this.keyTypes.length);
    this.dicts = this.keyTypes.map((t) => (t === 'STRING' ? new StringDictionary() : undefined));
    for (const side of [0, 1] as const) {
      const s = this.sides[side];
      s.unlinkAll();
      for (let c = 0; c < s.chunks.length; c++) {
        const ch = s.chunks[c];
        if (!ch || ch.live === 0) continue;
        const ids = s.liveIds(c);
        const cols = ch.cols;
        const { raw, masks } = this.keyIds(this.keyKernels[side].map((k) => k(evalInput(ch.size, (i) => cols[i]!))), ch.size);
        for (const id of ids) {
          const r = s.rowOf[id]!;
          s.link(id, masks && masks[r] ? -1 : raw[r]!);
        }
        for (let r = 0; r < ch.size; r++) this.dropKeyIfUnused(raw[r]!);
      }
    }
  }

  // ---- checkpoints. A state row holds one entry of each side: `_lop` / `_rop` 0 adds a row (its columns, its
  // `_lmatched` / `_rmatched`), 1 deletes the row with that id, 2 marks it matched, -1 is no entry.

  private stateRows(): arrow.RecordBatch {
    const nl = this.opIds[0].n;
    const nr = this.opIds[1].n;
    const n = Math.max(nl, nr);
    const vecs: Vec[] = [];
    const rowIds: Int32Array[] = [];
    for (const side of [0, 1] as const) {
      const s = this.sides[side];
      const ids = this.opIds[side].a;
      const kinds = this.opKinds[side].a;
      const m = this.opIds[side].n;
      const op = new Float64Array(n).fill(-1);
      const idv = new Float64Array(n).fill(-1);
      const matched = new Float64Array(n);
      const rows = new Int32Array(n).fill(-1);
      for (let i = 0; i < m; i++) {
        const id = ids[i]!;
        op[i] = kinds[i]!;
        idv[i] = id;
        if (kinds[i] === 0) { rows[i] = id; matched[i] = s.matched[id]!; }
      }
      const f = (values: Float64Array): Vec => ({ kind: 'f64', length: n, values, valid: null });
      vecs.push(f(op), f(idv), f(matched));
      rowIds.push(rows);
    }
    vecs.push(...this.sides[0].gatherColumns(rowIds[0]!, n), ...this.sides[1].gatherColumns(rowIds[1]!, n));
    return batchFromVecs(this.stateFields, vecs, n);
  }

  takeDelta(): arrow.RecordBatch {
    for (const side of [0, 1] as const) {
      const s = this.sides[side];
      const ids = this.opIds[side];
      const kinds = this.opKinds[side];
      ids.clear();
      kinds.clear();
      for (let i = 0; i < s.flagged.n; i++) {
        const id = s.flagged.a[i]!;
        if (s.alive[id]) { ids.push(id); kinds.push(2); }
      }
      for (let i = 0; i < s.deleted.n; i++) { ids.push(s.deleted.a[i]!); kinds.push(1); }
      for (let i = 0; i < s.added.n; i++) {
        const id = s.added.a[i]!;
        if (s.alive[id]) { ids.push(id); kinds.push(0); }
      }
    }
    const delta = this.stateRows();
    this.sides[0].endDelta();
    this.sides[1].endDelta();
    return delta;
  }

  snapshot(): arrow.RecordBatch {
    for (const side of [0, 1] as const) {
      const s = this.sides[side];
      const ids = this.opIds[side];
      const kinds = this.opKinds[side];
      ids.clear();
      kinds.clear();
      for (let id = 0; id < s.high; id++) if (s.alive[id]) { ids.push(id); kinds.push(0); }
    }
    return this.stateRows();
  }

  restore(snapshot: arrow.RecordBatch | undefined): void {
    this.sides = [this.newSide(0), this.newSide(1)];
    this.keys = new GroupTable(this.keyTypes.length);
    this.dicts = this.keyTypes.map((t) => (t === 'STRING' ? new StringDictionary() : undefined));
    if (snapshot) this.applyDelta(snapshot);
    this.metrics.numRowsTotal = this.sides[0].live + this.sides[1].live;
  }

  /** Replays state rows (deletes, then adds at their checkpointed ids, then matched flags). */
  applyDelta(delta: arrow.RecordBatch): void {
    const n = delta.numRows;
    if (n === 0) return;
    const cols = this.stateFields.map((f, i) => column(delta, i, f.type));
    const num = (c: number): Float64Array => (cols[c] as F64).values;
    const sideCols = [cols.slice(6, 6 + this.nLeft), cols.slice(6 + this.nLeft)];
    for (const side of [0, 1] as const) {
      const s = this.sides[side];
      const op = num(3 * side);
      const id = num(3 * side + 1);
      for (let r = 0; r < n; r++) {
        if (op[r] !== 1 || !s.alive[id[r]!]) continue;
        const k = s.key[id[r]!]!;
        s.kill(id[r]!, false);
        if (k >= 0) this.dropKeyIfUnused(k);
      }
    }
    for (const side of [0, 1] as const) {
      const s = this.sides[side];
      const op = num(3 * side);
      const id = num(3 * side + 1);
      const matched = num(3 * side + 2);
      const rows: number[] = [];
      for (let r = 0; r < n; r++) if (op[r] === 0) rows.push(r);
      const m = rows.length;
      if (m === 0) continue;
      // The other side's entries leave NULLs in this side's columns: copy this side's rows when they are few.
      const compact = m * 2 < n;
      const idx = Int32Array.from(rows);
      const ccols = compact ? sideCols[side]!.map((v) => gather(v, idx, m)) : sideCols[side]!;
      const size = compact ? m : n;
      const { raw, masks } = this.keyIds(this.keyKernels[side].map((k) => k(evalInput(size, (i) => ccols[i] ?? nullVec('NULL', size)))), size);
      const tv = s.timeIndex >= 0 ? (ccols[s.timeIndex] as F64).values : undefined;
      const c = s.addChunk(ccols, size);
      const ids = new Int32Array(m);
      for (let j = 0; j < m; j++) {
        const r = idx[j]!;
        const row = compact ? j : r;
        const rid = id[r]!;
        if (s.alive[rid]) s.kill(rid, false);
        s.place(rid, c, row, tv ? tv[row]! : 0, masks && masks[row] ? -1 : raw[row]!, matched[r] ? 1 : 0);
        ids[j] = rid;
      }
      s.invalidateFree();
      if (this.bounds) s.chunks[c]!.order = s.sortByTime(ids);
      // Keys only NULL-keyed rows (or the other side's entries, NULL here) interned are not kept.
      if (masks) for (let r = 0; r < size; r++) this.dropKeyIfUnused(raw[r]!);
    }
    for (const side of [0, 1] as const) {
      const s = this.sides[side];
      const op = num(3 * side);
      const id = num(3 * side + 1);
      for (let r = 0; r < n; r++) if (op[r] === 2 && s.alive[id[r]!]) s.matched[id[r]!] = 1;
    }
    this.metrics.numRowsTotal = this.sides[0].live + this.sides[1].live;
  }
}
