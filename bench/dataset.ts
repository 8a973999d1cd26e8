// Pre-generates the benchmark's Nexmark bids (and, for q3, persons and auctions) as Arrow record batches, one group
// per micro-batch, with the engine's nexmark connector; zero-copy typed-array views of their columns for the
// hand-written loops and the checksums.

import type * as arrow from 'apache-arrow';
import type { Schema } from '../common/types.js';
import type { CreateSourceStmt } from '../grammar/ast.js';
import { parseStatement } from '../grammar/index.js';
import { NEXMARK_TABLES, NexmarkSource } from '../runtime/index.js';

export const BID_COLUMNS = 'auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, url STRING, date_time TIMESTAMP, extra STRING';
/** The numeric-only variant: the bid table without its string columns (channel, url, extra). */
export const BID_NUM_COLUMNS = 'auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP';

/** The person and auction columns q3 reads, plus each table's event time (the string-heavy rest is not declared). */
export const PERSON_COLUMNS = 'id BIGINT, name STRING, city STRING, state STRING, date_time TIMESTAMP';
export const AUCTION_COLUMNS = 'id BIGINT, seller BIGINT, category BIGINT, date_time TIMESTAMP';

/** The relations the benchmark's queries read. */
export type SourceName = 'bid' | 'bid_num' | 'person' | 'auction';

/** The generator, written as the SQL a user would run (the connector is only used here, before any timing). */
export function nexmarkSql(events: number, seed: number, table: 'bid' | 'person' | 'auction' = 'bid'): string {
  const columns = table === 'bid' ? BID_COLUMNS : table === 'person' ? PERSON_COLUMNS : AUCTION_COLUMNS;
  return `CREATE SOURCE ${table} (${columns}) WITH (connector = 'nexmark', table = '${table}', events = ${events}, seed = ${seed})`;
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
  /** The person and auction tables of the same events (only when a query reads them: q3). */
  readonly tables: JoinTables | undefined;
}

/** One pre-generated table: its rows grouped per micro-batch. */
export interface TableData {
  readonly name: 'person' | 'auction';
  readonly schema: Schema;
  readonly rows: number;
  /** Rows of this table per micro-batch: the replay source's maxRowsPerBatch. */
  readonly rowsPerBatch: number;
  readonly microBatches: readonly (readonly arrow.RecordBatch[])[];
}

/**
 * The person and auction tables, cut so that micro-batch k of both holds the rows of the same event-id range
 * [k * eventsPerBatch, (k + 1) * eventsPerBatch): the two streams interleaved by event id, as the generator produces
 * them. A micro-batch holds about `batchSize` rows of the two together (1 person and 3 auctions per 50 events).
 */
export interface JoinTables {
  readonly person: TableData;
  readonly auction: TableData;
  readonly eventsPerBatch: number;
  readonly generateSeconds: number;
  /** Bytes of column data held in memory. */
  readonly bytes: number;
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
  return { events, rows, batchSize, schema, numSchema, microBatches, numMicroBatches, generateSeconds, bytes, maxTime, tables: undefined };
}

const rowsOf = (groups: readonly (readonly arrow.RecordBatch[])[]): number => groups.reduce((s, g) => s + g.reduce((t, b) => t + b.numRows, 0), 0);

/** Generates the person and auction tables of `events` events (see JoinTables); never timed. */
export function generateTables(events: number, batchSize: number, seed = 1): JoinTables {
  const t0 = performance.now();
  const { person, auction, bid } = NEXMARK_TABLES;
  const epochs = Math.max(1, Math.floor(batchSize / (person.share + auction.share)));
  let bytes = 0;
  const table = (name: 'person' | 'auction', share: number): TableData => {
    const { schema, options } = parseSource(nexmarkSql(events, seed, name));
    const gen = new NexmarkSource(name, schema, options);
    const rows = gen.latestOffset();
    const rowsPerBatch = epochs * share;
    const microBatches: arrow.RecordBatch[][] = [];
    for (let s = 0; s < rows; s += rowsPerBatch) {
      const group = gen.read(s, Math.min(rows, s + rowsPerBatch));
      for (const b of group) for (const child of b.data.children) bytes += child.byteLength;
      microBatches.push(group);
    }
    return { name, schema, rows, rowsPerBatch, microBatches };
  };
  const p = table('person', person.share);
  const a = table('auction', auction.share);
  return { person: p, auction: a, eventsPerBatch: epochs * (person.share + auction.share + bid.share), generateSeconds: (performance.now() - t0) / 1000, bytes };
}

/** The first `n` micro-batches, e.g. to warm up the JIT before timing. */
export function head(data: Dataset, n: number): Dataset {
  const microBatches = data.microBatches.slice(0, n);
  const cut = (t: TableData): TableData => {
    const groups = t.microBatches.slice(0, n);
    return { ...t, microBatches: groups, rows: rowsOf(groups) };
  };
  const tables = data.tables && { ...data.tables, person: cut(data.tables.person), auction: cut(data.tables.auction) };
  return { ...data, rows: rowsOf(microBatches), microBatches, numMicroBatches: data.numMicroBatches.slice(0, n), tables };
}

/** What the engine reads from one source: its batches and the rows per micro-batch. */
export interface SourceInput {
  readonly name: SourceName;
  readonly schema: Schema;
  readonly batches: readonly arrow.RecordBatch[];
  readonly rowsPerBatch: number;
}

/** The inputs of a query reading `sources`. */
export function sourceInputs(data: Dataset, sources: readonly SourceName[]): SourceInput[] {
  return sources.map((name): SourceInput => {
    switch (name) {
      case 'bid': return { name, schema: data.schema, batches: data.microBatches.flat(), rowsPerBatch: data.batchSize };
      case 'bid_num': return { name, schema: data.numSchema, batches: data.numMicroBatches.flat(), rowsPerBatch: data.batchSize };
      case 'person': case 'auction': {
        const t = data.tables?.[name];
        if (!t) throw new Error(`the ${name} table was not generated (generateTables)`);
        return { name, schema: t.schema, batches: t.microBatches.flat(), rowsPerBatch: t.rowsPerBatch };
      }
      default: {
        const never: never = name;
        throw new Error(`source ${String(never)}`);
      }
    }
  });
}

/** Schemas of every relation the data holds, for the engine's catalog. */
export function catalogSchemas(data: Dataset): Record<string, Schema> {
  const out: Record<string, Schema> = { bid: data.schema, bid_num: data.numSchema };
  if (data.tables) {
    out['person'] = data.tables.person.schema;
    out['auction'] = data.tables.auction.schema;
  }
  return out;
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
