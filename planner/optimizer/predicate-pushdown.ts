// Rule: move filters below projections, aggregates (key-only predicates) and joins (one-side predicates, or into an
// inner join's ON); merge them.

import { columnsUsed, transformExpr, type BoundExpr } from '../bound-expr.js';
import { transformPlan, type LogicalPlan } from '../logical-plan.js';
import type { OptimizerRule } from './rule.js';
import { substituteColumns } from './substitute.js';

function conjuncts(e: BoundExpr): BoundExpr[] {
  return e.kind === 'and' ? [...conjuncts(e.left), ...conjuncts(e.right)] : [e];
}

const and = (a: BoundExpr, b: BoundExpr): BoundExpr => ({ kind: 'and', left: a, right: b, type: 'BOOLEAN' });

function pushOnce(p: LogicalPlan): LogicalPlan {
  if (p.kind !== 'filter') return p;
  const child = p.input;
  switch (child.kind) {
    case 'filter':
      return { ...child, predicate: and(child.predicate, p.predicate) };
    case 'project':
      // Projections are deterministic, so evaluating the predicate on the projected expressions is equivalent.
      return { ...child, input: pushOnce({ kind: 'filter', input: child.input, predicate: substituteColumns(p.predicate, child.exprs), schema: child.input.schema }) };
    case 'aggregate': {
      // A predicate on grouping keys alone removes whole groups, so it can run on input rows instead.
      const base = child.window ? 2 : 0;
      const keyOnly: BoundExpr[] = [];
      const rest: BoundExpr[] = [];
      for (const c of conjuncts(p.predicate)) {
        const cols = [...columnsUsed(c)];
        if (cols.length > 0 && cols.every((i) => i >= base && i < base + child.keys.length)) {
          keyOnly.push(substituteColumns(c, [...(child.window ? [c, c] : []), ...child.keys]));
        } else {
          rest.push(c);
        }
      }
      if (keyOnly.length === 0) return p;
      const below = pushOnce({ kind: 'filter', input: child.input, predicate: keyOnly.reduce(and), schema: child.input.schema });
      const agg: LogicalPlan = { ...child, input: below };
      return rest.length ? { ...p, input: agg, predicate: rest.reduce(and) } : agg;
    }
    case 'join': {
      // A conjunct over one input's columns filters that input before the join: on either side of an inner join, on
      // the preserved side of an outer one (the other side's NULL-padded rows must still be judged after the join).
      const nLeft = child.left.schema.length;
      const t = child.joinType;
      const toLeft: BoundExpr[] = [];
      const toRight: BoundExpr[] = [];
      const toOn: BoundExpr[] = [];
      const rest: BoundExpr[] = [];
      for (const c of conjuncts(p.predicate)) {
        const cols = [...columnsUsed(c)];
        if (cols.length && cols.every((i) => i < nLeft) && (t === 'inner' || t === 'cross' || t === 'left')) toLeft.push(c);
        else if (cols.length && cols.every((i) => i >= nLeft) && (t === 'inner' || t === 'cross' || t === 'right')) {
          toRight.push(transformExpr(c, (e) => (e.kind === 'column' ? { ...e, index: e.index - nLeft } : e)));
        } else if (t === 'inner' && cols.length) {
          // Over an inner join, WHERE and ON mean the same: in ON a time range bounds a stream join's state.
          toOn.push(c);
        } else rest.push(c);
      }
      if (!toLeft.length && !toRight.length && !toOn.length) return p;
      const side = (input: LogicalPlan, preds: BoundExpr[]): LogicalPlan =>
        (preds.length ? pushOnce({ kind: 'filter', input, predicate: preds.reduce(and), schema: input.schema }) : input);
      const condition = toOn.length ? [...(child.condition ? [child.condition] : []), ...toOn].reduce(and) : child.condition;
      const join: LogicalPlan = { ...child, condition, left: side(child.left, toLeft), right: side(child.right, toRight) };
      return rest.length ? { ...p, input: join, predicate: rest.reduce(and) } : join;
    }
    default:
      return p;
  }
}

export const predicatePushdown: OptimizerRule = {
  name: 'predicate_pushdown',
  reason: 'Filtering early means fewer rows reach projections and stateful operators, and less state is kept.',
  apply: (plan) => transformPlan(plan, pushOnce),
};
