// Hand-written baselines of the Nexmark queries over persons and auctions (q3, q8) and of user sessions (q11).

import type * as arrow from 'apache-arrow';
import { Checksummer } from './checksum.js';
import { int64Words, utf8Column, type Dataset, type JoinTables } from './dataset.js';
import { TWO_32, SECOND, type BaselineRun, type BidColumns, FULL, floorTo, i64, Chunks, timed, Groups, NumCol, Watermarked, grow, StrOut } from './baseline-kit.js';

// ---------------------------------------------------------------------------------------------------------------
// q11: SELECT bidder, count(*) AS bids, window.start AS starttime, window.end AS endtime FROM bid
//      GROUP BY session_window(date_time, '10 seconds'), bidder WATERMARK date_time 4 seconds EMIT APPEND
// Per bidder, its open session (start, last row's time, count) in a hash; a row beyond the session's end (last +
// gap) parks the session until the watermark closes it and opens a new one; a row within [start - gap, end) extends
// it. Rows arrive in time order per bidder up to less than a gap (true of Nexmark's, which are fully ordered); a
// row further back would need a list of sessions per bidder, and the loop refuses it rather than be wrong.

const BIDDER_START = 2;
const BIDDER_LAST = 3;
const BIDDER_COUNT = 4;

class UserSessions extends Watermarked {
  private readonly gap = 10 * SECOND;
  /** Per bidder: bidder, 0, start, last row's time, count (0: no open session). */
  private readonly open = new Groups(5, 4096);
  /** Sessions a later row of their bidder did not touch, waiting for the watermark: bidder, start, last, count. */
  private pending: number[] = [];
  readonly bidder = new NumCol();
  readonly bids = new NumCol();
  readonly start = new NumCol();
  readonly end = new NumCol();
  dropped = 0;

  constructor(private readonly cols: BidColumns) {
    super(4 * SECOND);
  }

  protected fold(b: arrow.RecordBatch): void {
    const tw = int64Words(b, this.cols.dateTime);
    const bw = int64Words(b, this.cols.bidder);
    const { gap, open } = this;
    const now = this.watermark;
    let maxT = this.maxEventTime;
    for (let r = 0, n = b.numRows; r < n; r++) {
      const t = i64(tw, r);
      if (t > maxT) maxT = t;
      // Late: the row's own session [t, t + gap) has closed.
      if (t + gap <= now) {
        this.dropped++;
        continue;
      }
      const bidder = i64(bw, r);
      const o = open.find(bidder, 0, 0);
      const c = open.cols;
      const count = c[o + BIDDER_COUNT]!;
      if (count === 0) {
        c[o + BIDDER_START] = t;
        c[o + BIDDER_LAST] = t;
        c[o + BIDDER_COUNT] = 1;
      } else if (t > c[o + BIDDER_LAST]! + gap) {
        this.pending.push(bidder, c[o + BIDDER_START]!, c[o + BIDDER_LAST]!, count);
        c[o + BIDDER_START] = t;
        c[o + BIDDER_LAST] = t;
        c[o + BIDDER_COUNT] = 1;
      } else if (t >= c[o + BIDDER_START]!) {
        if (t > c[o + BIDDER_LAST]!) c[o + BIDDER_LAST] = t;
        c[o + BIDDER_COUNT] = count + 1;
      } else {
        this.extendBack(bidder, t, o);
      }
    }
    this.maxEventTime = maxT;
  }

  /** A row before its bidder's open session: it must touch that session and no parked one. */
  private extendBack(bidder: number, t: number, o: number): void {
    const c = this.open.cols;
    let bridges = t + this.gap < c[o + BIDDER_START]!;
    for (let i = 0; !bridges && i < this.pending.length; i += 4) bridges = this.pending[i] === bidder && this.pending[i + 2]! + this.gap >= t;
    if (bridges) throw new Error(`q11 hand-written loop: bidder ${bidder} has a row at ${t} more than a gap before its open session; rows out of order by more than a gap are not supported`);
    c[o + BIDDER_START] = t;
    c[o + BIDDER_COUNT]!++;
  }

  private out(bidder: number, start: number, last: number, count: number): void {
    this.bidder.push(bidder);
    this.bids.push(count);
    this.start.push(start);
    this.end.push(last + this.gap);
  }

  protected emit(watermark: number): void {
    const { gap, open } = this;
    if (this.pending.length) {
      const keep: number[] = [];
      const p = this.pending;
      for (let i = 0; i < p.length; i += 4) {
        if (p[i + 2]! + gap <= watermark) this.out(p[i]!, p[i + 1]!, p[i + 2]!, p[i + 3]!);
        else keep.push(p[i]!, p[i + 1]!, p[i + 2]!, p[i + 3]!);
      }
      this.pending = keep;
    }
    open.retain((o) => {
      const c = open.cols;
      if (c[o + BIDDER_LAST]! + gap > watermark) return true;
      this.out(c[o]!, c[o + BIDDER_START]!, c[o + BIDDER_LAST]!, c[o + BIDDER_COUNT]!);
      return false;
    });
  }

  protected groups(): number {
    return this.open.size + this.pending.length / 4;
  }
}

export function userSessions(data: Dataset): BaselineRun {
  return timed(() => {
    const q = new UserSessions(FULL);
    for (const group of data.microBatches) q.batch(group);
    q.finish();
    const cols = [q.bidder.view(), q.bids.view(), q.start.view(), q.end.view()];
    const rows = q.bidder.length;
    return {
      emittedRows: rows,
      checksum: () => {
        const c = new Checksummer(['BIGINT', 'BIGINT', 'TIMESTAMP', 'TIMESTAMP']);
        c.add(cols, rows);
        return c.result();
      },
      peakGroups: q.peakGroups,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// q3: SELECT p.name, p.city, p.state, a.id FROM auction a JOIN person p ON a.seller = p.id
//     WHERE a.category = 10 AND (p.state = 'OR' OR p.state = 'ID' OR p.state = 'CA')
// A symmetric hash join over the two streams, micro-batch by micro-batch, filters applied before the join: a
// batch's persons (of the three states) are hashed by id and probe the auctions (of category 10) kept from earlier
// batches; then its auctions probe every person kept so far and are kept, hashed by seller. Each matching pair is
// emitted once, in the batch where its second row arrives. Persons are kept as (batch, row) references into their
// Arrow batches; the output's strings are copied into fresh UTF-8 columns.

/** An open-addressing hash from integer keys to chains of items (ids 0, 1, ... in insertion order). */
class Chains {
  private keys = new Float64Array(0);
  /** Per slot: the chain's first item + 1 (0: empty slot). */
  private heads = new Int32Array(0);
  private mask = 0;
  private used = 0;
  /** Per item: the next item of its chain + 1 (0: end). */
  next = new Int32Array(1024);
  items = 0;

  constructor(slots: number) {
    this.rehash(slots);
  }

  private static hash(k: number): number {
    const h = Math.imul((k >>> 0) ^ Math.imul((k / TWO_32) >>> 0, 0x27d4eb2f), 0x85ebca6b);
    return h ^ (h >>> 15);
  }

  private slot(k: number): number {
    let i = Chains.hash(k) & this.mask;
    while (this.heads[i] !== 0 && this.keys[i] !== k) i = (i + 1) & this.mask;
    return i;
  }

  private rehash(slots: number): void {
    const { keys, heads } = this;
    this.keys = new Float64Array(slots);
    this.heads = new Int32Array(slots);
    this.mask = slots - 1;
    for (let i = 0; i < heads.length; i++) {
      if (heads[i] === 0) continue;
      const j = this.slot(keys[i]!);
      this.keys[j] = keys[i]!;
      this.heads[j] = heads[i]!;
    }
  }

  /** Adds a new item under key k; returns its id. */
  add(k: number): number {
    if (2 * (this.used + 1) > this.heads.length) this.rehash(2 * this.heads.length);
    const item = this.items++;
    if (item === this.next.length) {
      const next = new Int32Array(2 * item);
      next.set(this.next);
      this.next = next;
    }
    const i = this.slot(k);
    if (this.heads[i] === 0) {
      this.keys[i] = k;
      this.used++;
    }
    this.next[item] = this.heads[i]!;
    this.heads[i] = item + 1;
    return item;
  }

  /** The first item under key k + 1 (0: none); follow `next`. */
  first(k: number): number {
    return this.heads[this.slot(k)]!;
  }
}



interface Utf8 {
  readonly offsets: Int32Array;
  readonly bytes: Uint8Array;
}

const PERSON = { id: 0, name: 1, city: 2, state: 3 };
const AUCTION = { id: 0, seller: 1, category: 2 };
const [O, R, I, D, C, A] = [...'ORIDCA'].map((ch) => ch.charCodeAt(0));

/** state is 'OR', 'ID' or 'CA'. */
function localState(s: Utf8, r: number): boolean {
  const at = s.offsets[r]!;
  if (s.offsets[r + 1]! - at !== 2) return false;
  const a = s.bytes[at]!;
  const b = s.bytes[at + 1]!;
  return (a === O && b === R) || (a === I && b === D) || (a === C && b === A);
}

class LocalItemSuggestion {
  /** Kept persons, hashed by id: the Arrow batch (index into `batches`) and row of each. */
  private readonly persons = new Chains(4096);
  private personBatch = new Int32Array(1024);
  private personRow = new Int32Array(1024);
  private readonly batches: { name: Utf8; city: Utf8; state: Utf8 }[] = [];
  /** Kept auctions, hashed by seller: their ids. */
  private readonly auctions = new Chains(4096);
  private auctionId = new Float64Array(1024);
  readonly out = new Chunks();
  private name = new StrOut();
  private city = new StrOut();
  private state = new StrOut();
  private ids = new NumCol();

  private emit(person: number, auction: number): void {
    const p = this.batches[this.personBatch[person]!]!;
    const r = this.personRow[person]!;
    this.name.push(p.name.bytes, p.name.offsets[r]!, p.name.offsets[r + 1]!);
    this.city.push(p.city.bytes, p.city.offsets[r]!, p.city.offsets[r + 1]!);
    this.state.push(p.state.bytes, p.state.offsets[r]!, p.state.offsets[r + 1]!);
    this.ids.push(auction);
  }

  private addPersons(b: arrow.RecordBatch): void {
    const k = this.batches.length;
    const cols = { name: utf8Column(b, PERSON.name), city: utf8Column(b, PERSON.city), state: utf8Column(b, PERSON.state) };
    this.batches.push(cols);
    const iw = int64Words(b, PERSON.id);
    const { persons, auctions } = this;
    for (let r = 0, n = b.numRows; r < n; r++) {
      if (!localState(cols.state, r)) continue;
      const id = i64(iw, r);
      const item = persons.add(id);
      this.personBatch = grow(this.personBatch, item);
      this.personRow = grow(this.personRow, item);
      this.personBatch[item] = k;
      this.personRow[item] = r;
      for (let a = auctions.first(id); a !== 0; a = auctions.next[a - 1]!) this.emit(item, this.auctionId[a - 1]!);
    }
  }

  private addAuctions(b: arrow.RecordBatch): void {
    const iw = int64Words(b, AUCTION.id);
    const sw = int64Words(b, AUCTION.seller);
    const cw = int64Words(b, AUCTION.category);
    const { persons, auctions } = this;
    for (let r = 0, n = b.numRows; r < n; r++) {
      if (cw[2 * r] !== 10 || cw[2 * r + 1] !== 0) continue;
      const seller = i64(sw, r);
      const id = i64(iw, r);
      for (let p = persons.first(seller); p !== 0; p = persons.next[p - 1]!) this.emit(p - 1, id);
      const item = auctions.add(seller);
      this.auctionId = grow(this.auctionId, item);
      this.auctionId[item] = id;
    }
  }

  batch(persons: readonly arrow.RecordBatch[], auctions: readonly arrow.RecordBatch[]): void {
    for (const b of persons) this.addPersons(b);
    for (const b of auctions) this.addAuctions(b);
    this.out.push([this.name.view(), this.city.view(), this.state.view(), this.ids.view()], this.ids.length);
    this.name = new StrOut();
    this.city = new StrOut();
    this.state = new StrOut();
    this.ids = new NumCol();
  }

  get kept(): number {
    return this.persons.items + this.auctions.items;
  }
}

export function localItemSuggestion(data: Dataset): BaselineRun {
  const t: JoinTables | undefined = data.tables;
  if (!t) throw new Error('q3 needs the person and auction tables (generateTables)');
  return timed(() => {
    const q = new LocalItemSuggestion();
    const n = Math.max(t.person.microBatches.length, t.auction.microBatches.length);
    for (let k = 0; k < n; k++) q.batch(t.person.microBatches[k] ?? [], t.auction.microBatches[k] ?? []);
    return { emittedRows: q.out.rows, checksum: () => q.out.checksum(['STRING', 'STRING', 'STRING', 'BIGINT']), peakGroups: q.kept };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// q8: SELECT p.id, p.name, p.starttime
//     FROM (SELECT id, name, window.start AS starttime, window.end AS endtime FROM person
//           GROUP BY window(date_time, '10 seconds'), id, name) p
//     JOIN (SELECT seller, window.start AS starttime, window.end AS endtime FROM auction
//           GROUP BY window(date_time, '10 seconds'), seller) a
//     ON p.id = a.seller AND p.endtime = a.endtime AND p.starttime = a.starttime
// Per open window, its persons (id -> batch, row) and its distinct sellers, each in a hash; when the window closes,
// its persons found among its sellers are the result. The watermark is the smaller of the two inputs' (max event
// time - delay), none until both have rows. Persons are keyed by id alone: the generator creates each person once, so
// (id, name) groups are ids.

const PERSON_DATE_TIME = 4;
const AUCTION_DATE_TIME = 3;

interface UserWindow {
  /** id, 0, person batch index, row. */
  readonly persons: Groups;
  /** seller, 0. */
  readonly sellers: Groups;
}

class NewUsers {
  private readonly size = 10 * SECOND;
  private readonly delay = 4 * SECOND;
  private watermark = -Infinity;
  private maxPerson = -Infinity;
  private maxAuction = -Infinity;
  private moved = false;
  private readonly open = new Map<number, UserWindow>();
  private readonly personBatches: Utf8[] = [];
  readonly id = new NumCol();
  readonly name = new StrOut();
  readonly start = new NumCol();
  peakGroups = 0;

  private window(start: number): UserWindow {
    let w = this.open.get(start);
    if (!w) this.open.set(start, (w = { persons: new Groups(4, 256), sellers: new Groups(2, 1024) }));
    return w;
  }

  private addPersons(b: arrow.RecordBatch): void {
    const k = this.personBatches.push(utf8Column(b, PERSON.name)) - 1;
    const tw = int64Words(b, PERSON_DATE_TIME);
    const iw = int64Words(b, PERSON.id);
    const { size } = this;
    const now = this.watermark;
    let maxT = this.maxPerson;
    let start = NaN;
    let end = NaN;
    let w: UserWindow | undefined;
    for (let r = 0, n = b.numRows; r < n; r++) {
      const t = i64(tw, r);
      if (t > maxT) maxT = t;
      if (!(t >= start && t < end)) {
        start = floorTo(t, size);
        end = start + size;
        w = end <= now ? undefined : this.window(start);
      }
      if (!w) continue;
      const o = w.persons.find(i64(iw, r), 0, 0);
      w.persons.cols[o + 2] = k;
      w.persons.cols[o + 3] = r;
    }
    this.maxPerson = maxT;
  }

  private addAuctions(b: arrow.RecordBatch): void {
    const tw = int64Words(b, AUCTION_DATE_TIME);
    const sw = int64Words(b, AUCTION.seller);
    const { size } = this;
    const now = this.watermark;
    let maxT = this.maxAuction;
    let start = NaN;
    let end = NaN;
    let w: UserWindow | undefined;
    for (let r = 0, n = b.numRows; r < n; r++) {
      const t = i64(tw, r);
      if (t > maxT) maxT = t;
      if (!(t >= start && t < end)) {
        start = floorTo(t, size);
        end = start + size;
        w = end <= now ? undefined : this.window(start);
      }
      if (w) w.sellers.find(i64(sw, r), 0, 0);
    }
    this.maxAuction = maxT;
  }

  private emit(watermark: number): void {
    for (const [start, w] of this.open) {
      if (start + this.size > watermark) continue;
      const pc = w.persons.cols;
      for (let g = 0; g < w.persons.size; g++) {
        const id = pc[4 * g]!;
        if (w.sellers.lookup(id, 0) < 0) continue;
        const name = this.personBatches[pc[4 * g + 2]!]!;
        const r = pc[4 * g + 3]!;
        this.id.push(id);
        this.name.push(name.bytes, name.offsets[r]!, name.offsets[r + 1]!);
        this.start.push(start);
      }
      this.open.delete(start);
    }
  }

  batch(persons: readonly arrow.RecordBatch[], auctions: readonly arrow.RecordBatch[]): void {
    for (const b of persons) this.addPersons(b);
    for (const b of auctions) this.addAuctions(b);
    this.emit(this.watermark);
    let groups = 0;
    for (const w of this.open.values()) groups += w.persons.size + w.sellers.size;
    this.peakGroups = Math.max(this.peakGroups, groups);
    const next = Math.min(this.maxPerson, this.maxAuction) - this.delay;
    this.moved = next > this.watermark;
    if (this.moved) this.watermark = next;
  }

  finish(): void {
    if (this.moved) this.emit(this.watermark);
  }
}

export function newUsers(data: Dataset): BaselineRun {
  const t: JoinTables | undefined = data.tables;
  if (!t) throw new Error('q8 needs the person and auction tables (generateTables)');
  return timed(() => {
    const q = new NewUsers();
    const n = Math.max(t.person.microBatches.length, t.auction.microBatches.length);
    for (let k = 0; k < n; k++) q.batch(t.person.microBatches[k] ?? [], t.auction.microBatches[k] ?? []);
    q.finish();
    const cols = [q.id.view(), q.name.view(), q.start.view()];
    const rows = q.id.length;
    return {
      emittedRows: rows,
      checksum: () => {
        const c = new Checksummer(['BIGINT', 'STRING', 'TIMESTAMP']);
        c.add(cols, rows);
        return c.result();
      },
      peakGroups: q.peakGroups,
    };
  });
}
