// The benchmark's queries: the engine's SQL, the same query as a DuckDB batch query, the result's columns, the
// hand-written loop, and the throughput target of issue 3 §3.

import { auctionStats, filter, highestBid, hotItems, passThrough, projection, type BaselineRun } from './baselines.js';
import type { ResultColumn } from './checksum.js';
import type { Dataset } from './dataset.js';

export const QUERY_NAMES = ['q0', 'q1', 'q2', 'q0_num', 'q1_num', 'q2_num', 'q5a', 'q7a', 'q17a'] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

export interface QueryDef {
  readonly name: QueryName;
  readonly title: string;
  /** The relation the engine reads: the bid table, or its numeric-only variant (no channel, url, extra). */
  readonly source: 'bid' | 'bid_num';
  /** The query in Tidemark's dialect (the body of CREATE QUERY). */
  readonly sql: string;
  /**
   * The same result as a DuckDB batch query over the table `bid`. Windowed queries keep the windows that the final
   * watermark (max event time - 4 s) has closed: those are the ones the streaming query emits in APPEND mode.
   */
  readonly duckdb: string;
  readonly columns: readonly ResultColumn[];
  /** UPDATE results are the last row per key: these columns. */
  readonly keyColumns?: readonly number[];
  readonly baseline: (data: Dataset) => BaselineRun;
  /** Issue 3 §3: input events per second the engine should reach. */
  readonly targetEps: number;
}

const MAX_T = '(SELECT epoch_us(max(date_time)) FROM bid)';
const col = (name: string, type: ResultColumn['type']): ResultColumn => ({ name, type });

const q0Cols = [col('auction', 'BIGINT'), col('bidder', 'BIGINT'), col('price', 'BIGINT'), col('date_time', 'TIMESTAMP')];
const q1Cols = [col('auction', 'BIGINT'), col('bidder', 'BIGINT'), col('price', 'DOUBLE'), col('date_time', 'TIMESTAMP')];
const q2Cols = [col('auction', 'BIGINT'), col('price', 'BIGINT')];

export const QUERIES: Readonly<Record<QueryName, QueryDef>> = {
  q0: {
    name: 'q0', title: 'pass-through', source: 'bid',
    sql: 'SELECT auction, bidder, price, date_time, extra FROM bid',
    duckdb: 'SELECT auction, bidder, price, date_time, extra FROM bid',
    columns: [...q0Cols, col('extra', 'STRING')],
    baseline: (d) => passThrough(d, false),
    targetEps: 5e6,
  },
  q1: {
    name: 'q1', title: 'projection', source: 'bid',
    sql: 'SELECT auction, bidder, 0.908 * price AS price, date_time, extra FROM bid',
    duckdb: 'SELECT auction, bidder, 0.908::DOUBLE * price AS price, date_time, extra FROM bid',
    columns: [...q1Cols, col('extra', 'STRING')],
    baseline: (d) => projection(d, false),
    targetEps: 5e6,
  },
  q2: {
    name: 'q2', title: 'filter', source: 'bid',
    sql: 'SELECT auction, price FROM bid WHERE auction % 123 = 0',
    duckdb: 'SELECT auction, price FROM bid WHERE auction % 123 = 0',
    columns: q2Cols,
    baseline: (d) => filter(d, false),
    targetEps: 5e6,
  },
  q0_num: {
    name: 'q0_num', title: 'pass-through, numeric columns only', source: 'bid_num',
    sql: 'SELECT auction, bidder, price, date_time FROM bid_num',
    duckdb: 'SELECT auction, bidder, price, date_time FROM bid',
    columns: q0Cols,
    baseline: (d) => passThrough(d, true),
    targetEps: 20e6,
  },
  q1_num: {
    name: 'q1_num', title: 'projection, numeric columns only', source: 'bid_num',
    sql: 'SELECT auction, bidder, 0.908 * price AS price, date_time FROM bid_num',
    duckdb: 'SELECT auction, bidder, 0.908::DOUBLE * price AS price, date_time FROM bid',
    columns: q1Cols,
    baseline: (d) => projection(d, true),
    targetEps: 20e6,
  },
  q2_num: {
    name: 'q2_num', title: 'filter, numeric columns only', source: 'bid_num',
    sql: 'SELECT auction, price FROM bid_num WHERE auction % 123 = 0',
    duckdb: 'SELECT auction, price FROM bid WHERE auction % 123 = 0',
    columns: q2Cols,
    baseline: (d) => filter(d, true),
    targetEps: 20e6,
  },
  q5a: {
    name: 'q5a', title: 'hot items core (sliding window count)', source: 'bid',
    sql: `SELECT auction, window.start AS ws, count(*) AS n FROM bid
      GROUP BY window(date_time, '10 seconds', '2 seconds'), auction WATERMARK date_time 4 seconds EMIT APPEND`,
    duckdb: `SELECT auction, make_timestamp(ws) AS ws, count(*) AS n
      FROM (SELECT auction, (epoch_us(date_time) // 2000000) * 2000000 - k * 2000000 AS ws FROM bid, range(5) AS r(k))
      WHERE ws + 10000000 <= ${MAX_T} - 4000000 GROUP BY auction, ws`,
    columns: [col('auction', 'BIGINT'), col('ws', 'TIMESTAMP'), col('n', 'BIGINT')],
    baseline: hotItems,
    targetEps: 5e6,
  },
  q7a: {
    name: 'q7a', title: 'highest bid per window (tumbling max)', source: 'bid',
    sql: `SELECT window.end AS we, max(price) AS top FROM bid
      GROUP BY window(date_time, '10 seconds') WATERMARK date_time 4 seconds EMIT APPEND`,
    duckdb: `SELECT make_timestamp(ws + 10000000) AS we, max(price) AS top
      FROM (SELECT (epoch_us(date_time) // 10000000) * 10000000 AS ws, price FROM bid)
      WHERE ws + 10000000 <= ${MAX_T} - 4000000 GROUP BY ws`,
    columns: [col('we', 'TIMESTAMP'), col('top', 'BIGINT')],
    baseline: highestBid,
    targetEps: 10e6,
  },
  q17a: {
    name: 'q17a', title: 'per-auction daily stats (UPDATE)', source: 'bid',
    sql: `SELECT auction, date_trunc('day', date_time) AS day, count(*) AS n, min(price) AS lo, max(price) AS hi,
      avg(price) AS av, sum(price) AS total FROM bid GROUP BY auction, date_trunc('day', date_time) EMIT UPDATE`,
    duckdb: `SELECT auction, date_trunc('day', date_time) AS day, count(*) AS n, min(price) AS lo, max(price) AS hi,
      avg(price) AS av, sum(price) AS total FROM bid GROUP BY auction, date_trunc('day', date_time)`,
    columns: [col('auction', 'BIGINT'), col('day', 'TIMESTAMP'), col('n', 'BIGINT'), col('lo', 'BIGINT'), col('hi', 'BIGINT'),
      col('av', 'DOUBLE'), col('total', 'BIGINT')],
    keyColumns: [0, 1],
    baseline: auctionStats,
    targetEps: 5e6,
  },
};

export const oneLine = (sql: string): string => sql.replace(/\s+/g, ' ').trim();
