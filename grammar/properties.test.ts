// Property tests: printed expression trees parse back to themselves; arbitrary input only ever fails with TidemarkError.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TidemarkError } from '../common/errors.js';
import { formatTimestamp } from '../common/time.js';
import type { BinaryOp, Expr, Ident, Literal } from './ast.js';
import { parseExpression, parseScript, parseStatement, splitStatements } from './index.js';
import { strip } from './test-utils.js';

// ---- a printer that parenthesizes every compound node, so precedence never decides the shape ----

const quoteIdent = (i: Ident): string => (i.quoted ? `"${i.name.replace(/"/g, '""')}"` : i.name);

function printLiteral(v: Literal): string {
  switch (v.type) {
    case 'null': return 'NULL';
    case 'integer': return v.value < 0n ? `(${v.value})` : String(v.value);
    case 'decimal': {
      let s = String(Math.abs(v.value));
      if (/^\d+$/.test(s)) s += '.0';
      return v.value < 0 ? `(-${s})` : s;
    }
    case 'string': return `'${v.value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
    case 'boolean': return v.value ? 'TRUE' : 'false';
    case 'timestamp': return `TIMESTAMP '${formatTimestamp(v.micros)}'`;
    case 'interval': return `INTERVAL '${v.micros} us'`;
  }
}

function print(e: Expr): string {
  switch (e.kind) {
    case 'literal': return printLiteral(e.value);
    case 'column': return e.table ? `${quoteIdent(e.table)}.${quoteIdent(e.name)}` : quoteIdent(e.name);
    // The operand gets its own parentheses so that `-(5)` is not read as the literal -5.
    case 'unary': return `(${e.op} (${print(e.operand)}))`;
    case 'binary': return `(${print(e.left)} ${e.op} ${print(e.right)})`;
    case 'isNull': return `(${print(e.operand)} IS ${e.negated ? 'NOT ' : ''}NULL)`;
    case 'between': return `(${print(e.operand)} ${e.negated ? 'NOT ' : ''}BETWEEN ${print(e.low)} AND ${print(e.high)})`;
    case 'inList': return `(${print(e.operand)} ${e.negated ? 'NOT ' : ''}IN (${e.list.map(print).join(', ')}))`;
    case 'like': return `(${print(e.operand)} ${e.negated ? 'NOT ' : ''}LIKE ${print(e.pattern)})`;
    case 'case': {
      const whens = e.whens.map((w) => ` WHEN ${print(w.when)} THEN ${print(w.then)}`).join('');
      return `(CASE${e.operand ? ` ${print(e.operand)}` : ''}${whens}${e.else ? ` ELSE ${print(e.else)}` : ''} END)`;
    }
    case 'cast': return `CAST(${print(e.operand)} AS ${e.type})`;
    case 'call': return `${e.name}(${e.star ? '*' : `${e.distinct ? 'DISTINCT ' : ''}${e.args.map(print).join(', ')}`})`;
  }
}

// ---- generators of span-free trees in the parser's normal form ----

const span = { line: 1, column: 1, start: 0, end: 0 };
const WORDS = ['a', 'ts', 'window', 'start', 'value', 'key', 'first', 'count', 'interval', 'timestamp', 'left', 'emit', 'source', 'x_1'];
const plainIdent = fc.constantFrom(...WORDS).map((name): Ident => ({ name, quoted: false, span }));
const quotedIdent = fc.string({ minLength: 1, maxLength: 6 }).map((name): Ident => ({ name, quoted: true, span }));
const ident = fc.oneof(plainIdent, quotedIdent);
const afterDot = fc.oneof(ident, fc.constantFrom('end', 'select', 'from').map((name): Ident => ({ name, quoted: false, span })));

const literal: fc.Arbitrary<Literal> = fc.oneof(
  fc.constant<Literal>({ type: 'null' }),
  fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }).map((value): Literal => ({ type: 'integer', value })),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((v) => !Object.is(v, -0)).map((value): Literal => ({ type: 'decimal', value })),
  fc.string().map((value): Literal => ({ type: 'string', value })),
  fc.boolean().map((value): Literal => ({ type: 'boolean', value })),
  fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }).map((s): Literal => ({ type: 'timestamp', micros: s * 1_000_000 + 123 })),
  fc.integer({ min: -1e12, max: 1e12 }).map((micros): Literal => ({ type: 'interval', micros })),
);

const BINARY_OPS: BinaryOp[] = ['+', '-', '*', '/', '%', '||', '=', '<>', '<', '<=', '>', '>=', 'and', 'or'];

const { expr } = fc.letrec<{ expr: Expr }>((tie) => {
  const sub = tie('expr');
  return {
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      literal.map((value): Expr => ({ kind: 'literal', value, span })),
      ident.map((name): Expr => ({ kind: 'column', table: undefined, name, span })),
      fc.tuple(ident, afterDot).map(([table, name]): Expr => ({ kind: 'column', table, name, span })),
      fc.record({ op: fc.constantFrom('-' as const, '+' as const, 'not' as const), operand: sub })
        .map(({ op, operand }): Expr => ({ kind: 'unary', op, operand, span })),
      fc.record({ op: fc.constantFrom(...BINARY_OPS), left: sub, right: sub })
        .map(({ op, left, right }): Expr => ({ kind: 'binary', op, left, right, span })),
      fc.record({ operand: sub, negated: fc.boolean() }).map((r): Expr => ({ kind: 'isNull', ...r, span })),
      fc.record({ operand: sub, low: sub, high: sub, negated: fc.boolean() }).map((r): Expr => ({ kind: 'between', ...r, span })),
      fc.record({ operand: sub, list: fc.array(sub, { minLength: 1, maxLength: 3 }), negated: fc.boolean() })
        .map((r): Expr => ({ kind: 'inList', ...r, span })),
      fc.record({ operand: sub, pattern: sub, negated: fc.boolean() }).map((r): Expr => ({ kind: 'like', ...r, span })),
      fc.record({
        operand: fc.option(sub, { nil: undefined }),
        whens: fc.array(fc.record({ when: sub, then: sub }), { minLength: 1, maxLength: 3 }),
        else: fc.option(sub, { nil: undefined }),
      }).map((r): Expr => ({ kind: 'case', ...r, span })),
      fc.record({ operand: sub, type: fc.constantFrom('BIGINT', 'INT', 'DOUBLE', 'STRING', 'BOOLEAN', 'TIMESTAMP' as const) })
        .map((r): Expr => ({ kind: 'cast', ...r, span })),
      fc.record({ name: fc.constantFrom('f', 'count', 'window', 'left', 'first', 'session_window'), args: fc.array(sub, { maxLength: 3 }), mode: fc.constantFrom('plain', 'distinct', 'star') })
        .map(({ name, args, mode }): Expr => ({
          kind: 'call', name, args: mode === 'star' ? [] : mode === 'distinct' && args.length === 0 ? [args[0] ?? { kind: 'literal', value: { type: 'null' }, span }] : args,
          distinct: mode === 'distinct', star: mode === 'star', span,
        })),
    ),
  };
});

describe('properties', () => {
  it('a fully parenthesized expression parses back to the same tree', () => {
    fc.assert(fc.property(expr, (e) => {
      expect(strip(parseExpression(print(e)))).toEqual(strip(e));
    }), { numRuns: 500 });
  });

  const sqlish = fc.array(fc.oneof(
    fc.constantFrom('SELECT', 'FROM', 'WHERE', 'GROUP', 'BY', 'WATERMARK', 'EMIT', 'APPEND', 'CREATE', 'SOURCE', 'INSERT', 'INTO',
      'VALUES', 'INTERVAL', 'TIMESTAMP', 'CASE', 'WHEN', 'END', 'JOIN', 'ON', 'AS', 'NOT', 'NULL', 'AND', 'window', 'ts', 'min',
      '(', ')', ',', '.', ';', '*', '-', '+', '=', '<>', '||', "'", '"', '--', '/*', '*/', '10', '1e999', '99999999999999999999', "'x'",
      "'10 min'", '\n', '#', '!'),
    fc.string({ maxLength: 4 }),
  ), { maxLength: 25 }).map((parts) => parts.join(' '));

  it('parseStatement either returns or throws a TidemarkError with a position', () => {
    fc.assert(fc.property(fc.oneof(sqlish, fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 40 })), (text) => {
      try {
        parseStatement(text);
      } catch (e) {
        expect(e).toBeInstanceOf(TidemarkError);
        expect((e as TidemarkError).position).toBeDefined();
        expect((e as TidemarkError).message).not.toMatch(/^Internal/);
      }
    }), { numRuns: 2000 });
  });

  it('parseExpression and parseScript only fail with TidemarkError', () => {
    fc.assert(fc.property(sqlish, (text) => {
      for (const f of [() => parseExpression(text), () => parseScript(text)]) {
        try {
          f();
        } catch (e) {
          expect(e).toBeInstanceOf(TidemarkError);
          expect((e as TidemarkError).message).not.toMatch(/^Internal/);
        }
      }
    }), { numRuns: 1000 });
  });

  it('statement pieces are slices of the script at their reported position', () => {
    fc.assert(fc.property(sqlish, (script) => {
      for (const p of splitStatements(script)) {
        expect(script.slice(p.start, p.start + p.text.length)).toBe(p.text);
        const before = script.slice(0, p.start).split(/\r\n|\r|\n/);
        expect([p.line, p.column]).toEqual([before.length, (before[before.length - 1]?.length ?? 0) + 1]);
        expect(p.text).toBe(p.text.trim());
        expect(p.text.length).toBeGreaterThan(0);
      }
    }), { numRuns: 1000 });
  });
});
