// DuckDB as the reference: the same bids (and persons and auctions) loaded from the Arrow batches into an in-memory table (untimed), each query
// run as one batch query on one thread, its result materialized in a table (timed), then checksummed (untimed).

import { DuckDBConnection } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import type * as arrow from 'apache-arrow';
import type { Schema } from '../common/types.js';
import { checksumSql, type Checksum, type ResultColumn } from './checksum.js';
import type { Dataset } from './dataset.js';

const TYPES: Readonly<Record<string, duckdb.Type>> = {
  BIGINT: duckdb.Type.BIGINT,
  TIMESTAMP: duckdb.Type.TIMESTAMP,
  STRING: duckdb.Type.VARCHAR,
  DOUBLE: duckdb.Type.DOUBLE,
};
const SQL_TYPES: Readonly<Record<string, string>> = { BIGINT: 'BIGINT', TIMESTAMP: 'TIMESTAMP', STRING: 'VARCHAR', DOUBLE: 'DOUBLE' };

export class DuckBench {
  private constructor(private readonly db: duckdb.Database, private readonly raw: duckdb.Connection, private readonly conn: DuckDBConnection, readonly version: string) {}

  static async open(): Promise<DuckBench> {
    const db = await duckdb.open(':memory:');
    const raw = await duckdb.connect(db);
    const conn = new DuckDBConnection(raw);
    await conn.run('SET threads = 1');
    const version = String((await conn.runAndReadAll('SELECT version()')).getRows()[0]![0]);
    return new DuckBench(db, raw, conn, version);
  }

  /**
   * Creates table `bid` (and `person` and `auction` when the data holds them) and appends every batch through data
   * chunks: int64 and timestamp columns are copied as they are (both are 64-bit integers, micros for timestamps);
   * strings are assigned one by one from their UTF-8 bytes.
   */
  async load(data: Dataset): Promise<number> {
    const t0 = performance.now();
    await this.loadTable('bid', data.schema, data.microBatches, data.rows);
    if (data.tables) {
      for (const t of [data.tables.person, data.tables.auction]) await this.loadTable(t.name, t.schema, t.microBatches, t.rows);
    }
    return (performance.now() - t0) / 1000;
  }

  private async loadTable(name: string, schema: Schema, groups: readonly (readonly arrow.RecordBatch[])[], expected: number): Promise<void> {
    await this.conn.run(`CREATE OR REPLACE TABLE ${name} (${schema.map((f) => `${f.name} ${SQL_TYPES[f.type]!}`).join(', ')})`);
    const appender = duckdb.appender_create(this.raw, null, name);
    const chunk = duckdb.create_data_chunk(schema.map((f) => duckdb.create_logical_type(TYPES[f.type]!)));
    const cap = duckdb.vector_size();
    const append = (b: arrow.RecordBatch, from: number, n: number): void => {
      duckdb.data_chunk_reset(chunk);
      schema.forEach((f, c) => {
        const vec = duckdb.data_chunk_get_vector(chunk, c);
        const d = b.data.children[c]!;
        if (f.type === 'STRING') {
          const offsets = d.valueOffsets as Int32Array;
          const bytes = d.values as Uint8Array;
          for (let i = 0; i < n; i++) duckdb.vector_assign_string_element_len(vec, i, bytes.subarray(offsets[from + i]!, offsets[from + i + 1]!));
        } else {
          const v = d.values as BigInt64Array;
          duckdb.copy_data_to_vector(vec, 0, v.buffer as ArrayBuffer, v.byteOffset + from * 8, n * 8);
        }
      });
      duckdb.data_chunk_set_size(chunk, n);
      duckdb.append_data_chunk(appender, chunk);
    };
    for (const group of groups) {
      for (const b of group) for (let from = 0; from < b.numRows; from += cap) append(b, from, Math.min(cap, b.numRows - from));
    }
    duckdb.appender_flush_sync(appender);
    duckdb.appender_close_sync(appender);
    const rows = Number((await this.conn.runAndReadAll(`SELECT count(*) FROM ${name}`)).getRows()[0]![0]);
    if (rows !== expected) throw new Error(`DuckDB holds ${rows} rows in ${name}, expected ${expected}`);
  }

  /** Runs `sql` into table `out`; returns the wall time in seconds. */
  async run(sql: string): Promise<number> {
    await this.conn.run('DROP TABLE IF EXISTS out');
    const t0 = performance.now();
    await this.conn.run(`CREATE TABLE out AS ${sql}`);
    return (performance.now() - t0) / 1000;
  }

  async checksum(cols: readonly ResultColumn[]): Promise<Checksum> {
    const row = (await this.conn.runAndReadAll(checksumSql('out', cols))).getRows()[0]!;
    return { rows: Number(row[0]), sums: row.slice(1).map((v) => Number(v)) };
  }

  async drop(): Promise<void> {
    await this.conn.run('DROP TABLE IF EXISTS out');
  }

  close(): void {
    this.conn.closeSync();
    duckdb.close_sync(this.db);
  }
}
