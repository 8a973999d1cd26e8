// Pre-generates the benchmark's Nexmark bids as Arrow record batches, one group per micro-batch, with the engine's
// nexmark connector; zero-copy typed-array views of their columns for the hand-written loops and the checksums.

import type * as arrow from 'apache-arrow';
import type { Schema } from '../common/types.js';
import type { CreateSourceStmt } from '../grammar/ast.js';
import { parseStatement } from '../grammar/index.js';
import { NexmarkSource } from '../runtime/index.js';

export const BID_COLUMNS = 'auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, url STRING, date_time TIMESTAMP, extra STRING';
/** The numeric-only variant: the bid table without its string columns (channel, url, extra). */
export const BID_NUM_COLUMNS = 'auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP';

/** The generator, written as the SQL a user would run (the connector is only used here, before any timing). */
export function nexmarkSql(events: number, seed: number): string {
  return `CREATE SOURCE bid (${BID_COLUMNS}) WITH (connector = 'nexmark', table = 'bid', events = ${events}, seed = ${seed})`;
}

export function parseSource(sql: string): { stmt: CreateSourceStmt; schema: Schema; options: Record<string, string | number | boolean> } {
  const stmt = parseStatement(sql);
  if (stmt.kind !== 'createSource') throw new Error(`expected CREATE SOURCE, got ${stmt.kind}`);
  const schema = stmt.columns.map((c) => ({ name: c.name.name, type: c.type, nullable: !c.notNull }));
  const options = Object.fromEntries(stmt.options.map((o) => [o.key, o.value]));
  return { stmt, schema, options };
}

/** Indexes of the numeric-only columns within the full bid schema. */
const NUM_COLUMNS = [0, 1, 2, 5];

export interface Dataset {
  readonly events: number;
  /** Bid rows (46 of every 50 events). */
  readonly rows: number;
  readonly batchSize: number;
  readonly schema: Schema;
  readonly numSchema: Schema;
  /** The input of each micro-batch: `batchSize` rows (the last may be shorter), as one or more record batches. */
  readonly microBatches: readonly (readonly arrow.RecordBatch[])[];
  /** The same batches without the string columns (zero-copy: the numeric columns are shared). */
  readonly numMicroBatches: readonly (readonly arrow.RecordBatch[])[];
  readonly generateSeconds: number;
  /** Bytes of column data held in memory (values, offsets and string bytes). */
  readonly bytes: number;
  /** Event time of the last bid (UTC micros). */
  readonly maxTime: number;
}

export function generate(events: number, batchSize: number, seed = 1): Dataset {
  const t0 = performance.now();
  const { schema, options } = parseSource(nexmarkSql(events, seed));
  const gen = new NexmarkSource('bid', schema, options);
  const rows = gen.latestOffset();
  const microBatches: arrow.RecordBatch[][] = [];
  let bytes = 0;
  for (let s = 0; s < rows; s += batchSize) {
    const group = gen.read(s, Math.min(rows, s + batchSize));
    for (const b of group) {
      for (const child of b.data.children) bytes += child.byteLength;
    }
    microBatches.push(group);
  }
  const generateSeconds = (performance.now() - t0) / 1000;
  const numSchema = NUM_COLUMNS.map((i) => schema[i]!);
  const numMicroBatches = microBatches.map((g) => g.map((b) => b.selectAt(NUM_COLUMNS)));
  const last = microBatches[microBatches.length - 1];
  const lastBatch = last?.[last.length - 1];
  let maxTime = -Infinity;
  if (lastBatch) {
    // Event time only grows with the row, so the last row holds the maximum.
    const w = int64Words(lastBatch, 5);
    const i = lastBatch.numRows - 1;
    maxTime = w[2 * i + 1]! * 4294967296 + (w[2 * i]! >>> 0);
  }
  return { events, rows, batchSize, schema, numSchema, microBatches, numMicroBatches, generateSeconds, bytes, maxTime };
}

/** The first `n` micro-batches, e.g. to warm up the JIT before timing. */
export function head(data: Dataset, n: number): Dataset {
  const microBatches = data.microBatches.slice(0, n);
  const rows = microBatches.reduce((s, g) => s + g.reduce((t, b) => t + b.numRows, 0), 0);
  return { ...data, rows, microBatches, numMicroBatches: data.numMicroBatches.slice(0, n) };
}

function single(b: arrow.RecordBatch, col: number): arrow.Data {
  const d: arrow.Data | undefined = b.data.children[col];
  if (!d) throw new Error(`no column ${col}`);
  return d;
}

/** A zero-copy Int32Array over a BIGINT or TIMESTAMP column (two words per row, little-endian: low then high). */
export function int64Words(b: arrow.RecordBatch, col: number): Int32Array {
  const d = single(b, col);
  const v: unknown = d.values;
  if (!(v instanceof BigInt64Array)) throw new Error(`column ${col} is not an int64 column`);
  return new Int32Array(v.buffer, v.byteOffset, d.length * 2); // arrow-js slices fixed-width value buffers itself
}

/** A zero-copy Float64Array over a DOUBLE column. */
export function f64Column(b: arrow.RecordBatch, col: number): Float64Array {
  const d = single(b, col);
  const v: unknown = d.values;
  if (!(v instanceof Float64Array)) throw new Error(`column ${col} is not a float64 column`);
  return v.subarray(0, d.length);
}

/** Zero-copy offsets and bytes of a STRING column. */
export function utf8Column(b: arrow.RecordBatch, col: number): { offsets: Int32Array; bytes: Uint8Array } {
  const d = single(b, col);
  return { offsets: d.valueOffsets as Int32Array, bytes: d.values as Uint8Array };
}
