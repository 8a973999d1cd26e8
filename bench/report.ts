// The shape of bench/results.json, the printed tables, and how far each target of issue 3 §3 is from being met.

import type { EngineBreakdown } from './engine-runner.js';
import type { MemoryProbe } from './machine-probe.js';
import type { EmptyBatchCost, SoakResult } from './overhead.js';
import type { QueryName } from './queries.js';

export interface QueryResult {
  readonly title: string;
  /** Input events (the rows of every table the query reads) per second, best run of each side. */
  readonly engine_eps: number;
  readonly baseline_eps: number | null;
  readonly duckdb_eps: number | null;
  /** engine_eps / baseline_eps: 1 would mean the engine runs at the speed of the hand-written loop. */
  readonly ratio_baseline: number | null;
  /** engine_eps / duckdb_eps: above 1, the engine is faster than DuckDB running the same query as a batch. */
  readonly ratio_duckdb: number | null;
  /** Peak RSS while the engine ran the query (process-wide: includes the pre-generated data). */
  readonly peak_rss_mb: number;
  /** RSS right before the engine runs (after a GC), to read the peak against. */
  readonly rss_before_mb: number;
  readonly baseline_peak_rss_mb: number | null;
  /** memoryUsedBytes / numRowsTotal of the state at the batch holding the most groups (stateful queries). */
  readonly state_bytes_per_group: number | null;
  readonly peak_state_rows: number | null;
  readonly baseline_peak_groups: number | null;
  readonly engine_seconds: number;
  readonly baseline_seconds: number | null;
  readonly duckdb_seconds: number | null;
  readonly input_rows: number;
  readonly output_rows: number;
  readonly micro_batches: number;
  readonly dropped_late: number;
  /** Best engine run, split as the executor's progress reports it; `other` = parse, plan, start, planning batches. */
  readonly engine_breakdown_ms: EngineBreakdown & { readonly other: number };
  /** The three sides' results agree: same row count and column checksums. */
  readonly agree: boolean | null;
  readonly checksums: { readonly engine: string; readonly baseline: string | null; readonly duckdb: string | null };
  readonly target_eps: number;
  readonly target_from: string;
  /** Memory latency right before the engine's runs: read throughput against it (the VM's speed drifts). */
  readonly memory_latency: MemoryProbe | null;
  readonly sql: string;
  readonly duckdb_sql: string;
}

export interface TargetCheck {
  readonly target: string;
  readonly value: string;
  readonly met: boolean | null;
  /** How far off: a factor, or 'met'. */
  readonly off: string;
}

export interface BenchResults {
  readonly events: number;
  readonly bids: number;
  readonly batch_size: number;
  readonly reps: number;
  readonly quick: boolean;
  readonly node: string;
  readonly duckdb_version: string | null;
  readonly date: string;
  readonly cpus: number;
  /** One-minute load average before and after the run: well above 0 means other processes competed for the CPUs. */
  readonly load_average: readonly [number, number];
  readonly generate_seconds: number;
  /** Generating the person and auction tables (only when q3 runs). */
  readonly tables_generate_seconds: number | null;
  readonly persons: number | null;
  readonly auctions: number | null;
  /** Events per second of the Nexmark generator producing every bid column (bids / 0.92 per second). */
  readonly generator_eps: number;
  readonly duckdb_load_seconds: number | null;
  readonly main_runs_checkpoint: 'none' | 'tmpfs' | 'disk';
  readonly max_rss_mb: number;
  readonly queries: Partial<Record<QueryName, QueryResult>>;
  /** Median wall time of an empty (no-data) micro-batch without checkpointing, microseconds. */
  readonly batch_overhead_us: number | null;
  /** The same with checkpointing to a tmpfs. */
  readonly batch_overhead_checkpoint_us: number | null;
  readonly empty_batch: { readonly none: EmptyBatchCost; readonly checkpoint: EmptyBatchCost; readonly tmpfs: boolean } | null;
  /** q5a time with a checkpoint every micro-batch (to a tmpfs) over q5a time without. */
  readonly checkpoint_overhead_ratio: number | null;
  readonly soak: SoakResult | null;
  readonly targets: readonly TargetCheck[];
}

const round = (x: number, digits: number): number => Number(x.toPrecision(digits));
export const sig = (x: number): number => round(x, 4);

function table(header: readonly string[], rows: readonly (readonly string[])[], rightAlign: (col: number) => boolean): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: readonly string[]): string => cells.map((s, c) => (rightAlign(c) ? s.padStart(widths[c]!) : s.padEnd(widths[c]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const int = (n: number | null): string => (n === null ? '-' : Math.round(n).toLocaleString('en-US'));
const mega = (n: number | null): string => (n === null ? '-' : `${(n / 1e6).toFixed(n < 1e7 ? 2 : 1)}M`);
const ratio = (n: number | null): string => (n === null ? '-' : n >= 10 ? n.toFixed(1) : n.toFixed(3));
const ms = (n: number): string => n.toFixed(1);

/** How far a measured value is from a goal: '3.2x short', or 'met'. */
function off(value: number, goal: number, higherIsBetter: boolean): { met: boolean; off: string } {
  const met = higherIsBetter ? value >= goal : value <= goal;
  if (met) return { met, off: 'met' };
  const factor = higherIsBetter ? goal / value : value / goal;
  return { met, off: `${factor.toFixed(factor < 10 ? 2 : 0)}x ${higherIsBetter ? 'too slow' : 'too high'}` };
}

export function checkTargets(r: Omit<BenchResults, 'targets'>): TargetCheck[] {
  const out: TargetCheck[] = [];
  for (const [name, q] of Object.entries(r.queries) as [QueryName, QueryResult][]) {
    const o = off(q.engine_eps, q.target_eps, true);
    const from = q.target_from === 'issue 3 §3' ? '' : ` (${q.target_from})`;
    out.push({ target: `${name} >= ${mega(q.target_eps)} events/s${from}`, value: `${mega(q.engine_eps)}/s`, ...o });
  }
  for (const [name, q] of Object.entries(r.queries) as [QueryName, QueryResult][]) {
    // Issue 3's ratio target covers its own queries only.
    if (q.ratio_baseline === null || q.target_from !== 'issue 3 §3') continue;
    out.push({ target: `${name} >= 0.3x hand-written`, value: `${ratio(q.ratio_baseline)}x`, ...off(q.ratio_baseline, 0.3, true) });
  }
  if (r.batch_overhead_us !== null) out.push({ target: 'empty micro-batch <= 50 us, no checkpoint', value: `${r.batch_overhead_us.toFixed(0)} us`, ...off(r.batch_overhead_us, 50, false) });
  if (r.batch_overhead_checkpoint_us !== null) {
    out.push({ target: 'empty micro-batch <= 2 ms, checkpointing', value: `${(r.batch_overhead_checkpoint_us / 1000).toFixed(2)} ms`, ...off(r.batch_overhead_checkpoint_us, 2000, false) });
  }
  if (r.checkpoint_overhead_ratio !== null) {
    out.push({ target: 'q5a checkpoint every batch <= 1.5x none', value: `${r.checkpoint_overhead_ratio.toFixed(2)}x`, ...off(r.checkpoint_overhead_ratio, 1.5, false) });
  }
  for (const name of ['q5a', 'q17a'] as const) {
    const b = r.queries[name]?.state_bytes_per_group;
    if (b === null || b === undefined) continue;
    out.push({ target: `${name} state <= 150 bytes per open group`, value: `${b.toFixed(0)} B`, ...off(b, 150, false) });
  }
  if (r.soak) {
    const g = r.soak.heap_growth;
    out.push({ target: `memory flat over a ${mega(r.soak.events)}-event q5a run (heap end / heap at 25% <= 1.1)`, value: `${g.toFixed(2)}x`, ...off(g, 1.1, false) });
  }
  return out;
}

export function formatResults(r: BenchResults): string {
  const entries = Object.entries(r.queries) as [QueryName, QueryResult][];
  const main = table(
    ['query', 'engine ev/s', 'hand-written', 'DuckDB', 'eng/hand', 'eng/DuckDB', 'peak RSS MB', 'state B/group', 'out rows', 'agree'],
    entries.map(([name, q]) => [
      name, mega(q.engine_eps), mega(q.baseline_eps), mega(q.duckdb_eps), ratio(q.ratio_baseline), ratio(q.ratio_duckdb),
      String(q.peak_rss_mb), q.state_bytes_per_group === null ? '-' : q.state_bytes_per_group.toFixed(0), int(q.output_rows),
      q.agree === null ? '-' : q.agree ? 'yes' : 'NO',
    ]),
    (c) => c > 0 && c < 9,
  );
  const breakdown = table(
    ['query (best engine run, ms)', 'getBatch', 'addBatch', 'walCommit', 'commitOffsets', 'other', 'total', 'batches', 'mem ns 4/64 MB'],
    entries.map(([name, q]) => {
      const b = q.engine_breakdown_ms;
      const mem = q.memory_latency ? `${q.memory_latency.ns_4mb}/${q.memory_latency.ns_64mb}` : '-';
      return [name, ms(b.getBatch), ms(b.addBatch), ms(b.walCommit), ms(b.commitOffsets), ms(b.other), ms(q.engine_seconds * 1000), String(q.micro_batches), mem];
    }),
    (c) => c > 0,
  );
  const lines = [main, '', breakdown, ''];
  if (r.empty_batch) {
    const e = r.empty_batch;
    lines.push(`fixed cost of a micro-batch (median): empty ${e.none.empty_us.toFixed(0)} us, one row ${e.none.one_row_us.toFixed(0)} us without checkpointing; `
      + `empty ${e.checkpoint.empty_us.toFixed(0)} us, one row ${e.checkpoint.one_row_us.toFixed(0)} us checkpointing to ${e.tmpfs ? 'a tmpfs' : 'disk'}`);
  }
  if (r.checkpoint_overhead_ratio !== null) lines.push(`q5a with a checkpoint every micro-batch takes ${r.checkpoint_overhead_ratio.toFixed(2)}x as long as without`);
  if (r.soak) {
    const s = r.soak;
    lines.push(`soak: q5a over ${mega(s.events)} events (generated on the fly) at ${mega(s.eps)} bids/s; state rows by quarter ${s.state_rows_by_quarter.join(' / ')}, `
      + `heap MB ${s.heap_mb_by_quarter.join(' / ')}, RSS MB ${s.rss_mb_by_quarter.join(' / ')}`);
  }
  lines.push('', 'checks:');
  for (const [name, q] of entries) {
    const c = q.checksums;
    lines.push(`  ${name}: ${q.agree === null ? 'engine only' : q.agree ? 'agree' : 'DISAGREE'}: engine ${c.engine}${c.baseline ? `, hand-written ${c.baseline}` : ''}${c.duckdb ? `, DuckDB ${c.duckdb}` : ''}`);
  }
  lines.push('', 'targets (issue 3 §3 unless noted):', table(['target', 'measured', 'status'], r.targets.map((t) => [t.target, t.value, t.off]), (c) => c === 1));
  return lines.join('\n');
}
