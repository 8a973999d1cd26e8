// Pre-generates the benchmark's bids as Arrow record batches, one group per micro-batch, with the engine's datagen source.

import type * as arrow from 'apache-arrow';
import type { DataType, Schema } from '../common/types.js';
import type { CreateSourceStmt } from '../grammar/ast.js';
import { parseStatement } from '../grammar/index.js';
import { DatagenSource } from '../runtime/index.js';

/** Distinct keys (1..KEYS): about 10 rows per key per 10-second window at one row per millisecond. */
export const KEYS = 1000;

/** The generator, written as the SQL a user would run (the connector is only used here, before any timing). */
export function datagenSql(rows: number): string {
  return `CREATE SOURCE bids (ts TIMESTAMP, key BIGINT, price DOUBLE)
  WITH (connector = 'datagen', rows = ${rows}, seed = 42, step = '1 ms', max_out_of_order = '2 seconds',
        'fields.key.min' = 1, 'fields.key.max' = ${KEYS}, 'fields.price.min' = 1, 'fields.price.max' = 100)`;
}

/** How the queries see the data: a memory source (rows appended from memory, read in micro-batches). */
export const SOURCE_SQL = 'CREATE SOURCE bids (ts TIMESTAMP, key BIGINT, price DOUBLE)';

export interface Dataset {
  readonly rows: number;
  readonly batchSize: number;
  readonly schema: Schema;
  /** The input of each micro-batch: `batchSize` rows (the last may be shorter), as one or more record batches. */
  readonly microBatches: readonly (readonly arrow.RecordBatch[])[];
  readonly generateSeconds: number;
  /** Approximate bytes of column data held in memory. */
  readonly bytes: number;
}

export function parseSource(sql: string): { stmt: CreateSourceStmt; schema: Schema; options: Record<string, string | number | boolean> } {
  const stmt = parseStatement(sql);
  if (stmt.kind !== 'createSource') throw new Error(`expected CREATE SOURCE, got ${stmt.kind}`);
  const schema = stmt.columns.map((c) => ({ name: c.name.name, type: c.type, nullable: !c.notNull }));
  const options = Object.fromEntries(stmt.options.map((o) => [o.key, o.value]));
  return { stmt, schema, options };
}

const EXPECTED: readonly (readonly [string, DataType])[] = [['ts', 'TIMESTAMP'], ['key', 'BIGINT'], ['price', 'DOUBLE']];

export function generate(rows: number, batchSize: number): Dataset {
  const t0 = performance.now();
  const { schema, options } = parseSource(datagenSql(rows));
  EXPECTED.forEach(([name, type], i) => {
    if (schema[i]?.name !== name || schema[i]?.type !== type) throw new Error(`bench schema drifted: column ${i} should be ${name} ${type}`);
  });
  const gen = new DatagenSource('bids', schema, options);
  const microBatches: arrow.RecordBatch[][] = [];
  let bytes = 0;
  for (let s = 0; s < rows; s += batchSize) {
    const group = gen.read(s, Math.min(rows, s + batchSize));
    for (const b of group) {
      for (let c = 0; c < schema.length; c++) {
        if (b.getChildAt(c)!.nullCount !== 0) throw new Error('the benchmark data must not contain NULLs');
      }
      bytes += b.numRows * 24;
    }
    microBatches.push(group);
  }
  return { rows, batchSize, schema, microBatches, generateSeconds: (performance.now() - t0) / 1000, bytes };
}

/** A zero-copy Float64Array over a DOUBLE column of a generated batch. */
export function f64Column(b: arrow.RecordBatch, col: number): Float64Array {
  const d = b.getChildAt(col)!.data[0]!;
  const v: unknown = d.values;
  if (!(v instanceof Float64Array) || b.getChildAt(col)!.data.length !== 1) throw new Error(`column ${col} is not a single float64 chunk`);
  return v.subarray(0, d.length); // arrow-js slices fixed-width value buffers itself; `offset` only applies to bitmaps
}

/** A zero-copy Int32Array over a BIGINT or TIMESTAMP column (two words per row, little-endian: low then high). */
export function int64Words(b: arrow.RecordBatch, col: number): Int32Array {
  const d = b.getChildAt(col)!.data[0]!;
  const v: unknown = d.values;
  if (!(v instanceof BigInt64Array) || b.getChildAt(col)!.data.length !== 1) throw new Error(`column ${col} is not a single int64 chunk`);
  return new Int32Array(v.buffer, v.byteOffset, d.length * 2);
}

/** The first `n` micro-batches, e.g. to warm up the JIT before timing. */
export function head(data: Dataset, n: number): Dataset {
  const microBatches = data.microBatches.slice(0, n);
  const rows = microBatches.reduce((s, g) => s + g.reduce((t, b) => t + b.numRows, 0), 0);
  return { ...data, rows, microBatches, bytes: rows * 24 };
}
