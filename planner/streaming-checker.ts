// The streaming checker: which plans can run incrementally in which output mode (semantics spec §5).

import { TidemarkError } from '../common/errors.js';
import type { EmitMode } from '../grammar/ast.js';
import type { BoundQuery } from './bind-query.js';
import { isStreamingPlan, someNode, type LogicalPlan } from './logical-plan.js';
import { conjuncts, equiJoinKey } from './join-bounds.js';
import { eventTimeColumn, watermarkedColumns } from './watermarked-columns.js';
import { aggregateLag, joinInputLags, joinTimeBounds } from './time-lag.js';

const unsupported = (msg: string): never => {
  throw new TidemarkError('UNSUPPORTED_STREAMING_OPERATION', msg);
};

/** Validates a streaming query and returns its output mode (explicit, or the default for its shape). */
export function checkStreaming(q: BoundQuery, plan: LogicalPlan): EmitMode {
  if (!someNode(plan, (n) => n.kind === 'scan' && n.streaming)) {
    unsupported('A query needs a streaming source in FROM (CREATE SOURCE); for tables and result tables run a plain SELECT.');
  }
  someNode(plan, (n) => {
    if (n.kind === 'join') checkJoin(n);
    return false;
  });
  if (someNode(plan, (n) => n.kind === 'union' && n.inputs.some((i) => !isStreamingPlan(i)))) {
    unsupported('UNION of a stream with a table is not supported: every input of a streaming UNION must read a source. Join the table instead, or insert its rows into a source.');
  }
  const aggs: Extract<LogicalPlan, { kind: 'aggregate' }>[] = [];
  const streamJoins: Extract<LogicalPlan, { kind: 'join' }>[] = [];
  someNode(plan, (n) => {
    // An aggregation of a table (joined to a stream) is a batch plan the join runs each micro-batch: not stateful.
    if (n.kind === 'aggregate' && isStreamingPlan(n.input)) aggs.push(n);
    if (n.kind === 'join' && isStreamingPlan(n.left) && isStreamingPlan(n.right)) streamJoins.push(n);
    return false;
  });
  const chain = aggs.length + streamJoins.length > 1;
  if (chain) checkChain(q, aggs);
  if (someNode(plan, (n) => n.kind === 'scan' && n.relationKind === 'queryResult')) {
    unsupported('A streaming query cannot read another query\'s result table; read the source instead.');
  }
  const agg = aggs[0];
  if (streamJoins.length && q.explicitEmit && q.explicitEmit !== 'append') {
    unsupported('A join of two streams emits each joined row once: use EMIT APPEND (the default).');
  }
  if (agg?.dedup) {
    // Deduplication emits each distinct row once, as it arrives: APPEND (the default) and UPDATE print the same.
    const mode: EmitMode = q.explicitEmit ?? 'append';
    if (mode === 'complete') unsupported('EMIT COMPLETE is not supported for SELECT DISTINCT over a stream (there is no aggregation to recompute); use EMIT APPEND.');
    if (q.orderBy) unsupported('ORDER BY is not supported on a streaming SELECT DISTINCT.');
    if (q.limit) unsupported('LIMIT is not supported on a streaming SELECT DISTINCT.');
    return mode;
  }
  const mode: EmitMode = q.explicitEmit ?? (agg && !chain ? 'update' : 'append');
  if (mode === 'update' && agg && !q.keyColumns) {
    // The UPDATE result table is keyed by the group, which only an aggregation in the query's own SELECT provides.
    unsupported('EMIT UPDATE needs the aggregation in the query\'s own SELECT (its result table keeps one row per group): select from the aggregation directly and filter with HAVING, or use EMIT APPEND or COMPLETE.');
  }
  if (!agg) {
    if (mode === 'complete') unsupported('EMIT COMPLETE needs an aggregation: the complete result of a non-aggregate stream is unbounded. Use EMIT APPEND.');
    if (q.orderBy) unsupported('ORDER BY is not supported on a non-aggregate streaming query.');
    if (q.limit) unsupported('LIMIT is not supported on a non-aggregate streaming query.');
    return mode;
  }
  if (mode !== 'complete' && q.orderBy) unsupported(`ORDER BY on a streaming aggregation needs EMIT COMPLETE, not EMIT ${mode.toUpperCase()}.`);
  if (mode !== 'complete' && q.limit) unsupported(`LIMIT on a streaming aggregation needs EMIT COMPLETE, not EMIT ${mode.toUpperCase()}.`);
  if (mode === 'append' && eventTimeColumn(agg) === undefined) {
    unsupported('EMIT APPEND on an aggregation needs a watermark on its window\'s time column (or on a grouped event-time column): add WATERMARK <column> <delay>, or use EMIT UPDATE or COMPLETE.');
  }
  return mode;
}

/**
 * Chained stateful operators (as Spark 3.4+): only in APPEND, so an operator below another emits final rows only;
 * each aggregation evicts by a watermarked event time whose lag behind the watermark is bounded (a window's end
 * below, or one of the time columns a join of two streams bounds).
 */
function checkChain(q: BoundQuery, aggs: readonly Extract<LogicalPlan, { kind: 'aggregate' }>[]): void {
  if ((q.explicitEmit ?? 'append') !== 'append') {
    unsupported('Several stateful operators in one query (DISTINCT then a windowed aggregation, a join of two streams and an aggregation, aggregations in UNION branches, ...) need EMIT APPEND: each then emits only final rows, which is what an operator above it, or the union of their results, can build on.');
  }
  for (const a of aggs) {
    if (eventTimeColumn(a) === undefined) {
      unsupported('Every aggregation of a chain needs a watermarked event time (a window over a watermarked column, or the window.end of the aggregation below): add WATERMARK <column> <delay>.');
    }
    if (!Number.isFinite(aggregateLag(a))) {
      unsupported('An aggregation over a join of two streams must use one of the two event times the join bounds in ON (e.g. window(a.ts, ...) with ON ... AND b.ts BETWEEN a.ts - INTERVAL ... AND a.ts + INTERVAL ...): a joined row can come out arbitrarily late in any other time.');
    }
  }
}

/** A batch SELECT must not read streams. */
export function checkBatch(plan: LogicalPlan): void {
  if (someNode(plan, (n) => n.kind === 'scan' && n.streaming)) {
    unsupported('A plain SELECT cannot read a streaming source; use CREATE QUERY name AS SELECT ... to run it continuously.');
  }
}

/** Stream–stream joins: an equality between the sides; outer joins also a time range over watermarked times. */
function checkStreamJoin(j: Extract<LogicalPlan, { kind: 'join' }>): void {
  const nLeft = j.left.schema.length;
  // The join's keys (runtime/operators/hash-join.ts splits ON the same way): an equality of an expression over one
  // side's columns with one over the other's, such as a.id = b.id, CAST(a.id AS BIGINT) = b.id or lower(a.s) = b.s.
  const equi = (j.condition ? conjuncts(j.condition) : []).some((c) => equiJoinKey(c, nLeft) !== undefined);
  if (!equi) unsupported('A join of two streams needs an equality between them in ON (e.g. ON a.id = b.id), or the state of both sides would grow without any way to find matches.');
  if (j.joinType === 'inner') return;
  const b = joinTimeBounds(j);
  const watermarked = b !== undefined && watermarkedColumns(j.left).has(b.leftTime) && watermarkedColumns(j.right).has(b.rightTime - nLeft);
  // An input that is itself a join of two streams without a bound on that time can emit it arbitrarily late.
  const bounded = joinInputLags(j).every(Number.isFinite);
  if (!b || !Number.isFinite(b.lower) || !Number.isFinite(b.upper) || !watermarked || !bounded) {
    unsupported(`A ${j.joinType.toUpperCase()} OUTER join of two streams must know when a row can no longer match: give both sides a watermark and bound their times in ON, e.g. AND b.ts BETWEEN a.ts - INTERVAL '5' SECOND AND a.ts + INTERVAL '5' SECOND.`);
  }
}

/** Stream–table joins: inner, or outer on the stream's side only (a table row's "no match" is never final). */
function checkJoin(j: Extract<LogicalPlan, { kind: 'join' }>): void {
  const l = isStreamingPlan(j.left);
  const r = isStreamingPlan(j.right);
  if (l && r) return checkStreamJoin(j);
  if (!l && !r) return;
  const streamSide = l ? 'left' : 'right';
  if (j.joinType === 'full') {
    unsupported(`FULL OUTER JOIN of a stream with a table is not supported: a table row's missing match is never final. Use ${streamSide.toUpperCase()} JOIN to keep every stream row.`);
  }
  if ((j.joinType === 'left' && !l) || (j.joinType === 'right' && !r)) {
    unsupported(`${j.joinType.toUpperCase()} JOIN keeps unmatched rows of the table side, which a stream can never rule out. Put the stream on the ${j.joinType} (or use ${streamSide.toUpperCase()} JOIN or an inner JOIN).`);
  }
}
