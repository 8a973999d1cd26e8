// The optimizer rule interface: every rule has a name, a reason, and a plan-to-plan rewrite.

import type { LogicalPlan } from '../logical-plan.js';

export interface OptimizerRule {
  readonly name: string;
  /** Why the rule exists: printed by EXPLAIN VERBOSE and kept next to the code. */
  readonly reason: string;
  apply(plan: LogicalPlan): LogicalPlan;
}
