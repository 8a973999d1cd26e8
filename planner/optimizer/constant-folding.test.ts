// Constant folding must not change results: folding an expression gives the same value, row for row, as evaluating
// the original with the runtime kernels; folded trees keep their type; fully constant trees become one literal.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DataType } from '../../common/types.js';
import { compileExpr, evalInput } from '../../runtime/kernels/compile-expr.js';
import { valuesFromVec, vecFromValues } from '../../runtime/values.js';
import type { ArithOp, BoundExpr, CmpOp, ScalarValue } from '../bound-expr.js';
import { exprToString, visitExpr } from '../bound-expr.js';
import { coerce } from '../coercion.js';
import type { LogicalPlan } from '../logical-plan.js';
import { constantFolding, foldExpr } from './constant-folding.js';

type T = 'INT' | 'BIGINT' | 'DOUBLE' | 'STRING' | 'BOOLEAN' | 'TIMESTAMP';
const TYPES: readonly T[] = ['INT', 'BIGINT', 'DOUBLE', 'STRING', 'BOOLEAN', 'TIMESTAMP'];
/** One input column per type, so folding is also checked on trees that mix constants and columns. */
const SCHEMA: readonly T[] = TYPES;

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

const valueArb: Record<T, fc.Arbitrary<ScalarValue>> = {
  INT: fc.oneof(fc.integer({ min: -50, max: 50 }), fc.integer(), fc.constantFrom(0, INT_MAX, INT_MIN, 65536)),
  BIGINT: fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).map(Number)),
  DOUBLE: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -400, max: 400 }).map((x) => x / 4), fc.constantFrom(0, -0, 0.5)),
  STRING: fc.array(fc.constantFrom('a', 'b', 'B', 'é', '日', '😀', '｡', ' ', ''), { maxLength: 4 }).map((a) => a.join('')),
  BOOLEAN: fc.boolean(),
  TIMESTAMP: fc.bigInt({ min: -2_208_988_800_000_000n, max: 4_102_444_800_000_000n }).map(Number),
};

const lit = (value: ScalarValue, type: DataType): BoundExpr => ({ kind: 'literal', value, type });
const colRef = (t: T): BoundExpr => ({ kind: 'column', index: TYPES.indexOf(t), type: t, name: t.toLowerCase() });

function leaf(t: T): fc.Arbitrary<BoundExpr> {
  return fc.oneof(
    { arbitrary: valueArb[t].map((v) => lit(v, t)), weight: 6 },
    { arbitrary: fc.constant(lit(null, t)), weight: 1 },
    { arbitrary: fc.constant(colRef(t)), weight: 1 },
  );
}

const memo = new Map<string, fc.Arbitrary<BoundExpr>>();

/** Well-typed trees of the node kinds the folder handles, plus opaque ones (calls, CASE, casts) it must leave alone. */
function gen(t: T, d: number): fc.Arbitrary<BoundExpr> {
  const key = `${t}/${d}`;
  const hit = memo.get(key);
  if (hit) return hit;
  if (d <= 0) return leaf(t);
  const s = d - 1;
  const g = gen(t, s);
  const forms: fc.Arbitrary<BoundExpr>[] = [leaf(t), leaf(t)];
  const caseOf = fc.tuple(gen('BOOLEAN', s), g, g).map(([when, then, els]): BoundExpr => ({ kind: 'case', whens: [{ when, then }], else: els, type: t }));
  forms.push(caseOf, fc.array(g, { minLength: 1, maxLength: 2 }).map((args): BoundExpr => ({ kind: 'call', fn: 'coalesce', args, type: t })));
  switch (t) {
    case 'INT': case 'BIGINT': case 'DOUBLE': {
      const ops: ArithOp[] = t === 'DOUBLE' ? ['+', '-', '*', '/', '%'] : ['+', '-', '*', '%'];
      forms.push(
        fc.tuple(fc.constantFrom(...ops), g, g).map(([op, l, r]): BoundExpr => ({ kind: 'arith', op, left: l, right: r, type: t })),
        g.map((x): BoundExpr => ({ kind: 'negate', operand: x, type: t })),
      );
      if (t !== 'INT') {
        // Mixed INT operands are coerced like the binder does (INT literals become literals of the wider type).
        forms.push(fc.tuple(fc.constantFrom<ArithOp>('+', '*', '-'), gen('INT', s), g)
          .map(([op, l, r]): BoundExpr => ({ kind: 'arith', op, left: coerce(l, t), right: r, type: t })));
      }
      if (t === 'DOUBLE') {
        forms.push(fc.tuple(gen('INT', s), gen('INT', s))
          .map(([l, r]): BoundExpr => ({ kind: 'arith', op: '/', left: coerce(l, 'DOUBLE'), right: coerce(r, 'DOUBLE'), type: 'DOUBLE' })));
      }
      break;
    }
    case 'BOOLEAN':
      forms.push(
        fc.constantFrom(...TYPES).chain((u) => fc.tuple(fc.constantFrom<CmpOp>('=', '<>', '<', '<=', '>', '>='), gen(u, s), gen(u, s)))
          .map(([op, l, r]): BoundExpr => ({ kind: 'compare', op, left: l, right: r, type: 'BOOLEAN' })),
        fc.tuple(fc.constantFrom<'and' | 'or'>('and', 'or'), g, g).map(([kind, left, right]): BoundExpr => ({ kind, left, right, type: 'BOOLEAN' })),
        g.map((x): BoundExpr => ({ kind: 'not', operand: x, type: 'BOOLEAN' })),
        fc.tuple(fc.constantFrom(...TYPES).chain((u) => gen(u, s)), fc.boolean())
          .map(([x, negated]): BoundExpr => ({ kind: 'isNull', operand: x, negated, type: 'BOOLEAN' })),
      );
      break;
    case 'TIMESTAMP':
      forms.push(fc.tuple(fc.constantFrom<ArithOp>('+', '-'), g, fc.integer({ min: -1e6, max: 1e6 }))
        .map(([op, l, secs]): BoundExpr => ({ kind: 'arith', op, left: l, right: lit(secs * 1000, 'BIGINT'), type: 'TIMESTAMP' })));
      break;
    case 'STRING':
      forms.push(g.map((x): BoundExpr => ({ kind: 'call', fn: 'upper', args: [x], type: 'STRING' })));
      break;
  }
  const a = fc.oneof(...forms);
  memo.set(key, a);
  return a;
}

const rowsArb = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.tuple(...SCHEMA.map((t) => fc.array(fc.option(valueArb[t], { nil: null, freq: 4 }), { minLength: n, maxLength: n })))
    .map((cols) => ({ n, cols })));

function evaluate(e: BoundExpr, data: { n: number; cols: readonly (readonly ScalarValue[])[] }): ScalarValue[] {
  return valuesFromVec(compileExpr(e)(evalInput(data.n, (i) => vecFromValues(data.cols[i]!, SCHEMA[i]!))));
}

/** Integers and timestamps have no signed zero; DOUBLE -0.0 is distinct from 0.0. */
const sameValue = (a: ScalarValue, b: ScalarValue, t: DataType): boolean =>
  (t === 'DOUBLE' ? Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)) : a === b);

/**
 * Inputs that trigger the folding bugs pinned by the `it.fails` tests below (excluded here so the property keeps
 * checking everything else): INT `*` whose exact product exceeds 2^53, INT negation of INT_MIN, and string
 * comparisons where UTF-16 order differs from code point order.
 */
function hitsKnownBug(root: BoundExpr, data: { n: number; cols: readonly (readonly ScalarValue[])[] }): boolean {
  let hit = false;
  visitExpr(root, (e) => {
    if (hit) return;
    if (e.kind === 'arith' && e.op === '*' && e.type === 'INT') {
      const l = evaluate(e.left, data);
      const r = evaluate(e.right, data);
      hit = l.some((x, i) => x !== null && r[i] !== null && Math.abs((x as number) * (r[i] as number)) > 2 ** 53);
    } else if (e.kind === 'negate' && e.type === 'INT') {
      hit = evaluate(e.operand, data).includes(INT_MIN);
    } else if (e.kind === 'compare' && e.left.type === 'STRING') {
      const l = evaluate(e.left, data);
      const r = evaluate(e.right, data);
      hit = l.some((x, i) => {
        const y = r[i];
        if (typeof x !== 'string' || typeof y !== 'string') return false;
        const utf16 = Math.sign(x < y ? -1 : x > y ? 1 : 0);
        return utf16 !== Math.sign(Buffer.compare(Buffer.from(x), Buffer.from(y)));
      });
    }
  });
  return hit;
}

const FOLDABLE = new Set<BoundExpr['kind']>(['literal', 'arith', 'compare', 'not', 'negate', 'isNull', 'and', 'or']);

describe('constant folding', () => {
  it('property: folded and unfolded expressions evaluate to the same values', () => {
    let checked = 0;
    fc.assert(fc.property(fc.constantFrom(...TYPES).chain((t) => gen(t, 4)), rowsArb, (e, data) => {
      fc.pre(!hitsKnownBug(e, data));
      const folded = foldExpr(e);
      expect(folded.type).toBe(e.type);
      const want = evaluate(e, data);
      const got = evaluate(folded, data);
      for (let r = 0; r < data.n; r++) {
        if (!sameValue(got[r]!, want[r]!, e.type)) {
          const show = (v: ScalarValue): string => (Object.is(v, -0) ? '-0' : JSON.stringify(v));
          throw new Error(`${exprToString(e)}\n folds to ${exprToString(folded)}\n row ${r}: folded ${show(got[r]!)} but kernels give ${show(want[r]!)}`);
        }
      }
      checked++;
    }), { numRuns: 500 });
    expect(checked).toBeGreaterThan(400);
  });

  it('property: a tree of foldable nodes over literals becomes one literal, and folding is idempotent', () => {
    const onlyLiterals = (e: BoundExpr): boolean => {
      let ok = true;
      visitExpr(e, (n) => { ok &&= FOLDABLE.has(n.kind); });
      return ok;
    };
    const noRows = { n: 1, cols: SCHEMA.map(() => [null]) };
    fc.assert(fc.property(fc.constantFrom(...TYPES).chain((t) => gen(t, 4)), (e) => {
      const folded = foldExpr(e);
      expect(exprToString(foldExpr(folded))).toBe(exprToString(folded));
      if (onlyLiterals(e) && !hitsKnownBug(e, noRows)) {
        let hasColumn = false;
        visitExpr(e, (n) => { hasColumn ||= n.kind === 'column'; });
        if (!hasColumn) expect(folded.kind, exprToString(e)).toBe('literal');
      }
    }), { numRuns: 500 });
  });

  it('simplifies AND/OR with one constant side using three-valued logic', () => {
    const x = colRef('BOOLEAN');
    const T = lit(true, 'BOOLEAN');
    const F = lit(false, 'BOOLEAN');
    const N = lit(null, 'BOOLEAN');
    const and = (l: BoundExpr, r: BoundExpr): BoundExpr => ({ kind: 'and', left: l, right: r, type: 'BOOLEAN' });
    const or = (l: BoundExpr, r: BoundExpr): BoundExpr => ({ kind: 'or', left: l, right: r, type: 'BOOLEAN' });
    expect(foldExpr(and(x, F))).toEqual(F);
    expect(foldExpr(and(N, F))).toEqual(F);
    expect(foldExpr(and(T, x))).toEqual(x);
    expect(foldExpr(or(x, T))).toEqual(T);
    expect(foldExpr(or(F, x))).toEqual(x);
    expect(foldExpr(and(N, T))).toEqual(N);
    expect(foldExpr(or(N, F))).toEqual(N);
    expect(foldExpr(and(N, N))).toEqual(N);
    expect(foldExpr(and(x, N))).toEqual(and(x, N)); // x AND NULL depends on x
  });

  it('folds integer % by zero to NULL and INT overflow with wrapping', () => {
    const a = (op: ArithOp, l: number, r: number, t: DataType): BoundExpr => ({ kind: 'arith', op, left: lit(l, t), right: lit(r, t), type: t });
    expect(foldExpr(a('%', 7, 0, 'INT'))).toEqual(lit(null, 'INT'));
    expect(foldExpr(a('%', 7, 0, 'BIGINT'))).toEqual(lit(null, 'BIGINT'));
    expect(foldExpr(a('%', -7, 3, 'INT'))).toEqual(lit(-1, 'INT'));
    expect(foldExpr(a('+', INT_MAX, 1, 'INT'))).toEqual(lit(INT_MIN, 'INT'));
    expect(foldExpr(a('*', 65536, 65536, 'INT'))).toEqual(lit(0, 'INT'));
    expect(foldExpr(a('/', 7, 2, 'DOUBLE'))).toEqual(lit(3.5, 'DOUBLE'));
  });

  it('the plan rule removes a filter whose predicate folds to TRUE and folds projections', () => {
    const scan: LogicalPlan = { kind: 'scan', relation: 't', relationKind: 'table', streaming: false, schema: [{ name: 'b', type: 'BOOLEAN', nullable: true }] };
    const pred: BoundExpr = { kind: 'compare', op: '<', left: lit(1, 'INT'), right: lit(2, 'INT'), type: 'BOOLEAN' };
    expect(constantFolding.apply({ kind: 'filter', input: scan, predicate: pred, schema: scan.schema })).toBe(scan);
    const never: BoundExpr = { kind: 'and', left: colRef('BOOLEAN'), right: lit(false, 'BOOLEAN'), type: 'BOOLEAN' };
    const f = constantFolding.apply({ kind: 'filter', input: scan, predicate: never, schema: scan.schema });
    expect(f.kind === 'filter' && f.predicate).toEqual(lit(false, 'BOOLEAN'));
    const p = constantFolding.apply({ kind: 'project', input: scan, exprs: [{ kind: 'negate', operand: lit(5, 'INT'), type: 'INT' }], schema: [{ name: 'x', type: 'INT', nullable: false }] });
    expect(p.kind === 'project' && p.exprs).toEqual([lit(-5, 'INT')]);
  });
});

// Known bugs in constant-folding.ts (planner/, not fixed here): folding disagrees with the kernels. These tests
// assert the correct (kernel) behaviour and are expected to fail until the folder is fixed; then drop `.fails`.
describe('constant folding agrees with the kernels at the edges', () => {
  const folded = (e: BoundExpr): ScalarValue => (foldExpr(e) as Extract<BoundExpr, { kind: 'literal' }>).value;
  const kernel = (e: BoundExpr): ScalarValue => evaluate(e, { n: 1, cols: SCHEMA.map(() => [null]) })[0]!;

  it('INT * overflowing 2^53 wraps like Math.imul (folder multiplies in float64, then | 0)', () => {
    const e: BoundExpr = { kind: 'arith', op: '*', left: lit(123456789, 'INT'), right: lit(987654321, 'INT'), type: 'INT' };
    expect(kernel(e)).toBe(-67153019);
    expect(folded(e)).toBe(-67153019); // folder gives -67153024
  });

  it('-(INT_MIN) wraps to INT_MIN (folder gives 2147483648, outside INT)', () => {
    const e: BoundExpr = { kind: 'negate', operand: lit(INT_MIN, 'INT'), type: 'INT' };
    expect(kernel(e)).toBe(INT_MIN);
    expect(folded(e)).toBe(INT_MIN);
  });

  it('string comparison uses code point order like the kernels (folder uses UTF-16 order)', () => {
    const e: BoundExpr = { kind: 'compare', op: '<', left: lit('😀', 'STRING'), right: lit('｡', 'STRING'), type: 'BOOLEAN' };
    expect(kernel(e)).toBe(false);
    expect(folded(e)).toBe(false); // folder gives true
  });
});
