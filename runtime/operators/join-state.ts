// The buffered state of a stream–stream join: both sides' rows, their key index, eviction and checkpoints.

import * as arrow from 'apache-arrow';
import type { DataType, Schema } from '../../common/types.js';
import type { PhysicalNode } from '../../planner/index.js';
import type { TimeBounds } from '../../planner/join-bounds.js';
import { compileExpr, evalInput } from '../kernels/compile-expr.js';
import type { Kernel } from '../kernels/kernel.js';
import { arrowType, batchFromVecs, gather, nullVec, slicePrefix, type Vec } from '../vec.js';
import { JoinSide } from './join-side.js';
import { IntBuf } from './int-buf.js';
import { decodeJoinState, encodeJoinState, joinStateFields, type SideChanges, type SideEntries } from './interval-join-state.js';
import { GroupTable } from './group-table.js';
import { splitCondition } from './hash-join.js';
import type { OperatorMetrics } from './operator.js';
import { StringDictionary } from './string-dictionary.js';
import { keyLanes, type KeyLanes } from './key-lanes.js';

export type JoinNode = Extract<PhysicalNode, { kind: 'join' }>;
type F64 = Extract<Vec, { kind: 'f64' }>;

/** Chunks with fewer rows than this are merged once there are many of them (tiny micro-batches). */
const SMALL_CHUNK = 1024;
const MAX_SMALL_CHUNKS = 32;

/**
 * Rows are kept per side (`join-side.ts`): columns in chunks, per-row fields in typed arrays addressed by reusable
 * row ids, per chunk the row ids in event-time order (to evict, and to scan a side that has no index), and for an
 * indexed side a linked list of rows per key id (keys interned in one group table shared by both sides). The
 * operator (interval-join.ts) adds rows and probes; this class owns what stays between batches.
 */
export class JoinState {
  readonly schema: Schema;
  readonly metrics: OperatorMetrics = { numRowsTotal: 0, numRowsUpdated: 0, numRowsRemoved: 0, numRowsDroppedByWatermark: 0, memoryUsedBytes: 0 };
  protected sides: [JoinSide, JoinSide];
  protected readonly keyKernels: [Kernel[], Kernel[]];
  protected readonly keyTypes: DataType[];
  /** Condition terms other than key equalities: checked on candidate pairs. */
  protected readonly residualTerms: ReturnType<typeof splitCondition>['residual'];
  protected readonly nLeft: number;
  /** Per side: unmatched rows are emitted NULL-padded when they go (outer joins), so matches are tracked. */
  protected readonly pads: readonly [boolean, boolean];
  protected readonly stateFields: Schema;
  protected readonly arrowTypes: readonly [arrow.DataType[], arrow.DataType[]];
  protected keys: GroupTable;
  protected dicts: (StringDictionary | undefined)[];
  protected readonly padded = new IntBuf();
  protected readonly unused = new IntBuf();

  constructor(protected readonly node: JoinNode, protected readonly bounds: TimeBounds | undefined) {
    this.schema = node.schema;
    this.nLeft = node.left.schema.length;
    const split = splitCondition(node.condition, this.nLeft);
    this.keyKernels = [split.left.map(compileExpr), split.right.map(compileExpr)];
    this.keyTypes = split.left.map((e) => e.type);
    this.residualTerms = split.residual;
    const jt = node.joinType;
    this.pads = [jt === 'left' || jt === 'full', jt === 'right' || jt === 'full'];
    this.sides = [this.newSide(0), this.newSide(1)];
    this.keys = new GroupTable(this.keyTypes.length);
    this.dicts = this.keyTypes.map((t) => (t === 'STRING' ? new StringDictionary() : undefined));
    this.arrowTypes = [node.left.schema.map((f) => arrowType(f.type)), node.right.schema.map((f) => arrowType(f.type))];
    this.stateFields = joinStateFields(node.left.schema, node.right.schema);
  }

  protected newSide(side: 0 | 1): JoinSide {
    const b = this.bounds;
    const s = side === 0
      ? new JoinSide(this.node.left.schema, b ? b.leftTime : -1, this.keyTypes.length)
      : new JoinSide(this.node.right.schema, b ? b.rightTime - this.nLeft : -1, this.keyTypes.length);
    // Equal times (a window join): a scan would compare every pair of rows of one time, so both sides index at once.
    if (b && b.lower === b.upper) s.indexed = true;
    return s;
  }

  /** The rows' keys as lanes (strings interned; `masks[r]` set: a NULL key, which matches nothing). */
  protected lanesOf(side: 0 | 1, cols: readonly Vec[], n: number): KeyLanes {
    const inp = evalInput(n, (i) => cols[i] ?? nullVec('NULL', n));
    return keyLanes(this.keyKernels[side].map((k) => k(inp)), n, this.dicts);
  }

  /** Group ids of keys (interned when `insert`, else -1 for a key no row has); both sides' key lists fit them. */
  protected keyIds(keys: KeyLanes, n: number, insert: boolean): Int32Array {
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
  protected linkChunk(s: JoinSide, c: number): void {
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
  protected index(side: 0 | 1): void {
    const s = this.sides[side];
    s.indexed = true;
    for (let c = 0; c < s.chunks.length; c++) if (s.chunks[c]?.live) this.linkChunk(s, c);
  }

  /** The batch's columns when their Arrow types are this side's (so checkpoints can slice them), else null. */
  protected arrowSource(batch: arrow.RecordBatch, port: number): readonly arrow.Data[] | null {
    const want = this.arrowTypes[port]!;
    const data = batch.data.children;
    if (data.length !== want.length) return null;
    for (let i = 0; i < want.length; i++) if (!arrow.util.compareTypes(data[i]!.type, want[i]!)) return null;
    return data;
  }

  /** Forgets a key no buffered row has any more (its group id is then reused). */
  protected dropKeyIfUnused(g: number): void {
    if (this.keys.live[g] && this.sides[0].head[g]! < 0 && this.sides[1].head[g]! < 0) this.keys.remove(g);
  }

  /**
   * After rows added.a[a0..] were placed in chunk `c` of `n` rows: drop the chunk when none was kept, copy the kept
   * rows when they are under half (late rows), and order the ids by time when the join evicts. The ids kept, if any.
   */
  protected placed(s: JoinSide, c: number, a0: number, n: number): Int32Array | undefined {
    const m = s.added.n - a0;
    if (m === 0) { s.dropChunk(c); return undefined; }
    // Spark's numUpdatedStateRows of a stream–stream join: the rows this batch added to either side's state.
    this.metrics.numRowsUpdated += m;
    s.live += m;
    s.chunks[c]!.live += m;
    const ids = s.added.a.slice(a0, s.added.n);
    if (m * 2 < n) this.shrink(s, c, ids);
    if (this.bounds) s.chunks[c]!.order = s.sortByTime(ids.slice());
    return ids;
  }

  /** Keeps only rows `ids` of chunk `c` (copied in that order). */
  protected shrink(s: JoinSide, c: number, ids: Int32Array): void {
    const m = ids.length;
    const idx = new Int32Array(m);
    for (let j = 0; j < m; j++) idx[j] = s.rowOf[ids[j]!]!;
    s.shrinkChunk(c, idx);
    for (let j = 0; j < m; j++) s.rowOf[ids[j]!] = j;
  }

  /** `replay`: restoring a checkpoint, the rows go silently (their padded rows were emitted before). */
  protected evict(side: 0 | 1, limit: number, replay = false): arrow.RecordBatch | undefined {
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
  protected maybeRekey(slack: number): void {
    const live = this.sides[0].live + this.sides[1].live;
    if (!this.dicts.some((d) => d !== undefined && d.size > 2 * live + slack)) return;
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

  /**
   * Every live row, as adds. Long blocks of consecutive live rows of a chunk that still has its input's Arrow columns
   * go one batch per block, sliced from those columns (a join's state is mostly its input, and a snapshot would
   * otherwise copy all of it); the other rows of the side go in one batch, gathered.
   */
  snapshot(): arrow.RecordBatch[] {
    const out: arrow.RecordBatch[] = [];
    const none: SideChanges = { adds: new Int32Array(0), flags: new Int32Array(0), limit: -Infinity };
    const encode = (side: 0 | 1, adds: Int32Array): arrow.RecordBatch => {
      const mine: SideChanges = { adds, flags: none.flags, limit: -Infinity };
      return encodeJoinState(this.stateFields, this.sides, side === 0 ? [mine, none] : [none, mine]);
    };
    for (const side of [0, 1] as const) {
      const s = this.sides[side];
      const rest = new IntBuf();
      for (let c = 0; c < s.chunks.length; c++) {
        const ch = s.chunks[c];
        if (!ch?.live) continue;
        const ids = s.liveIds(c);
        const runs = ch.src ? s.runs(ids, ids.length) : undefined;
        for (let k = 0; k < (runs ? runs.count : 1); k++) {
          const block = runs ? ids.subarray(runs.at[k]!, runs.at[k + 1]!) : ids;
          if (runs && block.length >= JoinState.minSliceRows) out.push(encode(side, block));
          else for (const id of block) rest.push(id);
        }
      }
      if (rest.n) out.push(encode(side, rest.view()));
    }
    return out.length ? out : [encodeJoinState(this.stateFields, this.sides, [none, none])];
  }

  /** The shortest block a snapshot slices: shorter ones are gathered (a batch per block has its own costs). */
  static minSliceRows = 256;

  restore(snapshot: readonly arrow.RecordBatch[]): void {
    this.sides = [this.newSide(0), this.newSide(1)];
    this.keys = new GroupTable(this.keyTypes.length);
    this.dicts = this.keyTypes.map((t) => (t === 'STRING' ? new StringDictionary() : undefined));
    for (const b of snapshot) this.applyDelta(b);
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

  protected restoreRows(side: 0 | 1, e: SideEntries, m: number): void {
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
