// CAST kernels between SQL types; a value that cannot be converted becomes NULL (like Spark's try_cast).

import { valueToString } from '../../common/format-value.js';
import { MICROS_PER_SECOND, tryParseTimestamp } from '../../common/time.js';
import type { DataType } from '../../common/types.js';
import type { Vec } from '../vec.js';
import { fitsInt64 } from './numeric.js';
import { StrBuilder, strAt, type StrVec } from './utf8.js';


function parseNumber(s: string, to: DataType): number | null {
  const t = s.trim();
  if (t === '') return null;
  if (to === 'DOUBLE') {
    if (/^[+-]?(nan)$/i.test(t)) return NaN;
    if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
    const v = Number(t);
    return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) && !Number.isNaN(v) ? v : null;
  }
  if (!/^[+-]?\d+(\.\d*)?$/.test(t)) return null;
  const v = Math.trunc(Number(t));
  if (to === 'INT' && (v < -2147483648 || v > 2147483647)) return null;
  if (to === 'BIGINT' && !fitsInt64(v)) return null;
  return v;
}

function fromStr(v: StrVec, to: DataType, n: number): Vec {
  if (to === 'BOOLEAN') {
    const values = new Uint8Array(n);
    const valid = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (v.valid && !v.valid[i]) continue;
      const s = strAt(v, i).trim().toLowerCase();
      if (s === 'true' || s === 't' || s === '1' || s === 'yes' || s === 'y') { values[i] = 1; valid[i] = 1; }
      else if (s === 'false' || s === 'f' || s === '0' || s === 'no' || s === 'n') valid[i] = 1;
    }
    return { kind: 'bool', length: n, values, valid };
  }
  const values = new Float64Array(n);
  const valid = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (v.valid && !v.valid[i]) continue;
    const s = strAt(v, i);
    const x = to === 'TIMESTAMP' ? tryParseTimestamp(s) ?? null : parseNumber(s, to);
    if (x !== null) {
      values[i] = x;
      valid[i] = 1;
    }
  }
  return { kind: 'f64', length: n, values, valid };
}

export function castVec(v: Vec, from: DataType, to: DataType, n: number): Vec {
  if (from === to) return v;
  if (to === 'STRING') {
    if (v.kind === 'str') return v;
    const b = new StrBuilder(n);
    for (let i = 0; i < n; i++) {
      if (v.valid && !v.valid[i]) b.pushNull();
      else b.push(valueToString(v.kind === 'bool' ? v.values[i] === 1 : v.values[i]!, from));
    }
    return b.finish();
  }
  if (v.kind === 'str') return fromStr(v, to, n);
  if (v.kind === 'bool') {
    if (to === 'BOOLEAN') return v;
    // true is 1 and false 0, also as a TIMESTAMP: 1 microsecond after the epoch, as Spark casts it.
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = v.values[i]!;
    return { kind: 'f64', length: n, values, valid: v.valid };
  }
  const x = v.values;
  if (to === 'BOOLEAN') {
    const values = new Uint8Array(n);
    for (let i = 0; i < n; i++) values[i] = x[i] !== 0 ? 1 : 0;
    return { kind: 'bool', length: n, values, valid: v.valid };
  }
  const values = new Float64Array(n);
  let valid = v.valid;
  const invalidate = (i: number): void => {
    if (!valid || valid === v.valid) valid = v.valid ? v.valid.slice() : new Uint8Array(n).fill(1);
    valid[i] = 0;
  };
  for (let i = 0; i < n; i++) {
    let y = x[i]!;
    // TIMESTAMP to DOUBLE keeps the fraction of a second (Spark); to integers it floors to whole seconds.
    if (from === 'TIMESTAMP') y = to === 'DOUBLE' ? y / MICROS_PER_SECOND : Math.floor(y / MICROS_PER_SECOND);
    if (to === 'TIMESTAMP') {
      // Microseconds a 64-bit integer holds, as Spark's timestamps (NaN fails the test too).
      y = from === 'DOUBLE' ? Math.round(y * MICROS_PER_SECOND) : y * MICROS_PER_SECOND;
      if (!fitsInt64(y)) { invalidate(i); continue; }
    } else if (to !== 'DOUBLE') {
      if (!Number.isFinite(y)) { invalidate(i); continue; }
      y = Math.trunc(y);
      if (to === 'INT' && (y < -2147483648 || y > 2147483647)) { invalidate(i); continue; }
      if (to === 'BIGINT' && !fitsInt64(y)) { invalidate(i); continue; }
    }
    // Integers have no -0 (it can come from `%`, negation or floor/ceil); as a DOUBLE it must be 0.0, not -0.0.
    values[i] = to === 'DOUBLE' && from !== 'DOUBLE' ? y + 0 : y;
  }
  return { kind: 'f64', length: n, values, valid };
}
