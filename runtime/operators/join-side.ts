// One side of a stream–stream join: buffered rows in typed arrays addressed by reusable row ids, their columns in
// chunks, per-key lists for probing and per-chunk time orders for eviction.

import type * as arrow from 'apache-arrow';
import type { Schema } from '../../common/types.js';
import { IntBuf } from './int-buf.js';
import { gather, type Vec } from '../vec.js';
import type { KeyLanes } from './key-lanes.js';
import { gatherChunkColumn } from './chunk-gather.js';

/**
 * Rows' columns as they arrived (an input batch, restored state, or the survivors of compacted chunks). `order` lists
 * the chunk's row ids by event time (only when the join has a time range, i.e. evicts): eviction pops from its head,
 * so it costs the rows it evicts plus one look per chunk. Ids before `head` are gone; ids after it that no longer
 * belong to the chunk (deleted by a restored delta, then reused) are skipped.
 */
export interface Chunk {
  cols: Vec[];
  /** The same rows as the input's Arrow columns (of this side's types), while the chunk holds a whole input. */
  src: readonly arrow.Data[] | null;
  /** The rows' join keys as lanes (key-lanes.ts): what a scan compares. */
  lanes: Float64Array[];
  masks: Int32Array | null;
  /** No id after `head` in `order` is dead or moved, so `order` can be binary-searched by time. */
  clean: boolean;
  size: number;
  live: number;
  order: Int32Array | null;
  head: number;
  bytes: number;
}

/** Output positions at[k]..at[k + 1] take rows row[k].. of chunk chunk[k] (-1: NULLs); `count` runs. */
export interface Runs {
  readonly n: number;
  readonly count: number;
  readonly at: Int32Array;
  readonly chunk: Int32Array;
  readonly row: Int32Array;
}

export function vecBytes(cols: readonly Vec[]): number {
  let b = 0;
  for (const v of cols) {
    b += v.valid ? v.length : 0;
    if (v.kind === 'str') b += 4 * (v.length + 1) + (v.offsets[v.length]! - v.offsets[0]!);
    else b += v.values.BYTES_PER_ELEMENT * v.length;
  }
  return b;
}

/** Bytes the input's Arrow columns hold beyond the vectors (those converted, not viewed: integers, times). */
function srcBytes(cols: readonly Vec[], src: readonly arrow.Data[] | null): number {
  if (!src) return 0;
  let b = 0;
  src.forEach((d, i) => {
    const v = cols[i];
    const values = d.values as ArrayBufferView | undefined;
    // Strings and doubles are views of the same bytes; integers and times were converted.
    if (!values || !v || v.kind === 'str' || v.values.buffer === values.buffer) return;
    b += values.byteLength;
  });
  return b;
}

function lanesBytes(k: KeyLanes, n: number): number {
  return 8 * k.lanes.length * n + (k.masks ? 4 * n : 0);
}

function gatherLanes(c: Chunk, idx: Int32Array, m: number): KeyLanes {
  const lanes = c.lanes.map((l) => {
    const out = new Float64Array(m);
    for (let j = 0; j < m; j++) out[j] = l[idx[j]!]!;
    return out;
  });
  let masks: Int32Array | null = null;
  if (c.masks) {
    masks = new Int32Array(m);
    for (let j = 0; j < m; j++) masks[j] = c.masks[idx[j]!]!;
  }
  return { lanes, masks };
}

const growI32 = (a: Int32Array, cap: number, fill = 0): Int32Array<ArrayBuffer> => {
  const b = new Int32Array(cap);
  if (fill !== 0) b.fill(fill, a.length);
  b.set(a);
  return b;
};
const growU8 = (a: Uint8Array, cap: number): Uint8Array<ArrayBuffer> => {
  const b = new Uint8Array(cap);
  b.set(a);
  return b;
};

/**
 * Buffered rows of one side. A row id is a slot in the per-row typed arrays; ids of evicted rows are reused, but
 * only after the checkpoint delta recording their deletion was taken (`pending` until then), so within one delta an
 * id is added or deleted, never both. The id space is therefore bounded by the peak number of live rows.
 */
export class JoinSide {
  chunks: (Chunk | undefined)[] = [];
  private freeChunks: number[] = [];
  /** One past the highest id ever used. */
  high = 0;
  live = 0;
  private cap = 0;
  chunkOf = new Int32Array(0);
  rowOf = new Int32Array(0);
  time = new Float64Array(0);
  key = new Int32Array(0);
  /** Doubly linked list of the live rows of a key, in arrival order (-1 ends). */
  next = new Int32Array(0);
  prev = new Int32Array(0);
  alive = new Uint8Array(0);
  matched = new Uint8Array(0);
  /** Added since the last delta (its add op, written then, carries everything). */
  isNew = new Uint8Array(0);
  /** Per key id: first and last live row (-1: none). */
  head = new Int32Array(0);
  tail = new Int32Array(0);

  private readonly free = new IntBuf();
  /** Ids evicted since the last delta: reusable once the delta recording it was taken. */
  private readonly pending = new IntBuf();
  /** The free list must be rebuilt from `alive` (state was restored row by row at given ids). */
  private freeDirty = false;

  /** Since the last delta: ids added, newly matched (alive, not new), and the highest eviction limit (-Infinity: none). */
  readonly added = new IntBuf();
  readonly flagged = new IntBuf();
  limit = -Infinity;

  /**
   * Whether rows are linked into per-key lists (probed by key) or only kept in time order (probed by a scan of the
   * time range): the interval join indexes a side once scanning it costs more than indexing would.
   */
  indexed: boolean;

  constructor(readonly schema: Schema, readonly timeIndex: number, readonly keyWidth: number) {
    this.indexed = timeIndex < 0;
  }

  /** Bytes of the chunks' columns. */
  private chunkBytes = 0;

  /** Approximate bytes held: per-id and per-key arrays plus the chunks' columns. */
  bytes(): number {
    return this.cap * 31 + this.head.length * 8 + (this.free.a.length + this.pending.a.length) * 4 + this.chunkBytes;
  }

  ensureKeys(n: number): void {
    if (n <= this.head.length) return;
    const cap = Math.max(n, this.head.length * 2, 1024);
    this.head = growI32(this.head, cap, -1);
    this.tail = growI32(this.tail, cap, -1);
  }

  /** Room for `extra` more ids, so the per-row arrays stay put while a batch's rows are added. */
  reserve(extra: number): void {
    this.ensureIds(this.high + extra);
  }

  private ensureIds(n: number): void {
    if (n <= this.cap) return;
    const cap = Math.max(n, this.cap * 2, 1024);
    this.chunkOf = growI32(this.chunkOf, cap);
    this.rowOf = growI32(this.rowOf, cap);
    const t = new Float64Array(cap);
    t.set(this.time);
    this.time = t;
    this.key = growI32(this.key, cap);
    this.next = growI32(this.next, cap);
    this.prev = growI32(this.prev, cap);
    this.alive = growU8(this.alive, cap);
    this.matched = growU8(this.matched, cap);
    this.isNew = growU8(this.isNew, cap);
    this.cap = cap;
  }

  addChunk(cols: Vec[], size: number, keys: KeyLanes, src: readonly arrow.Data[] | null = null): number {
    const c: Chunk = { cols, src, lanes: keys.lanes, masks: keys.masks, clean: true, size, live: 0, order: null, head: 0, bytes: vecBytes(cols) + lanesBytes(keys, size) + srcBytes(cols, src) };
    this.chunkBytes += c.bytes;
    const i = this.freeChunks.length ? this.freeChunks.pop()! : this.chunks.length;
    this.chunks[i] = c;
    return i;
  }

  /** Keeps only rows `idx` of chunk `i`, in that order (the caller moves its rows' rowOf). */
  shrinkChunk(i: number, idx: Int32Array): void {
    const c = this.chunks[i]!;
    const m = idx.length;
    this.chunkBytes -= c.bytes;
    c.cols = c.cols.map((v) => gather(v, idx, m));
    const keys = gatherLanes(c, idx, m);
    c.lanes = keys.lanes;
    c.masks = keys.masks;
    c.src = null;
    c.size = m;
    c.bytes = vecBytes(c.cols) + lanesBytes(keys, m);
    this.chunkBytes += c.bytes;
  }

  dropChunk(i: number): void {
    this.chunkBytes -= this.chunks[i]!.bytes;
    this.chunks[i] = undefined;
    this.freeChunks.push(i);
  }

  /**
   * Moves the live rows of chunks `list` into one new chunk (their columns gathered), so a chunk whose rows mostly
   * went no longer holds the whole batch. Ids stay: only their (chunk, row) change, which checkpoints never see.
   */
  compact(list: readonly number[]): void {
    const parts = list.map((c) => this.liveIds(c));
    const total = parts.reduce((t, p) => t + p.length, 0);
    const ids = new Int32Array(total);
    let o = 0;
    for (const p of parts) { ids.set(p, o); o += p.length; }
    const cols = total ? this.gatherColumns(ids, total) : [];
    const keys = total ? this.gatherKeys(ids, total) : undefined;
    for (const c of list) this.dropChunk(c);
    if (!keys) return;
    const nc = this.addChunk(cols, total, keys);
    const ch = this.chunks[nc]!;
    ch.live = total;
    for (let j = 0; j < total; j++) {
      this.chunkOf[ids[j]!] = nc;
      this.rowOf[ids[j]!] = j;
    }
    ch.order = this.sortByTime(ids);
  }

  /** Empties every key's list (before the keys are renumbered; rows are relinked with `link`). */
  unlinkAll(): void {
    this.head.fill(-1);
    this.tail.fill(-1);
  }

  /** Ids were placed or freed directly (restoring): the free list is rebuilt before the next alloc. */
  invalidateFree(): void {
    this.freeDirty = true;
  }

  /** A fresh id for a new row (after reserve, the per-row arrays do not move). */
  alloc(): number {
    if (this.freeDirty) this.rebuildFree();
    if (this.free.n > 0) return this.free.a[--this.free.n]!;
    this.ensureIds(this.high + 1);
    return this.high++;
  }

  /** A new row from alloc() in chunk `chunk` (whose live count the caller raises), added since the last delta. */
  placeNew(id: number, chunk: number, row: number, time: number, key: number): void {
    this.chunkOf[id] = chunk;
    this.rowOf[id] = row;
    this.time[id] = time;
    this.alive[id] = 1;
    this.matched[id] = 0;
    this.isNew[id] = 1;
    this.link(id, key);
    this.added.push(id);
  }

  private rebuildFree(): void {
    this.freeDirty = false;
    this.free.clear();
    const mark = new Uint8Array(this.high);
    for (let i = 0; i < this.pending.n; i++) mark[this.pending.a[i]!] = 1;
    for (let id = this.high - 1; id >= 0; id--) if (!this.alive[id] && !mark[id]) this.free.push(id);
  }

  /** Puts a row at id `id` (from alloc, or a checkpointed id when restoring) and links it into its key's list. */
  place(id: number, chunk: number, row: number, time: number, key: number, matched: number): void {
    if (id >= this.high) {
      // Restoring at a given id: the ids skipped become free.
      this.ensureIds(id + 1);
      this.high = id + 1;
      this.freeDirty = true;
    }
    if (this.alive[id]) throw new Error(`interval join: row id ${id} is already in use`);
    this.chunkOf[id] = chunk;
    this.rowOf[id] = row;
    this.time[id] = time;
    this.alive[id] = 1;
    this.matched[id] = matched;
    this.isNew[id] = 0;
    this.link(id, key);
    this.live++;
    this.chunks[chunk]!.live++;
  }

  /** Sets a live row's key and appends it to that key's list. */
  link(id: number, key: number): void {
    this.key[id] = key;
    this.next[id] = -1;
    if (key >= 0) {
      const t = this.tail[key]!;
      this.prev[id] = t;
      if (t >= 0) this.next[t] = id;
      else this.head[key] = id;
      this.tail[key] = id;
    } else {
      this.prev[id] = -1;
    }
  }

  /** Unlinks a live row; with `pending` its id is reusable only after the next delta, else at once (restore). */
  kill(id: number, pending: boolean): void {
    this.alive[id] = 0;
    this.live--;
    this.chunks[this.chunkOf[id]!]!.live--;
    const k = this.key[id]!;
    if (k >= 0) {
      const p = this.prev[id]!;
      const n = this.next[id]!;
      if (p >= 0) this.next[p] = n;
      else this.head[k] = n;
      if (n >= 0) this.prev[n] = p;
      else this.tail[k] = p;
    }
    if (pending) this.pending.push(id);
    else this.freeDirty = true;
  }

  /** After the delta was taken: evicted ids become reusable, nothing is new any more. */
  endDelta(): void {
    for (let i = 0; i < this.added.n; i++) this.isNew[this.added.a[i]!] = 0;
    for (let i = 0; i < this.pending.n; i++) this.free.push(this.pending.a[i]!);
    this.pending.clear();
    this.added.clear();
    this.flagged.clear();
    this.limit = -Infinity;
  }

  /**
   * Ids of a chunk's rows in time order, when not already (rows mostly arrive in event-time order). Rows out of an
   * aggregation come in group order with few distinct times (window ends): those are counted into place, stably.
   */
  sortByTime(ids: Int32Array): Int32Array {
    const t = this.time;
    let i = 1;
    while (i < ids.length && t[ids[i]!]! >= t[ids[i - 1]!]!) i++;
    if (i >= ids.length) return ids;
    // Each row's rank among the distinct times; consecutive rows mostly share a time, so the map is seldom read.
    const n = ids.length;
    const rankOf = new Map<number, number>();
    const rank = new Int32Array(n);
    let last = NaN;
    let lastRank = -1;
    for (let j = 0; j < n; j++) {
      const v = t[ids[j]!]!;
      if (v !== last) {
        last = v;
        let r = rankOf.get(v);
        if (r === undefined) {
          if (rankOf.size === 64) return ids.sort((a, b) => t[a]! - t[b]!);
          rankOf.set(v, (r = rankOf.size));
        }
        lastRank = r;
      }
      rank[j] = lastRank;
    }
    const times = [...rankOf.keys()];
    const byTime = times.map((_, r) => r).sort((a, b) => times[a]! - times[b]!);
    const count = new Int32Array(times.length);
    for (let j = 0; j < n; j++) count[rank[j]!]!++;
    const start = new Int32Array(times.length);
    let at = 0;
    for (const r of byTime) {
      start[r] = at;
      at += count[r]!;
    }
    const out = new Int32Array(n);
    for (let j = 0; j < n; j++) out[start[rank[j]!]!++] = ids[j]!;
    return out;
  }

  /** The live ids of chunk `c` (from its time order when it has one, else by scanning ids). */
  liveIds(c: number): Int32Array {
    const ch = this.chunks[c]!;
    const out = new Int32Array(ch.live);
    let w = 0;
    if (ch.order) {
      for (let i = ch.head; i < ch.order.length; i++) {
        const id = ch.order[i]!;
        if (this.alive[id] && this.chunkOf[id] === c) out[w++] = id;
      }
    } else {
      for (let id = 0; id < this.high; id++) if (this.alive[id] && this.chunkOf[id] === c) out[w++] = id;
    }
    return out;
  }

  /**
   * Rows `ids[0..n)` (-1: NULL) as runs of consecutive rows of one chunk: added rows (checkpoint deltas) and the
   * survivors of a chunk come in long runs, copied as blocks; probe results are mostly runs of one.
   */
  runs(ids: Int32Array, n: number): Runs {
    const at = new Int32Array(n + 1);
    const chunk = new Int32Array(n);
    const row = new Int32Array(n);
    const chunkOf = this.chunkOf;
    const rowOf = this.rowOf;
    let k = 0;
    let i = 0;
    while (i < n) {
      const id = ids[i]!;
      let j = i + 1;
      let ch = -1;
      let r = 0;
      if (id < 0) {
        while (j < n && ids[j]! < 0) j++;
      } else {
        ch = chunkOf[id]!;
        r = rowOf[id]!;
        for (; j < n; j++) {
          const x = ids[j]!;
          if (x < 0 || chunkOf[x] !== ch || rowOf[x] !== r + (j - i)) break;
        }
      }
      at[k] = i;
      chunk[k] = ch;
      row[k] = r;
      k++;
      i = j;
    }
    at[k] = n;
    return { n, count: k, at, chunk, row };
  }

  /** Column `c` of the rows of `runs`, from their chunks: numbers and booleans by value, strings as UTF-8 bytes. */
  gatherColumn(c: number, runs: Runs): Vec {
    return gatherChunkColumn(this.chunks, this.schema[c]!.type, c, runs);
  }

  /** The key lanes of live rows `ids`. */
  private gatherKeys(ids: Int32Array, n: number): KeyLanes {
    const width = this.keyWidth;
    const lanes = Array.from({ length: width }, () => new Float64Array(n));
    let masks: Int32Array | null = null;
    for (let j = 0; j < n; j++) {
      const id = ids[j]!;
      const ch = this.chunks[this.chunkOf[id]!]!;
      const r = this.rowOf[id]!;
      for (let l = 0; l < width; l++) lanes[l]![j] = ch.lanes[l]![r]!;
      if (ch.masks && ch.masks[r]) (masks ??= new Int32Array(n))[j] = ch.masks[r]!;
    }
    return { lanes, masks };
  }

  gatherColumns(ids: Int32Array, n: number): Vec[] {
    const runs = this.runs(ids, n);
    return this.schema.map((_, c) => this.gatherColumn(c, runs));
  }
}
