// Compares two builds of the engine on one query in one process, runs interleaved, so a noisy machine slows both alike.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Dataset from './dataset.js';
import type * as EngineRunner from './engine-runner.js';
import type * as Queries from './queries.js';

/**
 * Usage (after `npm run build`, and building the other revision the same way into its own directory):
 *   node --expose-gc dist/bench/ab.js <buildA> <buildB> [--query q8] [--reps 12] [--events 10000000]
 * where a build is a `tsc -p tsconfig.build.json --outDir <dir>` tree (it holds `bench/*.js`). The data is generated
 * once, by build A; each round runs A then B, or B then A, alternately. Prints each build's best and median, and the
 * median over rounds of time(A) / time(B): above 1, B is faster. Two copies of one build give about 1.0.
 */

interface Build {
  readonly dir: string;
  readonly dataset: typeof Dataset;
  readonly runner: typeof EngineRunner;
  readonly queries: typeof Queries;
}

async function load(dir: string): Promise<Build> {
  const at = (file: string): string => pathToFileURL(resolve(dir, 'bench', file)).href;
  return {
    dir,
    dataset: await import(at('dataset.js')) as typeof Dataset,
    runner: await import(at('engine-runner.js')) as typeof EngineRunner,
    queries: await import(at('queries.js')) as typeof Queries,
  };
}

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const [dirA, dirB] = args.filter((a, i) => !a.startsWith('--') && !(args[i - 1] ?? '').startsWith('--'));
  if (!dirA || !dirB) throw new Error('usage: node --expose-gc dist/bench/ab.js <buildA> <buildB> [--query q8] [--reps 12] [--events N]');
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run node with --expose-gc, so each run starts from a collected heap');
  const query = option(args, '--query', 'q8') as Queries.QueryName;
  const reps = Number(option(args, '--reps', '12'));
  const events = Number(option(args, '--events', '10000000'));
  const [a, b] = [await load(dirA), await load(dirB)];
  const def = a.queries.QUERIES[query];
  if (!def) throw new Error(`no query ${query}`);
  const needsBids = def.sources.some((s) => s === 'bid' || s === 'bid_num');
  const bids = needsBids ? a.dataset.generate(events, 65536) : undefined;
  const tables = def.sources.some((s) => s === 'person' || s === 'auction') ? a.dataset.generateTables(events, 65536) : undefined;
  const data = { ...(bids ?? { schema: [], numSchema: [], microBatches: [], numMicroBatches: [], rows: 0 }), tables } as Dataset.Dataset;
  const inputRows = a.dataset.sourceInputs(data, def.sources).reduce((s, i) => s + i.batches.reduce((t, x) => t + x.numRows, 0), 0);
  const times = new Map<Build, number[]>([[a, []], [b, []]]);
  const run = (build: Build): number => {
    const q = build.queries.QUERIES[query];
    const bench = new build.runner.EngineBench(build.dataset.catalogSchemas(data));
    gc();
    // After gc() V8 may have dropped the optimized code of the previous run (see collectThenWarm in run.ts).
    bench.run(q, build.dataset.sourceInputs(build.dataset.head(data, 3), q.sources));
    const r = bench.run(q, build.dataset.sourceInputs(data, q.sources));
    times.get(build)!.push(r.seconds);
    return r.outputRows;
  };
  // One warm-up round each, whose outputs must agree.
  if (run(a) !== run(b)) throw new Error('the two builds emit different numbers of rows');
  times.set(a, []);
  times.set(b, []);
  for (let i = 0; i < reps; i++) for (const build of i % 2 ? [a, b] : [b, a]) run(build);
  for (const build of [a, b]) {
    const ts = times.get(build)!;
    console.log(`${build.dir}: best ${(inputRows / Math.min(...ts) / 1e6).toFixed(2)}M events/s, median ${(inputRows / median(ts) / 1e6).toFixed(2)}M events/s`);
  }
  const ratios = times.get(a)!.map((t, i) => t / times.get(b)![i]!);
  console.log(`${query}: median time(A) / time(B) over ${reps} rounds: ${median(ratios).toFixed(3)} (above 1: B is faster)`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
