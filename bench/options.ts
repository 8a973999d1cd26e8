// Command-line options of the benchmark: --quick, --rows N, --batch N, --reps N, --only NAME, --out FILE.

export const QUERY_NAMES = ['filter_project', 'tumbling_count_sum', 'sliding_count'] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

export interface BenchOptions {
  /** Rows generated (and fed to every query). */
  readonly rows: number;
  /** Rows per micro-batch (the memory source's max_rows_per_batch). */
  readonly batchSize: number;
  /** Timed engine runs per query (the baseline gets at least 5); the best one is reported. */
  readonly reps: number;
  readonly quick: boolean;
  /** Queries to run (all by default). */
  readonly only: readonly QueryName[];
  /** Where results.json goes; undefined means bench/results.json. */
  readonly out: string | undefined;
}

export const DEFAULT_ROWS = 1_000_000;
export const QUICK_ROWS = 200_000;
export const DEFAULT_BATCH = 65_536;

export const USAGE = `usage: npm run bench -- [--quick] [--rows N] [--batch N] [--reps N] [--only ${QUERY_NAMES.join('|')}] [--out FILE]
  --quick    ${QUICK_ROWS.toLocaleString('en-US')} rows and 2 engine runs (default ${DEFAULT_ROWS.toLocaleString('en-US')} rows, 3 runs)
  --rows N   rows to generate (underscores allowed: 2_000_000)
  --batch N  rows per micro-batch (default ${DEFAULT_BATCH})
  --reps N   timed engine runs per query (the baseline gets at least 5); the best is reported
  --only Q   run one query (repeatable)
  --out F    write the JSON results to F instead of bench/results.json`;

function positiveInt(flag: string, text: string | undefined): number {
  const n = Number((text ?? '').replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${flag} needs a positive integer, got '${text ?? ''}'.\n${USAGE}`);
  return n;
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  let quick = false;
  let rows: number | undefined;
  let batchSize = DEFAULT_BATCH;
  let reps: number | undefined;
  let out: string | undefined;
  const only: QueryName[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--quick': quick = true; break;
      case '--rows': rows = positiveInt(flag, value()); break;
      case '--batch': batchSize = positiveInt(flag, value()); break;
      case '--reps': reps = positiveInt(flag, value()); break;
      case '--out': out = value(); break;
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
    rows: rows ?? (quick ? QUICK_ROWS : DEFAULT_ROWS),
    batchSize,
    reps: reps ?? (quick ? 2 : 3),
    quick,
    only: only.length ? only : QUERY_NAMES,
    out,
  };
}
