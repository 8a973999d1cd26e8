// Text rendering of SQL values, shared by golden output, CAST to STRING and the CLI.

import { formatTimestamp } from './time.js';
import type { DataType } from './types.js';

export function formatDouble(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (Object.is(v, -0)) return '-0.0';
  const s = String(v);
  return Number.isInteger(v) && !s.includes('e') ? s + '.0' : s;
}

/** Renders a value as CAST(x AS STRING) does (no escaping). */
export function valueToString(v: number | string | boolean, type: DataType): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  switch (type) {
    case 'DOUBLE': return formatDouble(v);
    case 'TIMESTAMP': return formatTimestamp(v);
    default: return String(v);
  }
}

/** Golden-file rendering: NULL, and backslash, TAB and newline escaped in strings. */
export function renderValue(v: number | string | boolean | null, type: DataType): string {
  if (v === null) return 'NULL';
  if (typeof v === 'string') return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
  return valueToString(v, type);
}
