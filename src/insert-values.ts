// Evaluates INSERT ... VALUES rows into an Arrow batch, validating every value before anything is applied.

import type * as arrow from 'apache-arrow';
import { TidemarkError } from '../common/errors.js';
import type { Schema } from '../common/types.js';
import type { InsertStmt } from '../grammar/ast.js';
import { bindExpr, type ScalarValue } from '../planner/index.js';
import { evalConstant } from '../runtime/index.js';
import { batchFromRows } from '../runtime/values.js';
import { tryParseTimestamp } from '../common/time.js';

function convert(v: ScalarValue, from: string, to: Schema[number], target: string, pos: { line: number; column: number }): ScalarValue {
  const bad = (why: string): never => {
    throw new TidemarkError('INVALID_INPUT', `Cannot insert ${v === null ? 'NULL' : from === 'STRING' ? `'${String(v)}'` : String(v)} into column '${to.name}' of ${target} (${to.type}): ${why}. Nothing was inserted.`, pos);
  };
  if (v === null) {
    if (!to.nullable) bad('the column is NOT NULL');
    return null;
  }
  switch (to.type) {
    case 'STRING':
      if (typeof v !== 'string') bad(`expected a STRING, got ${from}`);
      return v;
    case 'BOOLEAN':
      if (typeof v !== 'boolean') bad(`expected a BOOLEAN, got ${from}`);
      return v;
    case 'TIMESTAMP':
      if (typeof v === 'string') return tryParseTimestamp(v) ?? bad('not a timestamp (use YYYY-MM-DD HH:MM:SS)');
      if (from !== 'TIMESTAMP') bad(`expected a TIMESTAMP, got ${from}`);
      return v;
    case 'INT':
    case 'BIGINT':
      if (typeof v !== 'number' || (from !== 'INT' && from !== 'BIGINT')) bad(`expected an integer, got ${from}`);
      if (to.type === 'INT' && ((v as number) < -2147483648 || (v as number) > 2147483647)) bad('out of INT range');
      if (!Number.isSafeInteger(v)) bad('beyond ±9007199254740991 (2^53 - 1), the exact range of BIGINT in Tidemark');
      return v;
    case 'DOUBLE':
      if (typeof v !== 'number' || from === 'TIMESTAMP') bad(`expected a number, got ${from}`);
      return v;
    case 'NULL':
      return v;
    default: {
      const never: never = to.type;
      return never;
    }
  }
}

export function insertBatch(stmt: InsertStmt, schema: Schema, target: string): arrow.RecordBatch {
  const cols = stmt.columns
    ? stmt.columns.map((c) => {
        const i = schema.findIndex((f) => f.name === c.name);
        if (i < 0) throw new TidemarkError('UNRESOLVED_COLUMN', `Column '${c.name}' does not exist in ${target}. Columns: ${schema.map((f) => f.name).join(', ')}.`, c.span);
        return i;
      })
      .map((i, k, all) => {
        if (all.indexOf(i) !== k) {
          throw new TidemarkError('ALREADY_EXISTS', `Column '${schema[i]!.name}' is listed twice in the INSERT column list. List each column once. Nothing was inserted.`, stmt.columns![k]!.span);
        }
        return i;
      })
    : schema.map((_, i) => i);
  const rows = stmt.rows.map((row) => {
    if (row.length !== cols.length) {
      throw new TidemarkError('INVALID_INPUT', `Each row must have ${cols.length} values but one has ${row.length}. Nothing was inserted.`, row[0]?.span ?? stmt.span);
    }
    const out: ScalarValue[] = schema.map(() => null);
    const given = new Set(cols);
    schema.forEach((f, i) => {
      if (!given.has(i) && !f.nullable) {
        throw new TidemarkError('INVALID_INPUT', `Column '${f.name}' is NOT NULL and needs a value. Nothing was inserted.`, stmt.span);
      }
    });
    row.forEach((e, k) => {
      const b = bindExpr(e, { scope: [], clause: 'VALUES' });
      const f = schema[cols[k]!]!;
      out[cols[k]!] = convert(evalConstant(b), b.type, f, target, e.span);
    });
    return out;
  });
  return batchFromRows(schema, rows);
}
