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
import { Undefined, ref } from './reference-interpreter.test-support.js';

import { INT_MAX, INT_MIN, MICROS_PER_DAY, type T, type V } from './reference-interpreter.test-support.js';

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
  // NaN compares as in Spark (equal to itself, above every other value): kernels and the reference must agree.
  { arbitrary: fc.constant(NaN), weight: 1 },
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
        // ln is NULL at or below 0; the others are IEEE functions.
        fc.tuple(fc.constantFrom<ScalarFn>('sqrt', 'exp', 'ln', 'sign'), g).map(([fn, x]) => call(fn, [x], 'DOUBLE')),
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
        fc.array(fc.constantFrom(...TYPES).chain((u) => gen(u, s)), { minLength: 0, maxLength: 3 })
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
        fc.oneof(fc.constant(C(TS_STR)), gen('INT', s), gen('DOUBLE', s), gen('BOOLEAN', s)).map((x) => cast(x, 'TIMESTAMP')),
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
