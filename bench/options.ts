// Command-line options of the benchmark.

import { QUERY_NAMES, type QueryName } from './queries.js';

export interface BenchOptions {
  /** Nexmark events generated (46 in 50 are bids, the input of every query). */
  readonly events: number;
  /** Rows per micro-batch. */
  readonly batchSize: number;
  /** Timed engine runs per query; the best is reported (the baseline gets at least 5, DuckDB the same as the engine). */
  readonly reps: number;
  readonly quick: boolean;
  readonly only: readonly QueryName[];
  /** Skip the hand-written loops, DuckDB and the fixed-cost measurements (for profiling the engine). */
  readonly engineOnly: boolean;
  readonly duckdb: boolean;
  /** Events of the long q5a run that checks that memory stays flat (0: skip). */
  readonly soakEvents: number;
  /** Triggers of one row each for the empty-batch measurement. */
  readonly emptySteps: number;
  /** Checkpoint the main runs too (to a tmpfs), instead of only in the checkpoint-overhead measurement. */
  readonly checkpoint: boolean;
  readonly out: string | undefined;
}

export const DEFAULT_EVENTS = 10_000_000;
export const QUICK_EVENTS = 1_000_000;
export const DEFAULT_BATCH = 65_536;
export const DEFAULT_SOAK = 50_000_000;

export const USAGE = `usage: npm run bench -- [--quick] [--events N] [--batch N] [--reps N] [--only Q]... [--engine-only] [--no-duckdb]
                        [--soak N] [--checkpoint] [--out FILE]
  --quick        ${QUICK_EVENTS.toLocaleString('en-US')} events, fewer runs, no soak run: a smoke test (default ${DEFAULT_EVENTS.toLocaleString('en-US')} events)
  --events N     Nexmark events to generate (underscores allowed: 2_000_000); queries read the bids among them
  --batch N      rows per micro-batch (default ${DEFAULT_BATCH})
  --reps N       timed runs per query and side; the best is reported
  --only Q       run one query (repeatable): ${QUERY_NAMES.join(', ')}
  --engine-only  only the engine runs (no baseline, DuckDB, fixed costs or soak): for node --cpu-prof
  --no-duckdb    skip DuckDB
  --soak N       events of the long q5a run that checks memory stays flat (default ${DEFAULT_SOAK.toLocaleString('en-US')}; 0 skips it)
  --checkpoint   checkpoint every micro-batch of the main runs to a tmpfs (default: no checkpointing)
  --out F        write the JSON results to F instead of bench/results.json`;

function count(flag: string, text: string | undefined, min: number): number {
  const n = Number((text ?? '').replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`${flag} needs an integer of at least ${min}, got '${text ?? ''}'.\n${USAGE}`);
  return n;
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  let quick = false;
  let events: number | undefined;
  let batchSize = DEFAULT_BATCH;
  let reps: number | undefined;
  let out: string | undefined;
  let engineOnly = false;
  let duckdb = true;
  let soakEvents: number | undefined;
  let checkpoint = false;
  const only: QueryName[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--quick': quick = true; break;
      case '--events': events = count(flag, value(), 50); break;
      case '--batch': batchSize = count(flag, value(), 1); break;
      case '--reps': reps = count(flag, value(), 1); break;
      case '--out': out = value(); break;
      case '--engine-only': engineOnly = true; break;
      case '--no-duckdb': duckdb = false; break;
      case '--soak': soakEvents = count(flag, value(), 0); break;
      case '--checkpoint': checkpoint = true; break;
      case '--only': {
        const q = value();
        const name = QUERY_NAMES.find((n) => n === q);
        if (!name) throw new Error(`--only takes one of ${QUERY_NAMES.join(', ')}, got '${q ?? ''}'.`);
        only.push(name);
        break;
      }
      case '--help': case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown argument '${a}'.\n${USAGE}`);
    }
  }
  return {
    events: events ?? (quick ? QUICK_EVENTS : DEFAULT_EVENTS),
    batchSize,
    reps: reps ?? (quick ? 2 : 3),
    quick,
    only: only.length ? only : QUERY_NAMES,
    engineOnly,
    duckdb: duckdb && !engineOnly,
    soakEvents: engineOnly ? 0 : soakEvents ?? (quick ? 0 : DEFAULT_SOAK),
    emptySteps: quick ? 400 : 2000,
    checkpoint,
    out,
  };
}
