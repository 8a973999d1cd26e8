// Batch hash join (inner, left, right, full, cross) over fully materialized inputs, with a residual condition.

import type * as arrow from 'apache-arrow';
import type { Schema } from '../../common/types.js';
import type { JoinType } from '../../common/types.js';
import { transformExpr, type BoundExpr } from '../../planner/bound-expr.js';
import { conjuncts, equiJoinKey } from '../../planner/join-bounds.js';
import { compileExpr, evalInput } from '../kernels/compile-expr.js';
import { keyPart } from '../row-key.js';
import { batchFromVecs, column, concatVecs, gatherOrNull, nullVec, type Vec } from '../vec.js';

/** `e` over the right input's own columns (its column indices less the left input's width). */
const shift = (e: BoundExpr, by: number): BoundExpr =>
  transformExpr(e, (x) => (x.kind === 'column' ? { ...x, index: x.index - by } : x));

/**
 * Splits `l.a = r.b AND ...` into key pairs (each side over its own input) and a residual over the joined row. A key
 * may be any expression over one input's columns (CAST(l.k AS BIGINT) = r.k, lower(l.s) = lower(r.s)): see
 * equiJoinKey. The left keys index the left input, the right keys the right input.
 */
export function splitCondition(cond: BoundExpr | undefined, nLeft: number): { left: BoundExpr[]; right: BoundExpr[]; residual: BoundExpr[] } {
  const left: BoundExpr[] = [];
  const right: BoundExpr[] = [];
  const residual: BoundExpr[] = [];
  for (const c of cond ? conjuncts(cond) : []) {
    const key = equiJoinKey(c, nLeft);
    if (key) {
      left.push(key[0]);
      right.push(shift(key[1], nLeft));
    } else residual.push(c);
  }
  return { left, right, residual };
}

export function materialize(batches: readonly arrow.RecordBatch[], schema: Schema): { cols: Vec[]; n: number } {
  const n = batches.reduce((s, b) => s + b.numRows, 0);
  const cols = schema.map((f, i) => (batches.length ? concatVecs(batches.map((b) => column(b, i, f.type)), n) : nullVec(f.type, 0)));
  return { cols, n };
}

export function hashJoin(
  leftBatches: readonly arrow.RecordBatch[], leftSchema: Schema,
  rightBatches: readonly arrow.RecordBatch[], rightSchema: Schema,
  joinType: JoinType, condition: BoundExpr | undefined, outSchema: Schema,
): arrow.RecordBatch {
  const L = materialize(leftBatches, leftSchema);
  const R = materialize(rightBatches, rightSchema);
  const split = splitCondition(condition, leftSchema.length);
  const lk = split.left.map((e) => compileExpr(e)(evalInput(L.n, (i) => L.cols[i]!)));
  const rk = split.right.map((e) => compileExpr(e)(evalInput(R.n, (i) => R.cols[i]!)));
  const keyOf = (ks: Vec[], r: number): string | undefined => {
    let k = '';
    for (const v of ks) {
      if (v.valid && !v.valid[r]) return undefined;
      k += keyPart(v, r) + '|';
    }
    return k;
  };
  const table = new Map<string, number[]>();
  for (let r = 0; r < R.n; r++) {
    const k = keyOf(rk, r);
    if (k === undefined) continue;
    let list = table.get(k);
    if (!list) table.set(k, (list = []));
    list.push(r);
  }
  const li: number[] = [];
  const ri: number[] = [];
  const all = Array.from({ length: R.n }, (_, i) => i);
  for (let l = 0; l < L.n; l++) {
    const k = keyOf(lk, l);
    const matches = split.left.length === 0 ? all : k === undefined ? [] : table.get(k) ?? [];
    for (const r of matches) { li.push(l); ri.push(r); }
  }
  // The residual condition decides which candidate pairs really join.
  let keep: Uint8Array | undefined;
  if (split.residual.length && li.length) {
    const pl = new Int32Array(li);
    const pr = new Int32Array(ri);
    const joined = [...L.cols.map((c) => gatherOrNull(c, pl, pl.length)), ...R.cols.map((c) => gatherOrNull(c, pr, pr.length))];
    const pred = split.residual.reduce((a, b) => ({ kind: 'and', left: a, right: b, type: 'BOOLEAN' }));
    const v = compileExpr(pred)(evalInput(li.length, (i) => joined[i]!));
    if (v.kind === 'bool') {
      keep = new Uint8Array(li.length);
      for (let i = 0; i < li.length; i++) keep[i] = v.values[i]! & (v.valid ? v.valid[i]! : 1);
    }
  }
  const outL: number[] = [];
  const outR: number[] = [];
  const lMatched = new Uint8Array(L.n);
  const rMatched = new Uint8Array(R.n);
  for (let i = 0; i < li.length; i++) {
    if (keep && !keep[i]) continue;
    outL.push(li[i]!);
    outR.push(ri[i]!);
    lMatched[li[i]!] = 1;
    rMatched[ri[i]!] = 1;
  }
  if (joinType === 'left' || joinType === 'full') for (let l = 0; l < L.n; l++) if (!lMatched[l]) { outL.push(l); outR.push(-1); }
  if (joinType === 'right' || joinType === 'full') for (let r = 0; r < R.n; r++) if (!rMatched[r]) { outL.push(-1); outR.push(r); }
  const n = outL.length;
  const a = new Int32Array(outL);
  const b = new Int32Array(outR);
  const cols = [...L.cols.map((c) => gatherOrNull(c, a, n)), ...R.cols.map((c) => gatherOrNull(c, b, n))];
  return batchFromVecs(outSchema, cols, n);
}
