// StreamTableJoinOperator against the batch hash join on random rows: same pairs, NULL keys, residual conditions.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JoinType, Schema } from '../../common/types.js';
import type { BoundExpr, PhysicalNode } from '../../planner/index.js';
import type { ScalarValue } from '../../planner/bound-expr.js';
import { batchFromRows, rowsFromBatch } from '../values.js';
import { hashJoin } from './hash-join.js';
import { StreamTableJoinOperator } from './stream-table-join.js';

const f = (name: string, type: Schema[number]['type']): Schema[number] => ({ name, type, nullable: true });
const streamSchema: Schema = [f('k', 'BIGINT'), f('s', 'STRING'), f('v', 'INT')];
const tableSchema: Schema = [f('id', 'BIGINT'), f('name', 'STRING'), f('lim', 'INT')];
const col = (index: number, s: Schema[number]): BoundExpr => ({ kind: 'column', index, type: s.type, name: s.name });

type Row = ScalarValue[];
const sortRows = (rows: Row[]): string[] => rows.map((r) => JSON.stringify(r)).sort();

function node(streamLeft: boolean, joinType: JoinType, residual: boolean, stringKey: boolean): Extract<PhysicalNode, { kind: 'join' }> {
  const [l, r] = streamLeft ? [streamSchema, tableSchema] : [tableSchema, streamSchema];
  const n = l.length;
  const eq = (a: number, b: number): BoundExpr => ({ kind: 'compare', op: '=', left: col(a, [...l, ...r][a]!), right: col(b, [...l, ...r][b]!), type: 'BOOLEAN' });
  let cond: BoundExpr = eq(0, n);
  if (stringKey) cond = { kind: 'and', left: cond, right: eq(1, n + 1), type: 'BOOLEAN' };
  if (residual) {
    // stream.v < table.lim, whichever side is left.
    const [sv, tl] = streamLeft ? [2, n + 2] : [n + 2, 2];
    cond = { kind: 'and', left: cond, right: { kind: 'compare', op: '<', left: col(sv, streamSchema[2]!), right: col(tl, tableSchema[2]!), type: 'BOOLEAN' }, type: 'BOOLEAN' };
  }
  const scan = (s: Schema, streaming: boolean): PhysicalNode => ({ kind: 'scan', relation: streaming ? 'st' : 'tb', relationKind: streaming ? 'source' : 'table', streaming, schema: s });
  return {
    kind: 'join', id: 1, bounds: undefined, lags: [0, 0], left: scan(l, streamLeft), right: scan(r, !streamLeft), joinType, condition: cond, schema: [...l, ...r],
  };
}

const key = fc.option(fc.integer({ min: 1, max: 4 }), { nil: null, freq: 6 });
const str = fc.option(fc.constantFrom('a', 'b'), { nil: null, freq: 6 });
const int = fc.option(fc.integer({ min: 0, max: 5 }), { nil: null, freq: 6 });
const rows = fc.array(fc.tuple(key, str, int).map((t): Row => [...t]), { maxLength: 12 });

describe('StreamTableJoinOperator', () => {
  it('property: every stream batch joins the table exactly like the batch hash join (inner and stream-side outer)', () => {
    fc.assert(fc.property(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), rows, fc.array(rows, { minLength: 1, maxLength: 3 }),
      (streamLeft, outer, residual, stringKey, tableRows, streamBatches) => {
        const joinType: JoinType = outer ? (streamLeft ? 'left' : 'right') : 'inner';
        const n = node(streamLeft, joinType, residual, stringKey);
        const table = [batchFromRows(tableSchema, tableRows)];
        const op = new StreamTableJoinOperator(n, streamLeft, () => table);
        op.begin();
        for (const rs of streamBatches) {
          const batch = batchFromRows(streamSchema, rs);
          const got = op.process(batch).flatMap((b) => rowsFromBatch(b, n.schema));
          const want = streamLeft
            ? hashJoin([batch], streamSchema, table, tableSchema, joinType, n.condition, n.schema)
            : hashJoin(table, tableSchema, [batch], streamSchema, joinType, n.condition, n.schema);
          expect(sortRows(got)).toEqual(sortRows(rowsFromBatch(want, n.schema)));
        }
      }), { numRuns: 400 });
  });

  it('sees the table as it is when a micro-batch begins', () => {
    const n = node(true, 'inner', false, false);
    let table = [batchFromRows(tableSchema, [[1, 'x', 0]])];
    const op = new StreamTableJoinOperator(n, true, () => table);
    const run = (): Row[] => {
      op.begin();
      return op.process(batchFromRows(streamSchema, [[1, 'a', 1], [2, 'b', 2]])).flatMap((b) => rowsFromBatch(b, n.schema));
    };
    expect(run()).toEqual([[1, 'a', 1, 1, 'x', 0]]);
    table = [batchFromRows(tableSchema, [[1, 'x', 0], [2, 'y', 3]])];
    expect(sortRows(run())).toEqual(sortRows([[1, 'a', 1, 1, 'x', 0], [2, 'b', 2, 2, 'y', 3]]));
  });
});
