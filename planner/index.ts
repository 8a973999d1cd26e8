// The planner's public API: bind a query against the catalog, optimize it, check it, and build the physical plan.

import type { Query } from '../grammar/ast.js';
import { bindQuery } from './bind-query.js';
import { isStreamingPlan } from './logical-plan.js';
import type { Catalog } from './catalog.js';
import { optimize } from './optimizer/index.js';
import type { PhysicalQuery } from './physical-plan.js';
import { checkBatch, checkStreaming } from './streaming-checker.js';
import { toPhysical } from './to-physical.js';

/** Plans a query as a batch query, a streaming query, or ('auto', for EXPLAIN) whichever its inputs make it. */
export function planQuery(query: Query, catalog: Catalog, streaming: boolean | 'auto'): PhysicalQuery {
  const bound = bindQuery(query, catalog);
  if (streaming === 'auto') streaming = isStreamingPlan(bound.plan);
  if (!streaming) {
    checkBatch(bound.plan);
    return toPhysical(optimize(bound.plan), bound, false, 'complete');
  }
  const mode = checkStreaming(bound, bound.plan);
  return toPhysical(optimize(bound.plan), bound, true, mode);
}

export { Catalog } from './catalog.js';
export type { CatalogEntry, SourceEntry, TableEntry, QueryEntry } from './catalog.js';
export type { PhysicalQuery, PhysicalNode, StageStep } from './physical-plan.js';
export type { BoundExpr, ScalarValue } from './bound-expr.js';
export { explain } from './explain.js';
export { bindExpr } from './bind-expr.js';
