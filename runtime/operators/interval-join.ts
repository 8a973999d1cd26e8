// Stream–stream equi-join bounded by an event-time range: both sides buffered until no future row can match.

import type * as arrow from 'apache-arrow';
import type { BoundExpr } from '../../planner/index.js';
import type { LateTime } from '../../planner/physical-plan.js';
import type { TimeBounds } from '../../planner/join-bounds.js';
import { compileExpr } from '../kernels/compile-expr.js';
import type { Kernel } from '../kernels/kernel.js';
import { batchFromVecs, column, gather, makeBatch, nullVec, toArrow, type Vec } from '../vec.js';
import type { JoinSide, Runs } from './join-side.js';
import { IntBuf } from './int-buf.js';
import { nullData } from './interval-join-state.js';
import { JoinState, type JoinNode } from './join-state.js';
import { lateRowsSchema } from './late-rows.js';
import type { BatchContext, StatefulOperator } from './operator.js';
import { scanProbe } from './join-scan.js';

type F64 = Extract<Vec, { kind: 'f64' }>;

/**
 * A new row probes the other side: by key through its index, or by a sweep of its time order (join-scan.ts) while
 * that side has no index; candidate pairs are checked by the residual condition over their gathered columns. The
 * state both sides keep, their eviction and checkpoints are JoinState's (join-state.ts).
 */
export class IntervalJoinOperator extends JoinState implements StatefulOperator {
  /** String keys are re-interned once the dictionaries hold this many more strings than twice the buffered rows. */
  static rekeySlack = 4096;
  /**
   * A scan of an unindexed side may cover this many of its rows per row involved (rows added, rows it holds) before
   * the side is indexed instead: a covered row costs a comparison, an indexed row a hash insert, probes and a removal.
   */
  static scanBudget = 4;
  readonly stateId: string;
  private readonly residual: Kernel | undefined;
  /** Per side: judge lateness by the previous batch's watermark (a stateful operator feeds it; see pipeline.ts). */
  private readonly lateByPrevious: readonly [boolean, boolean];
  /**
   * Per side, the column (of the side's own) whose rows at or below the watermark less `lag` are late, or undefined:
   * none of its rows is. The node's `lateTimes` when set, else the side's time in the range with its lag.
   */
  private readonly lateTimes: readonly [LateTime | undefined, LateTime | undefined];
  private readonly lateRows: boolean;
  /** The output columns read above the join (undefined: all); the others go out as NULLs, not gathered. */
  private readonly read: ReadonlySet<number> | undefined;
  private late: arrow.RecordBatch[] = [];
  // Scratch buffers, reused across calls.
  private readonly mine = new IntBuf(1024);
  private readonly theirs = new IntBuf(1024);

  /**
   * `lateRows` keeps dropped rows for the query's late-row table: joined rows with the other side's columns NULL,
   * then `_event_time`.
   */
  constructor(node: JoinNode, bounds: TimeBounds | undefined, id: number,
    opts: { readonly lateByPrevious?: readonly [boolean, boolean]; readonly lateRows?: boolean; readonly read?: ReadonlySet<number> } = {}) {
    super(node, bounds);
    this.lateByPrevious = opts.lateByPrevious ?? [false, false];
    const nLeft = node.left.schema.length;
    const own = (t: LateTime | undefined, side: 0 | 1): LateTime | undefined =>
      (t && Number.isFinite(t.lag) ? { column: t.column - (side === 0 ? 0 : nLeft), lag: t.lag } : undefined);
    const byRange = (side: 0 | 1): LateTime | undefined =>
      (bounds ? { column: side === 0 ? bounds.leftTime : bounds.rightTime, lag: node.lags[side] } : undefined);
    this.lateTimes = [own(node.lateTimes ? node.lateTimes[0] : byRange(0), 0), own(node.lateTimes ? node.lateTimes[1] : byRange(1), 1)];
    this.lateRows = opts.lateRows === true;
    this.read = opts.read;
    this.stateId = `join-${id}`;
    this.residual = this.residualTerms.length
      ? compileExpr(this.residualTerms.reduce((a, b): BoundExpr => ({ kind: 'and', left: a, right: b, type: 'BOOLEAN' })))
      : undefined;
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
    // Rows at or below the watermark (less the lag) on the side's watermarked time are late (spec §4); a NULL time is
    // not late.
    const lt = this.lateTimes[side];
    const base = this.lateByPrevious[side] ? ctx.previousWatermark : ctx.watermark;
    const lateCol = lt && base !== undefined ? (cols[lt.column] as F64) : undefined;
    const lv = lateCol ? lateCol.values : undefined;
    const lValid = lateCol ? lateCol.valid : null;
    const wm = lt && base !== undefined ? base - lt.lag : -Infinity;
    const chunk = me.addChunk(cols, n, keys, this.arrowSource(batch, side));
    me.reserve(n);
    const a0 = me.added.n;
    let lateIds: number[] | undefined;
    let untimed: number[] | undefined;
    let orphans = false;
    for (let r = 0; r < n; r++) {
      if (lv && lv[r]! <= wm && (!lValid || lValid[r])) {
        // Late: it can never be matched or emitted correctly, so it is dropped.
        this.metrics.numRowsDroppedByWatermark++;
        if (this.lateRows) (lateIds ??= []).push(r);
        orphans = true;
        continue;
      }
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
      }
      const k = !raw || (masks && masks[r]) ? -1 : raw[r]!;
      me.placeNew(me.alloc(), chunk, r, t, k);
    }
    const added = this.placed(me, chunk, a0, n);
    // Keys only late or NULL-keyed rows had (NULL keys intern as zeros) are not kept.
    if (orphans && raw) for (let r = 0; r < n; r++) this.dropKeyIfUnused(raw[r]!);
    if (lateIds) this.keepLate(cols, lateIds, lateCol!, side);
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
      this.maybeRekey(IntervalJoinOperator.rekeySlack);
    }
    this.metrics.numRowsTotal = this.sides[0].live + this.sides[1].live;
    this.metrics.memoryUsedBytes = this.sides[0].bytes() + this.sides[1].bytes() + this.keys.capacity * (8 * this.keys.width + 21);
    return out;
  }
}
