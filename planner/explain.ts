// EXPLAIN: prints the physical plan, its fused stages, which operators hold state, the watermark and the output mode.

import { assertNever } from '../common/errors.js';
import { formatSchema } from '../common/types.js';
import { exprToString } from './bound-expr.js';
import { physicalChildren, type PhysicalNode, type PhysicalQuery } from './physical-plan.js';
import type { AggCall } from './logical-plan.js';

function duration(micros: number): string {
  const units: [number, string][] = [[86_400_000_000, 'day'], [3_600_000_000, 'hour'], [60_000_000, 'minute'], [1_000_000, 'second'], [1000, 'millisecond']];
  for (const [u, name] of units) {
    if (micros !== 0 && micros % u === 0) {
      const n = micros / u;
      return `${n} ${name}${Math.abs(n) === 1 ? '' : 's'}`;
    }
  }
  return micros === 0 ? '0 seconds' : `${micros} microseconds`;
}

/** `watermark`, `watermark - 5 seconds` or `watermark + 5 seconds`. */
const watermarkLess = (micros: number): string =>
  micros === 0 ? 'watermark' : micros > 0 ? `watermark - ${duration(micros)}` : `watermark + ${duration(-micros)}`;

function aggToString(a: AggCall): string {
  switch (a.fn) {
    case 'count_star': return 'count(*)';
    case 'count_distinct': return `count(DISTINCT ${exprToString(a.arg!)})`;
    default: return `${a.fn}(${exprToString(a.arg!)})`;
  }
}

const streaming = (n: PhysicalNode): boolean => (n.kind === 'scan' ? n.streaming : physicalChildren(n).some(streaming));

function describe(n: PhysicalNode): string {
  switch (n.kind) {
    case 'scan':
      return `Scan ${n.relationKind === 'queryResult' ? 'result table' : n.relationKind} ${n.relation}${n.streaming ? ' (streaming)' : ''} [${formatSchema(n.schema)}]`;
    case 'oneRow':
      return 'OneRow';
    case 'stage':
      return `Stage ${n.id} (stateless, fused): ` + n.steps
        .map((s) => (s.kind === 'filter' ? `Filter ${exprToString(s.predicate)}` : `Project [${s.exprs.map((e, i) => `${exprToString(e)} AS ${s.schema[i]!.name}`).join(', ')}]`))
        .join(' -> ');
    case 'watermark':
      return `Watermark ${n.schema[n.columnIndex]!.name} delay ${duration(n.delayMicros)}`;
    case 'aggregate': {
      const win = n.window
        ? [n.window.kind === 'session'
          ? `session_window(${exprToString(n.window.time)}, ${duration(n.window.sizeMicros)})`
          : n.window.kind === 'cumulate'
          ? `cumulate(${exprToString(n.window.time)}, ${duration(n.window.slideMicros)}, ${duration(n.window.sizeMicros)})`
          : `window(${exprToString(n.window.time)}, ${duration(n.window.sizeMicros)}, ${duration(n.window.slideMicros)}${n.window.startMicros ? `, ${duration(n.window.startMicros)}` : ''})`]
        : [];
      const keys = [...win, ...n.keys.map(exprToString)].join(', ');
      const aggs = n.aggs.map(aggToString).join(', ');
      const state = !n.stateful
        ? 'stateless (batch)'
        : n.eventTimeColumn === undefined
          ? 'STATEFUL: state grows with the number of groups (no watermark eviction)'
          : `STATEFUL: evicts groups when ${n.schema[n.eventTimeColumn]!.name} <= ${watermarkLess(n.lag)}`;
      return n.dedup
        ? `Deduplicate ${n.id} keys [${keys}] ${state.replace('number of groups', 'number of distinct rows')}`
        : `HashAggregate ${n.id} keys [${keys}] aggregates [${aggs}] ${state}`;
    }
    case 'sort':
      return `Sort [${n.keys.map((k) => `${exprToString(k.expr)} ${k.descending ? 'DESC' : 'ASC'} NULLS ${k.nullsFirst ? 'FIRST' : 'LAST'}`).join(', ')}]`;
    case 'limit':
      return `Limit ${n.count}`;
    case 'join': {
      const on = n.condition ? ` ON ${exprToString(n.condition)}` : '';
      const streams = [n.left, n.right].map(streaming);
      const b = n.bounds;
      const kind = streams[0] !== streams[1]
        ? ' (stream-table: hashes the table as it is at each micro-batch, stateless)'
        : !streams[0] ? ''
        : n.windowJoin ? ' (window join: both inputs emit each window once, in the same micro-batch, so every pair meets there; stateless)'
        : b
        ? ` STATEFUL: buffers both sides; ${([0, 1] as const).map((side) => {
          const what = side === 0 ? 'a left row' : 'a right row';
          // A left row at tl can match right rows up to tl - lower, a right row at tr left rows up to tr + upper
          // (see interval-join.ts finish); a range bounded on one side only leaves the other unbounded.
          const reach = side === 0 ? -b.lower : b.upper;
          const lag = side === 0 ? n.lags[1] - b.lower : n.lags[0] + b.upper;
          const time = n.schema[side === 0 ? b.leftTime : b.rightTime]!.name;
          const other = n.schema[side === 0 ? b.rightTime : b.leftTime]!.name;
          return reach === Infinity
            ? `${what} stays (ON sets no upper limit on the ${other} it can match): state grows`
            : lag === Infinity
            ? `${what} stays (the other side's time has no watermark, or can trail it without bound): state grows`
            : `${what} goes once its ${time} <= ${watermarkLess(lag)}`;
        }).join(', ')}`
        : ' STATEFUL: buffers both sides without bound (no time range between them): state grows with the input';
      return `Join ${n.id} ${n.joinType}${on}${kind}`;
    }
    case 'union':
      return `Union ${n.id} (all rows of ${n.inputs.length} inputs, stateless)`;
    default:
      return assertNever(n, 'physical node');
  }
}

export function explain(q: PhysicalQuery): string[] {
  const lines: string[] = [];
  lines.push(q.streaming ? `StreamingQuery mode ${q.mode.toUpperCase()}${q.usesWatermark ? ', watermark-driven eviction and no-data batches' : ''}` : 'BatchQuery');
  lines.push(`Output [${formatSchema(q.schema)}]`);
  const seen = new Set<PhysicalNode>();
  const walk = (n: PhysicalNode, depth: number): void => {
    const text = describe(n);
    if (seen.has(n)) {
      // A subplan used twice runs once: its second use points back at the first.
      lines.push(`${'  '.repeat(depth)}${text} (shared with the one above: runs once)`);
      return;
    }
    if (n.kind !== 'scan' && n.kind !== 'oneRow') seen.add(n);
    lines.push(`${'  '.repeat(depth)}${text}`);
    for (const k of physicalChildren(n)) walk(k, depth + 1);
  };
  walk(q.root, 1);
  return lines;
}
