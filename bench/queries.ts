// The benchmark's queries: the engine's SQL, the same query as a DuckDB batch query, the result's columns, the
// hand-written loop, and the throughput target (issue 3 §3; q3 and q11: issue 4).

import { auctionStats, filter, highestBid, hotItems, localItemSuggestion, passThrough, projection, userSessions, type BaselineRun } from './baselines.js';
import type { ResultColumn } from './checksum.js';
import type { Dataset, SourceName } from './dataset.js';

export const QUERY_NAMES = ['q0', 'q1', 'q2', 'q0_num', 'q1_num', 'q2_num', 'q5a', 'q7a', 'q17a', 'q3', 'q11'] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

export interface QueryDef {
  readonly name: QueryName;
  readonly title: string;
  /**
   * The relations the engine reads: the bid table, or its numeric-only variant (no channel, url, extra), or (q3) the
   * person and auction tables. Events per second count the rows of all of them.
   */
  readonly sources: readonly SourceName[];
  /** The query in Tidemark's dialect (the body of CREATE QUERY). */
  readonly sql: string;
  /**
   * The same result as a DuckDB batch query over the tables `bid` (or `person` and `auction`). Windowed queries keep
   * the windows that the final watermark (max event time - 4 s) has closed: those are the ones the streaming query
   * emits in APPEND mode.
   */
  readonly duckdb: string;
  readonly columns: readonly ResultColumn[];
  /** UPDATE results are the last row per key: these columns. */
  readonly keyColumns?: readonly number[];
  readonly baseline: (data: Dataset) => BaselineRun;
  /** Input events per second the engine should reach, and where that target comes from. */
  readonly targetEps: number;
  readonly targetFrom: 'issue 3 §3' | 'issue 4';
}

const MAX_T = '(SELECT epoch_us(max(date_time)) FROM bid)';
const col = (name: string, type: ResultColumn['type']): ResultColumn => ({ name, type });

const q0Cols = [col('auction', 'BIGINT'), col('bidder', 'BIGINT'), col('price', 'BIGINT'), col('date_time', 'TIMESTAMP')];
const q1Cols = [col('auction', 'BIGINT'), col('bidder', 'BIGINT'), col('price', 'DOUBLE'), col('date_time', 'TIMESTAMP')];
const q2Cols = [col('auction', 'BIGINT'), col('price', 'BIGINT')];

export const QUERIES: Readonly<Record<QueryName, QueryDef>> = {
  q0: {
    name: 'q0', title: 'pass-through', sources: ['bid'],
    sql: 'SELECT auction, bidder, price, date_time, extra FROM bid',
    duckdb: 'SELECT auction, bidder, price, date_time, extra FROM bid',
    columns: [...q0Cols, col('extra', 'STRING')],
    baseline: (d) => passThrough(d, false),
    targetEps: 5e6, targetFrom: 'issue 3 §3',
  },
  q1: {
    name: 'q1', title: 'projection', sources: ['bid'],
    sql: 'SELECT auction, bidder, 0.908 * price AS price, date_time, extra FROM bid',
    duckdb: 'SELECT auction, bidder, 0.908::DOUBLE * price AS price, date_time, extra FROM bid',
    columns: [...q1Cols, col('extra', 'STRING')],
    baseline: (d) => projection(d, false),
    targetEps: 5e6, targetFrom: 'issue 3 §3',
  },
  q2: {
    name: 'q2', title: 'filter', sources: ['bid'],
    sql: 'SELECT auction, price FROM bid WHERE auction % 123 = 0',
    duckdb: 'SELECT auction, price FROM bid WHERE auction % 123 = 0',
    columns: q2Cols,
    baseline: (d) => filter(d, false),
    targetEps: 5e6, targetFrom: 'issue 3 §3',
  },
  q0_num: {
    name: 'q0_num', title: 'pass-through, numeric columns only', sources: ['bid_num'],
    sql: 'SELECT auction, bidder, price, date_time FROM bid_num',
    duckdb: 'SELECT auction, bidder, price, date_time FROM bid',
    columns: q0Cols,
    baseline: (d) => passThrough(d, true),
    targetEps: 20e6, targetFrom: 'issue 3 §3',
  },
  q1_num: {
    name: 'q1_num', title: 'projection, numeric columns only', sources: ['bid_num'],
    sql: 'SELECT auction, bidder, 0.908 * price AS price, date_time FROM bid_num',
    duckdb: 'SELECT auction, bidder, 0.908::DOUBLE * price AS price, date_time FROM bid',
    columns: q1Cols,
    baseline: (d) => projection(d, true),
    targetEps: 20e6, targetFrom: 'issue 3 §3',
  },
  q2_num: {
    name: 'q2_num', title: 'filter, numeric columns only', sources: ['bid_num'],
    sql: 'SELECT auction, price FROM bid_num WHERE auction % 123 = 0',
    duckdb: 'SELECT auction, price FROM bid WHERE auction % 123 = 0',
    columns: q2Cols,
    baseline: (d) => filter(d, true),
    targetEps: 20e6, targetFrom: 'issue 3 §3',
  },
  q5a: {
    name: 'q5a', title: 'hot items core (sliding window count)', sources: ['bid'],
    sql: `SELECT auction, window.start AS ws, count(*) AS n FROM bid
      GROUP BY window(date_time, '10 seconds', '2 seconds'), auction WATERMARK date_time 4 seconds EMIT APPEND`,
    duckdb: `SELECT auction, make_timestamp(ws) AS ws, count(*) AS n
      FROM (SELECT auction, (epoch_us(date_time) // 2000000) * 2000000 - k * 2000000 AS ws FROM bid, range(5) AS r(k))
      WHERE ws + 10000000 <= ${MAX_T} - 4000000 GROUP BY auction, ws`,
    columns: [col('auction', 'BIGINT'), col('ws', 'TIMESTAMP'), col('n', 'BIGINT')],
    baseline: hotItems,
    targetEps: 5e6, targetFrom: 'issue 3 §3',
  },
  q7a: {
    name: 'q7a', title: 'highest bid per window (tumbling max)', sources: ['bid'],
    sql: `SELECT window.end AS we, max(price) AS top FROM bid
      GROUP BY window(date_time, '10 seconds') WATERMARK date_time 4 seconds EMIT APPEND`,
    duckdb: `SELECT make_timestamp(ws + 10000000) AS we, max(price) AS top
      FROM (SELECT (epoch_us(date_time) // 10000000) * 10000000 AS ws, price FROM bid)
      WHERE ws + 10000000 <= ${MAX_T} - 4000000 GROUP BY ws`,
    columns: [col('we', 'TIMESTAMP'), col('top', 'BIGINT')],
    baseline: highestBid,
    targetEps: 10e6, targetFrom: 'issue 3 §3',
  },
  q17a: {
    name: 'q17a', title: 'per-auction daily stats (UPDATE)', sources: ['bid'],
    sql: `SELECT auction, date_trunc('day', date_time) AS day, count(*) AS n, min(price) AS lo, max(price) AS hi,
      avg(price) AS av, sum(price) AS total FROM bid GROUP BY auction, date_trunc('day', date_time) EMIT UPDATE`,
    duckdb: `SELECT auction, date_trunc('day', date_time) AS day, count(*) AS n, min(price) AS lo, max(price) AS hi,
      avg(price) AS av, sum(price) AS total FROM bid GROUP BY auction, date_trunc('day', date_time)`,
    columns: [col('auction', 'BIGINT'), col('day', 'TIMESTAMP'), col('n', 'BIGINT'), col('lo', 'BIGINT'), col('hi', 'BIGINT'),
      col('av', 'DOUBLE'), col('total', 'BIGINT')],
    keyColumns: [0, 1],
    baseline: auctionStats,
    targetEps: 5e6, targetFrom: 'issue 3 §3',
  },
  q3: {
    // Nexmark q3 (local item suggestion) as a stream-stream join without a time range: an unbounded inner join whose
    // result is every matching pair, whatever the micro-batches. The generator's states are AZ, CA, ID, OR, WA, WY
    // (uniform), so the original filter keeps half the persons; with category 10 (one in 5 auctions) and the hot
    // sellers (3 in 4 auctions) it keeps about one auction in 10.
    name: 'q3', title: 'local item suggestion (stream-stream join)', sources: ['auction', 'person'],
    sql: `SELECT p.name, p.city, p.state, a.id FROM auction a JOIN person p ON a.seller = p.id
      WHERE a.category = 10 AND (p.state = 'OR' OR p.state = 'ID' OR p.state = 'CA')`,
    duckdb: `SELECT p.name, p.city, p.state, a.id FROM auction a JOIN person p ON a.seller = p.id
      WHERE a.category = 10 AND (p.state = 'OR' OR p.state = 'ID' OR p.state = 'CA')`,
    columns: [col('name', 'STRING'), col('city', 'STRING'), col('state', 'STRING'), col('id', 'BIGINT')],
    baseline: localItemSuggestion,
    targetEps: 2e6, targetFrom: 'issue 4',
  },
  q11: {
    // Nexmark q11 (user sessions). Per bidder, sessions [ts, ts + 10 s) that overlap or touch merge; APPEND emits
    // those whose end <= the final watermark (max event time - 4 s). DuckDB: gaps and islands. Rows sorted by time
    // per bidder: a row opens a new session when it lies beyond the end of everything before it, i.e. beyond the
    // running max of the earlier rows' times plus the gap (the previous row's time, as the rows are sorted); the
    // running sum of those starts numbers the sessions.
    name: 'q11', title: 'user sessions (session window)', sources: ['bid'],
    sql: `SELECT bidder, count(*) AS bids, window.start AS starttime, window.end AS endtime FROM bid
      GROUP BY session_window(date_time, '10 seconds'), bidder WATERMARK date_time 4 seconds EMIT APPEND`,
    duckdb: `SELECT bidder, count(*) AS bids, make_timestamp(min(t)) AS starttime, make_timestamp(max(t) + 10000000) AS endtime
      FROM (SELECT bidder, t, sum(opens) OVER (PARTITION BY bidder ORDER BY t ROWS UNBOUNDED PRECEDING) AS session
        FROM (SELECT bidder, t, CASE WHEN t <= lag(t) OVER (PARTITION BY bidder ORDER BY t) + 10000000 THEN 0 ELSE 1 END AS opens
          FROM (SELECT bidder, epoch_us(date_time) AS t FROM bid)))
      GROUP BY bidder, session HAVING max(t) + 10000000 <= ${MAX_T} - 4000000`,
    columns: [col('bidder', 'BIGINT'), col('bids', 'BIGINT'), col('starttime', 'TIMESTAMP'), col('endtime', 'TIMESTAMP')],
    baseline: userSessions,
    targetEps: 2e6, targetFrom: 'issue 4',
  },
};

export const oneLine = (sql: string): string => sql.replace(/\s+/g, ' ').trim();
