// An at-least-once sink that hands every batch to a function (the console sink, an API callback or rxjs Subject).

import { isTidemarkError, TidemarkError } from '../../common/errors.js';
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
    try {
      this.deliver(batch);
    } catch (e) {
      // The user's code failed, not Tidemark: a code of its own rather than INTERNAL_ERROR ("a bug in Tidemark").
      if (isTidemarkError(e)) throw e;
      throw new TidemarkError('RECEIVER_ERROR', `The query's receiver (${this.description}) threw on batch ${batch.batchId}: `
        + `${e instanceof Error ? e.message : String(e)}. The batch is not committed: fix the receiver and RESTART the query, which `
        + 'delivers the batch again with the same id.');
    }
    return false;
  }
}
