// The Nexmark source: the person, auction and bid streams of the Nexmark auction benchmark, generated column by
// column straight into Arrow batches. Every value is a function of (seed, event id), so any offset range replays
// identically, and a table's offsets are row positions within that table.

import * as arrow from 'apache-arrow';
import { TidemarkError } from '../../common/errors.js';
import { tryParseTimestamp } from '../../common/time.js';
import type { DataType, Field, Schema } from '../../common/types.js';
import { makeBatch } from '../vec.js';
import type { StreamSource } from './source.js';
import {
  ByteTable, CyclicExtra, type Gen, Int64Out, POOL_BYTES, type Rows, SliceCopier, TWO_32, TableRng, below, draw, eventHash, extraLength, extraStrings, picks, pows, price, setInt64, tableStrings, utf8Data, D_HOT, D_PICK, D_PRICE, D_PRICE2, D_CHANNEL_HOT, D_CHANNEL, D_EXTRA_LEN, D_NAME, D_EMAIL, D_CARD, D_CITY, D_STATE, D_ITEM, D_DESC, D_EXPIRES, D_CATEGORY, D_PERSON_HOT, D_PERSON,
} from './nexmark-columns.js';

type Options = Readonly<Record<string, string | number | boolean>>;

export type NexmarkTable = 'person' | 'auction' | 'bid';

// ---------------------------------------------------------------------------------------------------------------
// The model (the Nexmark generator's facts; defaults of its reference configuration)

/** Event kinds by event id modulo 50: 1 person, then 3 auctions, then 46 bids. */
const EPOCH = 50;
const PERSON_SHARE = 1;
const AUCTION_SHARE = 3;
const FIRST_ID = 1000;
const FIRST_CATEGORY = 10;
const CATEGORIES = 5;
/** Event time advances this much per event (10,000 events per second). */
export const NEXMARK_STEP_MICROS = 100;
export const NEXMARK_DEFAULT_BASE_TIME = '2015-07-15 00:00:00';
/** Hot auctions, bidders and sellers are the first (bidders: second) of the latest block of this many ids. */
const HOT_BLOCK = 100;
/** Non-hot bids go to one of the last this-many auctions (plus a few not yet created). */
const IN_FLIGHT_AUCTIONS = 100;
/** Non-hot bidders and sellers are among the last this-many people (plus a few not yet created). */
const ACTIVE_PEOPLE = 1000;
const ID_LEAD = 10;
const CHANNELS = 10_000;
const HOT_CHANNELS = ['Google', 'Facebook', 'Baidu', 'Apple'];
/** Average event sizes in bytes: `extra` pads each event to about this. */
const AVG_PERSON_BYTES = 200;
const AVG_AUCTION_BYTES = 500;
const AVG_BID_BYTES = 100;
/** Auctions last 1 ms up to twice the time until IN_FLIGHT_AUCTIONS more auctions exist. */
const AUCTION_HORIZON_MS = Math.floor((Math.floor((IN_FLIGHT_AUCTIONS * EPOCH) / AUCTION_SHARE) * NEXMARK_STEP_MICROS) / 1000);

const FIRST_NAMES = ['Peter', 'Paul', 'Luke', 'John', 'Saul', 'Vicky', 'Kate', 'Julie', 'Sarah', 'Deiter', 'Walter'];
const LAST_NAMES = ['Shultz', 'Abrams', 'Spencer', 'White', 'Bartels', 'Walton', 'Smith', 'Jones', 'Noris'];
const CITIES = ['Phoenix', 'Los Angeles', 'San Francisco', 'Boise', 'Portland', 'Bend', 'Redmond', 'Seattle', 'Kent', 'Cheyenne'];
const STATES = ['AZ', 'CA', 'ID', 'OR', 'WA', 'WY'];
/** Precomputed e-mail addresses, item names and descriptions per source (values repeat; sizes follow the original). */
const STRING_SET = 4096;
/** Random letters that `extra` values are cut from. */
const POOL_SLACK = 512;
/** Bid `extra`: lengths cycle every this many rows, letters every EXTRA_TEXT bytes (see CyclicExtra). */

interface TableDef {
  /** First event offset (event id mod 50) of the table, and how many of the 50 it takes. */
  readonly first: number;
  readonly share: number;
  readonly columns: Schema;
}

const col = (name: string, type: DataType): Field => ({ name, type, nullable: false });

export const NEXMARK_TABLES: Readonly<Record<NexmarkTable, TableDef>> = {
  person: {
    first: 0, share: PERSON_SHARE,
    columns: [col('id', 'BIGINT'), col('name', 'STRING'), col('email_address', 'STRING'), col('credit_card', 'STRING'), col('city', 'STRING'),
      col('state', 'STRING'), col('date_time', 'TIMESTAMP'), col('extra', 'STRING')],
  },
  auction: {
    first: PERSON_SHARE, share: AUCTION_SHARE,
    columns: [col('id', 'BIGINT'), col('item_name', 'STRING'), col('description', 'STRING'), col('initial_bid', 'BIGINT'), col('reserve', 'BIGINT'),
      col('date_time', 'TIMESTAMP'), col('expires', 'TIMESTAMP'), col('seller', 'BIGINT'), col('category', 'BIGINT'), col('extra', 'STRING')],
  },
  bid: {
    first: PERSON_SHARE + AUCTION_SHARE, share: EPOCH - PERSON_SHARE - AUCTION_SHARE,
    columns: [col('auction', 'BIGINT'), col('bidder', 'BIGINT'), col('price', 'BIGINT'), col('channel', 'STRING'), col('url', 'STRING'),
      col('date_time', 'TIMESTAMP'), col('extra', 'STRING')],
  },
};

/** Rows of `table` among the first `events` events. */
export function nexmarkRowCount(table: NexmarkTable, events: number): number {
  const { first, share } = NEXMARK_TABLES[table];
  const epochs = Math.floor(events / EPOCH);
  const rest = events - epochs * EPOCH;
  return epochs * share + Math.min(share, Math.max(0, rest - first));
}

/** The event id of row `row` of `table`. */
export function nexmarkEventId(table: NexmarkTable, row: number): number {
  const { first, share } = NEXMARK_TABLES[table];
  const epoch = Math.floor(row / share);
  return epoch * EPOCH + first + (row - epoch * share);
}

// ---------------------------------------------------------------------------------------------------------------
// Randomness: every event's values come from one 32-bit hash of (seed, event id); value k is a remix of it.

// Draw numbers per column (fixed, so a column's values do not depend on which other columns are declared).

/** A random person (base 0) among the active ones, up to ID_LEAD ahead of the newest. */
function activePerson(newest: number, u: number): number {
  const people = newest + 1;
  const active = Math.min(people, ACTIVE_PEOPLE);
  return people - active + below(u, active + ID_LEAD);
}

/** Per-source lookup tables, built once from the seed. */
class Tables {
  readonly pool: SliceCopier;
  private cache = new Map<string, ByteTable>();
  private bidExtra: CyclicExtra | undefined;

  constructor(private readonly seedLo: number, private readonly seedHi: number) {
    const rng = new TableRng(seedLo, seedHi, 1);
    const pool = new Uint8Array(POOL_BYTES + POOL_SLACK);
    for (let i = 0; i < pool.length; i++) pool[i] = 97 + rng.int(26);
    this.pool = new SliceCopier(pool);
  }

  bidExtras(): CyclicExtra {
    this.bidExtra ??= new CyclicExtra(new TableRng(this.seedLo, this.seedHi, 3), (u) => extraLength(32, AVG_BID_BYTES, u));
    return this.bidExtra;
  }

  private table(name: string, make: (rng: TableRng) => string[]): ByteTable {
    let t = this.cache.get(name);
    if (!t) {
      t = new ByteTable(make(new TableRng(this.seedLo, this.seedHi, 2 + this.cache.size * 7919 + name.length)));
      this.cache.set(name, t);
    }
    return t;
  }

  /** Bid channels: the 4 hot ones, then channel-0 .. channel-9999. */
  channels(): ByteTable {
    return this.table('channel', () => [...HOT_CHANNELS, ...Array.from({ length: CHANNELS }, (_, i) => `channel-${i}`)]);
  }

  /** Bid URLs, parallel to channels(): a random base URL, for 9 in 10 other channels with a channel id. */
  urls(): ByteTable {
    return this.table('url', (rng) => {
      const base = (): string => `https://www.nexmark.com/${rng.string(5, '_')}/${rng.string(5, '_')}/${rng.string(5, '_')}/item.htm?query=1`;
      const hot = HOT_CHANNELS.map(base);
      const other = Array.from({ length: CHANNELS }, (_, i) => {
        const url = base();
        return rng.int(10) > 0 ? `${url}&channel_id=${Math.abs(reverseBits(i))}` : url;
      });
      return [...hot, ...other];
    });
  }

  names(): ByteTable {
    return this.table('name', () => FIRST_NAMES.flatMap((f) => LAST_NAMES.map((l) => `${f} ${l}`)));
  }

  emails(): ByteTable {
    return this.table('email', (rng) => Array.from({ length: STRING_SET }, () => `${rng.string(7)}@${rng.string(5)}.com`));
  }

  cities(): ByteTable {
    return this.table('city', () => CITIES);
  }

  states(): ByteTable {
    return this.table('state', () => STATES);
  }

  items(): ByteTable {
    return this.table('item', (rng) => Array.from({ length: STRING_SET }, () => rng.string(20)));
  }

  descriptions(): ByteTable {
    return this.table('description', (rng) => Array.from({ length: STRING_SET }, () => rng.string(100)));
  }
}

/** Java's Integer.reverse: the 32 bits of i in reverse order, as a signed 32-bit integer. */
function reverseBits(i: number): number {
  let r = 0;
  for (let b = 0; b < 32; b++) r = (r << 1) | ((i >>> b) & 1);
  return r | 0;
}

const CARD_BYTES = 19;

/** Credit card numbers: four groups of four digits separated by spaces, each group uniform in 0000..9999. */
function creditCards(r: Rows): arrow.Data {
  const n = r.n;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) offsets[i] = i * CARD_BYTES;
  const data = new Uint8Array(n * CARD_BYTES);
  for (let i = 0; i < n; i++) {
    const h = r.hash[i]!;
    let p = i * CARD_BYTES;
    for (let g = 0; g < 4; g++) {
      let v = below(draw(h, D_CARD + 100 * g), 10_000);
      if (g > 0) data[p++] = 32;
      for (let d = 3; d >= 0; d--) {
        data[p + d] = 48 + (v % 10);
        v = Math.floor(v / 10);
      }
      p += 4;
    }
  }
  return utf8Data(n, offsets, data);
}

const HOT_HALF = 2 ** 31;
const HOT_THREE_QUARTERS = 2 ** 30;

/** Event time of each row. */
function dateTimes(r: Rows, base: number): arrow.Data {
  const out = new Int64Out(r.n);
  const w = out.words;
  for (let i = 0; i < r.n; i++) setInt64(w, i, base + r.eid[i]! * NEXMARK_STEP_MICROS);
  return out.data('TIMESTAMP');
}

/** Prices from draw k (plus, when `plus` is not 0, a second price from draw `plus`: an auction's reserve). */
function prices(r: Rows, k: number, plus: number): arrow.Data {
  const out = new Int64Out(r.n);
  const w = out.words;
  const hash = r.hash;
  const [a, b, c] = pows();
  for (let i = 0; i < r.n; i++) {
    const h = hash[i]!;
    setInt64(w, i, price(a, b, c, draw(h, k)) + (plus ? price(a, b, c, draw(h, plus)) : 0));
  }
  return out.data('BIGINT');
}

/** Bidders (bids) and sellers (auctions): 3 in 4 a hot person (first of the latest 100, plus `hotOffset`), else an active one. */
function people(r: Rows, hotOffset: number): arrow.Data {
  const out = new Int64Out(r.n);
  const w = out.words;
  const hash = r.hash;
  for (let i = 0; i < r.n; i++) {
    const h = hash[i]!;
    const newest = Math.floor(r.eid[i]! / EPOCH);
    const p = draw(h, D_PERSON_HOT) >= HOT_THREE_QUARTERS
      ? Math.floor(newest / HOT_BLOCK) * HOT_BLOCK + hotOffset
      : activePerson(newest, draw(h, D_PERSON));
    setInt64(w, i, p + FIRST_ID);
  }
  return out.data('BIGINT');
}

function bidAuctions(r: Rows): arrow.Data {
  const out = new Int64Out(r.n);
  const w = out.words;
  const hash = r.hash;
  for (let i = 0; i < r.n; i++) {
    const h = hash[i]!;
    const newest = Math.floor(r.eid[i]! / EPOCH) * AUCTION_SHARE + AUCTION_SHARE - 1;
    let a: number;
    if (draw(h, D_HOT) >= HOT_HALF) a = Math.floor(newest / HOT_BLOCK) * HOT_BLOCK;
    else {
      const oldest = newest > IN_FLIGHT_AUCTIONS ? newest - IN_FLIGHT_AUCTIONS : 0;
      a = oldest + below(draw(h, D_PICK), newest - oldest + 1 + ID_LEAD);
    }
    setInt64(w, i, a + FIRST_ID);
  }
  return out.data('BIGINT');
}

/** Index into the channel and URL tables: half the bids on the 4 hot channels, the rest on one of 10,000. */
function channelIndexes(r: Rows): Int32Array {
  const memo = r.shared.get('channel');
  if (memo) return memo;
  const out = new Int32Array(r.n);
  r.shared.set('channel', out);
  const hash = r.hash;
  for (let i = 0; i < r.n; i++) {
    const h = hash[i]!;
    const u = draw(h, D_CHANNEL);
    out[i] = draw(h, D_CHANNEL_HOT) >= HOT_HALF ? below(u, HOT_CHANNELS.length) : HOT_CHANNELS.length + below(u, CHANNELS);
  }
  return out;
}

function ids(r: Rows, share: number, first: number): arrow.Data {
  const out = new Int64Out(r.n);
  const w = out.words;
  for (let i = 0; i < r.n; i++) {
    const eid = r.eid[i]!;
    const epoch = Math.floor(eid / EPOCH);
    setInt64(w, i, epoch * share + (eid - epoch * EPOCH - first) + FIRST_ID);
  }
  return out.data('BIGINT');
}

function generators(table: NexmarkTable, t: Tables, base: number): Record<string, Gen> {
  switch (table) {
    case 'bid': {
      const bidExtra = (r: Rows): arrow.Data => t.bidExtras().strings(r.start, r.n);
      return {
        auction: bidAuctions,
        bidder: (r) => people(r, 1),
        price: (r) => prices(r, D_PRICE, 0),
        channel: (r) => tableStrings(t.channels(), channelIndexes(r)),
        url: (r) => tableStrings(t.urls(), channelIndexes(r)),
        date_time: (r) => dateTimes(r, base),
        extra: bidExtra,
      };
    }
    case 'person': {
      const names = t.names();
      const emails = t.emails();
      const cities = t.cities();
      const states = t.states();
      const name = (r: Rows): Int32Array => picks(r, D_NAME, FIRST_NAMES.length * LAST_NAMES.length);
      const email = (r: Rows): Int32Array => picks(r, D_EMAIL, STRING_SET);
      const city = (r: Rows): Int32Array => picks(r, D_CITY, CITIES.length);
      const state = (r: Rows): Int32Array => picks(r, D_STATE, STATES.length);
      return {
        id: (r) => ids(r, PERSON_SHARE, 0),
        name: (r) => tableStrings(names, name(r)),
        email_address: (r) => tableStrings(emails, email(r)),
        credit_card: creditCards,
        city: (r) => tableStrings(cities, city(r)),
        state: (r) => tableStrings(states, state(r)),
        date_time: (r) => dateTimes(r, base),
        extra: (r) => {
          const [a, b, c, d] = [name(r), email(r), city(r), state(r)];
          const len = new Int32Array(r.n);
          for (let i = 0; i < r.n; i++) {
            const size = 8 + names.len(a[i]!) + emails.len(b[i]!) + CARD_BYTES + cities.len(c[i]!) + states.len(d[i]!);
            len[i] = extraLength(size, AVG_PERSON_BYTES, draw(r.hash[i]!, D_EXTRA_LEN));
          }
          return extraStrings(r, t.pool, len);
        },
      };
    }
    case 'auction': {
      const items = t.items();
      const descs = t.descriptions();
      const item = (r: Rows): Int32Array => picks(r, D_ITEM, STRING_SET);
      const desc = (r: Rows): Int32Array => picks(r, D_DESC, STRING_SET);
      return {
        id: (r) => ids(r, AUCTION_SHARE, PERSON_SHARE),
        item_name: (r) => tableStrings(items, item(r)),
        description: (r) => tableStrings(descs, desc(r)),
        initial_bid: (r) => prices(r, D_PRICE, 0),
        reserve: (r) => prices(r, D_PRICE, D_PRICE2),
        date_time: (r) => dateTimes(r, base),
        expires: (r) => {
          const out = new Int64Out(r.n);
          for (let i = 0; i < r.n; i++) {
            const lengthMs = 1 + below(draw(r.hash[i]!, D_EXPIRES), 2 * AUCTION_HORIZON_MS);
            setInt64(out.words, i, base + r.eid[i]! * NEXMARK_STEP_MICROS + lengthMs * 1000);
          }
          return out.data('TIMESTAMP');
        },
        seller: (r) => people(r, 0),
        category: (r) => {
          const out = new Int64Out(r.n);
          for (let i = 0; i < r.n; i++) setInt64(out.words, i, FIRST_CATEGORY + below(draw(r.hash[i]!, D_CATEGORY), CATEGORIES));
          return out.data('BIGINT');
        },
        extra: (r) => {
          const [a, b] = [item(r), desc(r)];
          const len = new Int32Array(r.n);
          for (let i = 0; i < r.n; i++) len[i] = extraLength(8 + items.len(a[i]!) + descs.len(b[i]!) + 40, AVG_AUCTION_BYTES, draw(r.hash[i]!, D_EXTRA_LEN));
          return extraStrings(r, t.pool, len);
        },
      };
    }
    default: {
      const never: never = table;
      throw new Error(`nexmark table ${String(never)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------

/** Rows per generated record batch (a read of more rows returns several batches). */
const CHUNK = 65_536;

const listColumns = (table: NexmarkTable): string =>
  NEXMARK_TABLES[table].columns.map((f) => `${f.name} ${f.type}`).join(', ');

export class NexmarkSource implements StreamSource {
  readonly maxRowsPerBatch: number;
  readonly startAtLatest = false;
  readonly table: NexmarkTable;
  readonly events: number;
  readonly seed: number;
  /** Event time of event 0 (UTC micros). */
  readonly baseTime: number;
  private readonly rows: number;
  private readonly seedLo: number;
  private readonly seedHi: number;
  private readonly gens: Gen[];

  constructor(readonly name: string, readonly schema: Schema, options: Options) {
    const bad = (msg: string): TidemarkError => new TidemarkError('INVALID_OPTION', `Nexmark source '${name}': ${msg}`);
    const int = (k: string, d: number, min: number, max: number): number => {
      const v = options[k];
      if (v === undefined) return d;
      const x = typeof v === 'string' ? Number(v.replace(/_/g, '')) : Number(v);
      if (!Number.isSafeInteger(x) || x < min || x > max) throw bad(`option '${k}' must be an integer from ${min} to ${max}, got '${String(v)}'.`);
      return x;
    };
    const tableText = options['table'];
    if (tableText === undefined) throw bad(`option 'table' is required: 'person', 'auction' or 'bid'.`);
    const t = String(tableText).toLowerCase();
    if (t !== 'person' && t !== 'auction' && t !== 'bid') throw bad(`option 'table' must be 'person', 'auction' or 'bid', got '${String(tableText)}'.`);
    this.table = t;
    this.events = int('events', 1_000_000, 0, 1e13);
    this.seed = int('seed', 1, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    this.maxRowsPerBatch = int('rows_per_batch', CHUNK, 1, 2 ** 31 - 1);
    const baseText = String(options['base_time'] ?? NEXMARK_DEFAULT_BASE_TIME);
    const base = tryParseTimestamp(baseText);
    if (base === undefined) throw bad(`option 'base_time' is not a timestamp: '${baseText}'. Write it like '${NEXMARK_DEFAULT_BASE_TIME}'.`);
    this.baseTime = base;
    this.seedLo = this.seed | 0;
    this.seedHi = Math.floor(this.seed / TWO_32) | 0;
    this.rows = nexmarkRowCount(this.table, this.events);

    const expected = NEXMARK_TABLES[this.table].columns;
    const seen = new Set<string>();
    for (const f of schema) {
      const e = expected.find((c) => c.name === f.name.toLowerCase());
      if (!e || e.type !== f.type || seen.has(e.name)) {
        const what = !e ? `has no column '${f.name}'` : seen.has(e.name) ? `declares column '${f.name}' twice` : `column '${f.name}' is ${e.type}, not ${f.type}`;
        throw bad(`the ${this.table} table ${what}. Declare its columns (all, or some, in any order) as: ${listColumns(this.table)}.`);
      }
      seen.add(e.name);
    }
    if (schema.length === 0) throw bad(`declare at least one column of the ${this.table} table: ${listColumns(this.table)}.`);
    const all = generators(this.table, new Tables(this.seedLo, this.seedHi), base);
    this.gens = schema.map((f) => all[f.name.toLowerCase()]!);
  }

  /** The columns of a Nexmark table, in the generator's order. */
  static columns(table: NexmarkTable): Schema {
    return NEXMARK_TABLES[table].columns;
  }

  latestOffset(): number {
    return this.rows;
  }

  read(start: number, end: number): arrow.RecordBatch[] {
    const out: arrow.RecordBatch[] = [];
    const stop = Math.min(end, this.rows);
    for (let s = Math.max(0, start); s < stop; s += CHUNK) {
      const n = Math.min(CHUNK, stop - s);
      const rows = this.rowsAt(s, n);
      out.push(makeBatch(this.schema, this.gens.map((g) => g(rows)), n));
    }
    return out;
  }

  /** Event ids and event hashes of rows [start, start + n). */
  private rowsAt(start: number, n: number): Rows {
    const { first, share } = NEXMARK_TABLES[this.table];
    const eid = new Float64Array(n);
    const hash = new Uint32Array(n);
    let epoch = Math.floor(start / share);
    let k = start - epoch * share;
    for (let i = 0; i < n; i++) {
      const e = epoch * EPOCH + first + k;
      eid[i] = e;
      hash[i] = eventHash(this.seedLo, this.seedHi, e);
      if (++k === share) {
        k = 0;
        epoch++;
      }
    }
    return { start, n, eid, hash, shared: new Map() };
  }
}
