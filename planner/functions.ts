// Scalar and aggregate function signatures: argument checks, coercions and result types.

import { TidemarkError, type SourcePosition } from '../common/errors.js';
import { isNumeric, isIntegral, type DataType } from '../common/types.js';
import type { BoundExpr, ScalarFn } from './bound-expr.js';
import type { AggFn } from './logical-plan.js';
import { coerce, commonTypeOf, valueTypeOf } from './coercion.js';

export const AGGREGATE_NAMES: ReadonlyMap<string, AggFn> = new Map([
  ['count', 'count'], ['sum', 'sum'], ['avg', 'avg'], ['mean', 'avg'], ['min', 'min'], ['max', 'max'],
  ['first', 'first'], ['first_value', 'first'], ['last', 'last'], ['last_value', 'last'],
  ['approx_count_distinct', 'approx_count_distinct'],
]);

/** Other names of scalar functions (Spark's and SQL's spellings). */
export const SCALAR_ALIASES: ReadonlyMap<string, ScalarFn> = new Map([
  ['substr', 'substring'], ['char_length', 'length'], ['character_length', 'length'],
  ['ceiling', 'ceil'], ['pow', 'power'],
]);

const SCALARS = new Set<string>([
  'upper', 'lower', 'length', 'substring', 'concat', 'trim', 'ltrim', 'rtrim', 'coalesce', 'nullif', 'abs',
  'round', 'floor', 'ceil', 'greatest', 'least', 'timestamp_seconds', 'timestamp_millis', 'timestamp_micros',
  'unix_seconds', 'unix_millis', 'unix_micros', 'date_trunc', 'sqrt', 'power', 'exp', 'ln', 'sign',
]);

/** Every scalar function name the binder accepts, aliases included (for completion and docs). */
export const SCALAR_FUNCTION_NAMES: readonly string[] = [...SCALARS, ...SCALAR_ALIASES.keys()].sort();

/** The window functions of GROUP BY: window(ts, size[, slide[, start]]), cumulate(ts, step, size), session_window(ts, gap). */
export const WINDOW_FUNCTION_NAMES = ['window', 'cumulate', 'session_window'] as const;
export type WindowFunctionName = (typeof WINDOW_FUNCTION_NAMES)[number];

export const isWindowFunctionName = (name: string): name is WindowFunctionName =>
  (WINDOW_FUNCTION_NAMES as readonly string[]).includes(name);

export function scalarFnName(name: string): ScalarFn | undefined {
  const alias = SCALAR_ALIASES.get(name);
  if (alias) return alias;
  return SCALARS.has(name) ? (name as ScalarFn) : undefined;
}

export const DATE_TRUNC_UNITS = ['second', 'minute', 'hour', 'day', 'week', 'month', 'year', 'millisecond'] as const;

function mismatch(msg: string, pos: SourcePosition): never {
  throw new TidemarkError('TYPE_MISMATCH', msg, pos);
}

function arity(fn: string, args: readonly BoundExpr[], min: number, max: number, pos: SourcePosition): void {
  if (args.length < min || args.length > max) {
    const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    throw new TidemarkError('TYPE_MISMATCH', `${fn}() takes ${want} argument(s) but was given ${args.length}.`, pos);
  }
}

function expect(fn: string, e: BoundExpr, ok: (t: DataType) => boolean, what: string, pos: SourcePosition): void {
  if (e.type !== 'NULL' && !ok(e.type)) mismatch(`${fn}() expects ${what} but got ${e.type}.`, pos);
}

const isStr = (t: DataType): boolean => t === 'STRING';
const isTs = (t: DataType): boolean => t === 'TIMESTAMP';

/** Binds a scalar function call on already-bound arguments. */
export function bindScalar(fn: ScalarFn, args: readonly BoundExpr[], pos: SourcePosition): BoundExpr {
  const call = (type: DataType, a: readonly BoundExpr[] = args): BoundExpr => ({ kind: 'call', fn, args: a, type });
  switch (fn) {
    case 'upper': case 'lower': case 'trim': case 'ltrim': case 'rtrim':
      arity(fn, args, 1, 1, pos);
      expect(fn, args[0]!, isStr, 'a STRING', pos);
      return call('STRING', [coerce(args[0]!, 'STRING')]);
    case 'length':
      arity(fn, args, 1, 1, pos);
      expect(fn, args[0]!, isStr, 'a STRING', pos);
      return call('INT', [coerce(args[0]!, 'STRING')]);
    case 'substring':
      arity(fn, args, 2, 3, pos);
      expect(fn, args[0]!, isStr, 'a STRING', pos);
      for (const a of args.slice(1)) expect(fn, a, isIntegral, 'integer positions', pos);
      return call('STRING', [coerce(args[0]!, 'STRING'), ...args.slice(1).map((a) => coerce(a, 'BIGINT'))]);
    case 'concat':
      // Spark's concat() with no arguments is the empty string.
      arity(fn, args, 0, Infinity, pos);
      return call('STRING', args.map((a) => coerce(a, 'STRING')));
    case 'coalesce': case 'greatest': case 'least': {
      arity(fn, args, fn === 'coalesce' ? 1 : 2, Infinity, pos);
      // coalesce picks one of its values (a STRING beside a TIMESTAMP keeps its text); greatest and least compare.
      const t = fn === 'coalesce' ? valueTypeOf(args.map((a) => a.type)) : commonTypeOf(args.map((a) => a.type));
      if (t === undefined) mismatch(`${fn}() arguments must share a type, got ${args.map((a) => a.type).join(', ')}.`, pos);
      return call(t, args.map((a) => coerce(a, t)));
    }
    case 'nullif': {
      arity(fn, args, 2, 2, pos);
      const t = commonTypeOf(args.map((a) => a.type));
      if (t === undefined) mismatch(`nullif() arguments must share a type, got ${args[0]!.type} and ${args[1]!.type}.`, pos);
      // Spark's nullif(a, b) is `IF(a = b, NULL, a)`: compare in the common type, return a as it is.
      return call(args[0]!.type === 'NULL' ? t : args[0]!.type, [args[0]!, coerce(args[0]!, t), coerce(args[1]!, t)]);
    }
    case 'abs': case 'sign':
      arity(fn, args, 1, 1, pos);
      expect(fn, args[0]!, isNumeric, 'a number', pos);
      return call(fn === 'sign' ? 'DOUBLE' : args[0]!.type === 'NULL' ? 'DOUBLE' : args[0]!.type);
    case 'round': {
      arity(fn, args, 1, 2, pos);
      expect(fn, args[0]!, isNumeric, 'a number', pos);
      if (args[1] && !(args[1].kind === 'literal' && typeof args[1].value === 'number' && Number.isInteger(args[1].value))) {
        mismatch('round() expects an integer constant as its number of digits.', pos);
      }
      const t = args[0]!.type === 'NULL' ? 'DOUBLE' : args[0]!.type;
      return call(t, [coerce(args[0]!, t), args[1] ?? { kind: 'literal', value: 0, type: 'INT' }]);
    }
    case 'floor': case 'ceil':
      arity(fn, args, 1, 1, pos);
      expect(fn, args[0]!, isNumeric, 'a number', pos);
      return call('BIGINT');
    case 'sqrt': case 'exp': case 'ln':
      arity(fn, args, 1, 1, pos);
      expect(fn, args[0]!, isNumeric, 'a number', pos);
      return call('DOUBLE');
    case 'power':
      arity(fn, args, 2, 2, pos);
      for (const a of args) expect(fn, a, isNumeric, 'numbers', pos);
      return call('DOUBLE', args.map((a) => coerce(a, 'DOUBLE')));
    case 'timestamp_seconds': case 'timestamp_millis': case 'timestamp_micros':
      arity(fn, args, 1, 1, pos);
      expect(fn, args[0]!, fn === 'timestamp_seconds' ? isNumeric : isIntegral, fn === 'timestamp_seconds' ? 'a number' : 'an integer', pos);
      // A NULL argument is a NULL number (the kernels read numbers).
      return call('TIMESTAMP', [args[0]!.type === 'NULL' ? coerce(args[0]!, fn === 'timestamp_seconds' ? 'DOUBLE' : 'BIGINT') : args[0]!]);
    case 'unix_seconds': case 'unix_millis': case 'unix_micros':
      arity(fn, args, 1, 1, pos);
      expect(fn, args[0]!, isTs, 'a TIMESTAMP', pos);
      return call('BIGINT', [coerce(args[0]!, 'TIMESTAMP')]);
    case 'date_trunc': {
      arity(fn, args, 2, 2, pos);
      const unit = args[0]!;
      if (unit.kind !== 'literal' || typeof unit.value !== 'string'
        || !(DATE_TRUNC_UNITS as readonly string[]).includes(unit.value.toLowerCase())) {
        mismatch(`date_trunc() expects a unit string constant, one of ${DATE_TRUNC_UNITS.join(', ')}.`, pos);
      }
      expect(fn, args[1]!, (t) => t === 'TIMESTAMP' || t === 'STRING', 'a TIMESTAMP', pos);
      return call('TIMESTAMP', [{ kind: 'literal', value: unit.value.toLowerCase(), type: 'STRING' }, coerce(args[1]!, 'TIMESTAMP')]);
    }
    default: {
      const never: never = fn;
      throw new Error(`unknown scalar ${String(never)}`);
    }
  }
}

/** Result type of an aggregate over an argument of type `t`. */
export function aggregateType(fn: AggFn, t: DataType | undefined, name: string, pos: SourcePosition): DataType {
  switch (fn) {
    case 'count_star':
    case 'count':
    case 'count_distinct':
      return 'BIGINT';
    // Spark's one-argument form (its rsd argument is not accepted: the binder takes one argument per aggregate and
    // the precision is fixed, see runtime/operators/hll.ts). Any type: values hash by their representation.
    case 'approx_count_distinct':
      return 'BIGINT';
    case 'sum':
      if (t !== 'NULL' && !isNumeric(t!)) mismatch(`${name}() expects a number but got ${t}.`, pos);
      return t === 'DOUBLE' || t === 'NULL' ? 'DOUBLE' : 'BIGINT';
    case 'avg':
      if (t !== 'NULL' && !isNumeric(t!)) mismatch(`${name}() expects a number but got ${t}.`, pos);
      return 'DOUBLE';
    case 'min':
    case 'max':
    case 'first':
    case 'last':
      return t === 'NULL' ? 'STRING' : t!;
    default: {
      const never: never = fn;
      throw new Error(`unknown aggregate ${String(never)}`);
    }
  }
}
