// The commit log of a files sink directory: `_manifest/<batchId>.json` per committed batch, and the reader of it.
//
// A batch's files are committed once its manifest exists (Spark's `_spark_metadata` log plays this part); data files
// not yet renamed to their visible names wait in `_temporary/`. A reader that goes through the manifests sees exactly
// the committed output, whatever a crash left behind.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as arrow from 'apache-arrow';
import { TidemarkError } from '../../common/errors.js';
import type { Field, Schema } from '../../common/types.js';
import { decodeFile, isFileFormat, type FileFormat } from '../formats/format.js';
import { emptyBatch } from '../vec.js';

export const MANIFEST_DIR = '_manifest';
/** Where data files are written before their batch commits; a name starting with `_` is hidden, as Hadoop's are. */
export const TEMP_DIR = '_temporary';

export interface ManifestFile {
  /** Name in the sink directory (and, until renamed, in `_temporary/`). */
  readonly name: string;
  readonly rows: number;
  readonly bytes: number;
}

export interface Manifest {
  readonly version: 1;
  readonly batchId: number;
  readonly format: FileFormat;
  /** The query's columns: names, SQL types and nullability, which readers of the text formats need. */
  readonly schema: Schema;
  readonly files: readonly ManifestFile[];
}

/** Ids of the committed batches in `dir`, ascending (temporary manifest files do not count). */
export function manifestIds(dir: string): number[] {
  const d = path.join(dir, MANIFEST_DIR);
  if (!fs.existsSync(d)) return [];
  return fs.readdirSync(d).filter((f) => /^\d+\.json$/.test(f)).map((f) => Number(f.slice(0, -5))).sort((a, b) => a - b);
}

const isField = (f: unknown): f is Field => typeof f === 'object' && f !== null
  && typeof (f as Field).name === 'string' && typeof (f as Field).type === 'string' && typeof (f as Field).nullable === 'boolean';

export function readManifest(dir: string, batchId: number): Manifest {
  const file = path.join(dir, MANIFEST_DIR, `${batchId}.json`);
  let m: Partial<Manifest>;
  try {
    m = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Manifest>;
  } catch (e) {
    throw new TidemarkError('IO_ERROR', `Sink manifest ${file} is unreadable (${(e as Error).message}). Restore it, or move the sink directory away to start over.`);
  }
  if (m.version !== 1 || m.batchId !== batchId || typeof m.format !== 'string' || !isFileFormat(m.format)
    || !Array.isArray(m.schema) || !m.schema.every(isField) || !Array.isArray(m.files)) {
    throw new TidemarkError('IO_ERROR', `Sink manifest ${file} is not a files sink manifest (version 1). Restore it, or move the sink directory away to start over.`);
  }
  return m as Manifest;
}

/** Whether two schemas have the same column names and types (nullability may differ between plans). */
export const sameColumns = (a: Schema, b: Schema): boolean =>
  a.length === b.length && a.every((f, i) => f.name === b[i]!.name && f.type === b[i]!.type);

export interface CommittedBatch {
  readonly batchId: number;
  readonly files: readonly string[];
  readonly table: arrow.Table;
}

export interface CommittedOutput {
  /** The output's columns (from the manifests; empty when nothing is committed). */
  readonly schema: Schema;
  /** Committed batches, by id; batches without rows write no manifest and are not listed. */
  readonly batches: readonly CommittedBatch[];
  /** Every committed row, in batch order. */
  readonly table: arrow.Table;
}

/**
 * Reads exactly the committed output of a files sink directory: the files its manifests list, never a temporary or
 * uncommitted file. A committed file whose rename to its visible name a crash interrupted is read where it waits
 * (the next start of the query finishes the rename).
 */
export function readCommittedFiles(dir: string): CommittedOutput {
  if (!fs.existsSync(dir)) throw new TidemarkError('IO_ERROR', `The sink directory ${dir} does not exist. Give the path of a files sink's directory.`);
  const batches: CommittedBatch[] = [];
  let schema: Schema = [];
  for (const id of manifestIds(dir)) {
    const m = readManifest(dir, id);
    if (batches.length && !sameColumns(schema, m.schema)) {
      throw new TidemarkError('INVALID_INPUT', `The sink directory ${dir} holds batches with different columns (batch ${id} differs from the ones before). Read it with one query's output at a time.`);
    }
    schema = m.schema;
    const rows: arrow.RecordBatch[] = [];
    for (const f of m.files) {
      const visible = path.join(dir, f.name);
      const waiting = path.join(dir, TEMP_DIR, f.name);
      const file = fs.existsSync(visible) ? visible : fs.existsSync(waiting) ? waiting : undefined;
      if (!file) throw new TidemarkError('IO_ERROR', `File ${visible} of committed batch ${id} is missing. Restore it; the sink's output is incomplete without it.`);
      rows.push(...decodeFile(m.format, m.schema, fs.readFileSync(file), file));
    }
    batches.push({ batchId: id, files: m.files.map((f) => f.name), table: new arrow.Table(rows.length ? rows : [emptyBatch(m.schema)]) });
  }
  const all = batches.flatMap((b) => b.table.batches.filter((r) => r.numRows > 0));
  return { schema, batches, table: new arrow.Table(all.length ? all : [emptyBatch(schema)]) };
}
