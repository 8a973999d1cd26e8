// The files sink: each batch's rows as one JSONL, CSV or Arrow file in a directory, committed exactly once.
//
// Per batch with rows: the data goes to `_temporary/part-<batch>.<format>` (hidden), then the manifest
// `_manifest/<batch>.json` is written atomically (temporary name, then rename): that is the commit point. Then the
// data file is renamed to its visible name. A batch whose id is at or below the last manifest's is a re-run and writes
// nothing (spec §7). On start, the last manifest's renames are finished (a crash may have cut them short) and every
// other temporary file goes: it belongs to a batch that never committed and will run again.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { TidemarkError } from '../../common/errors.js';
import type { Schema } from '../../common/types.js';
import { encodeBatches, extensionOf, type FileFormat } from '../formats/format.js';
import { MANIFEST_DIR, TEMP_DIR, manifestIds, readManifest, sameColumns, type Manifest } from './manifest.js';
import type { Sink, SinkBatch } from './sink.js';

/** The two file operations whose completion the protocol depends on; tests put crashes between them. */
export interface SinkFileOps {
  write(file: string, data: Uint8Array | string): void;
  rename(from: string, to: string): void;
}

const nodeOps: SinkFileOps = {
  write: (file, data) => fs.writeFileSync(file, data),
  rename: (from, to) => fs.renameSync(from, to),
};

export interface FileSinkOptions {
  /** Absolute directory. */
  readonly dir: string;
  /** The directory as the user wrote it, for messages. */
  readonly displayPath: string;
  readonly format: FileFormat;
  /** The query's columns: the first `schema.length` columns of every batch are written. */
  readonly schema: Schema;
  readonly ops?: SinkFileOps;
}

/** Visible name of a batch's file; zero-padded so that names sort by batch. */
export const partName = (batchId: number, format: FileFormat): string => `part-${String(batchId).padStart(8, '0')}.${extensionOf(format)}`;

export class FileSink implements Sink {
  readonly description: string;
  private readonly ops: SinkFileOps;
  /** The last batch with a manifest, -1 for none. */
  private lastCommitted = -1;

  constructor(private readonly opts: FileSinkOptions) {
    this.ops = opts.ops ?? nodeOps;
    this.description = `files ${opts.displayPath} (${opts.format})`;
  }

  private io<T>(what: string, f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof TidemarkError) throw e;
      throw new TidemarkError('IO_ERROR', `The files sink cannot ${what} (path '${this.opts.displayPath}'): ${(e as Error).message}. Check that path names a writable directory.`);
    }
  }

  open(): void {
    const { dir, format, schema } = this.opts;
    const tmpDir = path.join(dir, TEMP_DIR);
    this.io('create its directory', () => fs.mkdirSync(path.join(dir, MANIFEST_DIR), { recursive: true }));
    const ids = this.io('list its manifests', () => manifestIds(dir));
    const last = ids[ids.length - 1];
    if (last !== undefined) {
      const m = readManifest(dir, last);
      if (m.format !== format || !sameColumns(m.schema, schema)) {
        throw new TidemarkError('INVALID_OPTION', `The sink path '${this.opts.displayPath}' already holds ${m.format} output with other columns or another format (${m.schema.map((f) => `${f.name} ${f.type}`).join(', ')}). Choose another path, or move that directory away.`);
      }
      // Only the last batch can have been cut short: a batch starts after the previous one's renames.
      for (const f of m.files) {
        const visible = path.join(dir, f.name);
        const waiting = path.join(tmpDir, f.name);
        if (!fs.existsSync(visible) && fs.existsSync(waiting)) this.io('publish a committed file', () => this.ops.rename(waiting, visible));
      }
    }
    this.io('remove uncommitted files', () => {
      fs.rmSync(tmpDir, { recursive: true, force: true });
      for (const f of fs.readdirSync(path.join(dir, MANIFEST_DIR))) {
        if (!/^\d+\.json$/.test(f)) fs.rmSync(path.join(dir, MANIFEST_DIR, f), { force: true });
      }
    });
    this.lastCommitted = last ?? -1;
  }

  addBatch({ batchId: id, batches }: SinkBatch): boolean {
    if (id <= this.lastCommitted) return false;
    const rows = batches.reduce((s, b) => s + b.numRows, 0);
    if (rows === 0) return false;
    const { dir, format, schema } = this.opts;
    const name = partName(id, format);
    const tmpDir = path.join(dir, TEMP_DIR);
    const waiting = path.join(tmpDir, name);
    const data = encodeBatches(format, schema, batches);
    this.io('write a file', () => {
      fs.mkdirSync(tmpDir, { recursive: true });
      this.ops.write(waiting, data);
    });
    const manifest: Manifest = {
      version: 1, batchId: id, format, schema: schema.map((f) => ({ name: f.name, type: f.type, nullable: f.nullable })),
      files: [{ name, rows, bytes: data.byteLength }],
    };
    const file = path.join(dir, MANIFEST_DIR, `${id}.json`);
    this.io('commit a batch', () => {
      const tmp = `${file}.tmp-${process.pid}`;
      this.ops.write(tmp, JSON.stringify(manifest));
      this.ops.rename(tmp, file);
    });
    this.lastCommitted = id;
    this.io('publish a committed file', () => this.ops.rename(waiting, path.join(dir, name)));
    return false;
  }
}
