// Writes the Nexmark golden files sql-tests/inputs/nexmark/{q3,q11,q5,q7,q8}.sql and their expected output
// sql-tests/results/nexmark/{q3,q11,q5,q7,q8}.sql.out. The expected rows never come from the engine: the script generates
// the same rows with the engine's Nexmark generator (the connector the scripts declare), runs each query in DuckDB
// as a batch query, assigns each result row to the micro-batch that must emit it (from the documented semantics:
// rows_per_batch rows per source per batch, the watermark in effect in batch k computed after batch k - 1, a final
// no-data batch), and renders everything in the golden format (../shared/spec/sql-tests-format.md) itself.
//
//   npx tsx bench/nexmark-goldens.ts            # (re)write the ten files
//   npx tsx bench/nexmark-goldens.ts --check    # exit 1 if the files differ from what the script computes

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type * as arrow from 'apache-arrow';
import { NexmarkSource } from '../runtime/index.js';
import { int64Words, parseSource, utf8Column } from './dataset.js';
import { q5Sql, q7Sql, q8Sql, type NexmarkTimes } from './queries.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------------------------------------------------------
// Rendering (sql-tests-format.md): values, rows sorted as strings, one block per statement.

const TWO_32 = 4294967296;
const SECOND = 1_000_000;

/** `YYYY-MM-DD HH:MM:SS` UTC, plus `.` and the fraction without trailing zeros when not whole seconds. */
function formatTs(micros: number): string {
  const secs = Math.floor(micros / SECOND);
  const frac = micros - secs * SECOND;
  const text = new Date(secs * 1000).toISOString().slice(0, 19).replace('T', ' ');
  return frac === 0 ? text : `${text}.${String(frac).padStart(6, '0').replace(/0+$/, '')}`;
}

const str = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');

interface Statement {
  /** Comment lines written above the statement in the input file (not echoed in the output). */
  readonly comment?: string;
  readonly sql: string;
  readonly schema?: string;
  readonly output?: readonly string[];
}

function comment(text: string): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '--';
  for (const w of words) {
    if (line.length + 1 + w.length > 118 && line !== '--') {
      lines.push(line);
      line = '--';
    }
    line += ` ${w}`;
  }
  lines.push(line);
  return lines.join('\n');
}

function inputFile(header: string, stmts: readonly Statement[]): string {
  const parts = [comment(header)];
  for (const s of stmts) parts.push(`${s.comment ? `${comment(s.comment)}\n` : ''}${s.sql};`);
  return `${parts.join('\n')}\n`;
}

function outputFile(stmts: readonly Statement[]): string {
  return `${stmts.map((s) => ['-- !query', s.sql, ...(s.schema ? ['-- !query schema', s.schema] : []), '-- !query output', ...(s.output ?? [])].join('\n')).join('\n\n')}\n`;
}

/** TRIGGER output: per batch a header, then its rows sorted as strings. */
function triggerOutput(query: string, batches: readonly { watermark: number | undefined; rows: string[] }[]): string[] {
  const out: string[] = [];
  batches.forEach((b, k) => {
    out.push(`== ${query} batch ${k} watermark ${b.watermark === undefined ? 'none' : formatTs(b.watermark)}`);
    out.push(...[...b.rows].sort());
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The generator's rows, as plain values

type Value = number | string;

function generateRows(sql: string): { names: string[]; rows: Value[][] } {
  const { schema, options } = parseSource(sql);
  const gen = new NexmarkSource('golden', schema, options);
  const rows: Value[][] = [];
  for (const b of gen.read(0, gen.latestOffset()) as arrow.RecordBatch[]) {
    const cols = schema.map((f, c): ((r: number) => Value) => {
      if (f.type === 'STRING') {
        const { offsets, bytes } = utf8Column(b, c);
        const dec = new TextDecoder();
        return (r) => dec.decode(bytes.subarray(offsets[r]!, offsets[r + 1]!));
      }
      const w = int64Words(b, c);
      return (r) => w[2 * r + 1]! * TWO_32 + (w[2 * r]! >>> 0);
    });
    for (let r = 0; r < b.numRows; r++) rows.push(cols.map((f) => f(r)));
  }
  return { names: schema.map((f) => f.name), rows };
}

/** Loads rows into a DuckDB table with a leading `pos` column (the row's offset in its source). */
async function load(conn: DuckDBConnection, table: string, types: readonly string[], data: { names: string[]; rows: Value[][] }): Promise<void> {
  await conn.run(`CREATE OR REPLACE TABLE ${table} (pos BIGINT, ${data.names.map((n, i) => `${n} ${types[i]!}`).join(', ')})`);
  const app = await conn.createAppender(table);
  data.rows.forEach((row, pos) => {
    app.appendBigInt(BigInt(pos));
    row.forEach((v, i) => {
      if (types[i] === 'VARCHAR') app.appendVarchar(String(v));
      else app.appendBigInt(BigInt(v)); // timestamps as epoch micros
    });
    app.endRow();
  });
  app.closeSync();
}

async function query(conn: DuckDBConnection, sql: string): Promise<Value[][]> {
  const rows = (await conn.runAndReadAll(sql)).getRows();
  return rows.map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : String(v))));
}

// ---------------------------------------------------------------------------------------------------------------
// q3: local item suggestion, an unbounded stream-stream inner join

const Q3_EVENTS = 20_000;
const Q3_PERSONS_PER_BATCH = 20;
const Q3_AUCTIONS_PER_BATCH = 60;
const Q3_SCHEMA = 'name STRING, city STRING, state STRING, id BIGINT';

async function q3(conn: DuckDBConnection): Promise<{ input: string; output: string; stats: string }> {
  const personSql = `CREATE SOURCE person (id BIGINT, name STRING, city STRING, state STRING, date_time TIMESTAMP)
  WITH (connector = 'nexmark', table = 'person', events = ${Q3_EVENTS}, seed = 1, rows_per_batch = ${Q3_PERSONS_PER_BATCH})`;
  const auctionSql = `CREATE SOURCE auction (id BIGINT, seller BIGINT, category BIGINT, date_time TIMESTAMP)
  WITH (connector = 'nexmark', table = 'auction', events = ${Q3_EVENTS}, seed = 1, rows_per_batch = ${Q3_AUCTIONS_PER_BATCH})`;
  const querySql = `CREATE QUERY q3 AS
  SELECT p.name, p.city, p.state, a.id
  FROM auction a JOIN person p ON a.seller = p.id
  WHERE a.category = 10 AND (p.state = 'OR' OR p.state = 'ID' OR p.state = 'CA')`;
  const persons = generateRows(personSql);
  const auctions = generateRows(auctionSql);
  await load(conn, 'person', ['BIGINT', 'VARCHAR', 'VARCHAR', 'VARCHAR', 'BIGINT'], persons);
  await load(conn, 'auction', ['BIGINT', 'BIGINT', 'BIGINT', 'BIGINT'], auctions);
  // A pair is emitted in the micro-batch that reads the later of its two rows (batch k reads rows
  // [k * rows_per_batch, (k + 1) * rows_per_batch) of each source).
  const pairs = await query(conn, `SELECT greatest(a.pos // ${Q3_AUCTIONS_PER_BATCH}, p.pos // ${Q3_PERSONS_PER_BATCH}) AS batch,
      a.pos // ${Q3_AUCTIONS_PER_BATCH} AS auction_batch, p.name, p.city, p.state, a.id
    FROM auction a JOIN person p ON a.seller = p.id
    WHERE a.category = 10 AND (p.state = 'OR' OR p.state = 'ID' OR p.state = 'CA')`);
  const batches = Math.max(Math.ceil(persons.rows.length / Q3_PERSONS_PER_BATCH), Math.ceil(auctions.rows.length / Q3_AUCTIONS_PER_BATCH));
  const perBatch = Array.from({ length: batches }, () => ({ watermark: undefined, rows: [] as string[] }));
  const all: string[] = [];
  let later = 0;
  for (const [batch, auctionBatch, name, city, state, id] of pairs) {
    const line = [str(String(name)), str(String(city)), str(String(state)), String(id)].join('\t');
    perBatch[batch as number]!.rows.push(line);
    all.push(line);
    if (batch !== auctionBatch) later++;
  }
  const header = `Nexmark q3 (local item suggestion): a stream-stream inner equi-join without a time range (both sides kept without bound) of the generator's auctions and persons, ${Q3_EVENTS.toLocaleString('en-US')} events, seed 1. `
    + `Each micro-batch reads the rows of the same ${(Q3_PERSONS_PER_BATCH * 50).toLocaleString('en-US')} events from both sources (${Q3_PERSONS_PER_BATCH} persons, ${Q3_AUCTIONS_PER_BATCH} auctions), so a pair is emitted in the batch that reads the later of its two rows; `
    + `${later} of the ${pairs.length} pairs have an auction that arrived before its seller (the generator picks sellers up to 10 people ahead of the newest). `
    + `The generator's states are AZ, CA, ID, OR, WA, WY, so the original filter applies as is. `
    + 'Expected output computed by bench/nexmark-goldens.ts with DuckDB over the same generated rows, not by the engine.';
  const stmts: Statement[] = [
    { sql: personSql },
    { sql: auctionSql },
    { sql: querySql, schema: Q3_SCHEMA },
    { sql: 'TRIGGER', output: triggerOutput('q3', perBatch) },
    { sql: 'SELECT * FROM q3', schema: Q3_SCHEMA, output: all.sort() },
  ];
  return { input: inputFile(header, stmts), output: outputFile(stmts), stats: `q3: ${persons.rows.length} persons, ${auctions.rows.length} auctions, ${pairs.length} pairs in ${batches} batches (${later} after their auction's batch)` };
}

// ---------------------------------------------------------------------------------------------------------------
// q11: user sessions, session windows per bidder in APPEND mode

const Q11_EVENTS = 187_000;
const Q11_ROWS_PER_BATCH = 10_000;
const GAP = 10 * SECOND;
const DELAY = 4 * SECOND;
const Q11_SCHEMA = 'bidder BIGINT, bids BIGINT, starttime TIMESTAMP, endtime TIMESTAMP';

async function q11(conn: DuckDBConnection): Promise<{ input: string; output: string; stats: string }> {
  const bidSql = `CREATE SOURCE bid (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP)
  WITH (connector = 'nexmark', table = 'bid', events = ${Q11_EVENTS}, seed = 1, rows_per_batch = ${Q11_ROWS_PER_BATCH})`;
  const querySql = `CREATE QUERY q11 AS
  SELECT bidder, count(*) AS bids, window.start AS starttime, window.end AS endtime
  FROM bid
  GROUP BY session_window(date_time, '10 seconds'), bidder
  WATERMARK date_time 4 seconds
  EMIT APPEND`;
  const bids = generateRows(bidSql);
  const n = bids.rows.length;
  const t = bids.rows.map((r) => r[3] as number);

  // The watermark in effect in data batch k > 0: max event time of batches 0 .. k-1 minus the delay (never moving
  // back); batch 0 runs with none. After the last data batch, one no-data batch runs with the final watermark.
  const dataBatches = Math.ceil(n / Q11_ROWS_PER_BATCH);
  const watermarks: (number | undefined)[] = [undefined];
  let max = -Infinity;
  for (let k = 0; k < dataBatches; k++) {
    for (let r = k * Q11_ROWS_PER_BATCH; r < Math.min(n, (k + 1) * Q11_ROWS_PER_BATCH); r++) max = Math.max(max, t[r]!);
    watermarks.push(Math.max(watermarks[k] ?? -Infinity, max - DELAY));
  }
  // The DuckDB query below computes the sessions of all rows. The engine emits exactly those (when closed) if no row
  // is late and no row touches a session already emitted. Check that times never decrease and no row is late; then
  // a row of batch k has t >= the max time before it = watermark_k + delay, while a session emitted by batch k has
  // end <= watermark_k < t: it cannot touch it.
  for (let r = 0; r < n; r++) {
    const wm = watermarks[Math.floor(r / Q11_ROWS_PER_BATCH)];
    if (wm !== undefined && t[r]! + GAP <= wm) throw new Error(`row ${r} is late; the reference does not model late rows`);
    if (r > 0 && t[r]! < t[r - 1]!) throw new Error(`row ${r} goes back in time; the reference assumes ordered rows`);
  }

  await load(conn, 'bid', ['BIGINT', 'BIGINT', 'BIGINT', 'BIGINT'], bids);
  // Gaps and islands: per bidder in time order, a row opens a session when it lies beyond the previous row's time
  // plus the gap (sessions [ts, ts + gap) that overlap or touch merge); the running count of openings numbers them.
  const sessions = await query(conn, `SELECT bidder, count(*) AS bids, min(date_time) AS starttime, max(date_time) + ${GAP} AS endtime
    FROM (SELECT bidder, date_time, sum(opens) OVER (PARTITION BY bidder ORDER BY date_time ROWS UNBOUNDED PRECEDING) AS session
      FROM (SELECT bidder, date_time,
          CASE WHEN date_time <= lag(date_time) OVER (PARTITION BY bidder ORDER BY date_time) + ${GAP} THEN 0 ELSE 1 END AS opens
        FROM bid))
    GROUP BY bidder, session`);
  // APPEND emits a session in the first batch whose watermark is >= its end; the others stay open.
  const perBatch = watermarks.map((watermark) => ({ watermark, rows: [] as string[] }));
  const all: string[] = [];
  let open = 0;
  for (const [bidder, count, start, end] of sessions) {
    const k = watermarks.findIndex((wm) => wm !== undefined && (end as number) <= wm);
    if (k < 0) {
      open++;
      continue;
    }
    const line = [String(bidder), String(count), formatTs(start as number), formatTs(end as number)].join('\t');
    perBatch[k]!.rows.push(line);
    all.push(line);
  }
  const byBatch = perBatch.map((b, k) => `${k}: ${b.rows.length}`).filter((s) => !s.endsWith(': 0')).join(', ');
  const header = `Nexmark q11 (user sessions): session windows of 10 seconds per bidder in APPEND mode over the generator's bids, ${Q11_EVENTS.toLocaleString('en-US')} events, seed 1 `
    + `(${n.toLocaleString('en-US')} bids, 100 us apart: about 18.7 s of event time; fewer events close no session at all, as a bidder stays active for about 5 s and a session ends 10 s after its last bid). `
    + `rows_per_batch = ${Q11_ROWS_PER_BATCH} makes ${dataBatches} data batches and a final no-data batch; the TRIGGER output pins which batch emits each session (the first whose watermark, `
    + `the previous batches' max event time - 4 s, is >= its end), and SELECT * the result table. Of ${sessions.length} sessions ${all.length} close by the final watermark; the ${open} others stay open. `
    + 'Expected output computed by bench/nexmark-goldens.ts with DuckDB over the same generated rows (gaps and islands), not by the engine.';
  const stmts: Statement[] = [
    { sql: bidSql },
    { sql: querySql, schema: Q11_SCHEMA },
    { sql: 'TRIGGER', output: triggerOutput('q11', perBatch) },
    { sql: 'SELECT * FROM q11', schema: Q11_SCHEMA, output: all.sort() },
  ];
  return { input: inputFile(header, stmts), output: outputFile(stmts), stats: `q11: ${n} bids in ${dataBatches} data batches; ${sessions.length} sessions, ${all.length} emitted (per batch ${byBatch}), ${open} open` };
}

// ---------------------------------------------------------------------------------------------------------------
// q5, q7, q8: window joins in APPEND mode. The same SQL as the benchmark (bench/queries.ts) with every duration divided
// by 100 (10 s windows -> 100 ms, q5's 2 s slide -> 20 ms, the 4 s watermark delay -> 40 ms): Nexmark's event time
// advances 100 us per event, so a few thousand events close tens of windows instead of hundreds of thousands.

const GOLDEN_TIMES: NexmarkTimes = { size: '100 milliseconds', sizeInterval: "INTERVAL '100' MILLISECOND", slide: '20 milliseconds', delay: '40 milliseconds' };
const W_SIZE = 100_000;
const W_SLIDE = 20_000;
const W_DELAY = 40_000;

interface Input {
  readonly rows: readonly Value[][];
  /** The index of the event time among the declared columns. */
  readonly timeColumn: number;
  readonly rowsPerBatch: number;
}

/**
 * The watermark in effect in each batch: batch 0 runs with none; after data batch k, each input proposes max(event
 * time of its rows read so far) - delay, and the query's watermark is the smallest proposal (none until every input
 * has rows), never moving back; it is the one in effect in batch k + 1. After the last data batch, a no-data batch
 * runs with the final watermark if the last data batch moved it. Also checks what the DuckDB reference assumes:
 * each input's times never decrease, so no row is late (a row of batch k is later than everything before it, hence
 * than the watermark in effect, which is that minus the delay) and every window is whole when it closes.
 */
function watermarksOf(inputs: readonly Input[], delay: number): { watermarks: (number | undefined)[]; dataBatches: number } {
  for (const inp of inputs) {
    inp.rows.forEach((r, i) => {
      if (i > 0 && (r[inp.timeColumn] as number) < (inp.rows[i - 1]![inp.timeColumn] as number)) throw new Error(`row ${i} goes back in time; the reference assumes ordered rows`);
    });
  }
  const dataBatches = Math.max(...inputs.map((i) => Math.ceil(i.rows.length / i.rowsPerBatch)));
  const watermarks: (number | undefined)[] = [undefined];
  const max = inputs.map(() => -Infinity);
  for (let k = 0; k < dataBatches; k++) {
    inputs.forEach((inp, j) => {
      for (let r = k * inp.rowsPerBatch; r < Math.min(inp.rows.length, (k + 1) * inp.rowsPerBatch); r++) max[j] = Math.max(max[j]!, inp.rows[r]![inp.timeColumn] as number);
    });
    const proposal = Math.min(...max) - delay;
    const prev = watermarks[k];
    watermarks.push(proposal === -Infinity ? prev : Math.max(prev ?? -Infinity, proposal));
  }
  // No no-data batch when the last data batch left the watermark where it was.
  if (watermarks[dataBatches] === watermarks[dataBatches - 1]) watermarks.pop();
  return { watermarks, dataBatches };
}

/**
 * Puts each result row (its window end and rendered line) into the first batch whose watermark is >= the window's end:
 * APPEND emits a window's rows in the batch in which the watermark passes its end, every operator of the chain in the
 * same batch. Rows of windows the final watermark has not closed are never emitted and are left out.
 */
function assign(watermarks: readonly (number | undefined)[], rows: readonly { end: number; line: string }[]): { perBatch: { watermark: number | undefined; rows: string[] }[]; all: string[]; open: number; windows: number } {
  const perBatch = watermarks.map((watermark) => ({ watermark, rows: [] as string[] }));
  const all: string[] = [];
  const closed = new Set<number>();
  let open = 0;
  for (const { end, line } of rows) {
    const k = watermarks.findIndex((wm) => wm !== undefined && end <= wm);
    if (k < 0) {
      open++;
      continue;
    }
    perBatch[k]!.rows.push(line);
    all.push(line);
    closed.add(end);
  }
  return { perBatch, all: all.sort(), open, windows: closed.size };
}

const perBatchCounts = (perBatch: readonly { rows: string[] }[]): string => perBatch.map((b, k) => `${k}: ${b.rows.length}`).filter((s) => !s.endsWith(': 0')).join(', ');

const EMISSION_RULE = 'Expected output: what APPEND emits once all input is processed. Each window\'s rows appear in the first batch whose watermark '
  + '(the previous batches\' max event time - 40 ms; with two inputs the smaller of theirs) is >= the window\'s end, and the final no-data batch runs with the '
  + 'final watermark; the windows it leaves open are never emitted, so their rows are left out of the expected output. Computed by bench/nexmark-goldens.ts with '
  + 'DuckDB over the same generated rows (windows assigned in SQL, a batch join), not by the engine.';

const Q5_EVENTS = 6_000;
const Q5_ROWS_PER_BATCH = 500;
const Q5_SCHEMA = 'auction BIGINT, num BIGINT, starttime TIMESTAMP';

async function q5(conn: DuckDBConnection): Promise<{ input: string; output: string; stats: string }> {
  const bidSql = `CREATE SOURCE bid (auction BIGINT, date_time TIMESTAMP)
  WITH (connector = 'nexmark', table = 'bid', events = ${Q5_EVENTS}, seed = 1, rows_per_batch = ${Q5_ROWS_PER_BATCH})`;
  const querySql = `CREATE QUERY q5 AS\n  ${q5Sql(GOLDEN_TIMES)}`;
  const bids = generateRows(bidSql);
  const { watermarks, dataBatches } = watermarksOf([{ rows: bids.rows, timeColumn: 1, rowsPerBatch: Q5_ROWS_PER_BATCH }], W_DELAY);
  await load(conn, 'bid', ['BIGINT', 'BIGINT'], bids);
  // Every sliding window holding a bid: the one starting at its slide-aligned time and the size/slide - 1 before it.
  const rows = await query(conn, `WITH counts AS (
      SELECT auction, ws, count(*) AS num
      FROM (SELECT auction, (date_time // ${W_SLIDE}) * ${W_SLIDE} - k * ${W_SLIDE} AS ws FROM bid, range(${W_SIZE / W_SLIDE}) AS r(k))
      GROUP BY auction, ws)
    SELECT c.auction, c.num, c.ws, c.ws + ${W_SIZE} AS we
    FROM counts c JOIN (SELECT ws, max(num) AS maxn FROM counts GROUP BY ws) m ON c.ws = m.ws AND c.num >= m.maxn`);
  const { perBatch, all, open, windows } = assign(watermarks, rows.map(([auction, num, ws, we]) => ({ end: we as number, line: [String(auction), String(num), formatTs(ws as number)].join('\t') })));
  const ties = all.length - windows; // rows beyond one per window: auctions tied for the most bids
  const header = `Nexmark q5 (hot items), full form: per sliding window the auctions with the most bids, as the bid counts per auction and window joined with `
    + `their maximum per window (an aggregation over an aggregation), in APPEND mode, over the generator's bids, ${Q5_EVENTS.toLocaleString('en-US')} events, seed 1 `
    + `(${bids.rows.length.toLocaleString('en-US')} bids, 100 us apart). The benchmark's SQL (bench/queries.ts) with every duration divided by 100: windows of 100 ms every 20 ms `
    + `(Nexmark: 10 s every 2 s), watermark delay 40 ms. rows_per_batch = ${Q5_ROWS_PER_BATCH} makes ${dataBatches} data batches and a final no-data batch. `
    + `${windows} windows close (${all.length} rows: ${ties === 0 ? 'no ties' : `${ties} extra for ties`} for the most bids); the hot auction, which gets half the bids, changes every 100 `
    + `auctions (about 167 ms), so the winner changes every few windows. ${open} rows of open windows are left out. `
    + EMISSION_RULE;
  const stmts: Statement[] = [
    { sql: bidSql },
    { sql: querySql, schema: Q5_SCHEMA },
    { sql: 'TRIGGER', output: triggerOutput('q5', perBatch) },
    { sql: 'SELECT * FROM q5', schema: Q5_SCHEMA, output: all },
  ];
  return { input: inputFile(header, stmts), output: outputFile(stmts), stats: `q5: ${bids.rows.length} bids in ${dataBatches} data batches; ${all.length} rows in ${windows} windows (per batch ${perBatchCounts(perBatch)}), ${open} rows of open windows` };
}

const Q7_EVENTS = 30_000;
const Q7_ROWS_PER_BATCH = 2_000;
const Q7_SCHEMA = 'auction BIGINT, price BIGINT, bidder BIGINT, date_time TIMESTAMP, extra STRING';

async function q7(conn: DuckDBConnection): Promise<{ input: string; output: string; stats: string }> {
  const bidSql = `CREATE SOURCE bid (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP, extra STRING)
  WITH (connector = 'nexmark', table = 'bid', events = ${Q7_EVENTS}, seed = 1, rows_per_batch = ${Q7_ROWS_PER_BATCH})`;
  const querySql = `CREATE QUERY q7 AS\n  ${q7Sql(GOLDEN_TIMES)}`;
  const bids = generateRows(bidSql);
  const { watermarks, dataBatches } = watermarksOf([{ rows: bids.rows, timeColumn: 3, rowsPerBatch: Q7_ROWS_PER_BATCH }], W_DELAY);
  await load(conn, 'bid', ['BIGINT', 'BIGINT', 'BIGINT', 'BIGINT', 'VARCHAR'], bids);
  // A bid is in the window it joins (ws <= date_time < ws + size), so it was read before the batch that closes the
  // window: the join emits it when the window's maximum arrives.
  const rows = await query(conn, `SELECT b.auction, b.price, b.bidder, b.date_time, b.extra, m.ws + ${W_SIZE} AS we
    FROM bid b JOIN (SELECT (date_time // ${W_SIZE}) * ${W_SIZE} AS ws, max(price) AS maxprice FROM bid GROUP BY 1) m
    ON b.price = m.maxprice AND b.date_time >= m.ws AND b.date_time < m.ws + ${W_SIZE}`);
  const { perBatch, all, open, windows } = assign(watermarks, rows.map(([auction, price, bidder, t, extra, we]) => ({
    end: we as number, line: [String(auction), String(price), String(bidder), formatTs(t as number), str(String(extra))].join('\t'),
  })));
  const header = `Nexmark q7 (highest bid): the bids whose price is the highest of their tumbling window, every bid joined to its window's maximum `
    + `(b.date_time in [endtime - size, endtime), b.price = maxprice), in APPEND mode, over the generator's bids, ${Q7_EVENTS.toLocaleString('en-US')} events, seed 1 `
    + `(${bids.rows.length.toLocaleString('en-US')} bids, 100 us apart). The benchmark's SQL (bench/queries.ts) with every duration divided by 100: windows of 100 ms `
    + `(Nexmark: 10 s), watermark delay 40 ms. rows_per_batch = ${Q7_ROWS_PER_BATCH} makes ${dataBatches} data batches and a final no-data batch; the join keeps the bids `
    + `until their window's maximum arrives, in the batch that closes the window. ${windows} windows close (${all.length} rows); ${open} rows of open windows are left out. `
    + EMISSION_RULE;
  const stmts: Statement[] = [
    { sql: bidSql },
    { sql: querySql, schema: Q7_SCHEMA },
    { sql: 'TRIGGER', output: triggerOutput('q7', perBatch) },
    { sql: 'SELECT * FROM q7', schema: Q7_SCHEMA, output: all },
  ];
  return { input: inputFile(header, stmts), output: outputFile(stmts), stats: `q7: ${bids.rows.length} bids in ${dataBatches} data batches; ${all.length} rows in ${windows} windows (per batch ${perBatchCounts(perBatch)}), ${open} rows of open windows` };
}

const Q8_EVENTS = 10_000;
const Q8_PERSONS_PER_BATCH = 15;
const Q8_AUCTIONS_PER_BATCH = 45;
const Q8_SCHEMA = 'id BIGINT, name STRING, starttime TIMESTAMP';

async function q8(conn: DuckDBConnection): Promise<{ input: string; output: string; stats: string }> {
  const personSql = `CREATE SOURCE person (id BIGINT, name STRING, date_time TIMESTAMP)
  WITH (connector = 'nexmark', table = 'person', events = ${Q8_EVENTS}, seed = 1, rows_per_batch = ${Q8_PERSONS_PER_BATCH})`;
  const auctionSql = `CREATE SOURCE auction (seller BIGINT, date_time TIMESTAMP)
  WITH (connector = 'nexmark', table = 'auction', events = ${Q8_EVENTS}, seed = 1, rows_per_batch = ${Q8_AUCTIONS_PER_BATCH})`;
  const querySql = `CREATE QUERY q8 AS\n  ${q8Sql(GOLDEN_TIMES)}`;
  const persons = generateRows(personSql);
  const auctions = generateRows(auctionSql);
  const { watermarks, dataBatches } = watermarksOf([
    { rows: persons.rows, timeColumn: 2, rowsPerBatch: Q8_PERSONS_PER_BATCH },
    { rows: auctions.rows, timeColumn: 1, rowsPerBatch: Q8_AUCTIONS_PER_BATCH },
  ], W_DELAY);
  await load(conn, 'person', ['BIGINT', 'VARCHAR', 'BIGINT'], persons);
  await load(conn, 'auction', ['BIGINT', 'BIGINT'], auctions);
  const rows = await query(conn, `SELECT p.id, p.name, p.ws, p.ws + ${W_SIZE} AS we
    FROM (SELECT DISTINCT id, name, (date_time // ${W_SIZE}) * ${W_SIZE} AS ws FROM person) p
    JOIN (SELECT DISTINCT seller, (date_time // ${W_SIZE}) * ${W_SIZE} AS ws FROM auction) a ON p.id = a.seller AND p.ws = a.ws`);
  const { perBatch, all, open, windows } = assign(watermarks, rows.map(([id, name, ws, we]) => ({ end: we as number, line: [String(id), str(String(name)), formatTs(ws as number)].join('\t') })));
  const header = `Nexmark q8 (monitor new users): the persons who created an auction in the tumbling window in which they registered, a join of the persons `
    + `grouped by (id, name, window) with the sellers grouped by (seller, window) on id = seller and the same window, in APPEND mode, over the generator's persons `
    + `and auctions, ${Q8_EVENTS.toLocaleString('en-US')} events, seed 1 (${persons.rows.length} persons, ${auctions.rows.length} auctions). The benchmark's SQL (bench/queries.ts) with every duration `
    + `divided by 100: windows of 100 ms (Nexmark: 10 s), watermark delay 40 ms on each input. Each micro-batch reads the rows of the same `
    + `${Q8_PERSONS_PER_BATCH * 50} events from both sources (${Q8_PERSONS_PER_BATCH} persons, ${Q8_AUCTIONS_PER_BATCH} auctions): ${dataBatches} data batches and a final no-data batch. `
    + `The first windows have the most sellers among their persons (a seller is the hot person or one of the last 1,000 persons, fewer at first). `
    + `${windows} windows close with a match (${all.length} rows); `
    + `${open} rows of open windows are left out. `
    + EMISSION_RULE;
  const stmts: Statement[] = [
    { sql: personSql },
    { sql: auctionSql },
    { sql: querySql, schema: Q8_SCHEMA },
    { sql: 'TRIGGER', output: triggerOutput('q8', perBatch) },
    { sql: 'SELECT * FROM q8', schema: Q8_SCHEMA, output: all },
  ];
  return { input: inputFile(header, stmts), output: outputFile(stmts), stats: `q8: ${persons.rows.length} persons, ${auctions.rows.length} auctions in ${dataBatches} data batches; ${all.length} rows in ${windows} windows (per batch ${perBatchCounts(perBatch)}), ${open} rows of open windows` };
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  let differs = false;
  try {
    for (const [name, make] of [['q3', q3], ['q11', q11], ['q5', q5], ['q7', q7], ['q8', q8]] as const) {
      const g = await make(conn);
      console.log(g.stats);
      for (const [file, text] of [[path.join(ROOT, 'sql-tests', 'inputs', 'nexmark', `${name}.sql`), g.input], [path.join(ROOT, 'sql-tests', 'results', 'nexmark', `${name}.sql.out`), g.output]] as const) {
        const shown = path.relative(process.cwd(), file);
        if (check) {
          const same = fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text;
          if (!same) differs = true;
          console.log(`  ${shown}: ${same ? 'up to date' : 'DIFFERS'}`);
        } else {
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, text);
          console.log(`  wrote ${shown}`);
        }
      }
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  if (differs) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exitCode = 1;
});
