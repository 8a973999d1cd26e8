// Aligned text tables for the REPL: column widths in terminal cells, so wide (CJK, emoji) and combining characters line up.

import type * as arrow from 'apache-arrow';
import { renderValue } from '../../common/format-value.js';
import { isNumeric, type Schema } from '../../common/types.js';
import { rowsFromBatch } from '../../runtime/index.js';

/** Code point ranges a terminal draws two cells wide (East Asian Wide and Fullwidth, and emoji blocks). */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0], [0x23f3, 0x23f3],
  [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f], [0x2693, 0x2693], [0x26a1, 0x26a1],
  [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5], [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea],
  [0x26f2, 0x26f3], [0x26f5, 0x26f5], [0x26fa, 0x26fa], [0x26fd, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b],
  [0x2728, 0x2728], [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797],
  [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50], [0x2b55, 0x2b55],
  [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xa960, 0xa97f],
  [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4], [0x17000, 0x18aff], [0x1b000, 0x1b2ff], [0x1f004, 0x1f004], [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e], [0x1f191, 0x1f19a], [0x1f200, 0x1f251], [0x1f300, 0x1f64f], [0x1f680, 0x1f6ff],
  [0x1f7e0, 0x1f7eb], [0x1f90c, 0x1f9ff], [0x1fa70, 0x1faff], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;

function isWide(cp: number): boolean {
  let lo = 0;
  let hi = WIDE.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = WIDE[mid]!;
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Terminal cells one code point takes: 0 for combining marks and format characters, 2 for wide ones, else 1. */
export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp === 0 || ZERO_WIDTH.test(ch)) return 0;
  return isWide(cp) ? 2 : 1;
}

/** Terminal cells a string takes (it holds no control characters: see cellText). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch);
  return w;
}

/** The longest start of `s` that fits in `width` cells, with `…` when something was cut. */
export function truncate(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = charWidth(ch);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return out + '…';
}

/**
 * A value as a table cell: the golden rendering (NULL, `\t` and `\n` escaped), plus every other control character
 * escaped, so that a value can never move the cursor or change the terminal's state.
 */
export function cellText(v: string | number | boolean | null, type: Schema[number]['type']): string {
  return escapeControls(renderValue(v, type));
}

/** C0 and C1 control characters as `\r` or `\xNN` (a terminal would act on them). */
export function escapeControls(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= 0x20 && (c < 0x7f || c > 0x9f)) out += ch;
    else out += c === 0x0d ? '\\r' : `\\x${c.toString(16).padStart(2, '0')}`;
  }
  return out;
}

export interface TableColumn {
  readonly name: string;
  readonly align: 'left' | 'right';
}

const pad = (s: string, width: number, align: 'left' | 'right'): string => {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return align === 'right' ? fill + s : s + fill;
};

/**
 * psql's aligned format: a header, a rule, one line per row; cells wider than `maxCellWidth` are cut with `…`.
 * Numbers are right-aligned so that their digits line up.
 */
export function renderTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[], maxCellWidth = 60): string[] {
  const cut = (s: string): string => truncate(s, Math.max(2, maxCellWidth));
  const header = columns.map((c) => cut(c.name));
  const body = rows.map((r) => columns.map((_, i) => cut(r[i] ?? '')));
  const widths = columns.map((_, i) => Math.max(displayWidth(header[i]!), ...body.map((r) => displayWidth(r[i]!))));
  const line = (cells: readonly string[], aligns: readonly ('left' | 'right')[]): string =>
    cells.map((c, i) => ` ${pad(c, widths[i]!, aligns[i]!)} `).join('|').trimEnd();
  return [
    line(header, columns.map((c) => c.align)),
    widths.map((w) => '-'.repeat(w + 2)).join('+'),
    ...body.map((r) => line(r, columns.map((c) => c.align))),
  ];
}

export const rowCount = (n: number): string => `(${n} ${n === 1 ? 'row' : 'rows'})`;

/** Rows of an Arrow table as cells; sorted as the golden format sorts them unless the result is ordered. */
export function tableCells(table: arrow.Table, schema: Schema, ordered: boolean): string[][] {
  const rows: string[][] = [];
  for (const b of table.batches) {
    for (const row of rowsFromBatch(b, schema)) rows.push(row.map((v, i) => cellText(v, schema[i]!.type)));
  }
  if (ordered) return rows;
  const key = (r: readonly string[]): string => r.join('\t');
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** A result as table lines and a row count. */
export function renderResult(table: arrow.Table, schema: Schema, ordered: boolean, maxCellWidth?: number): string[] {
  const cells = tableCells(table, schema, ordered);
  const columns = schema.map((f): TableColumn => ({ name: f.name, align: isNumeric(f.type) ? 'right' : 'left' }));
  return [...renderTable(columns, cells, maxCellWidth), rowCount(cells.length)];
}
