// A fused stateless stage: filters and projections applied in one pass per batch, zero-copy for untouched columns.

import type * as arrow from 'apache-arrow';
import type { Schema } from '../../common/types.js';
import type { StageStep } from '../../planner/index.js';
import { compileExpr, evalInput } from '../kernels/compile-expr.js';
import type { EvalInput, Kernel } from '../kernels/kernel.js';
import { column, gather, makeBatch, toArrow, type Vec } from '../vec.js';
import type { Operator } from './operator.js';

type CompiledStep = { readonly kind: 'filter'; readonly k: Kernel } | { readonly kind: 'project'; readonly ks: readonly Kernel[]; readonly passthrough: readonly (number | undefined)[]; readonly schema: Schema };

interface View {
  readonly inp: EvalInput;
  /** Original Arrow column for output i when it is an unmodified input column (zero-copy output). */
  readonly original: (i: number) => arrow.Data | undefined;
}

export class StageOperator implements Operator {
  private readonly steps: CompiledStep[];

  constructor(steps: readonly StageStep[], private readonly inputSchema: Schema, readonly schema: Schema) {
    this.steps = steps.map((s) => (s.kind === 'filter'
      ? { kind: 'filter', k: compileExpr(s.predicate) }
      : { kind: 'project', ks: s.exprs.map(compileExpr), passthrough: s.exprs.map((e) => (e.kind === 'column' ? e.index : undefined)), schema: s.schema }));
  }

  process(batch: arrow.RecordBatch): arrow.RecordBatch[] {
    let schema = this.inputSchema;
    let view: View = {
      inp: evalInput(batch.numRows, (i) => column(batch, i, this.inputSchema[i]!.type)),
      original: (i) => batch.data.children[i],
    };
    for (const step of this.steps) {
      if (step.kind === 'filter') {
        const v = step.k(view.inp);
        if (v.kind !== 'bool') throw new Error('filter predicate is not boolean');
        const n = view.inp.n;
        const sel = new Int32Array(n);
        let count = 0;
        const valid = v.valid;
        const vals = v.values;
        if (valid) { for (let i = 0; i < n; i++) if (vals[i]! & valid[i]!) sel[count++] = i; }
        else for (let i = 0; i < n; i++) if (vals[i]) sel[count++] = i;
        if (count === n) continue;
        const prev = view.inp;
        view = { inp: evalInput(count, (i) => gather(prev.col(i), sel, count)), original: () => undefined };
      } else {
        const prev = view;
        const vecs: (Vec | undefined)[] = new Array<Vec | undefined>(step.ks.length);
        const origin = step.passthrough.map((p) => (p === undefined ? undefined : prev.original(p)));
        const n = prev.inp.n;
        view = {
          inp: evalInput(n, (i) => (vecs[i] ??= step.ks[i]!(prev.inp))),
          original: (i) => origin[i],
        };
        schema = step.schema;
      }
    }
    const n = view.inp.n;
    const cols = schema.map((f, i) => view.original(i) ?? toArrow(view.inp.col(i), f.type));
    return [makeBatch(this.schema, cols, n)];
  }

  finish(): arrow.RecordBatch[] {
    return [];
  }
}
