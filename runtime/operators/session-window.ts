// Session windows: per key, a row opens [ts, ts + gap) and sessions that overlap or touch merge (spec §2).

import type * as arrow from 'apache-arrow';
import type { DataType, EmitMode, Schema } from '../../common/types.js';
import type { PhysicalNode } from '../../planner/index.js';
import { compileExpr, evalInput } from '../kernels/compile-expr.js';
import type { Kernel } from '../kernels/kernel.js';
import { batchFromVecs, column, gather, nullVec, type Vec } from '../vec.js';
import { makeAccumulator, type Accumulator } from './accumulators.js';
import { checkStateColumns } from './aggregate-state.js';
import { GroupTable } from './group-table.js';
import type { BatchContext, OperatorMetrics, StatefulOperator } from './operator.js';
import { StringDictionary } from './string-dictionary.js';
import { rekeyStringLanes } from './rekey.js';
import { keyColumn, keyLanes } from './key-lanes.js';
import { lateBatch } from './late-rows.js';

type AggNode = Extract<PhysicalNode, { kind: 'aggregate' }>;
const f64 = (values: Float64Array, n: number): Vec => ({ kind: 'f64', length: n, values, valid: null });

/**
 * Sessions live in arrays indexed by a session id (start, end, key id); each key keeps its sessions' ids sorted by
 * start. A batch's rows are sorted by (key, time) and folded into sessions of their own first, which then merge
 * with the stored sessions they overlap or touch; the merged session keeps the lowest id and the others go.
 * APPEND emits a session once its end is at or below the watermark, COMPLETE every session every batch. UPDATE
 * emits the sessions a batch changed and retracts the rows they (and the sessions merged into them) were emitted as.
 */
export class SessionWindowOperator implements StatefulOperator {
  readonly schema: Schema;
  readonly stateId: string;
  readonly metrics: OperatorMetrics = { numRowsTotal: 0, numRowsUpdated: 0, numRowsRemoved: 0, numRowsDroppedByWatermark: 0, memoryUsedBytes: 0 };
  private readonly gap: number;
  private readonly timeKernel: Kernel;
  private readonly keyKernels: Kernel[];
  private readonly keyTypes: DataType[];
  private readonly argKernels: (Kernel | undefined)[];
  private readonly accs: Accumulator[];
  private dicts: (StringDictionary | undefined)[];
  private keys: GroupTable;
  /** sessionsOf[keyId]: the key's live session ids, by start. */
  private sessionsOf: number[][] = [];
  private start = new Float64Array(0);
  private end = new Float64Array(0);
  private keyOf = new Int32Array(0);
  private live = new Uint8Array(0);
  /** UPDATE: the start and end each session was last emitted with (NaN: never), i.e. its row's key downstream. */
  private emStart = new Float64Array(0);
  private emEnd = new Float64Array(0);
  /** UPDATE: emitted rows (start, end, key id) that a merge or a change of range has replaced this batch. */
  private retracted: { start: number[]; end: number[]; key: number[] } = { start: [], end: [], key: [] };
  private free: number[] = [];
  private high = 0;
  private size = 0;
  private changed = new Set<number>();
  /** Within one process() call: sessions merged away, and the session that absorbed each. */
  private readonly movedTo = new Map<number, number>();
  private folding = false;
  private pendingFree: number[] = [];
  private deleted: number[] = [];

  private late: arrow.RecordBatch[] = [];

  /** `lateRows`: keep the rows the watermark drops (with their own session's end) for the late-row table. */
  constructor(private readonly node: AggNode, private readonly inputSchema: Schema, private readonly mode: EmitMode,
    private readonly lateRows = false, private readonly lateByPrevious = false) {
    this.schema = node.schema;
    this.stateId = `session-${node.id}`;
    this.gap = node.window!.sizeMicros;
    this.timeKernel = compileExpr(node.window!.time);
    this.keyKernels = node.keys.map(compileExpr);
    this.keyTypes = node.keys.map((k) => k.type);
    this.argKernels = node.aggs.map((a) => (a.arg ? compileExpr(a.arg) : undefined));
    this.accs = node.aggs.map(makeAccumulator);
    this.dicts = this.keyTypes.map((t) => (t === 'STRING' || t === 'NULL' ? new StringDictionary() : undefined));
    this.keys = new GroupTable(node.keys.length);
  }

  private get evicts(): boolean {
    return this.node.stateful && this.mode !== 'complete' && this.node.eventTimeColumn !== undefined;
  }

  /** Makes room for session ids below `n`. */
  private ensure(n: number): void {
    if (n <= this.start.length) return;
    const cap = Math.max(1024, n, Math.ceil(this.start.length * 1.5));
    const grow = <T extends Float64Array | Int32Array | Uint8Array>(a: T, make: (k: number) => T): T => { const b = make(cap); b.set(a); return b; };
    this.start = grow(this.start, (k) => new Float64Array(k));
    this.end = grow(this.end, (k) => new Float64Array(k));
    this.keyOf = grow(this.keyOf, (k) => new Int32Array(k));
    this.live = grow(this.live, (k) => new Uint8Array(k));
    this.emStart = grow(this.emStart, (k) => new Float64Array(k));
    this.emEnd = grow(this.emEnd, (k) => new Float64Array(k));
    for (const a of this.accs) a.grow(cap);
  }

  private newSession(key: number, s: number, e: number): number {
    const id = this.free.length ? this.free.pop()! : this.high++;
    this.ensure(id + 1);
    this.start[id] = s;
    this.end[id] = e;
    this.keyOf[id] = key;
    this.live[id] = 1;
    this.emStart[id] = NaN;
    this.emEnd[id] = NaN;
    for (const a of this.accs) a.reset(id);
    this.size++;
    return id;
  }

  private dropSession(id: number, record: boolean): void {
    const key = this.keyOf[id]!;
    const list = this.sessionsOf[key]!;
    list.splice(list.indexOf(id), 1);
    if (list.length === 0) this.keys.remove(key);
    this.live[id] = 0;
    // Ids freed while a batch is folded in are reused only afterwards, so `movedTo` never names a reborn id.
    (this.folding ? this.pendingFree : this.free).push(id);
    this.size--;
    this.changed.delete(id);
    if (record) this.deleted.push(id);
  }

  process(batch: arrow.RecordBatch, ctx: BatchContext): arrow.RecordBatch[] {
    const n = batch.numRows;
    if (n === 0) return [];
    const inp = evalInput(n, (i) => column(batch, i, this.inputSchema[i]!.type));
    const t = this.timeKernel(inp) as Extract<Vec, { kind: 'f64' }>;
    const base = this.evicts ? (this.lateByPrevious ? ctx.previousWatermark : ctx.watermark) : undefined;
    const wm = base === undefined ? undefined : base - this.node.lag;
    // Rows with a time whose own session [ts, ts + gap) already closed are late.
    const rows: number[] = [];
    const late: number[] = [];
    for (let r = 0; r < n; r++) {
      if (t.valid && !t.valid[r]) continue;
      if (wm !== undefined && t.values[r]! + this.gap <= wm) {
        this.metrics.numRowsDroppedByWatermark++;
        if (this.lateRows) late.push(r);
        continue;
      }
      rows.push(r);
    }
    if (late.length) this.late.push(lateBatch(batch, this.inputSchema, late, late.map((r) => t.values[r]! + this.gap), 'window'));
    if (rows.length === 0) return [];
    const { lanes, masks } = keyLanes(this.keyKernels.map((k) => k(inp)), n, this.dicts);
    const keyId = new Int32Array(n);
    this.keys.findOrInsertMany(lanes, masks, n, keyId);
    for (let r = 0; r < n; r++) {
      if (keyId[r]! < 0) {
        keyId[r] = ~keyId[r]!;
        this.sessionsOf[keyId[r]!] = [];
      }
    }
    // Keys that only NULL-time or late rows created hold no session: give them back.
    const ts = t.values;
    sortByKeyThenTime(rows, keyId, ts, this.keys.high);
    const target = new Int32Array(rows.length);
    this.folding = true;
    let i = 0;
    while (i < rows.length) {
      // One batch-local session: rows of one key whose windows chain without a gap.
      const key = keyId[rows[i]!]!;
      let j = i + 1;
      let e = ts[rows[i]!]! + this.gap;
      while (j < rows.length && keyId[rows[j]!] === key && ts[rows[j]!]! <= e) {
        e = Math.max(e, ts[rows[j]!]! + this.gap);
        j++;
      }
      const id = this.mergeInto(key, ts[rows[i]!]!, e);
      for (let k = i; k < j; k++) target[k] = id;
      i = j;
    }
    for (let r = 0; r < n; r++) if (this.sessionsOf[keyId[r]!]!.length === 0) this.releaseKey(keyId[r]!);
    // A later merge in this batch may have folded an earlier target into another session: follow the moves.
    for (let k = 0; k < target.length; k++) {
      let id = target[k]!;
      while (this.movedTo.has(id)) id = this.movedTo.get(id)!;
      target[k] = id;
    }
    this.movedTo.clear();
    this.folding = false;
    this.free.push(...this.pendingFree);
    this.pendingFree = [];
    const rowIdx = Int32Array.from(rows);
    const args = this.argKernels.map((k) => (k ? k(inp) : undefined));
    for (let a = 0; a < this.accs.length; a++) this.accs[a]!.update(target, rowIdx, rows.length, args[a]);
    return [];
  }

  private releaseKey(key: number): void {
    if (this.sessionsOf[key]!.length !== 0 || !this.keys.live[key]) return;
    this.keys.remove(key);
  }

  /** The session of `key` that [s, e) lands in, after merging every stored session it overlaps or touches. */
  private mergeInto(key: number, s: number, e: number): number {
    const list = this.sessionsOf[key]!;
    const hits = list.filter((id) => this.start[id]! <= e && s <= this.end[id]!);
    let id: number;
    if (hits.length === 0) {
      id = this.newSession(key, s, e);
      const at = list.findIndex((x) => this.start[x]! > s);
      list.splice(at < 0 ? list.length : at, 0, id);
    } else {
      id = Math.min(...hits);
      for (const other of hits) {
        s = Math.min(s, this.start[other]!);
        e = Math.max(e, this.end[other]!);
      }
      const rest = hits.filter((x) => x !== id);
      if (rest.length) {
        const dst = new Int32Array(rest.length).fill(id);
        const src = Int32Array.from(rest);
        for (const a of this.accs) a.merge(dst, a, src, rest.length);
        for (const other of rest) {
          this.retract(other);
          this.dropSession(other, true);
          this.movedTo.set(other, id);
        }
      }
      this.start[id] = s;
      this.end[id] = e;
      list.sort((a, b) => this.start[a]! - this.start[b]!);
    }
    this.changed.add(id);
    return id;
  }

  /** UPDATE: the row session `id` was last emitted as no longer holds (it merged away, or its range grew). */
  private retract(id: number): void {
    if (this.mode !== 'update' || this.emStart[id] !== this.emStart[id]) return;
    this.retracted.start.push(this.emStart[id]!);
    this.retracted.end.push(this.emEnd[id]!);
    this.retracted.key.push(this.keyOf[id]!);
    this.emStart[id] = NaN;
    this.emEnd[id] = NaN;
  }

  /**
   * The keys (window start, window end, group keys: the first columns of the output) of rows emitted earlier that
   * merges have replaced, for the result table to delete before this batch's rows go in.
   */
  takeRetractions(): arrow.RecordBatch[] {
    const r = this.retracted;
    const n = r.start.length;
    if (n === 0) return [];
    this.retracted = { start: [], end: [], key: [] };
    const vecs: Vec[] = [f64(Float64Array.from(r.start), n), f64(Float64Array.from(r.end), n),
      ...this.keyTypes.map((type, j) => keyColumn(this.keys, Int32Array.from(r.key), j, this.dicts[j], type))];
    return [batchFromVecs(this.schema.slice(0, 2 + this.keyTypes.length), vecs, n)];
  }

  private liveIds(): number[] {
    const out: number[] = [];
    for (let id = 0; id < this.high; id++) if (this.live[id]) out.push(id);
    return out;
  }

  private emit(ids: readonly number[]): arrow.RecordBatch[] {
    const n = ids.length;
    if (n === 0) return [];
    const idx = Int32Array.from(ids);
    const vecs: Vec[] = [f64(gatherF64(this.start, idx), n), f64(gatherF64(this.end, idx), n), ...this.keyColumns(idx)];
    for (const a of this.accs) vecs.push(a.emit(idx, n));
    return [batchFromVecs(this.schema, vecs, n)];
  }

  /** Key columns of sessions `idx`, from the key table (strings back from their dictionary). */
  private keyColumns(idx: Int32Array): Vec[] {
    const keyIds = Int32Array.from(idx, (id) => this.keyOf[id]!);
    return this.keyTypes.map((type, j) => keyColumn(this.keys, keyIds, j, this.dicts[j], type));
  }

  finish(ctx: BatchContext): arrow.RecordBatch[] {
    this.metrics.numRowsUpdated = this.changed.size;
    let out: arrow.RecordBatch[] = [];
    if (!this.node.stateful || this.mode === 'complete') {
      out = this.emit(this.liveIds());
    } else if (this.mode === 'update') {
      // Changed sessions go out with their new range and values; the rows they were emitted as before go.
      const changed = [...this.changed].filter((id) => this.live[id]).sort((a, b) => a - b);
      for (const id of changed) if (this.emStart[id] !== this.start[id] || this.emEnd[id] !== this.end[id]) this.retract(id);
      out = this.emit(changed);
      for (const id of changed) {
        this.emStart[id] = this.start[id]!;
        this.emEnd[id] = this.end[id]!;
      }
      if (this.evicts && ctx.watermark !== undefined) {
        // Closed sessions leave state silently: their last row stays in the result table.
        const wm = ctx.watermark - this.node.lag;
        const gone = this.liveIds().filter((id) => this.end[id]! <= wm);
        for (const id of gone) this.dropSession(id, true);
        this.metrics.numRowsRemoved += gone.length;
      }
    } else if (this.evicts && ctx.watermark !== undefined) {
      const wm = ctx.watermark - this.node.lag;
      const gone = this.liveIds().filter((id) => this.end[id]! <= wm);
      out = this.emit(gone);
      for (const id of gone) this.dropSession(id, true);
      this.metrics.numRowsRemoved += gone.length;
    }
    // Keys leave with their last session: their strings leave the dictionaries too (rekey.ts).
    if (this.evicts) this.dicts = rekeyStringLanes(this.keys, this.dicts, 0);
    this.metrics.numRowsTotal = this.size;
    this.metrics.memoryUsedBytes = this.start.length * (8 + 8 + 4 + 1 + this.accs.reduce((s, a) => s + a.bytesPerGroup(), 0))
      + this.keys.capacity * (8 * Math.max(1, this.keys.width) + 4 + 1) + this.keys.slotBytes
      + this.dicts.reduce((s, d) => s + (d ? d.bytes : 0), 0);
    return out;
  }

  // ---- checkpoints: one row per session (its id, key lanes, NULL mask, start, end, accumulator state, the range it was
  // last emitted with), _op 1 deletes

  private stateSchema(): Schema {
    const f = (name: string, type: DataType): Schema[number] => ({ name, type, nullable: true });
    return [f('_sid', 'DOUBLE'), f('_op', 'DOUBLE'), f('_start', 'DOUBLE'), f('_end', 'DOUBLE'), f('_nulls', 'DOUBLE'),
      ...this.keyTypes.map((t, j) => f(`_k${j}`, this.dicts[j] ? 'STRING' : 'DOUBLE')),
      ...this.accs.flatMap((a, j) => a.stateTypes.map((t, c) => f(`_a${j}_${c}`, t))), f('_es', 'DOUBLE'), f('_ee', 'DOUBLE')];
  }

  private stateRows(ids: readonly number[], deletes: readonly number[]): arrow.RecordBatch {
    const all = Int32Array.from([...ids, ...deletes]);
    const n = all.length;
    const live = ids.length;
    const num = (fn: (i: number) => number): Vec => {
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) v[i] = fn(i);
      return f64(v, n);
    };
    // Deleted sessions carry only their id; their other columns repeat session 0's or a live one's values.
    const safe = Int32Array.from(all, (id, i) => (i < live ? id : ids[0] ?? 0));
    // Without a live session there is no key to repeat: deletes then carry NULL keys.
    const keyCols = live > 0 ? this.keyColumns(safe) : this.keyTypes.map((_, j) => (this.dicts[j] ? nullVec('STRING', n) : f64(new Float64Array(n), n)));
    const nulls = num((i) => this.keys.nulls[this.keyOf[safe[i]!]!] ?? 0);
    return batchFromVecs(this.stateSchema(), [
      num((i) => all[i]!), num((i) => (i < live ? 0 : 1)), num((i) => this.start[safe[i]!] ?? 0), num((i) => this.end[safe[i]!] ?? 0), nulls,
      ...keyCols, ...this.accs.flatMap((a) => a.saveState(safe, n)), num((i) => this.emStart[safe[i]!] ?? NaN), num((i) => this.emEnd[safe[i]!] ?? NaN),
    ], n);
  }

  takeLate(): arrow.RecordBatch[] {
    const out = this.late;
    this.late = [];
    return out;
  }

  takeDelta(): arrow.RecordBatch {
    const out = this.stateRows([...this.changed].filter((id) => this.live[id]), this.deleted);
    this.changed.clear();
    this.deleted = [];
    return out;
  }

  snapshot(): arrow.RecordBatch[] {
    return [this.stateRows(this.liveIds(), [])];
  }

  restore(snapshot: readonly arrow.RecordBatch[]): void {
    this.keys = new GroupTable(this.node.keys.length);
    this.sessionsOf = [];
    this.live.fill(0);
    this.free = [];
    this.high = 0;
    this.size = 0;
    for (const b of snapshot) this.applyDelta(b);
    this.changed.clear();
    this.deleted = [];
  }

  applyDelta(delta: arrow.RecordBatch): void {
    const n = delta.numRows;
    const schema = this.stateSchema();
    checkStateColumns(delta, schema, this.stateId);
    const cols = schema.map((f, i) => column(delta, i, f.type));
    const num = (c: number): Float64Array => (cols[c] as Extract<Vec, { kind: 'f64' }>).values;
    const [sid, op, start, end, nulls] = [num(0), num(1), num(2), num(3), num(4)];
    const [emStart, emEnd] = [num(schema.length - 2), num(schema.length - 1)];
    const kc = cols.slice(5, 5 + this.keyTypes.length);
    const upserts: number[] = [];
    for (let r = 0; r < n; r++) {
      const id = sid[r]!;
      if (id < this.high && this.live[id]) this.dropSession(id, false);
      if (op[r] === 1) continue;
      upserts.push(r);
    }
    if (!upserts.length) return;
    const rows = Int32Array.from(upserts);
    const picked = kc.map((v) => gather(v, rows, rows.length));
    const masks = Int32Array.from(upserts, (r) => nulls[r]!);
    const { lanes } = keyLanes(picked, rows.length, this.dicts);
    for (let i = 0; i < rows.length; i++) for (let j = 0; j < lanes.length; j++) if (masks[i]! & (1 << j)) lanes[j]![i] = 0;
    const keyId = new Int32Array(rows.length);
    this.keys.findOrInsertMany(lanes, masks, rows.length, keyId);
    const ids = new Int32Array(rows.length);
    rows.forEach((r, i) => {
      let key = keyId[i]!;
      if (key < 0) {
        key = ~key;
        this.sessionsOf[key] = [];
      }
      const id = this.claim(sid[r]!);
      this.start[id] = start[r]!;
      this.end[id] = end[r]!;
      this.emStart[id] = emStart[r]!;
      this.emEnd[id] = emEnd[r]!;
      this.keyOf[id] = key;
      const list = this.sessionsOf[key]!;
      list.push(id);
      list.sort((a, b) => this.start[a]! - this.start[b]!);
      ids[i] = id;
    });
    let c = 5 + this.keyTypes.length;
    for (const a of this.accs) {
      const k = a.stateTypes.length;
      a.loadState(ids, cols.slice(c, c + k).map((v) => gather(v, rows, rows.length)), rows.length);
      c += k;
    }
    this.metrics.numRowsTotal = this.size;
  }

  /** Takes session id `id` as checkpointed, so later deltas name the same sessions. */
  private claim(id: number): number {
    this.ensure(id + 1);
    while (this.high <= id) this.free.push(this.high++);
    const at = this.free.indexOf(id);
    if (at >= 0) this.free.splice(at, 1);
    this.live[id] = 1;
    this.size++;
    for (const a of this.accs) a.reset(id);
    return id;
  }
}

function gatherF64(src: Float64Array, idx: Int32Array): Float64Array {
  const out = new Float64Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = src[idx[i]!]!;
  return out;
}

/**
 * Orders rows by key id, then time: a stable counting sort by key, then a check per key that costs one pass when
 * its rows already arrive in time order (the usual case); only out-of-order keys are sorted by comparison.
 */
function sortByKeyThenTime(rows: number[], key: Int32Array, ts: Float64Array, keys: number): void {
  const start = new Int32Array(keys + 1);
  for (const r of rows) start[key[r]! + 1]!++;
  for (let k = 0; k < keys; k++) start[k + 1]! += start[k]!;
  const at = start.slice();
  const out = new Int32Array(rows.length);
  for (const r of rows) out[at[key[r]!]!++] = r;
  for (let k = 0; k < keys; k++) {
    let sorted = true;
    for (let i = start[k]! + 1; i < start[k + 1]! && sorted; i++) if (ts[out[i - 1]!]! > ts[out[i]!]!) sorted = false;
    // Out-of-order keys fall back to a (stable) comparison sort of their own rows only.
    if (!sorted) out.subarray(start[k]!, start[k + 1]!).sort((a, b) => ts[a]! - ts[b]!);
  }
  for (let i = 0; i < rows.length; i++) rows[i] = out[i]!;
}
