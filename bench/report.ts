// Formats the benchmark's results: the printed tables and the bench/results.json document.

import type { EngineBreakdown } from './engine-runner.js';
import type { QueryName } from './options.js';

export interface QueryResult {
  readonly engine_eps: number;
  readonly baseline_eps: number;
  /** engine_eps / baseline_eps: 1 would mean the engine runs at the speed of the hand-written loop. */
  readonly ratio: number;
  /** Peak RSS while the engine ran this query (process-wide, so it includes the pre-generated data). */
  readonly peak_rss_mb: number;
  readonly agree: boolean;
  readonly check: string;
  readonly baseline_peak_rss_mb: number;
  /** RSS right before the engine runs (after a GC), to read the peaks against. */
  readonly rss_before_mb: number;
  readonly engine_seconds: number;
  readonly baseline_seconds: number;
  readonly output_rows: number;
  readonly micro_batches: number;
  /** Best engine run, split as the executor's progress reports it; `other` = parse, plan, start, publishing output. */
  readonly engine_breakdown_ms: EngineBreakdown & { readonly other: number };
  readonly sql: string;
}

export interface BenchResults {
  readonly rows: number;
  readonly batchSize: number;
  readonly reps: number;
  readonly node: string;
  readonly date: string;
  readonly generate_seconds: number;
  readonly cpus: number;
  /** One-minute load average before and after the run: well above 0 means other processes competed for the CPUs. */
  readonly load_average: readonly [number, number];
  readonly max_rss_mb: number;
  readonly queries: Partial<Record<QueryName, QueryResult>>;
}

const round = (x: number, digits: number): number => Number(x.toPrecision(digits));
export const sig = (x: number): number => round(x, 4);

function table(header: readonly string[], rows: readonly (readonly string[])[], rightAlign: (col: number) => boolean): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: readonly string[]): string => cells.map((s, c) => (rightAlign(c) ? s.padStart(widths[c]!) : s.padEnd(widths[c]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const ms = (n: number): string => n.toFixed(1);

export function formatResults(r: BenchResults): string {
  const entries = Object.entries(r.queries) as [QueryName, QueryResult][];
  const main = table(
    ['query', 'engine ev/s', 'baseline ev/s', 'engine/baseline', 'engine s', 'baseline s', 'out rows', 'batches', 'peak RSS MB', 'baseline RSS MB', 'agree'],
    entries.map(([name, q]) => [
      name, int(q.engine_eps), int(q.baseline_eps), q.ratio.toFixed(4), q.engine_seconds.toFixed(3), q.baseline_seconds.toFixed(4),
      int(q.output_rows), String(q.micro_batches), q.peak_rss_mb.toFixed(0), q.baseline_peak_rss_mb.toFixed(0), q.agree ? 'yes' : 'NO',
    ]),
    (c) => c > 0 && c < 10,
  );
  const breakdown = table(
    ['query (best engine run, ms)', 'getBatch', 'addBatch', 'walCommit', 'commitOffsets', 'other', 'total'],
    entries.map(([name, q]) => {
      const b = q.engine_breakdown_ms;
      return [name, ms(b.getBatch), ms(b.addBatch), ms(b.walCommit), ms(b.commitOffsets), ms(b.other), ms(q.engine_seconds * 1000)];
    }),
    (c) => c > 0,
  );
  const checks = entries.map(([name, q]) => `  ${name}: ${q.agree ? 'agree' : 'DISAGREE'}: ${q.check}`).join('\n');
  return `${main}\n\n${breakdown}\n\nchecks:\n${checks}`;
}
