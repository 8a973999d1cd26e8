// Splits an optimized logical plan into a physical plan: fused stateless stages and stateful operators.

import { assertNever } from '../common/errors.js';
import type { EmitMode } from '../grammar/ast.js';
import type { BoundQuery } from './bind-query.js';
import { isStreamingPlan, type LogicalPlan } from './logical-plan.js';
import type { PhysicalNode, PhysicalQuery, StageStep } from './physical-plan.js';
import { eventTimeColumn } from './watermarked-columns.js';
import { aggregateLag, joinInputLags, joinTimeBounds } from './time-lag.js';
import { isWindowJoin } from './window-join.js';

/** JSON writes Infinity, -Infinity and NaN as null and -0 as 0: subplans that differ only there must not be shared. */
const exactNumbers = (_: string, v: unknown): unknown =>
  typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? `number:${Object.is(v, -0) ? '-0' : String(v)}` : v;

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
        return twoStreams && isWindowJoin(p, mode) ? { ...node, windowJoin: true } : node;
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
