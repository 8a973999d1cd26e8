// How far behind the watermark an event-time column may run when rows reach it (chained stateful operators).

import { assertNever } from '../common/errors.js';
import { isStreamingPlan, type LogicalPlan } from './logical-plan.js';
import { timeBounds, type TimeBounds } from './join-bounds.js';
import { eventTimeColumn, watermarkedColumns } from './watermarked-columns.js';

/**
 * The lag of column `col` of `p`, in micros: every row reaching the node above carries a value greater than
 * (watermark of the previous batch) - lag. Sources and the operators over them have lag 0: their rows are late at
 * or below the watermark. A stream–stream join emits a buffered row when its partner comes, so its time columns
 * trail by the join's range (Spark lowers a join's output watermark the same way); other columns of a buffered
 * row have no bound at all (Infinity).
 */
export function timeLag(p: LogicalPlan, col: number): number {
  switch (p.kind) {
    case 'scan':
    case 'oneRow':
      return 0;
    case 'watermark':
      return col === p.columnIndex ? 0 : timeLag(p.input, col);
    case 'filter':
    case 'sort':
    case 'limit':
      return timeLag(p.input, col);
    case 'project': {
      const e = p.exprs[col];
      return e?.kind === 'column' ? timeLag(p.input, e.index) : 0;
    }
    case 'union':
      return Math.max(...p.inputs.map((i) => timeLag(i, col)));
    case 'aggregate':
      // Rows come out once their window closed, above the previous watermark; a start is at most the size earlier.
      return col === 0 && p.window && p.window.kind !== 'session' ? aggregateLag(p) + p.window.sizeMicros : aggregateLag(p);
    case 'join': {
      const nLeft = p.left.schema.length;
      if (!(isStreamingPlan(p.left) && isStreamingPlan(p.right))) {
        return col < nLeft ? timeLag(p.left, col) : timeLag(p.right, col - nLeft);
      }
      const lags = joinInputLags(p);
      const b = joinTimeBounds(p);
      if (!b) return Infinity;
      // A left row stays until l.ts <= wm - lagR + lower (see interval-join.ts), a right row until
      // r.ts <= wm - lagL - upper; new rows are above the previous watermark less their own lag.
      if (col === b.leftTime) return Math.max(lags[0], lags[1] - b.lower);
      if (col === b.rightTime) return Math.max(lags[1], lags[0] + b.upper);
      return Infinity;
    }
    default:
      return assertNever(p, 'plan node');
  }
}

/** The time range of a join, over a pair of times both sides' watermarks bound when there is one. */
export function joinTimeBounds(p: Extract<LogicalPlan, { kind: 'join' }>): TimeBounds | undefined {
  const nLeft = p.left.schema.length;
  const l = watermarkedColumns(p.left);
  const r = watermarkedColumns(p.right);
  return timeBounds(p.condition, nLeft, (lt, rt) => l.has(lt) && r.has(rt - nLeft));
}

/**
 * The lags of a stream–stream join's two time columns (0 when the join has no time range). A time without a watermark
 * has an unbounded lag: none of its rows is late, and the other side's rows, which it could still match, stay.
 */
export function joinInputLags(p: Extract<LogicalPlan, { kind: 'join' }>): readonly [number, number] {
  const nLeft = p.left.schema.length;
  const b = joinTimeBounds(p);
  if (!b) return [0, 0];
  const l = watermarkedColumns(p.left).has(b.leftTime) ? timeLag(p.left, b.leftTime) : Infinity;
  const r = watermarkedColumns(p.right).has(b.rightTime - nLeft) ? timeLag(p.right, b.rightTime - nLeft) : Infinity;
  return [l, r];
}

/** The lag of an aggregation's eviction time (its window's time column, or its event-time key). */
export function aggregateLag(p: Extract<LogicalPlan, { kind: 'aggregate' }>): number {
  const ev = eventTimeColumn(p);
  if (ev === undefined) return 0;
  const t = p.window ? p.window.time : p.keys[ev];
  return t?.kind === 'column' ? timeLag(p.input, t.index) : 0;
}
