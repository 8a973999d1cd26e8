// The datagen source: a deterministic generator whose offsets are row numbers, so any range replays exactly.

import type * as arrow from 'apache-arrow';
import { TidemarkError } from '../../common/errors.js';
import { MICROS_PER_SECOND, parseDuration, tryParseTimestamp } from '../../common/time.js';
import type { DataType, Schema } from '../../common/types.js';
import { StrBuilder } from '../kernels/utf8.js';
import { batchFromVecs, type Vec } from '../vec.js';
import type { StreamSource } from './source.js';

type Options = Readonly<Record<string, string | number | boolean>>;

/** Rows a generator holds when neither `rows`, a sequence's end nor `rows_per_second` bounds or paces it. */
const DEFAULT_ROWS = 1000;

/** 32-bit avalanche hash of (seed, row, column): the same inputs always give the same value. */
function mix(seed: number, row: number, col: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(row | 0, 0xc2b2ae35) ^ Math.imul(Math.floor(row / 4294967296), 0x27d4eb2f) ^ Math.imul(col + 1, 0x165667b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

interface ColumnGen {
  readonly type: DataType;
  /** Rows this column can produce (a sequence's length), or Infinity. */
  readonly rows: number;
  gen(start: number, n: number, col: number): Vec;
}

/** Values of a sequence column: `start + row` while it lasts (Flink's `fields.<col>.kind = 'sequence'`). */
interface Sequence {
  readonly start: number;
  readonly end: number;
}

const INT_RANGE: readonly [number, number] = [-(2 ** 31), 2 ** 31 - 1];
const SAFE_RANGE: readonly [number, number] = [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];

/**
 * Every value is a pure function of (seed, row number, column), so a restarted query re-reads exactly what it read
 * before. With `rows_per_second` the offsets the source offers grow with the time since it was created (its `clock`,
 * in milliseconds), but which values the rows hold does not depend on when they are read.
 */
export class DatagenSource implements StreamSource {
  readonly maxRowsPerBatch: number | undefined;
  readonly startAtLatest = false;
  /** Rows the generator holds (Infinity when only `rows_per_second` paces it). */
  readonly rows: number;
  private readonly seed: number;
  private readonly rowsPerSecond: number | undefined;
  private createdAt: number;
  /** Rows available however little time has passed: where a restored query stood (resumeFrom). */
  private resumedAt = 0;
  private readonly gens: ColumnGen[];

  constructor(readonly name: string, readonly schema: Schema, options: Options, private readonly clock: () => number = () => performance.now()) {
    const bad = (k: string, msg: string): TidemarkError => new TidemarkError('INVALID_OPTION', `Option '${k}' of source '${name}' ${msg}`);
    const num = (k: string, d: number): number => {
      const v = options[k];
      if (v === undefined) return d;
      const x = Number(v);
      if (!Number.isFinite(x)) throw bad(k, `must be a number, got '${String(v)}'.`);
      return x;
    };
    const positive = (k: string): number | undefined => {
      if (options[k] === undefined) return undefined;
      const x = num(k, 0);
      if (!(x > 0)) throw bad(k, `must be greater than 0, got '${String(options[k])}'.`);
      return x;
    };
    this.seed = num('seed', 1) | 0;
    this.maxRowsPerBatch = num('rows_per_batch', 10_000);
    this.rowsPerSecond = positive('rows_per_second');
    this.createdAt = clock();
    const startText = String(options['start'] ?? '2024-01-01 00:00:00');
    const base = tryParseTimestamp(startText);
    if (base === undefined) throw bad('start', `is not a timestamp: '${startText}'.`);
    // Event time advances `step` per row, or one second every `events_per_second` rows (by default, with
    // rows_per_second, as fast as rows arrive): row r's time is start + floor(r * 1 s / rate), exact in microseconds.
    const eventsPerSecond = positive('events_per_second');
    if (eventsPerSecond !== undefined && options['step'] !== undefined) {
      throw bad('events_per_second', `and 'step' say the same thing (step = 1 second / events_per_second): give one of them.`);
    }
    const rate = eventsPerSecond ?? (options['step'] === undefined ? this.rowsPerSecond : undefined);
    const step = parseDuration(String(options['step'] ?? '1 second'));
    const eventTime = rate === undefined ? (row: number): number => base + row * step : (row: number): number => base + Math.floor((row * MICROS_PER_SECOND) / rate);
    const disorder = parseDuration(String(options['max_out_of_order'] ?? '0 seconds'));
    // Jitter in whole milliseconds keeps generated times readable.
    const disorderMs = Math.floor(disorder / 1000);

    const columns = new Set(schema.map((f) => f.name.toLowerCase()));
    for (const k of Object.keys(options)) {
      const m = /^fields\.(.+)\.[^.]+$/.exec(k);
      if (m && !columns.has(m[1]!.toLowerCase())) throw bad(k, `names no column of the source; its columns are ${schema.map((f) => f.name).join(', ')}.`);
    }
    const seed = this.seed;
    this.gens = schema.map((f) => {
      const key = (k: string): string => `fields.${f.name.toLowerCase()}.${k}`;
      const opt = (k: string): string | number | boolean | undefined => options[key(k)];
      const kind = String(opt('kind') ?? 'random').toLowerCase();
      if (kind !== 'random' && kind !== 'sequence') throw bad(key('kind'), `must be 'random' or 'sequence', got '${String(opt('kind'))}'.`);
      const only = (k: string, of: string): void => {
        if (opt(k) !== undefined) throw bad(key(k), `applies to ${of} columns; column '${f.name}' is ${kind === 'random' ? `random (set ${key('kind')} = 'sequence')` : 'a sequence'}.`);
      };
      const nullRate = Number(opt('null_rate') ?? 0);
      const nulls = (start: number, n: number, col: number): Uint8Array | null => {
        if (!(nullRate > 0)) return null;
        const valid = new Uint8Array(n);
        for (let i = 0; i < n; i++) valid[i] = mix(seed + 7, start + i, col) / 4294967296 < nullRate ? 0 : 1;
        return valid;
      };
      if (kind === 'sequence') {
        for (const k of ['min', 'max', 'values']) only(k, 'random');
        return sequenceGen(f.type, sequenceOf(f.type, key, opt, bad), nulls);
      }
      for (const k of ['start', 'end']) only(k, 'sequence');
      const min = Number(opt('min') ?? 0);
      const max = Number(opt('max') ?? (f.type === 'DOUBLE' ? 100 : 1000));
      const choices = opt('values') !== undefined ? String(opt('values')).split(',').map((s) => s.trim()) : undefined;
      return {
        type: f.type,
        rows: Infinity,
        gen: (start: number, n: number, col: number): Vec => {
          const valid = nulls(start, n, col);
          if (f.type === 'STRING') {
            const b = new StrBuilder(n);
            for (let i = 0; i < n; i++) {
              if (valid && !valid[i]) { b.pushNull(); continue; }
              const h = mix(seed, start + i, col);
              b.push(choices ? choices[h % choices.length]! : `${f.name}_${h % Math.max(1, max - min + 1) + min}`);
            }
            return b.finish();
          }
          if (f.type === 'BOOLEAN') {
            const values = new Uint8Array(n);
            for (let i = 0; i < n; i++) values[i] = mix(seed, start + i, col) & 1;
            return { kind: 'bool', length: n, values, valid };
          }
          const values = new Float64Array(n);
          for (let i = 0; i < n; i++) {
            const h = mix(seed, start + i, col);
            const row = start + i;
            switch (f.type) {
              case 'TIMESTAMP': values[i] = eventTime(row) - (disorderMs > 0 ? (h % (disorderMs + 1)) * 1000 : 0); break;
              case 'DOUBLE': values[i] = min + (h / 4294967296) * (max - min); break;
              default: values[i] = min + (h % (max - min + 1));
            }
          }
          return { kind: 'f64', length: n, values, valid };
        },
      };
    });
    // Bounded by `rows` and by the shortest sequence, as Flink's datagen ends when a sequence is exhausted.
    const sequenceRows = Math.min(...this.gens.map((g) => g.rows));
    const rows = options['rows'] === undefined ? undefined : num('rows', 0);
    this.rows = Math.min(rows ?? (Number.isFinite(sequenceRows) || this.rowsPerSecond !== undefined ? Infinity : DEFAULT_ROWS), sequenceRows);
  }

  /** Rows available now: all of them, or with `rows_per_second` those the time since creation has paced out. */
  latestOffset(): number {
    if (this.rowsPerSecond === undefined) return this.rows;
    const elapsedMs = Math.max(0, this.clock() - this.createdAt);
    return Math.min(this.rows, Math.max(this.resumedAt, Math.floor((elapsedMs * this.rowsPerSecond) / 1000)));
  }

  /**
   * Paces on from `offset`. The source is shared: another query on it then also has every row up to there at once
   * (a burst, as when it was created late), and none it had is taken back.
   */
  resumeFrom(offset: number): void {
    if (this.rowsPerSecond === undefined) return;
    const at = Math.min(offset, this.rows);
    this.createdAt = Math.min(this.createdAt, this.clock() - (at * 1000) / this.rowsPerSecond);
    // Rounding must not leave the row before `offset` unavailable.
    this.resumedAt = Math.max(this.resumedAt, at);
  }

  read(start: number, end: number): arrow.RecordBatch[] {
    const out: arrow.RecordBatch[] = [];
    const chunk = 65_536;
    for (let s = start; s < end; s += chunk) {
      const n = Math.min(chunk, end - s);
      out.push(batchFromVecs(this.schema, this.gens.map((g, c) => g.gen(s, n, c)), n));
    }
    return out;
  }
}

type Bad = (k: string, msg: string) => TidemarkError;

/** A sequence column's start (default 0) and end (required), integers within what its type holds exactly. */
function sequenceOf(type: DataType, key: (k: string) => string, opt: (k: string) => string | number | boolean | undefined, bad: Bad): Sequence {
  if (type === 'TIMESTAMP' || type === 'BOOLEAN') {
    const why = type === 'TIMESTAMP' ? 'TIMESTAMP columns advance with start and step (or events_per_second)' : 'BOOLEAN columns are random';
    throw bad(key('kind'), `can be 'sequence' only for BIGINT, INT, DOUBLE or STRING columns; ${why}.`);
  }
  const [lo, hi] = type === 'INT' ? INT_RANGE : SAFE_RANGE;
  const int = (k: string, d: number | undefined): number => {
    const v = opt(k);
    if (v === undefined) {
      if (d === undefined) throw bad(key(k), `is required for a sequence column: its values are start, start + 1, ..., end.`);
      return d;
    }
    const x = Number(v);
    if (!Number.isSafeInteger(x) || x < lo || x > hi) throw bad(key(k), `must be an integer from ${lo} to ${hi}, got '${String(v)}'.`);
    return x;
  };
  const start = int('start', 0);
  const end = int('end', undefined);
  if (end < start) throw bad(key('end'), `must be at least ${key('start')} (${start}), got '${end}'.`);
  return { start, end };
}

function sequenceGen(type: DataType, seq: Sequence, nulls: (start: number, n: number, col: number) => Uint8Array | null): ColumnGen {
  return {
    type,
    rows: seq.end - seq.start + 1,
    gen: (start: number, n: number, col: number): Vec => {
      const valid = nulls(start, n, col);
      if (type === 'STRING') {
        const b = new StrBuilder(n);
        for (let i = 0; i < n; i++) {
          if (valid && !valid[i]) b.pushNull();
          else b.push(String(seq.start + start + i));
        }
        return b.finish();
      }
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = seq.start + start + i;
      return { kind: 'f64', length: n, values, valid };
    },
  };
}
