// Rule: evaluate operators whose operands are all constants at plan time and simplify boolean logic.

import type { BoundExpr, ScalarValue } from '../bound-expr.js';
import { transformExpr } from '../bound-expr.js';
import { transformPlan, type LogicalPlan } from '../logical-plan.js';
import type { OptimizerRule } from './rule.js';
import { compareCodePoints, compareDoubles } from '../../common/compare.js';

const lit = (value: ScalarValue, type: BoundExpr['type']): BoundExpr => ({ kind: 'literal', value, type }) as BoundExpr;
const isLit = (e: BoundExpr): e is Extract<BoundExpr, { kind: 'literal' }> => e.kind === 'literal';

function foldArith(op: string, a: number, b: number, integral: boolean, int32: boolean): number | null {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    // INT multiplication wraps exactly like the kernels (a float64 product loses low bits first).
    case '*': return int32 ? Math.imul(a, b) : a * b;
    case '/': return a / b;
    case '%': {
      if (integral && b === 0) return null;
      return a % b;
    }
    default: return null;
  }
}

function foldCompare(op: string, a: number | string | boolean, b: number | string | boolean): boolean {
  if (typeof a === 'string' && typeof b === 'string') {
    // Strings order by code point, as the kernels compare UTF-8 bytes.
    const c = compareCodePoints(a, b);
    a = c;
    b = 0;
  } else if (typeof a === 'number' && typeof b === 'number') {
    // NaN equals NaN and is above every other value, as the kernels compare (expressions/nan.sql).
    const c = compareDoubles(a, b);
    a = c;
    b = 0;
  }
  switch (op) {
    case '=': return a === b;
    case '<>': return a !== b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    default: return a >= b;
  }
}

/** Folds one node whose children are already folded. Only rules whose result is certain are applied. */
export function foldNode(e: BoundExpr): BoundExpr {
  switch (e.kind) {
    case 'arith': {
      if (!isLit(e.left) || !isLit(e.right)) return e;
      if (e.left.value === null || e.right.value === null) return lit(null, e.type);
      if (typeof e.left.value !== 'number' || typeof e.right.value !== 'number') return e;
      const integral = e.type === 'INT' || e.type === 'BIGINT';
      let v = foldArith(e.op, e.left.value, e.right.value, integral, e.type === 'INT');
      if (v !== null && integral) v = Math.trunc(v);
      if (v !== null && e.type === 'INT') v = v | 0;
      return lit(v, e.type);
    }
    case 'compare': {
      if (!isLit(e.left) || !isLit(e.right)) return e;
      if (e.left.value === null || e.right.value === null) return lit(null, 'BOOLEAN');
      return lit(foldCompare(e.op, e.left.value, e.right.value), 'BOOLEAN');
    }
    case 'not':
      if (isLit(e.operand)) return lit(e.operand.value === null ? null : !e.operand.value, 'BOOLEAN');
      return e;
    case 'negate':
      if (isLit(e.operand) && typeof e.operand.value === 'number') return lit(e.type === 'INT' ? -e.operand.value | 0 : -e.operand.value, e.type);
      if (isLit(e.operand) && e.operand.value === null) return lit(null, e.type);
      return e;
    case 'isNull':
      if (isLit(e.operand)) return lit((e.operand.value === null) !== e.negated, 'BOOLEAN');
      return e;
    case 'and': {
      const [l, r] = [e.left, e.right];
      if ((isLit(l) && l.value === false) || (isLit(r) && r.value === false)) return lit(false, 'BOOLEAN');
      if (isLit(l) && l.value === true) return r;
      if (isLit(r) && r.value === true) return l;
      if (isLit(l) && isLit(r)) return lit(null, 'BOOLEAN');
      return e;
    }
    case 'or': {
      const [l, r] = [e.left, e.right];
      if ((isLit(l) && l.value === true) || (isLit(r) && r.value === true)) return lit(true, 'BOOLEAN');
      if (isLit(l) && l.value === false) return r;
      if (isLit(r) && r.value === false) return l;
      if (isLit(l) && isLit(r)) return lit(null, 'BOOLEAN');
      return e;
    }
    default:
      return e;
  }
}

export const foldExpr = (e: BoundExpr): BoundExpr => transformExpr(e, foldNode);

export const constantFolding: OptimizerRule = {
  name: 'constant_folding',
  reason: 'Work that does not depend on the data is done once at plan time instead of once per row.',
  apply: (plan: LogicalPlan) =>
    transformPlan(plan, (p) => {
      switch (p.kind) {
        case 'filter': {
          const predicate = foldExpr(p.predicate);
          if (predicate.kind === 'literal' && predicate.value === true) return p.input;
          return { ...p, predicate };
        }
        case 'project':
          return { ...p, exprs: p.exprs.map(foldExpr) };
        default:
          return p;
      }
    }),
};
