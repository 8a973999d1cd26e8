// Numeric kernels: arithmetic with SQL NULL and integer semantics, comparisons, and math functions.

import type { ArithOp, CmpOp } from '../../planner/bound-expr.js';
import type { DataType } from '../../common/types.js';
import { andValid, type BoolVec, type F64Vec } from './kernel.js';

/** Arithmetic over two float64 lanes; INT results wrap to 32 bits, integer `%` by zero is NULL. */
export function arith(op: ArithOp, type: DataType, a: F64Vec, b: F64Vec, n: number): F64Vec {
  const x = a.values;
  const y = b.values;
  const out = new Float64Array(n);
  let valid = andValid(a.valid, b.valid, n);
  const int32 = type === 'INT';
  const integral = int32 || type === 'BIGINT';
  switch (op) {
    case '+':
      if (int32) for (let i = 0; i < n; i++) out[i] = (x[i]! + y[i]!) | 0;
      else for (let i = 0; i < n; i++) out[i] = x[i]! + y[i]!;
      break;
    case '-':
      if (int32) for (let i = 0; i < n; i++) out[i] = (x[i]! - y[i]!) | 0;
      else for (let i = 0; i < n; i++) out[i] = x[i]! - y[i]!;
      break;
    case '*':
      if (int32) for (let i = 0; i < n; i++) out[i] = Math.imul(x[i]!, y[i]!);
      else for (let i = 0; i < n; i++) out[i] = x[i]! * y[i]!;
      break;
    case '/':
      for (let i = 0; i < n; i++) out[i] = x[i]! / y[i]!;
      break;
    case '%':
      if (integral) {
        let zero = false;
        for (let i = 0; i < n; i++) {
          const d = y[i]!;
          if (d === 0) zero = true;
          else out[i] = x[i]! % d;
        }
        if (zero) {
          const v = valid ? valid.slice() : new Uint8Array(n).fill(1);
          for (let i = 0; i < n; i++) if (y[i] === 0) v[i] = 0;
          valid = v;
        }
      } else {
        for (let i = 0; i < n; i++) out[i] = x[i]! % y[i]!;
      }
      break;
    default: {
      const never: never = op;
      throw new Error(`op ${String(never)}`);
    }
  }
  return { kind: 'f64', length: n, values: out, valid };
}

export function negate(a: F64Vec, type: DataType, n: number): F64Vec {
  const out = new Float64Array(n);
  if (type === 'INT') for (let i = 0; i < n; i++) out[i] = -a.values[i]! | 0;
  else for (let i = 0; i < n; i++) out[i] = -a.values[i]!;
  return { kind: 'f64', length: n, values: out, valid: a.valid };
}

/**
 * Comparisons as Spark orders doubles: NaN equals NaN and is greater than every other value (so `NaN > 1`, and
 * `NaN = NaN` is true, as in joins and GROUP BY). Integers, times and booleans never hold NaN.
 */
export function compareF64(op: CmpOp, x: Float64Array | Uint8Array, y: Float64Array | Uint8Array, valid: Uint8Array | null, n: number): BoolVec {
  const out = new Uint8Array(n);
  switch (op) {
    case '=': for (let i = 0; i < n; i++) { const a = x[i]!; const b = y[i]!; out[i] = a === b || (a !== a && b !== b) ? 1 : 0; } break;
    case '<>': for (let i = 0; i < n; i++) { const a = x[i]!; const b = y[i]!; out[i] = a === b || (a !== a && b !== b) ? 0 : 1; } break;
    case '<': for (let i = 0; i < n; i++) { const a = x[i]!; const b = y[i]!; out[i] = a < b || (b !== b && a === a) ? 1 : 0; } break;
    case '<=': for (let i = 0; i < n; i++) { const a = x[i]!; const b = y[i]!; out[i] = a <= b || b !== b ? 1 : 0; } break;
    case '>': for (let i = 0; i < n; i++) { const a = x[i]!; const b = y[i]!; out[i] = a > b || (a !== a && b === b) ? 1 : 0; } break;
    case '>=': for (let i = 0; i < n; i++) { const a = x[i]!; const b = y[i]!; out[i] = a >= b || a !== a ? 1 : 0; } break;
    default: {
      const never: never = op;
      throw new Error(`op ${String(never)}`);
    }
  }
  return { kind: 'bool', length: n, values: out, valid };
}

/** Compares against a constant without materializing it (NaN as in compareF64). */
export function compareF64Const(op: CmpOp, x: Float64Array, c: number, valid: Uint8Array | null, n: number): BoolVec {
  if (c !== c) return compareF64(op, x, new Float64Array(n).fill(NaN), valid, n);
  const out = new Uint8Array(n);
  // c is a number: only > and >= see a NaN on the left (the greatest value).
  switch (op) {
    case '=': for (let i = 0; i < n; i++) out[i] = x[i] === c ? 1 : 0; break;
    case '<>': for (let i = 0; i < n; i++) out[i] = x[i] !== c ? 1 : 0; break;
    case '<': for (let i = 0; i < n; i++) out[i] = x[i]! < c ? 1 : 0; break;
    case '<=': for (let i = 0; i < n; i++) out[i] = x[i]! <= c ? 1 : 0; break;
    case '>': for (let i = 0; i < n; i++) { const a = x[i]!; out[i] = a > c || a !== a ? 1 : 0; } break;
    case '>=': for (let i = 0; i < n; i++) { const a = x[i]!; out[i] = a >= c || a !== a ? 1 : 0; } break;
    default: {
      const never: never = op;
      throw new Error(`op ${String(never)}`);
    }
  }
  return { kind: 'bool', length: n, values: out, valid };
}

/**
 * Round half away from zero to `digits` decimals (Spark's ROUND_HALF_UP), exactly as Spark does it: on the shortest
 * decimal form of the double (BigDecimal(Double.toString(v))), so 1.005 rounds to 1.01 and 2.4999999999999996 to 2.
 */
export function roundHalfUp(v: number, digits: number): number {
  if (!Number.isFinite(v) || v === 0) return v === 0 ? 0 : v;
  const m = DECIMAL_RE.exec(String(Math.abs(v)))!;
  const all = m[1]! + (m[2] ?? '');
  const point = m[1]!.length + Number(m[3] ?? 0); // digits of `all` before the decimal point
  const keep = point + digits; // leading digits of `all` that survive
  if (keep >= all.length) return v;
  if (keep < 0) return 0;
  let kept = BigInt(keep === 0 ? '0' : all.slice(0, keep));
  if (all.charCodeAt(keep) >= 53 /* '5' */) kept += 1n;
  const out = Number(`${kept}e${-digits}`);
  return out === 0 ? 0 : v < 0 ? -out : out;
}

const DECIMAL_RE = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

export function mapF64(a: F64Vec, n: number, f: (x: number) => number): F64Vec {
  const out = new Float64Array(n);
  const x = a.values;
  for (let i = 0; i < n; i++) out[i] = f(x[i]!);
  return { kind: 'f64', length: n, values: out, valid: a.valid };
}

/**
 * `v` with NULL wherever a value is not a 64-bit integer's (not finite, or beyond ±2^63): results typed BIGINT or
 * TIMESTAMP (floor, ceil, timestamp_seconds, ...), which CAST to BIGINT treats the same way (Spark would overflow).
 */
export function int64OrNull(v: F64Vec, n: number): F64Vec {
  const x = v.values;
  let valid = v.valid;
  for (let i = 0; i < n; i++) {
    if (fitsInt64(x[i]!)) continue;
    if (valid && !valid[i]) continue;
    if (valid === v.valid) valid = v.valid ? v.valid.slice() : new Uint8Array(n).fill(1);
    valid![i] = 0;
  }
  return valid === v.valid ? v : { ...v, valid };
}

/** Natural logarithm, NULL at or below 0 (Spark's ln: no -Infinity, no NaN from a negative). NaN stays NaN. */
export function lnOrNull(a: F64Vec, n: number): F64Vec {
  const out = new Float64Array(n);
  const x = a.values;
  let valid = a.valid;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (v > 0 || v !== v) {
      out[i] = Math.log(v);
      continue;
    }
    if (valid && !valid[i]) continue;
    if (valid === a.valid) valid = a.valid ? a.valid.slice() : new Uint8Array(n).fill(1);
    valid![i] = 0;
  }
  return { kind: 'f64', length: n, values: out, valid };
}

const TWO_63 = 2 ** 63;

/** Whether `y` is in a 64-bit integer's range (NaN is not). */
export const fitsInt64 = (y: number): boolean => y >= -TWO_63 && y < TWO_63;
