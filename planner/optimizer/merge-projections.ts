// Rule: compose adjacent projections and remove identity projections (projection pruning of dead columns).

import { transformPlan, type LogicalPlan } from '../logical-plan.js';
import type { OptimizerRule } from './rule.js';
import { substituteColumns } from './substitute.js';

function isIdentity(p: Extract<LogicalPlan, { kind: 'project' }>): boolean {
  const inSchema = p.input.schema;
  return p.exprs.length === inSchema.length
    && p.exprs.every((e, i) => e.kind === 'column' && e.index === i && p.schema[i]!.name === inSchema[i]!.name);
}

export const mergeProjections: OptimizerRule = {
  name: 'merge_projections',
  reason: 'One projection computes only the columns its consumer uses, so columns the query drops are never built.',
  apply: (plan) =>
    transformPlan(plan, (p) => {
      if (p.kind !== 'project') return p;
      const child = p.input;
      if (child.kind === 'project') {
        return { ...p, input: child.input, exprs: p.exprs.map((e) => substituteColumns(e, child.exprs)) };
      }
      return isIdentity(p) ? p.input : p;
    }),
};
