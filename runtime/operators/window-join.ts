// Window join: an inner stream–stream join whose pairs always arrive in one micro-batch (planner/window-join.ts).

import type * as arrow from 'apache-arrow';
import type { Schema } from '../../common/types.js';
import type { PhysicalNode } from '../../planner/index.js';
import type { Operator } from './operator.js';
import { StreamTableJoinOperator } from './stream-table-join.js';

type JoinNode = Extract<PhysicalNode, { kind: 'join' }>;

/**
 * Both inputs are aggregations that emit each window once, in the batch whose watermark closes it, so the rows of a
 * micro-batch join among themselves and are forgotten: no state, nothing to checkpoint, no row ever late. At the
 * end of the batch the smaller side is hashed and the other probes it (the stream–table join's code, with this
 * batch's rows of one side as the table).
 */
export class WindowJoinOperator implements Operator {
  readonly schema: Schema;
  private pending: [arrow.RecordBatch[], arrow.RecordBatch[]] = [[], []];
  /** The rows being hashed (what the stream–table join reads as its table). */
  private build: readonly arrow.RecordBatch[] = [];
  /** Probing with the left rows (the right ones hashed), or with the right rows. */
  private readonly probeLeft: StreamTableJoinOperator;
  private readonly probeRight: StreamTableJoinOperator;

  constructor(node: JoinNode) {
    if (node.joinType !== 'inner') throw new Error(`a window join is inner, not ${node.joinType}`);
    this.schema = node.schema;
    this.probeLeft = new StreamTableJoinOperator(node, true, () => [...this.build]);
    this.probeRight = new StreamTableJoinOperator(node, false, () => [...this.build]);
  }

  process(batch: arrow.RecordBatch, _ctx: unknown, port = 0): arrow.RecordBatch[] {
    if (batch.numRows > 0) this.pending[port === 0 ? 0 : 1].push(batch);
    return [];
  }

  finish(): arrow.RecordBatch[] {
    const [left, right] = this.pending;
    this.pending = [[], []];
    if (!left.length || !right.length) return [];
    const rows = (bs: readonly arrow.RecordBatch[]): number => bs.reduce((s, b) => s + b.numRows, 0);
    const hashRight = rows(right) <= rows(left);
    const join = hashRight ? this.probeLeft : this.probeRight;
    this.build = hashRight ? right : left;
    join.begin();
    this.build = [];
    return (hashRight ? left : right).flatMap((b) => join.process(b));
  }
}
