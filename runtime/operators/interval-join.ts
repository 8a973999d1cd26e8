// Stream–stream equi-join bounded by an event-time range: both sides buffered until no future row can match.

import * as arrow from 'apache-arrow';
import type { DataType, Schema } from '../../common/types.js';
import type { BoundExpr, PhysicalNode } from '../../planner/index.js';
import type { TimeBounds } from '../../planner/join-bounds.js';
import { compileExpr, evalInput } from '../kernels/compile-expr.js';
import type { Kernel } from '../kernels/kernel.js';
import { arrowType, batchFromVecs, column, gather, makeBatch, nullVec, slicePrefix, toArrow, type Vec } from '../vec.js';
import { IntBuf, JoinSide, type Runs } from './join-side.js';
import { decodeJoinState, encodeJoinState, joinStateFields, nullData, type SideChanges, type SideEntries } from './interval-join-state.js';
import { lateRowsSchema } from './late-rows.js';
import { GroupTable } from './group-table.js';
import { splitCondition } from './hash-join.js';
import type { BatchContext, OperatorMetrics, StatefulOperator } from './operator.js';
import { StringDictionary } from './string-dictionary.js';
import { keyLanes, type KeyLanes } from './key-lanes.js';
import { scanProbe } from './join-scan.js';

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
  /**
   * A scan of an unindexed side may cover this many of its rows per row involved (rows added, rows it holds) before
   * the side is indexed instead: a covered row costs a comparison, an indexed row a hash insert, probes and a removal.
   */
  static scanBudget = 4;
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
  private readonly arrowTypes: readonly [arrow.DataType[], arrow.DataType[]];
  private keys: GroupTable;
  private dicts: (StringDictionary | undefined)[];
  /** Per side: judge lateness by the previous batch's watermark (a stateful operator feeds it; see pipeline.ts). */
  private readonly lateByPrevious: readonly [boolean, boolean];
  private readonly lateRows: boolean;
  /** The output columns read above the join (undefined: all); the others go out as NULLs, not gathered. */
  private readonly read: ReadonlySet<number> | undefined;
  private late: arrow.RecordBatch[] = [];
  // Scratch buffers, reused across calls.
  private readonly mine = new IntBuf(1024);
  private readonly theirs = new IntBuf(1024);
  private readonly padded = new IntBuf();
  private readonly unused = new IntBuf();

  /**
   * `lateRows` keeps dropped rows for the query's late-row table: joined rows with the other side's columns NULL,
   * then `_event_time`.
   */
  constructor(private readonly node: JoinNode, private readonly bounds: TimeBounds | undefined, id: number,
    opts: { readonly lateByPrevious?: readonly [boolean, boolean]; readonly lateRows?: boolean; readonly read?: ReadonlySet<number> } = {}) {
    this.lateByPrevious = opts.lateByPrevious ?? [false, false];
    this.lateRows = opts.lateRows === true;
    this.read = opts.read;
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
    this.arrowTypes = [node.left.schema.map((f) => arrowType(f.type)), node.right.schema.map((f) => arrowType(f.type))];
    this.stateFields = joinStateFields(node.left.schema, node.right.schema);
  }

  private newSide(side: 0 | 1): JoinSide {
    const b = this.bounds;
    const s = side === 0
      ? new JoinSide(this.node.left.schema, b ? b.leftTime : -1, this.keyTypes.length)
      : new JoinSide(this.node.right.schema, b ? b.rightTime - this.nLeft : -1, this.keyTypes.length);
    // Equal times (a window join): a scan would compare every pair of rows of one time, so both sides index at once.
    if (b && b.lower === b.upper) s.indexed = true;
    return s;
  }

  /** The rows' keys as lanes (strings interned; `masks[r]` set: a NULL key, which matches nothing). */
  private lanesOf(side: 0 | 1, cols: readonly Vec[], n: number): KeyLanes {
    const inp = evalInput(n, (i) => cols[i] ?? nullVec('NULL', n));
    return keyLanes(this.keyKernels[side].map((k) => k(inp)), n, this.dicts);
  }

  /** Group ids of keys (interned when `insert`, else -1 for a key no row has); both sides' key lists fit them. */
  private keyIds(keys: KeyLanes, n: number, insert: boolean): Int32Array {
    const raw = new Int32Array(n);
    if (!insert) {
      this.keys.findMany(keys.lanes, null, n, raw);
      return raw;
    }
    this.keys.findOrInsertMany(keys.lanes, null, n, raw);
    for (let r = 0; r < n; r++) if (raw[r]! < 0) raw[r] = ~raw[r]!;
    this.sides[0].ensureKeys(this.keys.high);
    this.sides[1].ensureKeys(this.keys.high);
    return raw;
  }

  /** Links the live rows of chunk `c` of an indexed side into their keys' lists. */
  private linkChunk(s: JoinSide, c: number): void {
    const ch = s.chunks[c]!;
    const raw = this.keyIds(ch, ch.size, true);
    const masks = ch.masks;
    for (const id of s.liveIds(c)) {
      const r = s.rowOf[id]!;
      s.link(id, masks && masks[r] ? -1 : raw[r]!);
    }
    // Keys only dead or NULL-keyed rows had (NULL keys intern as zeros) are not kept.
    for (let r = 0; r < ch.size; r++) this.dropKeyIfUnused(raw[r]!);
  }

  /** From now on a side's rows are probed by key: scanning its time ranges has cost more than indexing. */
  private index(side: 0 | 1): void {
    const s = this.sides[side];
    s.indexed = true;
    for (let c = 0; c < s.chunks.length; c++) if (s.chunks[c]?.live) this.linkChunk(s, c);
  }

  /** The batch's columns when their Arrow types are this side's (so checkpoints can slice them), else null. */
  private arrowSource(batch: arrow.RecordBatch, port: number): readonly arrow.Data[] | null {
    const want = this.arrowTypes[port]!;
    const data = batch.data.children;
    if (data.length !== want.length) return null;
    for (let i = 0; i < want.length; i++) if (!arrow.util.compareTypes(data[i]!.type, want[i]!)) return null;
    return data;
  }

  /** Forgets a key no buffered row has any more (its group id is then reused). */
  private dropKeyIfUnused(g: number): void {
    if (this.keys.live[g] && this.sides[0].head[g]! < 0 && this.sides[1].head[g]! < 0) this.keys.remove(g);
  }

  process(batch: arrow.RecordBatch, ctx: BatchContext, port = 0): arrow.RecordBatch[] {
    const n = batch.numRows;
    if (n === 0) return [];
    const side = port === 0 ? 0 : 1;
    const me = this.sides[side];
    const other = this.sides[1 - side]!;
    const cols = me.schema.map((f, i) => column(batch, i, f.type));
    const keys = this.lanesOf(side, cols, n);
    const masks = keys.masks;
    const raw = me.indexed ? this.keyIds(keys, n, true) : undefined;
    const times = me.timeIndex >= 0 ? (cols[me.timeIndex] as F64) : undefined;
    const tv = times ? times.values : undefined;
    const tValid = times ? times.valid : null;
    const base = this.lateByPrevious[side] ? ctx.previousWatermark : ctx.watermark;
    const wm = base === undefined ? -Infinity : base - this.node.lags[side]!;
    const chunk = me.addChunk(cols, n, keys, this.arrowSource(batch, side));
    me.reserve(n);
    const a0 = me.added.n;
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
          if (this.pads[side]) (untimed ??= []).push(r);
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
      const k = !raw || (masks && masks[r]) ? -1 : raw[r]!;
      me.placeNew(me.alloc(), chunk, r, t, k);
    }
    const added = this.placed(me, chunk, a0, n);
    // Keys only late or NULL-keyed rows had (NULL keys intern as zeros) are not kept.
    if (orphans && raw) for (let r = 0; r < n; r++) this.dropKeyIfUnused(raw[r]!);
    if (lateIds) this.keepLate(cols, lateIds, times!, side);
    const out = untimed ? [this.paddedRows(cols, untimed, side)] : [];
    const mine = this.mine;
    const theirs = this.theirs;
    mine.clear();
    theirs.clear();
    if (added && other.live > 0) {
      const b = this.bounds;
      // Scanning the other side's time ranges is given up for its index once it covers many rows per row added.
      if (!other.indexed && !scanProbe(me, this.order(me, added), other, side === 0 ? -b!.upper : b!.lower,
        side === 0 ? -b!.lower : b!.upper, mine, theirs, IntervalJoinOperator.scanBudget * (added.length + other.live))) {
        mine.clear();
        theirs.clear();
        this.index(1 - side as 0 | 1);
      }
      if (other.indexed) {
        // By row of the (maybe shrunk) chunk: linked keys when this side is indexed, else looked up without interning.
        const ch = me.chunks[me.chunkOf[added[0]!]!]!;
        this.probe(me, other, added, me.indexed ? undefined : this.keyIds(ch, ch.size, false), side);
      }
    }
    if (mine.n === 0) return out;
    return [...out, ...(side === 0 ? this.emitPairs(mine.view(), theirs.view()) : this.emitPairs(theirs.view(), mine.view()))];
  }

  /** New rows `ids` in time order (their chunk's order when they have one). */
  private order(s: JoinSide, ids: Int32Array): Int32Array {
    return s.chunks[s.chunkOf[ids[0]!]!]!.order ?? s.sortByTime(ids.slice());
  }

  /**
   * Candidate pairs of new rows `ids` with the indexed other side's rows of their keys: the keys rows were linked
   * under, or (`raw`, by chunk row) their groups, if any.
   */
  private probe(me: JoinSide, other: JoinSide, ids: Int32Array, raw: Int32Array | undefined, side: 0 | 1): void {
    const b = this.bounds;
    // A pair can match only when lower <= tl - tr <= upper (implied by the condition, which is still checked).
    const lo = b ? b.lower : -Infinity;
    const hi = b ? b.upper : Infinity;
    const sign = side === 0 ? 1 : -1;
    const timed = me.timeIndex >= 0;
    const ot = other.time;
    const oNext = other.next;
    const oHead = other.head;
    const masks = me.chunks[me.chunkOf[ids[0]!]!]!.masks;
    const mine = this.mine;
    const theirs = this.theirs;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      let k = me.key[id]!;
      if (raw) {
        const r = me.rowOf[id]!;
        k = masks && masks[r] ? -1 : raw[r]!;
      }
      if (k < 0) continue;
      const t = me.time[id]!;
      for (let o = oHead[k]!; o >= 0; o = oNext[o]!) {
        if (timed) {
          const d = sign * (t - ot[o]!);
          if (d < lo || d > hi) continue;
        }
        mine.push(id);
        theirs.push(o);
      }
    }
  }

  /**
   * After rows added.a[a0..] were placed in chunk `c` of `n` rows: drop the chunk when none was kept, copy the kept
   * rows when they are under half (late rows), and order the ids by time when the join evicts. The ids kept, if any.
   */
  private placed(s: JoinSide, c: number, a0: number, n: number): Int32Array | undefined {
    const m = s.added.n - a0;
    if (m === 0) { s.dropChunk(c); return undefined; }
    s.live += m;
    s.chunks[c]!.live += m;
    const ids = s.added.a.slice(a0, s.added.n);
    if (m * 2 < n) this.shrink(s, c, ids);
    if (this.bounds) s.chunks[c]!.order = s.sortByTime(ids.slice());
    return ids;
  }

  /** Keeps only rows `ids` of chunk `c` (copied in that order). */
  private shrink(s: JoinSide, c: number, ids: Int32Array): void {
    const m = ids.length;
    const idx = new Int32Array(m);
    for (let j = 0; j < m; j++) idx[j] = s.rowOf[ids[j]!]!;
    s.shrinkChunk(c, idx);
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
    const out: arrow.Data[] = [];
    for (let i = 0; i < this.schema.length; i++) {
      const type = this.schema[i]!.type;
      out.push(this.read && !this.read.has(i) ? nullData(type, n) : toArrow(cache[i] ?? load(i, n), type));
    }
    return [makeBatch(this.schema, out, n)];
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
    this.metrics.memoryUsedBytes = this.sides[0].bytes() + this.sides[1].bytes() + this.keys.capacity * (8 * this.keys.width + 21) + this.keys.spareBytes;
    return out;
  }

  /** `replay`: restoring a checkpoint, the rows go silently (their padded rows were emitted before). */
  private evict(side: 0 | 1, limit: number, replay = false): arrow.RecordBatch | undefined {
    const s = this.sides[side];
    const o = this.sides[1 - side]!;
    const pads = this.pads[side] && !replay;
    const padded = this.padded;
    padded.clear();
    // Keys whose last row went.
    const unused = this.unused;
    unused.clear();
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
        s.kill(id, !replay);
        evicted++;
        if (k >= 0 && s.head[k]! < 0 && o.head[k]! < 0) unused.push(k);
      }
      ch.head = h;
      removed += evicted;
      if (evicted && !replay) s.limit = limit;
      if (ch.live === 0) empty.push(c);
      else if (evicted && ch.live * 4 < ch.size) sparse.push(c);
      else if (ch.size < SMALL_CHUNK) small.push(c);
    }
    this.keys.removeMany(unused.a, unused.n);
    if (!replay) this.metrics.numRowsRemoved += removed;
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
        const keys = this.lanesOf(side, ch.cols, ch.size);
        ch.lanes = keys.lanes;
        ch.masks = keys.masks;
        if (s.indexed) this.linkChunk(s, c);
      }
    }
  }

  // ---- checkpoints (interval-join-state.ts).

  takeDelta(): arrow.RecordBatch {
    const changes = this.sides.map((s): SideChanges => {
      const flags = new IntBuf();
      for (let i = 0; i < s.flagged.n; i++) if (s.alive[s.flagged.a[i]!]) flags.push(s.flagged.a[i]!);
      const adds = new IntBuf(s.added.n + 1);
      for (let i = 0; i < s.added.n; i++) if (s.alive[s.added.a[i]!]) adds.push(s.added.a[i]!);
      return { adds: adds.view(), flags: flags.view(), limit: s.limit };
    });
    const delta = encodeJoinState(this.stateFields, this.sides, changes as [SideChanges, SideChanges]);
    this.sides[0].endDelta();
    this.sides[1].endDelta();
    return delta;
  }

  snapshot(): arrow.RecordBatch {
    const changes = this.sides.map((s): SideChanges => {
      const adds = new IntBuf(s.live + 1);
      for (let c = 0; c < s.chunks.length; c++) if (s.chunks[c]?.live) for (const id of s.liveIds(c)) adds.push(id);
      return { adds: adds.view(), flags: new Int32Array(0), limit: -Infinity };
    });
    return encodeJoinState(this.stateFields, this.sides, changes as [SideChanges, SideChanges]);
  }

  restore(snapshot: arrow.RecordBatch | undefined): void {
    this.sides = [this.newSide(0), this.newSide(1)];
    this.keys = new GroupTable(this.keyTypes.length);
    this.dicts = this.keyTypes.map((t) => (t === 'STRING' ? new StringDictionary() : undefined));
    if (snapshot) this.applyDelta(snapshot);
    this.metrics.numRowsTotal = this.sides[0].live + this.sides[1].live;
  }

  /** Replays state rows in the order the batch made them: adds at their checkpointed ids, matched flags, eviction. */
  applyDelta(delta: arrow.RecordBatch): void {
    const entries = decodeJoinState(this.stateFields, this.nLeft, delta);
    if (delta.numRows === 0) return;
    for (const side of [0, 1] as const) {
      const s = this.sides[side];
      const e = entries[side];
      const m = e.addRows.length;
      if (m > 0) this.restoreRows(side, e, m);
      for (const id of e.flagged) if (s.alive[id]) s.matched[id] = 1;
    }
    for (const side of [0, 1] as const) {
      const limit = entries[side].limit;
      if (limit !== undefined) this.evict(side, limit, true);
    }
    this.metrics.numRowsTotal = this.sides[0].live + this.sides[1].live;
  }

  private restoreRows(side: 0 | 1, e: SideEntries, m: number): void {
    const s = this.sides[side];
    const n = e.cols[0]?.length ?? 0;
    // Adds come first: a prefix of the state rows is sliced; adds elsewhere (an older format) are copied.
    const prefix = e.addRows[m - 1] === m - 1;
    const idx = e.addRows;
    const ccols = prefix ? (m === n ? [...e.cols] : e.cols.map((v) => slicePrefix(v, m))) : e.cols.map((v) => gather(v, idx, m));
    const src = prefix ? (m === n ? e.data : e.data.map((d) => d.slice(0, m))) : null;
    const keys = this.lanesOf(side, ccols, m);
    const tv = s.timeIndex >= 0 ? (ccols[s.timeIndex] as F64).values : undefined;
    const c = s.addChunk(ccols, m, keys, src);
    const ids = new Int32Array(m);
    for (let j = 0; j < m; j++) {
      const rid = e.ids[idx[j]!]!;
      if (s.alive[rid]) {
        // An id the run freed and reused: its old row leaves a stale entry in its chunk's time order.
        s.chunks[s.chunkOf[rid]!]!.clean = false;
        s.kill(rid, false);
      }
      s.place(rid, c, j, tv ? tv[j]! : 0, -1, e.matched[idx[j]!] ? 1 : 0);
      ids[j] = rid;
    }
    s.invalidateFree();
    if (this.bounds) s.chunks[c]!.order = s.sortByTime(ids);
    if (s.indexed) this.linkChunk(s, c);
  }
}
