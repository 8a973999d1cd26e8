// The default sink: the query's result table (SELECT * FROM q), kept with the checkpoint as `sink/` and `retract/` files.

import type * as arrow from 'apache-arrow';
import type { Schema } from '../../common/types.js';
import { SNAPSHOT_INTERVAL } from '../checkpoint.js';
import type { CheckpointStore } from '../checkpoint-store.js';
import type { ResultTable } from '../result-table.js';
import { emptyBatch } from '../vec.js';
import type { Sink, SinkBatch } from './sink.js';

export class ResultTableSink implements Sink {
  readonly description: string;
  /** The checkpoint's record of a batch without rows. */
  private noRows: arrow.RecordBatch | undefined;

  /**
   * `table` is looked up at every batch rather than held: the benchmark swaps the executor's table for one that only
   * counts rows. `fullSchema` is what the plan emits (hidden key columns included).
   */
  constructor(name: string, private readonly table: () => ResultTable, private readonly checkpoint: CheckpointStore, private readonly fullSchema: Schema) {
    this.description = `result table ${name}`;
  }

  /** Result table = latest compacted table up to the commit, then later batch files (each after its retractions). */
  open(lastCommitted: number | undefined): void {
    if (lastCommitted === undefined) return;
    const cp = this.checkpoint;
    const result = this.table();
    const sink = cp.readSink(lastCommitted);
    if (sink.table) result.load(sink.table);
    // A batch's retractions go before its rows (a compacted table already holds both).
    const retracted = new Map(cp.readSink(lastCommitted, 'retract').batches.filter((b) => b.id > sink.tableId).map((b) => [b.id, b.table]));
    for (const b of sink.batches) {
      const r = retracted.get(b.id);
      if (r) result.retract(r.batches);
      result.apply(b.table.batches);
    }
  }

  addBatch({ batchId: id, batches, retracted }: SinkBatch): boolean {
    const cp = this.checkpoint;
    const result = this.table();
    if (retracted.length) {
      cp.writeSinkBatch(id, retracted, 'batch', 'retract');
      result.retract(retracted);
    }
    result.apply(batches);
    const compact = result.compactsEveryBatch || (result.compacts && id % SNAPSHOT_INTERVAL === 0 && id > 0);
    if (compact) cp.writeSinkBatch(id, result.toFullTable().batches, 'table');
    else cp.writeSinkBatch(id, batches.length ? batches : [this.noRows ??= emptyBatch(this.fullSchema)], 'batch');
    return compact;
  }
}
