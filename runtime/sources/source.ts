// The streaming source contract: offsets are row positions, so any range can be read again identically.

import type * as arrow from 'apache-arrow';
import type { Schema } from '../../common/types.js';

export interface StreamSource {
  readonly name: string;
  readonly schema: Schema;
  /** Offset one past the last row available now. */
  latestOffset(): number;
  /** Rows [start, end) as record batches; the same range always yields the same rows. */
  read(start: number, end: number): arrow.RecordBatch[];
  /** Cap on rows per micro-batch, if any. */
  readonly maxRowsPerBatch: number | undefined;
  /** Where a new query starts reading. */
  readonly startAtLatest: boolean;
}
