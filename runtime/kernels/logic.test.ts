// Three-valued logic in the kernels: AND/OR/NOT truth tables, IS NULL, IN/NOT IN and CASE with NULLs, comparisons.

import { describe, expect, it } from 'vitest';
import type { DataType } from '../../common/types.js';
import type { BoundExpr, CmpOp, ScalarValue } from '../../planner/bound-expr.js';
import { valuesFromVec, vecFromValues } from '../values.js';
import { compileExpr, evalInput } from './compile-expr.js';

type Col = readonly [readonly ScalarValue[], DataType];

function run(e: BoundExpr, cols: readonly Col[]): ScalarValue[] {
  const n = cols[0]?.[0].length ?? 1;
  return valuesFromVec(compileExpr(e)(evalInput(n, (i) => vecFromValues(cols[i]![0], cols[i]![1]))));
}

const col = (index: number, type: DataType): BoundExpr => ({ kind: 'column', index, type, name: `c${index}` });
const lit = (value: ScalarValue, type: DataType): BoundExpr => ({ kind: 'literal', value, type });
const a = col(0, 'BOOLEAN');
const b = col(1, 'BOOLEAN');

// Every combination of TRUE, FALSE, NULL for (a, b).
const T = true;
const F = false;
const N = null;
const A: ScalarValue[] = [T, T, T, F, F, F, N, N, N];
const B: ScalarValue[] = [T, F, N, T, F, N, T, F, N];

describe('AND / OR / NOT', () => {
  it('AND follows the SQL truth table', () => {
    expect(run({ kind: 'and', left: a, right: b, type: 'BOOLEAN' }, [[A, 'BOOLEAN'], [B, 'BOOLEAN']]))
      .toEqual([T, F, N, F, F, F, N, F, N]);
  });

  it('OR follows the SQL truth table', () => {
    expect(run({ kind: 'or', left: a, right: b, type: 'BOOLEAN' }, [[A, 'BOOLEAN'], [B, 'BOOLEAN']]))
      .toEqual([T, T, T, T, F, N, T, N, N]);
  });

  it('AND / OR without any NULL input take the fast path and stay correct', () => {
    const x = [T, T, F, F];
    const y = [T, F, T, F];
    expect(run({ kind: 'and', left: a, right: b, type: 'BOOLEAN' }, [[x, 'BOOLEAN'], [y, 'BOOLEAN']])).toEqual([T, F, F, F]);
    expect(run({ kind: 'or', left: a, right: b, type: 'BOOLEAN' }, [[x, 'BOOLEAN'], [y, 'BOOLEAN']])).toEqual([T, T, T, F]);
  });

  it('NOT maps TRUE, FALSE, NULL to FALSE, TRUE, NULL', () => {
    expect(run({ kind: 'not', operand: a, type: 'BOOLEAN' }, [[[T, F, N], 'BOOLEAN']])).toEqual([F, T, N]);
  });

  it('a NULL literal operand behaves like a NULL column', () => {
    const nul = lit(null, 'BOOLEAN');
    expect(run({ kind: 'and', left: a, right: nul, type: 'BOOLEAN' }, [[[T, F, N], 'BOOLEAN']])).toEqual([N, F, N]);
    expect(run({ kind: 'or', left: nul, right: a, type: 'BOOLEAN' }, [[[T, F, N], 'BOOLEAN']])).toEqual([T, N, N]);
  });

  it('De Morgan: NOT (a AND b) = (NOT a) OR (NOT b) on all nine combinations', () => {
    const cols: Col[] = [[A, 'BOOLEAN'], [B, 'BOOLEAN']];
    const lhs = run({ kind: 'not', operand: { kind: 'and', left: a, right: b, type: 'BOOLEAN' }, type: 'BOOLEAN' }, cols);
    const rhs = run({
      kind: 'or', left: { kind: 'not', operand: a, type: 'BOOLEAN' }, right: { kind: 'not', operand: b, type: 'BOOLEAN' }, type: 'BOOLEAN',
    }, cols);
    expect(lhs).toEqual(rhs);
  });
});

describe('IS NULL', () => {
  it('is never NULL itself, for every type', () => {
    for (const [vals, t] of [[[1, null], 'INT'], [['x', null], 'STRING'], [[true, null], 'BOOLEAN'], [[0, null], 'TIMESTAMP']] as const) {
      expect(run({ kind: 'isNull', operand: col(0, t), negated: false, type: 'BOOLEAN' }, [[vals, t]])).toEqual([false, true]);
      expect(run({ kind: 'isNull', operand: col(0, t), negated: true, type: 'BOOLEAN' }, [[vals, t]])).toEqual([true, false]);
    }
  });

  it('on a column without NULLs and on a NULL literal', () => {
    expect(run({ kind: 'isNull', operand: col(0, 'INT'), negated: false, type: 'BOOLEAN' }, [[[1, 2], 'INT']])).toEqual([false, false]);
    expect(run({ kind: 'isNull', operand: lit(null, 'NULL'), negated: false, type: 'BOOLEAN' }, [[[1, 2], 'INT']])).toEqual([true, true]);
    expect(run({ kind: 'isNull', operand: lit(null, 'NULL'), negated: true, type: 'BOOLEAN' }, [[[1], 'INT']])).toEqual([false]);
  });
});

describe('IN / NOT IN', () => {
  const x = col(0, 'INT');
  const inList = (list: readonly ScalarValue[], negated: boolean): BoundExpr =>
    ({ kind: 'inList', operand: x, list: list.map((v) => lit(v, 'INT')), negated, type: 'BOOLEAN' });
  const xs: Col = [[1, 2, 3, null], 'INT'];

  it('IN is TRUE on a match, NULL when no match but the list has NULL, NULL for a NULL operand', () => {
    expect(run(inList([1, null], false), [xs])).toEqual([true, null, null, null]);
    expect(run(inList([1, 2], false), [xs])).toEqual([true, true, false, null]);
  });

  it('NOT IN is the three-valued negation', () => {
    expect(run(inList([1, null], true), [xs])).toEqual([false, null, null, null]);
    expect(run(inList([1, 2], true), [xs])).toEqual([false, false, true, null]);
  });

  it('works on strings with non-ASCII values', () => {
    const s = col(0, 'STRING');
    const e: BoundExpr = { kind: 'inList', operand: s, list: [lit('é', 'STRING'), lit('日本', 'STRING')], negated: false, type: 'BOOLEAN' };
    expect(run(e, [[['é', 'e', '日本', '日', ''], 'STRING']])).toEqual([true, false, true, false, false]);
  });
});

describe('CASE', () => {
  it('a NULL condition is not TRUE: falls through to the next branch / ELSE', () => {
    const e: BoundExpr = {
      kind: 'case',
      whens: [{ when: a, then: lit('first', 'STRING') }, { when: b, then: lit('second', 'STRING') }],
      else: lit('else', 'STRING'),
      type: 'STRING',
    };
    expect(run(e, [[A, 'BOOLEAN'], [B, 'BOOLEAN']]))
      .toEqual(['first', 'first', 'first', 'second', 'else', 'else', 'second', 'else', 'else']);
  });

  it('without ELSE gives NULL; a chosen NULL branch gives NULL', () => {
    const e: BoundExpr = { kind: 'case', whens: [{ when: a, then: col(1, 'INT') }], else: lit(null, 'INT'), type: 'INT' };
    expect(run(e, [[[T, T, F, N], 'BOOLEAN'], [[1, null, 3, 4], 'INT']])).toEqual([1, null, null, null]);
  });
});

describe('comparisons with NULL', () => {
  const ops: CmpOp[] = ['=', '<>', '<', '<=', '>', '>='];
  it.each(ops)('%s is NULL when either side is NULL (column and literal right sides)', (op) => {
    const cols: Col[] = [[[1, null, 3], 'INT'], [[null, 2, 3], 'INT']];
    const cc = run({ kind: 'compare', op, left: col(0, 'INT'), right: col(1, 'INT'), type: 'BOOLEAN' }, cols);
    expect(cc.slice(0, 2)).toEqual([null, null]);
    const cl = run({ kind: 'compare', op, left: col(0, 'INT'), right: lit(3, 'INT'), type: 'BOOLEAN' }, cols);
    expect(cl[1]).toBeNull();
    const cn = run({ kind: 'compare', op, left: col(0, 'INT'), right: lit(null, 'INT'), type: 'BOOLEAN' }, cols);
    expect(cn).toEqual([null, null, null]);
  });

  it('booleans order FALSE < TRUE', () => {
    const e: BoundExpr = { kind: 'compare', op: '<', left: a, right: b, type: 'BOOLEAN' };
    expect(run(e, [[[F, T, F, T], 'BOOLEAN'], [[T, F, F, T], 'BOOLEAN']])).toEqual([true, false, false, false]);
  });

  it('strings compare by code point (UTF-8 byte order), not by UTF-16 unit', () => {
    // U+1F600 is above U+FF61, although its UTF-16 surrogate (0xD83D) is below 0xFF61.
    const e: BoundExpr = { kind: 'compare', op: '<', left: col(0, 'STRING'), right: col(1, 'STRING'), type: 'BOOLEAN' };
    expect(run(e, [[['😀', '｡', 'ab', 'a', 'Z'], 'STRING'], [['｡', '😀', 'abc', 'a', 'a'], 'STRING']]))
      .toEqual([false, true, true, false, true]);
    const c: BoundExpr = { kind: 'compare', op: '>', left: col(0, 'STRING'), right: lit('｡', 'STRING'), type: 'BOOLEAN' };
    expect(run(c, [[['😀', 'z'], 'STRING']])).toEqual([true, false]);
  });
});
