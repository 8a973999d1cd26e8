// Peak resident set size sampled from a worker thread, so that it keeps sampling while the main thread runs a query.

import { Worker } from 'node:worker_threads';

// Plain JavaScript run by the worker (eval'd as a CommonJS script): folds RSS in KiB into a shared running maximum.
const WORKER_CODE = `
const { workerData } = require('node:worker_threads');
const peak = new Int32Array(workerData.buffer);
setInterval(() => {
  const kib = Math.round(process.memoryUsage.rss() / 1024);
  let cur = Atomics.load(peak, 0);
  while (kib > cur) {
    const seen = Atomics.compareExchange(peak, 0, cur, kib);
    if (seen === cur) break;
    cur = seen;
  }
}, workerData.intervalMs);
`;

const rssKib = (): number => Math.round(process.memoryUsage.rss() / 1024);

export class RssSampler {
  private readonly peak = new Int32Array(new SharedArrayBuffer(4));
  private readonly worker: Worker;

  constructor(intervalMs = 2) {
    this.worker = new Worker(WORKER_CODE, { eval: true, workerData: { buffer: this.peak.buffer, intervalMs } });
    this.worker.unref();
  }

  /** Starts a new measurement window at the current RSS. */
  reset(): void {
    Atomics.store(this.peak, 0, rssKib());
  }

  /** Peak RSS in MiB since the last reset (also sampling now, in case the window was shorter than the interval). */
  peakMb(): number {
    const kib = Math.max(Atomics.load(this.peak, 0), rssKib());
    return kib / 1024;
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

export const currentRssMb = (): number => rssKib() / 1024;
