// Join keys: splitCondition takes any equality of an expression over one input with one over the other as a key
// pair; the batch hash join and the stream–table join then match rows by those keys like the condition says.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JoinType, Schema } from '../../common/types.js';
import type { BoundExpr, ScalarValue } from '../../planner/bound-expr.js';
import type { PhysicalNode } from '../../planner/physical-plan.js';
import { batchFromRows, rowsFromBatch } from '../values.js';
import { hashJoin, splitCondition } from './hash-join.js';
import { StreamTableJoinOperator } from './stream-table-join.js';

type Row = ScalarValue[];
const f = (name: string, type: Schema[number]['type']): Schema[number] => ({ name, type, nullable: true });
const L: Schema = [f('k', 'INT'), f('s', 'STRING'), f('v', 'INT')];
const R: Schema = [f('k', 'BIGINT'), f('s', 'STRING'), f('v', 'INT')];
const J = [...L, ...R];
const col = (i: number): BoundExpr => ({ kind: 'column', index: i, type: J[i]!.type, name: J[i]!.name });
const eq = (a: BoundExpr, b: BoundExpr): BoundExpr => ({ kind: 'compare', op: '=', left: a, right: b, type: 'BOOLEAN' });
const and = (a: BoundExpr, b: BoundExpr): BoundExpr => ({ kind: 'and', left: a, right: b, type: 'BOOLEAN' });
const toBigint = (e: BoundExpr): BoundExpr => ({ kind: 'cast', operand: e, type: 'BIGINT' });
const lower = (e: BoundExpr): BoundExpr => ({ kind: 'call', fn: 'lower', args: [e], type: 'STRING' });
const plusOne = (e: BoundExpr): BoundExpr => ({ kind: 'arith', op: '+', left: e, right: { kind: 'literal', value: 1, type: 'INT' }, type: 'INT' });
const less = (a: BoundExpr, b: BoundExpr): BoundExpr => ({ kind: 'compare', op: '<', left: a, right: b, type: 'BOOLEAN' });

/** The conditions joined on, each with what it says of a (left, right) pair of rows. */
const TERMS = {
  // CAST(l.k AS BIGINT) = r.k: what the binder makes of l.k = r.k with l.k INT and r.k BIGINT.
  castKey: { expr: eq(toBigint(col(0)), col(3)), holds: (l: Row, r: Row) => l[0] !== null && r[0] !== null && l[0] === r[0] },
  // r.k = CAST(l.k + 1 AS BIGINT): an expression key, right side first.
  exprKey: { expr: eq(col(3), toBigint(plusOne(col(0)))), holds: (l: Row, r: Row) => l[0] !== null && r[0] !== null && (l[0] as number) + 1 === r[0] },
  // lower(l.s) = lower(r.s): string keys, NULLs match nothing.
  stringKey: { expr: eq(lower(col(1)), lower(col(4))), holds: (l: Row, r: Row) => l[1] !== null && r[1] !== null && (l[1] as string).toLowerCase() === (r[1] as string).toLowerCase() },
  // l.v < r.v: a residual condition over both sides.
  residual: { expr: less(col(2), col(5)), holds: (l: Row, r: Row) => l[2] !== null && r[2] !== null && (l[2] as number) < (r[2] as number) },
} as const;
type Term = keyof typeof TERMS;

const condition = (terms: readonly Term[]): BoundExpr => terms.map((t) => TERMS[t].expr).reduce(and);

/** The join by a nested loop over the terms' meanings (outer rows padded with NULLs). */
function reference(ls: readonly Row[], rs: readonly Row[], terms: readonly Term[], joinType: JoinType): Row[] {
  const out: Row[] = [];
  const lm = new Set<number>();
  const rm = new Set<number>();
  ls.forEach((l, a) => rs.forEach((r, b) => {
    if (!terms.every((t) => TERMS[t].holds(l, r))) return;
    out.push([...l, ...r]);
    lm.add(a);
    rm.add(b);
  }));
  if (joinType === 'left' || joinType === 'full') ls.forEach((l, a) => { if (!lm.has(a)) out.push([...l, null, null, null]); });
  if (joinType === 'right' || joinType === 'full') rs.forEach((r, b) => { if (!rm.has(b)) out.push([null, null, null, ...r]); });
  return out;
}

const sorted = (rows: Row[]): string[] => rows.map((r) => JSON.stringify(r)).sort();
const int = fc.option(fc.integer({ min: 0, max: 4 }), { nil: null, freq: 6 });
const str = fc.option(fc.constantFrom('a', 'A', 'b', ''), { nil: null, freq: 6 });
const rows = fc.array(fc.tuple(int, str, int).map((t): Row => [...t]), { maxLength: 10 });
const terms = fc.tuple(fc.constantFrom<Term | undefined>('castKey', 'exprKey', undefined), fc.boolean(), fc.boolean())
  .map(([num, s, res]) => [...(num ? [num] : []), ...(s ? ['stringKey' as const] : []), ...(res ? ['residual' as const] : [])])
  .filter((ts) => ts.length > 0);

describe('splitCondition', () => {
  it('takes an equality of expressions over one input each as a key pair, with the right key over the right input', () => {
    const s = splitCondition(condition(['castKey', 'exprKey', 'stringKey', 'residual']), L.length);
    expect(s.left).toEqual([toBigint(col(0)), toBigint(plusOne(col(0))), lower(col(1))]);
    const right = (i: number): BoundExpr => ({ kind: 'column', index: i, type: R[i]!.type, name: R[i]!.name });
    expect(s.right).toEqual([right(0), right(0), lower(right(1))]);
    expect(s.residual).toEqual([TERMS.residual.expr]);
  });

  it('leaves equalities with a constant side, or a side over both inputs, to the residual condition', () => {
    const withConstant = eq(col(3), { kind: 'literal', value: 1, type: 'BIGINT' });
    const overBoth = eq(toBigint(col(0)), { kind: 'arith', op: '+', left: col(3), right: toBigint(col(2)), type: 'BIGINT' });
    const s = splitCondition(and(withConstant, overBoth), L.length);
    expect(s.left).toEqual([]);
    expect(s.residual).toEqual([withConstant, overBoth]);
  });
});

describe('joins on expression keys', () => {
  it('property: the batch hash join matches rows as the condition says (casts, expressions, strings, NULL keys)', () => {
    fc.assert(fc.property(fc.constantFrom<JoinType>('inner', 'left', 'right', 'full'), terms, rows, rows, (joinType, ts, ls, rs) => {
      const got = hashJoin([batchFromRows(L, ls)], L, [batchFromRows(R, rs)], R, joinType, condition(ts), J);
      expect(sorted(rowsFromBatch(got, J))).toEqual(sorted(reference(ls, rs, ts, joinType)));
    }), { numRuns: 300 });
  });

  it('property: the stream–table join matches rows as the condition says, with the stream on either side', () => {
    fc.assert(fc.property(fc.boolean(), fc.boolean(), terms, rows, fc.array(rows, { minLength: 1, maxLength: 3 }), (streamLeft, outer, ts, tableRows, batches) => {
      const joinType: JoinType = outer ? (streamLeft ? 'left' : 'right') : 'inner';
      const scan = (s: Schema, streaming: boolean): PhysicalNode => ({ kind: 'scan', relation: streaming ? 'st' : 'tb', relationKind: streaming ? 'source' : 'table', streaming, schema: s });
      const node: Extract<PhysicalNode, { kind: 'join' }> = {
        kind: 'join', id: 1, left: scan(L, streamLeft), right: scan(R, !streamLeft), joinType, condition: condition(ts), schema: J, bounds: undefined, lags: [0, 0],
      };
      const table = [batchFromRows(streamLeft ? R : L, tableRows)];
      const op = new StreamTableJoinOperator(node, streamLeft, () => table);
      op.begin();
      for (const b of batches) {
        const got = op.process(batchFromRows(streamLeft ? L : R, b)).flatMap((x) => rowsFromBatch(x, J));
        const want = streamLeft ? reference(b, tableRows, ts, joinType) : reference(tableRows, b, ts, joinType);
        expect(sorted(got)).toEqual(sorted(want));
      }
    }), { numRuns: 300 });
  });
});
