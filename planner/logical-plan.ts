// The logical plan: a tree of plain readonly nodes discriminated by `kind`, each carrying its output schema.

import type { Schema, DataType } from '../common/types.js';
import { assertNever } from '../common/errors.js';
import type { BoundExpr } from './bound-expr.js';
import type { JoinType } from '../grammar/ast.js';

export type RelationKind = 'source' | 'table' | 'queryResult';

export interface WindowSpec {
  /**
   * 'hop': window(ts, size, slide, start) — tumbling when slide = size, else sliding. 'cumulate': Flink's
   * CUMULATE(ts, step, size) — windows [s, s + step), [s, s + 2 step), ... [s, s + size) for every period start s
   * (slideMicros is the step); they share their start, so their end identifies them. 'session':
   * session_window(ts, gap) — per key, sessions that overlap or touch merge (sizeMicros is the gap).
   */
  readonly kind: 'hop' | 'cumulate' | 'session';
  /** Event-time expression over the aggregate's input. */
  readonly time: BoundExpr;
  readonly sizeMicros: number;
  readonly slideMicros: number;
  readonly startMicros: number;
}

export type AggFn = 'count_star' | 'count' | 'count_distinct' | 'approx_count_distinct' | 'sum' | 'avg' | 'min' | 'max' | 'first' | 'last';

export interface AggCall {
  readonly fn: AggFn;
  readonly arg: BoundExpr | undefined;
  readonly type: DataType;
}

export interface SortKey {
  readonly expr: BoundExpr;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

export type LogicalPlan =
  | { readonly kind: 'scan'; readonly relation: string; readonly relationKind: RelationKind; readonly streaming: boolean; readonly schema: Schema }
  | { readonly kind: 'oneRow'; readonly schema: Schema }
  | { readonly kind: 'filter'; readonly input: LogicalPlan; readonly predicate: BoundExpr; readonly schema: Schema }
  | { readonly kind: 'project'; readonly input: LogicalPlan; readonly exprs: readonly BoundExpr[]; readonly schema: Schema }
  | {
      readonly kind: 'watermark';
      readonly input: LogicalPlan;
      readonly columnIndex: number;
      readonly delayMicros: number;
      readonly schema: Schema;
    }
  | {
      readonly kind: 'aggregate';
      readonly input: LogicalPlan;
      /** Output layout: [window_start, window_end] when windowed, then keys, then aggregates. */
      readonly keys: readonly BoundExpr[];
      readonly window: WindowSpec | undefined;
      readonly aggs: readonly AggCall[];
      readonly schema: Schema;
      /**
       * SELECT DISTINCT (or UNION): deduplication. Over a stream it emits a row when its key is first seen rather
       * than when its group closes or changes.
       */
      readonly dedup?: boolean;
    }
  | { readonly kind: 'sort'; readonly input: LogicalPlan; readonly keys: readonly SortKey[]; readonly schema: Schema }
  | { readonly kind: 'limit'; readonly input: LogicalPlan; readonly count: number; readonly schema: Schema }
  /** UNION ALL: the rows of every input (inputs already cast to the union's column types). */
  | { readonly kind: 'union'; readonly inputs: readonly LogicalPlan[]; readonly schema: Schema }
  | {
      readonly kind: 'join';
      readonly left: LogicalPlan;
      readonly right: LogicalPlan;
      readonly joinType: JoinType;
      readonly condition: BoundExpr | undefined;
      readonly schema: Schema;
    };

export function planChildren(p: LogicalPlan): readonly LogicalPlan[] {
  switch (p.kind) {
    case 'scan':
    case 'oneRow':
      return [];
    case 'filter':
    case 'project':
    case 'watermark':
    case 'aggregate':
    case 'sort':
    case 'limit':
      return [p.input];
    case 'join':
      return [p.left, p.right];
    case 'union':
      return p.inputs;
    default:
      return assertNever(p, 'plan node');
  }
}

export function withPlanChildren(p: LogicalPlan, c: readonly LogicalPlan[]): LogicalPlan {
  switch (p.kind) {
    case 'scan':
    case 'oneRow':
      return p;
    case 'filter':
    case 'project':
    case 'watermark':
    case 'aggregate':
    case 'sort':
    case 'limit':
      return { ...p, input: c[0]! };
    case 'join':
      return { ...p, left: c[0]!, right: c[1]! };
    case 'union':
      return { ...p, inputs: c };
    default:
      return assertNever(p, 'plan node');
  }
}

/** The one generic plan traversal: bottom-up rewrite. */
export function transformPlan(p: LogicalPlan, f: (p: LogicalPlan) => LogicalPlan): LogicalPlan {
  const kids = planChildren(p);
  const next = kids.length === 0 ? p : withPlanChildren(p, kids.map((k) => transformPlan(k, f)));
  return f(next);
}

export function someNode(p: LogicalPlan, pred: (p: LogicalPlan) => boolean): boolean {
  return pred(p) || planChildren(p).some((c) => someNode(c, pred));
}

export const isStreamingPlan = (p: LogicalPlan): boolean => someNode(p, (n) => n.kind === 'scan' && n.streaming);
