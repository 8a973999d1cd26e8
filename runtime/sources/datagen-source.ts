// The datagen source: a deterministic generator whose offsets are row numbers, so any range replays exactly.

import type * as arrow from 'apache-arrow';
import { TidemarkError } from '../../common/errors.js';
import { parseDuration, tryParseTimestamp } from '../../common/time.js';
import type { DataType, Schema } from '../../common/types.js';
import { StrBuilder } from '../kernels/utf8.js';
import { batchFromVecs, type Vec } from '../vec.js';
import type { StreamSource } from './source.js';

type Options = Readonly<Record<string, string | number | boolean>>;

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
  gen(start: number, n: number, col: number): Vec;
}

export class DatagenSource implements StreamSource {
  readonly maxRowsPerBatch: number | undefined;
  readonly startAtLatest = false;
  private readonly rows: number;
  private readonly seed: number;
  private readonly gens: ColumnGen[];

  constructor(readonly name: string, readonly schema: Schema, options: Options) {
    const num = (k: string, d: number): number => {
      const v = options[k];
      if (v === undefined) return d;
      const x = Number(v);
      if (!Number.isFinite(x)) throw new TidemarkError('INVALID_OPTION', `Option '${k}' of source '${name}' must be a number, got '${String(v)}'.`);
      return x;
    };
    this.rows = num('rows', 1000);
    this.seed = num('seed', 1) | 0;
    this.maxRowsPerBatch = num('rows_per_batch', 10_000);
    const startText = String(options['start'] ?? '2024-01-01 00:00:00');
    const base = tryParseTimestamp(startText);
    if (base === undefined) throw new TidemarkError('INVALID_OPTION', `Option 'start' of source '${name}' is not a timestamp: '${startText}'.`);
    const step = parseDuration(String(options['step'] ?? '1 second'));
    const disorder = parseDuration(String(options['max_out_of_order'] ?? '0 seconds'));
    const seed = this.seed;
    // Jitter in whole milliseconds keeps generated times readable.
    const disorderMs = Math.floor(disorder / 1000);
    this.gens = schema.map((f) => {
      const opt = (k: string): string | number | boolean | undefined => options[`fields.${f.name}.${k}`];
      const min = Number(opt('min') ?? 0);
      const max = Number(opt('max') ?? (f.type === 'DOUBLE' ? 100 : 1000));
      const choices = opt('values') !== undefined ? String(opt('values')).split(',').map((s) => s.trim()) : undefined;
      const nullRate = Number(opt('null_rate') ?? 0);
      return {
        type: f.type,
        gen: (start: number, n: number, col: number): Vec => {
          const valid = nullRate > 0 ? new Uint8Array(n) : null;
          if (valid) for (let i = 0; i < n; i++) valid[i] = mix(seed + 7, start + i, col) / 4294967296 < nullRate ? 0 : 1;
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
              case 'TIMESTAMP': values[i] = base + row * step - (disorderMs > 0 ? (h % (disorderMs + 1)) * 1000 : 0); break;
              case 'DOUBLE': values[i] = min + (h / 4294967296) * (max - min); break;
              default: values[i] = min + (h % (max - min + 1));
            }
          }
          return { kind: 'f64', length: n, values, valid };
        },
      };
    });
  }

  latestOffset(): number {
    return this.rows;
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
