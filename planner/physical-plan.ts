// The physical plan: fused stateless stages and stateful operators, as the runtime executes them.

import type { Schema } from '../common/types.js';
import type { EmitMode, JoinType } from '../grammar/ast.js';
import type { BoundExpr } from './bound-expr.js';
import type { AggCall, RelationKind, SortKey, WindowSpec } from './logical-plan.js';
import type { TimeBounds } from './join-bounds.js';

export type StageStep =
  | { readonly kind: 'filter'; readonly predicate: BoundExpr }
  | { readonly kind: 'project'; readonly exprs: readonly BoundExpr[]; readonly schema: Schema };

export type PhysicalNode =
  | { readonly kind: 'scan'; readonly relation: string; readonly relationKind: RelationKind; readonly streaming: boolean; readonly schema: Schema }
  | { readonly kind: 'oneRow'; readonly schema: Schema }
  /** Adjacent filters and projections fused into one pass over each batch. */
  | { readonly kind: 'stage'; readonly id: number; readonly input: PhysicalNode; readonly steps: readonly StageStep[]; readonly schema: Schema }
  | { readonly kind: 'watermark'; readonly id: number; readonly input: PhysicalNode; readonly columnIndex: number; readonly delayMicros: number; readonly schema: Schema }
  | {
      readonly kind: 'aggregate';
      readonly id: number;
      readonly input: PhysicalNode;
      readonly keys: readonly BoundExpr[];
      readonly window: WindowSpec | undefined;
      readonly aggs: readonly AggCall[];
      readonly schema: Schema;
      /** Holds state across batches (streaming); a batch query aggregates once. */
      readonly stateful: boolean;
      /** Output column whose value decides eviction and lateness (window end or an event-time key), if any. */
      readonly eventTimeColumn: number | undefined;
      /** Deduplication (SELECT DISTINCT): a stateful one emits each key once, in the batch that first sees it. */
      readonly dedup: boolean;
      /** How far its eviction time may trail the watermark (rows out of a stream–stream join; see time-lag.ts). */
      readonly lag: number;
    }
  | { readonly kind: 'sort'; readonly input: PhysicalNode; readonly keys: readonly SortKey[]; readonly schema: Schema }
  | { readonly kind: 'limit'; readonly input: PhysicalNode; readonly count: number; readonly schema: Schema }
  /** UNION ALL of its inputs (a DAG join point: each input is its own chain). */
  | { readonly kind: 'union'; readonly id: number; readonly inputs: readonly PhysicalNode[]; readonly schema: Schema }
  | {
      readonly kind: 'join';
      readonly id: number;
      readonly left: PhysicalNode;
      readonly right: PhysicalNode;
      readonly joinType: JoinType;
      readonly condition: BoundExpr | undefined;
      readonly schema: Schema;
      /** Stream–stream joins: the event-time range between the sides' times that decides when state goes. */
      readonly bounds: TimeBounds | undefined;
      /**
       * How far each side's time may trail the watermark (see time-lag.ts): 0 over a source or an aggregation, the
       * range of a stream–stream join below, Infinity when the time has no watermark (nothing late, nothing evicted).
       */
      readonly lags: readonly [number, number];
      /** A window join (window-join.ts): both rows of every pair arrive in one micro-batch, so nothing is kept. */
      readonly windowJoin?: true;
      /**
       * Stream–stream joins whose late rows are not judged by the times of `bounds` with `lags` (no time range, or a
       * range over a column without a watermark): per side, the watermarked column (index in the joined row) whose
       * rows at or below the watermark less `lag` are late, or undefined when none of that side's rows is late. Set
       * only then, so the plans (and checkpoint fingerprints) of other joins stay as they were.
       */
      readonly lateTimes?: readonly [LateTime | undefined, LateTime | undefined];
    };

/** The event time a stream–stream join judges one side's rows late by (see the join's `lateTimes`). */
export interface LateTime {
  readonly column: number;
  readonly lag: number;
}

export interface PhysicalQuery {
  readonly root: PhysicalNode;
  readonly streaming: boolean;
  readonly mode: EmitMode;
  /** Columns shown to users (a prefix of the root's schema). */
  readonly schema: Schema;
  readonly keyColumns: readonly number[] | undefined;
  /** True when some stateful operator uses the watermark (so no-data batches run after it advances). */
  readonly usesWatermark: boolean;
  readonly orderBy: boolean;
  readonly sources: readonly string[];
}

export function physicalChildren(n: PhysicalNode): readonly PhysicalNode[] {
  switch (n.kind) {
    case 'scan': case 'oneRow': return [];
    case 'stage': case 'watermark': case 'aggregate': case 'sort': case 'limit': return [n.input];
    case 'join': return [n.left, n.right];
    case 'union': return n.inputs;
    default: {
      const never: never = n;
      return never;
    }
  }
}
