// Fuses numeric and boolean expression trees into one generated loop per expression (no intermediate vectors).
//
// Only generated identifiers and numeric literals ever reach the generated source: SQL text never becomes code.

import type { BoundExpr } from '../../planner/index.js';
import { validBytes, type Vec } from '../vec.js';
import type { EvalInput } from './kernel.js';

/** Renders a numeric literal as JS source; anything that is not a finite number or a JS special value is refused. */
function num(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '(-Infinity)';
  if (Object.is(v, -0)) return '(-0)';
  const s = String(v);
  if (!/^-?[0-9.e+-]+$/i.test(s)) throw new Error('unexpected number rendering');
  return `(${s})`;
}

interface Gen {
  readonly lines: string[];
  readonly columns: number[];
  /** Whether each generated column is BIGINT or TIMESTAMP (readable raw from Arrow's int64 buffer). */
  readonly int64: boolean[];
  next: number;
}

interface Out {
  readonly v: string;
  readonly n: string;
}

/** Whether every node of `e` can be generated (numbers, booleans, timestamps; no strings). */
export function canGenerate(e: BoundExpr): boolean {
  switch (e.kind) {
    case 'column':
      return e.type !== 'STRING' && e.type !== 'NULL';
    case 'literal':
      return typeof e.value !== 'string';
    case 'negate':
    case 'not':
    case 'isNull':
      return canGenerate(e.operand);
    case 'arith':
    case 'and':
    case 'or':
      return canGenerate(e.left) && canGenerate(e.right);
    case 'compare':
      return e.left.type !== 'STRING' && canGenerate(e.left) && canGenerate(e.right);
    case 'inList':
      return e.operand.type !== 'STRING' && canGenerate(e.operand) && e.list.every(canGenerate);
    case 'case':
      return e.type !== 'STRING' && e.whens.every((w) => canGenerate(w.when) && canGenerate(w.then)) && canGenerate(e.else);
    case 'cast':
      return e.type !== 'STRING' && e.operand.type !== 'STRING' && canGenerate(e.operand);
    case 'call':
      return ['abs', 'floor', 'ceil', 'sqrt', 'exp', 'ln', 'sign', 'timestamp_millis', 'timestamp_micros', 'unix_millis', 'unix_micros', 'unix_seconds'].includes(e.fn)
        && e.args.every(canGenerate);
    default:
      return false;
  }
}

/** Source of a test that `v` is not in a 64-bit integer's range (NaN and infinities included). */
const outsideInt64 = (v: string): string => `!(${v} >= -9223372036854775808 && ${v} < 9223372036854775808)`;

function gen(e: BoundExpr, g: Gen): Out {
  const id = g.next++;
  const v = `v${id}`;
  const n = `n${id}`;
  const emit = (value: string, isNull: string): Out => {
    g.lines.push(`const ${n} = ${isNull}; const ${v} = ${value};`);
    return { v, n };
  };
  switch (e.kind) {
    case 'column': {
      let c = g.columns.indexOf(e.index);
      if (c < 0) { c = g.columns.length; g.columns.push(e.index); g.int64.push(e.type === 'BIGINT' || e.type === 'TIMESTAMP'); }
      return emit(`@C${c}@`, `@M${c}@`);
    }
    case 'literal':
      if (e.value === null) return emit('0', 'true');
      if (typeof e.value === 'boolean') return emit(e.value ? '1' : '0', 'false');
      if (typeof e.value !== 'number') throw new Error('string literal in generated code');
      return emit(num(e.value), 'false');
    case 'negate': {
      const a = gen(e.operand, g);
      return emit(e.type === 'INT' ? `(-${a.v}) | 0` : `-${a.v}`, a.n);
    }
    case 'not': {
      const a = gen(e.operand, g);
      return emit(`${a.v} ? 0 : 1`, a.n);
    }
    case 'isNull': {
      const a = gen(e.operand, g);
      return emit(e.negated ? `${a.n} ? 0 : 1` : `${a.n} ? 1 : 0`, 'false');
    }
    case 'arith': {
      const a = gen(e.left, g);
      const b = gen(e.right, g);
      const int32 = e.type === 'INT';
      const integral = int32 || e.type === 'BIGINT';
      switch (e.op) {
        case '+': return emit(int32 ? `(${a.v} + ${b.v}) | 0` : `${a.v} + ${b.v}`, `${a.n} || ${b.n}`);
        case '-': return emit(int32 ? `(${a.v} - ${b.v}) | 0` : `${a.v} - ${b.v}`, `${a.n} || ${b.n}`);
        case '*': return emit(int32 ? `Math.imul(${a.v}, ${b.v})` : `${a.v} * ${b.v}`, `${a.n} || ${b.n}`);
        case '/': return emit(`${a.v} / ${b.v}`, `${a.n} || ${b.n}`);
        case '%':
          return integral
            // Operands that fit in 32 bits take the integer remainder (the JIT's idiv), far cheaper than fmod.
            ? emit(`${b.v} === 0 ? 0 : (${a.v} | 0) === ${a.v} && (${b.v} | 0) === ${b.v} ? (${a.v} | 0) % (${b.v} | 0) : ${a.v} % ${b.v}`,
              `${a.n} || ${b.n} || ${b.v} === 0`)
            : emit(`${a.v} % ${b.v}`, `${a.n} || ${b.n}`);
        default:
          throw new Error('unknown arithmetic operator');
      }
    }
    case 'compare': {
      const a = gen(e.left, g);
      const b = gen(e.right, g);
      // Doubles order as in Spark: NaN equals NaN and is the greatest value (see numeric.ts compareF64).
      const x = a.v;
      const y = b.v;
      const test = {
        '=': `(${x} === ${y} || (${x} !== ${x} && ${y} !== ${y}))`,
        '<>': `!(${x} === ${y} || (${x} !== ${x} && ${y} !== ${y}))`,
        '<': `(${x} < ${y} || (${y} !== ${y} && ${x} === ${x}))`,
        '<=': `(${x} <= ${y} || ${y} !== ${y})`,
        '>': `(${x} > ${y} || (${x} !== ${x} && ${y} === ${y}))`,
        '>=': `(${x} >= ${y} || ${x} !== ${x})`,
      }[e.op];
      return emit(`${test} ? 1 : 0`, `${a.n} || ${b.n}`);
    }
    case 'and':
    case 'or': {
      const a = gen(e.left, g);
      const b = gen(e.right, g);
      // Three-valued logic: a definite FALSE (AND) or TRUE (OR) on either side decides; otherwise NULL wins.
      const dom = e.kind === 'and' ? 0 : 1;
      const decided = `((!${a.n} && ${a.v} === ${dom}) || (!${b.n} && ${b.v} === ${dom}))`;
      return emit(`${decided} ? ${dom} : ${1 - dom}`, `!${decided} && (${a.n} || ${b.n})`);
    }
    case 'inList': {
      const x = gen(e.operand, g);
      const items = e.list.map((l) => gen(l, g));
      const hit = items.map((it) => `(!${it.n} && (${it.v} === ${x.v} || (${it.v} !== ${it.v} && ${x.v} !== ${x.v})))`).join(' || ') || 'false';
      const anyNull = items.map((it) => it.n).join(' || ') || 'false';
      const nul = `!(${hit}) && (${x.n} || ${anyNull})`;
      const val = e.negated ? `(${hit}) ? 0 : 1` : `(${hit}) ? 1 : 0`;
      return emit(val, `${x.n} || (${nul})`);
    }
    case 'case': {
      // Branches are evaluated eagerly (they are pure numeric code), then the first true WHEN picks.
      const whens = e.whens.map((w) => ({ when: gen(w.when, g), then: gen(w.then, g) }));
      const els = gen(e.else, g);
      let value = els.v;
      let isNull = els.n;
      for (let k = whens.length - 1; k >= 0; k--) {
        const w = whens[k]!;
        const cond = `(!${w.when.n} && ${w.when.v} === 1)`;
        value = `${cond} ? ${w.then.v} : (${value})`;
        isNull = `${cond} ? ${w.then.n} : (${isNull})`;
      }
      return emit(value, isNull);
    }
    case 'cast': {
      const a = gen(e.operand, g);
      const from = e.operand.type;
      switch (e.type) {
        case 'DOUBLE':
          // `+ 0` turns an integer -0 (from `-4 % 2`) into 0, as the vectorized cast does.
          return emit(from === 'TIMESTAMP' ? `${a.v} / 1000000 + 0` : from === 'DOUBLE' ? a.v : `${a.v} + 0`, a.n);
        case 'BOOLEAN':
          return emit(`${a.v} !== 0 ? 1 : 0`, a.n);
        case 'TIMESTAMP': {
          // A BOOLEAN is 0 or 1 microseconds, as Spark casts it.
          if (from === 'TIMESTAMP' || from === 'BOOLEAN') return emit(a.v, a.n);
          // Microseconds a 64-bit integer holds, or NULL (as the vectorized cast).
          const t = `t${id}`;
          g.lines.push(`const ${t} = ${from === 'DOUBLE' ? `Math.round(${a.v} * 1000000)` : `${a.v} * 1000000`} + 0;`);
          return emit(t, `${a.n} || ${outsideInt64(t)}`);
        }
        case 'INT':
        case 'BIGINT': {
          const src = from === 'TIMESTAMP' ? `Math.floor(${a.v} / 1000000)` : `Math.trunc(${a.v})`;
          const lim = e.type === 'INT' ? '2147483648' : '9223372036854775808';
          const t = `t${id}`;
          g.lines.push(`const ${t} = ${src};`);
          return emit(`(${t} === 0 ? 0 : ${t})`, `${a.n} || !(${t} >= -${lim} && ${t} < ${lim})`);
        }
        default:
          throw new Error(`cast to ${e.type} is not generated`);
      }
    }
    case 'call': {
      const a = gen(e.args[0]!, g);
      const f: Record<string, string> = {
        abs: e.type === 'INT' ? `Math.abs(${a.v}) | 0` : `Math.abs(${a.v})`,
        floor: `Math.floor(${a.v})`, ceil: `Math.ceil(${a.v})`, sqrt: `Math.sqrt(${a.v})`, exp: `Math.exp(${a.v})`,
        ln: `Math.log(${a.v})`, sign: `Math.sign(${a.v})`, timestamp_millis: `${a.v} * 1000`, timestamp_micros: a.v,
        unix_millis: `Math.floor(${a.v} / 1000)`, unix_micros: a.v, unix_seconds: `Math.floor(${a.v} / 1000000)`,
      };
      if (e.fn === 'ln') {
        // NULL at or below 0, as in the vectorized kernel.
        const x = `x${id}`;
        g.lines.push(`const ${x} = ${a.v};`);
        return emit(`Math.log(${x})`, `${a.n} || ${x} <= 0`);
      }
      if (e.fn === 'floor' || e.fn === 'ceil' || e.fn === 'timestamp_millis') {
        // Results beyond a 64-bit integer (or not finite) are NULL, as in the vectorized kernels.
        const t = `t${id}`;
        g.lines.push(`const ${t} = ${f[e.fn]!};`);
        return emit(t, `${a.n} || ${outsideInt64(t)}`);
      }
      return emit(f[e.fn]!, a.n);
    }
    default:
      throw new Error(`not generated: ${e.kind}`);
  }
}

type Lanes = readonly (Float64Array | Uint8Array | Int32Array)[];
type Generated = (cols: Lanes, valids: readonly Uint8Array[], n: number, out: Float64Array | Uint8Array | Int32Array, nullRows: Int32Array) => number;

let ones = new Uint8Array(0);
function allValid(n: number): Uint8Array {
  if (ones.length < n) ones = new Uint8Array(Math.max(n, 1024)).fill(1);
  return ones;
}

/** Rows whose result is NULL, reused from call to call (kernels run one at a time). */
let nullScratch = new Int32Array(0);
function nullRows(n: number): Int32Array {
  if (nullScratch.length < n) nullScratch = new Int32Array(Math.max(n, 1024));
  return nullScratch;
}

/**
 * One loop, compiled lazily in up to four variants: reading BIGINT/TIMESTAMP columns from float64 lanes or straight
 * from Arrow's int64 buffers through an Int32 view, and with or without NULL checks on the inputs (when no input
 * column has a NULL, the checks are the constant `false` and the JIT drops them).
 */
class Built {
  private readonly fns = new Map<string, Generated>();
  constructor(private readonly code: string, readonly columns: readonly number[], readonly int64: readonly boolean[]) {}

  get anyInt64(): boolean {
    return this.int64.some(Boolean);
  }

  fn(raw: boolean, nullable: boolean): Generated {
    const key = `${raw ? 'r' : 'l'}${nullable ? 'n' : ''}`;
    let f = this.fns.get(key);
    if (f) return f;
    const src = this.code
      .replace(/@C(\d+)@/g, (_, c: string) => (raw && this.int64[Number(c)]
        ? `(c${c}[2 * i + 1] * 4294967296 + (c${c}[2 * i] >>> 0))`
        : `c${c}[i]`))
      .replace(/@M(\d+)@/g, (_, c: string) => (nullable ? `m${c}[i] === 0` : 'false'));
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    f = new Function('cols', 'valids', 'n', 'out', 'nullRows', src) as Generated;
    this.fns.set(key, f);
    return f;
  }
}

function build(e: BoundExpr, body: (r: Out) => string): Built {
  const g: Gen = { lines: [], columns: [], int64: [], next: 0 };
  const r = gen(e, g);
  const head = g.columns.map((_, c) => `const c${c} = cols[${c}], m${c} = valids[${c}];`).join('\n');
  const code = `${head}\nlet k = 0;\nfor (let i = 0; i < n; i++) {\n${g.lines.join('\n')}\n${body(r)}\n}\nreturn k;`;
  return new Built(code, g.columns, g.int64);
}

/** The inputs of a generated loop, and which variant reads them. */
function lanesOf(inp: EvalInput, b: Built): { fn: Generated; cols: (Float64Array | Uint8Array | Int32Array)[]; valids: Uint8Array[] } {
  const cols: (Float64Array | Uint8Array | Int32Array)[] = [];
  const valids: Uint8Array[] = [];
  const raws = b.anyInt64 && inp.raw ? b.columns.map((c, j) => (b.int64[j] ? inp.raw!(c) : undefined)) : undefined;
  const useRaw = raws !== undefined && b.int64.every((x, j) => !x || raws[j] !== undefined);
  const columns = b.columns;
  let nullable = false;
  for (let j = 0; j < columns.length; j++) {
    const c = columns[j]!;
    const d = useRaw ? raws[j] : undefined;
    if (d) {
      const v = d.values as BigInt64Array;
      cols.push(new Int32Array(v.buffer, v.byteOffset, inp.n * 2));
      const valid = validBytes(d);
      if (valid) nullable = true;
      valids.push(valid ?? allValid(inp.n));
      continue;
    }
    const v = inp.col(c);
    if (v.kind === 'str') throw new Error('string column in generated code');
    cols.push(v.values);
    if (v.valid) nullable = true;
    valids.push(v.valid ?? allValid(inp.n));
  }
  return { fn: b.fn(useRaw, nullable), cols, valids };
}

/** A generated kernel computing a numeric or boolean vector. */
export function generateKernel(e: BoundExpr): (inp: EvalInput) => Vec {
  const bool = e.type === 'BOOLEAN';
  // The loop records the rows whose result is NULL; validity bytes are built only when there are any.
  const b = build(e, (r) => `out[i] = ${r.v}; if (${r.n}) nullRows[k++] = i;`);
  return (inp) => {
    const n = inp.n;
    const { fn, cols, valids } = lanesOf(inp, b);
    const out = bool ? new Uint8Array(n) : new Float64Array(n);
    const rows = nullRows(n);
    const nulls = fn(cols, valids, n, out, rows);
    let valid: Uint8Array | null = null;
    if (nulls) {
      valid = new Uint8Array(n).fill(1);
      for (let j = 0; j < nulls; j++) valid[rows[j]!] = 0;
    }
    return bool
      ? { kind: 'bool', length: n, values: out as Uint8Array, valid }
      : { kind: 'f64', length: n, values: out as Float64Array, valid };
  };
}

/** A generated filter: writes the indices of rows where the predicate is TRUE into `sel`, returns their count. */
export function generateFilter(e: BoundExpr): (inp: EvalInput, sel: Int32Array) => number {
  const b = build(e, (r) => `if (!${r.n} && ${r.v} === 1) out[k++] = i;`);
  return (inp, sel) => {
    const { fn, cols, valids } = lanesOf(inp, b);
    return fn(cols, valids, inp.n, sel, nullRows(0));
  };
}
