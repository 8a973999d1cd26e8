// The catalog: sources, tables and queries by (case-normalized) name, with their schemas.

import { TidemarkError } from '../common/errors.js';
import type { Schema } from '../common/types.js';
import type { EmitMode } from '../grammar/ast.js';

export interface SourceEntry {
  readonly kind: 'source';
  readonly name: string;
  readonly schema: Schema;
  /** Source-declared watermark: column index and delay. */
  readonly watermark: { readonly columnIndex: number; readonly delayMicros: number } | undefined;
  readonly options: Readonly<Record<string, string | number | boolean>>;
}

export interface TableEntry {
  readonly kind: 'table';
  readonly name: string;
  readonly schema: Schema;
  /** Set on the dead-letter table of files source `deadLettersOf` (on_error = 'dead_letter'): read-only, dropped with it. */
  readonly deadLettersOf?: string;
}

export interface QueryEntry {
  readonly kind: 'query';
  readonly name: string;
  readonly schema: Schema;
  readonly sql: string;
  readonly mode: EmitMode;
  /** Set on the late-row table of query `lateOf` (`WITH (late_rows = name)`): read-only, dropped with its query. */
  readonly lateOf?: string;
}

export type CatalogEntry = SourceEntry | TableEntry | QueryEntry;

export class Catalog {
  private readonly entries = new Map<string, CatalogEntry>();

  get(name: string): CatalogEntry | undefined {
    return this.entries.get(name);
  }

  add(entry: CatalogEntry): void {
    const existing = this.entries.get(entry.name);
    if (existing) {
      throw new TidemarkError('ALREADY_EXISTS',
        `A ${existing.kind} named '${entry.name}' already exists. Drop it first or choose another name.`);
    }
    this.entries.set(entry.name, entry);
  }

  remove(name: string): void {
    this.entries.delete(name);
  }

  list(kind: CatalogEntry['kind']): CatalogEntry[] {
    return [...this.entries.values()].filter((e) => e.kind === kind);
  }
}
