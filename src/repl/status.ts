// The one-line live status of the queries, from each query's last progress: batch, rows/s, watermark, state rows.

import { formatTimestamp } from '../../common/time.js';
import { parseIsoTime, type BatchProgress } from '../../runtime/index.js';

export interface QueryStatus {
  readonly name: string;
  /** RUNNING, STOPPED or FAILED: CODE. */
  readonly state: string;
  readonly progress: BatchProgress | undefined;
  /** Wall-clock milliseconds when the REPL saw the last batch end. */
  readonly lastBatchAtMs: number | undefined;
}

/** 1234567 → `1,234,567`, whatever the locale. */
export function groupDigits(n: number): string {
  const s = String(Math.round(n));
  const neg = s.startsWith('-');
  const digits = neg ? s.slice(1) : s;
  return (neg ? '-' : '') + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function age(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s ago`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m ago`;
}

/** The progress's ISO watermark as the golden format prints times; 'none' before there is one. */
function watermarkText(iso: string | null): string {
  const micros = parseIsoTime(iso);
  return micros === null ? 'none' : formatTimestamp(micros);
}

function one(q: QueryStatus, nowMs: number): string {
  const p = q.progress;
  const parts = [`${q.name} ${q.state}`];
  if (p === undefined) {
    parts.push('no batch yet');
  } else {
    const stateRows = p.stateOperators.reduce((n, o) => n + o.numRowsTotal, 0);
    parts.push(
      `batch ${p.batchId}`,
      `${groupDigits(p.numInputRows)} rows in`,
      `${groupDigits(p.processedRowsPerSecond)} rows/s`,
      `watermark ${watermarkText(p.eventTime.watermark)}`,
      `state ${groupDigits(stateRows)} rows`,
    );
    if (q.lastBatchAtMs !== undefined) parts.push(age(nowMs - q.lastBatchAtMs));
  }
  return parts.join(' · ');
}

/** All queries on one line, separated by ` | `; the caller cuts it to the terminal's width. */
export function statusLine(queries: readonly QueryStatus[], nowMs: number): string {
  if (queries.length === 0) return 'status: no queries';
  return `status: ${queries.map((q) => one(q, nowMs)).join(' | ')}`;
}
