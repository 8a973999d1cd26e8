// Property: compiled vectorized kernels agree, row by row, with a plain recursive reference interpreter over JS
// values (Spark semantics) on random well-typed expression trees over random columns with NULLs.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DataType } from '../../common/types.js';
import type { ArithOp, BoundExpr, CmpOp, ScalarFn } from '../../planner/bound-expr.js';
import { exprToString, visitExpr } from '../../planner/bound-expr.js';
import { valuesFromVec, vecFromValues } from '../values.js';
import type { Vec } from '../vec.js';
import { compileExpr, evalInput } from './compile-expr.js';

type V = number | string | boolean | null;
type T = 'INT' | 'BIGINT' | 'DOUBLE' | 'STRING' | 'BOOLEAN' | 'TIMESTAMP';

// ---------------------------------------------------------------------------------------------------------------
// Input columns: a fixed schema with two columns per type plus STRING columns shaped for casts and LIKE.

const NUMERIC_STR = 12;
const TS_STR = 13;
const PATTERN_STR = 14;
const BOOL_STR = 15;
const SCHEMA: readonly T[] = [
  'INT', 'INT', 'BIGINT', 'BIGINT', 'DOUBLE', 'DOUBLE', 'STRING', 'STRING', 'BOOLEAN', 'BOOLEAN', 'TIMESTAMP', 'TIMESTAMP',
  'STRING', 'STRING', 'STRING', 'STRING',
];
const colsOf = (t: T): number[] => SCHEMA.flatMap((s, i) => (s === t && i < 12 ? [i] : []));

const MICROS_PER_DAY = 86_400_000_000;
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

const intArb = fc.oneof(
  { arbitrary: fc.integer({ min: -100, max: 100 }), weight: 4 },
  { arbitrary: fc.integer(), weight: 2 },
  { arbitrary: fc.constantFrom(0, 1, -1, INT_MAX, INT_MIN, 65536, -65536), weight: 1 },
);
const bigintArb = fc.oneof(
  { arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000 }), weight: 4 },
  { arbitrary: fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).map(Number), weight: 2 },
  { arbitrary: fc.constantFrom(0, -1, 3_000_000_000, -3_000_000_000, 2 ** 40), weight: 1 },
);
const doubleArb = fc.oneof(
  { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 2 },
  { arbitrary: fc.integer({ min: -4000, max: 4000 }).map((x) => x / 8), weight: 3 },
  {
    arbitrary: fc.constantFrom(0, -0, 0.5, -0.5, 1.5, 2.5, -2.5, 0.125, 1.005, 2.675, 0.285, 4.35, 1e15 + 0.5,
      123456789012345.67, 1e300, -1e-300, 2147483647.5, -2147483648.9, 1e7, 1.5e-7),
    weight: 1,
  },
);
const CHARS = ['a', 'b', 'c', 'A', 'B', ' ', '%', '_', '\\', 'é', 'ß', '日', '😀', '｡', '0', '1', '-'];
const stringArb = fc.oneof(
  { arbitrary: fc.array(fc.constantFrom(...CHARS), { maxLength: 6 }).map((a) => a.join('')), weight: 5 },
  { arbitrary: fc.constantFrom('', ' ', '   ', '  ab  ', 'abc', 'a\\%b', '100%', 'a_b'), weight: 2 },
);
/** 1900-01-01 .. 2100-01-01 in micros, with whole seconds and midnights over-represented. */
const tsArb = fc.oneof(
  fc.bigInt({ min: -2_208_988_800_000_000n, max: 4_102_444_800_000_000n }).map(Number),
  fc.integer({ min: -2_208_988_800, max: 2_147_483_647 }).map((s) => s * 1_000_000),
  fc.integer({ min: -25_567, max: 47_482 }).map((d) => d * MICROS_PER_DAY),
  fc.constantFrom(0, -1, 1, -MICROS_PER_DAY, MICROS_PER_DAY - 1),
);
const boolArb = fc.boolean();

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const tsStringArb = fc.oneof(
  { arbitrary: fc.record({
    y: fc.integer({ min: 1900, max: 2100 }), mo: fc.integer({ min: 1, max: 13 }), d: fc.integer({ min: 1, max: 31 }),
    h: fc.integer({ min: 0, max: 24 }), mi: fc.integer({ min: 0, max: 59 }), s: fc.integer({ min: 0, max: 60 }),
    frac: fc.option(fc.stringMatching(/^\d{1,9}$/), { nil: undefined }),
    form: fc.constantFrom('date', ' ', 'T'), zone: fc.constantFrom('', 'Z', '+02:00', '-05:30'), space: fc.constantFrom('', ' '),
  }).map(({ y, mo, d, h, mi, s, frac, form, zone, space }) => {
    const date = `${y}-${pad(mo)}-${pad(d)}`;
    if (form === 'date') return space + date + space;
    return `${space}${date}${form}${pad(h)}:${pad(mi)}:${pad(s)}${frac === undefined ? '' : '.' + frac}${zone}${space}`;
  }), weight: 4 },
  { arbitrary: fc.constantFrom('', 'garbage', '2024-02-30', '2023-02-29', '2024-02-29 23:59:59', '1969-12-31 23:59:59.999999'), weight: 1 },
);
const numericStringArb = fc.oneof(
  intArb.map(String),
  doubleArb.map(String),
  fc.tuple(fc.integer({ min: -999, max: 999 }), fc.constantFrom(' ', '  ', '\t')).map(([x, s]) => `${s}${x}${s}`),
  fc.constantFrom('', ' ', '+5', '-0', '3.9', '-3.9', '1.', '.5', '1e3', '-2.5E-3', 'abc', '12a', 'NaN', 'Infinity', '-inf',
    '2147483648', '-2147483649', '12345678901234567890', '-9223372036854775809', '9007199254740991', '1 2'),
);
const patternArb = fc.array(fc.constantFrom('a', 'b', 'é', '😀', '%', '%', '_', '_', '\\'), { maxLength: 5 }).map((a) => a.join(''));
const boolStringArb = fc.constantFrom('true', 'false', 't', 'f', 'y', 'n', 'yes', 'no', '1', '0', ' TRUE ', 'Yes', 'maybe', '', '2');

function valueArb(t: T): fc.Arbitrary<V> {
  switch (t) {
    case 'INT': return intArb;
    case 'BIGINT': return bigintArb;
    case 'DOUBLE': return doubleArb;
    case 'STRING': return stringArb;
    case 'BOOLEAN': return boolArb;
    case 'TIMESTAMP': return tsArb;
  }
}

function columnArb(i: number): fc.Arbitrary<V> {
  const base = i === NUMERIC_STR ? numericStringArb : i === TS_STR ? tsStringArb : i === PATTERN_STR ? patternArb
    : i === BOOL_STR ? boolStringArb : valueArb(SCHEMA[i]!);
  return fc.option(base, { nil: null, freq: 5 });
}

/** How to turn one character of a string into pattern text, so that derived patterns match (or nearly match). */
type PatternStep = 'keep' | 'escape' | '_' | '%' | 'drop';
const SPECIAL = new Set(['%', '_', '\\']);

function derivePattern(s: string, steps: readonly PatternStep[]): string {
  return Array.from(s).map((c, i) => {
    switch (steps[i % steps.length]!) {
      case 'keep': return c;
      case 'escape': return SPECIAL.has(c) ? `\\${c}` : c;
      case '_': return '_';
      case '%': return '%';
      case 'drop': return '';
    }
  }).join('');
}

const STRING_COL = 6;
const stepsArb = fc.array(fc.constantFrom<PatternStep>('escape', 'escape', 'escape', 'keep', '_', '%', 'drop'), { minLength: 1, maxLength: 6 });

interface Data { readonly n: number; readonly cols: readonly (readonly V[])[] }
/** Random columns; the pattern column is often derived from the string column c6 so that LIKE sometimes matches. */
const dataArb: fc.Arbitrary<Data> = fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc.tuple(
    fc.tuple(...SCHEMA.map((_, i) => fc.array(columnArb(i), { minLength: n, maxLength: n }))),
    fc.array(fc.option(stepsArb, { nil: undefined, freq: 3 }), { minLength: n, maxLength: n }),
  ).map(([cols, derive]) => {
    const strs = cols[STRING_COL]!;
    const patterns = cols[PATTERN_STR]!.map((p, r) => {
      const steps = derive[r];
      const src = strs[r];
      return steps !== undefined && typeof src === 'string' ? derivePattern(src, steps) : p;
    });
    return { n, cols: cols.map((c, i) => (i === PATTERN_STR ? patterns : c)) };
  }));

// ---------------------------------------------------------------------------------------------------------------
// Well-typed expression trees, built the way the binder builds them (coercions as explicit casts).

const C = (index: number): BoundExpr => ({ kind: 'column', index, type: SCHEMA[index]!, name: `c${index}` });
const L = (value: V, type: DataType): BoundExpr => ({ kind: 'literal', value, type });
const call = (fn: ScalarFn, args: readonly BoundExpr[], type: DataType): BoundExpr => ({ kind: 'call', fn, args, type });
const cast = (operand: BoundExpr, type: DataType): BoundExpr => (operand.type === type ? operand : { kind: 'cast', operand, type });
const arith = (op: ArithOp, left: BoundExpr, right: BoundExpr, type: DataType): BoundExpr => ({ kind: 'arith', op, left, right, type });
const cmp = (op: CmpOp, left: BoundExpr, right: BoundExpr): BoundExpr => ({ kind: 'compare', op, left, right, type: 'BOOLEAN' });

const TYPES: readonly T[] = ['INT', 'BIGINT', 'DOUBLE', 'STRING', 'BOOLEAN', 'TIMESTAMP'];
const NUMS: readonly T[] = ['INT', 'BIGINT', 'DOUBLE'];
const CMP_OPS: readonly CmpOp[] = ['=', '<>', '<', '<=', '>', '>='];

function leaf(t: T): fc.Arbitrary<BoundExpr> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...colsOf(t)).map(C), weight: 3 },
    { arbitrary: valueArb(t).map((v) => L(v, t)), weight: 1 },
    { arbitrary: fc.constant(L(null, t)), weight: 1 },
  );
}

const smallInt = fc.oneof(
  fc.integer({ min: -8, max: 8 }).map((v) => L(v, 'BIGINT')),
  fc.constantFrom(0, 1).map((i) => cast(C(i), 'BIGINT')),
);
const unitArb = fc.constantFrom('millisecond', 'second', 'minute', 'hour', 'day', 'week', 'month', 'year');

const memo = new Map<string, fc.Arbitrary<BoundExpr>>();

/** A random expression of SQL type `t` and at most `d` levels of operators. */
function gen(t: T, d: number): fc.Arbitrary<BoundExpr> {
  const key = `${t}/${d}`;
  let a = memo.get(key);
  if (a === undefined) {
    a = d <= 0 ? leaf(t) : fc.oneof(
      { arbitrary: leaf(t), weight: 6 },
      ...common(t, d - 1).map((arbitrary) => ({ arbitrary, weight: 1 })),
      ...specific(t, d - 1).map((arbitrary) => ({ arbitrary, weight: 2 })),
    );
    memo.set(key, a);
  }
  return a;
}

/** Forms available for every type: CASE, coalesce, nullif, greatest, least. */
function common(t: T, s: number): fc.Arbitrary<BoundExpr>[] {
  const g = gen(t, s);
  const out: fc.Arbitrary<BoundExpr>[] = [
    fc.tuple(fc.array(fc.tuple(gen('BOOLEAN', s), g), { minLength: 1, maxLength: 3 }), g)
      .map(([ws, els]) => ({ kind: 'case', whens: ws.map(([when, then]) => ({ when, then })), else: els, type: t })),
    fc.array(g, { minLength: 1, maxLength: 3 }).map((args) => call('coalesce', args, t)),
    fc.tuple(g, g).map(([x, y]) => call('nullif', [x, y], t)),
  ];
  if (t !== 'BOOLEAN') {
    out.push(fc.tuple(fc.constantFrom<ScalarFn>('greatest', 'least'), fc.array(g, { minLength: 2, maxLength: 3 }))
      .map(([fn, args]) => call(fn, args, t)));
  }
  return out;
}

function specific(t: T, s: number): fc.Arbitrary<BoundExpr>[] {
  const g = gen(t, s);
  const anyNum = fc.constantFrom(...NUMS).chain((u) => gen(u, s));
  switch (t) {
    case 'INT':
      return [
        fc.tuple(fc.constantFrom<ArithOp>('+', '-', '*', '%'), g, g).map(([op, l, r]) => arith(op, l, r, 'INT')),
        g.map((x) => ({ kind: 'negate', operand: x, type: 'INT' })),
        gen('STRING', s).map((x) => call('length', [x], 'INT')),
        g.map((x) => call('abs', [x], 'INT')),
        fc.tuple(g, fc.integer({ min: -3, max: 2 })).map(([x, dg]) => call('round', [x, L(dg, 'INT')], 'INT')),
        fc.oneof(gen('BIGINT', s), gen('DOUBLE', s), gen('BOOLEAN', s), gen('TIMESTAMP', s), fc.constant(C(NUMERIC_STR)))
          .map((x) => cast(x, 'INT')),
      ];
    case 'BIGINT': {
      const operand = fc.oneof(g, gen('INT', s).map((x) => cast(x, 'BIGINT')));
      return [
        fc.tuple(fc.constantFrom<ArithOp>('+', '-', '*', '%'), operand, operand).map(([op, l, r]) => arith(op, l, r, 'BIGINT')),
        g.map((x) => ({ kind: 'negate', operand: x, type: 'BIGINT' })),
        g.map((x) => call('abs', [x], 'BIGINT')),
        fc.tuple(g, fc.integer({ min: -3, max: 2 })).map(([x, dg]) => call('round', [x, L(dg, 'INT')], 'BIGINT')),
        fc.tuple(fc.constantFrom<ScalarFn>('floor', 'ceil'), anyNum).map(([fn, x]) => call(fn, [x], 'BIGINT')),
        fc.tuple(fc.constantFrom<ScalarFn>('unix_seconds', 'unix_millis'), gen('TIMESTAMP', s)).map(([fn, x]) => call(fn, [x], 'BIGINT')),
        fc.oneof(gen('INT', s), gen('DOUBLE', s), gen('TIMESTAMP', s), fc.constant(C(NUMERIC_STR))).map((x) => cast(x, 'BIGINT')),
      ];
    }
    case 'DOUBLE': {
      const operand = fc.oneof(g, gen('INT', s).map((x) => cast(x, 'DOUBLE')), gen('BIGINT', s).map((x) => cast(x, 'DOUBLE')));
      return [
        fc.tuple(fc.constantFrom<ArithOp>('+', '-', '*', '/', '%'), operand, operand).map(([op, l, r]) => arith(op, l, r, 'DOUBLE')),
        // `/` on integers: the binder casts both sides to DOUBLE.
        fc.tuple(fc.constantFrom<T>('INT', 'BIGINT'), fc.nat()).chain(([u]) => fc.tuple(gen(u, s), gen(u, s)))
          .map(([l, r]) => arith('/', cast(l, 'DOUBLE'), cast(r, 'DOUBLE'), 'DOUBLE')),
        g.map((x) => ({ kind: 'negate', operand: x, type: 'DOUBLE' })),
        g.map((x) => call('abs', [x], 'DOUBLE')),
        fc.tuple(g, fc.integer({ min: -2, max: 3 })).map(([x, dg]) => call('round', [x, L(dg, 'INT')], 'DOUBLE')),
        fc.oneof(gen('INT', s), gen('BIGINT', s), gen('BOOLEAN', s), gen('TIMESTAMP', s), fc.constant(C(NUMERIC_STR)))
          .map((x) => cast(x, 'DOUBLE')),
      ];
    }
    case 'STRING':
      return [
        fc.tuple(fc.constantFrom<ScalarFn>('upper', 'lower', 'trim', 'ltrim', 'rtrim'), g).map(([fn, x]) => call(fn, [x], 'STRING')),
        fc.tuple(g, smallInt, fc.option(smallInt, { nil: undefined }))
          .map(([x, p, n]) => call('substring', n === undefined ? [x, p] : [x, p, n], 'STRING')),
        fc.array(fc.constantFrom(...TYPES).chain((u) => gen(u, s)), { minLength: 1, maxLength: 3 })
          .map((args) => call('concat', args.map((a) => cast(a, 'STRING')), 'STRING')),
        fc.constantFrom<T>('INT', 'BIGINT', 'DOUBLE', 'BOOLEAN', 'TIMESTAMP').chain((u) => gen(u, s)).map((x) => cast(x, 'STRING')),
      ];
    case 'BOOLEAN':
      return [
        fc.constantFrom(...TYPES).chain((u) => fc.tuple(fc.constantFrom(...CMP_OPS), gen(u, s), gen(u, s)))
          .map(([op, l, r]) => cmp(op, l, r)),
        fc.tuple(fc.constantFrom<'and' | 'or'>('and', 'or'), g, g).map(([kind, left, right]) => ({ kind, left, right, type: 'BOOLEAN' })),
        g.map((x) => ({ kind: 'not', operand: x, type: 'BOOLEAN' })),
        fc.tuple(fc.constantFrom(...TYPES).chain((u) => gen(u, s)), fc.boolean())
          .map(([x, negated]) => ({ kind: 'isNull', operand: x, negated, type: 'BOOLEAN' })),
        fc.constantFrom(...TYPES).chain((u) => fc.tuple(gen(u, s), fc.array(gen(u, s), { minLength: 1, maxLength: 3 }), fc.boolean()))
          .map(([x, list, negated]) => ({ kind: 'inList', operand: x, list, negated, type: 'BOOLEAN' })),
        fc.tuple(gen('STRING', s), likePattern(s), fc.boolean())
          .map(([x, p, negated]) => ({ kind: 'like', operand: x, pattern: p(x), negated, type: 'BOOLEAN' })),
        fc.boolean().map((negated) => ({ kind: 'like', operand: C(STRING_COL), pattern: C(PATTERN_STR), negated, type: 'BOOLEAN' })),
        fc.oneof(fc.constant(C(BOOL_STR)), gen('STRING', s), gen('INT', s), gen('DOUBLE', s)).map((x) => cast(x, 'BOOLEAN')),
      ];
    case 'TIMESTAMP':
      return [
        fc.tuple(fc.constantFrom<ScalarFn>('timestamp_seconds', 'timestamp_millis'), fc.constantFrom<T>('INT', 'BIGINT'), fc.nat())
          .chain(([fn, u]) => gen(u, s).map((x) => call(fn, [x], 'TIMESTAMP'))),
        fc.oneof(fc.integer({ min: -100_000, max: 100_000 }).map((x) => L(x / 1000, 'DOUBLE')), gen('DOUBLE', s))
          .map((x) => call('timestamp_seconds', [x], 'TIMESTAMP')),
        fc.tuple(unitArb, g).map(([u, x]) => call('date_trunc', [L(u, 'STRING'), x], 'TIMESTAMP')),
        fc.oneof(fc.constant(C(TS_STR)), gen('INT', s), gen('DOUBLE', s)).map((x) => cast(x, 'TIMESTAMP')),
        fc.tuple(fc.constantFrom<ArithOp>('+', '-'), g, fc.integer({ min: -1_000_000, max: 1_000_000 }))
          .map(([op, x, secs]) => arith(op, x, L(secs * 1000, 'BIGINT'), 'TIMESTAMP')),
      ];
  }
}

/** LIKE patterns: random literals, a pattern column, or patterns derived from the operand so that some match. */
function likePattern(s: number): fc.Arbitrary<(x: BoundExpr) => BoundExpr> {
  return fc.oneof(
    patternArb.map((p) => () => L(p, 'STRING')),
    fc.constant(() => C(PATTERN_STR)),
    gen('STRING', s).map((p) => () => p),
    fc.tuple(fc.constantFrom('%', '_', ''), fc.integer({ min: -3, max: 3 }), fc.constantFrom('%', '_', '', '_%'))
      .map(([pre, pos, post]) => (x: BoundExpr) => call('concat', [L(pre, 'STRING'), call('substring', [x, L(pos, 'BIGINT'), L(2, 'BIGINT')], 'STRING'), L(post, 'STRING')], 'STRING')),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The reference: a row-at-a-time interpreter. It throws Undefined where the engine's float lanes cannot represent
// the result (BIGINT/TIMESTAMP beyond ±2^53) or the semantics are deliberately unspecified (NaN ordering), and
// such rows are skipped.

class Undefined extends Error {}
const undef = (why: string): never => {
  throw new Undefined(why);
};

const LANE = 2 ** 53;
const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');

function compareValues(a: number | string | boolean, b: number | string | boolean): number {
  if (typeof a === 'string' && typeof b === 'string') return Buffer.compare(utf8(a), utf8(b));
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const x = a as number;
  const y = b as number;
  if (Number.isNaN(x) || Number.isNaN(y)) undef('NaN ordering');
  return x < y ? -1 : x > y ? 1 : 0;
}

function testCmp(op: CmpOp, c: number): boolean {
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
function sparkRound(v: number, d: number): number {
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
function roundInteger(v: number, d: number): number {
  if (d >= 0) return v;
  const p = 10n ** BigInt(-d);
  const a = BigInt(Math.abs(v));
  const r = (a / p + ((a % p) * 2n >= p ? 1n : 0n)) * p;
  return v < 0 ? -Number(r) : Number(r);
}

const floorDiv = (a: number, b: number): number => {
  const q = BigInt(a) / BigInt(b);
  return Number(BigInt(a) % BigInt(b) !== 0n && a < 0 !== b < 0 ? q - 1n : q);
};

function formatTs(micros: number): string {
  const ms = floorDiv(micros, 1000);
  const date = new Date(ms);
  const y = date.getUTCFullYear();
  if (y < 1 || y > 9999) undef('year outside 1..9999');
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  const frac = micros - floorDiv(micros, 1_000_000) * 1_000_000;
  const base = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  return frac === 0 ? base : `${base}.${String(frac).padStart(6, '0').replace(/0+$/, '')}`;
}

function formatDouble(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (Object.is(v, -0)) return '-0.0';
  const s = String(v);
  return Number.isInteger(v) && !s.includes('e') ? `${s}.0` : s;
}

function parseTs(s: string): number | null {
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

function parseNum(s: string, to: T): number | null {
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
function integralOrNull(v: number, to: T): number | null {
  if (!Number.isFinite(v)) return null;
  if (to === 'INT') return v < INT_MIN || v > INT_MAX ? null : v;
  if (v < -(2 ** 63) || v >= 2 ** 63) return null;
  return v;
}

function castRef(v: V, from: DataType, to: DataType): V {
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
  if (to === 'TIMESTAMP') {
    if (!Number.isFinite(v)) return null;
    return from === 'DOUBLE' ? Math.round(v * 1_000_000) : v * 1_000_000;
  }
  if (to === 'DOUBLE') return v;
  return integralOrNull(Math.trunc(v), to as T);
}

function truncTs(unit: string, t: number): number {
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

function likeRef(s: string, p: string): boolean {
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

function substringRef(s: string, pos: number, len: number | undefined): string {
  const chars = Array.from(s);
  let start = pos > 0 ? pos - 1 : pos < 0 ? chars.length + pos : 0;
  const end = len === undefined ? chars.length : start + len;
  start = Math.max(start, 0);
  return start >= end ? '' : chars.slice(start, Math.min(end, chars.length)).join('');
}

function arithRef(op: ArithOp, type: DataType, a: number, b: number): number | null {
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

function ref(e: BoundExpr, row: readonly V[]): V {
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

function refRaw(e: BoundExpr, row: readonly V[]): V {
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

function callRef(fn: ScalarFn, args: readonly BoundExpr[], type: DataType, row: readonly V[]): V {
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
      return unary((x: number) => {
        if (!Number.isFinite(x)) undef('floor/ceil of a non-finite double');
        return fn === 'floor' ? Math.floor(x) : Math.ceil(x);
      });
    case 'timestamp_seconds':
      return unary((x: number) => (Number.isFinite(x) ? Math.round(x * 1_000_000) : null));
    case 'timestamp_millis': return unary((x: number) => x * 1000);
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
    case 'ln': return unary(Math.log);
    case 'sign': return unary(Math.sign);
    case 'power': {
      const [a, b] = vals() as [number | null, number | null];
      return a === null || b === null ? null : Math.pow(a, b);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------

const vecKind = (t: DataType): Vec['kind'] => (t === 'STRING' || t === 'NULL' ? 'str' : t === 'BOOLEAN' ? 'bool' : 'f64');

function sameValue(got: V, want: V, type: DataType): boolean {
  if (got === null || want === null) return got === want;
  if (type === 'DOUBLE') return Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want));
  // SQL integers and timestamps have no signed zero: an integer lane may hold -0 (e.g. from -4 % 2), which is 0.
  // It must not leak into a DOUBLE, which the DOUBLE case above checks exactly.
  return got === want;
}

const show = (v: V): string => (typeof v === 'string' ? JSON.stringify(v) : Object.is(v, -0) ? '-0' : String(v));

interface Stats { compared: number; skipped: number }

/**
 * Checks every node of `root`, children first, so the smallest wrong subexpression is reported (and one is caught
 * even when its parent hides it).
 */
function checkTree(root: BoundExpr, data: Data, stats: Stats): void {
  const inputs = data.cols.map((vals, i) => vecFromValues(vals, SCHEMA[i]!));
  const before = inputs.map(valuesFromVec);
  const rows = Array.from({ length: data.n }, (_, r) => data.cols.map((c) => c[r]!));
  const nodes: BoundExpr[] = [];
  visitExpr(root, (e) => {
    if (e.kind !== 'column' && e.kind !== 'literal') nodes.push(e);
  });
  for (const e of nodes.reverse()) {
    const out = compileExpr(e)(evalInput(data.n, (i) => inputs[i]!));
    const where = `${exprToString(e)} : ${e.type}`;
    if (out.length !== data.n || out.kind !== vecKind(e.type)) throw new Error(`${where}: vector ${out.kind}[${out.length}]`);
    const got = valuesFromVec(out);
    for (let r = 0; r < data.n; r++) {
      let want: V;
      try {
        want = ref(e, rows[r]!);
      } catch (err) {
        if (err instanceof Undefined) { stats.skipped++; continue; }
        throw err;
      }
      stats.compared++;
      if (!sameValue(got[r]!, want, e.type)) {
        throw new Error(`${where}\n row ${r} = [${rows[r]!.map(show).join(', ')}]\n kernel ${show(got[r]!)} but reference ${show(want)}`);
      }
    }
  }
  expect(inputs.map(valuesFromVec), 'kernels must not modify their input vectors').toEqual(before);
}

/** Scales numRuns (e.g. TIDEMARK_PROPERTY_SCALE=50 for a long bug hunt). */
const SCALE = Number(process.env['TIDEMARK_PROPERTY_SCALE'] ?? 1);
const runs = (n: number): number => Math.max(1, Math.round(n * SCALE));

const anyExpr = (depth: number): fc.Arbitrary<BoundExpr> => fc.constantFrom(...TYPES).chain((t) => gen(t, depth));

describe('compiled kernels vs a row-at-a-time reference', () => {
  it('agree on random typed expression trees over random columns', () => {
    const stats: Stats = { compared: 0, skipped: 0 };
    fc.assert(fc.property(dataArb, anyExpr(3), (data, e) => checkTree(e, data, stats)), { numRuns: runs(400) });
    // The property is only meaningful if most rows are actually compared.
    expect(stats.compared).toBeGreaterThan(4 * stats.skipped);
  });

  for (const t of TYPES) {
    it(`agree on deeper ${t} expressions`, () => {
      const stats: Stats = { compared: 0, skipped: 0 };
      fc.assert(fc.property(dataArb, gen(t, 4), (data, e) => checkTree(e, data, stats)), { numRuns: runs(60) });
      expect(stats.compared).toBeGreaterThan(stats.skipped);
    });
  }

  it('give the same rows whether a batch is evaluated whole or one row at a time', () => {
    fc.assert(fc.property(dataArb, anyExpr(3), (data, e) => {
      const k = compileExpr(e);
      const whole = valuesFromVec(k(evalInput(data.n, (i) => vecFromValues(data.cols[i]!, SCHEMA[i]!))));
      const single = Array.from({ length: data.n }, (_, r) =>
        valuesFromVec(k(evalInput(1, (i) => vecFromValues([data.cols[i]![r]!], SCHEMA[i]!))))[0]!);
      expect(whole.map(show)).toEqual(single.map(show));
    }), { numRuns: runs(200) });
  });
});
