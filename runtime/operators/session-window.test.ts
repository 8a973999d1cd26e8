// SessionWindowOperator against sessions computed from scratch, across batches and checkpoint restores.

import * as arrow from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EmitMode, Schema } from '../../common/types.js';
import type { BoundExpr, ScalarValue } from '../../planner/bound-expr.js';
import type { PhysicalNode } from '../../planner/physical-plan.js';
import { batchFromRows, rowsFromBatch } from '../values.js';
import { SessionWindowOperator } from './session-window.js';
import { ipcFile } from '../ipc.js';

type Row = ScalarValue[];
const S = 1_000_000;
const f = (name: string, type: Schema[number]['type']): Schema[number] => ({ name, type, nullable: true });
const input: Schema = [f('ts', 'TIMESTAMP'), f('k', 'STRING'), f('v', 'INT')];
const col = (index: number): BoundExpr => ({ kind: 'column', index, type: input[index]!.type, name: input[index]!.name });
const GAP = 5 * S;

function node(evicting: boolean): Extract<PhysicalNode, { kind: 'aggregate' }> {
  return {
    kind: 'aggregate', id: 1, input: { kind: 'scan', relation: 's', relationKind: 'source', streaming: true, schema: input },
    keys: [col(1)], window: { kind: 'session', time: col(0), sizeMicros: GAP, slideMicros: GAP, startMicros: 0 },
    aggs: [{ fn: 'count_star', arg: undefined, type: 'BIGINT' }, { fn: 'sum', arg: col(2), type: 'BIGINT' }, { fn: 'max', arg: col(2), type: 'INT' }],
    schema: [f('window_start', 'TIMESTAMP'), f('window_end', 'TIMESTAMP'), f('k', 'STRING'), f('n', 'BIGINT'), f('s', 'BIGINT'), f('m', 'INT')],
    stateful: true, eventTimeColumn: evicting ? 1 : undefined, dedup: false, lag: 0,
  };
}

const roundTrip = (b: arrow.RecordBatch): arrow.RecordBatch => arrow.tableFromIPC(ipcFile([b])).batches[0]!;
const sorted = (rows: Row[]): string[] => rows.map((r) => JSON.stringify(r)).sort();

/** `fresh` restored from `op`'s snapshot, or from every delta taken so far (as a restart does). */
function restored(fresh: SessionWindowOperator, op: SessionWindowOperator, deltas: readonly arrow.RecordBatch[], viaDeltas: boolean): SessionWindowOperator {
  if (viaDeltas) {
    fresh.restore([]);
    for (const d of deltas) fresh.applyDelta(d);
  } else {
    fresh.restore(op.snapshot().map(roundTrip));
  }
  return fresh;
}

/** Sessions of all rows from scratch: per key, sort by time and chain [ts, ts + gap) ranges that overlap or touch. */
function reference(rows: readonly Row[]): Row[] {
  const byKey = new Map<string, Row[]>();
  for (const r of rows) if (r[0] !== null) byKey.set(JSON.stringify(r[1]), [...(byKey.get(JSON.stringify(r[1])) ?? []), r]);
  const out: Row[] = [];
  for (const rs of byKey.values()) {
    rs.sort((a, b) => (a[0] as number) - (b[0] as number));
    let cur: { s: number; e: number; rows: Row[] } | undefined;
    const flush = (): void => {
      if (!cur) return;
      const vs = cur.rows.map((r) => r[2]).filter((v): v is number => v !== null);
      out.push([cur.s, cur.e, cur.rows[0]![1]!, cur.rows.length, vs.length ? vs.reduce((a, b) => a + b, 0) : null, vs.length ? Math.max(...vs) : null]);
    };
    for (const r of rs) {
      const t = r[0] as number;
      if (cur && t <= cur.e) {
        cur.e = Math.max(cur.e, t + GAP);
        cur.rows.push(r);
      } else {
        flush();
        cur = { s: t, e: t + GAP, rows: [r] };
      }
    }
    flush();
  }
  return out;
}

const rowArb: fc.Arbitrary<Row> = fc.tuple(
  fc.option(fc.integer({ min: 0, max: 60 }).map((x) => x * S), { nil: null, freq: 12 }),
  fc.option(fc.constantFrom('a', 'b'), { nil: null, freq: 6 }),
  fc.option(fc.integer({ min: -3, max: 3 }), { nil: null, freq: 5 }),
).map((t) => [...t]);

describe('SessionWindowOperator', () => {
  it('property: COMPLETE output after every batch equals sessions computed from all rows so far, across restores', () => {
    fc.assert(fc.property(fc.array(fc.array(rowArb, { maxLength: 8 }), { minLength: 1, maxLength: 6 }), fc.nat(), fc.boolean(),
      (batches, cutSeed, viaDeltas) => {
        const ctx = { batchId: 0, watermark: undefined, previousWatermark: undefined };
        let op = new SessionWindowOperator(node(false), input, 'complete');
        const deltas: arrow.RecordBatch[] = [];
        const seen: Row[] = [];
        const cut = cutSeed % batches.length;
        batches.forEach((b, i) => {
          if (i === cut && i > 0) {
            op = restored(new SessionWindowOperator(node(false), input, 'complete'), op, deltas, viaDeltas);
          }
          if (b.length) op.process(batchFromRows(input, b), ctx);
          seen.push(...b);
          const got = op.finish(ctx).flatMap((x) => rowsFromBatch(x, node(false).schema));
          expect(sorted(got), `batch ${i}`).toEqual(sorted(reference(seen)));
          deltas.push(roundTrip(op.takeDelta()));
        });
      }), { numRuns: 300 });
  });

  it('property: UPDATE rows with retractions applied, keyed by (start, end, key), equal the sessions from scratch', () => {
    fc.assert(fc.property(fc.array(fc.array(rowArb, { maxLength: 8 }), { minLength: 1, maxLength: 6 }), fc.nat(), fc.boolean(),
      (batches, cutSeed, viaDeltas) => {
        const ctx = { batchId: 0, watermark: undefined, previousWatermark: undefined };
        const schema = node(false).schema;
        let op = new SessionWindowOperator(node(false), input, 'update');
        const deltas: arrow.RecordBatch[] = [];
        const table = new Map<string, Row>();
        const seen: Row[] = [];
        const cut = cutSeed % batches.length;
        batches.forEach((b, i) => {
          if (i === cut && i > 0) {
            op = restored(new SessionWindowOperator(node(false), input, 'update'), op, deltas, viaDeltas);
          }
          if (b.length) op.process(batchFromRows(input, b), ctx);
          seen.push(...b);
          const out = op.finish(ctx).flatMap((x) => rowsFromBatch(x, schema));
          for (const r of op.takeRetractions().flatMap((x) => rowsFromBatch(x, schema.slice(0, 3)))) {
            expect(table.delete(JSON.stringify(r)), `retracted ${JSON.stringify(r)} was in the table`).toBe(true);
          }
          for (const r of out) table.set(JSON.stringify(r.slice(0, 3)), r);
          expect(sorted([...table.values()]), `batch ${i}`).toEqual(sorted(reference(seen)));
          deltas.push(roundTrip(op.takeDelta()));
        });
      }), { numRuns: 300 });
  });

  it('APPEND emits a session once its end <= watermark, drops rows whose own session closed, and frees its state', () => {
    const op = new SessionWindowOperator(node(true), input, 'append');
    const run = (rows: Row[], wm: number | undefined): Row[] => {
      const ctx = { batchId: 0, watermark: wm, previousWatermark: undefined };
      op.metrics.numRowsDroppedByWatermark = 0;
      if (rows.length) op.process(batchFromRows(input, rows), ctx);
      return op.finish(ctx).flatMap((x) => rowsFromBatch(x, node(true).schema));
    };
    expect(run([[0, 'a', 1], [3 * S, 'a', 2], [20 * S, 'a', 4]], undefined)).toEqual([]);
    // Watermark 9s: [0, 8) closes. A row at 3s would open [3, 8): late. A row at 16s extends [20, 25) to [16, 25).
    expect(run([[3 * S, 'a', 100], [16 * S, 'a', 8]], 9 * S)).toEqual([[0, 8 * S, 'a', 2, 3, 2]]);
    expect(op.metrics.numRowsDroppedByWatermark).toBe(1);
    expect(op.metrics.numRowsTotal).toBe(1);
    expect(run([], 30 * S)).toEqual([[16 * S, 25 * S, 'a', 2, 12, 8]]);
    expect(op.metrics.numRowsTotal).toBe(0);
  });

  it('string keys leave their dictionary with their sessions: memory stays flat while keys keep changing; results and replayed deltas stay right across rebuilds', () => {
    const make = (): SessionWindowOperator => new SessionWindowOperator(node(true), input, 'append');
    const op = make();
    const deltas: arrow.RecordBatch[] = [];
    let replica: SessionWindowOperator | undefined;
    const run = (o: SessionWindowOperator, rows: Row[], k: number, keep: boolean): Row[] => {
      const ctx = { batchId: k, watermark: (k * 10 - 9) * S, previousWatermark: ((k - 1) * 10 - 9) * S };
      if (rows.length) o.process(batchFromRows(input, rows), ctx);
      const out = o.finish(ctx).flatMap((x) => rowsFromBatch(x, node(true).schema));
      const d = roundTrip(o.takeDelta());
      if (keep) deltas.push(d);
      return out;
    };
    const all: Row[] = [];
    const emitted: Row[] = [];
    const mem: number[] = [];
    for (let k = 0; k < 40; k++) {
      // 300 keys never seen before, each a session [10k, 10k + 5); and the previous batch's keys again, which extends
      // their open sessions (found by their new hashes after a rebuild).
      const rows: Row[] = [
        ...Array.from({ length: 300 }, (_, i): Row => [k * 10 * S, `key-${k}-${i}`, i]),
        ...(k > 0 ? Array.from({ length: 300 }, (_, i): Row => [(k * 10 - 7) * S, `key-${k - 1}-${i}`, 1]) : []),
      ];
      all.push(...rows);
      const out = run(op, rows, k, true);
      emitted.push(...out);
      mem.push(op.metrics.memoryUsedBytes);
      if (k === 30) {
        replica = make();
        replica.restore([]);
        for (const d of deltas) replica.applyDelta(d);
      } else if (replica) {
        expect(sorted(run(replica, rows, k, false)), `batch ${k}`).toEqual(sorted(out));
      }
    }
    expect(mem[39]!, `state bytes ${mem.join(' ')}`).toBeLessThan(mem[15]! * 1.3);
    const closed = reference(all).filter((r) => (r[1] as number) <= (39 * 10 - 9) * S);
    expect(emitted.length).toBe(closed.length);
    expect(sorted(emitted)).toEqual(sorted(closed));
  });

  it('a batch aggregate (not stateful) emits every session once', () => {
    const n = { ...node(false), stateful: false };
    const op = new SessionWindowOperator(n, input, 'complete' as EmitMode);
    const ctx = { batchId: 0, watermark: undefined, previousWatermark: undefined };
    op.process(batchFromRows(input, [[0, 'a', 1], [4 * S, 'a', 1], [10 * S, 'a', 1]]), ctx);
    expect(sorted(op.finish(ctx).flatMap((x) => rowsFromBatch(x, n.schema)))).toEqual(sorted([[0, 9 * S, 'a', 2, 2, 1], [10 * S, 15 * S, 'a', 1, 1, 1]]));
  });
});
