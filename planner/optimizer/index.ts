// The optimizer: runs each rule in order until the plan stops changing (bounded passes).

import type { LogicalPlan } from '../logical-plan.js';
import { constantFolding } from './constant-folding.js';
import { mergeProjections } from './merge-projections.js';
import { predicatePushdown } from './predicate-pushdown.js';
import { pruneJoinInputs } from './prune-join-inputs.js';
import type { OptimizerRule } from './rule.js';

export const RULES: readonly OptimizerRule[] = [constantFolding, predicatePushdown, pruneJoinInputs, mergeProjections, constantFolding];

export function optimize(plan: LogicalPlan, rules: readonly OptimizerRule[] = RULES): LogicalPlan {
  let current = plan;
  for (let pass = 0; pass < 4; pass++) {
    const before = JSON.stringify(current);
    for (const rule of rules) current = rule.apply(current);
    if (JSON.stringify(current) === before) break;
  }
  return current;
}
