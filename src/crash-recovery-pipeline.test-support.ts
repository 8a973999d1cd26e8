// The input of the file-pipeline crash test (crash-recovery-pipeline.test.ts): seeded JSONL files in event-time order,
// the order they are published in, the windows they close, and the feeder that publishes them while the CLI runs.

import * as fs from 'node:fs';
import * as path from 'node:path';

export const KILLS = 20;
/** Files published while each child lives (the last, never killed child gets one share too). */
export const FILES_PER_ROUND = 8;
export const FILES = FILES_PER_ROUND * (KILLS + 1);
export const T0 = Date.UTC(2024, 0, 1);
/** Row g's event time is T0 + g * STEP_MS less a jitter under JITTER_MS; a file holds up to MAX_ROWS rows (the test's header says why). */
export const STEP_MS = 10;
export const JITTER_MS = 1500;
export const MAX_ROWS = 100;
export const DELAY_MS = 5000;
export const WINDOW_MS = 1000;

/** mulberry32: a small seeded PRNG, so that input and kill moments replay from the seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Row { readonly sensor: number; readonly v: number; readonly ts: number }

/** The input files, in name order: 0 to MAX_ROWS rows each, now and then an empty file. */
export function makeInput(rand: () => number): Row[][] {
  let g = 0;
  return Array.from({ length: FILES }, () => Array.from({ length: rand() < 0.05 ? 0 : Math.floor(rand() * (MAX_ROWS + 1)) }, () => ({
    sensor: 1 + Math.floor(rand() * 8),
    v: Math.floor(rand() * 1000),
    ts: T0 + g++ * STEP_MS - Math.floor(rand() * JITTER_MS),
  })));
}

/**
 * The order files are published in: name order with some neighbours swapped, never two swaps overlapping. Every
 * round's share ends with a swap across the kill (its last file comes before the one named before it, which comes in
 * the next round), so that a child that read its share logs a file whose predecessor the restarted child will list
 * first: the restart must keep the logged order.
 */
export function arrivalOrder(rand: () => number): number[] {
  const order = Array.from({ length: FILES }, (_, i) => i);
  for (let i = 0; i + 1 < FILES;) {
    const boundary = i % FILES_PER_ROUND === FILES_PER_ROUND - 1;
    // The pair ending a round's share, or another pair that does not take the place before one.
    if (boundary || rand() < (i % FILES_PER_ROUND === FILES_PER_ROUND - 2 ? 0 : 0.2)) {
      [order[i], order[i + 1]] = [order[i + 1]!, order[i]!];
      i += 2;
    } else {
      i += 1;
    }
  }
  return order;
}

export const fileName = (i: number): string => `in-${String(i).padStart(5, '0')}.jsonl`;
export const iso = (ms: number): string => new Date(ms).toISOString();
export const rowText = (ws: number, rest: readonly (number | string)[]): string => [iso(ws), ...rest.map(String)].join('\t');

/** The windows the final watermark (max event time - 5 s) closes, worked out from the input: the expected output. */
export function expectedOutput(files: readonly Row[][]): { rows: string[]; watermark: number } {
  const groups = new Map<string, { ws: number; sensor: number; n: number; total: number; top: number }>();
  let max = -Infinity;
  for (const r of files.flat()) {
    max = Math.max(max, r.ts);
    const ws = Math.floor((r.ts - T0) / WINDOW_MS) * WINDOW_MS + T0;
    const k = `${ws}/${r.sensor}`;
    const g = groups.get(k) ?? { ws, sensor: r.sensor, n: 0, total: 0, top: -Infinity };
    groups.set(k, { ...g, n: g.n + 1, total: g.total + r.v, top: Math.max(g.top, r.v) });
  }
  const watermark = max - DELAY_MS;
  const rows = [...groups.values()].filter((g) => g.ws + WINDOW_MS <= watermark)
    .map((g) => rowText(g.ws, [g.sensor, g.n, g.total, g.top])).sort();
  return { rows, watermark };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Publishes the input files one at a time, as the files source asks: written under a hidden name, then renamed. */
export class Feeder {
  /** (round + 1) * FILES_PER_ROUND files may be published: arrivals keep pace with the kills. */
  round = 0;
  published = 0;
  /** Set when the test ends early: publish nothing more. */
  stopped = false;
  readonly done: Promise<void>;

  constructor(private readonly dir: string, private readonly files: readonly Row[][], order: readonly number[], rand: () => number) {
    const gaps = order.map(() => 10 + Math.floor(rand() * 90));
    this.done = this.run(order, gaps);
  }

  private async run(order: readonly number[], gaps: readonly number[]): Promise<void> {
    for (let k = 0; k < order.length; k++) {
      while (Math.floor(k / FILES_PER_ROUND) > this.round && !this.stopped) await sleep(10);
      await sleep(gaps[k]!);
      if (this.stopped) return;
      const i = order[k]!;
      const text = this.files[i]!.map((r) => JSON.stringify({ sensor: r.sensor, v: r.v, ts: iso(r.ts) }) + '\n').join('');
      const hidden = path.join(this.dir, `.${fileName(i)}.tmp`);
      fs.writeFileSync(hidden, text);
      fs.renameSync(hidden, path.join(this.dir, fileName(i)));
      this.published = k + 1;
    }
  }
}

