// Checkpoint rows of a hash aggregation: one per group, key lanes, NULL mask, eviction time, op, accumulator state.

import type * as arrow from 'apache-arrow';
import { TidemarkError } from '../../common/errors.js';
import type { DataType, Schema } from '../../common/types.js';
import { StrBuilder } from '../kernels/utf8.js';
import { batchFromVecs, type Vec } from '../vec.js';
import type { Accumulator } from './accumulators.js';
import type { GroupTable } from './group-table.js';
import type { StringDictionary } from './string-dictionary.js';

/**
 * Columns of a state row: key lanes (strings as STRING, the window lane first when `off` is 1), `_nulls`, `_ev`
 * (eviction time, informative: it is recomputed from the keys), `_op` (0 upsert, 1 delete), then accumulators.
 */
export function aggregateStateSchema(width: number, off: number, dicts: readonly (StringDictionary | undefined)[],
  accs: readonly Accumulator[]): Schema {
  const f = (name: string, type: DataType): Schema[number] => ({ name, type, nullable: true });
  const lanes = Array.from({ length: width }, (_, l) => f(`_k${l}`, l >= off && dicts[l - off] ? 'STRING' : 'DOUBLE'));
  return [...lanes, f('_nulls', 'DOUBLE'), f('_ev', 'DOUBLE'), f('_op', 'DOUBLE'),
    ...accs.flatMap((a, j) => a.stateTypes.map((t, c) => f(`_a${j}_${c}`, t)))];
}

/**
 * Refuses state rows whose columns differ from what this operator writes (a checkpoint from a version with another
 * state layout, e.g. before integer sums kept two words), instead of misreading them.
 */
export function checkStateColumns(batch: arrow.RecordBatch, schema: Schema, stateId: string): void {
  const names = batch.schema.fields.map((f) => f.name);
  if (names.length === schema.length && schema.every((f, i) => f.name === names[i])) return;
  throw new TidemarkError('CHECKPOINT_ERROR', `The checkpointed state of ${stateId} has columns (${names.join(', ')}), not the `
    + `(${schema.map((f) => f.name).join(', ')}) this version keeps: it was written by another version of Tidemark. `
    + 'Drop the query and create it again to start over, or run it with the version that wrote the checkpoint.');
}

export interface StateRowsInput {
  readonly table: GroupTable;
  readonly off: number;
  readonly dicts: readonly (StringDictionary | undefined)[];
  readonly accs: readonly Accumulator[];
  /** Live groups to write (upserts). */
  readonly ids: Int32Array;
  /** Groups were evicted up to this eviction time since the last delta (-Infinity: none). */
  readonly evictedUpTo: number;
  /** A group's eviction time is key lane `evictionLane` plus `evictionOffset` (no lane: groups are not evicted, 0). */
  readonly evictionLane: number | undefined;
  readonly evictionOffset: number;
}

/**
 * State rows of live groups `ids`, then (when groups were evicted) one row with `_op` 2 and the eviction time in
 * `_ev`: eviction takes every group whose eviction time is at or below it, so a replay removes the same groups
 * without a row per group. That row's accumulator columns repeat group 0's state (the caller makes sure group 0
 * exists in the accumulators). Older checkpoints delete groups one by one (`_op` 1), which a replay still reads.
 */
export function aggregateStateBatch(s: StateRowsInput): arrow.RecordBatch {
  const t = s.table;
  const width = t.width;
  const ids = s.ids;
  const live = ids.length;
  const n = live + (s.evictedUpTo > -Infinity ? 1 : 0);
  const masks = new Int32Array(n);
  const ev = new Float64Array(n);
  const op = new Float64Array(n);
  const accIds = new Int32Array(n);
  const nulls = t.nulls;
  let anyNull = 0;
  for (let i = 0; i < live; i++) {
    const g = ids[i]!;
    const m = nulls[g]!;
    masks[i] = m;
    anyNull |= m;
    accIds[i] = g;
  }
  const keys = t.keys;
  if (s.evictionLane !== undefined) {
    const lane = s.evictionLane;
    const offset = s.evictionOffset;
    for (let i = 0; i < live; i++) ev[i] = keys[ids[i]! * width + lane]! + offset;
  }
  if (n > live) {
    // Every key lane NULL, so no string is looked up.
    masks[live] = (1 << width) - 1;
    ev[live] = s.evictedUpTo;
    op[live] = 2;
  }
  // Each lane is gathered straight from the table's keys (NULL lanes as 0, as the table keeps them).
  const lanes: Vec[] = [];
  for (let l = 0; l < width; l++) {
    const dict = l >= s.off ? s.dicts[l - s.off] : undefined;
    const bit = 1 << l;
    if (dict) {
      const b = new StrBuilder(n, Math.ceil(n * dict.averageBytes) + 16);
      for (let i = 0; i < n; i++) {
        if (masks[i]! & bit) b.pushNull();
        else dict.appendTo(b, keys[ids[i]! * width + l]!);
      }
      lanes.push(b.finish());
      continue;
    }
    const values = new Float64Array(n);
    if (anyNull) for (let i = 0; i < live; i++) values[i] = masks[i]! & bit ? 0 : keys[ids[i]! * width + l]!;
    else for (let i = 0; i < live; i++) values[i] = keys[ids[i]! * width + l]!;
    lanes.push({ kind: 'f64', length: n, values, valid: null });
  }
  const f64 = (values: Float64Array): Vec => ({ kind: 'f64', length: n, values, valid: null });
  const accCols = s.accs.flatMap((a) => a.saveState(accIds, n));
  return batchFromVecs(aggregateStateSchema(width, s.off, s.dicts, s.accs), [...lanes, f64(Float64Array.from(masks)), f64(ev), f64(op), ...accCols], n);
}
