// Implicit type coercion: common types of operands and casts inserted (or folded for literals) by the binder.

import type { DataType } from '../common/types.js';
import { isNumeric } from '../common/types.js';
import { tryParseTimestamp } from '../common/time.js';
import type { BoundExpr } from './bound-expr.js';

/** The type both operands can be widened to without loss of meaning, or undefined. */
export function commonType(a: DataType, b: DataType): DataType | undefined {
  if (a === b) return a;
  if (a === 'NULL') return b;
  if (b === 'NULL') return a;
  if (isNumeric(a) && isNumeric(b)) {
    if (a === 'DOUBLE' || b === 'DOUBLE') return 'DOUBLE';
    return 'BIGINT';
  }
  if ((a === 'TIMESTAMP' && b === 'STRING') || (a === 'STRING' && b === 'TIMESTAMP')) return 'TIMESTAMP';
  return undefined;
}

/** `pair` folded over `types` from NULL, or undefined as soon as two have none. */
function foldTypes(types: readonly DataType[], pair: (a: DataType, b: DataType) => DataType | undefined): DataType | undefined {
  let t: DataType | undefined = 'NULL';
  for (const x of types) {
    t = pair(t, x);
    if (t === undefined) return undefined;
  }
  return t;
}

export const commonTypeOf = (types: readonly DataType[]): DataType | undefined => foldTypes(types, commonType);

/**
 * The type of values that become one value (CASE branches, coalesce arguments, UNION columns): commonType, except
 * that TIMESTAMP and STRING make STRING, as Spark's string promotion does, so a text that is no timestamp stays what
 * it is instead of turning NULL. (Comparing them still reads the string as a TIMESTAMP.)
 */
export function valueType(a: DataType, b: DataType): DataType | undefined {
  if ((a === 'TIMESTAMP' && b === 'STRING') || (a === 'STRING' && b === 'TIMESTAMP')) return 'STRING';
  return commonType(a, b);
}

export const valueTypeOf = (types: readonly DataType[]): DataType | undefined => foldTypes(types, valueType);

/** Casts `e` to `to`; literals are converted at plan time so kernels never see the cast. */
export function coerce(e: BoundExpr, to: DataType): BoundExpr {
  if (e.type === to || to === 'NULL') return e;
  if (e.kind === 'literal') {
    const v = e.value;
    if (v === null) return { kind: 'literal', value: null, type: to };
    if (to === 'TIMESTAMP' && typeof v === 'string') {
      const micros = tryParseTimestamp(v);
      if (micros !== undefined) return { kind: 'literal', value: micros, type: 'TIMESTAMP' };
    }
    if ((to === 'DOUBLE' || to === 'BIGINT') && typeof v === 'number' && (e.type === 'INT' || e.type === 'BIGINT')) {
      return { kind: 'literal', value: v, type: to };
    }
  }
  return { kind: 'cast', operand: e, type: to };
}
