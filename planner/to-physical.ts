// Splits an optimized logical plan into a physical plan: fused stateless stages and stateful operators.

import { assertNever } from '../common/errors.js';
import type { EmitMode } from '../grammar/ast.js';
import type { BoundQuery } from './bind-query.js';
import { isStreamingPlan, type LogicalPlan } from './logical-plan.js';
import type { LateTime, PhysicalNode, PhysicalQuery, StageStep } from './physical-plan.js';
import type { TimeBounds } from './join-bounds.js';
import { eventTimeColumn, watermarkedColumns } from './watermarked-columns.js';
import { aggregateLag, joinInputLags, joinTimeBounds, timeLag } from './time-lag.js';
import { isWindowJoin } from './window-join.js';

/** JSON writes Infinity, -Infinity and NaN as null and -0 as 0: subplans that differ only there must not be shared. */
const exactNumbers = (_: string, v: unknown): unknown =>
  typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? `number:${Object.is(v, -0) ? '-0' : String(v)}` : v;

/**
 * Each side of a stream–stream join drops the rows late on its watermarked event time, whatever ON says (as Spark
 * filters each input by its watermark before joining): the side's time in the range when it has a watermark whose
 * lag is bounded, else its first watermarked column that has one. Undefined when that is what `bounds` and `lags`
 * already say (the operator then judges each side by its time in the range, less its lag).
 */
function lateTimes(p: Extract<LogicalPlan, { kind: 'join' }>, bounds: TimeBounds | undefined, lags: readonly [number, number]): [LateTime | undefined, LateTime | undefined] | undefined {
  const nLeft = p.left.schema.length;
  const same = (a: LateTime | undefined, b: LateTime | undefined): boolean => a?.column === b?.column && a?.lag === b?.lag;
  /** The side's late time, and what the operator would use without lateTimes. */
  const forSide = (side: 0 | 1): [LateTime | undefined, LateTime | undefined] => {
    const input = side === 0 ? p.left : p.right;
    const offset = side === 0 ? 0 : nLeft;
    const inRange = bounds ? (side === 0 ? bounds.leftTime : bounds.rightTime) - offset : undefined;
    const watermarked = [...watermarkedColumns(input)];
    const candidates = inRange !== undefined && watermarked.includes(inRange) ? [inRange, ...watermarked] : watermarked;
    const c = candidates.find((i) => Number.isFinite(timeLag(input, i)));
    const late = c === undefined ? undefined : { column: c + offset, lag: timeLag(input, c) };
    const byRange = inRange !== undefined && Number.isFinite(lags[side]) ? { column: inRange + offset, lag: lags[side] } : undefined;
    return [late, byRange];
  };
  const l = forSide(0);
  const r = forSide(1);
  return same(l[0], l[1]) && same(r[0], r[1]) ? undefined : [l[0], r[0]];
}

export function toPhysical(plan: LogicalPlan, q: BoundQuery, streaming: boolean, mode: EmitMode): PhysicalQuery {
  let nextId = 1;
  const sources = new Set<string>();
  let usesWatermark = false;

  // Identical subplans (Nexmark q5 aggregates the same windows twice) become one node, which the runtime runs once
  // for all its consumers. Scans stay apart: each is a leaf the executor feeds.
  const shared = new Map<string, PhysicalNode>();
  const build = (p: LogicalPlan): PhysicalNode => {
    if (p.kind === 'scan' || p.kind === 'oneRow') return buildNode(p);
    const key = JSON.stringify(p, exactNumbers);
    let n = shared.get(key);
    if (!n) shared.set(key, (n = buildNode(p)));
    return n;
  };
  const buildNode = (p: LogicalPlan): PhysicalNode => {
    switch (p.kind) {
      case 'scan':
        sources.add(p.relation);
        return { kind: 'scan', relation: p.relation, relationKind: p.relationKind, streaming: p.streaming, schema: p.schema };
      case 'oneRow':
        return { kind: 'oneRow', schema: p.schema };
      case 'filter':
      case 'project': {
        // Fuse the maximal chain of stateless nodes into one stage.
        const steps: StageStep[] = [];
        let cur: LogicalPlan = p;
        while (cur.kind === 'filter' || cur.kind === 'project') {
          steps.unshift(cur.kind === 'filter'
            ? { kind: 'filter', predicate: cur.predicate }
            : { kind: 'project', exprs: cur.exprs, schema: cur.schema });
          cur = cur.input;
        }
        const input = build(cur);
        return { kind: 'stage', id: nextId++, input, steps, schema: p.schema };
      }
      case 'watermark':
        return { kind: 'watermark', id: nextId++, input: build(p.input), columnIndex: p.columnIndex, delayMicros: p.delayMicros, schema: p.schema };
      case 'aggregate': {
        const input = build(p.input);
        // An aggregation of a table (the table side of a stream–table join) runs afresh as a batch plan.
        const live = streaming && isStreamingPlan(p.input);
        const ev = live && mode !== 'complete' ? eventTimeColumn(p) : undefined;
        const evOut = ev === undefined ? undefined : p.window ? ev : (p.window ? 2 : 0) + ev;
        if (evOut !== undefined) usesWatermark = true;
        return {
          kind: 'aggregate', id: nextId++, input, keys: p.keys, window: p.window, aggs: p.aggs, schema: p.schema,
          stateful: live, eventTimeColumn: evOut, dedup: p.dedup === true, lag: evOut === undefined ? 0 : aggregateLag(p),
        };
      }
      case 'sort':
        return { kind: 'sort', input: build(p.input), keys: p.keys, schema: p.schema };
      case 'limit':
        return { kind: 'limit', input: build(p.input), count: p.count, schema: p.schema };
      case 'join': {
        const twoStreams = streaming && isStreamingPlan(p.left) && isStreamingPlan(p.right);
        const bounds = twoStreams ? joinTimeBounds(p) : undefined;
        if (bounds) usesWatermark = true;
        const lags = bounds ? joinInputLags(p) : ([0, 0] as const);
        const node = { kind: 'join', id: nextId++, left: build(p.left), right: build(p.right), joinType: p.joinType, condition: p.condition, schema: p.schema, bounds, lags } as const;
        // Only set when true, so the plans (and checkpoint fingerprints) of other joins stay as they were.
        if (twoStreams && isWindowJoin(p, mode)) return { ...node, windowJoin: true };
        const late = twoStreams ? lateTimes(p, bounds, lags) : undefined;
        return late ? { ...node, lateTimes: late } : node;
      }
      case 'union':
        return { kind: 'union', id: nextId++, inputs: p.inputs.map(build), schema: p.schema };
      default:
        return assertNever(p, 'plan node');
    }
  };
  const root = build(plan);
  return {
    root, streaming, mode, schema: q.schema, keyColumns: q.keyColumns, usesWatermark, orderBy: q.orderBy, sources: [...sources],
  };
}
