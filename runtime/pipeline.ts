// Builds the linear operator chain for a physical plan and pushes batches through it.

import type * as arrow from 'apache-arrow';
import { assertNever } from '../common/errors.js';
import type { EmitMode } from '../common/types.js';
import type { PhysicalNode } from '../planner/index.js';
import { AggregateOperator } from './operators/aggregate.js';
import { isStateful, type BatchContext, type Operator, type StatefulOperator } from './operators/operator.js';
import { LimitOperator, SortOperator } from './operators/sort-limit.js';
import { StageOperator } from './operators/stage.js';
import { WatermarkOperator } from './operators/watermark.js';
import { batchFromRows } from './values.js';

export interface Pipeline {
  /** The relation feeding the chain, or undefined for a FROM-less SELECT (one empty row) or a join. */
  readonly relation: string | undefined;
  /** A join feeding the chain (batch queries only: the streaming checker rejects joins for now). */
  readonly join: Extract<PhysicalNode, { kind: 'join' }> | undefined;
  readonly ops: readonly Operator[];
  readonly watermarks: readonly WatermarkOperator[];
  readonly stateful: readonly StatefulOperator[];
  readonly inputSchema: PhysicalNode['schema'];
}

export function buildPipeline(root: PhysicalNode, mode: EmitMode): Pipeline {
  const ops: Operator[] = [];
  let relation: string | undefined;
  let join: Extract<PhysicalNode, { kind: 'join' }> | undefined;
  let inputSchema: PhysicalNode['schema'] = [];
  const walk = (n: PhysicalNode): void => {
    switch (n.kind) {
      case 'scan':
        relation = n.relation;
        inputSchema = n.schema;
        return;
      case 'oneRow':
        inputSchema = n.schema;
        return;
      case 'stage':
        walk(n.input);
        ops.push(new StageOperator(n.steps, n.input.schema, n.schema));
        return;
      case 'watermark':
        walk(n.input);
        ops.push(new WatermarkOperator(n.schema, n.columnIndex, n.delayMicros, n.id));
        return;
      case 'aggregate':
        walk(n.input);
        ops.push(new AggregateOperator(n, n.input.schema, mode));
        return;
      case 'sort':
        walk(n.input);
        ops.push(new SortOperator(n.schema, n.keys));
        return;
      case 'limit':
        walk(n.input);
        ops.push(new LimitOperator(n.schema, n.count));
        return;
      case 'join':
        join = n;
        inputSchema = n.schema;
        return;
      default:
        assertNever(n, 'physical node');
    }
  };
  walk(root);
  return {
    relation, join, ops, inputSchema,
    watermarks: ops.filter((o): o is WatermarkOperator => o instanceof WatermarkOperator),
    stateful: ops.filter(isStateful),
  };
}

/** Pushes input batches through the chain, then flushes each operator in order; returns the output batches. */
export function runChain(ops: readonly Operator[], inputs: readonly arrow.RecordBatch[], ctx: BatchContext): arrow.RecordBatch[] {
  const push = (from: number, batches: readonly arrow.RecordBatch[]): arrow.RecordBatch[] => {
    let cur = batches;
    for (let i = from; i < ops.length; i++) {
      const next: arrow.RecordBatch[] = [];
      for (const b of cur) next.push(...ops[i]!.process(b, ctx));
      cur = next;
    }
    return [...cur];
  };
  const out: arrow.RecordBatch[] = [];
  for (let i = 0; i < ops.length; i++) {
    const begun = ops[i]!.begin?.(ctx);
    if (begun?.length) out.push(...push(i + 1, begun));
  }
  out.push(...push(0, inputs));
  for (let i = 0; i < ops.length; i++) out.push(...push(i + 1, ops[i]!.finish(ctx)));
  return out;
}

/** The single input row of a FROM-less SELECT. */
export const oneRowBatch = (): arrow.RecordBatch => batchFromRows([], [[]]);
