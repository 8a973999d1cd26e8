// Helper for rules that move expressions across a projection: replaces column refs by the projected expressions.

import { transformExpr, type BoundExpr } from '../bound-expr.js';

export function substituteColumns(e: BoundExpr, exprs: readonly BoundExpr[]): BoundExpr {
  return transformExpr(e, (n) => (n.kind === 'column' ? exprs[n.index]! : n));
}
