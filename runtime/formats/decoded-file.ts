// A decoded input file: its records in order, the well-formed ones as rows and the malformed ones with why.

import type * as arrow from 'apache-arrow';
import type { Schema } from '../../common/types.js';
import type { ScalarValue } from '../../planner/index.js';
import { batchFromVecs } from '../vec.js';
import { vecFromValues } from '../values.js';

/** A record that could not be decoded: it keeps its position, so offsets stay the same whatever on_error does. */
export interface MalformedRecord {
  /** Position of the record in the file (0-based, counting every record). */
  readonly position: number;
  /** Line where the record starts (1-based; for Arrow files the row number), or null for a whole unreadable file. */
  readonly line: number | null;
  /** The record's text (JSONL line, CSV record; an Arrow row as JSON), or null when there is none. */
  readonly raw: string | null;
  readonly reason: string;
}

export interface DecodedFile {
  /** Records in the file: rows and malformed records. */
  readonly records: number;
  /** The well-formed records, in file order. */
  readonly rows: arrow.RecordBatch;
  /** The malformed records, by ascending position. */
  readonly malformed: readonly MalformedRecord[];
}

/** Collects a file's records column by column, then builds one batch of the well-formed ones. */
export class RecordCollector {
  private readonly columns: ScalarValue[][];
  private count = 0;
  private positions = 0;
  readonly malformed: MalformedRecord[] = [];

  constructor(private readonly schema: Schema) {
    this.columns = schema.map(() => []);
  }

  /** A well-formed record: one value per schema column. */
  row(values: readonly ScalarValue[]): void {
    for (let c = 0; c < this.columns.length; c++) this.columns[c]!.push(values[c] ?? null);
    this.count++;
    this.positions++;
  }

  bad(line: number | null, raw: string | null, reason: string): void {
    this.malformed.push({ position: this.positions++, line, raw, reason });
  }

  finish(): DecodedFile {
    const vecs = this.schema.map((f, c) => vecFromValues(this.columns[c]!, f.type));
    return { records: this.positions, rows: batchFromVecs(this.schema, vecs, this.count), malformed: this.malformed };
  }
}

/** A file that cannot be decoded at all: one malformed record without a line. */
export function unreadableFile(schema: Schema, reason: string): DecodedFile {
  const c = new RecordCollector(schema);
  c.bad(null, null, reason);
  return c.finish();
}

/** Finds a schema column for a field name of the input: the exact name, else the name case-insensitively. */
export function columnResolver(schema: Schema): (name: string) => number {
  const exact = new Map<string, number>();
  const lower = new Map<string, number>();
  schema.forEach((f, i) => {
    exact.set(f.name, i);
    if (!lower.has(f.name.toLowerCase())) lower.set(f.name.toLowerCase(), i);
  });
  return (name) => exact.get(name) ?? lower.get(name.toLowerCase()) ?? -1;
}
