// Runs one query through the real engine path: parse, plan, micro-batch executor with checkpoints, result-table sink.

import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Schema } from '../common/types.js';
import { parseStatement } from '../grammar/index.js';
import { Catalog, planQuery, type ScalarValue } from '../planner/index.js';
import { CheckpointDir, MemorySource, MicroBatchExecutor, rowsFromBatch, type BatchProgress, type StreamSource } from '../runtime/index.js';
import { StreamingQuery } from '../src/streaming-query.js';
import { SOURCE_SQL, parseSource, type Dataset } from './dataset.js';

/** Milliseconds summed over all micro-batches, as the executor reports them in each batch's progress. */
export interface EngineBreakdown {
  /** Reading the source range (here: handing over the pre-generated batches). */
  getBatch: number;
  /** Running the operator chain. */
  addBatch: number;
  /** State deltas/snapshots, result-table update and sink file: everything between the chain and the commit. */
  walCommit: number;
  /** Writing the commit marker. */
  commitOffsets: number;
}

export interface EngineRun {
  readonly seconds: number;
  readonly microBatches: number;
  readonly emittedRows: number;
  readonly breakdown: EngineBreakdown;
  /** Dropped as too late by the watermark, summed over batches (0 expected: disorder is below the delay). */
  readonly droppedLate: number;
}

export interface EngineResult {
  readonly schema: Schema;
  readonly rows: ScalarValue[][];
}

/**
 * Mirrors Engine.createQuery + Engine.trigger (src/engine.ts), except that the source is a MemorySource we hold,
 * filled with the pre-generated batches before the clock starts. The Engine keeps its sources private, and
 * INSERT INTO would mean generating SQL literals for a million rows.
 */
export class EngineBench {
  private readonly catalog = new Catalog();
  private readonly schema: Schema;
  private runs = 0;

  constructor(private readonly checkpointRoot: string) {
    const { stmt, schema } = parseSource(SOURCE_SQL);
    this.schema = schema;
    this.catalog.add({ kind: 'source', name: stmt.name.name, schema, watermark: undefined, options: {} });
  }

  /**
   * One timed run of `sql` (a CREATE QUERY) over all of `data`. `onStop` runs right after the clock stops (to read
   * the RSS peak); `keep` then reads the result table back (untimed); the checkpoint directory is deleted.
   */
  run(data: Dataset, sql: string, keep: boolean, onStop?: () => void): { run: EngineRun; result: EngineResult | undefined } {
    const source = new MemorySource('bids', this.schema, data.batchSize, false);
    for (const group of data.microBatches) for (const b of group) source.append(b);
    const sources = new Map<string, StreamSource>([['bids', source]]);
    const dir = path.join(this.checkpointRoot, `run-${++this.runs}`);
    const breakdown: EngineBreakdown = { getBatch: 0, addBatch: 0, walCommit: 0, commitOffsets: 0 };
    let emittedRows = 0;
    let microBatches = 0;
    let droppedLate = 0;
    const onProgress = (p: BatchProgress): void => {
      microBatches++;
      breakdown.getBatch += p.durationMs.getBatch;
      breakdown.addBatch += p.durationMs.addBatch;
      breakdown.walCommit += p.durationMs.walCommit;
      breakdown.commitOffsets += p.durationMs.commitOffsets;
      for (const s of p.stateOperators) droppedLate += s.numRowsDroppedByWatermark;
    };

    const t0 = performance.now();
    const stmt = parseStatement(sql);
    if (stmt.kind !== 'createQuery') throw new Error(`expected CREATE QUERY, got ${stmt.kind}`);
    const name = stmt.name.name;
    const plan = planQuery(stmt.query, this.catalog, true);
    const fingerprint = createHash('sha256').update(JSON.stringify(plan.root)).digest('hex').slice(0, 16);
    const queryId = randomUUID();
    const query = new StreamingQuery(name, plan.schema, plan.mode, plan.orderBy, plan.sources, () => new MicroBatchExecutor({
      name, queryId, plan, sources, checkpoint: new CheckpointDir(dir), fingerprint,
    }));
    const subs = [
      query.output$.subscribe((b) => { emittedRows += b.table.numRows; }),
      query.progress$.subscribe(onProgress),
    ];
    query.start();
    query.processAllAvailable();
    const seconds = (performance.now() - t0) / 1000;
    onStop?.();

    for (const s of subs) s.unsubscribe();
    const result = keep ? { schema: query.schema, rows: rowsFromBatch(query.resultTable(), query.schema) } : undefined;
    query.complete();
    fs.rmSync(dir, { recursive: true, force: true });
    return { run: { seconds, microBatches, emittedRows, breakdown, droppedLate }, result };
  }
}
