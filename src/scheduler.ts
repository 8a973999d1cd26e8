// Runs one query's micro-batch steps on timers, as its trigger says: one step at a time, never a pile-up.

import { assertNever } from '../common/errors.js';
import type { StepLimits } from '../runtime/index.js';
import type { Trigger } from './trigger.js';

/** How long a continuous query that found no new input waits before it looks at its sources again. */
export const POLL_MS = 100;

export type StepResult = 'ran' | 'idle' | 'stopped';

/** What the scheduler drives: a running query. */
export interface SchedulerHost {
  /** Runs one step: 'ran' when batches ran, 'idle' when there was nothing to do, 'stopped' when the query stopped or failed. */
  step(limits: StepLimits): StepResult;
  /** The sources' latest offsets now: an available-now run reads up to these. */
  latestOffsets(): ReadonlyMap<string, number>;
  /** A once or available-now run is over. */
  finished(): void;
}

type Pending = { readonly kind: 'timeout'; readonly handle: NodeJS.Timeout } | { readonly kind: 'immediate'; readonly handle: NodeJS.Immediate };

/**
 * Waits are unref'd timers: a scheduled query that waits for its next tick or for input never keeps a process alive by
 * itself (as Spark's stream threads are daemons); whoever wants to wait for it holds the process with
 * `StreamingQuery.awaitTermination()`. Batches are synchronous, so
 * the next step is only ever scheduled after the previous one returned: a slow batch delays the next, never doubles it.
 */
export class Scheduler {
  private pending: Pending | undefined;
  /** A continuous query that found no input is waiting for its poll timer or a wake(). */
  private waiting = false;
  private cancelled = false;
  private until: ReadonlyMap<string, number> | undefined;

  constructor(
    private readonly trigger: Trigger,
    private readonly host: SchedulerHost,
    private readonly now: () => number = () => Date.now(),
  ) {}

  start(): void {
    if (this.trigger.kind === 'manual') return;
    // Input that arrives after an available-now run started is left for a later run.
    if (this.trigger.kind === 'availableNow') {
      try {
        this.until = this.host.latestOffsets();
      } catch {
        // A source that cannot say what it holds (a files source over a malformed file) throws again in the first
        // step, which fails the query as any failed batch does: it exists, shows FAILED, and can be RESTARTed.
        this.until = undefined;
      }
    }
    this.soon();
  }

  /** New input arrived (an INSERT): a continuous query waiting for input runs now instead of at its next poll. */
  wake(): void {
    if (this.waiting) this.soon();
  }

  cancel(): void {
    this.cancelled = true;
    this.clear();
  }

  private clear(): void {
    const p = this.pending;
    if (p?.kind === 'timeout') clearTimeout(p.handle);
    else if (p?.kind === 'immediate') clearImmediate(p.handle);
    this.pending = undefined;
    this.waiting = false;
  }

  private soon(): void {
    this.clear();
    if (this.cancelled) return;
    // Not unref'd: Node does not wake from its I/O poll for an unref'd immediate, which would then wait for some
    // unrelated event. A step due now is work in progress, not waiting, so holding the process until it ran is right.
    this.pending = { kind: 'immediate', handle: setImmediate(() => this.tick()) };
  }

  private after(ms: number): void {
    this.clear();
    if (this.cancelled) return;
    this.pending = { kind: 'timeout', handle: setTimeout(() => this.tick(), ms).unref() };
  }

  private tick(): void {
    this.pending = undefined;
    this.waiting = false;
    if (this.cancelled) return;
    const t = this.trigger;
    switch (t.kind) {
      case 'manual':
        return;
      case 'continuous': {
        const r = this.host.step({});
        if (r === 'ran') this.soon();
        else if (r === 'idle') {
          this.after(POLL_MS);
          this.waiting = !this.cancelled;
        }
        return;
      }
      case 'interval': {
        const start = this.now();
        if (this.host.step({}) === 'stopped') return;
        const end = this.now();
        const wait = start + t.intervalMs - end;
        // A batch that outlasted its interval is followed at once, by one batch: missed ticks are not made up.
        if (wait > 0) this.after(wait);
        else this.soon();
        return;
      }
      case 'once':
        if (this.host.step({ uncapped: true }) !== 'stopped') this.host.finished();
        return;
      case 'availableNow': {
        const r = this.host.step({ until: this.until });
        if (r === 'ran') this.soon();
        else if (r === 'idle') this.host.finished();
        return;
      }
      default:
        assertNever(t, 'trigger');
    }
  }
}
