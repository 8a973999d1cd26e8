// The late-row table: its schema for one dropping operator (unchanged) and for several (the union), and late batches
// mapped into it.

import { describe, expect, it } from 'vitest';
import type { DataType, Field, Schema } from '../common/types.js';
import { col } from '../planner/bound-expr.js';
import type { PhysicalNode } from '../planner/physical-plan.js';
import { lateTable, lateTableSchema, toLateRows } from './late-table.js';
import { lateRowsSchema } from './operators/late-rows.js';
import { batchFromRows, rowsFromBatch } from './values.js';

const f = (name: string, type: DataType, nullable = true): Field => ({ name, type, nullable });
const scan = (relation: string, schema: Schema): PhysicalNode => ({ kind: 'scan', relation, relationKind: 'source', streaming: true, schema });
const names = (s: Schema | undefined): string[] => (s ?? []).map((x) => `${x.name} ${x.type}${x.nullable ? '' : ' NOT NULL'}`);

/** A stateful aggregation over `input` that drops late rows: windowed on input column `time`, or by its event time. */
function agg(id: number, input: PhysicalNode, how: { window?: number; event?: number; dedup?: boolean; stateful?: boolean }): PhysicalNode {
  const time = how.window ?? how.event ?? 0;
  const t = col(time, 'TIMESTAMP', input.schema[time]!.name);
  const window = how.window === undefined ? undefined : { kind: 'hop' as const, time: t, sizeMicros: 10_000_000, slideMicros: 10_000_000, startMicros: 0 };
  const schema: Schema = how.window === undefined ? input.schema : [f('window_start', 'TIMESTAMP'), f('window_end', 'TIMESTAMP')];
  return {
    kind: 'aggregate', id, input, keys: how.window === undefined ? [t] : [], window, aggs: [], schema,
    stateful: how.stateful ?? true, eventTimeColumn: how.window === undefined && how.event === undefined ? undefined : how.window === undefined ? time : 1,
    dedup: how.dedup === true, lag: 0,
  };
}

function join(id: number, left: PhysicalNode, right: PhysicalNode): PhysicalNode {
  return {
    kind: 'join', id, left, right, joinType: 'inner', condition: undefined, schema: [...left.schema, ...right.schema],
    bounds: { leftTime: 1, rightTime: left.schema.length + 1, lower: 0, upper: 0 }, lags: [0, 0],
  };
}

const union = (id: number, ...inputs: PhysicalNode[]): PhysicalNode => ({ kind: 'union', id, inputs, schema: inputs[0]!.schema });

const person = scan('person', [f('id', 'BIGINT'), f('ts', 'TIMESTAMP', false), f('tag', 'STRING')]);
const auction = scan('auction', [f('seller', 'BIGINT'), f('ts', 'TIMESTAMP'), f('tag', 'BIGINT'), f('_batch', 'BIGINT')]);

describe('late-row table schema', () => {
  it('keeps the single-operator schema when one operator drops rows (no _operator, input nullability kept)', () => {
    expect(names(lateTableSchema(agg(2, person, { window: 1 })))).toEqual([
      'id BIGINT', 'ts TIMESTAMP NOT NULL', 'tag STRING', '_batch BIGINT NOT NULL', '_watermark TIMESTAMP', '_window_end TIMESTAMP',
    ]);
    expect(names(lateTableSchema(agg(2, person, { event: 1, dedup: true })))).toEqual([
      'id BIGINT', 'ts TIMESTAMP NOT NULL', 'tag STRING', '_batch BIGINT NOT NULL', '_watermark TIMESTAMP', '_event_time TIMESTAMP',
    ]);
    // A stream–stream join: a name both sides have is name_left / name_right.
    expect(names(lateTableSchema(join(1, person, scan('bid', [f('id', 'BIGINT'), f('bts', 'TIMESTAMP')]))))).toEqual([
      'id_left BIGINT', 'ts TIMESTAMP', 'tag STRING', 'id_right BIGINT', 'bts TIMESTAMP', '_batch BIGINT NOT NULL', '_watermark TIMESTAMP', '_event_time TIMESTAMP',
    ]);
  });

  it('counts only operators that drop rows, and a shared subplan once', () => {
    const a = agg(2, person, { window: 1 });
    // An aggregation without an event time (state grows, nothing late) above the dropper does not count.
    expect(lateTable(agg(3, a, {}))?.droppers.map((d) => d.label)).toEqual(['aggregate 2']);
    expect(lateTable(union(5, a, a))?.schema).toEqual(lateTableSchema(a));
    expect(lateTable(scan('person', person.schema))).toBeUndefined();
    expect(lateTable(agg(2, person, { stateful: false, window: 1 }))).toBeUndefined();
  });

  it('unions the columns of several droppers in EXPLAIN order, merging same name and type, suffixing the rest', () => {
    // A join (id 1) of a windowed aggregation of person (id 3) and a DISTINCT of auction (id 6).
    const t = lateTable(join(1, agg(3, person, { window: 1 }), agg(6, auction, { event: 1, dedup: true })))!;
    expect(t.droppers.map((d) => d.label)).toEqual(['join 1', 'aggregate 3', 'deduplicate 6']);
    expect(names(t.schema)).toEqual([
      '_operator STRING NOT NULL',
      // The join: window_start / window_end of the left, seller, ts, tag (BIGINT), _batch of the right; tag is STRING
      // in aggregate 3, so each has its own (tag_1, tag_3, tag_6), and _batch is one of the table's own names.
      'window_start TIMESTAMP', 'window_end TIMESTAMP', 'seller BIGINT', 'ts TIMESTAMP', 'tag_1 BIGINT', '_batch_1 BIGINT',
      // aggregate 3: id is new, ts is the join's (same name and type; nullability does not matter).
      'id BIGINT', 'tag_3 STRING',
      // deduplicate 6: seller and ts are the join's.
      'tag_6 BIGINT', '_batch_6 BIGINT',
      '_batch BIGINT NOT NULL', '_watermark TIMESTAMP', '_window_end TIMESTAMP', '_event_time TIMESTAMP',
    ]);
    const at = (name: string): number => t.schema.findIndex((x) => x.name === name);
    // Each dropper's late columns (its input, then its deciding time) land by name.
    expect(t.droppers[0]!.columns).toEqual([at('window_start'), at('window_end'), at('seller'), at('ts'), at('tag_1'), at('_batch_1'), at('_event_time')]);
    expect(t.droppers[1]!.columns).toEqual([at('id'), at('ts'), at('tag_3'), at('_window_end')]);
    expect(t.droppers[2]!.columns).toEqual([at('seller'), at('ts'), at('tag_6'), at('_batch_6'), at('_event_time')]);
  });

  it('names an aggregation\'s input right over a join as the join does, so they share columns', () => {
    const imp = scan('imp', [f('ad', 'BIGINT'), f('its', 'TIMESTAMP')]);
    const clk = scan('clk', [f('ad', 'BIGINT'), f('cts', 'TIMESTAMP')]);
    const t = lateTable(agg(4, join(1, imp, clk), { window: 1 }))!;
    expect(t.droppers.map((d) => d.label)).toEqual(['aggregate 4', 'join 1']);
    expect(t.schema.map((x) => x.name)).toEqual(['_operator', 'ad_left', 'its', 'ad_right', 'cts', '_batch', '_watermark', '_window_end', '_event_time']);
    expect(t.droppers[0]!.columns).toEqual([1, 2, 3, 4, 7]);
    expect(t.droppers[1]!.columns).toEqual([1, 2, 3, 4, 8]);
    // Through a filter too (its rows have the join's shape).
    const j = join(1, imp, clk);
    const filtered: PhysicalNode = { kind: 'stage', id: 2, input: j, steps: [{ kind: 'filter', predicate: { kind: 'isNull', operand: col(2, 'BIGINT', 'ad'), negated: true, type: 'BOOLEAN' } }], schema: j.schema };
    expect(lateTable(agg(4, filtered, { window: 1 }))!.schema).toEqual(t.schema);
  });

  it('gives a name one dropper has twice a second column', () => {
    const twice = scan('s', [f('x', 'BIGINT'), f('ts', 'TIMESTAMP'), f('x', 'BIGINT')]);
    const t = lateTable(union(9, agg(2, twice, { window: 1 }), agg(4, scan('s', twice.schema), { event: 1, dedup: true })))!;
    expect(t.schema.map((x) => x.name)).toEqual(['_operator', 'x', 'ts', 'x_2', '_batch', '_watermark', '_window_end', '_event_time']);
    expect(t.droppers[0]!.columns).toEqual([1, 2, 3, 6]);
    // The other dropper's second x is the first's second x.
    expect(t.droppers[1]!.columns).toEqual([1, 2, 3, 7]);
  });
});

describe('late rows in the table', () => {
  it('moves a dropper\'s columns to theirs and fills _operator, _batch, _watermark; every other column NULL', () => {
    const t = lateTable(union(9, agg(3, person, { window: 1 }), agg(6, auction, { event: 1, dedup: true })))!;
    expect(t.schema.map((x) => x.name)).toEqual(['_operator', 'id', 'ts', 'tag_3', 'seller', 'tag_6', '_batch_6', '_batch', '_watermark', '_window_end', '_event_time']);
    const late = batchFromRows(lateRowsSchema(auction.schema, 'event'), [[7, 5_000_000, 42, 1, 5_000_000], [8, 6_000_000, null, 2, 6_000_000]]);
    const rows = rowsFromBatch(toLateRows(t, t.droppers[1]!, late, 4, 12_000_000), t.schema);
    expect(rows).toEqual([
      ['deduplicate 6', null, 5_000_000, null, 7, 42, 1, 4, 12_000_000, null, 5_000_000],
      ['deduplicate 6', null, 6_000_000, null, 8, null, 2, 4, 12_000_000, null, 6_000_000],
    ]);
    const early = batchFromRows(lateRowsSchema(person.schema, 'window'), [[1, 3_000_000, 'x', 10_000_000]]);
    expect(rowsFromBatch(toLateRows(t, t.droppers[0]!, early, 0, undefined), t.schema)).toEqual([
      ['aggregate 3', 1, 3_000_000, 'x', null, null, null, 0, null, 10_000_000, null],
    ]);
  });

  it('keeps the single-operator layout: columns, _batch, _watermark, then the deciding time', () => {
    const t = lateTable(agg(3, person, { window: 1 }))!;
    const late = batchFromRows(lateRowsSchema(person.schema, 'window'), [[1, 3_000_000, 'x', 10_000_000]]);
    expect(rowsFromBatch(toLateRows(t, t.droppers[0]!, late, 2, 11_000_000), t.schema)).toEqual([[1, 3_000_000, 'x', 2, 11_000_000, 10_000_000]]);
  });
});
