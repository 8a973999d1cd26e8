// Hash aggregation, grouped and windowed, batch or stateful with watermark-driven late drop and eviction.

import type * as arrow from 'apache-arrow';
import type { DataType, EmitMode, Schema } from '../../common/types.js';
import type { PhysicalNode } from '../../planner/index.js';
import type { WindowSpec } from '../../planner/logical-plan.js';
import { compileExpr, evalInput } from '../kernels/compile-expr.js';
import type { Kernel } from '../kernels/kernel.js';
import { StrBuilder } from '../kernels/utf8.js';
import { batchFromVecs, column, gather, type Vec } from '../vec.js';
import { makeAccumulator, type Accumulator } from './accumulators.js';
import { canon, GroupTable } from './group-table.js';
import type { BatchContext, OperatorMetrics, StatefulOperator } from './operator.js';
import { StringDictionary } from './string-dictionary.js';

type AggNode = Extract<PhysicalNode, { kind: 'aggregate' }>;

/** One key column of a batch as a float64 lane (strings as dictionary ids) plus NULL bytes. */
interface Lane {
  readonly values: Float64Array;
  readonly valid: Uint8Array | null;
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
  private readonly dicts: (StringDictionary | undefined)[];
  private readonly scratch: Float64Array;
  /**
   * Sliding windows in APPEND mode keep one partial per slide-long pane and key instead of one per window and key:
   * a row updates one pane, and a window is the merge of its panes when the watermark closes it.
   */
  private readonly panes: boolean;
  private accCapacity = 0;
  /** Per group: the event time that decides its eviction (window end, or the event-time key). */
  private evTime: Float64Array = new Float64Array(0);
  private dirtyFlag: Uint8Array = new Uint8Array(0);
  private dirty: number[] = [];
  /** Key lanes and NULL masks of groups removed since the last delta. */
  private deletedKeys: number[] = [];
  private deletedNulls: number[] = [];

  /** `options.panes = false` turns the pane optimization off (the per-window path then serves every query). */
  constructor(private readonly node: AggNode, private readonly inputSchema: Schema, private readonly mode: EmitMode,
    options: { readonly panes?: boolean } = {}) {
    this.schema = node.schema;
    this.stateId = `aggregate-${node.id}`;
    this.keyKernels = node.keys.map(compileExpr);
    this.keyTypes = node.keys.map((k) => k.type);
    this.argKernels = node.aggs.map((a) => (a.arg ? compileExpr(a.arg) : undefined));
    this.window = node.window;
    this.timeKernel = node.window ? compileExpr(node.window.time) : undefined;
    this.accs = node.aggs.map(makeAccumulator);
    this.off = node.window ? 1 : 0;
    this.table = new GroupTable(this.off + node.keys.length);
    this.dicts = this.keyTypes.map((t) => (t === 'STRING' || t === 'NULL' ? new StringDictionary() : undefined));
    this.scratch = new Float64Array(Math.max(1, this.off + node.keys.length));
    const w = node.window;
    this.panes = options.panes !== false && node.stateful && mode === 'append' && node.eventTimeColumn !== undefined && w !== undefined
      && w.slideMicros < w.sizeMicros && w.sizeMicros % w.slideMicros === 0
      && node.aggs.every((a) => a.fn !== 'first' && a.fn !== 'last');
  }

  private get evictByTime(): boolean {
    return this.node.stateful && this.node.eventTimeColumn !== undefined;
  }

  private ensureCapacity(): void {
    const cap = this.table.capacity;
    if (cap <= this.accCapacity) return;
    for (const a of this.accs) a.grow(cap);
    const ev = new Float64Array(cap);
    ev.set(this.evTime);
    this.evTime = ev;
    const d = new Uint8Array(cap);
    d.set(this.dirtyFlag);
    this.dirtyFlag = d;
    this.accCapacity = cap;
  }

  /** The group of the key in `scratch` with NULL mask `m`, created (accumulators reset) if new. */
  private group(m: number, ev: number): number {
    const t = this.table;
    let g = t.findOrInsert(this.scratch, m, t.hash(this.scratch, m));
    if (g < 0) {
      g = ~g;
      this.ensureCapacity();
      for (const a of this.accs) a.reset(g);
      this.evTime[g] = ev;
    }
    return g;
  }

  private lanes(keys: readonly Vec[], n: number): Lane[] {
    return keys.map((v, j) => {
      switch (v.kind) {
        case 'f64': return { values: v.values, valid: v.valid };
        case 'bool': return { values: Float64Array.from(v.values), valid: v.valid };
        case 'str': {
          const ids = new Float64Array(n);
          this.dicts[j]!.internVec(v, ids);
          return { values: ids, valid: v.valid };
        }
      }
    });
  }

  /** Loads the grouping keys of row r into the scratch key; returns the NULL mask. */
  private loadKey(lanes: readonly Lane[], r: number): number {
    let m = 0;
    const off = this.off;
    for (let j = 0; j < lanes.length; j++) {
      const l = lanes[j]!;
      if (l.valid && !l.valid[r]) {
        m |= 1 << (j + off);
        this.scratch[j + off] = 0;
      } else {
        this.scratch[j + off] = canon(l.values[r]!);
      }
    }
    return m;
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
    const lanes = this.lanes(this.keyKernels.map((k) => k(inp)), n);
    const args = this.argKernels.map((k) => (k ? k(inp) : undefined));
    const wm = this.evictByTime && this.mode !== 'complete' ? ctx.watermark : undefined;
    let count = 0;
    let dropped = 0;
    const w = this.window;
    let groups: Int32Array;
    let rows: Int32Array;
    if (w) {
      const t = this.timeKernel!(inp) as Extract<Vec, { kind: 'f64' }>;
      const size = w.sizeMicros;
      const slide = w.slideMicros;
      const st = w.startMicros;
      const perRow = Math.ceil(size / slide);
      groups = new Int32Array(n * perRow);
      rows = new Int32Array(n * perRow);
      const tv = t.values;
      const tvalid = t.valid;
      for (let r = 0; r < n; r++) {
        if (tvalid && !tvalid[r]) continue;
        const ts = tv[r]!;
        // Floor division gives the last window start; the two checks correct float rounding at huge quotients.
        let last = Math.floor((ts - st) / slide) * slide + st;
        if (last > ts) last -= slide;
        else if (last + slide <= ts) last += slide;
        const m = this.loadKey(lanes, r);
        if (this.panes) {
          // The pane [last, last + slide) lies in perRow windows; the last of them ends at last + size.
          let closed = 0;
          if (wm !== undefined) for (let k = 0; k < perRow; k++) if (last - k * slide + size <= wm) closed++;
          dropped += closed;
          if (closed === perRow) continue;
          this.scratch[0] = last;
          const g = this.group(m, last + size);
          this.markDirty(g);
          groups[count] = g;
          rows[count++] = r;
          continue;
        }
        for (let k = 0; k < perRow; k++) {
          const start = last - k * slide;
          const end = start + size;
          if (ts >= end) break;
          if (wm !== undefined && end <= wm) { dropped++; continue; }
          this.scratch[0] = start;
          const g = this.group(m, end);
          this.markDirty(g);
          groups[count] = g;
          rows[count++] = r;
        }
      }
    } else {
      groups = new Int32Array(n);
      rows = new Int32Array(n);
      const evKey = this.evictByTime ? this.node.eventTimeColumn! : -1;
      const evLane = evKey >= 0 ? lanes[evKey]! : undefined;
      for (let r = 0; r < n; r++) {
        let ev = 0;
        if (evLane) {
          if (evLane.valid && !evLane.valid[r]) continue;
          ev = evLane.values[r]!;
          if (wm !== undefined && ev <= wm) { dropped++; continue; }
        }
        const m = this.loadKey(lanes, r);
        const g = this.group(m, ev);
        this.markDirty(g);
        groups[count] = g;
        rows[count++] = r;
      }
    }
    for (let j = 0; j < this.accs.length; j++) this.accs[j]!.update(groups, rows, count, args[j]);
    this.metrics.numRowsDroppedByWatermark += dropped;
    return [];
  }

  private emit(ids: readonly number[], t: GroupTable = this.table, accs: readonly Accumulator[] = this.accs): arrow.RecordBatch[] {
    if (ids.length === 0) return [];
    const n = ids.length;
    const width = t.width;
    const vecs: Vec[] = [];
    if (this.window) {
      const starts = new Float64Array(n);
      const ends = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        starts[i] = t.keys[ids[i]! * width]!;
        ends[i] = starts[i]! + this.window.sizeMicros;
      }
      vecs.push({ kind: 'f64', length: n, values: starts, valid: null }, { kind: 'f64', length: n, values: ends, valid: null });
    }
    for (let j = 0; j < this.keyTypes.length; j++) {
      const lane = this.off + j;
      const bit = 1 << lane;
      let valid: Uint8Array | null = null;
      for (let i = 0; i < n; i++) {
        if (t.nulls[ids[i]!]! & bit) {
          valid ??= new Uint8Array(n).fill(1);
          valid[i] = 0;
        }
      }
      const dict = this.dicts[j];
      if (dict) {
        const b = new StrBuilder(n);
        for (let i = 0; i < n; i++) {
          if (valid && !valid[i]) b.pushNull();
          else dict.appendTo(b, t.keys[ids[i]! * width + lane]!);
        }
        vecs.push(b.finish());
        continue;
      }
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = t.keys[ids[i]! * width + lane]!;
      vecs.push(this.keyTypes[j] === 'BOOLEAN'
        ? { kind: 'bool', length: n, values: Uint8Array.from(values), valid }
        : { kind: 'f64', length: n, values, valid });
    }
    for (const a of accs) vecs.push(a.emit(ids, n));
    return [batchFromVecs(this.schema, vecs, n)];
  }

  /** Panes: emits every window the batch's watermark closes, merging its live panes, before the batch's rows. */
  begin(ctx: BatchContext): arrow.RecordBatch[] {
    const wm = ctx.watermark;
    const w = this.window;
    if (!this.panes || wm === undefined || !w) return [];
    const prev = ctx.previousWatermark ?? -Infinity;
    const t = this.table;
    const width = t.width;
    const perRow = w.sizeMicros / w.slideMicros;
    const out = new GroupTable(width);
    const accs = this.node.aggs.map(makeAccumulator);
    let cap = 0;
    const key = this.scratch;
    for (let g = 0; g < t.high; g++) {
      if (!t.live[g]) continue;
      const p = t.keys[g * width]!;
      for (let k = 0; k < perRow; k++) {
        const start = p - k * w.slideMicros;
        const end = start + w.sizeMicros;
        if (end <= prev || end > wm) continue;
        key[0] = start;
        for (let l = 1; l < width; l++) key[l] = t.keys[g * width + l]!;
        let d = out.findOrInsert(key, t.nulls[g]!, out.hash(key, t.nulls[g]!));
        if (d < 0) {
          d = ~d;
          if (out.capacity > cap) { cap = out.capacity; for (const a of accs) a.grow(cap); }
          for (const a of accs) a.reset(d);
        }
        for (let j = 0; j < accs.length; j++) accs[j]!.merge(d, this.accs[j]!, g);
      }
    }
    const ids: number[] = [];
    for (let d = 0; d < out.high; d++) if (out.live[d]) ids.push(d);
    return this.emit(ids, out, accs);
  }

  private remove(g: number): void {
    const t = this.table;
    for (let l = 0; l < t.width; l++) this.deletedKeys.push(t.keys[g * t.width + l]!);
    this.deletedNulls.push(t.nulls[g]!);
    t.remove(g);
    this.dirtyFlag[g] = 0;
    this.metrics.numRowsRemoved++;
  }

  private liveIds(): number[] {
    const out: number[] = [];
    const live = this.table.live;
    for (let g = 0; g < this.table.high; g++) if (live[g]) out.push(g);
    return out;
  }

  finish(ctx: BatchContext): arrow.RecordBatch[] {
    const updated = this.dirty.filter((g) => this.dirtyFlag[g]);
    this.metrics.numRowsUpdated = updated.length;
    let out: arrow.RecordBatch[] = [];
    const wm = ctx.watermark;
    const expired = (g: number): boolean => this.evictByTime && wm !== undefined && this.evTime[g]! <= wm;
    if (!this.node.stateful && this.node.keys.length === 0 && !this.window && this.table.size === 0) {
      // A global aggregate over no rows still has one result row (count 0, sum NULL), as in SQL.
      this.group(0, 0);
    }
    if (!this.node.stateful || this.mode === 'complete') {
      out = this.emit(this.liveIds());
    } else if (this.mode === 'update') {
      out = this.emit(updated);
      if (this.evictByTime && wm !== undefined) for (const g of this.liveIds()) if (expired(g)) this.remove(g);
    } else {
      const gone = this.evictByTime && wm !== undefined ? this.liveIds().filter(expired) : [];
      // With panes the windows were emitted by begin(); a pane goes once its last window has closed.
      if (!this.panes) out = this.emit(gone);
      for (const g of gone) this.remove(g);
    }
    this.metrics.numRowsTotal = this.table.size;
    this.metrics.memoryUsedBytes = this.stateBytes();
    return out;
  }

  /** Bytes held per the typed arrays actually allocated, plus string dictionaries. */
  private stateBytes(): number {
    const t = this.table;
    const perGroup = 8 * Math.max(1, t.width) + 4 + 4 + 1 + 8 + 1 + 8 /* two hash slots */ + this.accs.reduce((s, a) => s + a.bytesPerGroup(), 0);
    return t.capacity * perGroup + this.dicts.reduce((s, d) => s + (d ? d.bytes : 0), 0);
  }

  /** Columns of a state row: key lanes (strings as STRING), NULL mask, event time, op (0 upsert, 1 delete), accumulators. */
  private stateSchema(): Schema {
    const f = (name: string, type: DataType): Schema[number] => ({ name, type, nullable: true });
    const lanes = Array.from({ length: this.table.width }, (_, l) => f(`_k${l}`, l >= this.off && this.dicts[l - this.off] ? 'STRING' : 'DOUBLE'));
    return [...lanes, f('_nulls', 'DOUBLE'), f('_ev', 'DOUBLE'), f('_op', 'DOUBLE'),
      ...this.accs.flatMap((a, j) => a.stateTypes.map((t, c) => f(`_a${j}_${c}`, t)))];
  }

  /** Key lane l of groups `ids` (key values read from the table, or from `keys`/`nulls` of deleted groups). */
  private laneVec(l: number, n: number, keyAt: (i: number, l: number) => number, maskAt: (i: number) => number): Vec {
    const dict = l >= this.off ? this.dicts[l - this.off] : undefined;
    const bit = 1 << l;
    if (dict) {
      const b = new StrBuilder(n);
      for (let i = 0; i < n; i++) {
        if (maskAt(i) & bit) b.pushNull();
        else dict.appendTo(b, keyAt(i, l));
      }
      return b.finish();
    }
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = maskAt(i) & bit ? 0 : keyAt(i, l);
    return { kind: 'f64', length: n, values, valid: null };
  }

  private stateBatch(ids: readonly number[]): arrow.RecordBatch {
    const t = this.table;
    const n = ids.length + this.deletedNulls.length;
    const live = ids.length;
    const keyAt = (i: number, l: number): number => (i < live ? t.keys[ids[i]! * t.width + l]! : this.deletedKeys[(i - live) * t.width + l]!);
    const maskAt = (i: number): number => (i < live ? t.nulls[ids[i]!]! : this.deletedNulls[i - live]!);
    const lanes = Array.from({ length: t.width }, (_, l) => this.laneVec(l, n, keyAt, maskAt));
    const num = (f: (i: number) => number): Vec => {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = f(i);
      return { kind: 'f64', length: n, values, valid: null };
    };
    const nulls = num(maskAt);
    const ev = num((i) => (i < live ? this.evTime[ids[i]!]! : 0));
    const op = num((i) => (i < live ? 0 : 1));
    // Deleted rows carry their key only; their accumulator columns repeat a live group's state or zeros.
    const accIds = Array.from({ length: n }, (_, i) => (i < live ? ids[i]! : 0));
    if (live < n) this.ensureCapacity();
    const accCols = this.accs.flatMap((a) => a.saveState(accIds, n));
    return batchFromVecs(this.stateSchema(), [...lanes, nulls, ev, op, ...accCols], n);
  }

  /** Applies state rows: upserts load groups, deletes remove them. */
  private applyState(batch: arrow.RecordBatch): void {
    const n = batch.numRows;
    if (n === 0) return;
    const schema = this.stateSchema();
    const cols = schema.map((f, i) => column(batch, i, f.type));
    const w = this.table.width;
    const nulls = (cols[w] as Extract<Vec, { kind: 'f64' }>).values;
    const ev = (cols[w + 1] as Extract<Vec, { kind: 'f64' }>).values;
    const op = (cols[w + 2] as Extract<Vec, { kind: 'f64' }>).values;
    const groups = new Int32Array(n);
    const rows = new Int32Array(n);
    let count = 0;
    for (let r = 0; r < n; r++) {
      const m = nulls[r]!;
      for (let l = 0; l < w; l++) {
        const c = cols[l]!;
        if (m & (1 << l)) this.scratch[l] = 0;
        else this.scratch[l] = c.kind === 'str' ? this.dicts[l - this.off]!.intern(c.data, c.offsets[r]!, c.offsets[r + 1]!) : (c as Extract<Vec, { kind: 'f64' }>).values[r]!;
      }
      if (op[r] === 1) {
        const g = this.table.find(this.scratch, m, this.table.hash(this.scratch, m));
        if (g >= 0) this.table.remove(g);
        continue;
      }
      const g = this.group(m, ev[r]!);
      this.evTime[g] = ev[r]!;
      groups[count] = g;
      rows[count++] = r;
    }
    let c = w + 3;
    for (const a of this.accs) {
      const k = a.stateTypes.length;
      const sub = cols.slice(c, c + k).map((v) => (count === n ? v : gather(v, rows, count)));
      a.loadState(groups, sub, count);
      c += k;
    }
    this.metrics.numRowsTotal = this.table.size;
  }

  takeDelta(): arrow.RecordBatch {
    const changed = this.dirty.filter((g) => this.dirtyFlag[g] && this.table.live[g]);
    const out = this.stateBatch(changed);
    this.resetChanges();
    return out;
  }

  snapshot(): arrow.RecordBatch {
    const saved = { keys: this.deletedKeys, nulls: this.deletedNulls };
    this.deletedKeys = [];
    this.deletedNulls = [];
    const out = this.stateBatch(this.liveIds());
    this.deletedKeys = saved.keys;
    this.deletedNulls = saved.nulls;
    return out;
  }

  private resetChanges(): void {
    for (const g of this.dirty) this.dirtyFlag[g] = 0;
    this.dirty = [];
    this.deletedKeys = [];
    this.deletedNulls = [];
    this.metrics.numRowsTotal = this.table.size;
  }

  restore(snapshot: arrow.RecordBatch | undefined): void {
    for (const g of this.liveIds()) this.table.remove(g);
    if (snapshot) this.applyState(snapshot);
    this.resetChanges();
  }

  applyDelta(delta: arrow.RecordBatch): void {
    this.applyState(delta);
    this.resetChanges();
  }
}
