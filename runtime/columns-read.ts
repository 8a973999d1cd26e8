// Which output columns of each plan node the nodes above it read (so an operator can skip building the others).

import { columnsUsed } from '../planner/bound-expr.js';
import { physicalChildren, type PhysicalNode } from '../planner/physical-plan.js';

/**
 * Per node, the columns its consumers read, or undefined when some consumer may read any of them (the query's
 * output, a sort, a union, ...). A stage reads what its filters before its first projection and that projection
 * read; an aggregation its keys, window time and arguments. A node feeding several consumers (a shared subplan)
 * gets the union.
 */
export function columnsRead(root: PhysicalNode): Map<PhysicalNode, Set<number> | undefined> {
  const read = new Map<PhysicalNode, Set<number> | undefined>();
  const note = (child: PhysicalNode, cols: Set<number> | undefined): void => {
    if (!read.has(child)) read.set(child, cols && new Set(cols));
    else {
      const had = read.get(child);
      if (had === undefined || cols === undefined) read.set(child, undefined);
      else for (const c of cols) had.add(c);
    }
  };
  read.set(root, undefined);
  const seen = new Set<PhysicalNode>();
  const walk = (n: PhysicalNode): void => {
    if (seen.has(n)) return;
    seen.add(n);
    for (const c of physicalChildren(n)) note(c, readFromInput(n));
    physicalChildren(n).forEach(walk);
  };
  walk(root);
  return read;
}

/** The input columns a unary node reads, or undefined for any (or for nodes with several inputs). */
function readFromInput(n: PhysicalNode): Set<number> | undefined {
  switch (n.kind) {
    case 'stage': {
      const cols = new Set<number>();
      for (const s of n.steps) {
        if (s.kind === 'filter') columnsUsed(s.predicate, cols);
        else {
          for (const e of s.exprs) columnsUsed(e, cols);
          return cols;
        }
      }
      // No projection: every input column goes on.
      return undefined;
    }
    case 'aggregate': {
      const cols = new Set<number>();
      for (const k of n.keys) columnsUsed(k, cols);
      if (n.window) columnsUsed(n.window.time, cols);
      for (const a of n.aggs) if (a.arg) columnsUsed(a.arg, cols);
      return cols;
    }
    default:
      return undefined;
  }
}
