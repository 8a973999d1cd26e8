// The documented function signatures hold: each is probed through the binder with its argument counts and types.

import { describe, expect, it } from 'vitest';
import { isTidemarkError } from '../common/errors.js';
import type { DataType } from '../common/types.js';
import { parseStatement } from '../grammar/index.js';
import { bindQuery } from './bind-query.js';
import type { BoundExpr, ScalarFn } from './bound-expr.js';
import { Catalog } from './catalog.js';
import { AGGREGATE_DOCS, SCALAR_DOCS, WINDOW_FUNCTION_DOCS, type ParamType } from './function-docs.js';
import { AGGREGATE_NAMES, aggregateType, bindScalar, SCALAR_ALIASES, SCALAR_FUNCTION_NAMES, scalarFnName, WINDOW_FUNCTION_NAMES } from './functions.js';
import type { AggFn } from './logical-plan.js';

const at = { line: 1, column: 1 };
const lit = (value: string | number | boolean, type: DataType): BoundExpr => ({ kind: 'literal', value, type });

/** An argument the parameter accepts. */
const good: Record<ParamType, BoundExpr> = {
  STRING: lit('abc', 'STRING'),
  TIMESTAMP: lit(0, 'TIMESTAMP'),
  number: lit(1.5, 'DOUBLE'),
  integer: lit(2, 'BIGINT'),
  any: lit(true, 'BOOLEAN'),
  T: lit(3, 'INT'),
  'integer constant': lit(0, 'INT'),
  unit: lit('hour', 'STRING'),
};

/** An argument the parameter refuses (TYPE_MISMATCH), where there is one. */
const bad: Partial<Record<ParamType, BoundExpr>> = {
  STRING: lit(true, 'BOOLEAN'),
  TIMESTAMP: lit(true, 'BOOLEAN'),
  number: lit('abc', 'STRING'),
  integer: lit(1.5, 'DOUBLE'),
  'integer constant': { kind: 'column', index: 0, type: 'INT', name: 'c' },
  unit: lit('fortnight', 'STRING'),
};

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return isTidemarkError(e) ? e.code : `not a TidemarkError: ${String(e)}`;
  }
};

describe('scalar function docs', () => {
  const fns = Object.keys(SCALAR_DOCS) as ScalarFn[];

  it('document every name the binder accepts, aliases included', () => {
    const documented = [...fns, ...SCALAR_ALIASES.keys()].sort();
    expect(documented).toEqual([...SCALAR_FUNCTION_NAMES]);
    for (const [alias, fn] of SCALAR_ALIASES) expect(scalarFnName(alias)).toBe(fn);
  });

  it.each(fns)('%s binds with the documented argument counts and result type', (fn) => {
    const doc = SCALAR_DOCS[fn];
    const args = doc.params.map((q) => good[q.type]);
    const min = doc.params.length - (doc.optional ?? 0);
    const expected = (a: readonly BoundExpr[]): DataType =>
      doc.returns === 'T' ? 'INT' : doc.returns === 'type of first' ? a[0]!.type : doc.returns;
    for (let n = min; n <= args.length; n++) {
      expect(bindScalar(fn, args.slice(0, n), at).type, `${fn} with ${n} arguments`).toBe(expected(args));
    }
    if (min > 0) expect(codeOf(() => bindScalar(fn, args.slice(0, min - 1), at)), `${fn} with too few`).toBe('TYPE_MISMATCH');
    const more = [...args, args[args.length - 1]!, args[args.length - 1]!];
    if (doc.variadic) expect(bindScalar(fn, more, at).type).toBe(expected(more));
    else expect(codeOf(() => bindScalar(fn, more.slice(0, args.length + 1), at)), `${fn} with too many`).toBe('TYPE_MISMATCH');
  });

  it.each(fns)('%s refuses arguments of the wrong type', (fn) => {
    const doc = SCALAR_DOCS[fn];
    const args = doc.params.map((q) => good[q.type]);
    doc.params.forEach((q, i) => {
      const wrong = bad[q.type];
      if (!wrong) return;
      const withWrong = args.map((a, j) => (j === i ? wrong : a));
      expect(codeOf(() => bindScalar(fn, withWrong, at)), `${fn} parameter ${q.name} given ${wrong.type}`).toBe('TYPE_MISMATCH');
    });
  });
});

describe('aggregate docs', () => {
  const catalog = (): Catalog => {
    const c = new Catalog();
    c.add({ kind: 'table', name: 't', schema: [{ name: 'i', type: 'INT', nullable: true }, { name: 'd', type: 'DOUBLE', nullable: true }, { name: 's', type: 'STRING', nullable: true }] });
    return c;
  };
  const typeOf = (sql: string): DataType => {
    const st = parseStatement(sql);
    if (st.kind !== 'select') throw new Error('not a SELECT');
    return bindQuery(st.query, catalog()).plan.schema[0]!.type;
  };

  it('document every aggregate the binder knows', () => {
    const fns = new Set<AggFn>([...AGGREGATE_NAMES.values(), 'count_star', 'count_distinct']);
    expect(Object.keys(AGGREGATE_DOCS).sort()).toEqual([...fns].sort());
  });

  it.each(Object.keys(AGGREGATE_DOCS) as AggFn[])('%s: the documented call binds to the documented type', (fn) => {
    const doc = AGGREGATE_DOCS[fn];
    const returns = (arg: DataType): DataType =>
      doc.returns === 'type of x' ? arg : doc.returns === 'widened' ? (arg === 'DOUBLE' ? 'DOUBLE' : 'BIGINT') : doc.returns;
    for (const [col, type] of [['i', 'INT'], ['d', 'DOUBLE'], ['s', 'STRING']] as const) {
      const sql = `SELECT ${doc.call.replace(/\bx\b/, col)} AS r FROM t`;
      if (doc.accepts === 'number' && type === 'STRING') {
        expect(codeOf(() => typeOf(sql)), sql).toBe('TYPE_MISMATCH');
        expect(codeOf(() => aggregateType(fn, type, fn, at))).toBe('TYPE_MISMATCH');
      } else {
        expect(typeOf(sql), sql).toBe(returns(type));
      }
    }
  });
});

describe('window function docs', () => {
  it('document exactly the window functions GROUP BY takes', () => {
    expect(Object.keys(WINDOW_FUNCTION_DOCS).sort()).toEqual([...WINDOW_FUNCTION_NAMES].sort());
  });

  it.each([...WINDOW_FUNCTION_NAMES])('%s: the example plans, and its signature names the function', (name) => {
    const doc = WINDOW_FUNCTION_DOCS[name];
    expect(doc.signature.startsWith(`${name}(`)).toBe(true);
    expect(doc.example.startsWith(`${name}(`)).toBe(true);
    const c = new Catalog();
    c.add({ kind: 'table', name: 't', schema: [{ name: 'k', type: 'STRING', nullable: true }, { name: 'ts', type: 'TIMESTAMP', nullable: true }] });
    const st = parseStatement(`SELECT window.start AS ws, window.end AS we, k, count(*) AS n FROM t GROUP BY ${doc.example}, k`);
    if (st.kind !== 'select') throw new Error('not a SELECT');
    expect(bindQuery(st.query, c).plan.schema.slice(0, 4).map((f) => f.type)).toEqual(['TIMESTAMP', 'TIMESTAMP', 'STRING', 'BIGINT']);
  });
});
