// The Nexmark source: replayable ranges, the generator's proportions, ids, event times and distributions, options.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { TidemarkError } from '../../common/errors.js';
import type { Schema } from '../../common/types.js';
import { Engine } from '../../src/engine.js';
import { NEXMARK_DEFAULT_BASE_TIME, NEXMARK_STEP_MICROS, NEXMARK_TABLES, NexmarkSource, nexmarkEventId, nexmarkRowCount, type NexmarkTable } from './nexmark-source.js';

const BASE = Date.UTC(2015, 6, 15) * 1000;

const source = (table: NexmarkTable, events: number, extra: Record<string, string | number> = {}, schema: Schema = NEXMARK_TABLES[table].columns): NexmarkSource =>
  new NexmarkSource(table, schema, { table, events, seed: 1, ...extra });

/** A BIGINT or TIMESTAMP column of the batches as numbers (read through 32-bit words, as the engine does). */
function ints(batches: readonly arrow.RecordBatch[], name: string): number[] {
  const out: number[] = [];
  for (const b of batches) {
    const d = b.getChild(name)!.data[0]!;
    const v = d.values as BigInt64Array;
    const w = new Int32Array(v.buffer, v.byteOffset, d.length * 2);
    for (let i = 0; i < d.length; i++) out.push(w[2 * i + 1]! * 4294967296 + (w[2 * i]! >>> 0));
  }
  return out;
}

function strings(batches: readonly arrow.RecordBatch[], name: string): string[] {
  return batches.flatMap((b) => b.getChild(name)!.toArray() as string[]);
}

/** Every column of the batches as plain values, for equality checks. */
function values(batches: readonly arrow.RecordBatch[], schema: Schema): unknown[][] {
  return schema.map((f) => (f.type === 'STRING' ? strings(batches, f.name) : ints(batches, f.name)));
}

const fraction = (xs: readonly boolean[]): number => xs.filter(Boolean).length / xs.length;

describe('NexmarkSource', () => {
  it('maps events to tables 1:3:46 by event id mod 50', () => {
    expect(nexmarkRowCount('person', 1000)).toBe(20);
    expect(nexmarkRowCount('auction', 1000)).toBe(60);
    expect(nexmarkRowCount('bid', 1000)).toBe(920);
    // Events 1000..1002: a person, then two auctions.
    expect([nexmarkRowCount('person', 1003), nexmarkRowCount('auction', 1003), nexmarkRowCount('bid', 1003)]).toEqual([21, 62, 920]);
    expect([nexmarkEventId('person', 0), nexmarkEventId('person', 3)]).toEqual([0, 150]);
    expect([0, 1, 2, 3].map((r) => nexmarkEventId('auction', r))).toEqual([1, 2, 3, 51]);
    expect([0, 45, 46].map((r) => nexmarkEventId('bid', r))).toEqual([4, 49, 54]);
    for (const t of ['person', 'auction', 'bid'] as const) {
      for (const events of [0, 1, 4, 49, 50, 51, 12_345]) {
        const ids = Array.from({ length: nexmarkRowCount(t, events) }, (_, r) => nexmarkEventId(t, r));
        expect(ids.every((e) => e < events)).toBe(true);
        if (ids.length) expect(nexmarkEventId(t, ids.length)).toBeGreaterThanOrEqual(events);
      }
    }
    expect(source('bid', 10_000).latestOffset()).toBe(9200);
  });

  it('replays any range identically, and [a, c) equals [a, b) followed by [b, c)', () => {
    for (const t of ['person', 'auction', 'bid'] as const) {
      const schema = NEXMARK_TABLES[t].columns;
      const a = source(t, 3_000_000);
      const b = source(t, 3_000_000);
      const whole = values(a.read(64_000, 66_000), schema);
      expect(values(b.read(64_000, 66_000), schema)).toEqual(whole);
      expect(values(a.read(64_000, 66_000), schema)).toEqual(whole);
      const split = [values(a.read(64_000, 65_537), schema), values(a.read(65_537, 66_000), schema)];
      expect(schema.map((_, c) => [...split[0]![c]!, ...split[1]![c]!])).toEqual(whole);
    }
  });

  it('chunks long reads into batches of at most 65,536 rows and stops at the end of the table', () => {
    const s = source('bid', 200_000);
    expect(s.read(0, 150_000).map((b) => b.numRows)).toEqual([65_536, 65_536, 150_000 - 131_072]);
    expect(s.read(183_000, 200_000).map((b) => b.numRows)).toEqual([1000]);
    expect(s.maxRowsPerBatch).toBe(65_536);
  });

  it('depends on the seed', () => {
    const a = ints(source('bid', 10_000).read(0, 500), 'price');
    const b = ints(new NexmarkSource('bid', NEXMARK_TABLES.bid.columns, { table: 'bid', events: 10_000, seed: 2 }).read(0, 500), 'price');
    expect(a).not.toEqual(b);
  });

  it('numbers people and auctions densely from 1000 and advances event time 100 µs per event', () => {
    const people = source('person', 100_000).read(0, 2000);
    expect(ints(people, 'id')).toEqual(Array.from({ length: 2000 }, (_, r) => 1000 + r));
    expect(ints(people, 'date_time')).toEqual(Array.from({ length: 2000 }, (_, r) => BASE + 50 * r * NEXMARK_STEP_MICROS));
    const auctions = source('auction', 100_000).read(0, 1500);
    expect(ints(auctions, 'id')).toEqual(Array.from({ length: 1500 }, (_, r) => 1000 + r));
    expect(ints(auctions, 'date_time')).toEqual(Array.from({ length: 1500 }, (_, r) => BASE + nexmarkEventId('auction', r) * NEXMARK_STEP_MICROS));
    const bids = source('bid', 100_000).read(0, 4600);
    expect(ints(bids, 'date_time')).toEqual(Array.from({ length: 4600 }, (_, r) => BASE + nexmarkEventId('bid', r) * NEXMARK_STEP_MICROS));
    expect(NEXMARK_DEFAULT_BASE_TIME).toBe('2015-07-15 00:00:00');
    const shifted = source('bid', 1000, { base_time: '2020-01-01 00:00:00' }).read(0, 1);
    expect(ints(shifted, 'date_time')).toEqual([Date.UTC(2020, 0, 1) * 1000 + 4 * NEXMARK_STEP_MICROS]);
  });

  it('sends half the bids to the hot auction, three in four to the hot bidder, the rest among the last 100 auctions', () => {
    const n = 200_000;
    const bids = source('bid', 10_000_000).read(1_000_000, 1_000_000 + n);
    const auction = ints(bids, 'auction');
    const bidder = ints(bids, 'bidder');
    const eid = Array.from({ length: n }, (_, i) => nexmarkEventId('bid', 1_000_000 + i));
    const newestAuction = eid.map((e) => Math.floor(e / 50) * 3 + 2);
    const newestPerson = eid.map((e) => Math.floor(e / 50));
    const hotAuction = auction.map((a, i) => a === 1000 + Math.floor(newestAuction[i]! / 100) * 100);
    const hotBidder = bidder.map((b, i) => b === 1001 + Math.floor(newestPerson[i]! / 100) * 100);
    // A non-hot pick can land on the hot id too (1 in about 111 auctions, 1 in 1010 people).
    expect(fraction(hotAuction)).toBeGreaterThan(0.495);
    expect(fraction(hotAuction)).toBeLessThan(0.515);
    expect(fraction(hotBidder)).toBeGreaterThan(0.745);
    expect(fraction(hotBidder)).toBeLessThan(0.755);
    const outside = (xs: readonly number[], newest: readonly number[], back: number): number =>
      xs.filter((x, i) => x - 1000 < newest[i]! - back || x - 1000 > newest[i]! + 10).length;
    expect(outside(auction.filter((_, i) => !hotAuction[i]), newestAuction.filter((_, i) => !hotAuction[i]), 100)).toBe(0);
    expect(outside(bidder.filter((_, i) => !hotBidder[i]), newestPerson.filter((_, i) => !hotBidder[i]), 999)).toBe(0);
    const channel = strings(bids, 'channel');
    const hotChannel = channel.map((c) => ['Google', 'Facebook', 'Baidu', 'Apple'].includes(c));
    expect(fraction(hotChannel)).toBeGreaterThan(0.49);
    expect(fraction(hotChannel)).toBeLessThan(0.51);
    expect(channel.filter((c, i) => !hotChannel[i]).every((c) => /^channel-\d{1,4}$/.test(c))).toBe(true);
    const url = strings(bids, 'url');
    expect(url.every((u) => u.startsWith('https://www.nexmark.com/') && u.includes('/item.htm?query=1'))).toBe(true);
    // The same channel always has the same URL.
    const byChannel = new Map<string, string>();
    let mismatched = 0;
    channel.forEach((c, i) => {
      if ((byChannel.get(c) ?? url[i]) !== url[i]) mismatched++;
      byChannel.set(c, url[i]!);
    });
    expect(mismatched).toBe(0);
  });

  it('draws prices as round(10^(6u) * 100) cents: within [100, 10^8], log-uniform', () => {
    const price = ints(source('bid', 2_000_000).read(0, 200_000), 'price');
    expect(price.reduce((m, p) => Math.min(m, p), Infinity)).toBeGreaterThanOrEqual(100);
    expect(price.reduce((m, p) => Math.max(m, p), 0)).toBeLessThanOrEqual(100_000_000);
    // Each decade [10^k, 10^(k+1)) cents, k = 2..7, holds a sixth of the prices.
    for (let k = 2; k < 8; k++) {
      const share = fraction(price.map((p) => p >= 10 ** k && p < 10 ** (k + 1)));
      expect(share).toBeGreaterThan(1 / 6 - 0.01);
      expect(share).toBeLessThan(1 / 6 + 0.01);
    }
  });

  it('gives auctions hot sellers, categories 10 to 14, reserves above the initial bid and expiry after creation', () => {
    const n = 60_000;
    const a = source('auction', 10_000_000).read(100_000, 100_000 + n);
    const seller = ints(a, 'seller');
    const eid = Array.from({ length: n }, (_, i) => nexmarkEventId('auction', 100_000 + i));
    const hot = seller.map((s, i) => s === 1000 + Math.floor(Math.floor(eid[i]! / 50) / 100) * 100);
    expect(fraction(hot)).toBeGreaterThan(0.745);
    expect(fraction(hot)).toBeLessThan(0.755);
    const category = ints(a, 'category');
    expect(new Set(category)).toEqual(new Set([10, 11, 12, 13, 14]));
    const initial = ints(a, 'initial_bid');
    const reserve = ints(a, 'reserve');
    expect(initial.every((x, i) => reserve[i]! > x)).toBe(true);
    const created = ints(a, 'date_time');
    const expires = ints(a, 'expires');
    expect(expires.every((x, i) => x > created[i]! && x - created[i]! <= 333_000)).toBe(true);
  });

  it('pads events to the original average sizes with extra', () => {
    const bids = source('bid', 1_000_000).read(0, 50_000);
    const extra = strings(bids, 'extra');
    expect(extra.every((s) => /^[a-z]{54,81}$/.test(s))).toBe(true);
    const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(extra.map((s) => s.length))).toBeCloseTo(67.5, 0);
    const people = source('person', 1_000_000).read(0, 20_000);
    const size = (t: readonly arrow.RecordBatch[], cols: string[]): number[] => {
      const columns = cols.map((c) => strings(t, c));
      return columns[0]!.map((_, i) => columns.reduce((s, c) => s + c[i]!.length, 8));
    };
    const personSize = size(people, ['name', 'email_address', 'credit_card', 'city', 'state', 'extra']);
    expect(mean(personSize)).toBeGreaterThan(190);
    expect(mean(personSize)).toBeLessThan(210);
    expect(strings(people, 'credit_card').every((c) => /^\d{4} \d{4} \d{4} \d{4}$/.test(c))).toBe(true);
    const auctions = source('auction', 1_000_000).read(0, 5000);
    const auctionSize = size(auctions, ['item_name', 'description', 'extra']).map((s) => s + 40);
    expect(mean(auctionSize)).toBeGreaterThan(480);
    expect(mean(auctionSize)).toBeLessThan(520);
  });

  it('generates any subset of the columns, in any order, with the same values', () => {
    const full = source('bid', 100_000).read(5000, 7000);
    const schema: Schema = [{ name: 'extra', type: 'STRING', nullable: true }, { name: 'price', type: 'BIGINT', nullable: true }];
    const part = source('bid', 100_000, {}, schema).read(5000, 7000);
    expect(part[0]!.schema.fields.map((f) => f.name)).toEqual(['extra', 'price']);
    expect(strings(part, 'extra')).toEqual(strings(full, 'extra'));
    expect(ints(part, 'price')).toEqual(ints(full, 'price'));
  });

  it('rejects bad options and schemas with INVALID_OPTION and the expected columns', () => {
    const err = (f: () => unknown): TidemarkError => {
      try {
        f();
      } catch (e) {
        if (e instanceof TidemarkError) return e;
        throw e;
      }
      throw new Error('expected an error');
    };
    const cols = NEXMARK_TABLES.bid.columns;
    expect(err(() => new NexmarkSource('b', cols, { events: 10 })).message).toMatch(/'table' is required/);
    expect(err(() => new NexmarkSource('b', cols, { table: 'bids' })).code).toBe('INVALID_OPTION');
    expect(err(() => new NexmarkSource('b', cols, { table: 'bid', events: -1 })).message).toMatch(/'events' must be an integer/);
    expect(err(() => new NexmarkSource('b', cols, { table: 'bid', base_time: 'noon' })).message).toMatch(/'base_time' is not a timestamp/);
    const wrongType = err(() => new NexmarkSource('b', [{ name: 'price', type: 'DOUBLE', nullable: true }], { table: 'bid' }));
    expect(wrongType.code).toBe('INVALID_OPTION');
    expect(wrongType.message).toContain("column 'price' is BIGINT, not DOUBLE");
    expect(wrongType.message).toContain('auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, url STRING, date_time TIMESTAMP, extra STRING');
    expect(err(() => new NexmarkSource('b', [{ name: 'cost', type: 'BIGINT', nullable: true }], { table: 'bid' })).message).toContain("has no column 'cost'");
  });

  it('is the nexmark connector of CREATE SOURCE, and queries read it', () => {
    const engine = new Engine({ checkpointRoot: fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-nexmark-')) });
    engine.execute(`CREATE SOURCE bid (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, url STRING, date_time TIMESTAMP, extra STRING)
      WITH (connector = 'nexmark', table = 'bid', events = 100000, seed = 1, rows_per_batch = 30000)`);
    const r = engine.execute(`CREATE QUERY n AS SELECT count(*) AS n, min(date_time) AS first FROM bid`);
    if (r.kind !== 'query') throw new Error('expected a query');
    const out = r.query.processAllAvailable();
    expect(out.length).toBe(4);
    const rows = engine.execute('SELECT * FROM n');
    if (rows.kind !== 'result') throw new Error('expected rows');
    expect(rows.table.toArray().map((x) => ({ ...(x as object) }))).toEqual([{ n: 92_000n, first: Date.UTC(2015, 6, 15) + 0.4 }]);
    const bad = (sql: string): string => {
      try {
        engine.execute(sql);
      } catch (e) {
        return `${(e as TidemarkError).code}: ${(e as Error).message}`;
      }
      return 'no error';
    };
    expect(bad(`CREATE SOURCE p (id BIGINT) WITH (connector = 'nexmark', table = 'person', event = 5)`))
      .toMatch(/^INVALID_OPTION: Unknown option 'event' for a nexmark source/);
    expect(bad(`CREATE SOURCE p (id STRING) WITH (connector = 'nexmark', table = 'person')`))
      .toMatch(/^INVALID_OPTION: .*id BIGINT, name STRING, email_address STRING, credit_card STRING, city STRING, state STRING, date_time TIMESTAMP, extra STRING/);
    engine.close();
  });
});
