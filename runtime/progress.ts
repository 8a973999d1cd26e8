// Per-batch progress, modelled on Spark's StreamingQueryProgress: plain JSON-safe data (JSON.stringify gives Spark's shape).

import type { SourceReadMetrics } from './sources/source.js';

export interface StateOperatorProgress {
  readonly operator: string;
  readonly numRowsTotal: number;
  readonly numRowsUpdated: number;
  readonly numRowsRemoved: number;
  readonly numRowsDroppedByWatermark: number;
  readonly memoryUsedBytes: number;
}

export interface SourceProgress {
  readonly description: string;
  readonly startOffset: number;
  readonly endOffset: number;
  readonly numInputRows: number;
}

export interface BatchProgress {
  readonly id: string;
  readonly name: string;
  /** When the batch's trigger started (wall clock), ISO-8601 UTC as Spark prints it: `2024-01-01T00:00:00.000Z`. */
  readonly timestamp: string;
  readonly batchId: number;
  readonly numInputRows: number;
  /** Input rows over the seconds since the previous batch of this run started (Spark's definition); 0 for a run's first. */
  readonly inputRowsPerSecond: number;
  /** Input rows over the seconds this batch took. */
  readonly processedRowsPerSecond: number;
  /** Wall-clock milliseconds (fractional). */
  readonly durationMs: {
    readonly triggerExecution: number;
    readonly getBatch: number;
    readonly addBatch: number;
    readonly walCommit: number;
    readonly commitOffsets: number;
  };
  /**
   * Event times of the rows this batch read on watermarked inputs, and the watermark in effect during the batch, as
   * ISO-8601 UTC strings (`isoTime`): null when there were no such rows, or no watermark yet.
   */
  readonly eventTime: { readonly min: string | null; readonly max: string | null; readonly avg: string | null; readonly watermark: string | null };
  readonly stateOperators: readonly StateOperatorProgress[];
  /** Per source; a files source adds numFiles, numMalformedRows, numSkippedRows, numDeadLetterRows. */
  readonly sources: readonly (SourceProgress & Partial<SourceReadMetrics>)[];
  readonly sink: { readonly description: string; readonly numOutputRows: number };
}

/**
 * A time in UTC microseconds as ISO-8601, Spark's progress format (milliseconds), with microseconds only when the
 * time has some, so no precision is lost; null for none.
 */
export function isoTime(micros: number | null | undefined): string | null {
  if (micros === null || micros === undefined || !Number.isFinite(micros)) return null;
  const us = Math.round(micros);
  const ms = Math.floor(us / 1000);
  const date = new Date(ms);
  // Dates beyond ±275,760 years do not exist in JavaScript; such a time is still reported, as its microseconds.
  if (Number.isNaN(date.getTime())) return String(us);
  const iso = date.toISOString();
  const rest = us - ms * 1000;
  return rest === 0 ? iso : `${iso.slice(0, -1)}${String(rest).padStart(3, '0')}Z`;
}

/** Parses what isoTime printed back into UTC microseconds (null for none). */
export function parseIsoTime(text: string | null): number | null {
  if (text === null) return null;
  const m = /^(.*\.\d{3})(\d{3})?Z$/.exec(text);
  if (!m) return Number.isFinite(Number(text)) ? Number(text) : null;
  const ms = Date.parse(`${m[1]!}Z`);
  return Number.isNaN(ms) ? null : ms * 1000 + (m[2] ? Number(m[2]) : 0);
}
