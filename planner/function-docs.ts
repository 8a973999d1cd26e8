// Signatures and one-line docs of every SQL function, for the generated reference; function-docs.test.ts checks them against the binder.

import type { DataType } from '../common/types.js';
import type { ScalarFn } from './bound-expr.js';
import { DATE_TRUNC_UNITS, type WindowFunctionName } from './functions.js';
import type { AggFn } from './logical-plan.js';

/**
 * What a parameter accepts: a type, `number` (INT, BIGINT or DOUBLE), `integer` (INT or BIGINT), `any`, `T` (all
 * T parameters share a common type), `integer constant` (a literal), `unit` (a date_trunc unit string constant).
 */
export type ParamType = 'STRING' | 'TIMESTAMP' | 'number' | 'integer' | 'any' | 'T' | 'integer constant' | 'unit';

export interface Param {
  readonly name: string;
  readonly type: ParamType;
}

export interface ScalarDoc {
  readonly params: readonly Param[];
  /** How many trailing parameters may be left out. */
  readonly optional?: number;
  /** The last parameter may repeat. */
  readonly variadic?: boolean;
  /** A type, `T` (the parameters' common type) or `type of <first parameter>`. */
  readonly returns: DataType | 'T' | 'type of first';
  readonly doc: string;
}

const p = (name: string, type: ParamType): Param => ({ name, type });
const s = p('s', 'STRING');
const x = p('x', 'number');
const ts = p('ts', 'TIMESTAMP');

/** Every scalar function (aliases are in SCALAR_ALIASES); the Record type makes it list every one the binder knows. */
export const SCALAR_DOCS: Readonly<Record<ScalarFn, ScalarDoc>> = {
  upper: { params: [s], returns: 'STRING', doc: 'Upper case.' },
  lower: { params: [s], returns: 'STRING', doc: 'Lower case.' },
  length: { params: [s], returns: 'INT', doc: 'Number of characters (code points).' },
  substring: {
    params: [s, p('pos', 'integer'), p('len', 'integer')], optional: 1, returns: 'STRING',
    doc: 'The characters from 1-based position pos (negative: counted from the end), len of them or all the rest.',
  },
  concat: { params: [p('v', 'any')], optional: 1, variadic: true, returns: 'STRING', doc: 'The values as strings, joined; NULL when any is NULL; the empty string with no arguments (as in Spark).' },
  trim: { params: [s], returns: 'STRING', doc: 'Without leading and trailing spaces.' },
  ltrim: { params: [s], returns: 'STRING', doc: 'Without leading spaces.' },
  rtrim: { params: [s], returns: 'STRING', doc: 'Without trailing spaces.' },
  coalesce: { params: [p('v', 'T')], variadic: true, returns: 'T', doc: 'The first value that is not NULL.' },
  nullif: { params: [p('a', 'T'), p('b', 'T')], returns: 'type of first', doc: 'NULL when a = b, else a.' },
  abs: { params: [x], returns: 'type of first', doc: 'Absolute value.' },
  round: {
    params: [x, p('digits', 'integer constant')], optional: 1, returns: 'type of first',
    doc: 'Rounded half away from zero to digits decimal places (default 0; negative rounds to tens, hundreds, ...).',
  },
  floor: { params: [x], returns: 'BIGINT', doc: 'Largest integer not above x; NULL when it does not fit a BIGINT, or x is NaN or infinite.' },
  ceil: { params: [x], returns: 'BIGINT', doc: 'Smallest integer not below x; NULL when it does not fit a BIGINT, or x is NaN or infinite.' },
  greatest: { params: [p('a', 'T'), p('b', 'T')], variadic: true, returns: 'T', doc: 'Largest value, ignoring NULLs (NULL when all are).' },
  least: { params: [p('a', 'T'), p('b', 'T')], variadic: true, returns: 'T', doc: 'Smallest value, ignoring NULLs (NULL when all are).' },
  sqrt: { params: [x], returns: 'DOUBLE', doc: 'Square root.' },
  power: { params: [x, p('y', 'number')], returns: 'DOUBLE', doc: 'x raised to the power y.' },
  exp: { params: [x], returns: 'DOUBLE', doc: 'e raised to the power x.' },
  ln: { params: [x], returns: 'DOUBLE', doc: 'Natural logarithm; NULL when x is 0 or negative (as in Spark).' },
  sign: { params: [x], returns: 'DOUBLE', doc: '-1.0, 0.0 or 1.0 as x is negative, zero or positive.' },
  timestamp_seconds: { params: [p('n', 'number')], returns: 'TIMESTAMP', doc: 'The time n seconds after 1970-01-01 00:00:00 UTC (fractions kept to the microsecond); NULL beyond 64-bit microseconds.' },
  timestamp_millis: { params: [p('n', 'integer')], returns: 'TIMESTAMP', doc: 'The time n milliseconds after 1970-01-01 00:00:00 UTC; NULL beyond 64-bit microseconds.' },
  timestamp_micros: { params: [p('n', 'integer')], returns: 'TIMESTAMP', doc: 'The time n microseconds after 1970-01-01 00:00:00 UTC.' },
  unix_seconds: { params: [ts], returns: 'BIGINT', doc: 'Whole seconds since 1970-01-01 00:00:00 UTC (rounded down).' },
  unix_millis: { params: [ts], returns: 'BIGINT', doc: 'Whole milliseconds since 1970-01-01 00:00:00 UTC (rounded down).' },
  unix_micros: { params: [ts], returns: 'BIGINT', doc: 'Microseconds since 1970-01-01 00:00:00 UTC.' },
  date_trunc: {
    params: [p('unit', 'unit'), ts], returns: 'TIMESTAMP',
    doc: `ts truncated to the start of its unit: one of ${DATE_TRUNC_UNITS.map((u) => `'${u}'`).join(', ')} (a string constant).`,
  },
};

export interface AggregateDoc {
  /** How the call is written, with x for the argument. */
  readonly call: string;
  /** What x may be. */
  readonly accepts: 'any' | 'number' | 'none';
  /** A type, the argument's type, or `widened` (BIGINT for an integer argument, DOUBLE for a DOUBLE one). */
  readonly returns: DataType | 'type of x' | 'widened';
  readonly doc: string;
}

/** Every aggregate (aliases are in AGGREGATE_NAMES). NULL arguments are ignored, as in SQL. */
export const AGGREGATE_DOCS: Readonly<Record<AggFn, AggregateDoc>> = {
  count_star: { call: 'count(*)', accepts: 'none', returns: 'BIGINT', doc: 'Number of rows.' },
  count: { call: 'count(x)', accepts: 'any', returns: 'BIGINT', doc: 'Number of rows where x is not NULL.' },
  count_distinct: { call: 'count(DISTINCT x)', accepts: 'any', returns: 'BIGINT', doc: 'Number of distinct values of x that are not NULL (exact).' },
  approx_count_distinct: {
    call: 'approx_count_distinct(x)', accepts: 'any', returns: 'BIGINT',
    doc: 'Estimated number of distinct values (HyperLogLog: exact up to 256 values, about 1.6% error beyond).',
  },
  sum: { call: 'sum(x)', accepts: 'number', returns: 'widened', doc: 'Sum (NULL when every x is NULL).' },
  avg: { call: 'avg(x)', accepts: 'number', returns: 'DOUBLE', doc: 'Mean.' },
  min: { call: 'min(x)', accepts: 'any', returns: 'type of x', doc: 'Smallest value.' },
  max: { call: 'max(x)', accepts: 'any', returns: 'type of x', doc: 'Largest value.' },
  first: { call: 'first(x)', accepts: 'any', returns: 'type of x', doc: 'Value of the first row in arrival order (not with session_window).' },
  last: { call: 'last(x)', accepts: 'any', returns: 'type of x', doc: 'Value of the last row in arrival order (not with session_window).' },
};

export interface WindowFunctionDoc {
  readonly signature: string;
  readonly doc: string;
  /** A GROUP BY item that uses it over a TIMESTAMP column ts (checked by planning it). */
  readonly example: string;
}

/** The window functions of GROUP BY; refer to a row's window in SELECT as window.start and window.end. */
export const WINDOW_FUNCTION_DOCS: Readonly<Record<WindowFunctionName, WindowFunctionDoc>> = {
  window: {
    signature: 'window(ts, size [, slide [, start]])',
    doc: 'Tumbling windows [s, s + size) (slide omitted or equal to size), or sliding ones every slide; start shifts them. Half-open, aligned to 1970-01-01 + start.',
    example: "window(ts, '10 minutes', '5 minutes')",
  },
  cumulate: {
    signature: 'cumulate(ts, step, size)',
    doc: "Flink's cumulative windows: [s, s + step), [s, s + 2 step), ... [s, s + size) for each period s of length size (size a multiple of step).",
    example: "cumulate(ts, '1 minute', '10 minutes')",
  },
  session_window: {
    signature: 'session_window(ts, gap)',
    doc: 'Per group key, a row opens [ts, ts + gap); sessions that overlap or touch merge.',
    example: "session_window(ts, '5 minutes')",
  },
};
