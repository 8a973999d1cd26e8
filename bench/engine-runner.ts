// Runs one query through the engine's real path: parse, plan, micro-batch executor, checkpoint, sink.

import { createHash, randomUUID } from 'node:crypto';
import type { Schema } from '../common/types.js';
import { parseStatement } from '../grammar/index.js';
import { Catalog, planQuery } from '../planner/index.js';
import { MicroBatchExecutor, type BatchOutput, type StreamSource } from '../runtime/index.js';
import { KeyedChecksummer, Checksummer, type Checksum } from './checksum.js';
import type { SourceInput } from './dataset.js';
import { BenchCheckpoint, ReplaySource, installCountingSink, type BatchTiming } from './harness.js';
import type { QueryDef } from './queries.js';

/** Milliseconds summed over all micro-batches, as the executor reports them in each batch's progress. */
export interface EngineBreakdown {
  /** Reading the source range (here: handing over the pre-generated batches). */
  getBatch: number;
  /** Running the operator chain. */
  addBatch: number;
  /** State deltas and snapshots, the sink (here: counting) and the sink file: everything between the chain and the commit. */
  walCommit: number;
  /** Writing the commit marker (and purging old checkpoint files). */
  commitOffsets: number;
}

export interface EngineRun {
  readonly seconds: number;
  readonly microBatches: number;
  readonly inputRows: number;
  readonly outputRows: number;
  readonly breakdown: EngineBreakdown;
  readonly droppedLate: number;
  /** State rows at the busiest batch (summed over stateful operators), and their memoryUsedBytes then. */
  readonly peakStateRows: number;
  readonly peakStateBytes: number;
  readonly timings: readonly BatchTiming[];
  /** The result's checksum (only when the run kept its output). */
  readonly checksum: Checksum | undefined;
}

export interface RunOptions {
  /** Directory to checkpoint into; undefined: no checkpointing (see BenchCheckpoint). */
  readonly checkpointDir?: string;
  /** Compute the result's checksum from the emitted batches (after the clock stops). */
  readonly checksum?: boolean;
}

/** The relations the queries read, and their schemas. */
export class EngineBench {
  private readonly catalog = new Catalog();

  constructor(private readonly schemas: Readonly<Record<string, Schema>>) {
    for (const [name, schema] of Object.entries(schemas)) this.catalog.add({ kind: 'source', name, schema, watermark: undefined, options: {} });
  }

  schema(name: string): Schema {
    const s = this.schemas[name];
    if (!s) throw new Error(`no relation ${name} in the benchmark's catalog`);
    return s;
  }

  /**
   * Parses and plans `CREATE QUERY <name> AS <sql>` and builds its executor over `sources` (relation name -> source),
   * with the counting sink. This is what Engine.createQuery does (src/engine.ts), minus the StreamingQuery wrapper
   * that republishes every batch's output to rxjs subscribers.
   */
  executor(q: Pick<QueryDef, 'name' | 'sql'>, sources: ReadonlyMap<string, StreamSource>, checkpoint: BenchCheckpoint): MicroBatchExecutor {
    const stmt = parseStatement(`CREATE QUERY ${q.name} AS ${q.sql}`);
    if (stmt.kind !== 'createQuery') throw new Error(`expected CREATE QUERY, got ${stmt.kind}`);
    const plan = planQuery(stmt.query, this.catalog, true);
    const fingerprint = createHash('sha256').update(JSON.stringify(plan.root)).digest('hex').slice(0, 16);
    const ex = new MicroBatchExecutor({ name: q.name, queryId: randomUUID(), plan, sources, checkpoint, fingerprint });
    installCountingSink(ex);
    return ex;
  }

  /**
   * One timed run over all of `inputs` (one ReplaySource per relation, each read `rowsPerBatch` rows per micro-batch);
   * `onStop` runs right after the clock stops.
   */
  run(q: QueryDef, inputs: readonly SourceInput[], opts: RunOptions = {}, onStop?: () => void): EngineRun {
    const sources = new Map<string, StreamSource>(inputs.map((i) => [i.name, new ReplaySource(i.name, i.schema, i.batches, i.rowsPerBatch)]));
    const checkpoint = new BenchCheckpoint(opts.checkpointDir);
    const t0 = performance.now();
    const ex = this.executor(q, sources, checkpoint);
    ex.start();
    const outputs = ex.runAvailable();
    const seconds = (performance.now() - t0) / 1000;
    onStop?.();
    return { ...summarize(outputs), seconds, timings: checkpoint.timings, checksum: opts.checksum ? checksumOf(q, outputs) : undefined };
  }
}

export function summarize(outputs: readonly BatchOutput[]): Omit<EngineRun, 'seconds' | 'timings' | 'checksum'> {
  const breakdown: EngineBreakdown = { getBatch: 0, addBatch: 0, walCommit: 0, commitOffsets: 0 };
  let inputRows = 0;
  let outputRows = 0;
  let droppedLate = 0;
  let peakStateRows = 0;
  let peakStateBytes = 0;
  for (const o of outputs) {
    const p = o.progress;
    breakdown.getBatch += p.durationMs.getBatch;
    breakdown.addBatch += p.durationMs.addBatch;
    breakdown.walCommit += p.durationMs.walCommit;
    breakdown.commitOffsets += p.durationMs.commitOffsets;
    inputRows += p.numInputRows;
    outputRows += p.sink.numOutputRows;
    let rows = 0;
    let bytes = 0;
    for (const s of p.stateOperators) {
      droppedLate += s.numRowsDroppedByWatermark;
      rows += s.numRowsTotal;
      bytes += s.memoryUsedBytes;
    }
    if (rows > peakStateRows) {
      peakStateRows = rows;
      peakStateBytes = bytes;
    }
  }
  return { microBatches: outputs.length, inputRows, outputRows, breakdown, droppedLate, peakStateRows, peakStateBytes };
}

/** The result's checksum from the emitted batches: every row (APPEND), or the last row per key (UPDATE). */
export function checksumOf(q: QueryDef, outputs: readonly BatchOutput[]): Checksum {
  const types = q.columns.map((c) => c.type);
  const c = q.keyColumns ? new KeyedChecksummer(types, q.keyColumns) : new Checksummer(types);
  for (const o of outputs) for (const b of o.batches) if (b.numRows > 0) c.addArrow(b);
  return c.result();
}
