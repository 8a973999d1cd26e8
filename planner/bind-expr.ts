// Binds AST expressions to typed BoundExprs: name resolution, coercions, functions, three-valued logic.

import { TidemarkError, type SourcePosition } from '../common/errors.js';
import { isNumeric, type DataType } from '../common/types.js';
import type { ColumnRef, Expr } from '../grammar/ast.js';
import type { BoundExpr } from './bound-expr.js';
import { coerce, commonType, commonTypeOf, valueTypeOf } from './coercion.js';
import { AGGREGATE_NAMES, bindScalar, isWindowFunctionName, scalarFnName } from './functions.js';

export interface ScopeColumn {
  readonly qualifier: string | undefined;
  readonly name: string;
  readonly type: DataType;
  readonly index: number;
}

type CallExpr = Extract<Expr, { kind: 'call' }>;

export interface ExprContext {
  readonly scope: readonly ScopeColumn[];
  /** The clause being bound, for messages ("WHERE", "GROUP BY"). */
  readonly clause: string;
  /** Called on every node first; a result replaces normal binding (used to match GROUP BY expressions). */
  readonly intercept?: (e: Expr) => BoundExpr | undefined;
  /** Binds an aggregate call; absent where aggregates are not allowed. */
  readonly aggregate?: (call: CallExpr) => BoundExpr;
  /** Resolves a column that the scope lacks (window.start, or a MISSING_AGGREGATION error). */
  readonly unresolved?: (ref: ColumnRef) => BoundExpr | undefined;
}

export const pos = (e: { readonly span: { readonly line: number; readonly column: number } }): SourcePosition =>
  ({ line: e.span.line, column: e.span.column });

export function refText(ref: ColumnRef): string {
  return ref.table ? `${ref.table.name}.${ref.name.name}` : ref.name.name;
}

export function resolveColumn(ref: ColumnRef, scope: readonly ScopeColumn[]): ScopeColumn | undefined {
  const matches = scope.filter((c) => c.name === ref.name.name && (!ref.table || c.qualifier === ref.table.name));
  if (matches.length > 1) {
    throw new TidemarkError('AMBIGUOUS_COLUMN',
      `Column '${refText(ref)}' is ambiguous: it matches ${matches.map((m) => `${m.qualifier ?? '?'}.${m.name}`).join(', ')}. Qualify it with a table name or alias.`,
      pos(ref));
  }
  return matches[0];
}

export function unresolvedColumn(ref: ColumnRef, scope: readonly ScopeColumn[]): TidemarkError {
  const avail = scope.map((c) => (c.qualifier ? `${c.qualifier}.${c.name}` : c.name));
  return new TidemarkError('UNRESOLVED_COLUMN',
    `Column '${refText(ref)}' does not exist. Available columns: ${avail.length ? avail.join(', ') : '(none)'}.`, pos(ref));
}

const isInterval = (e: Expr): e is Extract<Expr, { kind: 'literal' }> => e.kind === 'literal' && e.value.type === 'interval';

export function bindExpr(e: Expr, ctx: ExprContext): BoundExpr {
  const hit = ctx.intercept?.(e);
  if (hit) return hit;
  const b = (x: Expr): BoundExpr => bindExpr(x, ctx);
  switch (e.kind) {
    case 'literal': {
      const v = e.value;
      switch (v.type) {
        case 'null': return { kind: 'literal', value: null, type: 'NULL' };
        case 'integer': {
          if (v.value > 9007199254740991n || v.value < -9007199254740991n) {
            // Integers run in float64 lanes (runtime/README.md): beyond 2^53 they would silently round, or wrap.
            throw new TidemarkError('UNSUPPORTED_FEATURE', `The integer ${v.value} is beyond ±9007199254740991 (2^53 - 1), the exact range of BIGINT in Tidemark; write it as a DOUBLE (e.g. ${Number(v.value).toExponential(3)}) if an approximation will do.`, pos(e));
          }
          const inInt = v.value >= -2147483648n && v.value <= 2147483647n;
          return { kind: 'literal', value: Number(v.value), type: inInt ? 'INT' : 'BIGINT' };
        }
        case 'decimal': return { kind: 'literal', value: v.value, type: 'DOUBLE' };
        case 'string': return { kind: 'literal', value: v.value, type: 'STRING' };
        case 'boolean': return { kind: 'literal', value: v.value, type: 'BOOLEAN' };
        case 'timestamp': return { kind: 'literal', value: v.micros, type: 'TIMESTAMP' };
        case 'interval':
          throw new TidemarkError('TYPE_MISMATCH',
            'An interval can only be added to or subtracted from a TIMESTAMP (e.g. ts + INTERVAL \'5\' MINUTE).', pos(e));
        default: {
          const never: never = v;
          throw new Error(`literal ${String(never)}`);
        }
      }
    }
    case 'column': {
      const c = resolveColumn(e, ctx.scope);
      if (c) return { kind: 'column', index: c.index, type: c.type, name: c.name };
      const alt = ctx.unresolved?.(e);
      if (alt) return alt;
      throw unresolvedColumn(e, ctx.scope);
    }
    case 'unary': {
      const x = b(e.operand);
      if (e.op === 'not') return { kind: 'not', operand: boolOperand(x, 'NOT', e), type: 'BOOLEAN' };
      if (x.type !== 'NULL' && !isNumeric(x.type)) {
        throw new TidemarkError('TYPE_MISMATCH', `Unary ${e.op} expects a number but got ${x.type}.`, pos(e));
      }
      if (e.op === '+') return x;
      if (x.kind === 'literal' && typeof x.value === 'number') return { ...x, value: x.type === 'INT' ? -x.value | 0 : -x.value };
      return { kind: 'negate', operand: x, type: x.type === 'NULL' ? 'INT' : x.type };
    }
    case 'binary':
      return bindBinary(e, ctx);
    case 'isNull':
      return { kind: 'isNull', operand: b(e.operand), negated: e.negated, type: 'BOOLEAN' };
    case 'between': {
      const x = b(e.operand);
      const lo = b(e.low);
      const hi = b(e.high);
      const t = comparable([x, lo, hi], 'BETWEEN', e);
      const cx = coerce(x, t);
      const r: BoundExpr = {
        kind: 'and',
        left: { kind: 'compare', op: '>=', left: cx, right: coerce(lo, t), type: 'BOOLEAN' },
        right: { kind: 'compare', op: '<=', left: cx, right: coerce(hi, t), type: 'BOOLEAN' },
        type: 'BOOLEAN',
      };
      return e.negated ? { kind: 'not', operand: r, type: 'BOOLEAN' } : r;
    }
    case 'inList': {
      const x = b(e.operand);
      const list = e.list.map(b);
      const t = comparable([x, ...list], 'IN', e);
      return { kind: 'inList', operand: coerce(x, t), list: list.map((l) => coerce(l, t)), negated: e.negated, type: 'BOOLEAN' };
    }
    case 'like': {
      const x = b(e.operand);
      const p = b(e.pattern);
      for (const s of [x, p]) {
        if (s.type !== 'STRING' && s.type !== 'NULL') {
          throw new TidemarkError('TYPE_MISMATCH', `LIKE expects STRING operands but got ${s.type}.`, pos(e));
        }
      }
      return { kind: 'like', operand: coerce(x, 'STRING'), pattern: coerce(p, 'STRING'), negated: e.negated, type: 'BOOLEAN' };
    }
    case 'case': {
      const operand = e.operand ? b(e.operand) : undefined;
      const whens = e.whens.map((w) => {
        const when = b(w.when);
        if (operand) {
          const t = comparable([operand, when], 'CASE', e);
          return { when: { kind: 'compare', op: '=', left: coerce(operand, t), right: coerce(when, t), type: 'BOOLEAN' } as BoundExpr, then: b(w.then) };
        }
        return { when: boolOperand(when, 'WHEN', e), then: b(w.then) };
      });
      const els: BoundExpr = e.else ? b(e.else) : { kind: 'literal', value: null, type: 'NULL' };
      const t = valueTypeOf([...whens.map((w) => w.then.type), els.type]);
      if (t === undefined) {
        throw new TidemarkError('TYPE_MISMATCH',
          `CASE branches must share a type, got ${[...whens.map((w) => w.then.type), els.type].join(', ')}.`, pos(e));
      }
      return { kind: 'case', whens: whens.map((w) => ({ when: w.when, then: coerce(w.then, t) })), else: coerce(els, t), type: t };
    }
    case 'cast': {
      const x = b(e.operand);
      return coerceCast(x, e.type);
    }
    case 'call':
      return bindCall(e, ctx);
    default: {
      const never: never = e;
      throw new Error(`expression ${String(never)}`);
    }
  }
}

function coerceCast(x: BoundExpr, to: DataType): BoundExpr {
  if (x.type === to) return x;
  if (x.kind === 'literal' && x.value === null) return { kind: 'literal', value: null, type: to };
  return { kind: 'cast', operand: x, type: to };
}

function boolOperand(x: BoundExpr, what: string, e: Expr): BoundExpr {
  if (x.type !== 'BOOLEAN' && x.type !== 'NULL') {
    throw new TidemarkError('TYPE_MISMATCH', `${what} expects a BOOLEAN but got ${x.type}.`, pos(e));
  }
  return coerce(x, 'BOOLEAN');
}

function comparable(xs: readonly BoundExpr[], what: string, e: Expr): DataType {
  const t = commonTypeOf(xs.map((x) => x.type));
  if (t === undefined) {
    throw new TidemarkError('TYPE_MISMATCH',
      `Cannot compare ${xs.map((x) => x.type).join(' and ')} in ${what}. Cast one side so both have the same type.`, pos(e));
  }
  return t === 'NULL' ? 'BOOLEAN' : t;
}

function bindBinary(e: Extract<Expr, { kind: 'binary' }>, ctx: ExprContext): BoundExpr {
  if ((e.op === '+' || e.op === '-') && (isInterval(e.right) || isInterval(e.left))) {
    if (e.op === '-' && isInterval(e.left)) {
      throw new TidemarkError('TYPE_MISMATCH', 'Write TIMESTAMP - INTERVAL, not INTERVAL - TIMESTAMP.', pos(e));
    }
    const [tsAst, ivAst] = isInterval(e.right) ? [e.left, e.right] : [e.right, e.left];
    const ts = bindExpr(tsAst, ctx);
    if (ts.type !== 'TIMESTAMP' && ts.type !== 'NULL') {
      throw new TidemarkError('TYPE_MISMATCH', `An interval can only be added to a TIMESTAMP, not ${ts.type}.`, pos(e));
    }
    const micros = ivAst.kind === 'literal' && ivAst.value.type === 'interval' ? ivAst.value.micros : 0;
    return { kind: 'arith', op: e.op, left: coerce(ts, 'TIMESTAMP'), right: { kind: 'literal', value: micros, type: 'BIGINT' }, type: 'TIMESTAMP' };
  }
  const l = bindExpr(e.left, ctx);
  const r = bindExpr(e.right, ctx);
  switch (e.op) {
    case 'and':
    case 'or':
      return { kind: e.op, left: boolOperand(l, e.op.toUpperCase(), e), right: boolOperand(r, e.op.toUpperCase(), e), type: 'BOOLEAN' };
    case '=': case '<>': case '<': case '<=': case '>': case '>=': {
      const t = comparable([l, r], `'${e.op}'`, e);
      return { kind: 'compare', op: e.op, left: coerce(l, t), right: coerce(r, t), type: 'BOOLEAN' };
    }
    case '||':
      return bindScalar('concat', [l, r], pos(e));
    case '+': case '-': case '*': case '/': case '%': {
      for (const x of [l, r]) {
        if (x.type !== 'NULL' && !isNumeric(x.type)) {
          throw new TidemarkError('TYPE_MISMATCH',
            `Operator '${e.op}' expects numbers but got ${l.type} and ${r.type}. Cast the operands to a numeric type.`, pos(e));
        }
      }
      let t: DataType = l.type === 'INT' && r.type === 'INT' ? 'INT' : commonType(l.type, r.type) ?? 'DOUBLE';
      if (t === 'NULL') t = 'INT';
      if (e.op === '/') t = 'DOUBLE';
      return { kind: 'arith', op: e.op, left: coerce(l, t), right: coerce(r, t), type: t };
    }
    default: {
      const never: never = e.op;
      throw new Error(`operator ${String(never)}`);
    }
  }
}

function bindCall(e: CallExpr, ctx: ExprContext): BoundExpr {
  if (AGGREGATE_NAMES.has(e.name)) {
    if (!ctx.aggregate) {
      throw new TidemarkError('MISSING_AGGREGATION',
        `Aggregate function ${e.name}() is not allowed in ${ctx.clause}. Use it in SELECT or HAVING of a grouped query.`, pos(e));
    }
    return ctx.aggregate(e);
  }
  if (isWindowFunctionName(e.name)) {
    throw new TidemarkError('INVALID_WINDOW',
      `${e.name}() can only be used in GROUP BY; refer to the window in SELECT as window.start and window.end.`, pos(e));
  }
  const fn = scalarFnName(e.name);
  if (!fn) {
    throw new TidemarkError('UNRESOLVED_FUNCTION', `Unknown function '${e.name}'. Check the spelling; see the README for the function list.`, pos(e));
  }
  if (e.star || e.distinct) {
    throw new TidemarkError('PARSE_ERROR', `${e.name}() does not accept ${e.star ? '*' : 'DISTINCT'}.`, pos(e));
  }
  return bindScalar(fn, e.args.map((a) => bindExpr(a, ctx)), pos(e));
}
