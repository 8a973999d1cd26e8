// The late-row table of a query (`WITH (late_rows = 'name')`): its schema, and each dropping operator's rows in it.

import * as arrow from 'apache-arrow';
import type { DataType, Field, Schema } from '../common/types.js';
import { physicalChildren, type PhysicalNode } from '../planner/physical-plan.js';
import { isStreaming } from './pipeline.js';
import { makeBatch, nullVec, toArrow } from './vec.js';

/** An operator whose watermark drops rows: a stateful aggregation with an event time, or a stream–stream join. */
export interface LateDropper {
  readonly node: Extract<PhysicalNode, { kind: 'aggregate' | 'join' }>;
  /** Its `_operator` value: `aggregate 3`, `deduplicate 1` or `join 5`, with the id EXPLAIN prints for it. */
  readonly label: string;
  /** For each column of the operator's late batches (its input columns, then the deciding time): the table column. */
  readonly columns: readonly number[];
}

export interface LateTable {
  readonly schema: Schema;
  /** In EXPLAIN order (a pre-order walk of the plan, a shared subplan once). */
  readonly droppers: readonly LateDropper[];
  /** Index of `_operator`, or -1 (one dropper: the table keeps the single-operator schema). */
  readonly operatorColumn: number;
  readonly batchColumn: number;
  readonly watermarkColumn: number;
}

const isDropper = (n: PhysicalNode): n is LateDropper['node'] =>
  (n.kind === 'aggregate' && n.stateful && n.eventTimeColumn !== undefined)
  || (n.kind === 'join' && (n.bounds !== undefined || n.lateTimes !== undefined) && !n.windowJoin && isStreaming(n.left) && isStreaming(n.right));

const label = (n: LateDropper['node']): string =>
  `${n.kind === 'join' ? 'join' : n.dedup ? 'deduplicate' : 'aggregate'} ${n.id}`;

/** The column deciding lateness: a window's end (windows, sessions), else the row's event time. */
const timeName = (n: LateDropper['node']): '_window_end' | '_event_time' =>
  n.kind === 'aggregate' && n.window ? '_window_end' : '_event_time';

/** A join's columns, a name both sides have as name_left / name_right (so each can be selected). */
function bySide(schema: Schema, nLeft: number): Field[] {
  const dup = (name: string): boolean => schema.filter((f) => f.name === name).length > 1;
  return schema.map((f, i) => ({ ...f, name: dup(f.name) ? `${f.name}_${i < nLeft ? 'left' : 'right'}` : f.name, nullable: true }));
}

/** The node whose rows a subplan passes on unchanged in shape (through filters). */
const shapeOf = (n: PhysicalNode): PhysicalNode =>
  (n.kind === 'stage' && n.steps.every((s) => s.kind === 'filter') ? shapeOf(n.input) : n);

/**
 * An operator's late columns before its time: an aggregation's input, a join's joined columns (see bySide). In a
 * chain, an aggregation over a join's rows names its input the same way, so the two share their columns.
 */
function ownColumns(n: LateDropper['node'], chain: boolean): Field[] {
  if (n.kind === 'join') return bySide(n.schema, n.left.schema.length);
  const j = shapeOf(n.input);
  if (chain && j.kind === 'join') return bySide(n.input.schema, j.left.schema.length);
  return [...n.input.schema];
}

const ts = (name: string): Field => ({ name, type: 'TIMESTAMP', nullable: true });
const BATCH: Field = { name: '_batch', type: 'BIGINT', nullable: false };
const RESERVED = new Set(['_operator', '_batch', '_watermark', '_window_end', '_event_time']);

/**
 * The table a query's late rows go to (`WITH (late_rows = 'name')`), or undefined when no operator drops rows.
 *
 * One dropper: its late columns (an aggregation's input columns; a stream–stream join's joined columns, the other
 * side NULL, a name both sides have as name_left / name_right; a name of the table's own, like `_batch`, or one seen
 * before as name_<id>, id the dropper's), then `_batch`, `_watermark`, and `_window_end` (windows, sessions) or
 * `_event_time` (an event-time key, deduplication, a join).
 *
 * Several (chains): `_operator` (which one dropped the row: `aggregate 3`, `deduplicate 1`, `join 5`, with the id
 * EXPLAIN prints for it, which the plan fingerprint keeps stable across restarts), then every dropper's columns,
 * nullable, in EXPLAIN order (a pre-order walk; a shared subplan once), so that every column can be selected: a name
 * seen before with the same type is the same column; a name droppers have with different types (or one of the
 * table's own, like `_batch`) is name_<id>, id the dropper's; the second column of a name within one dropper is
 * name_<id> too (and shared with the second of later droppers). An aggregation right over a join names its input as
 * the join does (name_left / name_right), so the two share columns. Then `_batch`, `_watermark`, and `_window_end`
 * and/or `_event_time` (each present when some dropper decides by it). A row's columns from other droppers are NULL.
 */
export function lateTable(root: PhysicalNode): LateTable | undefined {
  const droppers: LateDropper['node'][] = [];
  const seen = new Set<PhysicalNode>();
  const walk = (n: PhysicalNode): void => {
    // A shared subplan is one operator, reached once per use.
    if (seen.has(n)) return;
    seen.add(n);
    if (isDropper(n)) droppers.push(n);
    physicalChildren(n).forEach(walk);
  };
  walk(root);
  if (droppers.length === 0) return undefined;
  if (droppers.length === 1) {
    const d = droppers[0]!;
    // As in chains: an input column named like one of the table's own (`_batch`, ...) is name_<id>, and a name the
    // input has twice gets a suffix the second time, so every column can be selected.
    const taken = new Set<string>(RESERVED);
    const cols = ownColumns(d, false).map((f) => {
      let name = f.name;
      if (taken.has(name)) {
        const suffixed = `${f.name}_${d.id}`;
        name = suffixed;
        for (let k = 2; taken.has(name); k++) name = `${suffixed}_${k}`;
      }
      taken.add(name);
      return name === f.name ? f : { ...f, name };
    });
    const k = cols.length;
    return {
      schema: [...cols, BATCH, ts('_watermark'), ts(timeName(d))],
      droppers: [{ node: d, label: label(d), columns: [...cols.map((_, i) => i), k + 2] }],
      operatorColumn: -1, batchColumn: k, watermarkColumn: k + 1,
    };
  }
  const own = droppers.map((d) => ownColumns(d, true));
  const types = new Map<string, Set<DataType>>();
  for (const f of own.flat()) {
    const s = types.get(f.name) ?? new Set<DataType>();
    types.set(f.name, s.add(f.type));
  }
  const cols: Field[] = [{ name: '_operator', type: 'STRING', nullable: false }];
  const taken = new Set<string>(RESERVED);
  // Keyed by type, name and use: a dropper's n-th column of a name and type is the n-th such column of every other.
  const byUse = new Map<string, number>();
  const mapped = droppers.map((d, j) => {
    const uses = new Map<string, number>();
    return own[j]!.map((f) => {
      const suffixed = `${f.name}_${d.id}`;
      const name = types.get(f.name)!.size > 1 || RESERVED.has(f.name) ? suffixed : f.name;
      const n = uses.get(`${f.type} ${name}`) ?? 0;
      uses.set(`${f.type} ${name}`, n + 1);
      const key = `${f.type} ${name} ${n}`;
      const at = byUse.get(key);
      if (at !== undefined) return at;
      // A name used again, or one generated already: a name no column has.
      let fresh = n === 0 ? name : suffixed;
      for (let k = 2; taken.has(fresh); k++) fresh = `${suffixed}_${k}`;
      taken.add(fresh);
      cols.push({ name: fresh, type: f.type, nullable: true });
      byUse.set(key, cols.length - 1);
      return cols.length - 1;
    });
  });
  const batchColumn = cols.length;
  cols.push(BATCH, ts('_watermark'));
  const timeCols = (['_window_end', '_event_time'] as const).filter((t) => droppers.some((d) => timeName(d) === t));
  for (const t of timeCols) cols.push(ts(t));
  return {
    schema: cols,
    droppers: droppers.map((d, j) => ({ node: d, label: label(d), columns: [...mapped[j]!, batchColumn + 2 + timeCols.indexOf(timeName(d))] })),
    operatorColumn: 0, batchColumn, watermarkColumn: batchColumn + 1,
  };
}

/** The late-row table's schema (see lateTable), or undefined when no operator drops rows. */
export function lateTableSchema(root: PhysicalNode): Schema | undefined {
  return lateTable(root)?.schema;
}

const utf8 = new TextEncoder();

/** `n` copies of one string, without a per-row value. */
function constString(s: string, n: number): arrow.Data {
  const bytes = utf8.encode(s);
  const offsets = new Int32Array(n + 1);
  const data = new Uint8Array(bytes.length * n);
  for (let i = 0; i < n; i++) {
    data.set(bytes, i * bytes.length);
    offsets[i + 1] = (i + 1) * bytes.length;
  }
  return arrow.makeData({ type: new arrow.Utf8(), length: n, valueOffsets: offsets, data });
}

/** `n` copies of one BIGINT or TIMESTAMP (micros), or `n` NULLs when it is undefined. */
function constInt64(type: 'BIGINT' | 'TIMESTAMP', v: number | undefined, n: number): arrow.Data {
  if (v === undefined) return toArrow(nullVec(type, n), type);
  const data = new BigInt64Array(n).fill(BigInt(v));
  return type === 'BIGINT'
    ? arrow.makeData({ type: new arrow.Int64(), length: n, data })
    : arrow.makeData({ type: new arrow.TimestampMicrosecond('UTC'), length: n, data });
}

/**
 * One late batch of `dropper` (its late columns, then its deciding time) as rows of the table: its columns moved to
 * theirs (zero-copy), `_operator`, `_batch` and the watermark in effect filled in, every other column NULL.
 */
export function toLateRows(t: LateTable, dropper: LateDropper, batch: arrow.RecordBatch, batchId: number, watermark: number | undefined): arrow.RecordBatch {
  const src = batch.data.children;
  if (src.length !== dropper.columns.length) throw new Error(`late rows of ${dropper.label}: ${src.length} columns, expected ${dropper.columns.length}`);
  const n = batch.numRows;
  const out: (arrow.Data | undefined)[] = new Array<arrow.Data | undefined>(t.schema.length);
  dropper.columns.forEach((c, i) => { out[c] = src[i]!; });
  if (t.operatorColumn >= 0) out[t.operatorColumn] = constString(dropper.label, n);
  out[t.batchColumn] = constInt64('BIGINT', batchId, n);
  out[t.watermarkColumn] = constInt64('TIMESTAMP', watermark, n);
  const children = t.schema.map((f, i) => out[i] ?? toArrow(nullVec(f.type, n), f.type));
  return makeBatch(t.schema, children, n);
}
