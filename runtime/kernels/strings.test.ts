// String kernels: LIKE (multibyte, escapes, wildcard placement), substring edge cases, trim, case, length, concat.

import { describe, expect, it } from 'vitest';
import type { DataType } from '../../common/types.js';
import type { BoundExpr, ScalarFn, ScalarValue } from '../../planner/bound-expr.js';
import { valuesFromVec, vecFromValues } from '../values.js';
import { compileExpr, evalInput } from './compile-expr.js';

function run(e: BoundExpr, cols: readonly (readonly [readonly ScalarValue[], DataType])[]): ScalarValue[] {
  const n = cols[0]?.[0].length ?? 1;
  return valuesFromVec(compileExpr(e)(evalInput(n, (i) => vecFromValues(cols[i]![0], cols[i]![1]))));
}

const col = (index: number, type: DataType): BoundExpr => ({ kind: 'column', index, type, name: `c${index}` });
const lit = (value: ScalarValue, type: DataType): BoundExpr => ({ kind: 'literal', value, type });
const s0 = col(0, 'STRING');
const call = (fn: ScalarFn, args: readonly BoundExpr[], type: DataType = 'STRING'): BoundExpr => ({ kind: 'call', fn, args, type });

/** `s LIKE p` with p as a constant pattern and, separately, as a per-row pattern column: both paths must agree. */
function like(s: string | null, p: string | null, negated = false): ScalarValue {
  const constant = p === null ? null
    : run({ kind: 'like', operand: s0, pattern: lit(p, 'STRING'), negated, type: 'BOOLEAN' }, [[[s], 'STRING']])[0]!;
  const perRow = run({ kind: 'like', operand: s0, pattern: col(1, 'STRING'), negated, type: 'BOOLEAN' }, [[[s], 'STRING'], [[p], 'STRING']])[0]!;
  if (p !== null) expect(perRow, `constant and per-row pattern disagree on '${s}' LIKE '${p}'`).toBe(constant);
  return perRow;
}

describe('LIKE', () => {
  it.each([
    ['abc', 'abc', true], ['abc', 'ABC', false], ['abc', 'ab', false], ['', '', true], ['', '%', true], ['', '_', false],
    ['abc', 'a%', true], ['abc', '%c', true], ['abc', '%b%', true], ['abc', '%d%', false], ['abc', 'a_c', true],
    ['abcd', 'a_c', false], ['ab', '%b_', false], ['abc', '%b_', true], ['abcbc', '%b_', true], ['abc', '___', true],
    ['abc', '____', false], ['abc', '%%%', true], ['abc', 'a%%c', true], ['aXbXc', 'a%b%c', true], ['acb', 'a%b%c', false],
    ['aaa', '%a%a%a%', true], ['aa', '%a%a%a%', false], ['mississippi', '%iss%ppi', true], ['mississippi', 'm%iss%iss%', true],
    ['banana', '%ana', true], ['banana', '%an_', true], ['banana', 'b%n_n%', true],
  ])('%j LIKE %j is %s', (s, p, want) => {
    expect(like(s, p)).toBe(want);
  });

  it.each([
    // `_` is one character, whatever its UTF-8 length (2, 3 or 4 bytes).
    ['é', '_', true], ['日', '_', true], ['😀', '_', true], ['😀', '__', false], ['a😀b', 'a_b', true], ['a😀b', 'a__b', false],
    ['é', '%', true], ['日本語', '_本_', true], ['日本語', '%語', true], ['日本語', '日%', true], ['日本語', '%本%', true],
    ['日本語', '____', false], ['xé', '%é', true], ['éé', '%_é', true], ['éx', '_x', true], ['naïve café', '%ï%é', true],
    ['😀😀', '%😀_', true], ['a日b日cd', '%日_', false], ['a日b日c', '%日_', true], ['a日b日c', '%日%日_', true],
  ])('multibyte: %j LIKE %j is %s', (s, p, want) => {
    expect(like(s, p)).toBe(want);
  });

  it.each([
    ['100%', '100\\%', true], ['1000', '100\\%', false], ['a_b', 'a\\_b', true], ['axb', 'a\\_b', false],
    ['a\\b', 'a\\\\b', true], ['ab', 'a\\\\b', false], ['50% off', '%\\%%', true], ['50 off', '%\\%%', false],
    ['é%', 'é\\%', true], ['%😀', '\\%_', true], ['%', '\\%', true], ['_', '\\_', true], ['x', '\\_', false],
    ['\\', '\\\\', true], ['\\\\', '\\\\%', true], ['a%b%', 'a\\%%\\%', true], ['a%bb', 'a\\%%\\%', false],
  ])('escapes: %j LIKE %j is %s', (s, p, want) => {
    expect(like(s, p)).toBe(want);
  });

  it('NULL operand or pattern gives NULL; NOT LIKE negates but keeps NULL', () => {
    expect(like(null, 'a%')).toBeNull();
    expect(like('abc', null)).toBeNull();
    expect(like('abc', 'a%', true)).toBe(false);
    expect(like('abc', 'x%', true)).toBe(true);
    expect(like(null, '%', true)).toBeNull();
  });

  it('per-row patterns are compiled per row', () => {
    const e: BoundExpr = { kind: 'like', operand: s0, pattern: col(1, 'STRING'), negated: false, type: 'BOOLEAN' };
    expect(run(e, [[['abc', 'abc', 'é', null, 'x'], 'STRING'], [['a%', '%d', '_', 'x', null], 'STRING']]))
      .toEqual([true, false, true, null, null]);
  });
});

describe('substring (1-based, negative positions from the end)', () => {
  const sub = (s: string | null, pos: number | null, len?: number | null): ScalarValue => {
    const args = [s0, lit(pos, 'BIGINT'), ...(len === undefined ? [] : [lit(len, 'BIGINT')])];
    return run(call('substring', args), [[[s], 'STRING']])[0]!;
  };

  it.each([
    ['streaming', 1, 6, 'stream'], ['streaming', 7, undefined, 'ing'], ['streaming', 3, 2, 're'], ['streaming', -3, undefined, 'ing'],
    ['streaming', 8, 10, 'ng'], ['streaming', 0, 3, 'str'], ['streaming', 0, undefined, 'streaming'], ['streaming', 1, 0, ''],
    ['streaming', 1, -1, ''], ['streaming', 10, undefined, ''], ['streaming', 100, 5, ''], ['streaming', -100, undefined, 'streaming'],
    // Spark computes the end from the unclamped start: substring('abc', -5, 3) covers positions -5..-3, i.e. only 'a'.
    ['abc', -5, 3, 'a'], ['abc', -5, 2, ''], ['abc', -4, 2, 'a'], ['abc', -1, 5, 'c'], ['abc', -3, 2, 'ab'], ['', 1, 1, ''],
    ['', -1, undefined, ''],
  ])('substring(%j, %d, %s) = %j', (s, pos, len, want) => {
    expect(sub(s, pos, len)).toBe(want);
  });

  it('counts characters, not bytes or UTF-16 units', () => {
    expect(sub('日本語', 2, 1)).toBe('本');
    expect(sub('a😀b', 2, 1)).toBe('😀');
    expect(sub('a😀b', -2, undefined)).toBe('😀b');
    expect(sub('😀😀😀', 2)).toBe('😀😀');
    expect(sub('éa', 1, 1)).toBe('é');
  });

  it('NULL string, position or length gives NULL', () => {
    expect(sub(null, 1, 1)).toBeNull();
    expect(sub('abc', null, 1)).toBeNull();
    expect(sub('abc', 1, null)).toBeNull();
  });
});

describe('other string functions', () => {
  const one = (fn: ScalarFn, vals: readonly ScalarValue[], type: DataType = 'STRING'): ScalarValue[] =>
    run(call(fn, [s0], type), [[vals, 'STRING']]);

  it('trim, ltrim and rtrim remove spaces only', () => {
    const vals = ['  a b  ', '   ', '', ' ', '\tx\t', ' é ', null];
    expect(one('trim', vals)).toEqual(['a b', '', '', '', '\tx\t', 'é', null]);
    expect(one('ltrim', vals)).toEqual(['a b  ', '', '', '', '\tx\t', 'é ', null]);
    expect(one('rtrim', vals)).toEqual(['  a b', '', '', '', '\tx\t', ' é', null]);
  });

  it('upper and lower handle ASCII and non-ASCII (ß upper-cases to SS)', () => {
    expect(one('upper', ['Tide', 'straße', 'éa', '', null])).toEqual(['TIDE', 'STRASSE', 'ÉA', '', null]);
    expect(one('lower', ['MARK', 'ÉCOLE', 'ΣΑ', null])).toEqual(['mark', 'école', 'σα', null]);
  });

  it('length counts code points', () => {
    expect(one('length', ['', 'abc', 'é', '日本語', '😀', 'a😀', null], 'INT')).toEqual([0, 3, 1, 3, 1, 2, null]);
  });

  it('concat is NULL when any argument is NULL', () => {
    const e = call('concat', [s0, lit('-', 'STRING'), col(1, 'STRING')]);
    expect(run(e, [[['a', null, 'é', ''], 'STRING'], [['b', 'x', null, '']
      , 'STRING']])).toEqual(['a-b', null, null, '-']);
  });

  it('greatest and least of strings use code point order and skip NULLs', () => {
    const g = call('greatest', [s0, col(1, 'STRING')]);
    const l = call('least', [s0, col(1, 'STRING')]);
    const cols = [[['😀', 'a', null, null], 'STRING'], [['｡', 'b', 'x', null], 'STRING']] as const;
    expect(run(g, cols)).toEqual(['😀', 'b', 'x', null]);
    expect(run(l, cols)).toEqual(['｡', 'a', 'x', null]);
  });
});
