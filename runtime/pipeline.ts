// Builds the operator graph of a physical plan (a DAG: unions and joins merge chains, a shared subplan feeds several
// operators) and pushes a micro-batch through it.

import type * as arrow from 'apache-arrow';
import { assertNever } from '../common/errors.js';
import type { EmitMode } from '../common/types.js';
import { physicalChildren, type PhysicalNode } from '../planner/physical-plan.js';
import { columnsRead } from './columns-read.js';
import { hashJoin } from './operators/hash-join.js';
import { StreamTableJoinOperator } from './operators/stream-table-join.js';
import { IntervalJoinOperator } from './operators/interval-join.js';
import { WindowJoinOperator } from './operators/window-join.js';
import { AggregateOperator } from './operators/aggregate.js';
import { isStateful, type BatchContext, type Operator, type StatefulOperator } from './operators/operator.js';
import { LimitOperator, SortOperator } from './operators/sort-limit.js';
import { StageOperator } from './operators/stage.js';
import { SessionWindowOperator } from './operators/session-window.js';
import { UnionOperator } from './operators/union.js';
import { WatermarkOperator } from './operators/watermark.js';
import { batchFromRows } from './values.js';

/** Where a leaf's rows enter the graph: operator `to` at input `port` (-1: straight to the output). */
export type PipelineInput =
  | { readonly kind: 'relation'; readonly relation: string; readonly to: number; readonly port: number }
  /** The single empty row of a FROM-less SELECT. */
  | { readonly kind: 'oneRow'; readonly to: number; readonly port: number }
  /** A join computed before the graph runs (batch queries, where nothing streams: both sides are fully known). */
  | { readonly kind: 'join'; readonly node: Extract<PhysicalNode, { kind: 'join' }>; readonly to: number; readonly port: number };

export interface Pipeline {
  /** Operators in topological order: each one after every operator that feeds it. */
  readonly ops: readonly Operator[];
  /** The plan node each of ops was built from. */
  readonly nodes: readonly PhysicalNode[];
  /** ops[i] feeds each ops[to] of outputs[i] at input `port` (to = -1: the output); several for a shared subplan. */
  readonly outputs: readonly (readonly { readonly to: number; readonly port: number }[])[];
  readonly inputs: readonly PipelineInput[];
  /** Distinct relations read (each once, even when several leaves scan it). */
  readonly relations: readonly string[];
  readonly watermarks: readonly WatermarkOperator[];
  readonly stateful: readonly StatefulOperator[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Built = { readonly op: number } | { readonly leaf: Mutable<PipelineInput> };

/** Reads a relation's rows for a batch (sub-)plan: a table's current contents, or a result table. */
export type ReadRelation = (relation: string) => arrow.RecordBatch[];

/** Whether a subplan reads a stream (else it is a batch plan over tables). */
export const isStreaming = (n: PhysicalNode): boolean => (n.kind === 'scan' ? n.streaming : physicalChildren(n).some(isStreaming));

const hasStatefulBelow = (n: PhysicalNode): boolean =>
  (n.kind === 'aggregate' && n.stateful) || (n.kind === 'join' && !n.windowJoin && isStreaming(n.left) && isStreaming(n.right))
  || physicalChildren(n).some(hasStatefulBelow);

/**
 * `readTable` serves the table side of stream–table joins, evaluated afresh every micro-batch. Without it (batch
 * queries) a join is a leaf computed before the graph runs.
 */
export function buildPipeline(root: PhysicalNode, mode: EmitMode, readTable?: ReadRelation, opts: { readonly lateRows?: boolean } = {}): Pipeline {
  const lateRows = opts.lateRows === true;
  // With late_rows an aggregation's late rows show its whole input, so every column is built.
  const readAbove = lateRows ? new Map<PhysicalNode, undefined>() : columnsRead(root);
  const ops: Operator[] = [];
  const nodes: PhysicalNode[] = [];
  const outputs: { to: number; port: number }[][] = [];
  const inputs: Mutable<PipelineInput>[] = [];
  // The planner hands identical subplans over as one node: it runs once and feeds every operator that uses it.
  const built = new Map<PhysicalNode, number>();
  const add = (op: Operator): number => {
    ops.push(op);
    outputs.push([]);
    return ops.length - 1;
  };
  const link = (child: Built, to: number, p: number): void => {
    if ('op' in child) {
      outputs[child.op]!.push({ to, port: p });
    } else {
      child.leaf.to = to;
      child.leaf.port = p;
    }
  };
  const leaf = (l: Mutable<PipelineInput>): Built => {
    inputs.push(l);
    return { leaf: l };
  };
  const unary = (input: PhysicalNode, make: () => Operator): Built => {
    const c = build(input);
    const i = add(make());
    link(c, i, 0);
    return { op: i };
  };
  const build = (n: PhysicalNode): Built => {
    const shared = built.get(n);
    if (shared !== undefined) return { op: shared };
    const b = buildNode(n);
    if ('op' in b) {
      built.set(n, b.op);
      nodes[b.op] = n;
    }
    return b;
  };
  const buildNode = (n: PhysicalNode): Built => {
    switch (n.kind) {
      case 'scan': return leaf({ kind: 'relation', relation: n.relation, to: -1, port: 0 });
      case 'oneRow': return leaf({ kind: 'oneRow', to: -1, port: 0 });
      case 'join': {
        if (!isStreaming(n)) return leaf({ kind: 'join', node: n, to: -1, port: 0 });
        if (isStreaming(n.left) && isStreaming(n.right)) {
          const l = build(n.left);
          const r = build(n.right);
          const i = add(n.windowJoin ? new WindowJoinOperator(n) : new IntervalJoinOperator(n, n.bounds, n.id, { lateByPrevious: [hasStatefulBelow(n.left), hasStatefulBelow(n.right)], lateRows, read: readAbove.get(n) }));
          link(l, i, 0);
          link(r, i, 1);
          return { op: i };
        }
        // Stream–table: a unary operator over the stream's chain; the table side runs as a batch plan per batch.
        const streamLeft = isStreaming(n.left);
        const tableSide = streamLeft ? n.right : n.left;
        const read: ReadRelation = readTable ?? (() => []);
        return unary(streamLeft ? n.left : n.right, () => new StreamTableJoinOperator(n, streamLeft, () => runBatchPlan(tableSide, read)));
      }
      case 'stage': return unary(n.input, () => new StageOperator(n.steps, n.input.schema, n.schema));
      case 'watermark': return unary(n.input, () => new WatermarkOperator(n.schema, n.columnIndex, n.delayMicros, n.id));
      case 'aggregate': {
        // Below another stateful operator, rows it emits at this batch's watermark are not late: judge lateness by
        // the previous batch's watermark (Spark 3.4's rule for chained operators); eviction still uses this one's.
        const lateByPrevious = hasStatefulBelow(n.input);
        return unary(n.input, () => (n.window?.kind === 'session'
          ? new SessionWindowOperator(n, n.input.schema, mode, lateRows, lateByPrevious)
          : new AggregateOperator(n, n.input.schema, mode, { lateRows, lateByPrevious })));
      }
      case 'sort': return unary(n.input, () => new SortOperator(n.schema, n.keys));
      case 'limit': return unary(n.input, () => new LimitOperator(n.schema, n.count));
      case 'union': {
        const kids = n.inputs.map(build);
        const i = add(new UnionOperator(n.schema));
        kids.forEach((c, k) => link(c, i, k));
        return { op: i };
      }
      default:
        return assertNever(n, 'physical node');
    }
  };
  const top = build(root);
  if ('op' in top) outputs[top.op]!.push({ to: -1, port: 0 });
  return {
    ops, nodes, outputs, inputs,
    relations: [...new Set(inputs.flatMap((l) => (l.kind === 'relation' ? [l.relation] : [])))],
    watermarks: ops.filter((o): o is WatermarkOperator => o instanceof WatermarkOperator),
    stateful: ops.filter(isStateful),
  };
}

/**
 * Runs one micro-batch: every operator's begin() (what the watermark closes from earlier state), then each input's
 * batches, then every operator's finish() in topological order, so an operator flushes only after all its inputs
 * did. Returns what reaches the output.
 */
export function runGraph(p: Pipeline, read: (input: PipelineInput) => readonly arrow.RecordBatch[], ctx: BatchContext): arrow.RecordBatch[] {
  const out: arrow.RecordBatch[] = [];
  const deliver = (to: number, inPort: number, batches: readonly arrow.RecordBatch[]): void => {
    if (to < 0) {
      for (const b of batches) out.push(b);
      return;
    }
    const op = p.ops[to]!;
    for (const b of batches) {
      const next = op.process(b, ctx, inPort);
      if (next.length) fanOut(to, next);
    }
  };
  const fanOut = (from: number, batches: readonly arrow.RecordBatch[]): void => {
    for (const o of p.outputs[from]!) deliver(o.to, o.port, batches);
  };
  p.ops.forEach((op, i) => {
    const begun = op.begin?.(ctx);
    if (begun?.length) fanOut(i, begun);
  });
  for (const input of p.inputs) deliver(input.to, input.port, read(input));
  p.ops.forEach((op, i) => fanOut(i, op.finish(ctx)));
  return out;
}

/** Runs a batch plan (or the table side of a stream–table join) over fully known inputs. */
export function runBatchPlan(root: PhysicalNode, read: ReadRelation): arrow.RecordBatch[] {
  const p = buildPipeline(root, 'complete');
  return runGraph(p, (input) => {
    switch (input.kind) {
      case 'relation': return read(input.relation);
      case 'oneRow': return [oneRowBatch()];
      case 'join': {
        const j = input.node;
        return [hashJoin(runBatchPlan(j.left, read), j.left.schema, runBatchPlan(j.right, read), j.right.schema, j.joinType, j.condition, j.schema)];
      }
      default: return assertNever(input, 'pipeline input');
    }
  }, { batchId: 0, watermark: undefined, previousWatermark: undefined });
}

/** The single input row of a FROM-less SELECT. */
export const oneRowBatch = (): arrow.RecordBatch => batchFromRows([], [[]]);
