// Output column names for unaliased SELECT items, following Spark's conventions where simple.

import type { Expr } from '../grammar/ast.js';
import { formatTimestamp } from '../common/time.js';

export function exprName(e: Expr): string {
  switch (e.kind) {
    case 'column':
      return e.name.name;
    case 'literal': {
      const v = e.value;
      switch (v.type) {
        case 'null': return 'NULL';
        case 'integer': return v.value.toString();
        case 'decimal': return String(v.value);
        case 'string': return v.value;
        case 'boolean': return v.value ? 'true' : 'false';
        case 'timestamp': return `TIMESTAMP '${formatTimestamp(v.micros)}'`;
        case 'interval': return `INTERVAL '${v.micros / 1_000_000} seconds'`;
        default: {
          const never: never = v;
          return String(never);
        }
      }
    }
    case 'unary':
      return e.op === 'not' ? `(NOT ${exprName(e.operand)})` : `(${e.op} ${exprName(e.operand)})`;
    case 'binary':
      return `(${exprName(e.left)} ${e.op === 'and' || e.op === 'or' ? e.op.toUpperCase() : e.op} ${exprName(e.right)})`;
    case 'isNull':
      return `(${exprName(e.operand)} IS ${e.negated ? 'NOT ' : ''}NULL)`;
    case 'between':
      return `(${exprName(e.operand)} ${e.negated ? 'NOT ' : ''}BETWEEN ${exprName(e.low)} AND ${exprName(e.high)})`;
    case 'inList':
      return `(${exprName(e.operand)} ${e.negated ? 'NOT ' : ''}IN (${e.list.map(exprName).join(', ')}))`;
    case 'like':
      return `${exprName(e.operand)} ${e.negated ? 'NOT ' : ''}LIKE ${exprName(e.pattern)}`;
    case 'case':
      return 'CASE';
    case 'cast':
      return `CAST(${exprName(e.operand)} AS ${e.type})`;
    case 'call':
      if (e.star) return `${e.name}(*)`;
      return `${e.name}(${e.distinct ? 'DISTINCT ' : ''}${e.args.map(exprName).join(', ')})`;
    default: {
      const never: never = e;
      return String(never);
    }
  }
}
