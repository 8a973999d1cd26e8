// The checkpoint directory of one query: offset log, state deltas/snapshots, sink output and commit markers.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as arrow from 'apache-arrow';
import { TidemarkError } from '../common/errors.js';
import type { CheckpointStore, SinkName } from './checkpoint-store.js';
import type { JsonValue } from './sources/source.js';
import { ipcFile, readIpcFile } from './ipc.js';

export interface OffsetEntry {
  readonly batchId: number;
  /** Watermark in effect during the batch. */
  readonly watermark: number | null;
  readonly sources: Readonly<Record<string, readonly [number, number]>>;
  readonly noData: boolean;
  /** What a source's offsets mean up to the batch's end, for sources that say (a files source: its files, in order). */
  readonly descriptions?: Readonly<Record<string, JsonValue>>;
}

export interface CommitEntry {
  readonly batchId: number;
  /** Max event time per watermark operator after the batch. */
  readonly maxEventTimes: Readonly<Record<string, number | null>>;
  /** Watermark in effect for the next batch. */
  readonly nextWatermark: number | null;
}

/** Every this many batches an UPDATE result table is compacted and old sink, retract, offset and commit files are purged. */
export const SNAPSHOT_INTERVAL = 10;
const OFFSET_HISTORY = 100;

const num = (f: string): number => Number(f.split('.')[0]);

export class CheckpointDir implements CheckpointStore {
  constructor(readonly dir: string) {}

  private p(...parts: string[]): string {
    return path.join(this.dir, ...parts);
  }

  /** Writes atomically: a reader (or a restart after a crash) sees the old file or the new one, never half. */
  private writeAtomic(file: string, data: string | Uint8Array): void {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.tmp-${process.pid}`;
      fs.writeFileSync(tmp, data);
      fs.renameSync(tmp, file);
    } catch (e) {
      throw new TidemarkError('CHECKPOINT_ERROR', `Cannot write checkpoint file ${file}: ${(e as Error).message}. Check the checkpoint directory is writable.`);
    }
  }

  private readJson<T>(file: string): T {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
    } catch (e) {
      throw new TidemarkError('CHECKPOINT_ERROR', `Checkpoint file ${file} is unreadable (${(e as Error).message}). Restore it or delete the query's checkpoint to start over.`);
    }
  }

  private ids(sub: string, suffix: string): number[] {
    const d = this.p(sub);
    if (!fs.existsSync(d)) return [];
    return fs.readdirSync(d).filter((f) => f.endsWith(suffix)).map(num).filter(Number.isInteger).sort((a, b) => a - b);
  }

  exists(): boolean {
    return fs.existsSync(this.p('metadata.json'));
  }

  writeMetadata(meta: Record<string, unknown>): void {
    this.writeAtomic(this.p('metadata.json'), JSON.stringify(meta, null, 2));
  }

  readMetadata(): Record<string, unknown> {
    return this.readJson(this.p('metadata.json'));
  }

  writeOffsets(e: OffsetEntry): void {
    this.writeAtomic(this.p('offsets', `${e.batchId}.json`), JSON.stringify(e));
  }

  writeCommit(e: CommitEntry): void {
    this.writeAtomic(this.p('commits', `${e.batchId}.json`), JSON.stringify(e));
  }

  lastCommit(): CommitEntry | undefined {
    const ids = this.ids('commits', '.json');
    const last = ids[ids.length - 1];
    return last === undefined ? undefined : this.readJson<CommitEntry>(this.p('commits', `${last}.json`));
  }

  readOffsets(batchId: number): OffsetEntry | undefined {
    const f = this.p('offsets', `${batchId}.json`);
    return fs.existsSync(f) ? this.readJson<OffsetEntry>(f) : undefined;
  }

  /** State rows of one operator for one batch: its changes, or (compaction) all its state. */
  writeState(opId: string, batchId: number, rows: readonly arrow.RecordBatch[], kind: 'delta' | 'snapshot'): void {
    // A re-run of an uncommitted batch may choose the other kind than the crashed run did: its leftover file must go
    // first, or a restore would mix the two runs' state (a crash in between leaves the batch with no file, which is
    // fine: it is uncommitted and runs again).
    fs.rmSync(this.p('state', opId, `${batchId}.${kind === 'delta' ? 'snapshot' : 'delta'}.arrow`), { force: true });
    this.writeAtomic(this.p('state', opId, `${batchId}.${kind}.arrow`), ipcFile(rows));
  }

  private readBatches(file: string): arrow.RecordBatch[] {
    try {
      return readIpcFile(fs.readFileSync(file)).batches;
    } catch (e) {
      throw new TidemarkError('CHECKPOINT_ERROR', `State file ${file} is unreadable (${(e as Error).message}). Restore it or delete the query's checkpoint to start over.`);
    }
  }

  /** The latest snapshot at or before `upTo`, then every later delta up to `upTo`. */
  readState(opId: string, upTo: number): { snapshot: arrow.RecordBatch[]; deltas: arrow.RecordBatch[] } {
    const dir = path.join('state', opId);
    const snaps = this.ids(dir, '.snapshot.arrow').filter((b) => b <= upTo);
    const from = snaps.length ? snaps[snaps.length - 1]! : -1;
    const snapshot = from >= 0 ? this.readBatches(this.p(dir, `${from}.snapshot.arrow`)) : [];
    const deltas = this.ids(dir, '.delta.arrow')
      .filter((b) => b > from && b <= upTo)
      .flatMap((b) => this.readBatches(this.p(dir, `${b}.delta.arrow`)));
    return { snapshot, deltas };
  }

  writeSinkBatch(batchId: number, batches: readonly arrow.RecordBatch[], kind: 'batch' | 'table', sink: SinkName = 'sink'): void {
    this.writeAtomic(this.p(sink, `${batchId}.${kind}.arrow`), ipcFile(batches));
  }

  /** Committed sink files to replay: the latest full-table compaction, then later batch outputs. */
  readSink(upTo: number, sink: SinkName = 'sink'): { table: arrow.Table | undefined; tableId: number; batches: { id: number; table: arrow.Table }[] } {
    const read = (f: string): arrow.Table => {
      try {
        return readIpcFile(fs.readFileSync(f));
      } catch (e) {
        throw new TidemarkError('CHECKPOINT_ERROR', `Result file ${f} is unreadable (${(e as Error).message}).`);
      }
    };
    const tables = this.ids(sink, '.table.arrow').filter((b) => b <= upTo);
    const from = tables.length ? tables[tables.length - 1]! : -1;
    const table = from >= 0 ? read(this.p(sink, `${from}.table.arrow`)) : undefined;
    const batches = this.ids(sink, '.batch.arrow').filter((b) => b > from && b <= upTo)
      .map((id) => ({ id, table: read(this.p(sink, `${id}.batch.arrow`)) }));
    return { table, tableId: from, batches };
  }

  /**
   * Deletes what no restart can need once batch `snapshotBatch` is committed: older sink and retract files when the
   * sink was compacted at that batch. Offsets and commits are kept for the last OFFSET_HISTORY batches.
   */
  purgeBefore(snapshotBatch: number, sinkCompacted: boolean): void {
    // An APPEND result table is the sum of its batch files: those are kept unless a full table replaced them.
    if (sinkCompacted) {
      this.drop('sink', snapshotBatch);
      this.drop('retract', snapshotBatch);
    }
    this.drop('offsets', snapshotBatch - OFFSET_HISTORY);
    this.drop('commits', snapshotBatch - OFFSET_HISTORY);
  }

  /** Deletes an operator's state files older than its committed snapshot at `snapshotBatch`. */
  purgeState(opId: string, snapshotBatch: number): void {
    this.drop(path.join('state', opId), snapshotBatch);
  }

  private drop(sub: string, keepFrom: number): void {
    const d = this.p(sub);
    if (!fs.existsSync(d)) return;
    for (const f of fs.readdirSync(d)) {
      const id = num(f);
      if (Number.isInteger(id) && id < keepFrom) fs.rmSync(path.join(d, f), { force: true });
    }
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
