// Whether a stream–stream join is a window join: its pairs always arrive in one micro-batch, so it keeps no state.

import type { EmitMode } from '../grammar/ast.js';
import type { BoundExpr } from './bound-expr.js';
import { isStreamingPlan, type LogicalPlan } from './logical-plan.js';
import { aggregateLag } from './time-lag.js';
import { eventTimeColumn } from './watermarked-columns.js';

type Aggregate = Extract<LogicalPlan, { kind: 'aggregate' }>;
type Join = Extract<LogicalPlan, { kind: 'join' }>;

/** The window bound (0: start, 1: end) of an aggregation that column `col` of `p` passes on unchanged. */
function windowBound(p: LogicalPlan, col: number): { agg: Aggregate; bound: 0 | 1 } | undefined {
  switch (p.kind) {
    case 'filter':
      return windowBound(p.input, col);
    case 'project': {
      const e = p.exprs[col];
      return e?.kind === 'column' ? windowBound(p.input, e.index) : undefined;
    }
    case 'aggregate':
      return p.window && (col === 0 || col === 1) ? { agg: p, bound: col } : undefined;
    default:
      return undefined;
  }
}

function conjuncts(e: BoundExpr): BoundExpr[] {
  return e.kind === 'and' ? [...conjuncts(e.left), ...conjuncts(e.right)] : [e];
}

/**
 * An APPEND aggregation over windows (tumbling, sliding, cumulate: one operator, one rule) emits a window once, in
 * the first micro-batch whose watermark less its lag reaches the window's end. The watermark is the query's, so two
 * such aggregations with the same lag emit windows of the same end in the same batch. An inner join that requires
 * equal window ends (or equal starts of windows of one size, whose ends are then equal) therefore sees both rows of
 * every pair in one batch, and nothing it could keep would ever match later: Flink's window join, which fires when
 * the window closes and then drops it. Outer joins are left to the interval join, which pads unmatched rows when
 * the watermark passes; session windows, whose operator has its own emission rule, too.
 */
export function isWindowJoin(p: Join, mode: EmitMode): boolean {
  if (mode !== 'append' || p.joinType !== 'inner' || !p.condition) return false;
  if (!isStreamingPlan(p.left) || !isStreamingPlan(p.right)) return false;
  const nLeft = p.left.schema.length;
  const emitsOnce = (a: Aggregate): boolean =>
    a.window !== undefined && a.window.kind !== 'session' && isStreamingPlan(a.input) && eventTimeColumn(a) !== undefined;
  return conjuncts(p.condition).some((c) => {
    if (c.kind !== 'compare' || c.op !== '=' || c.left.kind !== 'column' || c.right.kind !== 'column') return false;
    const [li, ri] = c.left.index < nLeft ? [c.left.index, c.right.index] : [c.right.index, c.left.index];
    if (li >= nLeft || ri < nLeft) return false;
    const l = windowBound(p.left, li);
    const r = windowBound(p.right, ri - nLeft);
    if (!l || !r || l.bound !== r.bound || !emitsOnce(l.agg) || !emitsOnce(r.agg)) return false;
    const lw = l.agg.window!;
    const rw = r.agg.window!;
    const sameEnds = l.bound === 1 || (lw.kind === 'hop' && rw.kind === 'hop' && lw.sizeMicros === rw.sizeMicros);
    const lag = aggregateLag(l.agg);
    return sameEnds && Number.isFinite(lag) && lag === aggregateLag(r.agg);
  });
}
