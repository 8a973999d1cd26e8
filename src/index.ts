// Tidemark's public programmatic API.

export { Engine, type EngineOptions, type ExecuteResult, type QueryOptions } from './engine.js';
export type { BatchReceiver } from './query-sinks.js';
export { readCommittedFiles, type CommittedBatch, type CommittedOutput, type FileFormat } from '../runtime/index.js';
export { StreamingQuery, type EmittedBatch, type TriggerOutcome } from './streaming-query.js';
export type { Trigger } from './trigger.js';
export { TidemarkError, type ErrorCode } from '../common/errors.js';
export type { DataType, Field, Schema } from '../common/types.js';
export type { BatchProgress } from '../runtime/index.js';
export { runScript } from './script-runner.js';
