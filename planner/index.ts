// The planner's public API: bind a query against the catalog, optimize it, check it, and build the physical plan.

import type { Query } from '../grammar/ast.js';
import { bindQuery } from './bind-query.js';
import { isStreamingPlan } from './logical-plan.js';
import type { Catalog } from './catalog.js';
import { optimize, RULES } from './optimizer/index.js';
import { pruneJoinInputs } from './optimizer/prune-join-inputs.js';
import type { PhysicalQuery } from './physical-plan.js';
import { checkBatch, checkStreaming } from './streaming-checker.js';
import { toPhysical } from './to-physical.js';

/**
 * Plans a query as a batch query, a streaming query, or ('auto', for EXPLAIN) whichever its inputs make it.
 * `keepJoinColumns`: joins keep every input column (a query with `late_rows` shows dropped join rows whole), so the
 * prune_join_inputs rule does not run.
 */
export function planQuery(query: Query, catalog: Catalog, streaming: boolean | 'auto', opts: { readonly keepJoinColumns?: boolean } = {}): PhysicalQuery {
  const bound = bindQuery(query, catalog);
  if (streaming === 'auto') streaming = isStreamingPlan(bound.plan);
  const rules = opts.keepJoinColumns ? RULES.filter((r) => r !== pruneJoinInputs) : RULES;
  if (!streaming) {
    checkBatch(bound.plan);
    return toPhysical(optimize(bound.plan, rules), bound, false, 'complete');
  }
  // Checked after optimization: a time range written in WHERE bounds a join once predicate pushdown moved it into ON.
  const plan = optimize(bound.plan, rules);
  const mode = checkStreaming(bound, plan);
  return toPhysical(plan, bound, true, mode);
}

export { Catalog } from './catalog.js';
export type { CatalogEntry, SourceEntry, TableEntry, QueryEntry } from './catalog.js';
export type { PhysicalQuery, PhysicalNode, StageStep } from './physical-plan.js';
export type { BoundExpr, ScalarValue } from './bound-expr.js';
export { explain } from './explain.js';
export { bindExpr } from './bind-expr.js';
