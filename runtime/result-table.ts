// The result-table sink: APPEND accumulates, UPDATE keeps the latest row per group key, COMPLETE the latest result.

import * as arrow from 'apache-arrow';
import type { Schema } from '../common/types.js';
import type { EmitMode } from '../common/types.js';
import type { ScalarValue } from '../planner/index.js';
import { batchFromRows, rowsFromBatch } from './values.js';

const keyOf = (row: readonly ScalarValue[], cols: readonly number[]): string =>
  JSON.stringify(cols.map((c) => { const v = row[c]; return typeof v === 'number' && !Number.isFinite(v) ? String(v) : v; }));

export class ResultTable {
  private appendRows: ScalarValue[][] = [];
  private readonly byKey = new Map<string, ScalarValue[]>();

  /**
   * `fullSchema` is what the plan emits (visible columns then hidden ones); `keyColumns` index into it.
   */
  constructor(readonly schema: Schema, readonly fullSchema: Schema, readonly mode: EmitMode, private readonly keyColumns: readonly number[] | undefined) {}

  private get keyed(): boolean {
    return this.mode === 'update' && this.keyColumns !== undefined;
  }

  /** Applies one micro-batch's output (batches in the full schema). */
  apply(batches: readonly arrow.RecordBatch[]): void {
    if (this.mode === 'complete') this.appendRows = [];
    for (const b of batches) {
      if (b.numRows === 0) continue;
      for (const row of rowsFromBatch(b, this.fullSchema)) {
        if (this.keyed) this.byKey.set(keyOf(row, this.keyColumns!), row);
        else this.appendRows.push(row);
      }
    }
  }

  rows(): ScalarValue[][] {
    const full = this.keyed ? [...this.byKey.values()] : this.appendRows;
    return full.map((r) => r.slice(0, this.schema.length));
  }

  /** The visible table, for SELECT. */
  toBatch(): arrow.RecordBatch {
    return batchFromRows(this.schema, this.rows());
  }

  /** Everything, hidden key columns included, for checkpoint compaction. */
  toFullTable(): arrow.Table {
    const rows = this.keyed ? [...this.byKey.values()] : this.appendRows;
    return new arrow.Table([batchFromRows(this.fullSchema, rows)]);
  }

  /** Restores from a compacted full table. */
  load(table: arrow.Table): void {
    this.appendRows = [];
    this.byKey.clear();
    this.apply(table.batches);
  }
}
