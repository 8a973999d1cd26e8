// Hash aggregation, grouped and windowed, batch or stateful with watermark-driven late drop and eviction.

import type * as arrow from 'apache-arrow';
import type { DataType, EmitMode, Schema } from '../../common/types.js';
import type { PhysicalNode } from '../../planner/index.js';
import type { WindowSpec } from '../../planner/logical-plan.js';
import { compileExpr, evalInput } from '../kernels/compile-expr.js';
import type { Kernel } from '../kernels/kernel.js';
import { StrBuilder } from '../kernels/utf8.js';
import { batchFromVecs, column, type Vec } from '../vec.js';
import { makeAccumulator, type Accumulator } from './accumulators.js';
import { canon, GroupTable } from './group-table.js';
import { decodeNum, encodeNum, type BatchContext, type OperatorMetrics, type StatefulOperator, type StateDelta } from './operator.js';
import { StringDictionary } from './string-dictionary.js';

type AggNode = Extract<PhysicalNode, { kind: 'aggregate' }>;
type KeyValue = number | string | boolean | null;

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
  private accCapacity = 0;
  /** Per group: the event time that decides its eviction (window end, or the event-time key). */
  private evTime: Float64Array = new Float64Array(0);
  private dirtyFlag: Uint8Array = new Uint8Array(0);
  private dirty: number[] = [];
  private deleted: unknown[] = [];

  constructor(private readonly node: AggNode, private readonly inputSchema: Schema, private readonly mode: EmitMode) {
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

  private emit(ids: readonly number[]): arrow.RecordBatch[] {
    if (ids.length === 0) return [];
    const n = ids.length;
    const t = this.table;
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
    for (const a of this.accs) vecs.push(a.emit(ids, n));
    return [batchFromVecs(this.schema, vecs, n)];
  }

  private remove(g: number): void {
    this.deleted.push(this.keyValues(g));
    this.table.remove(g);
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
      out = this.emit(gone);
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

  private keyValues(g: number): KeyValue[] {
    const t = this.table;
    const out: KeyValue[] = [];
    if (this.window) out.push(t.keys[g * t.width]!);
    for (let j = 0; j < this.keyTypes.length; j++) {
      const lane = this.off + j;
      if (t.nulls[g]! & (1 << lane)) { out.push(null); continue; }
      const v = t.keys[g * t.width + lane]!;
      const dict = this.dicts[j];
      out.push(dict ? dict.decode(v) : this.keyTypes[j] === 'BOOLEAN' ? v === 1 : encodeNum(v) as number);
    }
    return out;
  }

  /** Loads saved key values into the scratch key; returns the NULL mask. */
  private loadSavedKey(values: readonly KeyValue[]): number {
    let m = 0;
    if (this.window) this.scratch[0] = decodeNum(values[0]);
    for (let j = 0; j < this.keyTypes.length; j++) {
      const v = values[this.off + j];
      const lane = this.off + j;
      if (v === null || v === undefined) { m |= 1 << lane; this.scratch[lane] = 0; continue; }
      const dict = this.dicts[j];
      this.scratch[lane] = dict ? dict.internString(v as string) : typeof v === 'boolean' ? (v ? 1 : 0) : canon(decodeNum(v));
    }
    return m;
  }

  private saveGroup(g: number): unknown {
    return [this.keyValues(g), encodeNum(this.evTime[g]!), this.accs.map((a) => a.save(g))];
  }

  private loadGroup(row: unknown): void {
    const [kv, ev, accs] = row as [KeyValue[], unknown, unknown[]];
    const g = this.group(this.loadSavedKey(kv), decodeNum(ev));
    this.evTime[g] = decodeNum(ev);
    this.accs.forEach((a, j) => a.load(g, accs[j]));
  }

  takeDelta(): StateDelta {
    const upserts = this.dirty.filter((g) => this.dirtyFlag[g] && this.table.live[g]).map((g) => this.saveGroup(g));
    for (const g of this.dirty) this.dirtyFlag[g] = 0;
    const deletes = this.deleted;
    this.dirty = [];
    this.deleted = [];
    return { upserts, deletes };
  }

  snapshot(): readonly unknown[] {
    return this.liveIds().map((g) => this.saveGroup(g));
  }

  private resetChanges(): void {
    for (const g of this.dirty) this.dirtyFlag[g] = 0;
    this.dirty = [];
    this.deleted = [];
    this.metrics.numRowsTotal = this.table.size;
  }

  restore(rows: readonly unknown[]): void {
    for (const r of rows) this.loadGroup(r);
    this.resetChanges();
  }

  applyDelta(delta: StateDelta): void {
    for (const key of delta.deletes) {
      const m = this.loadSavedKey(key as KeyValue[]);
      const g = this.table.find(this.scratch, m, this.table.hash(this.scratch, m));
      if (g >= 0) this.table.remove(g);
    }
    for (const r of delta.upserts) this.loadGroup(r);
    this.resetChanges();
  }
}
