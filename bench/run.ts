// Benchmark entry point (npm run bench): Nexmark queries through the engine, as hand-written typed-array loops, and
// in DuckDB, over the same pre-generated bids; agreement checks, fixed costs, a soak run, and the targets of issue 3.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BaselineRun } from './baseline-kit.js';
import { formatChecksum, sameChecksum, type Checksum } from './checksum.js';
import { catalogSchemas, generate, generateTables, head, sourceInputs, type Dataset } from './dataset.js';
import { DuckBench } from './duckdb.js';
import { EngineBench, type EngineRun } from './engine-runner.js';
import { checkpointRoot, emptyBatchCost, soak, type EmptyBatchCost, type SoakResult } from './overhead.js';
import { parseOptions, type BenchOptions } from './options.js';
import { QUERIES, oneLine, type QueryDef, type QueryName } from './queries.js';
import { checkTargets, formatResults, sig, type BenchResults, type QueryResult } from './report.js';
import { RssSampler, currentRssMb } from './rss-sampler.js';
import { probeMemory, type MemoryProbe } from './machine-probe.js';

const collect = (): void => {
  if (globalThis.gc) {
    globalThis.gc();
    globalThis.gc();
  }
};

/**
 * Collects the heap, then runs `warmUp`. The warm-up must come after the collection: once a run's objects are all
 * garbage, a full GC lets V8 drop optimized code that embeds them ("weak objects" deopts in --trace-deopt), so a timed
 * run right after gc() starts from unoptimized code and compiles it again on the worker threads, while a query that
 * keeps running never does. Measured on q8: 0.5-0.6 s per run right after gc(), 0.22-0.3 s with the warm-up between.
 */
const collectThenWarm = (warmUp: () => void): void => {
  collect();
  warmUp();
};

/** The package root (where package.json is), whether this runs from dist/bench or from bench via tsx. */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

/** Micro-batches of the untimed warm-up run each side gets after every collection, so that each timed run sees JIT-compiled code. */
const WARMUP_BATCHES = 3;

const PERSON_AUCTION_COLUMNS = 'person: id, name, city, state, date_time; auction: id, seller, category, date_time';

interface Measured {
  readonly memory: MemoryProbe;
  readonly engine: EngineRun;
  readonly engineChecksum: Checksum;
  readonly peakRss: number;
  readonly rssBefore: number;
  readonly baseline: BaselineRun | undefined;
  readonly baselineChecksum: Checksum | undefined;
  readonly baselinePeakRss: number | undefined;
}

class Bench {
  private readonly engine: EngineBench;
  private readonly sampler = new RssSampler();
  private readonly cp = checkpointRoot();
  private runs = 0;

  constructor(private readonly opts: BenchOptions, private readonly data: Dataset) {
    this.engine = new EngineBench(catalogSchemas(data));
  }

  /** A fresh checkpoint directory for one run, or undefined (no checkpointing). */
  private dir(checkpoint: boolean): string | undefined {
    return checkpoint ? path.join(this.cp.dir, `run-${++this.runs}`) : undefined;
  }

  private engineRun(q: QueryDef, data: Dataset, checkpoint: boolean, checksum: boolean, onStop?: () => void): EngineRun {
    const dir = this.dir(checkpoint);
    try {
      return this.engine.run(q, sourceInputs(data, q.sources), { checkpointDir: dir, checksum }, onStop);
    } finally {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  measure(q: QueryDef): Measured {
    const { opts, data, sampler } = this;
    const warm = head(data, WARMUP_BATCHES);
    const warmEngine = (): void => void this.engineRun(q, warm, opts.checkpoint, false);
    collect();
    const memory = probeMemory();
    process.stdout.write(`  ${q.name}: memory latency ${memory.ns_4mb} ns over 4 MB, ${memory.ns_64mb} ns over 64 MB\n`);
    collect();
    const rssBefore = currentRssMb();
    let best: EngineRun | undefined;
    let checksum: Checksum | undefined;
    let peak = 0;
    for (let i = 0; i < opts.reps; i++) {
      collectThenWarm(warmEngine);
      sampler.reset();
      const last = i === opts.reps - 1;
      const r = this.engineRun(q, data, opts.checkpoint, last, () => { peak = Math.max(peak, sampler.peakMb()); });
      if (!best || r.seconds < best.seconds) best = r;
      if (last) checksum = r.checksum;
      process.stdout.write(`  ${q.name}: engine run ${i + 1}/${opts.reps}: ${r.seconds.toFixed(3)} s\n`);
    }
    if (opts.engineOnly) return { memory, engine: best!, engineChecksum: checksum!, peakRss: peak, rssBefore, baseline: undefined, baselineChecksum: undefined, baselinePeakRss: undefined };

    const warmBaseline = (): void => void q.baseline(warm);
    const baseReps = Math.max(opts.quick ? 3 : 5, opts.reps);
    let bestBase: BaselineRun | undefined;
    let baseChecksum: Checksum | undefined;
    let basePeak = 0;
    for (let i = 0; i < baseReps; i++) {
      collectThenWarm(warmBaseline);
      sampler.reset();
      const b = q.baseline(data);
      basePeak = Math.max(basePeak, sampler.peakMb());
      if (!bestBase || b.seconds < bestBase.seconds) bestBase = b;
      if (i === baseReps - 1) baseChecksum = b.checksum();
    }
    process.stdout.write(`  ${q.name}: hand-written best of ${baseReps}: ${bestBase!.seconds.toFixed(4)} s\n`);
    return { memory, engine: best!, engineChecksum: checksum!, peakRss: peak, rssBefore, baseline: bestBase, baselineChecksum: baseChecksum, baselinePeakRss: basePeak };
  }

  emptyBatches(): { none: EmptyBatchCost; checkpoint: EmptyBatchCost } {
    const q = QUERIES.q7a;
    const none = emptyBatchCost(this.engine, q, this.data, this.opts.emptySteps, undefined);
    const dir = this.dir(true)!;
    try {
      const checkpoint = emptyBatchCost(this.engine, q, this.data, this.opts.emptySteps, dir);
      return { none, checkpoint };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  /** q5a with a checkpoint every micro-batch over q5a without, runs alternating, best of each. */
  checkpointOverhead(): number {
    const q = QUERIES.q5a;
    const warm = head(this.data, WARMUP_BATCHES);
    let without = Infinity;
    let withCp = Infinity;
    for (let i = 0; i < this.opts.reps; i++) {
      collectThenWarm(() => void this.engineRun(q, warm, false, false));
      without = Math.min(without, this.engineRun(q, this.data, false, false).seconds);
      collectThenWarm(() => void this.engineRun(q, warm, true, false));
      withCp = Math.min(withCp, this.engineRun(q, this.data, true, false).seconds);
    }
    process.stdout.write(`  q5a: ${without.toFixed(3)} s without checkpointing, ${withCp.toFixed(3)} s checkpointing every batch\n`);
    return withCp / without;
  }

  get tmpfs(): boolean {
    return this.cp.tmpfs;
  }

  async close(): Promise<void> {
    fs.rmSync(this.cp.dir, { recursive: true, force: true });
    await this.sampler.close();
  }
}

async function runDuckDb(opts: BenchOptions, data: Dataset): Promise<{ version: string; load: number; runs: Map<QueryName, { seconds: number; checksum: Checksum }> }> {
  const duck = await DuckBench.open();
  try {
    const load = await duck.load(data);
    const tables = data.tables ? ` and ${data.tables.person.rows.toLocaleString('en-US')} persons, ${data.tables.auction.rows.toLocaleString('en-US')} auctions` : '';
    console.log(`DuckDB ${duck.version}: loaded ${data.rows.toLocaleString('en-US')} bids${tables} in ${load.toFixed(1)} s (not timed); one thread`);
    const runs = new Map<QueryName, { seconds: number; checksum: Checksum }>();
    for (const name of opts.only) {
      const q = QUERIES[name];
      let best = Infinity;
      for (let i = 0; i < opts.reps; i++) best = Math.min(best, await duck.run(q.duckdb));
      runs.set(name, { seconds: best, checksum: await duck.checksum(q.columns) });
      await duck.drop();
      process.stdout.write(`  ${name}: DuckDB best of ${opts.reps}: ${best.toFixed(4)} s\n`);
    }
    return { version: duck.version, load, runs };
  } finally {
    duck.close();
  }
}

function queryResult(q: QueryDef, m: Measured, duck: { seconds: number; checksum: Checksum } | undefined): QueryResult {
  const e = m.engine;
  const rows = e.inputRows;
  const engineEps = rows / e.seconds;
  const baselineEps = m.baseline ? rows / m.baseline.seconds : null;
  const duckEps = duck ? rows / duck.seconds : null;
  const bd = e.breakdown;
  const other = e.seconds * 1000 - bd.getBatch - bd.addBatch - bd.walCommit - bd.commitOffsets;
  const sides = [m.baselineChecksum, duck?.checksum].filter((c): c is Checksum => c !== undefined);
  return {
    title: q.title,
    engine_eps: Math.round(engineEps),
    baseline_eps: baselineEps === null ? null : Math.round(baselineEps),
    duckdb_eps: duckEps === null ? null : Math.round(duckEps),
    ratio_baseline: baselineEps === null ? null : sig(engineEps / baselineEps),
    ratio_duckdb: duckEps === null ? null : sig(engineEps / duckEps),
    peak_rss_mb: Math.round(m.peakRss),
    rss_before_mb: Math.round(m.rssBefore),
    baseline_peak_rss_mb: m.baselinePeakRss === undefined ? null : Math.round(m.baselinePeakRss),
    // An operator that reports no memoryUsedBytes (the stream-stream join) gets no figure rather than 0.
    state_bytes_per_group: e.peakStateRows > 0 && e.peakStateBytes > 0 ? sig(e.peakStateBytes / e.peakStateRows) : null,
    peak_state_rows: e.peakStateRows > 0 ? e.peakStateRows : null,
    baseline_peak_groups: m.baseline && m.baseline.peakGroups > 0 ? m.baseline.peakGroups : null,
    engine_seconds: sig(e.seconds),
    baseline_seconds: m.baseline ? sig(m.baseline.seconds) : null,
    duckdb_seconds: duck ? sig(duck.seconds) : null,
    input_rows: rows,
    output_rows: e.outputRows,
    micro_batches: e.microBatches,
    dropped_late: e.droppedLate,
    engine_breakdown_ms: {
      getBatch: sig(bd.getBatch), addBatch: sig(bd.addBatch), walCommit: sig(bd.walCommit), commitOffsets: sig(bd.commitOffsets), other: sig(other),
    },
    agree: sides.length === 0 ? null : sides.every((c) => sameChecksum(c, m.engineChecksum)),
    checksums: {
      engine: formatChecksum(m.engineChecksum),
      baseline: m.baselineChecksum ? formatChecksum(m.baselineChecksum) : null,
      duckdb: duck ? formatChecksum(duck.checksum) : null,
    },
    target_eps: q.targetEps,
    target_from: q.targetFrom,
    memory_latency: m.memory,
    sql: oneLine(q.sql),
    duckdb_sql: oneLine(q.duckdb),
  };
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  if (!globalThis.gc) console.warn('warning: run with node --expose-gc (npm run bench does) so that runs start from a collected heap');
  const t0 = performance.now();
  const loadBefore = os.loadavg()[0]!;
  const cpus = os.availableParallelism();
  console.log(`Tidemark bench: ${opts.events.toLocaleString('en-US')} Nexmark events, micro-batches of ${opts.batchSize.toLocaleString('en-US')} rows, `
    + `best of ${opts.reps} runs, ${opts.checkpoint ? 'checkpointing every batch' : 'no checkpointing'}, node ${process.version}, ${cpus} CPUs`);
  if (loadBefore > cpus / 2) console.warn(`warning: load average ${loadBefore.toFixed(1)} on ${cpus} CPUs: other processes compete, expect noisy numbers`);

  const bids = generate(opts.events, opts.batchSize);
  const generatorEps = opts.events / bids.generateSeconds;
  console.log(`generated ${bids.rows.toLocaleString('en-US')} bids in ${bids.microBatches.length} micro-batches in ${bids.generateSeconds.toFixed(2)} s `
    + `(${(generatorEps / 1e6).toFixed(2)}M events/s, not timed); ${(bids.bytes / 2 ** 20).toFixed(0)} MB of columns; RSS ${currentRssMb().toFixed(0)} MB`);
  // The person and auction tables only when a query reads them (q3): never timed either.
  const needsTables = opts.only.some((n) => QUERIES[n].sources.some((s) => s === 'person' || s === 'auction'));
  const data: Dataset = needsTables ? { ...bids, tables: generateTables(opts.events, opts.batchSize) } : bids;
  if (data.tables) {
    const t = data.tables;
    console.log(`generated ${t.person.rows.toLocaleString('en-US')} persons and ${t.auction.rows.toLocaleString('en-US')} auctions (${PERSON_AUCTION_COLUMNS}) `
      + `in ${t.person.microBatches.length} micro-batches of ${t.eventsPerBatch.toLocaleString('en-US')} events in ${t.generateSeconds.toFixed(2)} s (not timed); `
      + `${(t.bytes / 2 ** 20).toFixed(0)} MB of columns`);
  }

  const bench = new Bench(opts, data);
  const measured = new Map<QueryName, Measured>();
  let empty: { none: EmptyBatchCost; checkpoint: EmptyBatchCost } | undefined;
  let cpRatio: number | undefined;
  let soaked: SoakResult | undefined;
  try {
    for (const name of opts.only) measured.set(name, bench.measure(QUERIES[name]));
    if (!opts.engineOnly) {
      console.log('fixed costs:');
      empty = bench.emptyBatches();
      cpRatio = bench.checkpointOverhead();
    }
    if (opts.soakEvents > 0) {
      console.log(`soak: q5a over ${opts.soakEvents.toLocaleString('en-US')} events generated on the fly ...`);
      collect();
      soaked = soak(QUERIES.q5a, opts.soakEvents, opts.batchSize);
    }
  } finally {
    await bench.close();
  }
  const duck = opts.duckdb ? await runDuckDb(opts, data) : undefined;

  const queries: Partial<Record<QueryName, QueryResult>> = {};
  for (const [name, m] of measured) queries[name] = queryResult(QUERIES[name], m, duck?.runs.get(name));
  const partial: Omit<BenchResults, 'targets'> = {
    events: opts.events,
    bids: data.rows,
    batch_size: opts.batchSize,
    reps: opts.reps,
    quick: opts.quick,
    node: process.version,
    duckdb_version: duck?.version ?? null,
    date: new Date().toISOString(),
    cpus,
    load_average: [sig(loadBefore), sig(os.loadavg()[0]!)],
    generate_seconds: sig(data.generateSeconds),
    tables_generate_seconds: data.tables ? sig(data.tables.generateSeconds) : null,
    persons: data.tables?.person.rows ?? null,
    auctions: data.tables?.auction.rows ?? null,
    generator_eps: Math.round(generatorEps),
    duckdb_load_seconds: duck ? sig(duck.load) : null,
    main_runs_checkpoint: opts.checkpoint ? (bench.tmpfs ? 'tmpfs' : 'disk') : 'none',
    max_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    queries,
    batch_overhead_us: empty ? sig(empty.none.empty_us) : null,
    batch_overhead_checkpoint_us: empty ? sig(empty.checkpoint.empty_us) : null,
    empty_batch: empty ? { ...empty, tmpfs: bench.tmpfs } : null,
    checkpoint_overhead_ratio: cpRatio === undefined ? null : sig(cpRatio),
    soak: soaked ?? null,
  };
  const results: BenchResults = { ...partial, targets: checkTargets(partial) };
  console.log(`\n${formatResults(results)}\n`);
  const out = opts.out ?? path.join(packageRoot(), 'bench', 'results.json');
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  const shown = path.relative(process.cwd(), out);
  console.log(`wrote ${shown && !shown.startsWith('..') ? shown : path.resolve(out)} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  if (Object.values(queries).some((q) => q.agree === false)) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exitCode = 1;
});
