// Stage: generated filters reading BIGINT/TIMESTAMP straight from Arrow int64 buffers agree with a JS reference.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Schema } from '../../common/types.js';
import type { BoundExpr } from '../../planner/bound-expr.js';
import { batchFromRows, rowsFromBatch } from '../values.js';
import { StageOperator } from './stage.js';

const schema: Schema = [
  { name: 'a', type: 'BIGINT', nullable: true },
  { name: 'ts', type: 'TIMESTAMP', nullable: true },
  { name: 'd', type: 'DOUBLE', nullable: true },
];
const col = (index: number): BoundExpr => ({ kind: 'column', index, type: schema[index]!.type, name: schema[index]!.name });
const lit = (value: number, type: 'BIGINT' | 'TIMESTAMP' | 'DOUBLE'): BoundExpr => ({ kind: 'literal', value, type });

// a % 3 = 0 AND ts > 0 — both operands read raw (no selection yet), then a projection computing a * 2 + 1.
const predicate: BoundExpr = {
  kind: 'and',
  left: { kind: 'compare', op: '=', left: { kind: 'arith', op: '%', left: col(0), right: lit(3, 'BIGINT'), type: 'BIGINT' }, right: lit(0, 'BIGINT'), type: 'BOOLEAN' },
  right: { kind: 'compare', op: '>', left: col(1), right: lit(0, 'TIMESTAMP'), type: 'BOOLEAN' },
  type: 'BOOLEAN',
};
const doubled: BoundExpr = { kind: 'arith', op: '+', left: { kind: 'arith', op: '*', left: col(0), right: lit(2, 'BIGINT'), type: 'BIGINT' }, right: lit(1, 'BIGINT'), type: 'BIGINT' };

const big = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), fc.constantFrom(-1, 0, 2 ** 32, -(2 ** 32), 2 ** 31 - 1));

describe('stage over int64 columns', () => {
  it('property: the raw int64 read path filters and projects like a JS reference (with NULLs and negatives)', () => {
    const outSchema: Schema = [schema[0]!, schema[1]!, { name: 'x', type: 'BIGINT', nullable: true }];
    const stage = new StageOperator(
      [{ kind: 'filter', predicate }, { kind: 'project', exprs: [col(0), col(1), doubled], schema: outSchema }],
      schema, outSchema);
    fc.assert(fc.property(fc.array(fc.tuple(fc.option(big, { nil: null }), fc.option(big, { nil: null }), fc.option(fc.double({ noNaN: true }), { nil: null })), { maxLength: 40 }), (rows) => {
      const out = stage.process(batchFromRows(schema, rows)).flatMap((b) => rowsFromBatch(b, outSchema));
      const want = rows
        .filter(([a, ts]) => a !== null && ts !== null && a % 3 === 0 && ts > 0)
        .map(([a, ts]) => [a === 0 ? 0 : a, ts, a! * 2 + 1]);
      expect(out.map((r) => r.map((v) => (v === 0 ? 0 : v)))).toEqual(want.map((r) => r.map((v) => (v === 0 ? 0 : v))));
    }), { numRuns: 300 });
  });
});
