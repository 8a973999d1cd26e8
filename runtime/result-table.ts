// The result-table sink: APPEND accumulates, UPDATE keeps the latest row per group key, COMPLETE the latest result.

import * as arrow from 'apache-arrow';
import type { EmitMode, Schema } from '../common/types.js';
import type { ScalarValue } from '../planner/index.js';
import { batchFromRows, rowsFromBatch } from './values.js';
import { batchFromVecs, column, concatVecs, emptyBatch } from './vec.js';

const keyOf = (row: readonly ScalarValue[], cols: readonly number[]): string =>
  JSON.stringify(cols.map((c) => { const v = row[c]; return typeof v === 'number' && !Number.isFinite(v) ? String(v) : v; }));

export class ResultTable {
  /** APPEND and COMPLETE keep Arrow batches as emitted (no per-row objects); UPDATE keeps rows by key. */
  private batches: arrow.RecordBatch[] = [];
  private readonly byKey = new Map<string, ScalarValue[]>();

  /**
   * `fullSchema` is what the plan emits (visible columns then hidden ones); `keyColumns` index into it.
   */
  constructor(readonly schema: Schema, readonly fullSchema: Schema, readonly mode: EmitMode, private readonly keyColumns: readonly number[] | undefined) {}

  private get keyed(): boolean {
    return this.mode === 'update' && this.keyColumns !== undefined;
  }

  /** UPDATE: deletes the rows whose key columns (in order) are a row of `batches` (see Operator.takeRetractions). */
  retract(batches: readonly arrow.RecordBatch[]): void {
    if (!this.keyed) return;
    const schema = this.keyColumns!.map((c) => this.fullSchema[c]!);
    const all = schema.map((_, i) => i);
    for (const b of batches) for (const row of rowsFromBatch(b, schema)) this.byKey.delete(keyOf(row, all));
  }

  /** Whether a checkpoint should store the whole table rather than the batch's rows. */
  get compactsEveryBatch(): boolean {
    return this.mode === 'complete';
  }

  /** Whether periodic compaction helps: an UPDATE table is bounded by its keys; APPEND files are already minimal. */
  get compacts(): boolean {
    return this.keyed;
  }

  /** Applies one micro-batch's output (batches in the full schema). */
  apply(batches: readonly arrow.RecordBatch[]): void {
    if (this.mode === 'complete') this.batches = [];
    for (const b of batches) {
      if (b.numRows === 0) continue;
      if (this.keyed) for (const row of rowsFromBatch(b, this.fullSchema)) this.byKey.set(keyOf(row, this.keyColumns!), row);
      else this.batches.push(b);
    }
  }

  private concat(schema: Schema): arrow.RecordBatch {
    if (this.keyed) return batchFromRows(schema, [...this.byKey.values()]);
    if (this.batches.length === 0) return emptyBatch(schema);
    const n = this.batches.reduce((s, b) => s + b.numRows, 0);
    return batchFromVecs(schema, schema.map((f, i) => concatVecs(this.batches.map((b) => column(b, i, f.type)), n)), n);
  }

  /** The visible table, for SELECT. */
  toBatch(): arrow.RecordBatch {
    return this.concat(this.schema);
  }

  /** Everything, hidden key columns included, for checkpoint compaction. */
  toFullTable(): arrow.Table {
    return new arrow.Table([this.concat(this.fullSchema)]);
  }

  /** Restores from a compacted full table. */
  load(table: arrow.Table): void {
    this.batches = [];
    this.byKey.clear();
    this.apply(table.batches);
  }
}
