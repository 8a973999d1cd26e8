// Profiles the engine's timed runs only (not generation or setup) with V8's CPU profiler and prints the functions
// with the most self time. After npm run build:
//   node --expose-gc dist/bench/profile.js [q0 q2 q5a q7a ...] [--events N] [--runs N] [--top N] [--save DIR]
// --save writes each query's .cpuprofile (open it in Chrome DevTools or speedscope).

import * as fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as path from 'node:path';
import { catalogSchemas, generate, generateTables, head, sourceInputs } from './dataset.js';
import { EngineBench } from './engine-runner.js';
import { QUERIES, QUERY_NAMES, type QueryName } from './queries.js';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

/** Self time per function (name, file, line), as shares of the profile's total. */
export function selfTimes(p: Profile): { fn: string; ms: number; share: number }[] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const perFn = new Map<string, number>();
  let total = 0;
  (p.samples ?? []).forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const file = f.url ? f.url.split('/').slice(-2).join('/') : '';
    const key = `${f.functionName || '(anonymous)'}${file ? ` ${file}:${f.lineNumber + 1}` : ''}`;
    const dt = p.timeDeltas?.[i] ?? 0;
    perFn.set(key, (perFn.get(key) ?? 0) + dt);
    total += dt;
  });
  return [...perFn.entries()].sort((a, b) => b[1] - a[1]).map(([fn, us]) => ({ fn, ms: us / 1000, share: total ? us / total : 0 }));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const queries: QueryName[] = [];
  let events = 10_000_000;
  let runs = 5;
  let top = 15;
  let save: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const num = (): number => Number((args[++i] ?? '').replace(/_/g, ''));
    if (a === '--events') events = num();
    else if (a === '--runs') runs = num();
    else if (a === '--top') top = num();
    else if (a === '--save') save = args[++i];
    else {
      const q = QUERY_NAMES.find((n) => n === a);
      if (!q) throw new Error(`unknown query '${a}'; one of ${QUERY_NAMES.join(', ')}`);
      queries.push(q);
    }
  }
  if (!queries.length) queries.push('q0', 'q2', 'q5a', 'q7a');
  const bids = generate(events, 65_536);
  const data = queries.some((n) => QUERIES[n].sources.includes('person')) ? { ...bids, tables: generateTables(events, 65_536) } : bids;
  const engine = new EngineBench(catalogSchemas(data));
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  for (const name of queries) {
    const q = QUERIES[name];
    // Collect first, then warm up: gc() with the last query's objects dead drops their optimized code (bench/README.md).
    globalThis.gc?.();
    engine.run(q, sourceInputs(head(data, 3), q.sources));
    await session.post('Profiler.start');
    let seconds = 0;
    let input = 0;
    for (let i = 0; i < runs; i++) {
      const r = engine.run(q, sourceInputs(data, q.sources));
      seconds += r.seconds;
      input += r.inputRows;
    }
    const { profile } = await session.post('Profiler.stop');
    if (save) {
      fs.mkdirSync(save, { recursive: true });
      fs.writeFileSync(path.join(save, `${name}.cpuprofile`), JSON.stringify(profile));
    }
    const rows = selfTimes(profile as Profile);
    console.log(`\n${name}: ${runs} engine runs over ${(input / runs).toLocaleString('en-US')} input rows (${q.sources.join(' + ')}), ${(input / seconds / 1e6).toFixed(2)}M rows/s; self time, top ${top}`);
    for (const x of rows.slice(0, top)) console.log(`  ${(100 * x.share).toFixed(1).padStart(5)}%  ${x.ms.toFixed(0).padStart(6)} ms  ${x.fn}`);
  }
  session.disconnect();
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exitCode = 1;
});
