// The Engine: the public entry point that parses, plans and executes statements against its catalog and queries.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import * as arrow from 'apache-arrow';
import { TidemarkError, toTidemarkError } from '../common/errors.js';
import { formatSchema, type Field, type Schema } from '../common/types.js';
import type { ColumnDef, CreateQueryStmt, OptionEntry, Query, Statement } from '../grammar/ast.js';
import { parseStatement } from '../grammar/index.js';
import { Catalog, explain, planQuery, type CatalogEntry, type PhysicalQuery } from '../planner/index.js';
import { CheckpointDir, DatagenSource, MemoryCheckpoint, MemorySource, NexmarkSource, MicroBatchExecutor, batchFromRows, lateTableSchema, runBatchQuery, type StreamSource } from '../runtime/index.js';
import { insertBatch } from './insert-values.js';
import { StreamingQuery, type EmittedBatch } from './streaming-query.js';

/** Codes of errors about the SQL text itself (not about data, checkpoints or running queries). */
const PLANNING_CODES: ReadonlySet<string> = new Set(['UNSUPPORTED_STREAMING_OPERATION', 'UNSUPPORTED_FEATURE', 'INVALID_OPTION',
  'ALREADY_EXISTS', 'IN_USE', 'TYPE_MISMATCH', 'INVALID_WINDOW', 'INVALID_INTERVAL', 'UNRESOLVED_COLUMN', 'UNRESOLVED_RELATION',
  'AMBIGUOUS_COLUMN', 'UNRESOLVED_FUNCTION', 'MISSING_AGGREGATION']);

export interface EngineOptions {
  /** Directory holding one checkpoint folder per query; a fresh temporary directory when omitted. */
  readonly checkpointRoot?: string;
}

/** What a statement produced: rows (SELECT, SHOW, DESCRIBE, EXPLAIN; empty for DDL), a started query, or batches run. */
export type ExecuteResult =
  | { readonly kind: 'result'; readonly schema: Schema; readonly table: arrow.Table; readonly orderBy: boolean }
  | { readonly kind: 'query'; readonly query: StreamingQuery }
  | { readonly kind: 'trigger'; readonly batches: readonly (EmittedBatch | { readonly query: string; readonly error: TidemarkError })[] };

const options = (o: readonly OptionEntry[]): Record<string, string | number | boolean> =>
  Object.fromEntries(o.map((e) => [e.key, e.value]));

/** Rejects option keys a connector does not know, so a typo never passes silently. */
function checkOptions(opts: Record<string, unknown>, allowed: readonly string[], what: string, patterns: readonly RegExp[] = []): void {
  for (const k of Object.keys(opts)) {
    if (!allowed.includes(k) && !patterns.some((p) => p.test(k))) {
      throw new TidemarkError('INVALID_OPTION', `Unknown option '${k}' for ${what}. Accepted options: ${allowed.join(', ')}${patterns.length ? ', fields.<column>.min|max|values|null_rate' : ''}.`);
    }
  }
}

const fields = (cols: readonly ColumnDef[]): Field[] => cols.map((c) => ({ name: c.name.name, type: c.type, nullable: !c.notNull }));

const empty = (): ExecuteResult => ({ kind: 'result', schema: [], table: new arrow.Table(new arrow.Schema([])), orderBy: false });

function rowsResult(schema: Schema, rows: (string | number | boolean | null)[][]): ExecuteResult {
  return { kind: 'result', schema, table: new arrow.Table([batchFromRows(schema, rows)]), orderBy: true };
}

export class Engine {
  readonly checkpointRoot: string;
  private readonly catalog = new Catalog();
  private readonly sources = new Map<string, StreamSource>();
  private readonly tables = new Map<string, arrow.RecordBatch[]>();
  private readonly queries = new Map<string, StreamingQuery>();
  /** Checkpoint directory of each query (undefined for `checkpoint = 'memory'`), removed with DROP QUERY. */
  private readonly checkpointDirs = new Map<string, string | undefined>();

  constructor(opts: EngineOptions = {}) {
    this.checkpointRoot = opts.checkpointRoot ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-'));
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
  private executeStatement(stmt: Statement, sql: string): ExecuteResult {
    try {
      return this.runStatement(stmt, sql);
    } catch (e) {
      if (!(e instanceof TidemarkError) || e.position || !PLANNING_CODES.has(e.code)) throw e;
      const at = e.code.startsWith('UNSUPPORTED') && 'query' in stmt && stmt.query ? stmt.query.span : stmt.span;
      throw new TidemarkError(e.code, e.message, { line: at.line, column: at.column });
    }
  }

  private runStatement(stmt: Statement, sql: string): ExecuteResult {
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
        this.catalog.add({ kind: 'source', name, schema, watermark, options: opts });
        this.sources.set(name, source);
        return empty();
      }
      case 'createTable': {
        const name = stmt.name.name;
        if (stmt.ifNotExists && this.catalog.get(name)) return empty();
        this.catalog.add({ kind: 'table', name, schema: fields(stmt.columns) });
        this.tables.set(name, []);
        return empty();
      }
      case 'createQuery':
        return { kind: 'query', query: this.createQuery(stmt, sql) };
      case 'insert': {
        const name = stmt.target.name;
        const entry = this.catalog.get(name);
        if (!entry) throw new TidemarkError('UNRESOLVED_RELATION', `Relation '${name}' does not exist. Create it with CREATE SOURCE or CREATE TABLE.`, stmt.target.span);
        if (entry.kind === 'query') throw new TidemarkError('INVALID_INPUT', `'${name}' is a query's result table; only its query writes to it.`, stmt.target.span);
        const batch = insertBatch(stmt, entry.schema, `${entry.kind} '${name}'`);
        if (entry.kind === 'table') this.tables.get(name)!.push(batch);
        else {
          const src = this.sources.get(name);
          if (!(src instanceof MemorySource)) throw new TidemarkError('INVALID_INPUT', `Source '${name}' is not a memory source; INSERT only appends to memory sources and tables.`, stmt.target.span);
          src.append(batch);
        }
        return empty();
      }
      case 'drop':
        this.drop(stmt.objectType, stmt.name.name, stmt.ifExists, stmt.name.span);
        return empty();
      case 'show': {
        const kind = stmt.what === 'sources' ? 'source' : stmt.what === 'tables' ? 'table' : 'query';
        if (kind === 'query') {
          return rowsResult([{ name: 'name', type: 'STRING', nullable: false }, { name: 'mode', type: 'STRING', nullable: false }, { name: 'status', type: 'STRING', nullable: false }],
            this.streamingQueries.map((q) => [q.name, q.mode.toUpperCase(), q.isActive ? 'RUNNING' : q.exception ? `FAILED: ${q.exception.code}` : 'STOPPED']));
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
      case 'restart': {
        const q = this.queries.get(stmt.name.name);
        if (!q) throw new TidemarkError('UNRESOLVED_RELATION', `Query '${stmt.name.name}' does not exist. SHOW QUERIES lists the queries.`, stmt.name.span);
        q.restart();
        return empty();
      }
      case 'select':
        return this.select(stmt.query);
      default: {
        const never: never = stmt;
        throw new Error(`statement ${String(never)}`);
      }
    }
  }

  private makeSource(name: string, schema: Schema, opts: Record<string, string | number | boolean>): StreamSource {
    const connector = String(opts['connector'] ?? 'memory').toLowerCase();
    switch (connector) {
      case 'memory': {
        checkOptions(opts, ['connector', 'starting_offsets', 'max_rows_per_batch'], 'a memory source');
        const max = opts['max_rows_per_batch'] === undefined ? undefined : Number(opts['max_rows_per_batch']);
        const start = String(opts['starting_offsets'] ?? 'earliest').toLowerCase();
        if (start !== 'earliest' && start !== 'latest') throw new TidemarkError('INVALID_OPTION', `starting_offsets must be 'earliest' or 'latest', not '${start}'.`);
        return new MemorySource(name, schema, max, start === 'latest');
      }
      case 'datagen':
        checkOptions(opts, ['connector', 'rows', 'seed', 'rows_per_batch', 'start', 'step', 'max_out_of_order'], 'a datagen source',
          [/^fields\.[^.]+\.(min|max|values|null_rate)$/]);
        return new DatagenSource(name, schema, opts);
      case 'nexmark':
        checkOptions(opts, ['connector', 'table', 'events', 'seed', 'base_time', 'rows_per_batch'], 'a nexmark source');
        return new NexmarkSource(name, schema, opts);
      default:
        throw new TidemarkError('INVALID_OPTION', `Unknown connector '${connector}'. Available connectors: memory (the default), datagen, nexmark.`);
    }
  }

  private createQuery(stmt: CreateQueryStmt, sql: string): StreamingQuery {
    const name = stmt.name.name;
    if (this.catalog.get(name)) throw new TidemarkError('ALREADY_EXISTS', `A relation or query named '${name}' already exists. Drop it first or choose another name.`, stmt.name.span);
    const opts = options(stmt.options);
    checkOptions(opts, ['checkpoint', 'watermark_policy', 'late_rows'], 'a query');
    const lateName = opts['late_rows'] === undefined ? undefined : String(opts['late_rows']).toLowerCase();
    const plan = planQuery(stmt.query, this.catalog, true, { keepJoinColumns: lateName !== undefined });
    const lateSchema = lateName === undefined ? undefined : lateTableSchema(plan.root);
    if (lateName !== undefined) {
      if (!lateSchema) {
        throw new TidemarkError('INVALID_OPTION', `late_rows keeps the rows a watermark drops, and no operator of this query drops any: it needs a windowed or event-time aggregation, a session window, a SELECT DISTINCT with a watermark, or a stream–stream join with a time range (in APPEND or UPDATE mode). Remove late_rows, or add one of these.`);
      }
      if (this.catalog.get(lateName) || lateName === name) {
        throw new TidemarkError('ALREADY_EXISTS', `late_rows = '${lateName}' names an existing relation; choose another name for the late-row table.`);
      }
    }
    const policy = opts['watermark_policy'] === undefined ? 'min' : String(opts['watermark_policy']).toLowerCase();
    if (policy !== 'min' && policy !== 'max') {
      throw new TidemarkError('INVALID_OPTION', `watermark_policy must be 'min' (follow the slowest input, the default) or 'max' (follow the fastest), not '${String(opts['watermark_policy'])}'.`);
    }
    const dir = opts['checkpoint'] !== undefined ? String(opts['checkpoint']) : path.join(this.checkpointRoot, name);
    // `checkpoint = 'memory'`: no files; RESTART still resumes, a new process starts over.
    const memory = dir === 'memory' ? new MemoryCheckpoint() : undefined;
    const fingerprint = createHash('sha256').update(JSON.stringify(plan.root)).digest('hex').slice(0, 16);
    const queryId = randomUUID();
    const q = new StreamingQuery(name, plan.schema, plan.mode, plan.orderBy, plan.sources, () => new MicroBatchExecutor({
      name, queryId, plan, sources: this.sources, checkpoint: memory ?? new CheckpointDir(dir), fingerprint, watermarkPolicy: policy,
      readTable: this.readRelation, lateRows: lateName !== undefined,
    }));
    q.start();
    this.catalog.add({ kind: 'query', name, schema: plan.schema, sql, mode: plan.mode });
    if (lateName !== undefined) this.catalog.add({ kind: 'query', name: lateName, schema: lateSchema!, sql: '', mode: 'append', lateOf: name });
    this.queries.set(name, q);
    this.checkpointDirs.set(name, memory ? undefined : dir);
    return q;
  }

  /** Runs every running query over all available input, in creation order. */
  trigger(): (EmittedBatch | { query: string; error: TidemarkError })[] {
    const out: (EmittedBatch | { query: string; error: TidemarkError })[] = [];
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
    if (entry?.kind === 'query') return [entry.lateOf ? this.queries.get(entry.lateOf)!.lateTable() : this.queries.get(rel)!.resultTable()];
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
    for (const q of this.queries.values()) {
      if (q.relations.includes(name)) {
        throw new TidemarkError('IN_USE', `Query '${q.name}' reads '${name}'. Drop the query first.`, pos);
      }
    }
    this.catalog.remove(name);
    this.sources.delete(name);
    this.tables.delete(name);
  }

  /** Stops every query (their checkpoints stay). */
  close(): void {
    for (const q of this.queries.values()) q.complete();
  }
}

export { formatSchema };
