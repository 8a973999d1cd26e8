// Hash aggregation, grouped and windowed, batch or stateful with watermark-driven late drop and eviction.

import type * as arrow from 'apache-arrow';
import type { DataType, Schema } from '../../common/types.js';
import type { EmitMode } from '../../common/types.js';
import type { PhysicalNode } from '../../planner/index.js';
import type { WindowSpec } from '../../planner/logical-plan.js';
import { compileExpr, evalInput } from '../kernels/compile-expr.js';
import type { Kernel } from '../kernels/kernel.js';
import { strAt } from '../kernels/utf8.js';
import { vecFromValues } from '../values.js';
import { keyPart } from '../row-key.js';
import { batchFromVecs, column, type Vec } from '../vec.js';
import { makeAccumulator, type Accumulator } from './accumulators.js';
import { decodeNum, encodeNum, type BatchContext, type OperatorMetrics, type StatefulOperator, type StateDelta } from './operator.js';

type AggNode = Extract<PhysicalNode, { kind: 'aggregate' }>;
type KeyValue = number | string | boolean | null;

function keyValue(v: Vec, r: number): KeyValue {
  if (v.valid && !v.valid[r]) return null;
  switch (v.kind) {
    case 'f64': return v.values[r]!;
    case 'bool': return v.values[r] === 1;
    case 'str': return strAt(v, r);
  }
}

function keyString(values: readonly KeyValue[]): string {
  return values.map((v) => (v === null ? '~' : typeof v === 'string' ? `${v.length}:${v}` : typeof v === 'boolean' ? (v ? 'T' : 'F') : String(v))).join('|');
}

export class AggregateOperator implements StatefulOperator {
  readonly schema: Schema;
  readonly stateId: string;
  readonly metrics: OperatorMetrics = { numRowsTotal: 0, numRowsUpdated: 0, numRowsRemoved: 0, numRowsDroppedByWatermark: 0, memoryUsedBytes: 0 };
  private readonly keyKernels: Kernel[];
  private readonly argKernels: (Kernel | undefined)[];
  private readonly timeKernel: Kernel | undefined;
  private readonly window: WindowSpec | undefined;
  private readonly accs: Accumulator[];
  private readonly ids = new Map<string, number>();
  /** Per group id: its key string (undefined when free), key values (window start first), event time. */
  private keyStrs: (string | undefined)[] = [];
  private keyVals: KeyValue[][] = [];
  private evTime: Float64Array = new Float64Array(0);
  private readonly free: number[] = [];
  private capacity = 0;
  private dirty = new Set<number>();
  private deleted = new Set<string>();

  constructor(private readonly node: AggNode, private readonly inputSchema: Schema, private readonly mode: EmitMode) {
    this.schema = node.schema;
    this.stateId = `aggregate-${node.id}`;
    this.keyKernels = node.keys.map(compileExpr);
    this.argKernels = node.aggs.map((a) => (a.arg ? compileExpr(a.arg) : undefined));
    this.window = node.window;
    this.timeKernel = node.window ? compileExpr(node.window.time) : undefined;
    this.accs = node.aggs.map(makeAccumulator);
  }

  private get evictByTime(): boolean {
    return this.node.stateful && this.node.eventTimeColumn !== undefined;
  }

  private grow(): void {
    const cap = Math.max(64, this.capacity * 2);
    for (const a of this.accs) a.grow(cap);
    const ev = new Float64Array(cap);
    ev.set(this.evTime);
    this.evTime = ev;
    this.capacity = cap;
  }

  private groupFor(key: string, values: KeyValue[], ev: number): number {
    let g = this.ids.get(key);
    if (g !== undefined) return g;
    g = this.free.pop();
    if (g === undefined) {
      g = this.keyStrs.length;
      if (g >= this.capacity) this.grow();
      this.keyStrs.push(undefined);
      this.keyVals.push([]);
    }
    this.ids.set(key, g);
    this.keyStrs[g] = key;
    this.keyVals[g] = values;
    this.evTime[g] = ev;
    for (const a of this.accs) a.reset(g);
    this.deleted.delete(key);
    return g;
  }

  process(batch: arrow.RecordBatch, ctx: BatchContext): arrow.RecordBatch[] {
    const n = batch.numRows;
    if (n === 0) return [];
    const inp = evalInput(n, (i) => column(batch, i, this.inputSchema[i]!.type));
    const keys = this.keyKernels.map((k) => k(inp));
    const args = this.argKernels.map((k) => (k ? k(inp) : undefined));
    const wm = this.evictByTime && this.mode !== 'complete' ? ctx.watermark : undefined;
    const groups = new Int32Array(n);
    const rows = new Int32Array(n);
    let count = 0;
    let dropped = 0;
    const flush = (): void => {
      this.accs.forEach((a, j) => a.update(groups, rows, count, args[j]));
      count = 0;
    };
    const w = this.window;
    if (w) {
      const t = this.timeKernel!(inp) as Extract<Vec, { kind: 'f64' }>;
      const perRow = Math.ceil(w.sizeMicros / w.slideMicros);
      for (let k = 0; k < perRow; k++) {
        for (let r = 0; r < n; r++) {
          if (t.valid && !t.valid[r]) continue;
          const ts = t.values[r]!;
          const rem = (((ts - w.startMicros) % w.slideMicros) + w.slideMicros) % w.slideMicros;
          const start = ts - rem - k * w.slideMicros;
          const end = start + w.sizeMicros;
          if (!(start <= ts && ts < end)) continue;
          if (wm !== undefined && end <= wm) { dropped++; continue; }
          const values: KeyValue[] = [start];
          let key = String(start);
          for (const kv of keys) {
            key += '|' + keyPart(kv, r);
            values.push(keyValue(kv, r));
          }
          const g = this.groupFor(key, values, end);
          this.dirty.add(g);
          groups[count] = g;
          rows[count++] = r;
        }
        flush();
      }
    } else {
      const evKey = this.evictByTime ? this.node.eventTimeColumn! : -1;
      for (let r = 0; r < n; r++) {
        const values: KeyValue[] = [];
        let key = '';
        for (const kv of keys) {
          key += (key ? '|' : '') + keyPart(kv, r);
          values.push(keyValue(kv, r));
        }
        const ev = evKey >= 0 ? (values[evKey] as number | null) : null;
        if (evKey >= 0 && ev === null) continue;
        if (wm !== undefined && ev !== null && ev <= wm) { dropped++; continue; }
        const g = this.groupFor(key, values, ev ?? 0);
        this.dirty.add(g);
        groups[count] = g;
        rows[count++] = r;
      }
      flush();
    }
    this.metrics.numRowsDroppedByWatermark += dropped;
    return [];
  }

  private emit(ids: readonly number[]): arrow.RecordBatch[] {
    if (ids.length === 0) return [];
    const n = ids.length;
    const vecs: Vec[] = [];
    const nk = this.node.keys.length;
    if (this.window) {
      const starts = ids.map((g) => this.keyVals[g]![0] as number);
      vecs.push(vecFromValues(starts, 'TIMESTAMP'), vecFromValues(starts.map((s) => s + this.window!.sizeMicros), 'TIMESTAMP'));
    }
    const off = this.window ? 1 : 0;
    for (let k = 0; k < nk; k++) vecs.push(vecFromValues(ids.map((g) => this.keyVals[g]![off + k]!), this.node.keys[k]!.type));
    for (const a of this.accs) vecs.push(a.emit(ids, n));
    return [batchFromVecs(this.schema, vecs, n)];
  }

  private remove(g: number): void {
    const key = this.keyStrs[g]!;
    this.ids.delete(key);
    this.keyStrs[g] = undefined;
    this.keyVals[g] = [];
    this.free.push(g);
    this.dirty.delete(g);
    this.deleted.add(key);
    this.metrics.numRowsRemoved++;
  }

  private liveIds(): number[] {
    const out: number[] = [];
    for (let g = 0; g < this.keyStrs.length; g++) if (this.keyStrs[g] !== undefined) out.push(g);
    return out;
  }

  finish(ctx: BatchContext): arrow.RecordBatch[] {
    this.metrics.numRowsUpdated = this.dirty.size;
    let out: arrow.RecordBatch[] = [];
    const wm = ctx.watermark;
    const expired = (g: number): boolean => this.evictByTime && wm !== undefined && this.evTime[g]! <= wm;
    if (!this.node.stateful && this.node.keys.length === 0 && !this.window && this.ids.size === 0) {
      // A global aggregate over no rows still has one result row (count 0, sum NULL), as in SQL.
      this.groupFor('', [], 0);
    }
    if (!this.node.stateful || this.mode === 'complete') {
      out = this.emit(this.liveIds());
    } else if (this.mode === 'update') {
      out = this.emit([...this.dirty].sort((a, b) => a - b));
      for (const g of this.liveIds()) if (expired(g)) this.remove(g);
    } else {
      const gone = this.liveIds().filter(expired);
      out = this.emit(gone);
      for (const g of gone) this.remove(g);
    }
    this.metrics.numRowsTotal = this.ids.size;
    this.metrics.memoryUsedBytes = this.ids.size * this.bytesPerGroup();
    return out;
  }

  private bytesPerGroup(): number {
    return 64 + 16 * (this.node.keys.length + 1) + this.accs.reduce((s, a) => s + a.bytesPerGroup(), 0);
  }

  private saveGroup(g: number): unknown {
    return [this.keyVals[g]!.map((v) => (typeof v === 'number' ? encodeNum(v) : v)), encodeNum(this.evTime[g]!), this.accs.map((a) => a.save(g))];
  }

  private loadGroup(row: unknown): void {
    const [kv, ev, accs] = row as [KeyValue[], unknown, unknown[]];
    const types: DataType[] = [...(this.window ? ['TIMESTAMP' as DataType] : []), ...this.node.keys.map((k) => k.type)];
    const values = kv.map((v, i) => (v !== null && types[i] !== 'STRING' && types[i] !== 'BOOLEAN' ? decodeNum(v) : v));
    const g = this.groupFor(keyString(values), values, decodeNum(ev));
    this.accs.forEach((a, j) => a.load(g, accs[j]));
  }

  takeDelta(): StateDelta {
    const upserts = [...this.dirty].filter((g) => this.keyStrs[g] !== undefined).map((g) => this.saveGroup(g));
    const deletes = [...this.deleted];
    this.dirty = new Set();
    this.deleted = new Set();
    return { upserts, deletes };
  }

  snapshot(): readonly unknown[] {
    return this.liveIds().map((g) => this.saveGroup(g));
  }

  restore(rows: readonly unknown[]): void {
    for (const r of rows) this.loadGroup(r);
    this.dirty = new Set();
    this.deleted = new Set();
    this.metrics.numRowsTotal = this.ids.size;
  }

  applyDelta(delta: StateDelta): void {
    for (const key of delta.deletes) {
      const g = this.ids.get(key);
      if (g !== undefined) this.remove(g);
    }
    for (const r of delta.upserts) this.loadGroup(r);
    this.dirty = new Set();
    this.deleted = new Set();
    this.metrics.numRowsTotal = this.ids.size;
  }
}
