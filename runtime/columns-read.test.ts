// columnsRead: the columns of each plan node that the nodes above read, through stages, aggregations and shared inputs.

import { describe, expect, it } from 'vitest';
import type { DataType, Field, Schema } from '../common/types.js';
import { col } from '../planner/bound-expr.js';
import type { PhysicalNode } from '../planner/physical-plan.js';
import { columnsRead } from './columns-read.js';

const f = (name: string, type: DataType): Field => ({ name, type, nullable: true });
const scan = (relation: string, schema: Schema): PhysicalNode => ({ kind: 'scan', relation, relationKind: 'source', streaming: true, schema });
const a = scan('a', [f('k', 'BIGINT'), f('ts', 'TIMESTAMP'), f('x', 'STRING')]);
const b = scan('b', [f('k', 'BIGINT'), f('ts', 'TIMESTAMP'), f('y', 'DOUBLE')]);
const join: PhysicalNode = {
  kind: 'join', id: 1, left: a, right: b, joinType: 'inner', condition: undefined, schema: [...a.schema, ...b.schema],
  bounds: { leftTime: 1, rightTime: 4, lower: 0, upper: 0 }, lags: [0, 0],
};
const project = (id: number, input: PhysicalNode, cols: readonly number[], filterOn?: number): PhysicalNode => ({
  kind: 'stage', id, input,
  steps: [
    ...(filterOn === undefined ? [] : [{ kind: 'filter' as const, predicate: col(filterOn, 'BOOLEAN', 'p') }]),
    { kind: 'project', exprs: cols.map((c) => col(c, input.schema[c]!.type, input.schema[c]!.name)), schema: cols.map((c) => input.schema[c]!) },
  ],
  schema: cols.map((c) => input.schema[c]!),
});
const sorted = (s: Set<number> | undefined): number[] | undefined => (s ? [...s].sort((x, y) => x - y) : undefined);

describe('columnsRead', () => {
  it('a projection (and the filters before it) read their columns; the query output reads all', () => {
    const top = project(2, join, [0, 5], 2);
    const r = columnsRead(top);
    expect(sorted(r.get(join))).toEqual([0, 2, 5]);
    expect(r.get(top)).toBeUndefined();
  });

  it('an aggregation reads its keys, window time and arguments', () => {
    const agg: PhysicalNode = {
      kind: 'aggregate', id: 3, input: join, keys: [col(3, 'BIGINT', 'k')], aggs: [{ fn: 'sum', arg: col(5, 'DOUBLE', 'y'), type: 'DOUBLE' }],
      window: { kind: 'hop', time: col(1, 'TIMESTAMP', 'ts'), sizeMicros: 10, slideMicros: 10, startMicros: 0 },
      schema: [f('window_start', 'TIMESTAMP'), f('window_end', 'TIMESTAMP'), f('k', 'BIGINT'), f('s', 'DOUBLE')],
      stateful: true, eventTimeColumn: 1, dedup: false, lag: 0,
    };
    expect(sorted(columnsRead(agg).get(join))).toEqual([1, 3, 5]);
  });

  it('a node read by several consumers gets the union; any consumer that reads everything makes it all', () => {
    const u: PhysicalNode = { kind: 'union', id: 4, inputs: [project(2, join, [0]), project(3, join, [4])], schema: [f('k', 'BIGINT')] };
    expect(sorted(columnsRead(u).get(join))).toEqual([0, 4]);
    const v: PhysicalNode = { kind: 'union', id: 5, inputs: [project(2, join, [0]), join], schema: join.schema };
    expect(columnsRead(v).get(join)).toBeUndefined();
    // A stage without a projection passes every column on.
    const filterOnly: PhysicalNode = { kind: 'stage', id: 6, input: join, steps: [{ kind: 'filter', predicate: col(2, 'BOOLEAN', 'p') }], schema: join.schema };
    expect(columnsRead(project(7, filterOnly, [0])).get(join)).toBeUndefined();
  });
});
