// The runtime's public API, used by src/: executors, sources, batch execution and constant evaluation.

import type * as arrow from 'apache-arrow';
import type { BoundExpr, PhysicalQuery, ScalarValue } from '../planner/index.js';
import { compileExpr, evalInput } from './kernels/compile-expr.js';
import { runBatchPlan } from './pipeline.js';
export { lateTableSchema } from './late-table.js';
import { valuesFromVec } from './values.js';

export { MicroBatchExecutor, type BatchOutput, type StepLimits } from './micro-batch-executor.js';
export { CheckpointDir } from './checkpoint.js';
export { MemoryCheckpoint } from './memory-checkpoint.js';
export type { CheckpointStore } from './checkpoint-store.js';
export { MemorySource } from './sources/memory-source.js';
export { DatagenSource } from './sources/datagen-source.js';
export { FileSource, fileSourceOptions, type FileSourceOptions } from './sources/file-source.js';
export { DEAD_LETTER_SCHEMA } from './dead-letters.js';
export { NexmarkSource, NEXMARK_TABLES, nexmarkEventId, nexmarkRowCount, type NexmarkTable } from './sources/nexmark-source.js';
export type { StreamSource } from './sources/source.js';
export { isoTime, parseIsoTime, type BatchProgress } from './progress.js';
export { ResultTable } from './result-table.js';
export type { Sink, SinkBatch } from './sinks/sink.js';
export { CallbackSink } from './sinks/callback-sink.js';
export { FileSink } from './sinks/file-sink.js';
export { readCommittedFiles, type CommittedBatch, type CommittedOutput } from './sinks/manifest.js';
export { FILE_FORMATS, isFileFormat, type FileFormat } from './formats/format.js';
export { batchFromRows, rowsFromBatch } from './values.js';

/** Evaluates an expression without columns (INSERT values, constants). */
export function evalConstant(e: BoundExpr): ScalarValue {
  const v = compileExpr(e)(evalInput(1, () => { throw new Error('no columns'); }));
  return valuesFromVec(v)[0]!;
}

/** Runs a batch query over fully known inputs: the relation's batches (or one empty row). */
export function runBatchQuery(plan: PhysicalQuery, read: (relation: string) => arrow.RecordBatch[]): arrow.RecordBatch[] {
  return runBatchPlan(plan.root, read);
}
