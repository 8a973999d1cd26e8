// Binds UNION [ALL | DISTINCT] chains: columns matched by position, widened to common types, named by the first input.

import { TidemarkError } from '../common/errors.js';
import type { Field, Schema } from '../common/types.js';
import type { Query, SelectQuery, UnionQuery } from '../grammar/ast.js';
import type { BoundExpr } from './bound-expr.js';
import { pos, type ScopeColumn } from './bind-expr.js';
import type { BoundQuery } from './bind-query.js';
import { coerce, valueType } from './coercion.js';
import type { LogicalPlan, SortKey } from './logical-plan.js';

const columnRef = (f: Field, index: number): BoundExpr => ({ kind: 'column', index, type: f.type, name: f.name });

/** The terms of a left-deep chain `t0 op1 t1 op2 t2 ...` and whether each op keeps duplicates (ALL). */
function flatten(q: UnionQuery): { terms: Query[]; all: boolean[] } {
  const left = q.left.kind === 'union' ? flatten(q.left) : { terms: [q.left], all: [] };
  return { terms: [...left.terms, q.right], all: [...left.all, q.all] };
}

/** Visible columns of a bound term (hidden key or sort columns dropped). */
function visiblePlan(b: BoundQuery): LogicalPlan {
  if (b.plan.schema.length === b.schema.length) return b.plan;
  return { kind: 'project', input: b.plan, exprs: b.schema.map(columnRef), schema: b.schema };
}

/** Casts a term's columns to the union's types where they differ. */
function castTo(plan: LogicalPlan, schema: Schema): LogicalPlan {
  if (plan.schema.every((f, i) => f.type === schema[i]!.type)) return plan;
  const exprs = plan.schema.map((f, i) => coerce(columnRef(f, i), schema[i]!.type));
  return { kind: 'project', input: plan, exprs, schema: plan.schema.map((f, i) => ({ ...f, type: schema[i]!.type })) };
}

function distinct(plan: LogicalPlan): LogicalPlan {
  return { kind: 'aggregate', input: plan, keys: plan.schema.map(columnRef), window: undefined, aggs: [], schema: plan.schema, dedup: true };
}

/**
 * ORDER BY, LIMIT and EMIT written after the last SELECT belong to the whole union (as in SQL); on an earlier
 * SELECT they are refused rather than silently applied to one input.
 */
function trailingClauses(terms: Query[]): Pick<SelectQuery, 'orderBy' | 'limit' | 'emit'> {
  terms.forEach((t, i) => {
    if (i === terms.length - 1 || t.kind !== 'selectQuery') return;
    if (t.orderBy.length || t.limit !== undefined || t.emit) {
      throw new TidemarkError('UNSUPPORTED_FEATURE',
        'ORDER BY, LIMIT and EMIT apply to a whole UNION: write them after its last SELECT (or put that SELECT in a FROM subquery).', pos(t));
    }
  });
  const last = terms[terms.length - 1]!;
  if (last.kind !== 'selectQuery') return { orderBy: [], limit: undefined, emit: undefined };
  terms[terms.length - 1] = { ...last, orderBy: [], limit: undefined, emit: undefined };
  return { orderBy: last.orderBy, limit: last.limit, emit: last.emit };
}

export type OrderByBinder = (q: Pick<SelectQuery, 'orderBy'>, fields: readonly Field[], exprs: readonly BoundExpr[],
  scope: readonly ScopeColumn[]) => { keys: SortKey[]; hidden: BoundExpr[] };

export function bindUnion(q: UnionQuery, bindTerm: (t: Query) => BoundQuery, bindOrderBy: OrderByBinder): BoundQuery {
  const { terms, all } = flatten(q);
  const tail = trailingClauses(terms);
  const bound = terms.map((t) => visiblePlan(bindTerm(t)));
  const first = bound[0]!.schema;
  const schema: Field[] = first.map((f) => ({ ...f }));
  bound.forEach((b, k) => {
    if (b.schema.length !== first.length) {
      throw new TidemarkError('TYPE_MISMATCH',
        `UNION inputs must have the same number of columns: the first has ${first.length}, input ${k + 1} has ${b.schema.length}.`, pos(terms[k]!));
    }
    b.schema.forEach((f, i) => {
      const t = valueType(schema[i]!.type, f.type);
      if (t === undefined) {
        throw new TidemarkError('TYPE_MISMATCH',
          `UNION column ${i + 1} ('${schema[i]!.name}') is ${schema[i]!.type} in an earlier input but ${f.type} in input ${k + 1}; CAST one side so the types match.`,
          pos(terms[k]!));
      }
      schema[i] = { ...schema[i]!, type: t, nullable: schema[i]!.nullable || f.nullable };
    });
  });
  const inputs = bound.map((b) => castTo(b, schema));
  // Left-deep: a DISTINCT operator removes duplicates from everything to its left; adjacent ALLs share one node.
  let plan: LogicalPlan = inputs[0]!;
  let anyDistinct = false;
  inputs.slice(1).forEach((next, k) => {
    plan = plan.kind === 'union' ? { ...plan, inputs: [...plan.inputs, next] } : { kind: 'union', inputs: [plan, next], schema };
    if (!all[k]) {
      plan = distinct(plan);
      anyDistinct = true;
    }
  });
  const exprs = schema.map(columnRef);
  const scope: ScopeColumn[] = schema.map((f, index) => ({ qualifier: undefined, name: f.name, type: f.type, index }));
  const sort = bindOrderBy(tail, schema, exprs, scope);
  if (sort.hidden.length) {
    plan = { kind: 'project', input: plan, exprs: [...exprs, ...sort.hidden], schema: [...schema, ...sort.hidden.map((e, i) => ({ name: `_hidden${i}`, type: e.type, nullable: true }))] };
  }
  if (sort.keys.length) plan = { kind: 'sort', input: plan, keys: sort.keys, schema: plan.schema };
  if (tail.limit !== undefined) plan = { kind: 'limit', input: plan, count: tail.limit, schema: plan.schema };
  return {
    plan, schema, keyColumns: undefined, explicitEmit: tail.emit, aggregate: false,
    orderBy: sort.keys.length > 0, limit: tail.limit !== undefined, distinct: anyDistinct,
  };
}
