// Which output columns of a plan carry an event-time watermark (followed through filters and projections).

import { assertNever } from '../common/errors.js';
import type { LogicalPlan } from './logical-plan.js';

export function watermarkedColumns(p: LogicalPlan): Set<number> {
  switch (p.kind) {
    case 'scan':
    case 'oneRow':
      return new Set();
    case 'join': {
      // A watermarked column of either input keeps its watermark in the joined rows (right columns shift).
      const offset = p.left.schema.length;
      return new Set([...watermarkedColumns(p.left), ...[...watermarkedColumns(p.right)].map((c) => c + offset)]);
    }
    case 'watermark': {
      const s = watermarkedColumns(p.input);
      s.add(p.columnIndex);
      return s;
    }
    case 'filter':
    case 'sort':
    case 'limit':
      return watermarkedColumns(p.input);
    case 'project': {
      const inner = watermarkedColumns(p.input);
      const out = new Set<number>();
      p.exprs.forEach((e, i) => {
        if (e.kind === 'column' && inner.has(e.index)) out.add(i);
      });
      return out;
    }
    case 'union': {
      // A column carries a watermark after a union only when it does in every input.
      const [first, ...rest] = p.inputs.map(watermarkedColumns);
      return new Set([...first!].filter((c) => rest.every((r) => r.has(c))));
    }
    case 'aggregate': {
      const t = eventTimeColumn(p);
      if (t === undefined) return new Set();
      // A window's start trails its end by at most the size (not a session's: it can start any time before).
      return p.window && p.window.kind !== 'session' ? new Set([0, t]) : new Set([t]);
    }
    default:
      return assertNever(p, 'plan node');
  }
}

/** The aggregate output column that decides eviction: window end for a watermarked window, or a watermarked key. */
export function eventTimeColumn(p: Extract<LogicalPlan, { kind: 'aggregate' }>): number | undefined {
  const wm = watermarkedColumns(p.input);
  if (p.window) {
    const t = p.window.time;
    return t.kind === 'column' && wm.has(t.index) ? 1 : undefined;
  }
  const k = p.keys.findIndex((e) => e.kind === 'column' && wm.has(e.index));
  return k >= 0 ? k : undefined;
}
