// Reads a join condition: its equi-join keys, and the event-time range it allows between the two sides' times.

import { columnsUsed, type BoundExpr } from './bound-expr.js';

/**
 * `lower <= l.ts - r.ts <= upper` (micros; -Infinity / Infinity when a side is unbounded) for the left time column
 * `leftTime` and the right time column `rightTime` (indices in the joined row).
 */
export interface TimeBounds {
  readonly leftTime: number;
  readonly rightTime: number;
  readonly lower: number;
  readonly upper: number;
}

export function conjuncts(e: BoundExpr): BoundExpr[] {
  return e.kind === 'and' ? [...conjuncts(e.left), ...conjuncts(e.right)] : [e];
}

/** Which input of a join an expression reads: only the left's columns, only the right's, or neither / both. */
function sideOf(e: BoundExpr, nLeft: number): 'left' | 'right' | undefined {
  const used = [...columnsUsed(e)];
  if (used.length === 0) return undefined;
  if (used.every((i) => i < nLeft)) return 'left';
  if (used.every((i) => i >= nLeft)) return 'right';
  return undefined;
}

/**
 * The key pair of an equi-join conjunct `a = b` (as Spark's ExtractEquiJoinKeys): each side an expression over the
 * columns of one input only, and not the same input (l.k = r.k, CAST(l.k AS BIGINT) = r.k, lower(l.s) = lower(r.s)),
 * as [left key, right key] over the joined row; else undefined (a residual condition, checked on candidate pairs).
 * A constant side (r.k = 1) makes the conjunct a filter of one input, not a key.
 */
export function equiJoinKey(c: BoundExpr, nLeft: number): readonly [BoundExpr, BoundExpr] | undefined {
  if (c.kind !== 'compare' || c.op !== '=') return undefined;
  const a = sideOf(c.left, nLeft);
  const b = sideOf(c.right, nLeft);
  if (a === 'left' && b === 'right') return [c.left, c.right];
  if (a === 'right' && b === 'left') return [c.right, c.left];
  return undefined;
}

/** A TIMESTAMP column plus a constant (ts, ts + INTERVAL, ts - INTERVAL), or undefined. */
function shifted(e: BoundExpr): { index: number; shift: number } | undefined {
  if (e.kind === 'column' && e.type === 'TIMESTAMP') return { index: e.index, shift: 0 };
  if (e.kind === 'arith' && (e.op === '+' || e.op === '-') && e.right.kind === 'literal' && typeof e.right.value === 'number') {
    const inner = shifted(e.left);
    if (inner) return { index: inner.index, shift: inner.shift + (e.op === '+' ? e.right.value : -e.right.value) };
  }
  return undefined;
}

/**
 * The tightest bounds the condition's conjuncts put on l.ts - r.ts for one pair of time columns, or undefined when
 * no conjunct compares a left TIMESTAMP with a right one. Of several pairs (a window join compares both window.start
 * and window.end) the first that `watermarked` accepts wins, else the first found: the watermark has to bound the
 * pair's times for its state to go. Strict and non-strict comparisons give the same bound: it only decides when
 * state may go, and keeping a row a microsecond longer is safe.
 */
export function timeBounds(cond: BoundExpr | undefined, nLeft: number, watermarked?: (leftTime: number, rightTime: number) => boolean): TimeBounds | undefined {
  const pairs: { leftTime: number; rightTime: number; lower: number; upper: number }[] = [];
  for (const c of cond ? conjuncts(cond) : []) {
    if (c.kind !== 'compare' || c.op === '<>') continue;
    const a = shifted(c.left);
    const b = shifted(c.right);
    if (!a || !b) continue;
    const aLeft = a.index < nLeft;
    if (aLeft === b.index < nLeft) continue;
    // Rewrite as l.ts - r.ts OP k.
    const [l, r] = aLeft ? [a, b] : [b, a];
    const k = r.shift - l.shift;
    let op = c.op;
    if (!aLeft) op = op === '<' ? '>' : op === '<=' ? '>=' : op === '>' ? '<' : op === '>=' ? '<=' : op;
    let found = pairs.find((p) => p.leftTime === l.index && p.rightTime === r.index);
    if (!found) pairs.push((found = { leftTime: l.index, rightTime: r.index, lower: -Infinity, upper: Infinity }));
    // An equality of two times (window joins: ON a.window_end = b.window_end) bounds both ways.
    if (op === '>' || op === '>=' || op === '=') found.lower = Math.max(found.lower, k);
    if (op === '<' || op === '<=' || op === '=') found.upper = Math.min(found.upper, k);
  }
  return (watermarked && pairs.find((p) => watermarked(p.leftTime, p.rightTime))) || pairs[0];
}
