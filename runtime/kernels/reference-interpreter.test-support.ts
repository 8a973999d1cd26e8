// The reference for the kernel property tests: a row-at-a-time interpreter over plain JS values (Spark semantics).
// Test support only (excluded from the build).

import type { DataType } from '../../common/types.js';
import type { ArithOp, BoundExpr, CmpOp, ScalarFn } from '../../planner/bound-expr.js';
import { exprToString } from '../../planner/bound-expr.js';

export type V = number | string | boolean | null;
export type T = 'INT' | 'BIGINT' | 'DOUBLE' | 'STRING' | 'BOOLEAN' | 'TIMESTAMP';
export const MICROS_PER_DAY = 86_400_000_000;
export const INT_MIN = -2147483648;
export const INT_MAX = 2147483647;

// The reference: a row-at-a-time interpreter. It throws Undefined where the engine's float lanes cannot represent
// the result (BIGINT/TIMESTAMP beyond ±2^53) or the semantics are deliberately unspecified (NaN ordering), and
// such rows are skipped.

export class Undefined extends Error {}
export const undef = (why: string): never => {
  throw new Undefined(why);
};

export const LANE = 2 ** 53;
export const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');

export function compareValues(a: number | string | boolean, b: number | string | boolean): number {
  if (typeof a === 'string' && typeof b === 'string') return Buffer.compare(utf8(a), utf8(b));
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const x = a as number;
  const y = b as number;
  // Spark: NaN equals NaN and is greater than every other double.
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) && Number.isNaN(y) ? 0 : Number.isNaN(x) ? 1 : -1;
  return x < y ? -1 : x > y ? 1 : 0;
}

export function testCmp(op: CmpOp, c: number): boolean {
  switch (op) {
    case '=': return c === 0;
    case '<>': return c !== 0;
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '>=': return c >= 0;
  }
}

/** Spark's ROUND(double, d): BigDecimal(Double.toString(v)).setScale(d, HALF_UP).doubleValue. */
export function sparkRound(v: number, d: number): number {
  if (!Number.isFinite(v)) return v;
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(Math.abs(v)))!;
  const digits = BigInt(m[1]! + (m[2] ?? ''));
  const exp = Number(m[3] ?? 0) - (m[2] ?? '').length;
  const shift = exp + d;
  let r: bigint;
  if (shift >= 0) r = digits * 10n ** BigInt(shift);
  else {
    const p = 10n ** BigInt(-shift);
    r = digits / p + ((digits % p) * 2n >= p ? 1n : 0n);
  }
  const out = Number(`${r}e${-d}`);
  return v < 0 && out !== 0 ? -out : out;
}

/** Spark's ROUND on an integer with negative scale (exact), before the result type's wrap. */
export function roundInteger(v: number, d: number): number {
  if (d >= 0) return v;
  const p = 10n ** BigInt(-d);
  const a = BigInt(Math.abs(v));
  const r = (a / p + ((a % p) * 2n >= p ? 1n : 0n)) * p;
  return v < 0 ? -Number(r) : Number(r);
}

export const floorDiv = (a: number, b: number): number => {
  const q = BigInt(a) / BigInt(b);
  return Number(BigInt(a) % BigInt(b) !== 0n && a < 0 !== b < 0 ? q - 1n : q);
};

export function formatTs(micros: number): string {
  const ms = floorDiv(micros, 1000);
  const date = new Date(ms);
  const y = date.getUTCFullYear();
  if (y < 1 || y > 9999) undef('year outside 1..9999');
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  const frac = micros - floorDiv(micros, 1_000_000) * 1_000_000;
  const base = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  return frac === 0 ? base : `${base}.${String(frac).padStart(6, '0').replace(/0+$/, '')}`;
}

export function formatDouble(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (Object.is(v, -0)) return '-0.0';
  const s = String(v);
  return Number.isInteger(v) && !s.includes('e') ? `${s}.0` : s;
}

export function parseTs(s: string): number | null {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?)?\s*$/.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || sec > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, sec);
  if (new Date(ms).getUTCDate() !== d) return null;
  const frac = m[7] === undefined ? 0 : Number(m[7].padEnd(9, '0').slice(0, 6));
  const z = m[8];
  const offset = z === undefined || z === 'Z' ? 0 : (z.startsWith('-') ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(4, 6))) * 60_000_000;
  return ms * 1000 + frac - offset;
}

export function parseNum(s: string, to: T): number | null {
  const t = s.trim();
  if (to === 'DOUBLE') {
    if (/^[+-]?nan$/i.test(t)) return NaN;
    if (/^[+-]?inf(inity)?$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
    return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : null;
  }
  if (!/^[+-]?\d+(\.\d*)?$/.test(t)) return null;
  const v = Math.trunc(Number(t));
  return integralOrNull(v, to);
}

/** try_cast of an (already truncated) number to INT/BIGINT: NULL when out of range. */
export function integralOrNull(v: number, to: T): number | null {
  if (!Number.isFinite(v)) return null;
  if (to === 'INT') return v < INT_MIN || v > INT_MAX ? null : v;
  if (v < -(2 ** 63) || v >= 2 ** 63) return null;
  return v;
}

export function castRef(v: V, from: DataType, to: DataType): V {
  if (v === null || from === to) return v;
  if (to === 'STRING') {
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'string') return v;
    if (from === 'DOUBLE') return formatDouble(v);
    if (from === 'TIMESTAMP') return formatTs(v);
    return String(v === 0 ? 0 : v);
  }
  if (typeof v === 'string') {
    if (to === 'BOOLEAN') {
      const s = v.trim().toLowerCase();
      if (['t', 'true', 'y', 'yes', '1'].includes(s)) return true;
      if (['f', 'false', 'n', 'no', '0'].includes(s)) return false;
      return null;
    }
    if (to === 'TIMESTAMP') return parseTs(v);
    return parseNum(v, to as T);
  }
  if (typeof v === 'boolean') return to === 'BOOLEAN' ? v : v ? 1 : 0;
  if (to === 'BOOLEAN') return v !== 0;
  if (from === 'TIMESTAMP') {
    if (to === 'DOUBLE') return v / 1_000_000;
    return integralOrNull(floorDiv(v, 1_000_000), to as T);
  }
  if (to === 'TIMESTAMP') return integralOrNull(from === 'DOUBLE' ? Math.round(v * 1_000_000) : v * 1_000_000, 'BIGINT');
  if (to === 'DOUBLE') return v;
  return integralOrNull(Math.trunc(v), to as T);
}

export function truncTs(unit: string, t: number): number {
  const fixed: Record<string, number> = { millisecond: 1000, second: 1e6, minute: 6e7, hour: 3.6e9, day: MICROS_PER_DAY };
  const f = fixed[unit];
  if (f !== undefined) return floorDiv(t, f) * f;
  const date = new Date(floorDiv(t, 1000));
  const y = date.getUTCFullYear();
  const out = new Date(0);
  if (unit === 'year') out.setUTCFullYear(y, 0, 1);
  else if (unit === 'month') out.setUTCFullYear(y, date.getUTCMonth(), 1);
  else out.setUTCFullYear(y, date.getUTCMonth(), date.getUTCDate() - ((date.getUTCDay() + 6) % 7)); // Monday
  return out.getTime() * 1000;
}

export function likeRef(s: string, p: string): boolean {
  const cps = Array.from(p);
  let re = '';
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    if (c === '\\' && i + 1 < cps.length) re += cps[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else if (c === '%') re += '.*';
    else if (c === '_') re += '.';
    else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'su').test(s);
}

export function substringRef(s: string, pos: number, len: number | undefined): string {
  const chars = Array.from(s);
  let start = pos > 0 ? pos - 1 : pos < 0 ? chars.length + pos : 0;
  const end = len === undefined ? chars.length : start + len;
  start = Math.max(start, 0);
  return start >= end ? '' : chars.slice(start, Math.min(end, chars.length)).join('');
}

export function arithRef(op: ArithOp, type: DataType, a: number, b: number): number | null {
  if (type === 'INT') {
    switch (op) {
      case '+': return (a + b) | 0;
      case '-': return (a - b) | 0;
      case '*': return Number(BigInt.asIntN(32, BigInt(a) * BigInt(b)));
      case '%': return b === 0 ? null : a % b;
      case '/': return a / b;
    }
  }
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
    case '%': return b === 0 && type !== 'DOUBLE' ? null : a % b;
  }
}

export function ref(e: BoundExpr, row: readonly V[]): V {
  const v = refRaw(e, row);
  if (typeof v !== 'number') return v;
  switch (e.type) {
    case 'INT':
      if (!Number.isInteger(v) || v < INT_MIN || v > INT_MAX) throw new Error(`reference bug: INT ${v} from ${exprToString(e)}`);
      return v + 0;
    case 'BIGINT': case 'TIMESTAMP':
      if (!Number.isFinite(v) || Math.abs(v) > LANE) undef(`${e.type} ${v} outside the exact float lane`);
      return v + 0; // -0 and 0 are the same integer
    default:
      return v;
  }
}

export function refRaw(e: BoundExpr, row: readonly V[]): V {
  const num = (x: BoundExpr): number | null => ref(x, row) as number | null;
  const str = (x: BoundExpr): string | null => ref(x, row) as string | null;
  switch (e.kind) {
    case 'column': return row[e.index]!;
    case 'literal': return e.value;
    case 'negate': {
      const x = num(e.operand);
      if (x === null) return null;
      return e.type === 'INT' ? -x | 0 : -x;
    }
    case 'not': {
      const x = ref(e.operand, row);
      return x === null ? null : !x;
    }
    case 'arith': {
      const a = num(e.left);
      const b = num(e.right);
      return a === null || b === null ? null : arithRef(e.op, e.type, a, b);
    }
    case 'compare': {
      const a = ref(e.left, row);
      const b = ref(e.right, row);
      return a === null || b === null ? null : testCmp(e.op, compareValues(a, b));
    }
    case 'and': case 'or': {
      const a = ref(e.left, row) as boolean | null;
      const b = ref(e.right, row) as boolean | null;
      const dominant = e.kind === 'or';
      if (a === dominant || b === dominant) return dominant;
      return a === null || b === null ? null : !dominant;
    }
    case 'isNull':
      return (ref(e.operand, row) === null) !== e.negated;
    case 'inList': {
      const x = ref(e.operand, row);
      if (x === null) return null;
      let sawNull = false;
      for (const item of e.list) {
        const y = ref(item, row);
        if (y === null) sawNull = true;
        else if (compareValues(x, y) === 0) return !e.negated;
      }
      return sawNull ? null : e.negated;
    }
    case 'like': {
      const x = str(e.operand);
      const p = str(e.pattern);
      return x === null || p === null ? null : likeRef(x, p) !== e.negated;
    }
    case 'case': {
      for (const w of e.whens) if (ref(w.when, row) === true) return ref(w.then, row);
      return ref(e.else, row);
    }
    case 'cast':
      return castRef(ref(e.operand, row), e.operand.type, e.type);
    case 'call':
      return callRef(e.fn, e.args, e.type, row);
  }
}

export function callRef(fn: ScalarFn, args: readonly BoundExpr[], type: DataType, row: readonly V[]): V {
  const vals = (): V[] => args.map((a) => ref(a, row));
  const unary = <X>(f: (x: X) => V): V => {
    const x = ref(args[0]!, row) as X | null;
    return x === null ? null : f(x);
  };
  switch (fn) {
    case 'upper': return unary((s: string) => s.toUpperCase());
    case 'lower': return unary((s: string) => s.toLowerCase());
    case 'length': return unary((s: string) => Array.from(s).length);
    case 'trim': return unary((s: string) => s.replace(/^ +/, '').replace(/ +$/, ''));
    case 'ltrim': return unary((s: string) => s.replace(/^ +/, ''));
    case 'rtrim': return unary((s: string) => s.replace(/ +$/, ''));
    case 'substring': {
      const [s, p, n] = vals() as [string | null, number | null, number | null | undefined];
      if (s === null || p === null || n === null) return null;
      return substringRef(s, p, n);
    }
    case 'concat': {
      const vs = vals();
      return vs.some((x) => x === null) ? null : vs.join('');
    }
    case 'coalesce':
      for (const a of args) {
        const x = ref(a, row);
        if (x !== null) return x;
      }
      return null;
    case 'nullif': {
      const [a, b] = vals();
      if (a === null) return null;
      return b !== null && compareValues(a, b) === 0 ? null : a;
    }
    case 'greatest': case 'least': {
      let best: V = null;
      for (const x of vals()) {
        if (x === null) continue;
        if (best === null) best = x;
        else {
          const c = compareValues(x, best);
          if (fn === 'greatest' ? c > 0 : c < 0) best = x;
        }
      }
      return best;
    }
    case 'abs': return unary((x: number) => (type === 'INT' ? Math.abs(x) | 0 : Math.abs(x)));
    case 'round': {
      const d = (args[1] as Extract<BoundExpr, { kind: 'literal' }>).value as number;
      return unary((x: number) => (type === 'DOUBLE' ? sparkRound(x, d) : type === 'INT' ? roundInteger(x, d) | 0 : roundInteger(x, d)));
    }
    case 'floor': case 'ceil':
      // As CAST to BIGINT: NULL when not finite or outside the 64-bit range.
      return unary((x: number) => integralOrNull(fn === 'floor' ? Math.floor(x) : Math.ceil(x), 'BIGINT'));
    case 'timestamp_seconds':
      return unary((x: number) => integralOrNull(Math.round(x * 1_000_000), 'BIGINT'));
    case 'timestamp_millis': return unary((x: number) => integralOrNull(x * 1000, 'BIGINT'));
    case 'timestamp_micros': return unary((x: number) => x);
    case 'unix_seconds': return unary((x: number) => floorDiv(x, 1_000_000));
    case 'unix_millis': return unary((x: number) => floorDiv(x, 1000));
    case 'unix_micros': return unary((x: number) => x);
    case 'date_trunc': {
      const unit = (args[0] as Extract<BoundExpr, { kind: 'literal' }>).value as string;
      const t = ref(args[1]!, row) as number | null;
      return t === null ? null : truncTs(unit, t);
    }
    case 'sqrt': return unary(Math.sqrt);
    case 'exp': return unary(Math.exp);
    case 'ln': return unary((x: number) => (x <= 0 ? null : Math.log(x)));
    case 'sign': return unary(Math.sign);
    case 'power': {
      const [a, b] = vals() as [number | null, number | null];
      return a === null || b === null ? null : Math.pow(a, b);
    }
  }
}
