// A fused stateless stage: filters and projections in one pass per batch, with a selection vector instead of copies.

import type * as arrow from 'apache-arrow';
import type { DataType, Schema } from '../../common/types.js';
import type { StageStep } from '../../planner/index.js';
import { gatherArrow } from '../arrow-gather.js';
import { canGenerate, generateFilter } from '../kernels/codegen.js';
import { compileExpr, evalInput } from '../kernels/compile-expr.js';
import type { EvalInput, Kernel } from '../kernels/kernel.js';
import { fromArrow, gather, makeBatch, toArrow, type Vec } from '../vec.js';
import type { Operator } from './operator.js';

type Filter = (inp: EvalInput, sel: Int32Array) => number;

type CompiledStep =
  | { readonly kind: 'filter'; readonly f: Filter }
  | { readonly kind: 'project'; readonly ks: readonly (Kernel | number)[]; readonly types: readonly DataType[] };

/** A column of the stage's current view: an untouched input column (read through the selection), or a vector. */
type Col = { readonly kind: 'input'; readonly index: number } | { readonly kind: 'vec'; readonly vec: Vec };

function vectorFilter(k: Kernel): Filter {
  return (inp, sel) => {
    const v = k(inp);
    if (v.kind !== 'bool') throw new Error('filter predicate is not boolean');
    const n = inp.n;
    let count = 0;
    const vals = v.values;
    const valid = v.valid;
    if (valid) { for (let i = 0; i < n; i++) if (vals[i]! & valid[i]!) sel[count++] = i; }
    else for (let i = 0; i < n; i++) if (vals[i]) sel[count++] = i;
    return count;
  };
}

export class StageOperator implements Operator {
  private readonly steps: CompiledStep[];

  constructor(steps: readonly StageStep[], private readonly inputSchema: Schema, readonly schema: Schema) {
    this.steps = steps.map((s): CompiledStep => (s.kind === 'filter'
      ? { kind: 'filter', f: canGenerate(s.predicate) ? generateFilter(s.predicate) : vectorFilter(compileExpr(s.predicate)) }
      : { kind: 'project', ks: s.exprs.map((e) => (e.kind === 'column' ? e.index : compileExpr(e))), types: s.schema.map((f) => f.type) }));
  }

  process(batch: arrow.RecordBatch): arrow.RecordBatch[] {
    const inputs = batch.data.children;
    let n = batch.numRows;
    /** Rows of the input batch still selected, or null for all of them. */
    let sel: Int32Array | null = null;
    let cols: Col[] = this.inputSchema.map((_, index) => ({ kind: 'input', index }));
    let types: readonly DataType[] = this.inputSchema.map((f) => f.type);
    for (const step of this.steps) {
      const curSel = sel;
      const curCols = cols;
      const curTypes = types;
      const base = evalInput(n, (i) => {
        const c = curCols[i]!;
        if (c.kind === 'vec') return c.vec;
        const v = fromArrow(inputs[c.index]!, curTypes[i]!);
        return curSel ? gather(v, curSel, n) : v;
      });
      const inp: EvalInput = {
        n,
        col: (i) => base.col(i),
        raw: (i) => {
          const c = curCols[i]!;
          return c.kind === 'input' && !curSel ? inputs[c.index] : undefined;
        },
      };
      if (step.kind === 'filter') {
        const local = new Int32Array(n);
        const count = step.f(inp, local);
        if (count === n) continue;
        const next = new Int32Array(count);
        for (let k = 0; k < count; k++) next[k] = curSel ? curSel[local[k]!]! : local[k]!;
        cols = curCols.map((c) => (c.kind === 'vec' ? { kind: 'vec', vec: gather(c.vec, local, count) } : c));
        sel = next;
        n = count;
        if (n === 0) return [];
      } else {
        cols = step.ks.map((k) => (typeof k === 'number' ? curCols[k]! : { kind: 'vec', vec: k(inp) }));
        types = step.types;
      }
    }
    const out = cols.map((c, i) => {
      if (c.kind === 'vec') return toArrow(c.vec, this.schema[i]!.type);
      const d = inputs[c.index]!;
      return sel ? gatherArrow(d, this.inputSchema[c.index]!.type, sel, n) : d;
    });
    return [makeBatch(this.schema, out, n)];
  }

  finish(): arrow.RecordBatch[] {
    return [];
  }
}
