// A query's sink as its WITH options (`sink`, `path`, `format`) or the API choose it, and the runtime sink it runs.

import * as path from 'node:path';
import { TidemarkError, assertNever } from '../common/errors.js';
import type { Schema } from '../common/types.js';
import type { PhysicalQuery } from '../planner/index.js';
import { CallbackSink, FileSink, FILE_FORMATS, isFileFormat, type FileFormat, type Sink, type SinkBatch } from '../runtime/index.js';
import { batchLines } from './batch-text.js';
import { emittedBatch, type EmittedBatch } from './streaming-query.js';

/** Receives each batch of a query created with `Engine.createQuery(sql, { sink })`: a function, or an rxjs Subject/Observer. */
export type BatchReceiver = ((batch: EmittedBatch) => void) | { readonly next: (batch: EmittedBatch) => void };

export type QuerySink =
  | { readonly kind: 'table' }
  | { readonly kind: 'console' }
  /** `path` as written in the query; `dir` resolved against the engine's working directory. */
  | { readonly kind: 'files'; readonly path: string; readonly dir: string; readonly format: FileFormat }
  | { readonly kind: 'api'; readonly receiver: BatchReceiver };

/** Query options this module reads. */
export const SINK_OPTIONS: readonly string[] = ['sink', 'path', 'format'];

const formats = FILE_FORMATS.map((f) => `'${f}'`).join(', ').replace(/, ([^,]*)$/, ' or $1');

/** The sink the options choose (the result table when they name none); `receiver` is the API's. */
export function parseQuerySink(opts: Readonly<Record<string, string | number | boolean>>, workDir: string, receiver?: BatchReceiver): QuerySink {
  const kind = opts['sink'] === undefined ? undefined : String(opts['sink']).toLowerCase();
  if (receiver) {
    if (SINK_OPTIONS.some((o) => opts[o] !== undefined)) {
      throw new TidemarkError('INVALID_OPTION', `This query's batches go to the sink passed to Engine.createQuery; remove sink, path and format from its WITH options.`);
    }
    return { kind: 'api', receiver };
  }
  if (kind !== 'files' && (opts['path'] !== undefined || opts['format'] !== undefined)) {
    throw new TidemarkError('INVALID_OPTION', `path and format are options of sink = 'files'; add sink = 'files' or remove them.`);
  }
  switch (kind) {
    case undefined: case 'table': return { kind: 'table' };
    case 'console': return { kind: 'console' };
    case 'files': {
      if (opts['path'] === undefined || String(opts['path']).trim() === '') {
        throw new TidemarkError('INVALID_OPTION', `sink = 'files' needs path = '<directory>' (relative paths start at the working directory), and takes format = ${formats} (default 'jsonl').`);
      }
      const format = String(opts['format'] ?? 'jsonl').toLowerCase();
      if (!isFileFormat(format)) throw new TidemarkError('INVALID_OPTION', `format must be ${formats}, not '${String(opts['format'])}'.`);
      const p = String(opts['path']);
      return { kind: 'files', path: p, dir: path.resolve(workDir, p), format };
    }
    default:
      throw new TidemarkError('INVALID_OPTION', `sink must be 'table' (the result table, the default), 'console' or 'files', not '${String(opts['sink'])}'.`);
  }
}

/** Refuses what a sink cannot write: the files sink is append-only and names columns in its files. */
export function checkSink(sink: QuerySink, plan: PhysicalQuery): void {
  if (sink.kind !== 'files') return;
  if (plan.mode !== 'append') {
    throw new TidemarkError('UNSUPPORTED_STREAMING_OPERATION',
      `The files sink is append-only (a batch adds files and never changes them), so it needs EMIT APPEND; this query emits ${plan.mode.toUpperCase()}. Write EMIT APPEND (an aggregation then needs a watermark and emits each window once it closes), or leave out sink to keep ${plan.mode.toUpperCase()} results in the result table.`);
  }
  const seen = new Set<string>();
  for (const f of plan.schema) {
    if (seen.has(f.name)) throw new TidemarkError('INVALID_OPTION', `The files sink names the columns in its files, and this query has two columns named '${f.name}': name them apart with AS.`);
    seen.add(f.name);
  }
}

/** Where SELECT finds a query's output, or why it cannot. */
export function noResultTable(name: string, sink: QuerySink): TidemarkError | undefined {
  switch (sink.kind) {
    case 'table': case 'files': return undefined;
    case 'console': return new TidemarkError('NO_RESULT_TABLE', `Query '${name}' has no result table: it prints its batches to the console (sink = 'console') as they run. Create it without sink to query its results.`);
    case 'api': return new TidemarkError('NO_RESULT_TABLE', `Query '${name}' has no result table: its batches go to the sink passed to Engine.createQuery. Create it without a sink to query its results.`);
    default: return assertNever(sink, 'sink');
  }
}

/** The runtime sink of a (re)started query; undefined for the result table, which the executor makes itself. */
export function runtimeSink(sink: QuerySink, q: { readonly name: string; readonly schema: Schema; readonly orderBy: boolean }, write: (text: string) => void): Sink | undefined {
  const emitted = (b: SinkBatch): EmittedBatch => emittedBatch(q.name, q.schema, b);
  switch (sink.kind) {
    case 'table': return undefined;
    case 'console':
      return new CallbackSink('console', (b) => write(batchLines(emitted(b), q.schema, q.orderBy).join('\n') + '\n'));
    case 'files':
      return new FileSink({ dir: sink.dir, displayPath: sink.path, format: sink.format, schema: q.schema });
    case 'api': {
      const r = sink.receiver;
      return new CallbackSink('api', typeof r === 'function' ? (b) => r(emitted(b)) : (b) => r.next(emitted(b)));
    }
    default: return assertNever(sink, 'sink');
  }
}
