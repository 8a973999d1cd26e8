// Writes the Nexmark golden files sql-tests/inputs/nexmark/{q3,q11}.sql and their expected output
// sql-tests/results/nexmark/{q3,q11}.sql.out. The expected rows never come from the engine: the script generates
// the same rows with the engine's Nexmark generator (the connector the scripts declare), runs each query in DuckDB
// as a batch query, assigns each result row to the micro-batch that must emit it (from the documented semantics:
// rows_per_batch rows per source per batch, the watermark in effect in batch k computed after batch k - 1, a final
// no-data batch), and renders everything in the golden format (../shared/spec/sql-tests-format.md) itself.
//
//   npx tsx bench/nexmark-goldens.ts            # (re)write the four files
//   npx tsx bench/nexmark-goldens.ts --check    # exit 1 if the files differ from what the script computes

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type * as arrow from 'apache-arrow';
import { NexmarkSource } from '../runtime/index.js';
import { int64Words, parseSource, utf8Column } from './dataset.js';

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

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  let differs = false;
  try {
    for (const [name, make] of [['q3', q3], ['q11', q11]] as const) {
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
