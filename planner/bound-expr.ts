// Bound (resolved, typed) expressions: the planner's expression IR that the runtime compiles into kernels.

import type { DataType } from '../common/types.js';
import { assertNever } from '../common/errors.js';

/** Constant values: numbers for every float-lane type (TIMESTAMP = UTC micros), strings, booleans, NULL. */
export type ScalarValue = number | string | boolean | null;

export type ArithOp = '+' | '-' | '*' | '/' | '%';
export type CmpOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type ScalarFn =
  | 'upper' | 'lower' | 'length' | 'substring' | 'concat' | 'trim' | 'ltrim' | 'rtrim'
  | 'coalesce' | 'nullif' | 'abs' | 'round' | 'floor' | 'ceil' | 'greatest' | 'least'
  | 'timestamp_seconds' | 'timestamp_millis' | 'timestamp_micros' | 'unix_seconds' | 'unix_millis' | 'unix_micros'
  | 'date_trunc' | 'sqrt' | 'power' | 'exp' | 'ln' | 'sign';

export type BoundExpr =
  | { readonly kind: 'column'; readonly index: number; readonly type: DataType; readonly name: string }
  | { readonly kind: 'literal'; readonly value: ScalarValue; readonly type: DataType }
  | { readonly kind: 'negate'; readonly operand: BoundExpr; readonly type: DataType }
  | { readonly kind: 'not'; readonly operand: BoundExpr; readonly type: 'BOOLEAN' }
  | { readonly kind: 'arith'; readonly op: ArithOp; readonly left: BoundExpr; readonly right: BoundExpr; readonly type: DataType }
  | { readonly kind: 'compare'; readonly op: CmpOp; readonly left: BoundExpr; readonly right: BoundExpr; readonly type: 'BOOLEAN' }
  | { readonly kind: 'and' | 'or'; readonly left: BoundExpr; readonly right: BoundExpr; readonly type: 'BOOLEAN' }
  | { readonly kind: 'isNull'; readonly operand: BoundExpr; readonly negated: boolean; readonly type: 'BOOLEAN' }
  | { readonly kind: 'inList'; readonly operand: BoundExpr; readonly list: readonly BoundExpr[]; readonly negated: boolean; readonly type: 'BOOLEAN' }
  | { readonly kind: 'like'; readonly operand: BoundExpr; readonly pattern: BoundExpr; readonly negated: boolean; readonly type: 'BOOLEAN' }
  | { readonly kind: 'case'; readonly whens: readonly { readonly when: BoundExpr; readonly then: BoundExpr }[]; readonly else: BoundExpr; readonly type: DataType }
  | { readonly kind: 'cast'; readonly operand: BoundExpr; readonly type: DataType }
  | { readonly kind: 'call'; readonly fn: ScalarFn; readonly args: readonly BoundExpr[]; readonly type: DataType };

/** The direct children of an expression, in evaluation order. */
export function exprChildren(e: BoundExpr): readonly BoundExpr[] {
  switch (e.kind) {
    case 'column':
    case 'literal':
      return [];
    case 'negate':
    case 'not':
    case 'isNull':
    case 'cast':
      return [e.operand];
    case 'arith':
    case 'compare':
    case 'and':
    case 'or':
      return [e.left, e.right];
    case 'inList':
      return [e.operand, ...e.list];
    case 'like':
      return [e.operand, e.pattern];
    case 'case':
      return [...e.whens.flatMap((w) => [w.when, w.then]), e.else];
    case 'call':
      return e.args;
    default:
      return assertNever(e, 'expression');
  }
}

/** Rebuilds an expression with new children (same order as exprChildren). */
export function withChildren(e: BoundExpr, c: readonly BoundExpr[]): BoundExpr {
  switch (e.kind) {
    case 'column':
    case 'literal':
      return e;
    case 'negate':
    case 'not':
    case 'isNull':
    case 'cast':
      return { ...e, operand: c[0]! } as BoundExpr;
    case 'arith':
    case 'compare':
    case 'and':
    case 'or':
      return { ...e, left: c[0]!, right: c[1]! } as BoundExpr;
    case 'inList':
      return { ...e, operand: c[0]!, list: c.slice(1) };
    case 'like':
      return { ...e, operand: c[0]!, pattern: c[1]! };
    case 'case': {
      const whens = e.whens.map((_, i) => ({ when: c[2 * i]!, then: c[2 * i + 1]! }));
      return { ...e, whens, else: c[c.length - 1]! };
    }
    case 'call':
      return { ...e, args: c };
    default:
      return assertNever(e, 'expression');
  }
}

/** The one generic traversal: rewrites bottom-up; `f` sees a node whose children are already rewritten. */
export function transformExpr(e: BoundExpr, f: (e: BoundExpr) => BoundExpr): BoundExpr {
  const kids = exprChildren(e);
  const next = kids.length === 0 ? e : withChildren(e, kids.map((k) => transformExpr(k, f)));
  return f(next);
}

/** Visits every node, parents before children. */
export function visitExpr(e: BoundExpr, f: (e: BoundExpr) => void): void {
  f(e);
  for (const k of exprChildren(e)) visitExpr(k, f);
}

export function columnsUsed(e: BoundExpr, into: Set<number> = new Set()): Set<number> {
  visitExpr(e, (n) => {
    if (n.kind === 'column') into.add(n.index);
  });
  return into;
}

export const col = (index: number, type: DataType, name: string): BoundExpr => ({ kind: 'column', index, type, name });
export const lit = (value: ScalarValue, type: DataType): BoundExpr => ({ kind: 'literal', value, type });

/** Short SQL-like rendering for EXPLAIN. */
export function exprToString(e: BoundExpr): string {
  switch (e.kind) {
    case 'column':
      return `${e.name}#${e.index}`;
    case 'literal':
      return e.value === null ? 'NULL' : typeof e.value === 'string' ? `'${e.value.replace(/'/g, "''")}'` : String(e.value);
    case 'negate':
      return `-(${exprToString(e.operand)})`;
    case 'not':
      return `NOT (${exprToString(e.operand)})`;
    case 'arith':
    case 'compare':
      return `(${exprToString(e.left)} ${e.op} ${exprToString(e.right)})`;
    case 'and':
    case 'or':
      return `(${exprToString(e.left)} ${e.kind.toUpperCase()} ${exprToString(e.right)})`;
    case 'isNull':
      return `(${exprToString(e.operand)} IS ${e.negated ? 'NOT ' : ''}NULL)`;
    case 'inList':
      return `(${exprToString(e.operand)} ${e.negated ? 'NOT ' : ''}IN (${e.list.map(exprToString).join(', ')}))`;
    case 'like':
      return `(${exprToString(e.operand)} ${e.negated ? 'NOT ' : ''}LIKE ${exprToString(e.pattern)})`;
    case 'case':
      return `CASE ${e.whens.map((w) => `WHEN ${exprToString(w.when)} THEN ${exprToString(w.then)}`).join(' ')} ELSE ${exprToString(e.else)} END`;
    case 'cast':
      return `CAST(${exprToString(e.operand)} AS ${e.type})`;
    case 'call':
      return `${e.fn}(${e.args.map(exprToString).join(', ')})`;
    default:
      return assertNever(e, 'expression');
  }
}
