// Compiles a bound expression once per query into a kernel: a tree of vectorized loops over column buffers.

import { assertNever } from '../../common/errors.js';
import type { DataType } from '../../common/types.js';
import type { BoundExpr, ScalarFn } from '../../planner/bound-expr.js';
import { nullVec, type Vec } from '../vec.js';
import { copyBytes } from '../copy-bytes.js';
import { castVec } from './cast.js';
import { canGenerate, generateKernel } from './codegen.js';
import { andValid, asBool, asF64, type BoolVec, type EvalInput, type F64Vec, type Kernel } from './kernel.js';
import { arith, compareF64, compareF64Const, int64OrNull, lnOrNull, mapF64, negate, roundHalfUp } from './numeric.js';
import { changeCase, compareStr, compareStrConst, concat, length, like, substring, trim } from './strings.js';
import { timeFn, truncTimestamp } from './time-fns.js';
import { constStr, type StrVec } from './utf8.js';

export function constVec(value: number | string | boolean | null, type: DataType, n: number): Vec {
  if (value === null) return nullVec(type, n);
  if (typeof value === 'string') return constStr(value, n);
  if (typeof value === 'boolean') return { kind: 'bool', length: n, values: new Uint8Array(n).fill(value ? 1 : 0), valid: null };
  return { kind: 'f64', length: n, values: new Float64Array(n).fill(value), valid: null };
}

const asStr = (v: Vec): StrVec => {
  if (v.kind !== 'str') throw new Error(`expected a string vector, got ${v.kind}`);
  return v;
};

/** Per-row pick between vectors: out[i] = sources[choice[i]][i] (choice -1 = NULL). */
function pick(sources: readonly Vec[], choice: Int32Array, type: DataType, n: number): Vec {
  const out = nullVec(type, n);
  const valid = out.valid!;
  if (out.kind === 'str') {
    const rows: (readonly [StrVec, number] | null)[] = [];
    for (let i = 0; i < n; i++) {
      const c = choice[i]!;
      const s = c >= 0 ? (sources[c] as StrVec) : null;
      rows.push(s && (!s.valid || s.valid[i]) ? [s, i] : null);
    }
    let total = 0;
    for (const r of rows) if (r) total += r[0].offsets[r[1] + 1]! - r[0].offsets[r[1]]!;
    const data = new Uint8Array(total);
    const offsets = new Int32Array(n + 1);
    let p = 0;
    rows.forEach((r, i) => {
      if (r) {
        const [s, j] = r;
        p = copyBytes(data, p, s.data, s.offsets[j]!, s.offsets[j + 1]!);
        valid[i] = 1;
      }
      offsets[i + 1] = p;
    });
    return { kind: 'str', length: n, offsets, data, valid };
  }
  for (let i = 0; i < n; i++) {
    const c = choice[i]!;
    if (c < 0) continue;
    const s = sources[c]!;
    if (s.valid && !s.valid[i]) continue;
    valid[i] = 1;
    (out.values as Float64Array | Uint8Array)[i] = (s as F64Vec | BoolVec).values[i]!;
  }
  return out;
}

function threeValued(kind: 'and' | 'or', l: BoolVec, r: BoolVec, n: number): BoolVec {
  const values = new Uint8Array(n);
  if (!l.valid && !r.valid) {
    if (kind === 'and') for (let i = 0; i < n; i++) values[i] = l.values[i]! & r.values[i]!;
    else for (let i = 0; i < n; i++) values[i] = l.values[i]! | r.values[i]!;
    return { kind: 'bool', length: n, values, valid: null };
  }
  const valid = new Uint8Array(n);
  const dominant = kind === 'and' ? 0 : 1;
  for (let i = 0; i < n; i++) {
    const lv = !l.valid || l.valid[i] === 1;
    const rv = !r.valid || r.valid[i] === 1;
    if ((lv && l.values[i] === dominant) || (rv && r.values[i] === dominant)) {
      values[i] = dominant;
      valid[i] = 1;
    } else if (lv && rv) {
      values[i] = 1 - dominant;
      valid[i] = 1;
    }
  }
  return { kind: 'bool', length: n, values, valid };
}

function compileCompare(e: Extract<BoundExpr, { kind: 'compare' }>): Kernel {
  const l = compileExpr(e.left);
  const r = compileExpr(e.right);
  const t = e.left.type;
  if (e.right.kind === 'literal' && e.right.value !== null) {
    const c = e.right.value;
    if (typeof c === 'number') return (inp) => { const a = asF64(l(inp)); return compareF64Const(e.op, a.values, c, a.valid, inp.n); };
    if (typeof c === 'string') return (inp) => compareStrConst(e.op, asStr(l(inp)), c, inp.n);
  }
  if (t === 'STRING') return (inp) => compareStr(e.op, asStr(l(inp)), asStr(r(inp)), inp.n);
  return (inp) => {
    const a = l(inp);
    const b = r(inp);
    const x = a.kind === 'str' ? new Float64Array(0) : a.values;
    const y = b.kind === 'str' ? new Float64Array(0) : b.values;
    return compareF64(e.op, x, y, andValid(a.valid, b.valid, inp.n), inp.n);
  };
}

function compileCall(fn: ScalarFn, args: readonly BoundExpr[], type: DataType): Kernel {
  const ks = args.map(compileExpr);
  const k0 = ks[0]!;
  switch (fn) {
    case 'upper': case 'lower':
      return (inp) => changeCase(asStr(k0(inp)), fn === 'upper');
    case 'length':
      return (inp) => length(asStr(k0(inp)), inp.n);
    case 'substring':
      return (inp) => substring(asStr(k0(inp)), asF64(ks[1]!(inp)), ks[2] ? asF64(ks[2](inp)) : undefined, inp.n);
    case 'concat':
      return (inp) => concat(ks.map((k) => asStr(k(inp))), inp.n);
    case 'trim': case 'ltrim': case 'rtrim':
      return (inp) => trim(asStr(k0(inp)), fn !== 'rtrim', fn !== 'ltrim', inp.n);
    case 'coalesce':
      return (inp) => {
        const vs = ks.map((k) => k(inp));
        const choice = new Int32Array(inp.n).fill(-1);
        for (let i = 0; i < inp.n; i++) {
          for (let j = 0; j < vs.length; j++) {
            const v = vs[j]!;
            if (!v.valid || v.valid[i]) { choice[i] = j; break; }
          }
        }
        return pick(vs, choice, type, inp.n);
      };
    case 'greatest': case 'least':
      return (inp) => {
        const vs = ks.map((k) => k(inp));
        const choice = new Int32Array(inp.n).fill(-1);
        const isStrT = type === 'STRING';
        for (let i = 0; i < inp.n; i++) {
          let best = -1;
          for (let j = 0; j < vs.length; j++) {
            const v = vs[j]!;
            if (v.valid && !v.valid[i]) continue;
            if (best < 0) { best = j; continue; }
            const b = vs[best]!;
            let c: number;
            if (isStrT) {
              const sv = v as StrVec;
              const sb = b as StrVec;
              const x = sv.data.subarray(sv.offsets[i]!, sv.offsets[i + 1]!);
              const y = sb.data.subarray(sb.offsets[i]!, sb.offsets[i + 1]!);
              c = Buffer.compare(x, y);
            } else {
              const x = (v as F64Vec | BoolVec).values[i]!;
              const y = (b as F64Vec | BoolVec).values[i]!;
              // NaN is the greatest double (Spark).
              c = x < y ? -1 : x > y ? 1 : x === y ? 0 : x !== x ? (y !== y ? 0 : 1) : -1;
            }
            if (fn === 'greatest' ? c > 0 : c < 0) best = j;
          }
          choice[i] = best;
        }
        return pick(vs, choice, type, inp.n);
      };
    case 'nullif': {
      // The binder passes [a, a in the common type, b in the common type]; [a, b] when they already share it.
      const [l, r] = args.length === 3 ? [args[1]!, args[2]!] : [args[0]!, args[1]!];
      const eqK = compileCompare({ kind: 'compare', op: '=', left: l, right: r, type: 'BOOLEAN' });
      return (inp) => {
        const a = k0(inp);
        const eq = eqK(inp) as BoolVec;
        const choice = new Int32Array(inp.n);
        for (let i = 0; i < inp.n; i++) if ((!eq.valid || eq.valid[i]) && eq.values[i]) choice[i] = -1;
        return pick([a], choice, type, inp.n);
      };
    }
    case 'abs':
      // INT wraps like Spark's non-ANSI abs: abs(-2147483648) = -2147483648.
      return (inp) => mapF64(asF64(k0(inp)), inp.n, type === 'INT' ? (x) => Math.abs(x) | 0 : Math.abs);
    case 'sign':
      return (inp) => mapF64(asF64(k0(inp)), inp.n, Math.sign);
    case 'round': {
      const digits = args[1]?.kind === 'literal' && typeof args[1].value === 'number' ? args[1].value : 0;
      const integral = type === 'INT' || type === 'BIGINT';
      return (inp) => mapF64(asF64(k0(inp)), inp.n, (x) => (integral && digits >= 0 ? x : type === 'INT' ? roundHalfUp(x, digits) | 0 : roundHalfUp(x, digits)));
    }
    case 'floor':
      return (inp) => int64OrNull(mapF64(asF64(k0(inp)), inp.n, Math.floor), inp.n);
    case 'ceil':
      return (inp) => int64OrNull(mapF64(asF64(k0(inp)), inp.n, Math.ceil), inp.n);
    case 'sqrt':
      return (inp) => mapF64(asF64(k0(inp)), inp.n, Math.sqrt);
    case 'exp':
      return (inp) => mapF64(asF64(k0(inp)), inp.n, Math.exp);
    case 'ln':
      return (inp) => lnOrNull(asF64(k0(inp)), inp.n);
    case 'power':
      return (inp) => {
        const a = asF64(k0(inp));
        const b = asF64(ks[1]!(inp));
        const out = new Float64Array(inp.n);
        for (let i = 0; i < inp.n; i++) out[i] = Math.pow(a.values[i]!, b.values[i]!);
        return { kind: 'f64', length: inp.n, values: out, valid: andValid(a.valid, b.valid, inp.n) };
      };
    case 'timestamp_seconds': case 'timestamp_millis': case 'timestamp_micros':
    case 'unix_seconds': case 'unix_millis': case 'unix_micros':
      return (inp) => timeFn(fn, asF64(k0(inp)), inp.n);
    case 'date_trunc': {
      const unit = args[0]!.kind === 'literal' ? String(args[0]!.value) : 'day';
      const k1 = ks[1]!;
      return (inp) => mapF64(asF64(k1(inp)), inp.n, (t) => truncTimestamp(unit, t));
    }
    default:
      return assertNever(fn, 'function');
  }
}

export function compileExpr(e: BoundExpr): Kernel {
  // Numeric and boolean trees become one generated loop; the vectorized kernels below handle the rest.
  if (e.kind !== 'column' && e.kind !== 'literal' && canGenerate(e)) return generateKernel(e);
  switch (e.kind) {
    case 'column': {
      const i = e.index;
      return (inp) => inp.col(i);
    }
    case 'literal': {
      const { value, type } = e;
      let cache: Vec | undefined;
      return (inp) => (cache && cache.length === inp.n ? cache : (cache = constVec(value, type, inp.n)));
    }
    case 'negate': {
      const k = compileExpr(e.operand);
      return (inp) => negate(asF64(k(inp)), e.type, inp.n);
    }
    case 'not': {
      const k = compileExpr(e.operand);
      return (inp) => {
        const v = asBool(k(inp));
        const out = new Uint8Array(inp.n);
        for (let i = 0; i < inp.n; i++) out[i] = v.values[i]! ^ 1;
        return { kind: 'bool', length: inp.n, values: out, valid: v.valid };
      };
    }
    case 'arith': {
      const l = compileExpr(e.left);
      const r = compileExpr(e.right);
      return (inp) => arith(e.op, e.type, asF64(l(inp)), asF64(r(inp)), inp.n);
    }
    case 'compare':
      return compileCompare(e);
    case 'and':
    case 'or': {
      const l = compileExpr(e.left);
      const r = compileExpr(e.right);
      const kind = e.kind;
      return (inp) => threeValued(kind, asBool(l(inp)), asBool(r(inp)), inp.n);
    }
    case 'isNull': {
      const k = compileExpr(e.operand);
      const neg = e.negated;
      return (inp) => {
        const v = k(inp);
        const out = new Uint8Array(inp.n);
        if (v.valid) for (let i = 0; i < inp.n; i++) out[i] = (v.valid[i] === 0) !== neg ? 1 : 0;
        else out.fill(neg ? 1 : 0);
        return { kind: 'bool', length: inp.n, values: out, valid: null };
      };
    }
    case 'inList': {
      const eqs = e.list.map((item) => compileCompare({ kind: 'compare', op: '=', left: e.operand, right: item, type: 'BOOLEAN' }));
      const neg = e.negated;
      return (inp) => {
        let acc = eqs[0]!(inp) as BoolVec;
        for (let j = 1; j < eqs.length; j++) acc = threeValued('or', acc, eqs[j]!(inp) as BoolVec, inp.n);
        if (!neg) return acc;
        const out = new Uint8Array(inp.n);
        for (let i = 0; i < inp.n; i++) out[i] = acc.values[i]! ^ 1;
        return { kind: 'bool', length: inp.n, values: out, valid: acc.valid };
      };
    }
    case 'like': {
      const k = compileExpr(e.operand);
      const p = e.pattern;
      if (p.kind === 'literal' && typeof p.value === 'string') {
        const pat = p.value;
        return (inp) => like(asStr(k(inp)), pat, e.negated, inp.n);
      }
      const pk = compileExpr(p);
      return (inp) => like(asStr(k(inp)), asStr(pk(inp)), e.negated, inp.n);
    }
    case 'case': {
      const whens = e.whens.map((w) => ({ when: compileExpr(w.when), then: compileExpr(w.then) }));
      const els = compileExpr(e.else);
      const type = e.type;
      return (inp) => {
        const n = inp.n;
        const choice = new Int32Array(n).fill(-2);
        const sources: Vec[] = [];
        whens.forEach((w, j) => {
          const c = asBool(w.when(inp));
          for (let i = 0; i < n; i++) {
            if (choice[i] === -2 && (!c.valid || c.valid[i]) && c.values[i]) choice[i] = j;
          }
          sources.push(w.then(inp));
        });
        sources.push(els(inp));
        for (let i = 0; i < n; i++) if (choice[i] === -2) choice[i] = whens.length;
        return pick(sources, choice, type, n);
      };
    }
    case 'cast': {
      const k = compileExpr(e.operand);
      const from = e.operand.type;
      const to = e.type;
      return (inp) => castVec(k(inp), from, to, inp.n);
    }
    case 'call':
      return compileCall(e.fn, e.args, e.type);
    default:
      return assertNever(e, 'expression');
  }
}

/** Evaluates with a fresh per-batch column cache. */
export function evalInput(n: number, load: (i: number) => Vec): EvalInput {
  const cache: (Vec | undefined)[] = [];
  return { n, col: (i) => (cache[i] ??= load(i)) };
}
