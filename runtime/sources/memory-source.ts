// The memory source: rows appended by INSERT INTO, kept for the life of the engine, read by offset ranges.

import type * as arrow from 'apache-arrow';
import type { Schema } from '../../common/types.js';
import { column, batchFromVecs, gather } from '../vec.js';
import type { StreamSource } from './source.js';

export class MemorySource implements StreamSource {
  private readonly batches: arrow.RecordBatch[] = [];
  private readonly starts: number[] = [];
  private total = 0;

  constructor(readonly name: string, readonly schema: Schema, readonly maxRowsPerBatch: number | undefined, readonly startAtLatest: boolean) {}

  append(batch: arrow.RecordBatch): void {
    if (batch.numRows === 0) return;
    this.starts.push(this.total);
    this.batches.push(batch);
    this.total += batch.numRows;
  }

  latestOffset(): number {
    return this.total;
  }

  read(start: number, end: number): arrow.RecordBatch[] {
    const out: arrow.RecordBatch[] = [];
    for (let i = 0; i < this.batches.length; i++) {
      const b = this.batches[i]!;
      const s = this.starts[i]!;
      const e = s + b.numRows;
      if (e <= start || s >= end) continue;
      const from = Math.max(start, s) - s;
      const to = Math.min(end, e) - s;
      if (from === 0 && to === b.numRows) {
        out.push(b);
      } else {
        const idx = Int32Array.from({ length: to - from }, (_, k) => from + k);
        out.push(batchFromVecs(this.schema, this.schema.map((f, c) => gather(column(b, c, f.type), idx, idx.length)), idx.length));
      }
    }
    return out;
  }
}
