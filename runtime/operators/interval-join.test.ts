// IntervalJoinOperator against the join computed over every non-late row at once, across restores.

import * as arrow from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JoinType, Schema } from '../../common/types.js';
import type { BoundExpr, ScalarValue } from '../../planner/bound-expr.js';
import { timeBounds } from '../../planner/join-bounds.js';
import type { PhysicalNode } from '../../planner/physical-plan.js';
import { batchFromRows, rowsFromBatch } from '../values.js';
import { IntervalJoinOperator } from './interval-join.js';

type Row = ScalarValue[];
const S = 1_000_000;
const f = (name: string, type: Schema[number]['type']): Schema[number] => ({ name, type, nullable: true });
const L: Schema = [f('k', 'BIGINT'), f('lt', 'TIMESTAMP'), f('ls', 'STRING')];
const R: Schema = [f('k', 'BIGINT'), f('rt', 'TIMESTAMP')];
const col = (i: number): BoundExpr => ({ kind: 'column', index: i, type: [...L, ...R][i]!.type, name: [...L, ...R][i]!.name });
const cmp = (op: '>=' | '<=' | '=', a: BoundExpr, b: BoundExpr): BoundExpr => ({ kind: 'compare', op, left: a, right: b, type: 'BOOLEAN' });
const and = (a: BoundExpr, b: BoundExpr): BoundExpr => ({ kind: 'and', left: a, right: b, type: 'BOOLEAN' });
const plus = (e: BoundExpr, micros: number): BoundExpr => ({ kind: 'arith', op: '+', left: e, right: { kind: 'literal', value: micros, type: 'BIGINT' }, type: 'TIMESTAMP' });

/** l.k = r.k AND r.rt BETWEEN l.lt + lo AND l.lt + hi, i.e. -hi <= lt - rt <= -lo. */
function node(joinType: JoinType, lo: number, hi: number): Extract<PhysicalNode, { kind: 'join' }> {
  const condition = and(cmp('=', col(0), col(3)), and(cmp('>=', col(4), plus(col(1), lo)), cmp('<=', col(4), plus(col(1), hi))));
  const scan = (s: Schema): PhysicalNode => ({ kind: 'scan', relation: 'x', relationKind: 'source', streaming: true, schema: s });
  return { kind: 'join', id: 1, left: scan(L), right: scan(R), joinType, condition, schema: [...L, ...R], bounds: timeBounds(condition, L.length), lags: [0, 0] };
}

const roundTrip = (b: arrow.RecordBatch): arrow.RecordBatch => arrow.tableFromIPC(arrow.tableToIPC(new arrow.Table([b]), 'file')).batches[0]!;
const sorted = (rows: Row[]): string[] => rows.map((r) => JSON.stringify(r)).sort();

interface Step { readonly left: Row[]; readonly right: Row[]; readonly wm: number | undefined }

const key = fc.option(fc.integer({ min: 1, max: 3 }), { nil: null, freq: 8 });
const time = fc.option(fc.integer({ min: 0, max: 30 }).map((x) => x * S), { nil: null, freq: 12 });
const leftRow = fc.tuple(key, time, fc.constantFrom('x', 'yy')).map((t): Row => [...t]);
const rightRow = fc.tuple(key, time).map((t): Row => [...t]);

describe('IntervalJoinOperator', () => {
  it('property: over a run, emits exactly the join of all non-late rows (outer rows padded once), across restores', () => {
    fc.assert(fc.property(
      fc.constantFrom<JoinType>('inner', 'left', 'right', 'full'),
      fc.integer({ min: -5, max: 5 }), fc.integer({ min: 0, max: 6 }),
      fc.array(fc.record({ left: fc.array(leftRow, { maxLength: 5 }), right: fc.array(rightRow, { maxLength: 5 }), step: fc.integer({ min: 0, max: 8 }) }), { minLength: 1, maxLength: 6 }),
      fc.nat(), fc.boolean(),
      (joinType, lo0, width, raw, cutSeed, viaDeltas) => {
        const lo = lo0 * S;
        const hi = lo + width * S;
        const n = node(joinType, lo, hi);
        // A nondecreasing watermark; a final step at a far watermark settles every row.
        let wm: number | undefined;
        const steps: Step[] = raw.map((s) => {
          const cur = wm;
          wm = (wm ?? 0) + s.step * S;
          return { left: s.left, right: s.right, wm: cur };
        });
        steps.push({ left: [], right: [], wm: 1000 * S });
        let op = new IntervalJoinOperator(n, n.bounds, 1);
        const deltas: arrow.RecordBatch[] = [];
        const got: Row[] = [];
        const cut = cutSeed % steps.length;
        steps.forEach((s, i) => {
          if (i === cut && i > 0) {
            const fresh = new IntervalJoinOperator(n, n.bounds, 1);
            if (viaDeltas) {
              fresh.restore(undefined);
              for (const d of deltas) fresh.applyDelta(d);
            } else {
              fresh.restore(roundTrip(op.snapshot()));
            }
            op = fresh;
          }
          const ctx = { batchId: i, watermark: s.wm, previousWatermark: undefined };
          const out = [
            ...(s.left.length ? op.process(batchFromRows(L, s.left), ctx, 0) : []),
            ...(s.right.length ? op.process(batchFromRows(R, s.right), ctx, 1) : []),
            ...op.finish(ctx),
          ];
          got.push(...out.flatMap((b) => rowsFromBatch(b, n.schema)));
          deltas.push(roundTrip(op.takeDelta()));
        });
        // Reference: rows with a time above their batch's watermark, joined all at once.
        const live = (rows: (s: Step) => Row[]): Row[] => steps.flatMap((s) => rows(s).filter((r) => r[1] !== null && (s.wm === undefined || (r[1] as number) > s.wm)));
        const ls = live((s) => s.left);
        const rs = live((s) => s.right);
        const want: Row[] = [];
        const lm = new Set<number>();
        const rm = new Set<number>();
        ls.forEach((l, a) => rs.forEach((r, b) => {
          const d = (r[1] as number) - (l[1] as number);
          if (l[0] !== null && l[0] === r[0] && d >= lo && d <= hi) {
            want.push([...l, ...r]);
            lm.add(a);
            rm.add(b);
          }
        }));
        if (joinType === 'left' || joinType === 'full') ls.forEach((l, a) => { if (!lm.has(a)) want.push([...l, null, null]); });
        if (joinType === 'right' || joinType === 'full') rs.forEach((r, b) => { if (!rm.has(b)) want.push([null, null, null, ...r]); });
        expect(sorted(got)).toEqual(sorted(want));
        expect(op.metrics.numRowsTotal).toBe(0);
      }), { numRuns: 400 });
  });

  it('reads the time range from BETWEEN and from shifted comparisons in either order', () => {
    expect(node('inner', -2 * S, 3 * S).bounds).toEqual({ leftTime: 1, rightTime: 4, lower: -3 * S, upper: 2 * S });
    const c = cmp('<=', plus(col(4), 5 * S), col(1)); // rt + 5s <= lt  =>  lt - rt >= 5s
    expect(timeBounds(c, L.length)).toEqual({ leftTime: 1, rightTime: 4, lower: 5 * S, upper: Infinity });
  });
});
