// A running continuous query: its micro-batch executor, rxjs streams of output and progress, stop and restart.

import * as arrow from 'apache-arrow';
import { Subject, type Observable } from 'rxjs';
import { TidemarkError, toTidemarkError } from '../common/errors.js';
import type { Schema } from '../common/types.js';
import type { EmitMode } from '../grammar/ast.js';
import { readCommittedFiles, type BatchOutput, type BatchProgress, type MicroBatchExecutor, type SinkBatch, type StepLimits } from '../runtime/index.js';
import { noResultTable, type QuerySink } from './query-sinks.js';
import { Scheduler, type StepResult } from './scheduler.js';
import { MANUAL, type Trigger } from './trigger.js';

export interface EmittedBatch {
  readonly query: string;
  readonly batchId: number;
  /** Watermark in effect during the batch (UTC microseconds), undefined before any data. */
  readonly watermark: number | undefined;
  /** The rows the batch emitted, in the query's output schema. */
  readonly table: arrow.Table;
  /**
   * UPDATE over session windows: the rows earlier batches emitted that this batch replaced (a session that grew or
   * merged), as their keys: window start, window end, then the group keys. Empty otherwise.
   */
  readonly retracted: arrow.Table;
}

/** A batch as subscribers see it: the query's columns only (hidden key columns dropped). */
export function emittedBatch(query: string, schema: Schema, o: SinkBatch): EmittedBatch {
  const visible = Array.from({ length: schema.length }, (_, i) => i);
  const table = o.batches.length ? new arrow.Table(o.batches as arrow.RecordBatch[]).selectAt(visible) : new arrow.Table(new arrow.Schema([]));
  const retracted = o.retracted.length ? new arrow.Table(o.retracted as arrow.RecordBatch[]) : new arrow.Table(new arrow.Schema([]));
  return { query, batchId: o.batchId, watermark: o.watermark, table, retracted };
}

/** A batch a query ran, or the error that failed it (what TRIGGER returns, and what scheduled steps report). */
export type TriggerOutcome = EmittedBatch | { readonly query: string; readonly error: TidemarkError };

/** When the query's batches run, and who hears about the ones its trigger ran. */
export interface QuerySchedule {
  readonly trigger: Trigger;
  /** Called with every batch a scheduled step ran, and with the error when one failed the query. */
  readonly report?: (outcome: TriggerOutcome) => void;
}

export class StreamingQuery {
  private readonly outputSubject = new Subject<EmittedBatch>();
  private readonly progressSubject = new Subject<BatchProgress>();
  readonly output$: Observable<EmittedBatch> = this.outputSubject.asObservable();
  readonly progress$: Observable<BatchProgress> = this.progressSubject.asObservable();
  private executor: MicroBatchExecutor | undefined;
  private failure: TidemarkError | undefined;
  lastProgress: BatchProgress | undefined;

  constructor(
    readonly name: string,
    readonly schema: Schema,
    readonly mode: EmitMode,
    readonly orderBy: boolean,
    /** Relations the query reads. */
    readonly relations: readonly string[],
    private readonly makeExecutor: () => MicroBatchExecutor,
    /** Where the batches go: the result table unless the query chose another sink. */
    readonly sink: QuerySink = { kind: 'table' },
    private readonly schedule: QuerySchedule = { trigger: MANUAL },
  ) {}

  private running = false;
  private scheduler: Scheduler | undefined;
  /** awaitTermination() callers, each holding the process alive until the query stops. */
  private waiters: { resolve: () => void; reject: (e: TidemarkError) => void; keepAlive: NodeJS.Timeout }[] = [];

  get trigger(): Trigger {
    return this.schedule.trigger;
  }

  get isActive(): boolean {
    return this.running;
  }

  get exception(): TidemarkError | undefined {
    return this.failure;
  }

  /**
   * Starts (or resumes from the checkpoint) and schedules batches as the trigger says; a batch planned but not
   * committed is re-run by the next step.
   */
  start(): EmittedBatch[] {
    const ex = this.makeExecutor();
    const out = ex.start();
    this.executor = ex;
    this.running = true;
    this.failure = undefined;
    const scheduler = new Scheduler(this.schedule.trigger, {
      step: (limits) => this.scheduledStep(limits),
      latestOffsets: () => ex.latestOffsets(),
      finished: () => this.stop(),
    });
    this.scheduler = scheduler;
    scheduler.start();
    return this.publish(out);
  }

  private publish(outputs: readonly BatchOutput[]): EmittedBatch[] {
    return outputs.map((o) => {
      const b = emittedBatch(this.name, this.schema, o);
      this.lastProgress = o.progress;
      this.outputSubject.next(b);
      this.progressSubject.next(o.progress);
      return b;
    });
  }

  /** Runs micro-batches until all available input is processed (and the watermark has settled). */
  processAllAvailable(): EmittedBatch[] {
    return this.run((ex) => ex.runAvailable());
  }

  private run(batches: (ex: MicroBatchExecutor) => BatchOutput[]): EmittedBatch[] {
    if (!this.executor || !this.running) {
      throw this.failure ?? new TidemarkError('QUERY_NOT_RUNNING', `Query '${this.name}' is stopped. Run RESTART ${this.name} to resume it from its checkpoint.`);
    }
    try {
      return this.publish(batches(this.executor));
    } catch (e) {
      // A failed batch is not committed: the query stops and RESTART resumes from the last commit.
      this.failure = toTidemarkError(e);
      this.stop();
      throw this.failure;
    }
  }

  /** One step of the trigger's schedule; a failure stops the query (FAILED, as at TRIGGER) and is reported, never thrown. */
  private scheduledStep(limits: StepLimits): StepResult {
    if (!this.running) return 'stopped';
    let out: EmittedBatch[];
    try {
      out = this.run((ex) => ex.runNext(limits));
    } catch (e) {
      this.schedule.report?.({ query: this.name, error: toTidemarkError(e) });
      return 'stopped';
    }
    for (const b of out) this.schedule.report?.(b);
    return !this.running ? 'stopped' : out.length ? 'ran' : 'idle';
  }

  /** New input arrived for the query: a continuous trigger waiting for input runs now. */
  inputArrived(): void {
    this.scheduler?.wake();
  }

  /**
   * Resolves when the query stops (stop(), DROP, engine close, or the end of a once or available-now run), rejects with
   * the error that failed it. Scheduled queries never keep a process alive by themselves; waiting here does.
   */
  awaitTermination(): Promise<void> {
    if (!this.running) return this.failure ? Promise.reject(this.failure) : Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject, keepAlive: setInterval(() => undefined, 2 ** 30) });
    });
  }

  /** Drops everything held in memory and resumes from the checkpoint. */
  restart(): EmittedBatch[] {
    this.scheduler?.cancel();
    this.executor = undefined;
    this.running = false;
    try {
      return this.start();
    } catch (e) {
      this.stop();
      throw e;
    }
  }

  /** Stops running batches and cancels the trigger's timers; every batch that ran is already committed. */
  stop(): void {
    this.running = false;
    this.scheduler?.cancel();
    this.scheduler = undefined;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) {
      clearInterval(w.keepAlive);
      if (this.failure) w.reject(this.failure);
      else w.resolve();
    }
  }

  complete(): void {
    this.stop();
    this.outputSubject.complete();
    this.progressSubject.complete();
  }

  /** The query's result table (what SELECT * FROM name reads). */
  resultTable(): arrow.RecordBatch {
    const none = noResultTable(this.name, this.sink) ?? (this.sink.kind === 'files'
      ? new TidemarkError('NO_RESULT_TABLE', `Query '${this.name}' writes its output to files in '${this.sink.path}' (sink = 'files'); read them with readCommittedFiles or SELECT * FROM ${this.name}.`)
      : undefined);
    if (none) throw none;
    if (!this.executor) throw new TidemarkError('QUERY_NOT_RUNNING', `Query '${this.name}' has no result table loaded; RESTART it.`);
    return this.executor.result.toBatch();
  }

  /** What SELECT * FROM name reads: the result table, or the committed files of a files sink. */
  output(): arrow.RecordBatch[] {
    if (this.sink.kind !== 'files') return [this.resultTable()];
    return readCommittedFiles(this.sink.dir).batches.flatMap((b) => b.table.batches.filter((r) => r.numRows > 0));
  }

  /** The rows the watermark dropped (`WITH (late_rows = ...)`), with `_batch`, `_watermark` and the deciding time. */
  lateTable(): arrow.RecordBatch {
    if (!this.executor?.late) throw new TidemarkError('QUERY_NOT_RUNNING', `Query '${this.name}' has no late-row table loaded; RESTART it.`);
    return this.executor.late.toBatch();
  }
}
