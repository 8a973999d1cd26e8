// UNION ALL: passes every input's batches on under the union's schema (the planner cast the inputs to its types).

import type * as arrow from 'apache-arrow';
import type { Schema } from '../../common/types.js';
import { makeBatch } from '../vec.js';
import type { Operator } from './operator.js';

export class UnionOperator implements Operator {
  constructor(readonly schema: Schema) {}

  /** Same columns, renamed: inputs name their columns after their own SELECT, the union after its first. */
  process(batch: arrow.RecordBatch): arrow.RecordBatch[] {
    return [makeBatch(this.schema, batch.data.children, batch.numRows)];
  }

  finish(): arrow.RecordBatch[] {
    return [];
  }
}
