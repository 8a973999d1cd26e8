// An at-least-once sink that hands every batch to a function (the console sink, an API callback or rxjs Subject).

import type { Sink, SinkBatch } from './sink.js';

/**
 * Calls `deliver` with every batch before the query commits it, like Spark's foreachBatch: when `deliver` throws, the
 * batch fails and is not committed; after a crash or a failure, a restart delivers the uncommitted batch again with the
 * same id and rows, so a receiver that must not apply a batch twice remembers the ids it has seen.
 */
export class CallbackSink implements Sink {
  constructor(readonly description: string, private readonly deliver: (batch: SinkBatch) => void) {}

  open(): void {
    // Nothing is kept.
  }

  addBatch(batch: SinkBatch): boolean {
    this.deliver(batch);
    return false;
  }
}
