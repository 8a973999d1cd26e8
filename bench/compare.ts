// Checks that the engine's result table and the baseline's emitted rows are the same rows, with a short explanation.

import type { ScalarValue } from '../planner/index.js';
import type { NumRows } from './baselines.js';

export interface Agreement {
  readonly agree: boolean;
  /** What was compared and how it came out, for the report. */
  readonly detail: string;
}

function toNumbers(rows: readonly (readonly ScalarValue[])[]): NumRows {
  return rows.map((r) => r.map((v) => {
    if (typeof v !== 'number') throw new Error(`expected only numbers in the result, got ${JSON.stringify(v)}`);
    return v;
  }));
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/** Same rows in the same order, every value identical (filter + projection keeps input order). */
export function compareOrdered(engineRows: readonly (readonly ScalarValue[])[], baseline: NumRows): Agreement {
  const engine = toNumbers(engineRows);
  if (engine.length !== baseline.length) return { agree: false, detail: `row counts differ: engine ${fmt(engine.length)}, baseline ${fmt(baseline.length)}` };
  for (let i = 0; i < engine.length; i++) {
    const a = engine[i]!;
    const b = baseline[i]!;
    if (a.length !== b.length || a.some((v, j) => !Object.is(v, b[j]))) {
      return { agree: false, detail: `row ${i} differs: engine ${JSON.stringify(a)}, baseline ${JSON.stringify(b)}` };
    }
  }
  return { agree: true, detail: `${fmt(engine.length)} rows identical, in order` };
}

/**
 * Same set of rows: sorted on the first `keyColumns` columns (which must be unique), keys and counts identical,
 * sums equal within a relative 1e-9 (both add in row order, so they are normally bit-identical; the note says if not).
 */
export function compareGrouped(engineRows: readonly (readonly ScalarValue[])[], baseline: NumRows, keyColumns: number, floatColumns: readonly number[]): Agreement {
  const engine = toNumbers(engineRows);
  if (engine.length !== baseline.length) return { agree: false, detail: `row counts differ: engine ${fmt(engine.length)}, baseline ${fmt(baseline.length)}` };
  const byKey = (a: readonly number[], b: readonly number[]): number => {
    for (let k = 0; k < keyColumns; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
    return 0;
  };
  const e = [...engine].sort(byKey);
  const b = [...baseline].sort(byKey);
  let inexact = 0;
  for (let i = 0; i < e.length; i++) {
    const x = e[i]!;
    const y = b[i]!;
    if (i > 0 && byKey(b[i - 1]!, y) === 0) return { agree: false, detail: `baseline emitted group ${JSON.stringify(y.slice(0, keyColumns))} twice` };
    if (i > 0 && byKey(e[i - 1]!, x) === 0) return { agree: false, detail: `engine emitted group ${JSON.stringify(x.slice(0, keyColumns))} twice` };
    for (let j = 0; j < x.length; j++) {
      if (Object.is(x[j], y[j])) continue;
      const close = floatColumns.includes(j) && Math.abs(x[j]! - y[j]!) <= 1e-9 * Math.max(1, Math.abs(x[j]!), Math.abs(y[j]!));
      if (!close) return { agree: false, detail: `group ${JSON.stringify(x.slice(0, keyColumns))} differs: engine ${JSON.stringify(x)}, baseline ${JSON.stringify(y)}` };
      inexact++;
    }
  }
  const sums = floatColumns.length ? (inexact ? `; ${fmt(inexact)} sums differ in the last bits` : '; sums bit-identical') : '';
  return { agree: true, detail: `${fmt(e.length)} groups identical${sums}` };
}
