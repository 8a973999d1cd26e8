// The micro-batch executor: plans offsets, runs data and no-data batches, tracks the watermark, checkpoints, commits.

import * as arrow from 'apache-arrow';
import { TidemarkError } from '../common/errors.js';
import type { PhysicalQuery } from '../planner/index.js';
import { SNAPSHOT_INTERVAL, type OffsetEntry } from './checkpoint.js';
import type { CheckpointStore } from './checkpoint-store.js';
import { isStateful, type BatchContext, type StatefulOperator } from './operators/operator.js';
import { buildPipeline, runGraph, type Pipeline } from './pipeline.js';
import { lateTable, toLateRows, type LateDropper, type LateTable } from './late-table.js';
import { isoTime, type BatchProgress } from './progress.js';
import { ResultTable } from './result-table.js';
import { ResultTableSink } from './sinks/result-table-sink.js';
import type { Sink } from './sinks/sink.js';
import { emptyBatch } from './vec.js';
import type { JsonValue, SourceReadReport, StreamSource } from './sources/source.js';
import { keptDeadLetters, splitKeptDeadLetters } from './dead-letters.js';

/** Below this many delta rows since the last snapshot, deltas are never compacted (tiny states). */
const MIN_COMPACTION_ROWS = 1000;
/**
 * Deltas are compacted once they hold this many times the state's rows. A state that turns over (windows, join
 * buffers) writes each row into a delta once; a snapshot every COMPACTION_FACTOR turnovers adds 1/COMPACTION_FACTOR
 * to that, and a restore reads at most that many times the state.
 */
const COMPACTION_FACTOR = 4;

export interface BatchOutput {
  readonly batchId: number;
  /** Watermark in effect during the batch. */
  readonly watermark: number | undefined;
  /** Emitted rows in the plan's full schema (visible columns first). */
  readonly batches: readonly arrow.RecordBatch[];
  /** UPDATE over session windows: keys (window start, end, group keys) of earlier rows this batch replaced. */
  readonly retracted: readonly arrow.RecordBatch[];
  readonly progress: BatchProgress;
}

/** A table's current contents, for a relation that is read in full each batch. */
export interface ExecutorOptions {
  readonly name: string;
  readonly queryId: string;
  readonly plan: PhysicalQuery;
  readonly sources: ReadonlyMap<string, StreamSource>;
  readonly checkpoint: CheckpointStore;
  /** Identifies the plan; a checkpoint written by a different plan is refused. */
  readonly fingerprint: string;
  /**
   * How the watermarks of several inputs combine (spec §4): 'min' (default) follows the slowest input and holds the
   * watermark at none until every input has data; 'max' follows the fastest input that has data.
   */
  readonly watermarkPolicy?: 'min' | 'max';
  /** A table's current rows, for the table side of stream–table joins (read again every micro-batch). */
  readonly readTable?: (name: string) => arrow.RecordBatch[];
  /** Keep the rows the watermark drops in a second, APPEND result table (`WITH (late_rows = 'name')`). */
  readonly lateRows?: boolean;
  /** Where output goes; the result table (`result`) when omitted. */
  readonly sink?: Sink;
  /** Rows read from each source per batch (`WITH (max_rows_per_batch = N)`), instead of the source's own cap. */
  readonly maxRowsPerBatch?: number;
}

/** Bounds on the data batch of one step. */
export interface StepLimits {
  /** Read no source past this offset (an available-now run: what the sources held when it started). */
  readonly until?: ReadonlyMap<string, number>;
  /** Read everything available in one batch, ignoring per-batch caps (a `once` trigger). */
  readonly uncapped?: boolean;
}

export class MicroBatchExecutor {
  /** The result table: the default sink's, empty and unused when the query writes to another sink. */
  readonly result: ResultTable;
  readonly sink: Sink;
  /** Rows the watermark dropped, batch by batch, when the query keeps them. */
  readonly late: ResultTable | undefined;
  private readonly lateTable: LateTable | undefined;
  /** The operators that drop late rows, each with its place in the late-row table. */
  private readonly droppers = new Map<StatefulOperator, LateDropper>();
  private readonly pipeline: Pipeline;
  private nextBatchId = 0;
  /** Watermark in effect for the next batch. */
  private watermark: number | undefined;
  /** End offset per source after the last committed batch. */
  private committed = new Map<string, number>();
  private lastBatchWatermark: number | undefined = undefined;
  private ranAny = false;
  /** State delta rows written per operator since its last snapshot. */
  private readonly deltaRows = new Map<string, number>();
  /** A batch logged before a restart but not committed: re-run first, once its input is available. */
  private pending: OffsetEntry | undefined;
  /** The late-row table's record of a batch without rows. */
  private noLateRows: arrow.RecordBatch | undefined;
  /** This query's reader of each source that gives every query its own (a files source). */
  private readonly readers = new Map<StreamSource, StreamSource>();
  /** performance.now() when the previous batch of this run started (inputRowsPerSecond); NaN before the first. */
  private lastTriggerStart = NaN;

  constructor(private readonly opts: ExecutorOptions) {
    const plan = opts.plan;
    this.pipeline = buildPipeline(plan.root, plan.mode, opts.readTable, { lateRows: opts.lateRows });
    this.result = new ResultTable(plan.schema, plan.root.schema, plan.mode, plan.keyColumns);
    this.sink = opts.sink ?? new ResultTableSink(opts.name, () => this.result, opts.checkpoint, plan.root.schema);
    const t = opts.lateRows ? lateTable(plan.root) : undefined;
    this.lateTable = t;
    this.late = t ? new ResultTable(t.schema, t.schema, 'append', undefined) : undefined;
    if (t) {
      this.pipeline.ops.forEach((op, i) => {
        const d = t.droppers.find((x) => x.node === this.pipeline.nodes[i]);
        if (d && isStateful(op)) this.droppers.set(op, d);
      });
    }
  }

  /** The late rows operators kept this batch, as rows of the late-row table (batch id and watermark in effect added). */
  private lateRowsOf(batchId: number, watermark: number | undefined): arrow.RecordBatch[] {
    const out: arrow.RecordBatch[] = [];
    for (const op of this.pipeline.stateful) {
      const late = op.takeLate?.() ?? [];
      if (!late.length) continue;
      const d = this.droppers.get(op);
      if (!d) throw new Error(`operator ${op.stateId} kept late rows but the late-row table has no place for them`);
      for (const b of late) out.push(toLateRows(this.lateTable!, d, b, batchId, watermark));
    }
    return out;
  }

  private source(name: string): StreamSource {
    const s = this.opts.sources.get(name);
    if (!s) throw new TidemarkError('UNRESOLVED_RELATION', `Source '${name}' no longer exists; recreate it to run query '${this.opts.name}'.`);
    if (!s.forQuery) return s;
    let r = this.readers.get(s);
    if (!r) this.readers.set(s, (r = s.forQuery()));
    return r;
  }

  /** Restores state, watermark, offsets and the result table; a batch planned but not committed runs at the next trigger. */
  start(): BatchOutput[] {
    const cp = this.opts.checkpoint;
    const rels = this.pipeline.relations;
    if (!cp.exists()) {
      for (const rel of rels) {
        const src = this.source(rel);
        this.committed.set(rel, src.startAtLatest ? src.latestOffset() : 0);
      }
      // Where the query starts (starting_offsets = 'latest' resolves now) is kept, so that a restart before the first
      // batch starts there too, not at the source's beginning.
      cp.writeMetadata({ id: this.opts.queryId, name: this.opts.name, fingerprint: this.opts.fingerprint, startOffsets: Object.fromEntries(this.committed) });
      this.sink.open(undefined);
      return [];
    }
    const meta = cp.readMetadata();
    if (meta['fingerprint'] !== this.opts.fingerprint) {
      throw new TidemarkError('CHECKPOINT_ERROR',
        `The checkpoint in ${cp.dir} belongs to a different query plan. Drop the query (or delete the checkpoint) to start over, or give the query another name.`);
    }
    const commit = cp.lastCommit();
    if (commit) {
      const offsets = cp.readOffsets(commit.batchId);
      if (!offsets) throw new TidemarkError('CHECKPOINT_ERROR', `Batch ${commit.batchId} is committed but its offsets are missing in ${cp.dir}.`);
      for (const [name, [, end]] of Object.entries(offsets.sources)) this.committed.set(name, end);
      for (const w of this.pipeline.watermarks) w.maxEventTime = commit.maxEventTimes[String(w.id)] ?? undefined;
      this.watermark = commit.nextWatermark ?? undefined;
      this.lastBatchWatermark = offsets.watermark ?? undefined;
      this.nextBatchId = commit.batchId + 1;
      this.ranAny = true;
      for (const op of this.pipeline.stateful) {
        const { snapshot, deltas } = cp.readState(op.stateId, commit.batchId);
        op.restore(snapshot);
        for (const b of deltas) op.applyDelta(b);
      }
      if (this.late) for (const b of cp.readSink(commit.batchId, 'late').batches) this.late.apply(b.table.batches);
      const dead = splitKeptDeadLetters(cp.readSink(commit.batchId, 'dead').batches.flatMap((b) => b.table.batches));
      for (const [name, rows] of dead) this.opts.sources.get(name)?.keepDeadLetters?.(rows);
    } else {
      const first = cp.readOffsets(0);
      const started = meta['startOffsets'];
      const startOf = (rel: string): number => {
        const v = started && typeof started === 'object' ? (started as Record<string, unknown>)[rel] : undefined;
        return typeof v === 'number' ? v : 0;
      };
      for (const rel of rels) this.committed.set(rel, first?.sources[rel]?.[0] ?? startOf(rel));
    }
    this.sink.open(commit?.batchId);
    // A batch planned but never committed runs again with the same offsets and watermark, but only once its input
    // is there again: a new process re-creates memory sources and tables after the query (see runAvailable).
    this.pending = cp.readOffsets(this.nextBatchId);
    // Sources that logged what their offsets mean (a files source: its files, in order) rebuild that from the last
    // batch logged, before they discover anything new.
    const logged = this.pending ?? (commit ? cp.readOffsets(commit.batchId) : undefined);
    for (const [name, d] of Object.entries(logged?.descriptions ?? {})) if (this.opts.sources.has(name)) this.source(name).restore?.(d);
    // Paced sources go on from where the query stands (the end of a batch still to re-run, if any).
    for (const rel of rels) {
      if (!this.opts.sources.has(rel)) continue;
      const end = this.pending?.sources[rel]?.[1] ?? this.committed.get(rel);
      if (end !== undefined) this.source(rel).resumeFrom?.(end);
    }
    return [];
  }

  /** Runs batches until all available input is processed and the watermark has settled. */
  runAvailable(): BatchOutput[] {
    // Up to what the sources hold when the call starts: a source that grows meanwhile (datagen paced by
    // rows_per_second, faster than batches run) waits for the next call, so this one ends.
    const limits: StepLimits = { until: this.latestOffsets() };
    const out: BatchOutput[] = [];
    for (let step = this.runNext(limits); step.length; step = this.runNext(limits)) out.push(...step);
    return out;
  }

  /** Offset one past the last row each source of the query holds now: where an available-now run stops reading. */
  latestOffsets(): ReadonlyMap<string, number> {
    return new Map(this.pipeline.relations.map((rel) => [rel, this.source(rel).latestOffset()]));
  }

  /**
   * Runs the next step and returns its batches (none when there is nothing to do): the batch logged before a restart
   * but never committed (once its input is there again), else one data batch over new input; then, when no input is
   * left to read and the watermark advanced, the no-data batch that emits what the new watermark closes (spec §3;
   * while input is waiting the next data batch runs with that watermark instead, as in Spark).
   */
  runNext(limits: StepLimits = {}): BatchOutput[] {
    const out: BatchOutput[] = [];
    const pending = this.pending;
    if (pending) {
      const ready = Object.entries(pending.sources).every(([name, [, end]]) => this.source(name).latestOffset() >= end);
      if (!ready) return out;
      this.pending = undefined;
      out.push(this.runBatch(pending));
    }
    let next = this.nextRanges(limits);
    if (!out.length && next.any) {
      out.push(this.plan(next.ranges, false));
      next = this.nextRanges(limits);
    }
    const advanced = this.ranAny && this.watermark !== undefined && this.watermark !== this.lastBatchWatermark;
    if (!next.any && this.opts.plan.usesWatermark && advanced) out.push(this.plan(next.ranges, true));
    return out;
  }

  /** What each source has beyond its committed offset: at most the per-batch cap, never past `limits.until`. */
  private nextRanges(limits: StepLimits): { ranges: Record<string, [number, number]>; any: boolean } {
    const ranges: Record<string, [number, number]> = {};
    let any = false;
    for (const rel of this.pipeline.relations) {
      const src = this.source(rel);
      const start = this.committed.get(rel) ?? 0;
      const latest = Math.min(src.latestOffset(), limits.until?.get(rel) ?? Infinity);
      const cap = limits.uncapped ? undefined : this.opts.maxRowsPerBatch ?? src.maxRowsPerBatch;
      const capped = latest <= start ? start : cap ? Math.min(latest, start + cap) : latest;
      // A source may end a batch earlier (a files source: at a file boundary, max_files_per_trigger), except under
      // trigger 'once', whose one batch takes everything available (Spark's Trigger.Once ignores maxFilesPerTrigger).
      const end = capped > start && src.limitEnd && !limits.uncapped ? src.limitEnd(start, capped) : capped;
      if (end > start) any = true;
      ranges[rel] = [start, end];
    }
    return { ranges, any };
  }

  private plan(sources: Record<string, readonly [number, number]>, noData: boolean): BatchOutput {
    const descriptions: Record<string, JsonValue> = {};
    for (const [name, [, end]] of Object.entries(sources)) {
      const src = this.source(name);
      if (src.describe) descriptions[name] = src.describe(end);
    }
    const entry: OffsetEntry = { batchId: this.nextBatchId, watermark: this.watermark ?? null, sources, noData,
      ...(Object.keys(descriptions).length ? { descriptions } : {}) };
    this.opts.checkpoint.writeOffsets(entry);
    return this.runBatch(entry);
  }

  private runBatch(entry: OffsetEntry): BatchOutput {
    const t0 = performance.now();
    const startedAt = Date.now();
    const sinceLast = t0 - this.lastTriggerStart;
    this.lastTriggerStart = t0;
    const ctx: BatchContext = { batchId: entry.batchId, watermark: entry.watermark ?? undefined, previousWatermark: this.lastBatchWatermark };
    const read = new Map<string, arrow.RecordBatch[]>();
    const reports = new Map<string, SourceReadReport>();
    const rowsRead = new Map<string, number>();
    let numInputRows = 0;
    for (const [name, [s, e]] of Object.entries(entry.sources)) {
      const src = this.source(name);
      const batches = e > s ? src.read(s, e) : [];
      const report = e > s ? src.report?.(s, e) : undefined;
      if (report) reports.set(name, report);
      const n = batches.reduce((k, b) => k + b.numRows, 0);
      numInputRows += n;
      rowsRead.set(name, n);
      read.set(name, batches);
    }
    const t1 = performance.now();
    for (const w of this.pipeline.watermarks) w.resetBatchStats();
    // Per-batch counts, as Spark reports them (numRowsTotal is the state's size).
    for (const op of this.pipeline.stateful) op.metrics.numRowsDroppedByWatermark = op.metrics.numRowsRemoved = op.metrics.numRowsUpdated = 0;
    const outputs = runGraph(this.pipeline, (input) => (input.kind === 'relation' ? read.get(input.relation) ?? [] : []), ctx);
    const t2 = performance.now();

    // The watermark computed at the end of this batch takes effect in the next one; it never moves back.
    const max = this.opts.watermarkPolicy === 'max';
    let candidate: number | undefined;
    let none = this.pipeline.watermarks.length === 0;
    for (const w of this.pipeline.watermarks) {
      const c = w.candidate();
      if (c === undefined) {
        // Under 'min' an input without data holds the watermark at none; under 'max' it just has no say yet.
        if (!max) none = true;
      } else {
        candidate = candidate === undefined ? c : max ? Math.max(candidate, c) : Math.min(candidate, c);
      }
    }
    const nextWatermark = none ? this.watermark : candidate === undefined ? this.watermark
      : this.watermark === undefined ? candidate : Math.max(this.watermark, candidate);

    const cp = this.opts.checkpoint;
    const id = entry.batchId;
    const snapshotted: string[] = [];
    for (const op of this.pipeline.stateful) {
      const delta = op.takeDelta();
      // Compact when replaying the deltas since the last snapshot would read several times the rows the state holds:
      // snapshots then cost a fraction of the deltas they replace, however large the state.
      const since = (this.deltaRows.get(op.stateId) ?? 0) + delta.numRows;
      if (since > Math.max(COMPACTION_FACTOR * op.metrics.numRowsTotal, MIN_COMPACTION_ROWS)) {
        cp.writeState(op.stateId, id, op.snapshot(), 'snapshot');
        snapshotted.push(op.stateId);
        this.deltaRows.set(op.stateId, 0);
      } else {
        cp.writeState(op.stateId, id, [delta], 'delta');
        this.deltaRows.set(op.stateId, since);
      }
    }
    const retracted = this.pipeline.stateful.flatMap((op) => op.takeRetractions?.() ?? []);
    if (this.late) {
      const late = this.lateRowsOf(id, entry.watermark ?? undefined);
      cp.writeSinkBatch(id, late.length ? late : [this.noLateRows ??= emptyBatch(this.lateTable!.schema)], 'batch', 'late');
      this.late.apply(late);
    }
    // Dead letters are kept with the batch, so a restart restores them and a re-run writes the same ones again.
    const dead = new Map<string, arrow.RecordBatch>();
    for (const [name, r] of reports) if (r.deadLetters) dead.set(name, r.deadLetters);
    if (dead.size) cp.writeSinkBatch(id, keptDeadLetters(dead), 'batch', 'dead');
    // Spark's order: the sink takes the batch after its state and before its commit marker (see Sink).
    const compact = this.sink.addBatch({ batchId: id, watermark: entry.watermark ?? undefined, batches: outputs, retracted });
    const maxEventTimes: Record<string, number | null> = {};
    for (const w of this.pipeline.watermarks) maxEventTimes[String(w.id)] = w.maxEventTime ?? null;
    const t3 = performance.now();
    cp.writeCommit({ batchId: id, maxEventTimes, nextWatermark: nextWatermark ?? null });
    // Older files go only once the batch that replaces them is committed.
    for (const opId of snapshotted) cp.purgeState(opId, id);
    if (id % SNAPSHOT_INTERVAL === 0 && id > 0) cp.purgeBefore(id, compact);
    const t4 = performance.now();

    for (const [name, [, e]] of Object.entries(entry.sources)) this.committed.set(name, e);
    for (const [name, rows] of dead) this.source(name).keepDeadLetters?.(rows);
    this.lastBatchWatermark = entry.watermark ?? undefined;
    this.watermark = nextWatermark;
    this.nextBatchId = id + 1;
    this.ranAny = true;

    const numOutputRows = outputs.reduce((s, b) => s + b.numRows, 0);
    const total = t4 - t0;
    // Event times seen this batch, over every watermarked input.
    const ev = { min: Infinity, max: -Infinity, sum: 0, count: 0 };
    for (const w of this.pipeline.watermarks) {
      const b = w.batchStats;
      ev.min = Math.min(ev.min, b.min);
      ev.max = Math.max(ev.max, b.max);
      ev.sum += b.sum;
      ev.count += b.count;
    }
    const progress: BatchProgress = {
      id: this.opts.queryId,
      name: this.opts.name,
      timestamp: new Date(startedAt).toISOString(),
      batchId: id,
      numInputRows,
      inputRowsPerSecond: sinceLast > 0 ? (numInputRows * 1000) / sinceLast : 0,
      processedRowsPerSecond: total > 0 ? (numInputRows * 1000) / total : 0,
      durationMs: { triggerExecution: total, getBatch: t1 - t0, addBatch: t2 - t1, walCommit: t3 - t2, commitOffsets: t4 - t3 },
      eventTime: {
        min: ev.count ? isoTime(ev.min) : null,
        max: ev.count ? isoTime(ev.max) : null,
        avg: ev.count ? isoTime(ev.sum / ev.count) : null,
        watermark: isoTime(entry.watermark),
      },
      stateOperators: this.pipeline.stateful.map((op) => ({ operator: op.stateId, ...op.metrics })),
      sources: Object.entries(entry.sources).map(([description, [startOffset, endOffset]]) => ({
        description, startOffset, endOffset, numInputRows: rowsRead.get(description) ?? 0, ...reports.get(description)?.metrics,
      })),
      sink: { description: this.sink.description, numOutputRows },
    };
    return { batchId: id, watermark: entry.watermark ?? undefined, batches: outputs, retracted, progress };
  }
}
