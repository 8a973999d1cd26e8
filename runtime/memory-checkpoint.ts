// A checkpoint kept in process memory (`WITH (checkpoint = 'memory')`): RESTART works, a new process starts over.
//
// It holds the same records as the directory, by reference and without serializing them, so a micro-batch costs
// no file I/O; it exists for queries that do not need to survive the process (tests, benchmarks, previews).

import * as arrow from 'apache-arrow';
import type { CheckpointStore, SinkName } from './checkpoint-store.js';
import type { CommitEntry, OffsetEntry } from './checkpoint.js';

interface SinkEntry {
  readonly batches: readonly arrow.RecordBatch[];
  readonly kind: 'batch' | 'table';
}

interface StateEntry {
  readonly rows: readonly arrow.RecordBatch[];
  readonly kind: 'delta' | 'snapshot';
}

export class MemoryCheckpoint implements CheckpointStore {
  readonly dir = '(memory)';
  private meta: Record<string, unknown> | undefined;
  private readonly offsets = new Map<number, OffsetEntry>();
  private readonly commits = new Map<number, CommitEntry>();
  private last: CommitEntry | undefined;
  private readonly state = new Map<string, Map<number, StateEntry>>();
  private readonly sinks = { sink: new Map<number, SinkEntry>(), late: new Map<number, SinkEntry>(), retract: new Map<number, SinkEntry>(),
    dead: new Map<number, SinkEntry>() };

  exists(): boolean {
    return this.meta !== undefined;
  }

  writeMetadata(meta: Record<string, unknown>): void {
    this.meta = meta;
  }

  readMetadata(): Record<string, unknown> {
    return this.meta ?? {};
  }

  writeOffsets(e: OffsetEntry): void {
    this.offsets.set(e.batchId, e);
  }

  writeCommit(e: CommitEntry): void {
    this.commits.set(e.batchId, e);
    this.last = e;
  }

  lastCommit(): CommitEntry | undefined {
    return this.last;
  }

  readOffsets(batchId: number): OffsetEntry | undefined {
    return this.offsets.get(batchId);
  }

  writeState(opId: string, batchId: number, rows: readonly arrow.RecordBatch[], kind: 'delta' | 'snapshot'): void {
    let m = this.state.get(opId);
    if (!m) this.state.set(opId, (m = new Map<number, StateEntry>()));
    m.set(batchId, { rows, kind });
  }

  readState(opId: string, upTo: number): { snapshot: arrow.RecordBatch[]; deltas: arrow.RecordBatch[] } {
    const entries = [...(this.state.get(opId)?.entries() ?? [])]
      .filter(([b]) => b <= upTo).sort((a, b) => a[0] - b[0]);
    let from = -1;
    for (const [b, e] of entries) if (e.kind === 'snapshot') from = b;
    return {
      snapshot: entries.filter(([b, e]) => b === from && e.kind === 'snapshot').flatMap(([, e]) => e.rows),
      deltas: entries.filter(([b, e]) => b > from && e.kind === 'delta').flatMap(([, e]) => e.rows),
    };
  }

  writeSinkBatch(batchId: number, batches: readonly arrow.RecordBatch[], kind: 'batch' | 'table', sink: SinkName = 'sink'): void {
    this.sinks[sink].set(batchId, { batches, kind });
  }

  readSink(upTo: number, name: SinkName = 'sink'): { table: arrow.Table | undefined; tableId: number; batches: { id: number; table: arrow.Table }[] } {
    const sink = this.sinks[name];
    const entries = [...sink.entries()].filter(([b]) => b <= upTo).sort((a, b) => a[0] - b[0]);
    let from = -1;
    for (const [b, e] of entries) if (e.kind === 'table') from = b;
    return {
      table: from >= 0 ? new arrow.Table(sink.get(from)!.batches as arrow.RecordBatch[]) : undefined,
      tableId: from,
      batches: entries.filter(([b]) => b > from).map(([id, e]) => ({ id, table: new arrow.Table(e.batches as arrow.RecordBatch[]) })),
    };
  }

  purgeState(opId: string, snapshotBatch: number): void {
    const m = this.state.get(opId);
    if (m) for (const b of [...m.keys()]) if (b < snapshotBatch) m.delete(b);
  }

  purgeBefore(snapshotBatch: number, sinkCompacted: boolean): void {
    if (sinkCompacted) for (const s of [this.sinks.sink, this.sinks.retract]) for (const b of [...s.keys()]) if (b < snapshotBatch) s.delete(b);
    for (const m of [this.offsets, this.commits]) for (const b of [...m.keys()]) if (b < snapshotBatch - 1) m.delete(b);
  }
}
