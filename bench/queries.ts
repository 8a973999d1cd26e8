// The benchmark's queries: the engine's SQL, the same query as a DuckDB batch query, the result's columns, the
// hand-written loop, and the throughput target (issue 3 §3; q3, q11, q5, q7 and q8: issue 4).

import type { BaselineRun } from './baseline-kit.js';
import { auctionStats, filter, highestBid, highestBidJoin, hotItems, hotItemsJoin, passThrough, projection } from './baselines.js';
import { localItemSuggestion, newUsers, userSessions } from './baselines-nexmark.js';
import type { ResultColumn } from './checksum.js';
import type { Dataset, SourceName } from './dataset.js';

export const QUERY_NAMES = ['q0', 'q1', 'q2', 'q0_num', 'q1_num', 'q2_num', 'q5a', 'q7a', 'q17a', 'q3', 'q11', 'q5', 'q7', 'q8'] as const;
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

/**
 * The durations of Nexmark q5, q7 and q8. The benchmark runs Nexmark's own (10 s windows, q5 sliding every 2 s) with
 * the 4-second watermark delay of the other windowed queries; the golden files (bench/nexmark-goldens.ts) run the
 * same SQL with every duration divided by 100, so that a few thousand events close tens of windows.
 */
export interface NexmarkTimes {
  /** Window size, as a duration ('10 seconds') and as an interval literal (the q7 join's range). */
  readonly size: string;
  readonly sizeInterval: string;
  /** q5's slide. */
  readonly slide: string;
  /** Watermark delay. */
  readonly delay: string;
}

export const NEXMARK_TIMES: NexmarkTimes = { size: '10 seconds', sizeInterval: "INTERVAL '10' SECOND", slide: '2 seconds', delay: '4 seconds' };

/**
 * Nexmark q5 (hot items), full form: per sliding window the auctions with the most bids. As in Nexmark's SQL (Flink,
 * Beam SQL), bid counts per auction and window joined with the maximum of those counts per window (an aggregation
 * over the same aggregation, grouped by the window's start and end); `ab.num >= mb.maxn` keeps ties. Adaptations:
 * HOP(...) is `GROUP BY window(date_time, size, slide)`; the watermark is declared in each aggregation
 * (`WATERMARK date_time ...`: the benchmark's sources declare none); the result also carries the window's start, so
 * that each row says which window it wins. The join lists the window ends' equality before the starts'; Nexmark's
 * order (starts first) gives the same rows: a window's start bounds the join too, with a lag of the window size.
 */
export function q5Sql(t: NexmarkTimes): string {
  const counts = `SELECT auction, count(*) AS num, window.start AS starttime, window.end AS endtime
        FROM bid GROUP BY window(date_time, '${t.size}', '${t.slide}'), auction WATERMARK date_time ${t.delay}`;
  return `SELECT ab.auction, ab.num, ab.starttime
  FROM (${counts}) ab
  JOIN (SELECT max(num) AS maxn, starttime, endtime
        FROM (${counts.replace(/\n {8}/, '\n              ')})
        GROUP BY starttime, endtime) mb
  ON ab.endtime = mb.endtime AND ab.starttime = mb.starttime AND ab.num >= mb.maxn`;
}

/**
 * Nexmark q7 (highest bid): the bids whose price is the highest of their tumbling window, with Nexmark's columns.
 * Nexmark's SQL joins the bids to the window maxima on `B.dateTime BETWEEN B1.dateTime - INTERVAL '10' SECOND AND
 * B1.dateTime` with B1.dateTime the window's end (Flink) or its rowtime, end - 1 ms (Beam SQL); both ends inclusive
 * would also match an equal price at exactly the next window's start, so this uses the window itself: `b.date_time >=
 * m.endtime - size AND b.date_time < m.endtime`. Watermarks on both inputs of the join (bid b and the aggregation).
 */
export function q7Sql(t: NexmarkTimes): string {
  return `SELECT b.auction, b.price, b.bidder, b.date_time, b.extra
  FROM bid b
  JOIN (SELECT max(price) AS maxprice, window.end AS endtime
        FROM bid GROUP BY window(date_time, '${t.size}') WATERMARK date_time ${t.delay}) m
  ON b.price = m.maxprice AND b.date_time >= m.endtime - ${t.sizeInterval} AND b.date_time < m.endtime
  WATERMARK b.date_time ${t.delay}`;
}

/**
 * Nexmark q8 (monitor new users): the persons who created an auction in the tumbling window in which they registered,
 * as Nexmark's SQL writes it: the persons grouped by (id, name, window) joined to the sellers grouped by (seller,
 * window) on id = seller and the same window. Each aggregation declares its watermark; the query's is the minimum
 * of the two. As in q5 the window ends' equality comes first (either order gives the same rows).
 */
export function q8Sql(t: NexmarkTimes): string {
  return `SELECT p.id, p.name, p.starttime
  FROM (SELECT id, name, window.start AS starttime, window.end AS endtime
        FROM person GROUP BY window(date_time, '${t.size}'), id, name WATERMARK date_time ${t.delay}) p
  JOIN (SELECT seller, window.start AS starttime, window.end AS endtime
        FROM auction GROUP BY window(date_time, '${t.size}'), seller WATERMARK date_time ${t.delay}) a
  ON p.id = a.seller AND p.endtime = a.endtime AND p.starttime = a.starttime`;
}

const MAX_T = '(SELECT epoch_us(max(date_time)) FROM bid)';
/** q8's final watermark reads both tables: the smaller of their max event times. */
const MAX_T_PA = '(SELECT least((SELECT epoch_us(max(date_time)) FROM person), (SELECT epoch_us(max(date_time)) FROM auction)))';
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
  q5: {
    // Nexmark q5 (hot items), full form (q5a is its first aggregation alone). DuckDB: the same join of the counts per
    // (auction, window) with their maximum per window, over the windows the final watermark closed (as q5a).
    name: 'q5', title: 'hot items (sliding count joined with its max)', sources: ['bid'],
    sql: q5Sql(NEXMARK_TIMES),
    duckdb: `WITH counts AS (SELECT auction, ws, count(*) AS num
        FROM (SELECT auction, (epoch_us(date_time) // 2000000) * 2000000 - k * 2000000 AS ws FROM bid, range(5) AS r(k))
        WHERE ws + 10000000 <= ${MAX_T} - 4000000 GROUP BY auction, ws)
      SELECT c.auction, c.num, make_timestamp(c.ws) AS starttime
      FROM counts c JOIN (SELECT ws, max(num) AS maxn FROM counts GROUP BY ws) m ON c.ws = m.ws AND c.num >= m.maxn`,
    columns: [col('auction', 'BIGINT'), col('num', 'BIGINT'), col('starttime', 'TIMESTAMP')],
    baseline: hotItemsJoin,
    targetEps: 2e6, targetFrom: 'issue 4',
  },
  q7: {
    // Nexmark q7 (highest bid): the bids at their 10 s window's maximum price, joined back with every bid column
    // Nexmark returns (extra included). DuckDB: the same join, over the windows the final watermark closed.
    name: 'q7', title: 'highest bid (tumbling max joined to the bids)', sources: ['bid'],
    sql: q7Sql(NEXMARK_TIMES),
    duckdb: `SELECT b.auction, b.price, b.bidder, b.date_time, b.extra
      FROM bid b JOIN (SELECT ws, max(price) AS maxprice FROM (SELECT (epoch_us(date_time) // 10000000) * 10000000 AS ws, price FROM bid)
        WHERE ws + 10000000 <= ${MAX_T} - 4000000 GROUP BY ws) m
      ON b.price = m.maxprice AND epoch_us(b.date_time) >= m.ws AND epoch_us(b.date_time) < m.ws + 10000000`,
    columns: [col('auction', 'BIGINT'), col('price', 'BIGINT'), col('bidder', 'BIGINT'), col('date_time', 'TIMESTAMP'), col('extra', 'STRING')],
    baseline: highestBidJoin,
    targetEps: 2e6, targetFrom: 'issue 4',
  },
  q8: {
    // Nexmark q8 (monitor new users): a window join of persons and sellers. Events are persons plus auctions (as q3).
    // The watermark is the smaller of the two inputs' (max event time - 4 s); DuckDB keeps the windows it closed.
    name: 'q8', title: 'new users (window join of persons and sellers)', sources: ['person', 'auction'],
    sql: q8Sql(NEXMARK_TIMES),
    duckdb: `SELECT p.id, p.name, make_timestamp(p.ws) AS starttime
      FROM (SELECT id, name, (epoch_us(date_time) // 10000000) * 10000000 AS ws FROM person GROUP BY ALL) p
      JOIN (SELECT seller, (epoch_us(date_time) // 10000000) * 10000000 AS ws FROM auction GROUP BY ALL) a
      ON p.id = a.seller AND p.ws = a.ws
      WHERE p.ws + 10000000 <= ${MAX_T_PA} - 4000000`,
    columns: [col('id', 'BIGINT'), col('name', 'STRING'), col('starttime', 'TIMESTAMP')],
    baseline: newUsers,
    targetEps: 2e6, targetFrom: 'issue 4',
  },
};

export const oneLine = (sql: string): string => sql.replace(/\s+/g, ' ').trim();
