// How fast this machine's memory is right now: dependent loads over 4 MB and 64 MB, recorded beside each query's runs.

/**
 * Nanoseconds per load of a pointer chase over `mb` megabytes, one load per 64-byte line in a fixed pseudo-random
 * cycle (so every run walks the same cycle). On a shared VM these drift by 2x within minutes, and every query's
 * throughput with them: results are read against the probe taken right before the query ran.
 */
export function chaseNs(mb: number, steps = 1_000_000): number {
  const words = (mb * 1024 * 1024) / 4;
  const lines = words / 16;
  const next = new Int32Array(words);
  const order = new Int32Array(lines);
  for (let i = 0; i < lines; i++) order[i] = i;
  let seed = 0x2545f491;
  for (let i = lines - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1103515245) + 12345) | 0;
    const j = (seed >>> 1) % (i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  for (let i = 0; i < lines; i++) next[order[i]! * 16] = order[(i + 1) % lines]! * 16;
  let x = 0;
  for (let i = 0; i < lines; i++) x = next[x]!;
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) x = next[x]!;
  const ns = ((performance.now() - t0) * 1e6) / steps;
  return x < 0 ? -1 : ns;
}

export interface MemoryProbe {
  /** Nanoseconds per dependent load over 4 MB (about the last-level cache) and over 64 MB (memory). */
  readonly ns_4mb: number;
  readonly ns_64mb: number;
}

export function probeMemory(): MemoryProbe {
  return { ns_4mb: Math.round(chaseNs(4)), ns_64mb: Math.round(chaseNs(64)) };
}
