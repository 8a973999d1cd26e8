// WindowJoinOperator against the batch hash join: each micro-batch's rows of both sides join among themselves.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Schema } from '../../common/types.js';
import type { BoundExpr, PhysicalNode } from '../../planner/index.js';
import type { ScalarValue } from '../../planner/bound-expr.js';
import { batchFromRows, rowsFromBatch } from '../values.js';
import { hashJoin } from './hash-join.js';
import { WindowJoinOperator } from './window-join.js';

const f = (name: string, type: Schema[number]['type']): Schema[number] => ({ name, type, nullable: true });
const left: Schema = [f('id', 'BIGINT'), f('name', 'STRING'), f('we', 'TIMESTAMP')];
const right: Schema = [f('seller', 'BIGINT'), f('we', 'TIMESTAMP'), f('n', 'INT')];
const all = [...left, ...right];
const col = (i: number): BoundExpr => ({ kind: 'column', index: i, type: all[i]!.type, name: all[i]!.name });
const and = (a: BoundExpr, b: BoundExpr): BoundExpr => ({ kind: 'and', left: a, right: b, type: 'BOOLEAN' });
const eq = (a: number, b: number): BoundExpr => ({ kind: 'compare', op: '=', left: col(a), right: col(b), type: 'BOOLEAN' });
// l.id = r.seller AND l.we = r.we AND r.n > 1 (a residual term).
const condition = and(and(eq(0, 3), eq(2, 4)), { kind: 'compare', op: '>', left: col(5), right: { kind: 'literal', value: 1, type: 'INT' }, type: 'BOOLEAN' });
const scan = (s: Schema, relation: string): PhysicalNode => ({ kind: 'scan', relation, relationKind: 'source', streaming: true, schema: s });
const node: Extract<PhysicalNode, { kind: 'join' }> = {
  kind: 'join', id: 1, left: scan(left, 'p'), right: scan(right, 'a'), joinType: 'inner', condition, schema: all,
  bounds: { leftTime: 2, rightTime: 4, lower: 0, upper: 0 }, lags: [0, 0], windowJoin: true,
};

type Row = ScalarValue[];
const sorted = (rows: Row[]): string[] => rows.map((r) => JSON.stringify(r)).sort();
const id = fc.option(fc.integer({ min: 1, max: 4 }), { nil: null, freq: 6 });
const end = fc.constantFrom(10_000_000, 20_000_000);
const leftRows = fc.array(fc.tuple(id, fc.constantFrom('a', 'b'), end).map((t): Row => [...t]), { maxLength: 10 });
const rightRows = fc.array(fc.tuple(id, end, fc.integer({ min: 0, max: 3 })).map((t): Row => [...t]), { maxLength: 10 });
const ctx = { batchId: 0, watermark: undefined, previousWatermark: undefined };

describe('WindowJoinOperator', () => {
  it('property: a micro-batch of several batches per side joins like the batch hash join, hashing either side, and keeps nothing', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.array(leftRows, { maxLength: 3 }), fc.array(rightRows, { maxLength: 3 })), { minLength: 1, maxLength: 3 }),
      (microBatches) => {
        const op = new WindowJoinOperator(node);
        for (const [ls, rs] of microBatches) {
          const lb = ls.map((r) => batchFromRows(left, r));
          const rb = rs.map((r) => batchFromRows(right, r));
          // Interleaved arrival, as two chains deliver.
          for (let i = 0; i < Math.max(lb.length, rb.length); i++) {
            if (lb[i]) expect(op.process(lb[i]!, ctx, 0)).toEqual([]);
            if (rb[i]) expect(op.process(rb[i]!, ctx, 1)).toEqual([]);
          }
          const got = op.finish().flatMap((b) => rowsFromBatch(b, all));
          const want = rowsFromBatch(hashJoin(lb, left, rb, right, 'inner', condition, all), all);
          expect(sorted(got)).toEqual(sorted(want));
        }
      }), { numRuns: 300 });
  });

  it('emits nothing when one side has no rows in the batch, and forgets the other side\'s rows', () => {
    const op = new WindowJoinOperator(node);
    op.process(batchFromRows(left, [[1, 'a', 10_000_000]]), ctx, 0);
    expect(op.finish()).toEqual([]);
    op.process(batchFromRows(right, [[1, 10_000_000, 2]]), ctx, 1);
    expect(op.finish()).toEqual([]);
  });
});
