// The Engine: the public entry point that parses, plans and executes statements against its catalog and queries.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import * as arrow from 'apache-arrow';
import { Subject, type Observable } from 'rxjs';
import { TidemarkError, toTidemarkError } from '../common/errors.js';
import { formatSchema, type Field, type Schema } from '../common/types.js';
import type { ColumnDef, CreateQueryStmt, OptionEntry, Query, Statement } from '../grammar/ast.js';
import { parseStatement } from '../grammar/index.js';
import { Catalog, explain, planQuery, type CatalogEntry, type PhysicalQuery } from '../planner/index.js';
import { CheckpointDir, DEAD_LETTER_SCHEMA, DatagenSource, FileSource, fileSourceOptions, MemoryCheckpoint, MemorySource, NexmarkSource, MicroBatchExecutor, batchFromRows, lateTableSchema, runBatchQuery, parseIsoTime, type BatchProgress, type StreamSource } from '../runtime/index.js';
import { insertBatch } from './insert-values.js';
import { checkSink, parseQuerySink, runtimeSink, type BatchReceiver } from './query-sinks.js';
import { checkOptions, connectorOf, connectorOptions, QUERY_OPTIONS } from './options.js';
import { likePattern, progressRows } from './progress-rows.js';
import { StreamingQuery, type TriggerOutcome } from './streaming-query.js';
import { CONTINUOUS, MANUAL, parseTrigger } from './trigger.js';

/** Codes of errors about the SQL text itself (not about data, checkpoints or running queries). */
const PLANNING_CODES: ReadonlySet<string> = new Set(['UNSUPPORTED_STREAMING_OPERATION', 'UNSUPPORTED_FEATURE', 'INVALID_OPTION',
  'ALREADY_EXISTS', 'IN_USE', 'TYPE_MISMATCH', 'INVALID_WINDOW', 'INVALID_INTERVAL', 'UNRESOLVED_COLUMN', 'UNRESOLVED_RELATION',
  'AMBIGUOUS_COLUMN', 'UNRESOLVED_FUNCTION', 'MISSING_AGGREGATION', 'NO_RESULT_TABLE']);

export interface EngineOptions {
  /** Directory holding one checkpoint folder per query; a fresh temporary directory when omitted. */
  readonly checkpointRoot?: string;
  /** Where relative `checkpoint` and sink `path` options start; the process's working directory when omitted. */
  readonly workDir?: string;
  /** Where `sink = 'console'` prints each batch; standard output when omitted. */
  readonly console?: (text: string) => void;
  /**
   * Directory a relative source `path` in SQL options resolves against (a files source); `workDir` when omitted.
   * Script runs (`tidemark run`, `tidemark test`) set it to the script's directory.
   */
  readonly baseDir?: string;
  /** Monotonic milliseconds for sources paced by wall-clock time (datagen `rows_per_second`); performance.now() by default. */
  readonly clock?: () => number;
  /**
   * When the batches of a query without a `trigger` option run: 'continuous' (the default: as soon as the previous
   * batch ended and new input is available) or 'manual' (only on TRIGGER or processAllAvailable(); golden files and
   * `tidemark run` use this).
   */
  readonly defaultTrigger?: 'continuous' | 'manual';
}

/** Options of a query created through the API (`Engine.createQuery`). */
export interface QueryOptions {
  /**
   * Receives every batch with its id before the query commits it (Spark's foreachBatch): at least once, since a batch
   * a crash or a throwing receiver left uncommitted is delivered again, with the same id, when the query restarts.
   */
  readonly sink?: BatchReceiver;
}

/** What a statement produced: rows (SELECT, SHOW, DESCRIBE, EXPLAIN; empty for DDL), a started query, or batches run. */
export type ExecuteResult =
  | { readonly kind: 'result'; readonly schema: Schema; readonly table: arrow.Table; readonly orderBy: boolean }
  | { readonly kind: 'query'; readonly query: StreamingQuery }
  | { readonly kind: 'trigger'; readonly batches: readonly TriggerOutcome[] };

const options = (o: readonly OptionEntry[]): Record<string, string | number | boolean> =>
  Object.fromEntries(o.map((e) => [e.key, e.value]));

/** The columns of CREATE SOURCE / CREATE TABLE; a name given twice is an error (as in Spark), since no query could tell the two apart. */
function fields(cols: readonly ColumnDef[]): Field[] {
  const seen = new Set<string>();
  for (const c of cols) {
    if (seen.has(c.name.name)) {
      throw new TidemarkError('ALREADY_EXISTS', `Column '${c.name.name}' is defined twice (names are compared without regard to case unless double-quoted). Give each column its own name.`, c.span);
    }
    seen.add(c.name.name);
  }
  return cols.map((c) => ({ name: c.name.name, type: c.type, nullable: !c.notNull }));
}

const empty = (): ExecuteResult => ({ kind: 'result', schema: [], table: new arrow.Table(new arrow.Schema([])), orderBy: false });

function rowsResult(schema: Schema, rows: (string | number | boolean | null)[][]): ExecuteResult {
  return { kind: 'result', schema, table: new arrow.Table([batchFromRows(schema, rows)]), orderBy: true };
}

export class Engine {
  readonly checkpointRoot: string;
  private readonly workDir: string;
  private readonly write: (text: string) => void;
  private readonly clock: (() => number) | undefined;
  private readonly catalog = new Catalog();
  private readonly sources = new Map<string, StreamSource>();
  private readonly tables = new Map<string, arrow.RecordBatch[]>();
  private readonly queries = new Map<string, StreamingQuery>();
  /** Checkpoint directory of each query (undefined for `checkpoint = 'memory'`), removed with DROP QUERY. */
  private readonly checkpointDirs = new Map<string, string | undefined>();
  private readonly defaultTrigger: 'continuous' | 'manual';
  private readonly scheduledSubject = new Subject<TriggerOutcome>();
  /** Every batch a query's trigger ran by itself (not TRIGGER or processAllAvailable), and each error that failed one. */
  readonly scheduled$: Observable<TriggerOutcome> = this.scheduledSubject.asObservable();

  private readonly progressSubject = new Subject<BatchProgress>();
  /** Progress of every batch of every query, as each query's progress$ reports it (`tidemark run --progress`). */
  readonly progress$: Observable<BatchProgress> = this.progressSubject.asObservable();

  private readonly baseDir: string | undefined;

  constructor(opts: EngineOptions = {}) {
    this.checkpointRoot = opts.checkpointRoot ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-'));
    this.workDir = opts.workDir ?? process.cwd();
    this.write = opts.console ?? ((text) => void process.stdout.write(text));
    this.baseDir = opts.baseDir;
    this.clock = opts.clock;
    this.defaultTrigger = opts.defaultTrigger ?? 'continuous';
  }

  /** Runs one CREATE QUERY statement whose batches go to `options.sink` (see QueryOptions). */
  createQuery(sql: string, options: QueryOptions = {}): StreamingQuery {
    try {
      const stmt = parseStatement(sql);
      if (stmt.kind !== 'createQuery') throw new TidemarkError('UNSUPPORTED_FEATURE', `Engine.createQuery runs a CREATE QUERY statement; run other statements with execute().`);
      const r = this.executeStatement(stmt, sql, options.sink);
      if (r.kind !== 'query') throw new Error('CREATE QUERY started no query');
      return r.query;
    } catch (e) {
      throw toTidemarkError(e);
    }
  }

  /** Parses and executes one statement. Throws TidemarkError (never anything else) for bad SQL or data. */
  execute(sql: string, origin?: { line: number; column: number }): ExecuteResult {
    try {
      return this.executeStatement(parseStatement(sql, origin), sql);
    } catch (e) {
      if (e instanceof RangeError && /call stack/i.test(e.message)) {
        // Thousands of chained operators (generated SQL) exhaust the recursion of binding or compiling.
        throw new TidemarkError('UNSUPPORTED_FEATURE', 'The statement nests its expressions too deeply to plan (e.g. thousands of chained + or AND): split it into smaller expressions or subqueries.',
          origin ?? { line: 1, column: 1 });
      }
      throw toTidemarkError(e);
    }
  }

  /** Running queries in creation order. */
  get streamingQueries(): StreamingQuery[] {
    return [...this.queries.values()];
  }

  query(name: string): StreamingQuery | undefined {
    return this.queries.get(name);
  }

  /** Sources, tables and queries (with their schemas, options, SQL) as the catalog holds them: for completion and `\d`. */
  relations(): readonly CatalogEntry[] {
    return [...this.catalog.list('source'), ...this.catalog.list('table'), ...this.catalog.list('query')];
  }

  /**
   * Errors the planner raises about a statement's SQL (a streaming rule, an option) carry no span of their own:
   * they point at the query (or the statement) they refuse, so every SQL error has a line and column (spec §8).
   */
  private executeStatement(stmt: Statement, sql: string, receiver?: BatchReceiver): ExecuteResult {
    try {
      return this.runStatement(stmt, sql, receiver);
    } catch (e) {
      if (!(e instanceof TidemarkError) || e.position || !PLANNING_CODES.has(e.code)) throw e;
      const at = e.code.startsWith('UNSUPPORTED') && 'query' in stmt && stmt.query ? stmt.query.span : stmt.span;
      throw new TidemarkError(e.code, e.message, { line: at.line, column: at.column });
    }
  }

  private runStatement(stmt: Statement, sql: string, receiver?: BatchReceiver): ExecuteResult {
    switch (stmt.kind) {
      case 'createSource': {
        const name = stmt.name.name;
        if (stmt.ifNotExists && this.catalog.get(name)) return empty();
        const schema = fields(stmt.columns);
        const opts = options(stmt.options);
        let watermark: { columnIndex: number; delayMicros: number } | undefined;
        if (stmt.watermark) {
          const idx = schema.findIndex((f) => f.name === stmt.watermark!.column.name.name);
          if (idx < 0) throw new TidemarkError('UNRESOLVED_COLUMN', `Watermark column '${stmt.watermark.column.name.name}' is not a column of '${name}'.`, stmt.watermark.span);
          if (schema[idx]!.type !== 'TIMESTAMP') throw new TidemarkError('TYPE_MISMATCH', `Watermark column '${schema[idx]!.name}' must be a TIMESTAMP.`, stmt.watermark.span);
          watermark = { columnIndex: idx, delayMicros: stmt.watermark.delayMicros };
        }
        const source = this.makeSource(name, schema, opts);
        const dead = source instanceof FileSource ? source.options.deadLetterTable : undefined;
        if (dead !== undefined && (this.catalog.get(dead) || dead === name)) {
          throw new TidemarkError('ALREADY_EXISTS', `The dead-letter table '${dead}' of source '${name}' names an existing relation; choose another name with dead_letter_table = '...'.`);
        }
        this.catalog.add({ kind: 'source', name, schema, watermark, options: opts });
        if (dead !== undefined) this.catalog.add({ kind: 'table', name: dead, schema: DEAD_LETTER_SCHEMA, deadLettersOf: name });
        this.sources.set(name, source);
        return empty();
      }
      case 'createTable': {
        const name = stmt.name.name;
        if (stmt.ifNotExists && this.catalog.get(name)) return empty();
        const given = stmt.options[0];
        if (given) {
          throw new TidemarkError('INVALID_OPTION', `A table takes no WITH options ('${given.key}' given): it holds the rows INSERT adds. Remove the WITH clause, or create a source to read from a connector.`, given.span);
        }
        this.catalog.add({ kind: 'table', name, schema: fields(stmt.columns) });
        this.tables.set(name, []);
        return empty();
      }
      case 'createQuery':
        return { kind: 'query', query: this.startQuery(stmt, sql, receiver) };
      case 'insert': {
        const name = stmt.target.name;
        const entry = this.catalog.get(name);
        if (!entry) throw new TidemarkError('UNRESOLVED_RELATION', `Relation '${name}' does not exist. Create it with CREATE SOURCE or CREATE TABLE.`, stmt.target.span);
        if (entry.kind === 'query') throw new TidemarkError('INVALID_INPUT', `'${name}' is a query's result table; only its query writes to it.`, stmt.target.span);
        if (entry.kind === 'table' && entry.deadLettersOf) {
          throw new TidemarkError('INVALID_INPUT', `'${name}' holds the dead letters of source '${entry.deadLettersOf}'; only the source writes to it.`, stmt.target.span);
        }
        const batch = insertBatch(stmt, entry.schema, `${entry.kind} '${name}'`);
        if (entry.kind === 'table') this.tables.get(name)!.push(batch);
        else {
          const src = this.sources.get(name);
          if (!(src instanceof MemorySource)) throw new TidemarkError('INVALID_INPUT', `Source '${name}' is not a memory source; INSERT only appends to memory sources and tables.`, stmt.target.span);
          src.append(batch);
          for (const q of this.queries.values()) if (q.relations.includes(name)) q.inputArrived();
        }
        return empty();
      }
      case 'drop':
        this.drop(stmt.objectType, stmt.name.name, stmt.ifExists, stmt.name.span);
        return empty();
      case 'show': {
        const kind = stmt.what === 'sources' ? 'source' : stmt.what === 'tables' ? 'table' : 'query';
        if (kind === 'query') {
          // The last progress's deterministic fields (goldens print them): its batch, input rows and watermark in effect.
          return rowsResult([{ name: 'name', type: 'STRING', nullable: false }, { name: 'mode', type: 'STRING', nullable: false }, { name: 'status', type: 'STRING', nullable: false },
            { name: 'last_batch', type: 'BIGINT', nullable: true }, { name: 'input_rows', type: 'BIGINT', nullable: true }, { name: 'watermark', type: 'TIMESTAMP', nullable: true }],
          this.streamingQueries.map((q) => {
            const p = q.lastProgress;
            return [q.name, q.mode.toUpperCase(), q.isActive ? 'RUNNING' : q.exception ? `FAILED: ${q.exception.code}` : 'STOPPED',
              p?.batchId ?? null, p?.numInputRows ?? null, parseIsoTime(p?.eventTime.watermark ?? null)];
          }));
        }
        return rowsResult([{ name: 'name', type: 'STRING', nullable: false }], this.catalog.list(kind).map((e) => [e.name]).sort());
      }
      case 'describe': {
        const entry = this.catalog.get(stmt.name.name);
        if (!entry) throw new TidemarkError('UNRESOLVED_RELATION', `Relation '${stmt.name.name}' does not exist.`, stmt.name.span);
        return rowsResult([{ name: 'column', type: 'STRING', nullable: false }, { name: 'type', type: 'STRING', nullable: false }, { name: 'nullable', type: 'BOOLEAN', nullable: false }],
          entry.schema.map((f) => [f.name, f.type, f.nullable]));
      }
      case 'explain': {
        const plan = stmt.target.kind === 'select'
          ? planQuery(stmt.target.query, this.catalog, 'auto')
          // As CREATE QUERY plans it: late_rows keeps join columns, which changes the plan (and its operator ids).
          : planQuery(stmt.target.query, this.catalog, true, { keepJoinColumns: stmt.target.options.some((o) => o.key === 'late_rows') });
        return rowsResult([{ name: 'plan', type: 'STRING', nullable: false }], explain(plan).map((l) => [l]));
      }
      case 'trigger':
        return { kind: 'trigger', batches: this.trigger() };
      case 'restart':
        this.queryNamed(stmt.name).restart();
        return empty();
      case 'stop':
        this.queryNamed(stmt.name).stop();
        return empty();
      case 'showProgress': {
        const p = this.queryNamed(stmt.name).lastProgress;
        const like = stmt.pattern === undefined ? undefined : likePattern(stmt.pattern);
        return rowsResult([{ name: 'field', type: 'STRING', nullable: false }, { name: 'value', type: 'STRING', nullable: true }],
          p ? progressRows(p).filter(([f]) => !like || like.test(f)) : []);
      }
      case 'select':
        return this.select(stmt.query);
      default: {
        const never: never = stmt;
        throw new Error(`statement ${String(never)}`);
      }
    }
  }

  private queryNamed(name: { name: string; span: { line: number; column: number } }): StreamingQuery {
    const q = this.queries.get(name.name);
    if (!q) throw new TidemarkError('UNRESOLVED_RELATION', `Query '${name.name}' does not exist. SHOW QUERIES lists the queries.`, name.span);
    return q;
  }

  private makeSource(name: string, schema: Schema, opts: Record<string, string | number | boolean>): StreamSource {
    const connector = connectorOf(opts);
    checkOptions(opts, connectorOptions(connector));
    switch (connector) {
      case 'memory': {
        const max = opts['max_rows_per_batch'] === undefined ? undefined : Number(opts['max_rows_per_batch']);
        const start = String(opts['starting_offsets'] ?? 'earliest').toLowerCase();
        if (start !== 'earliest' && start !== 'latest') throw new TidemarkError('INVALID_OPTION', `starting_offsets must be 'earliest' or 'latest', not '${start}'.`);
        return new MemorySource(name, schema, max, start === 'latest');
      }
      case 'datagen':
        return new DatagenSource(name, schema, opts, this.clock);
      case 'nexmark':
        return new NexmarkSource(name, schema, opts);
      case 'files':
        return new FileSource(name, schema, fileSourceOptions(name, opts, this.baseDir ?? this.workDir));
      default:
        throw new Error(`connector ${connector} is registered in options.ts but not built here`);
    }
  }

  private startQuery(stmt: CreateQueryStmt, sql: string, receiver?: BatchReceiver): StreamingQuery {
    const name = stmt.name.name;
    if (this.catalog.get(name)) throw new TidemarkError('ALREADY_EXISTS', `A relation or query named '${name}' already exists. Drop it first or choose another name.`, stmt.name.span);
    const opts = options(stmt.options);
    checkOptions(opts, QUERY_OPTIONS);
    const sink = parseQuerySink(opts, this.workDir, receiver);
    const trigger = opts['trigger'] === undefined ? (this.defaultTrigger === 'manual' ? MANUAL : CONTINUOUS) : parseTrigger(opts['trigger']);
    const maxRows = opts['max_rows_per_batch'] === undefined ? undefined : Number(opts['max_rows_per_batch']);
    if (maxRows !== undefined && !(Number.isSafeInteger(maxRows) && maxRows > 0)) {
      throw new TidemarkError('INVALID_OPTION', `max_rows_per_batch must be a positive whole number of rows, not '${String(opts['max_rows_per_batch'])}'.`);
    }
    const lateName = opts['late_rows'] === undefined ? undefined : String(opts['late_rows']).toLowerCase();
    const plan = planQuery(stmt.query, this.catalog, true, { keepJoinColumns: lateName !== undefined });
    const lateSchema = lateName === undefined ? undefined : lateTableSchema(plan.root);
    if (lateName !== undefined) {
      if (!lateSchema) {
        throw new TidemarkError('INVALID_OPTION', `late_rows keeps the rows a watermark drops, and no operator of this query drops any: it needs a windowed or event-time aggregation, a session window, a SELECT DISTINCT with a watermark, or a stream–stream join with a watermark on either side (in APPEND or UPDATE mode). Remove late_rows, or add one of these.`);
      }
      if (this.catalog.get(lateName) || lateName === name) {
        throw new TidemarkError('ALREADY_EXISTS', `late_rows = '${lateName}' names an existing relation; choose another name for the late-row table.`);
      }
    }
    checkSink(sink, plan);
    if (sink.kind === 'files') {
      const other = this.streamingQueries.find((q) => q.sink.kind === 'files' && q.sink.dir === sink.dir);
      if (other?.sink.kind === 'files') {
        throw new TidemarkError('IN_USE', `Query '${other.name}' already writes to the directory of path '${sink.path}' (its path is '${other.sink.path}'); two queries cannot share a files sink directory. Choose another path.`);
      }
    }
    const policy = opts['watermark_policy'] === undefined ? 'min' : String(opts['watermark_policy']).toLowerCase();
    if (policy !== 'min' && policy !== 'max') {
      throw new TidemarkError('INVALID_OPTION', `watermark_policy must be 'min' (follow the slowest input, the default) or 'max' (follow the fastest), not '${String(opts['watermark_policy'])}'.`);
    }
    const given = opts['checkpoint'] === undefined ? undefined : String(opts['checkpoint']);
    // `checkpoint = 'memory'`: no files; RESTART still resumes, a new process starts over.
    const memory = given === 'memory' ? new MemoryCheckpoint() : undefined;
    const dir = given === undefined ? path.join(this.checkpointRoot, name) : path.resolve(this.workDir, given);
    const fingerprint = createHash('sha256').update(JSON.stringify(plan.root)).digest('hex').slice(0, 16);
    const queryId = randomUUID();
    const q = new StreamingQuery(name, plan.schema, plan.mode, plan.orderBy, plan.sources, () => new MicroBatchExecutor({
      name, queryId, plan, sources: this.sources, checkpoint: memory ?? new CheckpointDir(dir), fingerprint, watermarkPolicy: policy,
      readTable: this.readRelation, lateRows: lateName !== undefined, maxRowsPerBatch: maxRows,
      sink: runtimeSink(sink, { name, schema: plan.schema, orderBy: plan.orderBy }, this.write),
    }), sink, { trigger, report: (o) => this.scheduledSubject.next(o) });
    q.progress$.subscribe({ next: (p) => this.progressSubject.next(p) });
    q.start();
    this.catalog.add({ kind: 'query', name, schema: plan.schema, sql, mode: plan.mode });
    if (lateName !== undefined) this.catalog.add({ kind: 'query', name: lateName, schema: lateSchema!, sql: '', mode: 'append', lateOf: name });
    this.queries.set(name, q);
    this.checkpointDirs.set(name, memory ? undefined : dir);
    return q;
  }

  /**
   * Runs every running query over all available input, in creation order, whatever its trigger (a scheduled query
   * just gets its next batches early).
   */
  trigger(): TriggerOutcome[] {
    const out: TriggerOutcome[] = [];
    for (const q of this.queries.values()) {
      if (!q.isActive) continue;
      try {
        out.push(...q.processAllAvailable());
      } catch (e) {
        out.push({ query: q.name, error: toTidemarkError(e) });
      }
    }
    return out;
  }

  /** Rows of a table, or a query's result table, as a batch plan reads them. */
  private readonly readRelation = (rel: string): arrow.RecordBatch[] => {
    const entry = this.catalog.get(rel);
    if (entry?.kind === 'query') return entry.lateOf ? [this.queries.get(entry.lateOf)!.lateTable()] : this.queries.get(rel)!.output();
    if (entry?.kind === 'table' && entry.deadLettersOf) return [(this.sources.get(entry.deadLettersOf) as FileSource).deadLetterTable()];
    return this.tables.get(rel) ?? [];
  };

  private select(query: Query): ExecuteResult {
    const plan: PhysicalQuery = planQuery(query, this.catalog, false);
    const batches = runBatchQuery(plan, this.readRelation);
    const n = plan.schema.length;
    const visible = Array.from({ length: n }, (_, i) => i);
    const table = batches.length ? new arrow.Table(batches).selectAt(visible) : new arrow.Table([batchFromRows(plan.schema, [])]);
    return { kind: 'result', schema: plan.schema, table, orderBy: plan.orderBy };
  }

  private drop(kind: 'source' | 'table' | 'query', name: string, ifExists: boolean, pos: { line: number; column: number }): void {
    const entry = this.catalog.get(name);
    if (!entry || entry.kind !== kind) {
      if (ifExists) return;
      throw new TidemarkError('UNRESOLVED_RELATION', `No ${kind} named '${name}' exists.`, pos);
    }
    if (kind === 'query' && entry.kind === 'query' && entry.lateOf) {
      throw new TidemarkError('IN_USE', `'${name}' holds the late rows of query '${entry.lateOf}'; it goes when you DROP QUERY ${entry.lateOf}.`, pos);
    }
    if (entry.kind === 'table' && entry.deadLettersOf) {
      throw new TidemarkError('IN_USE', `'${name}' holds the dead letters of source '${entry.deadLettersOf}'; it goes when you DROP SOURCE ${entry.deadLettersOf}.`, pos);
    }
    if (kind === 'query') {
      for (const e of this.catalog.list('query')) if (e.kind === 'query' && e.lateOf === name) this.catalog.remove(e.name);
      const q = this.queries.get(name)!;
      q.complete();
      this.queries.delete(name);
      this.catalog.remove(name);
      const dir = this.checkpointDirs.get(name);
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      this.checkpointDirs.delete(name);
      return;
    }
    // A source's dead-letter table goes with it.
    const owned = this.catalog.list('table').filter((e) => e.kind === 'table' && e.deadLettersOf === name).map((e) => e.name);
    for (const q of this.queries.values()) {
      const used = [name, ...owned].find((r) => q.relations.includes(r));
      if (used !== undefined) {
        throw new TidemarkError('IN_USE', `Query '${q.name}' reads '${used}'. Drop the query first.`, pos);
      }
    }
    for (const t of owned) this.catalog.remove(t);
    this.catalog.remove(name);
    this.sources.delete(name);
    this.tables.delete(name);
  }

  /** Stops every query and cancels their triggers' timers (their checkpoints stay). */
  close(): void {
    for (const q of this.queries.values()) q.complete();
    this.progressSubject.complete();
    this.scheduledSubject.complete();
  }
}

export { formatSchema };
