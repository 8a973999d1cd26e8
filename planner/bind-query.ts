// Binds a SELECT against the catalog into a logical plan: FROM, WHERE, watermarks, GROUP BY/windows, HAVING, ORDER BY.

import { TidemarkError } from '../common/errors.js';
import { parseDuration } from '../common/time.js';
import type { DataType, Field, Schema } from '../common/types.js';
import type { ColumnRef, EmitMode, Expr, FromItem, Query, SelectQuery } from '../grammar/ast.js';
import type { BoundExpr } from './bound-expr.js';
import { bindExpr, pos, resolveColumn, unresolvedColumn, type ExprContext, type ScopeColumn } from './bind-expr.js';
import type { Catalog } from './catalog.js';
import { exprName } from './expr-name.js';
import { aggregateType, AGGREGATE_NAMES, isWindowFunctionName } from './functions.js';
import type { AggCall, LogicalPlan, SortKey, WindowSpec } from './logical-plan.js';
import { bindUnion } from './bind-union.js';

export interface BoundQuery {
  readonly plan: LogicalPlan;
  /** Columns users see: the first `schema.length` columns of the plan output (hidden ones follow). */
  readonly schema: Schema;
  /** Plan output indices that identify a row of an aggregate's result (for UPDATE result tables). */
  readonly keyColumns: readonly number[] | undefined;
  readonly explicitEmit: EmitMode | undefined;
  readonly aggregate: boolean;
  readonly orderBy: boolean;
  readonly limit: boolean;
  /** SELECT DISTINCT (planned as an aggregate without aggregate functions). */
  readonly distinct: boolean;
}

interface Bound {
  readonly plan: LogicalPlan;
  readonly scope: readonly ScopeColumn[];
}

const field = (name: string, type: DataType, nullable = true): Field => ({ name, type, nullable });

function scopeOf(schema: Schema, qualifier: string | undefined): ScopeColumn[] {
  return schema.map((f, index) => ({ qualifier, name: f.name, type: f.type, index }));
}

export function bindQuery(q: Query, catalog: Catalog): BoundQuery {
  if (q.kind === 'union') {
    return bindUnion(q, (t) => bindQuery(t, catalog), (o, fields, exprs, scope) => bindOrderBy(o, fields, exprs, { scope, clause: 'ORDER BY' }));
  }
  return bindSelect(q, catalog);
}

function bindFrom(f: FromItem, catalog: Catalog): Bound {
  switch (f.kind) {
    case 'relation': {
      const entry = catalog.get(f.name.name);
      if (!entry) {
        throw new TidemarkError('UNRESOLVED_RELATION',
          `Relation '${f.name.name}' does not exist. Create it with CREATE SOURCE or CREATE TABLE, or check SHOW SOURCES.`, pos(f.name));
      }
      const qualifier = (f.alias ?? f.name).name;
      const schema = entry.schema;
      let plan: LogicalPlan = {
        kind: 'scan', relation: entry.name,
        relationKind: entry.kind === 'query' ? 'queryResult' : entry.kind,
        streaming: entry.kind === 'source', schema,
      };
      if (entry.kind === 'source' && entry.watermark) {
        plan = { kind: 'watermark', input: plan, columnIndex: entry.watermark.columnIndex, delayMicros: entry.watermark.delayMicros, schema };
      }
      return { plan, scope: scopeOf(schema, qualifier) };
    }
    case 'subquery': {
      const inner = bindQuery(f.query, catalog);
      let plan = inner.plan;
      if (plan.schema.length !== inner.schema.length) {
        plan = { kind: 'project', input: plan, exprs: inner.schema.map((c, i) => ({ kind: 'column', index: i, type: c.type, name: c.name }) as BoundExpr), schema: inner.schema };
      }
      return { plan, scope: scopeOf(inner.schema, f.alias?.name) };
    }
    case 'join': {
      const l = bindFrom(f.left, catalog);
      const r = bindFrom(f.right, catalog);
      const offset = l.plan.schema.length;
      const scope = [...l.scope, ...r.scope.map((c) => ({ ...c, index: c.index + offset }))];
      const schema = [...l.plan.schema, ...r.plan.schema];
      const condition = f.on ? bindExpr(f.on, { scope, clause: 'JOIN ... ON' }) : undefined;
      if (condition && condition.type !== 'BOOLEAN') {
        throw new TidemarkError('TYPE_MISMATCH', `A join condition must be BOOLEAN but is ${condition.type}.`, pos(f.on!));
      }
      return { plan: { kind: 'join', left: l.plan, right: r.plan, joinType: f.joinType, condition, schema }, scope };
    }
    default: {
      const never: never = f;
      throw new Error(`from ${String(never)}`);
    }
  }
}

/**
 * Puts a query-level WATERMARK on the join input that holds its column (so `WATERMARK a.ts 10 seconds, b.ts 5
 * seconds` watches each side of a join, as a source's WATERMARK FOR does), else over the plan.
 */
function withWatermark(plan: LogicalPlan, column: number, delayMicros: number): LogicalPlan {
  // One input: the watermark watches the rows WHERE keeps (pinned by the golden files); a join's inputs: all rows.
  if (plan.kind === 'filter' && plan.input.kind === 'join') return { ...plan, input: withWatermark(plan.input, column, delayMicros) };
  if (plan.kind === 'join') {
    const nLeft = plan.left.schema.length;
    return column < nLeft
      ? { ...plan, left: withWatermark(plan.left, column, delayMicros) }
      : { ...plan, right: withWatermark(plan.right, column - nLeft, delayMicros) };
  }
  return { kind: 'watermark', input: plan, columnIndex: column, delayMicros, schema: plan.schema };
}

function durationArg(e: Expr | undefined, what: string): number | undefined {
  if (!e) return undefined;
  if (e.kind === 'literal' && e.value.type === 'interval') return e.value.micros;
  if (e.kind === 'literal' && e.value.type === 'string') return parseDuration(e.value.value, pos(e));
  throw new TidemarkError('INVALID_WINDOW', `The window ${what} must be a duration such as '10 minutes'.`, pos(e));
}

function bindWindow(call: Extract<Expr, { kind: 'call' }>, ctx: ExprContext): WindowSpec {
  if (call.name === 'session_window') return bindSession(call, ctx);
  if (call.name === 'cumulate') return bindCumulate(call, ctx);
  if (call.args.length < 2 || call.args.length > 4) {
    throw new TidemarkError('INVALID_WINDOW', 'window() takes (time column, size [, slide [, startTime]]).', pos(call));
  }
  const time = bindExpr(call.args[0]!, ctx);
  if (time.type !== 'TIMESTAMP') {
    throw new TidemarkError('TYPE_MISMATCH', `window() needs a TIMESTAMP time column but got ${time.type}.`, pos(call.args[0]!));
  }
  const size = durationArg(call.args[1], 'size')!;
  const slide = durationArg(call.args[2], 'slide') ?? size;
  const start = durationArg(call.args[3], 'start time') ?? 0;
  if (size <= 0) throw new TidemarkError('INVALID_WINDOW', 'The window size must be positive.', pos(call));
  if (slide <= 0 || slide > size) {
    throw new TidemarkError('INVALID_WINDOW', 'The window slide must be positive and no larger than the window size.', pos(call));
  }
  if (Math.abs(start) >= slide) {
    throw new TidemarkError('INVALID_WINDOW', 'The window start time must be smaller in magnitude than the slide.', pos(call));
  }
  return { kind: 'hop', time, sizeMicros: size, slideMicros: slide, startMicros: start };
}

/** session_window(ts, gap): a row opens [ts, ts + gap); a key's overlapping or touching sessions merge. */
function bindSession(call: Extract<Expr, { kind: 'call' }>, ctx: ExprContext): WindowSpec {
  if (call.args.length !== 2) {
    throw new TidemarkError('INVALID_WINDOW', 'session_window() takes (time column, gap), e.g. session_window(ts, \'5 minutes\').', pos(call));
  }
  const time = bindExpr(call.args[0]!, ctx);
  if (time.type !== 'TIMESTAMP') {
    throw new TidemarkError('TYPE_MISMATCH', `session_window() needs a TIMESTAMP time column but got ${time.type}.`, pos(call.args[0]!));
  }
  const gap = durationArg(call.args[1], 'gap')!;
  if (gap <= 0) throw new TidemarkError('INVALID_WINDOW', 'The session gap must be positive.', pos(call));
  return { kind: 'session', time, sizeMicros: gap, slideMicros: gap, startMicros: 0 };
}

/** cumulate(ts, step, size): windows growing by step from each period start up to size (Flink's CUMULATE). */
function bindCumulate(call: Extract<Expr, { kind: 'call' }>, ctx: ExprContext): WindowSpec {
  if (call.args.length !== 3) {
    throw new TidemarkError('INVALID_WINDOW', 'cumulate() takes (time column, step, size), e.g. cumulate(ts, \'1 minute\', \'10 minutes\').', pos(call));
  }
  const time = bindExpr(call.args[0]!, ctx);
  if (time.type !== 'TIMESTAMP') {
    throw new TidemarkError('TYPE_MISMATCH', `cumulate() needs a TIMESTAMP time column but got ${time.type}.`, pos(call.args[0]!));
  }
  const step = durationArg(call.args[1], 'step')!;
  const size = durationArg(call.args[2], 'size')!;
  if (step <= 0 || size <= 0) throw new TidemarkError('INVALID_WINDOW', 'The cumulate step and size must be positive.', pos(call));
  if (size % step !== 0) {
    throw new TidemarkError('INVALID_WINDOW', 'The cumulate size must be a whole multiple of its step.', pos(call));
  }
  return { kind: 'cumulate', time, sizeMicros: size, slideMicros: step, startMicros: 0 };
}

const isWindowCall = (e: Expr): e is Extract<Expr, { kind: 'call' }> =>
  e.kind === 'call' && isWindowFunctionName(e.name);

function containsAggregate(e: Expr): boolean {
  if (e.kind === 'call' && AGGREGATE_NAMES.has(e.name)) return true;
  switch (e.kind) {
    case 'literal': case 'column': return false;
    case 'unary': case 'isNull': case 'cast': return containsAggregate(e.operand);
    case 'binary': return containsAggregate(e.left) || containsAggregate(e.right);
    case 'between': return [e.operand, e.low, e.high].some(containsAggregate);
    case 'inList': return [e.operand, ...e.list].some(containsAggregate);
    case 'like': return containsAggregate(e.operand) || containsAggregate(e.pattern);
    case 'case': return [...(e.operand ? [e.operand] : []), ...e.whens.flatMap((w) => [w.when, w.then]), ...(e.else ? [e.else] : [])].some(containsAggregate);
    case 'call': return e.args.some(containsAggregate);
    default: {
      const never: never = e;
      return Boolean(never);
    }
  }
}

const isWindowRef = (r: ColumnRef, which: 'start' | 'end'): boolean =>
  (r.table?.name === 'window' && r.name.name === which) || (!r.table && r.name.name === `window_${which}`);

function bindSelect(q: SelectQuery, catalog: Catalog): BoundQuery {
  const from: Bound = q.from ? bindFrom(q.from, catalog) : { plan: { kind: 'oneRow', schema: [] }, scope: [] };
  let plan = from.plan;
  const scope = from.scope;
  const inputCtx: ExprContext = { scope, clause: 'WHERE' };

  if (q.where) {
    const predicate = bindExpr(q.where, inputCtx);
    if (predicate.type !== 'BOOLEAN' && predicate.type !== 'NULL') {
      throw new TidemarkError('TYPE_MISMATCH', `The WHERE condition must be BOOLEAN but is ${predicate.type}.`, pos(q.where));
    }
    plan = { kind: 'filter', input: plan, predicate, schema: plan.schema };
  }
  for (const w of q.watermarks) {
    const c = resolveColumn(w.column, scope);
    if (!c) throw unresolvedColumn(w.column, scope);
    if (c.type !== 'TIMESTAMP') {
      throw new TidemarkError('TYPE_MISMATCH', `The watermark column '${c.name}' must be a TIMESTAMP but is ${c.type}.`, pos(w.column));
    }
    plan = withWatermark(plan, c.index, w.delayMicros);
  }

  // GROUP BY 2 names the second SELECT item (Spark's default, spark.sql.groupByOrdinal); a name that is no input
  // column but a SELECT alias names that item (spark.sql.groupByAliases): input columns win, as in Spark.
  const groupBy = q.groupBy.map((g): Expr => {
    if (g.kind === 'column' && !g.table && !resolveColumn(g, scope)) {
      const aliased = q.items.filter((i) => i.kind === 'item' && i.alias?.name === g.name.name);
      const item = aliased[0];
      if (aliased.length === 1 && item?.kind === 'item') {
        if (containsAggregate(item.expr)) throw new TidemarkError('MISSING_AGGREGATION', `GROUP BY ${g.name.name} names an aggregate; group by a column or expression.`, pos(g));
        return item.expr;
      }
    }
    if (g.kind !== 'literal' || g.value.type !== 'integer') return g;
    const n = Number(g.value.value);
    const item = q.items[n - 1];
    if (!item || n < 1) throw new TidemarkError('UNRESOLVED_COLUMN', `GROUP BY position ${n} is not in the select list (1 to ${q.items.length}).`, pos(g));
    if (item.kind !== 'item') throw new TidemarkError('UNRESOLVED_COLUMN', `GROUP BY position ${n} is a *; name the columns to group by.`, pos(g));
    if (containsAggregate(item.expr)) throw new TidemarkError('MISSING_AGGREGATION', `GROUP BY position ${n} is an aggregate; group by a column or expression.`, pos(g));
    return item.expr;
  });
  const windowCalls = groupBy.filter(isWindowCall);
  if (windowCalls.length > 1) {
    throw new TidemarkError('INVALID_WINDOW', 'Only one window function is allowed per GROUP BY.', pos(windowCalls[1]!));
  }
  const isAggregate = groupBy.length > 0 || q.items.some((i) => i.kind === 'item' && containsAggregate(i.expr))
    || (q.having !== undefined) || q.orderBy.some((o) => containsAggregate(o.expr));

  const outFields: Field[] = [];
  const outExprs: BoundExpr[] = [];
  let keyColumns: number[] | undefined;
  let postCtx: ExprContext;

  if (isAggregate) {
    const window = windowCalls[0] ? bindWindow(windowCalls[0], { scope, clause: 'GROUP BY' }) : undefined;
    const keyAsts = groupBy.filter((g) => !isWindowCall(g));
    const keys = keyAsts.map((k) => bindExpr(k, { scope, clause: 'GROUP BY' }));
    const keySigs = keys.map((k) => JSON.stringify(k));
    const base = window ? 2 : 0;
    const aggs: AggCall[] = [];
    const aggSigs: string[] = [];
    const aggFields: Field[] = [];
    const aggBase = base + keys.length;
    const aggregate = (call: Extract<Expr, { kind: 'call' }>): BoundExpr => {
      const name = AGGREGATE_NAMES.get(call.name)!;
      if (call.distinct && name !== 'count') {
        throw new TidemarkError('UNSUPPORTED_FEATURE', `${call.name}(DISTINCT ...) is not supported yet; only count(DISTINCT ...) is.`, pos(call));
      }
      const argCtx: ExprContext = { scope, clause: `${call.name}()` };
      let agg: AggCall;
      if (call.star) {
        if (name !== 'count') throw new TidemarkError('PARSE_ERROR', `${call.name}(*) is not allowed; only count(*).`, pos(call));
        agg = { fn: 'count_star', arg: undefined, type: 'BIGINT' };
      } else {
        if (call.args.length !== 1) {
          throw new TidemarkError('TYPE_MISMATCH', `${call.name}() takes exactly one argument.`, pos(call));
        }
        if (containsAggregate(call.args[0]!)) {
          throw new TidemarkError('MISSING_AGGREGATION', 'Aggregate functions cannot be nested.', pos(call));
        }
        const arg = bindExpr(call.args[0]!, argCtx);
        const fn = call.distinct ? 'count_distinct' : name;
        agg = { fn, arg, type: aggregateType(fn, arg.type, call.name, pos(call)) };
      }
      const sig = JSON.stringify(agg);
      let i = aggSigs.indexOf(sig);
      if (i < 0) {
        i = aggs.length;
        aggs.push(agg);
        aggSigs.push(sig);
        aggFields.push(field(`_agg${i}`, agg.type, agg.fn !== 'count' && agg.fn !== 'count_star' && agg.fn !== 'count_distinct' && agg.fn !== 'approx_count_distinct'));
      }
      return { kind: 'column', index: aggBase + i, type: agg.type, name: exprName(call) };
    };
    const keyFields = keys.map((k, i) => field(keyAsts[i]!.kind === 'column' ? (keyAsts[i] as ColumnRef).name.name : `_key${i}`, k.type));
    postCtx = {
      scope: [],
      clause: 'SELECT',
      aggregate,
      intercept: (e) => {
        if (e.kind === 'literal') return undefined;
        if (e.kind === 'column' && window && !resolveColumn(e, scope)) {
          if (isWindowRef(e, 'start')) return { kind: 'column', index: 0, type: 'TIMESTAMP', name: 'start' };
          if (isWindowRef(e, 'end')) return { kind: 'column', index: 1, type: 'TIMESTAMP', name: 'end' };
        }
        if (containsAggregate(e)) return undefined;
        let b: BoundExpr;
        try {
          b = bindExpr(e, { scope, clause: 'SELECT' });
        } catch {
          return undefined;
        }
        const k = keySigs.indexOf(JSON.stringify(b));
        return k >= 0 ? { kind: 'column', index: base + k, type: keys[k]!.type, name: exprName(e) } : undefined;
      },
      unresolved: (ref) => {
        if (resolveColumn(ref, scope)) {
          throw new TidemarkError('MISSING_AGGREGATION',
            `Column '${ref.name.name}' must appear in GROUP BY or be used inside an aggregate function.`, pos(ref));
        }
        if (!window && (isWindowRef(ref, 'start') || isWindowRef(ref, 'end'))) {
          throw new TidemarkError('INVALID_WINDOW', `${ref.table ? 'window.' : ''}${ref.name.name} needs a window(...) in GROUP BY.`, pos(ref));
        }
        throw unresolvedColumn(ref, scope);
      },
    };
    // Bind every post-aggregate expression first so all aggregate calls are registered before the node is built.
    for (const item of q.items) {
      if (item.kind === 'star') {
        throw new TidemarkError('MISSING_AGGREGATION', 'SELECT * is not allowed in a grouped query; list the grouped columns.', pos(item));
      }
      const b = bindExpr(item.expr, postCtx);
      outExprs.push(b);
      outFields.push(field(item.alias?.name ?? exprName(item.expr), b.type === 'NULL' ? 'STRING' : b.type));
    }
    // HAVING may name a SELECT alias (as in Spark) when no input column has that name.
    const having = q.having ? bindExpr(q.having, {
      ...postCtx,
      clause: 'HAVING',
      unresolved: (ref) => {
        const i = ref.table || resolveColumn(ref, scope) ? -1 : outFields.findIndex((f) => f.name === ref.name.name);
        return i >= 0 ? outExprs[i] : postCtx.unresolved!(ref);
      },
    }) : undefined;
    const sortKeys = bindOrderBy(q, outFields, outExprs, postCtx);
    const aggSchema: Schema = [
      ...(window ? [field('window_start', 'TIMESTAMP', false), field('window_end', 'TIMESTAMP', false)] : []),
      ...keyFields, ...aggFields,
    ];
    if (window?.kind === 'session' && aggs.some((x) => x.fn === 'first' || x.fn === 'last')) {
      // Merging sessions combines partial aggregates, and first/last would need the arrival order across them.
      throw new TidemarkError('UNSUPPORTED_FEATURE', 'first() and last() are not supported with session_window(); use min() or max() of the time column.', pos(q));
    }
    plan = { kind: 'aggregate', input: plan, keys, window, aggs, schema: aggSchema };
    if (having) {
      if (having.type !== 'BOOLEAN' && having.type !== 'NULL') {
        throw new TidemarkError('TYPE_MISMATCH', `The HAVING condition must be BOOLEAN but is ${having.type}.`, pos(q.having!));
      }
      plan = { kind: 'filter', input: plan, predicate: having, schema: aggSchema };
    }
    // Hidden trailing columns carry the group key so an UPDATE result table can upsert rows.
    keyColumns = [];
    const visible = outExprs.length;
    const hidden = sortKeys.hidden;
    for (let k = 0; k < base + keys.length; k++) {
      keyColumns.push(visible + hidden.length + k);
    }
    return finish(q, plan, outFields, [...outExprs, ...hidden, ...aggSchema.slice(0, base + keys.length).map((f, i) => ({ kind: 'column', index: i, type: f.type, name: f.name }) as BoundExpr)], sortKeys.keys, keyColumns, true);
  }

  for (const item of q.items) {
    if (item.kind === 'star') {
      const cols = item.qualifier ? scope.filter((c) => c.qualifier === item.qualifier!.name) : scope;
      if (item.qualifier && cols.length === 0) {
        throw new TidemarkError('UNRESOLVED_RELATION', `No relation named '${item.qualifier.name}' in FROM.`, pos(item));
      }
      for (const c of cols) {
        outExprs.push({ kind: 'column', index: c.index, type: c.type, name: c.name });
        outFields.push(field(c.name, c.type, plan.schema[c.index]?.nullable ?? true));
      }
      continue;
    }
    const b = bindExpr(item.expr, { scope, clause: 'SELECT' });
    outExprs.push(b);
    outFields.push(field(item.alias?.name ?? exprName(item.expr), b.type === 'NULL' ? 'STRING' : b.type));
  }
  postCtx = { scope, clause: 'ORDER BY' };
  const sortKeys = bindOrderBy(q, outFields, outExprs, postCtx);
  if (q.distinct) {
    const schema = outFields;
    plan = { kind: 'project', input: plan, exprs: outExprs, schema };
    const keys = schema.map((f, i) => ({ kind: 'column', index: i, type: f.type, name: f.name }) as BoundExpr);
    plan = { kind: 'aggregate', input: plan, keys, window: undefined, aggs: [], schema, dedup: true };
    const ident = keys;
    if (sortKeys.hidden.length) {
      throw new TidemarkError('UNSUPPORTED_FEATURE', 'ORDER BY of SELECT DISTINCT must use selected columns.', pos(q));
    }
    return finish(q, plan, outFields, ident, sortKeys.keys, ident.map((_, i) => i), true, true);
  }
  return finish(q, plan, outFields, [...outExprs, ...sortKeys.hidden], sortKeys.keys, undefined, false);
}

function bindOrderBy(q: Pick<SelectQuery, 'orderBy'>, outFields: readonly Field[], outExprs: readonly BoundExpr[], ctx: ExprContext):
  { keys: SortKey[]; hidden: BoundExpr[] } {
  const hidden: BoundExpr[] = [];
  const keys: SortKey[] = [];
  // Inside an expression (ORDER BY -w) an unqualified name is first a SELECT item's, as in Spark, whose ORDER BY
  // reads the projection's output: the alias wins over an input column of the same name, as it does bare.
  const byAlias: ExprContext = {
    ...ctx,
    intercept: (e) => {
      const i = e.kind === 'column' && !e.table ? aliasIndex(e.name.name, e) : -1;
      return i >= 0 ? outExprs[i] : ctx.intercept?.(e);
    },
  };
  /** The SELECT item called `name` (-1: none); two different items of that name are ambiguous. */
  function aliasIndex(name: string, at: Parameters<typeof pos>[0]): number {
    const idx = outFields.findIndex((f) => f.name === name);
    // Two items of that name are ambiguous unless they are one expression (SELECT x, x ... ORDER BY x), as in Spark.
    const first = idx >= 0 ? JSON.stringify(outExprs[idx]) : '';
    if (idx >= 0 && outFields.some((f, i) => i > idx && f.name === name && JSON.stringify(outExprs[i]) !== first)) {
      throw new TidemarkError('AMBIGUOUS_COLUMN', `ORDER BY ${name} could name either of the SELECT items called '${name}'. Give them different aliases, or order by position.`, pos(at));
    }
    return idx;
  }
  for (const o of q.orderBy) {
    let idx = -1;
    let type: DataType = 'NULL';
    if (o.expr.kind === 'literal' && o.expr.value.type === 'integer') {
      const n = Number(o.expr.value.value);
      if (n < 1 || n > outFields.length) {
        throw new TidemarkError('UNRESOLVED_COLUMN', `ORDER BY position ${n} is not in the select list (1 to ${outFields.length}).`, pos(o.expr));
      }
      idx = n - 1;
      type = outFields[idx]!.type;
    } else if (o.expr.kind === 'column' && !o.expr.table) {
      idx = aliasIndex(o.expr.name.name, o.expr);
      if (idx >= 0) type = outFields[idx]!.type;
    }
    if (idx < 0) {
      const b = bindExpr(o.expr, byAlias);
      const sig = JSON.stringify(b);
      idx = outExprs.findIndex((x) => JSON.stringify(x) === sig);
      if (idx < 0) {
        idx = outExprs.length + hidden.length;
        hidden.push(b);
      }
      type = b.type;
    }
    keys.push({
      expr: { kind: 'column', index: idx, type, name: `_sort${keys.length}` },
      descending: o.descending,
      nullsFirst: o.nullsFirst ?? !o.descending,
    });
  }
  return { keys, hidden };
}

function finish(q: SelectQuery, input: LogicalPlan, visible: readonly Field[], exprs: readonly BoundExpr[], sort: readonly SortKey[],
  keyColumns: readonly number[] | undefined, aggregate: boolean, distinctDone = false): BoundQuery {
  let plan: LogicalPlan = input;
  if (!distinctDone) {
    const schema: Schema = exprs.map((e, i) => visible[i] ?? field(`_hidden${i}`, e.type));
    plan = { kind: 'project', input: plan, exprs, schema };
  }
  if (sort.length) plan = { kind: 'sort', input: plan, keys: sort, schema: plan.schema };
  if (q.limit !== undefined) plan = { kind: 'limit', input: plan, count: q.limit, schema: plan.schema };
  return { plan, schema: visible, keyColumns, explicitEmit: q.emit, aggregate, orderBy: sort.length > 0, limit: q.limit !== undefined, distinct: q.distinct };
}
