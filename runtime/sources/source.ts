// The streaming source contract: offsets are row positions, so any range can be read again identically.

import type * as arrow from 'apache-arrow';
import type { Schema } from '../../common/types.js';

/** A value that survives JSON: what a source logs with a batch's offsets. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Counts of what a read set aside, for the source's progress entry (a files source). */
export interface SourceReadMetrics {
  /** Files the range touched. */
  readonly numFiles: number;
  /** Records the source could not decode (each still takes its offset). */
  readonly numMalformedRows: number;
  /** Malformed records dropped (on_error = 'skip'). */
  readonly numSkippedRows: number;
  /** Malformed records sent to the dead-letter table (on_error = 'dead_letter'). */
  readonly numDeadLetterRows: number;
}

export interface SourceReadReport {
  readonly metrics: SourceReadMetrics;
  /** The range's dead letters (on_error = 'dead_letter'), in the dead-letter table's schema. */
  readonly deadLetters: arrow.RecordBatch | undefined;
}

export interface StreamSource {
  readonly name: string;
  readonly schema: Schema;
  /** Offset one past the last row available now. */
  latestOffset(): number;
  /** Rows [start, end) as record batches; the same range always yields the same rows. */
  read(start: number, end: number): arrow.RecordBatch[];
  /** Cap on rows per micro-batch, if any. */
  readonly maxRowsPerBatch: number | undefined;
  /** Where a new query starts reading. */
  readonly startAtLatest: boolean;

  // Optional: sources whose offsets depend on what they discovered (a files source). The executor calls them.

  /**
   * A reader with offsets of its own, for one query: a files source numbers records in the order that query
   * discovered its files (as Spark keeps a file log per query), so queries with different progress never disagree.
   */
  forQuery?(): StreamSource;
  /** The end a batch starting at `start` may read to, at most `end` (e.g. whole files, max_files_per_trigger). */
  limitEnd?(start: number, end: number): number;
  /** What the offset log keeps with a batch ending at `end`, so that restore() can rebuild these offsets. */
  describe?(end: number): JsonValue;
  /**
   * Rebuilds the offsets a logged description fixed, before anything new is discovered. Throws CHECKPOINT_ERROR when
   * the input no longer matches it.
   */
  restore?(description: JsonValue): void;
  /**
   * A query restored from its checkpoint goes on reading at `offset`. A source paced by the clock (datagen's
   * rows_per_second) has every row before it available at once and paces the rest from there, instead of making the
   * query wait, in a new process, until its clock reaches `offset` again.
   */
  resumeFrom?(offset: number): void;
  /** What read(start, end) set aside: counts for progress and dead letters. */
  report?(start: number, end: number): SourceReadReport;
  /** Dead letters of committed batches (just committed, or restored from a checkpoint) join the dead-letter table. */
  keepDeadLetters?(rows: arrow.RecordBatch): void;
}
