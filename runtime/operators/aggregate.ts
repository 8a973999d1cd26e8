// Hash aggregation, grouped and windowed, batch or stateful with watermark-driven late drop and eviction.

import type * as arrow from 'apache-arrow';
import type { DataType, EmitMode, Schema } from '../../common/types.js';
import type { PhysicalNode } from '../../planner/index.js';
import type { WindowSpec } from '../../planner/logical-plan.js';
import { compileExpr, evalInput } from '../kernels/compile-expr.js';
import type { Kernel } from '../kernels/kernel.js';
import { batchFromVecs, column, gather, type Vec } from '../vec.js';
import { makeAccumulator, type Accumulator } from './accumulators.js';
import { GroupTable } from './group-table.js';
import type { BatchContext, OperatorMetrics, StatefulOperator } from './operator.js';
import { StringDictionary } from './string-dictionary.js';
import { AssignBuffers, assignWindows, lastWindowStart } from './window-assign.js';
import { PaneKeys } from './pane-keys.js';
import { keyColumn, keyLanes } from './key-lanes.js';
import { lateBatch } from './late-rows.js';
import { aggregateStateBatch, aggregateStateSchema, checkStateColumns } from './aggregate-state.js';
import { IntBuf } from './int-buf.js';
import { rekeyStringLanes } from './rekey.js';

type AggNode = Extract<PhysicalNode, { kind: 'aggregate' }>;

function gatherF64(src: Float64Array, idx: Int32Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = src[idx[i]!]!;
  return out;
}

function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

function gatherI32(src: Int32Array, idx: ArrayLike<number>, n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = src[idx[i]!]!;
  return out;
}

export class AggregateOperator implements StatefulOperator {
  readonly schema: Schema;
  readonly stateId: string;
  readonly metrics: OperatorMetrics = { numRowsTotal: 0, numRowsUpdated: 0, numRowsRemoved: 0, numRowsDroppedByWatermark: 0, memoryUsedBytes: 0 };
  private readonly keyKernels: Kernel[];
  private readonly keyTypes: DataType[];
  private readonly argKernels: (Kernel | undefined)[];
  private readonly timeKernel: Kernel | undefined;
  private readonly window: WindowSpec | undefined;
  private readonly accs: Accumulator[];
  /** Key lanes: the window start first (when windowed), then the grouping keys. */
  private readonly off: number;
  private readonly table: GroupTable;
  private dicts: (StringDictionary | undefined)[];
  private readonly scratch: Float64Array;
  /**
   * Sliding windows in APPEND mode keep one partial per slide-long pane and key instead of one per window and key:
   * a row updates one pane, and a window is the merge of its panes when the watermark closes it.
   */
  private readonly panes: boolean;
  /** `late_rows`: keep every (row, window) pair or row the watermark drops, for the query's late-row table. */
  private readonly lateRows: boolean;
  /** Downstream of another stateful operator: rows are late by the previous batch's watermark (see pipeline.ts). */
  private readonly lateByPrevious: boolean;
  /** How far the eviction time may trail the watermark (rows out of a stream–stream join; planner/time-lag.ts). */
  private readonly lag: number;
  private late: arrow.RecordBatch[] = [];
  private readonly paneKeys: PaneKeys | undefined;
  /** Groups created by group() since the caller last took them (state loading attaches their pane keys). */
  private created: number[] = [];
  private accCapacity = 0;
  /** Per group: the event time that decides its eviction (window end, or the event-time key). */
  private dirtyFlag: Uint8Array = new Uint8Array(0);
  /** Groups changed since the last delta, each once (dirtyFlag marks them). */
  private readonly dirty = new IntBuf(1024);
  /** Scratch: the groups one process() call created. */
  private readonly createdNow = new IntBuf(1024);
  /** Scratch: the groups expiredIds() found. */
  private readonly expired = new IntBuf(1024);
  /** The highest eviction limit groups were removed at since the last delta (-Infinity: none). */
  private evictedUpTo = -Infinity;
  private readonly assignBuf = new AssignBuffers();
  private groupBuf = new Int32Array(0);

  /** `options.panes = false` turns the pane optimization off (the per-window path then serves every query). */
  constructor(private readonly node: AggNode, private readonly inputSchema: Schema, private readonly mode: EmitMode,
    options: { readonly panes?: boolean; readonly lateRows?: boolean; readonly lateByPrevious?: boolean } = {}) {
    this.lateRows = options.lateRows === true;
    this.lag = node.lag;
    this.lateByPrevious = options.lateByPrevious === true;
    this.schema = node.schema;
    this.stateId = `aggregate-${node.id}`;
    this.keyKernels = node.keys.map(compileExpr);
    this.keyTypes = node.keys.map((k) => k.type);
    this.argKernels = node.aggs.map((a) => (a.arg ? compileExpr(a.arg) : undefined));
    this.window = node.window;
    this.timeKernel = node.window ? compileExpr(node.window.time) : undefined;
    this.accs = node.aggs.map(makeAccumulator);
    this.off = node.window ? 1 : 0;
    // A window's groups go together when the watermark passes its end: one slot array per window (lane 0) drops them
    // at once, and probes stay within the window's slots.
    const byWindow = node.window !== undefined && node.stateful && node.eventTimeColumn !== undefined && mode !== 'complete';
    this.table = new GroupTable(this.off + node.keys.length, 1024, { partitionByLane0: byWindow });
    this.dicts = this.keyTypes.map((t) => (t === 'STRING' || t === 'NULL' ? new StringDictionary() : undefined));
    this.scratch = new Float64Array(Math.max(1, this.off + node.keys.length));
    const w = node.window;
    // Panes emit closing windows in begin(), before the batch's rows: downstream of another stateful operator rows
    // may still land in those windows (late only by the previous watermark), so that path keeps whole windows.
    this.panes = options.panes !== false && options.lateByPrevious !== true && node.stateful && mode === 'append' && node.eventTimeColumn !== undefined && w !== undefined
      && w.kind === 'hop' && w.slideMicros < w.sizeMicros && w.sizeMicros % w.slideMicros === 0
      && node.aggs.every((a) => a.fn !== 'first' && a.fn !== 'last');
    this.paneKeys = this.panes ? new PaneKeys(node.keys.length) : undefined;
  }

  /** A stateful SELECT DISTINCT (APPEND or UPDATE): rows go out as new keys arrive, not when groups change or close. */
  private get dedups(): boolean {
    return this.node.dedup && this.node.stateful && this.mode !== 'complete';
  }

  private get evictByTime(): boolean {
    return this.node.stateful && this.node.eventTimeColumn !== undefined;
  }

  private ensureCapacity(): void {
    const cap = this.table.capacity;
    if (cap <= this.accCapacity) return;
    for (const a of this.accs) a.grow(cap);
    const d = new Uint8Array(cap);
    d.set(this.dirtyFlag);
    this.dirtyFlag = d;
    this.accCapacity = cap;
  }

  /** The group of the key in `scratch` with NULL mask `m`, created (accumulators reset) if new. */
  private group(m: number): number {
    const t = this.table;
    let g = t.findOrInsert(this.scratch, m, t.hash(this.scratch, m));
    if (g < 0) {
      g = ~g;
      this.ensureCapacity();
      for (const a of this.accs) a.reset(g);
      this.created.push(g);
    }
    return g;
  }

  private markDirty(g: number): void {
    if (!this.dirtyFlag[g]) {
      this.dirtyFlag[g] = 1;
      this.dirty.push(g);
    }
  }

  process(batch: arrow.RecordBatch, ctx: BatchContext): arrow.RecordBatch[] {
    const n = batch.numRows;
    if (n === 0) return [];
    const inp = evalInput(n, (i) => column(batch, i, this.inputSchema[i]!.type));
    const { lanes, masks } = keyLanes(this.keyKernels.map((k) => k(inp)), n, this.dicts, this.off);
    const args = this.argKernels.map((k) => (k ? k(inp) : undefined));
    const base = this.evictByTime && this.mode !== 'complete' ? (this.lateByPrevious ? ctx.previousWatermark : ctx.watermark) : undefined;
    const wm = base === undefined ? undefined : base - this.lag;
    const buf = this.assignBuf;
    const w = this.window;
    let count: number;
    let dropped = 0;
    if (w) {
      const t = this.timeKernel!(inp) as Extract<Vec, { kind: 'f64' }>;
      const late = this.lateRows ? { rows: [], ends: [] } : undefined;
      ({ count, dropped } = assignWindows(t.values, t.valid, n, w, wm, this.panes, buf, late));
      if (late?.rows.length) this.late.push(lateBatch(batch, this.inputSchema, late.rows, late.ends, 'window'));
    } else {
      buf.ensure(n);
      const rows = buf.rows;
      count = 0;
      const evKey = this.evictByTime ? this.node.eventTimeColumn! : -1;
      if (evKey >= 0) {
        // The event-time key decides eviction; NULL times and times at or below the watermark are late.
        const evLane = lanes[evKey]!;
        const lateRows: number[] | undefined = this.lateRows ? [] : undefined;
        const bit = 1 << (evKey + this.off);
        for (let r = 0; r < n; r++) {
          if (masks && masks[r]! & bit) continue;
          if (wm !== undefined && evLane[r]! <= wm) {
            dropped++;
            lateRows?.push(r);
            continue;
          }
          rows[count++] = r;
        }
        if (lateRows?.length) this.late.push(lateBatch(batch, this.inputSchema, lateRows, lateRows.map((r) => evLane[r]!), 'event'));
      } else {
        for (let r = 0; r < n; r++) rows[r] = r;
        count = n;
      }
    }
    const rows = buf.rows;
    // Entry i groups by (window start, keys of row rows[i]); keys are gathered unless entries are the rows themselves
    // (every row in exactly one window or pane, or no window).
    const oneEach = !w || this.panes || (w.kind === 'hop' && w.sizeMicros <= w.slideMicros);
    const identity = oneEach && count === n;
    const entryLanes: Float64Array[] = w ? [buf.starts] : [];
    for (const l of lanes) entryLanes.push(identity ? l : gatherF64(l, rows, count));
    const entryMasks = masks && !identity ? gatherI32(masks, rows, count) : masks;
    const groups = (this.groupBuf = this.groupBuf.length >= count ? this.groupBuf : new Int32Array(Math.max(count, this.groupBuf.length * 2)));
    this.table.findOrInsertMany(entryLanes, entryMasks, count, groups);
    this.ensureCapacity();
    const created = this.createdNow;
    created.clear();
    for (let i = 0; i < count; i++) {
      let g = groups[i]!;
      if (g < 0) {
        g = ~g;
        groups[i] = g;
        created.push(g);
        for (const a of this.accs) a.reset(g);
      }
      if (!this.dirtyFlag[g]) {
        this.dirtyFlag[g] = 1;
        this.dirty.push(g);
      }
    }
    this.paneKeys?.attach(this.table, created.a, created.n);
    for (let j = 0; j < this.accs.length; j++) this.accs[j]!.update(groups, rows, count, args[j]);
    this.metrics.numRowsDroppedByWatermark += dropped;
    // Deduplication emits a key in the batch that first sees it, and never again.
    return this.dedups ? this.emit(created.view()) : [];
  }

  /**
   * Result rows of groups `ids` of `t`. With `windowStarts` (windows assembled from panes), row i takes its keys from
   * pane group ids[i], its window start from windowStarts[i] and its aggregates from row i of `accs`.
   */
  private emit(ids: ArrayLike<number>, t: GroupTable = this.table, accs: readonly Accumulator[] = this.accs,
    windowStarts?: Float64Array): arrow.RecordBatch[] {
    if (ids.length === 0) return [];
    const n = ids.length;
    const width = t.width;
    const vecs: Vec[] = [];
    if (this.window) {
      const starts = new Float64Array(n);
      const ends = new Float64Array(n);
      const w = this.window;
      for (let i = 0; i < n; i++) {
        const lane = t.keys[ids[i]! * width]!;
        if (w.kind === 'cumulate') {
          // Key lane 0 is the end; the start is that of the size-long period the window grows in.
          ends[i] = lane;
          starts[i] = lastWindowStart(lane - w.slideMicros, w.sizeMicros, w.startMicros);
        } else {
          starts[i] = windowStarts ? windowStarts[i]! : lane;
          ends[i] = starts[i]! + w.sizeMicros;
        }
      }
      vecs.push({ kind: 'f64', length: n, values: starts, valid: null }, { kind: 'f64', length: n, values: ends, valid: null });
    }
    for (let j = 0; j < this.keyTypes.length; j++) vecs.push(keyColumn(t, ids, this.off + j, this.dicts[j], this.keyTypes[j]!));
    const accIds = windowStarts ? identity(n) : ids;
    for (const a of accs) vecs.push(a.emit(accIds, n));
    return [batchFromVecs(this.schema, vecs, n)];
  }

  /** Panes: emits every window the batch's watermark closes, merging its live panes, before the batch's rows. */
  begin(ctx: BatchContext): arrow.RecordBatch[] {
    const wm = ctx.watermark;
    const w = this.window;
    if (!this.panes || wm === undefined || !w) return [];
    const plan = this.paneKeys!.plan(this.table, w, ctx.previousWatermark ?? -Infinity, wm);
    if (!plan) return [];
    const accs = this.node.aggs.map(makeAccumulator);
    for (const a of accs) {
      a.grow(plan.rows);
      for (let d = 0; d < plan.rows; d++) a.reset(d);
    }
    for (let j = 0; j < accs.length; j++) accs[j]!.merge(plan.dst, this.accs[j]!, plan.srcIds, plan.count);
    return this.emit(plan.rep.subarray(0, plan.rows), this.table, accs, plan.starts);
  }

  /** Removes groups `gone`, all those whose eviction time is at or below `wm` (so checkpoints record just `wm`). */
  private evict(gone: ArrayLike<number>, wm: number): void {
    if (!gone.length) return;
    const dirty = this.dirtyFlag;
    for (let i = 0; i < gone.length; i++) dirty[gone[i]!] = 0;
    if (this.paneKeys) for (let i = 0; i < gone.length; i++) this.paneKeys.detach(gone[i]!);
    this.table.removeMany(gone);
    this.metrics.numRowsRemoved += gone.length;
    this.evictedUpTo = Math.max(this.evictedUpTo, wm);
  }

  private liveIds(): Int32Array {
    const t = this.table;
    const out = new Int32Array(t.size);
    const live = t.live;
    let k = 0;
    for (let g = 0; g < t.high; g++) if (live[g]) out[k++] = g;
    return out.subarray(0, k);
  }

  /**
   * Live groups whose eviction time is at or below the watermark: one sweep of the key lane that holds it (a window
   * start ends `size` later, so starts are compared with wm - size; times are whole microseconds, so that is exact).
   */
  private expiredIds(wm: number): Int32Array {
    const t = this.table;
    const keys = t.keys;
    const live = t.live;
    const width = t.width;
    const high = t.high;
    const { evictionLane, evictionOffset } = this.evictionLane();
    const limit = wm - evictionOffset;
    const out = this.expired;
    out.clear();
    for (let g = 0, k = evictionLane ?? 0; g < high; g++, k += width) {
      if (live[g] && keys[k]! <= limit) out.push(g);
    }
    return out.view();
  }

  /**
   * The event time that decides when a group goes is key lane `evictionLane` plus `evictionOffset`: its window's end
   * (a cumulate window's end lane, or the start lane plus the size; for panes, the end of the pane's last window),
   * or its event-time key. No per-group array holds it. No lane when groups are not evicted by time.
   */
  private evictionLane(): { evictionLane: number | undefined; evictionOffset: number } {
    const w = this.window;
    if (!this.evictByTime) return { evictionLane: undefined, evictionOffset: 0 };
    if (!w) return { evictionLane: this.node.eventTimeColumn ?? 0, evictionOffset: 0 };
    return { evictionLane: 0, evictionOffset: w.kind === 'cumulate' ? 0 : w.sizeMicros };
  }

  finish(ctx: BatchContext): arrow.RecordBatch[] {
    const updated = this.changedIds(false);
    this.metrics.numRowsUpdated = updated.length;
    let out: arrow.RecordBatch[] = [];
    const wm = ctx.watermark === undefined ? undefined : ctx.watermark - this.lag;
    const global = this.node.keys.length === 0 && !this.window;
    if (global && this.table.size === 0) {
      // A global aggregate over no rows still has one result row (count 0, sum NULL), as in SQL; a streaming one
      // keeps it in its state from its first batch on, as Spark's does, even when no row has passed its filter yet.
      const g = this.group(0);
      if (this.node.stateful) this.markDirty(g);
    }
    if (!this.node.stateful || this.mode === 'complete') {
      out = this.emit(this.liveIds());
    } else if (this.mode === 'update') {
      // Spark's global aggregate yields its one row in every batch, so UPDATE emits it whether or not it changed.
      if (!this.dedups) out = this.emit(global ? this.liveIds() : updated);
      if (this.evictByTime && wm !== undefined) this.evict(this.expiredIds(wm), wm);
    } else {
      const gone = this.evictByTime && wm !== undefined ? this.expiredIds(wm) : new Int32Array(0);
      // With panes the windows were emitted by begin(); a pane goes once its last window has closed.
      if (!this.panes && !this.dedups) out = this.emit(gone);
      if (wm !== undefined) this.evict(gone, wm);
    }
    if (this.evictByTime) this.maybeRekey();
    this.metrics.numRowsTotal = this.table.size;
    this.metrics.memoryUsedBytes = this.stateBytes();
    return out;
  }

  /** Rebuilds the string keys' dictionaries once they outgrow the live groups (see rekey.ts); pane keys follow. */
  private maybeRekey(): void {
    const dicts = rekeyStringLanes(this.table, this.dicts, this.off);
    if (dicts === this.dicts) return;
    this.dicts = dicts;
    if (this.paneKeys) {
      const ids = this.liveIds();
      this.paneKeys.clear();
      this.paneKeys.attach(this.table, ids, ids.length);
    }
  }

  /** Distinct keys of live panes (0 without panes): they go with their last pane. */
  get paneKeyCount(): number {
    return this.paneKeys?.size ?? 0;
  }

  /** Bytes held per the typed arrays actually allocated, plus string dictionaries. */
  private stateBytes(): number {
    const t = this.table;
    // Per group of capacity: key lanes, NULL mask, live byte, dirty byte, accumulators; then the hash slots.
    const perGroup = 8 * Math.max(1, t.width) + 4 + 1 + 1 + this.accs.reduce((s, a) => s + a.bytesPerGroup(), 0);
    return t.capacity * perGroup + t.slotBytes + (this.paneKeys?.bytes ?? 0) + this.dicts.reduce((s, d) => s + (d ? d.bytes : 0), 0);
  }

  private stateSchema(): Schema {
    return aggregateStateSchema(this.table.width, this.off, this.dicts, this.accs);
  }

  /** The groups changed since the last delta that are still flagged (and, with `live`, not evicted since). */
  private changedIds(live: boolean): Int32Array {
    const d = this.dirty;
    const out = new Int32Array(d.n);
    const flag = this.dirtyFlag;
    const alive = this.table.live;
    let k = 0;
    for (let i = 0; i < d.n; i++) {
      const g = d.a[i]!;
      if (flag[g] && (!live || alive[g])) out[k++] = g;
    }
    return out.subarray(0, k);
  }

  private stateBatch(ids: Int32Array, evictedUpTo: number): arrow.RecordBatch {
    if (evictedUpTo > -Infinity) this.ensureCapacity();
    return aggregateStateBatch({
      table: this.table, off: this.off, dicts: this.dicts, accs: this.accs, ids, evictedUpTo,
      ...this.evictionLane(),
    });
  }

  /** Applies state rows: upserts load groups, deletes remove them. */
  private applyState(batch: arrow.RecordBatch): void {
    const n = batch.numRows;
    if (n === 0) return;
    const schema = this.stateSchema();
    checkStateColumns(batch, schema, this.stateId);
    const cols = schema.map((f, i) => column(batch, i, f.type));
    const w = this.table.width;
    const nulls = (cols[w] as Extract<Vec, { kind: 'f64' }>).values;
    const op = (cols[w + 2] as Extract<Vec, { kind: 'f64' }>).values;
    const groups = new Int32Array(n);
    const rows = new Int32Array(n);
    let count = 0;
    const loadKey = (r: number): number => {
      const m = nulls[r]!;
      for (let l = 0; l < w; l++) {
        const c = cols[l]!;
        if (m & (1 << l)) this.scratch[l] = 0;
        else this.scratch[l] = c.kind === 'str' ? this.dicts[l - this.off]!.intern(c.data, c.offsets[r]!, c.offsets[r + 1]!) : (c as Extract<Vec, { kind: 'f64' }>).values[r]!;
      }
      return m;
    };
    // Upserts first, then deletes (a state batch holds each key once, so the order is free), then eviction: in the
    // batch that wrote them, groups went after its rows were added.
    this.created = [];
    let evictUpTo = -Infinity;
    for (let r = 0; r < n; r++) {
      if (op[r] === 2) evictUpTo = Math.max(evictUpTo, (cols[w + 1] as Extract<Vec, { kind: 'f64' }>).values[r]!);
      if (op[r] === 1 || op[r] === 2) continue;
      const g = this.group(loadKey(r));
      groups[count] = g;
      rows[count++] = r;
    }
    this.paneKeys?.attach(this.table, this.created, this.created.length);
    this.created = [];
    for (let r = 0; r < n; r++) {
      if (op[r] !== 1) continue;
      const m = loadKey(r);
      const g = this.table.find(this.scratch, m, this.table.hash(this.scratch, m));
      if (g >= 0) {
        this.paneKeys?.detach(g);
        this.table.remove(g);
      }
    }
    let c = w + 3;
    for (const a of this.accs) {
      const k = a.stateTypes.length;
      const sub = cols.slice(c, c + k).map((v) => (count === n ? v : gather(v, rows, count)));
      a.loadState(groups, sub, count);
      c += k;
    }
    if (evictUpTo > -Infinity) {
      const gone = this.expiredIds(evictUpTo);
      for (const g of gone) this.paneKeys?.detach(g);
      this.table.removeMany(gone);
    }
    this.metrics.numRowsTotal = this.table.size;
  }

  /** Late rows kept since the last call (`late_rows`), with their window end or event time. */
  takeLate(): arrow.RecordBatch[] {
    const out = this.late;
    this.late = [];
    return out;
  }

  takeDelta(): arrow.RecordBatch {
    const changed = this.changedIds(true);
    const out = this.stateBatch(changed, this.evictedUpTo);
    this.resetChanges();
    return out;
  }

  snapshot(): arrow.RecordBatch[] {
    return [this.stateBatch(this.liveIds(), -Infinity)];
  }

  private resetChanges(): void {
    const d = this.dirty;
    for (let i = 0; i < d.n; i++) this.dirtyFlag[d.a[i]!] = 0;
    d.clear();
    this.evictedUpTo = -Infinity;
    this.metrics.numRowsTotal = this.table.size;
  }

  restore(snapshot: readonly arrow.RecordBatch[]): void {
    for (const g of this.liveIds()) this.table.remove(g);
    this.paneKeys?.clear();
    for (const b of snapshot) this.applyState(b);
    this.resetChanges();
  }

  applyDelta(delta: arrow.RecordBatch): void {
    this.applyState(delta);
    this.resetChanges();
  }
}
