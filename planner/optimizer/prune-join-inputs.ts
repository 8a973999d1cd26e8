// Rule: a join's inputs carry only the columns read above it (by the projection or aggregation over it) or by ON.

import { columnsUsed, type BoundExpr } from '../bound-expr.js';
import { isStreamingPlan, transformPlan, type LogicalPlan } from '../logical-plan.js';
import { timeLag } from '../time-lag.js';
import { watermarkedColumns } from '../watermarked-columns.js';
import type { OptimizerRule } from './rule.js';
import { substituteColumns } from './substitute.js';

type Join = Extract<LogicalPlan, { kind: 'join' }>;

/** Columns a projection or an aggregation (keys, window time, arguments) reads from its input. */
function readBy(p: Extract<LogicalPlan, { kind: 'project' | 'aggregate' }>, into: Set<number>): void {
  if (p.kind === 'project') {
    for (const e of p.exprs) columnsUsed(e, into);
    return;
  }
  for (const k of p.keys) columnsUsed(k, into);
  if (p.window) columnsUsed(p.window.time, into);
  for (const a of p.aggs) if (a.arg) columnsUsed(a.arg, into);
}

/** `p` with its column references renumbered by `to` (old index -> new column expression). */
function renumber(p: Extract<LogicalPlan, { kind: 'project' | 'aggregate' }>, input: LogicalPlan, to: readonly BoundExpr[]): LogicalPlan {
  const r = (e: BoundExpr): BoundExpr => substituteColumns(e, to);
  if (p.kind === 'project') return { ...p, input, exprs: p.exprs.map(r) };
  return {
    ...p, input, keys: p.keys.map(r), aggs: p.aggs.map((a) => (a.arg ? { ...a, arg: r(a.arg) } : a)),
    window: p.window ? { ...p.window, time: r(p.window.time) } : undefined,
  };
}

/** Keeps columns `keep` (ascending) of `p` through a projection (at least one, so rows keep a column to count by). */
function narrow(p: LogicalPlan, keep: readonly number[]): LogicalPlan {
  if (keep.length === p.schema.length) return p;
  const cols = keep.length ? keep : [0];
  return {
    kind: 'project', input: p,
    exprs: cols.map((i): BoundExpr => ({ kind: 'column', index: i, type: p.schema[i]!.type, name: p.schema[i]!.name })),
    schema: cols.map((i) => p.schema[i]!),
  };
}

function prune(p: LogicalPlan): LogicalPlan {
  if (p.kind !== 'project' && p.kind !== 'aggregate') return p;
  const filters: Extract<LogicalPlan, { kind: 'filter' }>[] = [];
  let cur = p.input;
  while (cur.kind === 'filter') {
    filters.push(cur);
    cur = cur.input;
  }
  if (cur.kind !== 'join') return p;
  const j: Join = cur;
  const used = new Set<number>();
  readBy(p, used);
  for (const f of filters) columnsUsed(f.predicate, used);
  if (j.condition) columnsUsed(j.condition, used);
  const nLeft = j.left.schema.length;
  if (isStreamingPlan(j.left) && isStreamingPlan(j.right)) {
    // Each side of a stream–stream join drops the rows late on a watermarked time of its own, read above or not
    // (to-physical.ts lateTimes): one such column stays, the first lateTimes would pick, unless one is kept anyway.
    ([[j.left, 0], [j.right, nLeft]] as const).forEach(([side, offset]) => {
      const times = [...watermarkedColumns(side)].filter((c) => Number.isFinite(timeLag(side, c)));
      if (times.length && !times.some((c) => used.has(offset + c))) used.add(offset + times[0]!);
    });
  }
  const nRight = j.right.schema.length;
  const keepL = [...Array(nLeft).keys()].filter((i) => used.has(i));
  const keepR = [...Array(nRight).keys()].filter((i) => used.has(nLeft + i));
  if (keepL.length === nLeft && keepR.length === nRight) return p;
  const left = narrow(j.left, keepL);
  const right = narrow(j.right, keepR);
  const newL = left.schema.length;
  // Old joined column -> its column in the narrowed join (columns nobody reads map to themselves: never looked up).
  const to: BoundExpr[] = j.schema.map((f, i) => ({ kind: 'column', index: i, type: f.type, name: f.name }));
  (keepL.length ? keepL : [0]).forEach((o, n) => { to[o] = { kind: 'column', index: n, type: j.schema[o]!.type, name: j.schema[o]!.name }; });
  (keepR.length ? keepR : [0]).forEach((o, n) => {
    const c = nLeft + o;
    to[c] = { kind: 'column', index: newL + n, type: j.schema[c]!.type, name: j.schema[c]!.name };
  });
  const schema = [...left.schema, ...right.schema];
  let input: LogicalPlan = { ...j, left, right, schema, condition: j.condition ? substituteColumns(j.condition, to) : undefined };
  for (let i = filters.length - 1; i >= 0; i--) input = { ...filters[i]!, input, predicate: substituteColumns(filters[i]!.predicate, to), schema };
  return renumber(p, input, to);
}

export const pruneJoinInputs: OptimizerRule = {
  name: 'prune_join_inputs',
  reason: 'A join hashes or buffers (between streams: keeps in state and checkpoints) whole input rows, so the columns nobody reads are dropped below it.',
  apply: (plan) => transformPlan(plan, prune),
};
