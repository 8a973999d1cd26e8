// Order-independent result checksums, computed the same way over Arrow batches, typed arrays and in DuckDB's SQL:
// the row count plus, per column, the sum of one integer term per row modulo 2^31 - 1.

import type * as arrow from 'apache-arrow';

export const MOD = 2147483647;

export type ColType = 'BIGINT' | 'TIMESTAMP' | 'DOUBLE' | 'STRING';

export interface ResultColumn {
  readonly name: string;
  readonly type: ColType;
}

export interface Checksum {
  readonly rows: number;
  /** Per column: the sum of the column's terms modulo MOD. */
  readonly sums: readonly number[];
}

/** A column of output rows: int64 words (BIGINT, TIMESTAMP), doubles, plain numbers or UTF-8 offsets and bytes. */
export type ColView =
  | { readonly kind: 'i64'; readonly words: Int32Array }
  | { readonly kind: 'f64'; readonly values: ArrayLike<number> }
  | { readonly kind: 'str'; readonly offsets: Int32Array; readonly bytes: Uint8Array };

const TWO_32 = 4294967296;

/** Integers (BIGINT, TIMESTAMP micros): v mod MOD, non-negative. */
const intTerm = (v: number): number => ((v % MOD) + MOD) % MOD;
/** DOUBLE: the value in thousandths, rounded (DuckDB and JavaScript may differ in the last bit of a quotient). */
const doubleTerm = (v: number): number => intTerm(Math.round(v * 1000));
/** STRING: byte length * 256 + first byte. */
const strTerm = (len: number, first: number): number => (len * 256 + first) % MOD;

/** The term of row i of a column. */
function term(c: ColView, type: ColType, i: number): number {
  switch (c.kind) {
    case 'i64': return intTerm(c.words[2 * i + 1]! * TWO_32 + (c.words[2 * i]! >>> 0));
    case 'f64': return type === 'DOUBLE' ? doubleTerm(c.values[i]!) : intTerm(c.values[i]!);
    case 'str': {
      const s = c.offsets[i]!;
      const len = c.offsets[i + 1]! - s;
      return strTerm(len, len > 0 ? c.bytes[s]! : 0);
    }
    default: {
      const never: never = c;
      throw new Error(`column ${String(never)}`);
    }
  }
}

/** Views of the first `types.length` columns of an Arrow batch (the visible ones; hidden key columns follow). */
export function arrowViews(b: arrow.RecordBatch, types: readonly ColType[]): ColView[] {
  return types.map((t, c) => {
    const d = b.data.children[c]!;
    if (d.nullCount > 0) throw new Error(`column ${c} of a result has NULLs; the benchmark's checksums assume none`);
    if (t === 'STRING') return { kind: 'str', offsets: d.valueOffsets as Int32Array, bytes: d.values as Uint8Array };
    if (t === 'DOUBLE') return { kind: 'f64', values: (d.values as Float64Array).subarray(0, d.length) };
    const v = d.values as BigInt64Array;
    return { kind: 'i64', words: new Int32Array(v.buffer, v.byteOffset, d.length * 2) };
  });
}

/** Accumulates rows (APPEND: every row is a result row). */
export class Checksummer {
  private rows = 0;
  private readonly sums: number[];

  constructor(private readonly types: readonly ColType[]) {
    this.sums = types.map(() => 0);
  }

  add(cols: readonly ColView[], n: number): void {
    this.rows += n;
    this.types.forEach((t, c) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += term(cols[c]!, t, i); // < 2^31 per row: exact for any batch below 2^22 rows
      this.sums[c] = (this.sums[c]! + (s % MOD)) % MOD;
    });
  }

  addArrow(b: arrow.RecordBatch): void {
    this.add(arrowViews(b, this.types), b.numRows);
  }

  result(): Checksum {
    return { rows: this.rows, sums: [...this.sums] };
  }
}

/** Accumulates an UPDATE stream: the result is the last row of each key (the key columns' values). */
export class KeyedChecksummer {
  private readonly last = new Map<string, number[]>();

  constructor(private readonly types: readonly ColType[], private readonly keyColumns: readonly number[]) {}

  add(cols: readonly ColView[], n: number): void {
    for (let i = 0; i < n; i++) {
      const terms = this.types.map((t, c) => term(cols[c]!, t, i));
      const key = this.keyColumns.map((c) => {
        const v = cols[c]!;
        return v.kind === 'i64' ? v.words[2 * i + 1]! * TWO_32 + (v.words[2 * i]! >>> 0) : terms[c]!;
      }).join('|');
      this.last.set(key, terms);
    }
  }

  addArrow(b: arrow.RecordBatch): void {
    this.add(arrowViews(b, this.types), b.numRows);
  }

  result(): Checksum {
    const sums = this.types.map(() => 0);
    for (const terms of this.last.values()) terms.forEach((t, c) => { sums[c] = (sums[c]! + t) % MOD; });
    return { rows: this.last.size, sums };
  }
}

/** The same checksum in DuckDB's SQL, over a table holding the result. */
export function checksumSql(table: string, cols: readonly ResultColumn[]): string {
  const terms = cols.map((c) => {
    const q = `"${c.name}"`;
    switch (c.type) {
      case 'BIGINT': return `((${q} % ${MOD}) + ${MOD}) % ${MOD}`;
      case 'TIMESTAMP': return `((epoch_us(${q}) % ${MOD}) + ${MOD}) % ${MOD}`;
      case 'DOUBLE': return `((round(${q} * 1000)::BIGINT % ${MOD}) + ${MOD}) % ${MOD}`;
      case 'STRING': return `(strlen(${q}) * 256 + coalesce(ascii(${q}), 0)) % ${MOD}`;
      default: {
        const never: never = c.type;
        throw new Error(`type ${String(never)}`);
      }
    }
  });
  return `SELECT count(*)::BIGINT, ${terms.map((t) => `(coalesce(sum(${t}), 0) % ${MOD})::BIGINT`).join(', ')} FROM ${table}`;
}

export const sameChecksum = (a: Checksum, b: Checksum): boolean => a.rows === b.rows && a.sums.length === b.sums.length && a.sums.every((s, i) => s === b.sums[i]);

export const formatChecksum = (c: Checksum): string => `${c.rows.toLocaleString('en-US')} rows [${c.sums.join(', ')}]`;
