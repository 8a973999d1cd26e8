// Stream–table join: each micro-batch hashes the table as it is now, then probes it with every stream row.

import type * as arrow from 'apache-arrow';
import type { DataType } from '../../common/types.js';
import type { BoundExpr, PhysicalNode } from '../../planner/index.js';
import { compileExpr, evalInput } from '../kernels/compile-expr.js';
import type { Kernel } from '../kernels/kernel.js';
import { batchFromVecs, column, gather, gatherOrNull, type Vec } from '../vec.js';
import { GroupTable } from './group-table.js';
import { materialize, splitCondition } from './hash-join.js';
import type { Operator } from './operator.js';
import { StringDictionary } from './string-dictionary.js';
import { keyLanes } from './key-lanes.js';

type JoinNode = Extract<PhysicalNode, { kind: 'join' }>;

/**
 * Per key lane, its value when it is the same on every row with a non-NULL key (equal as the group table compares:
 * NaN equals NaN), else undefined. No row with a key: every lane varies (nothing to compare against).
 */
function constantLanes(lanes: readonly Float64Array[], nullKey: Uint8Array, n: number): (number | undefined)[] {
  let first = 0;
  while (first < n && nullKey[first]) first++;
  if (first === n) return lanes.map(() => undefined);
  return lanes.map((lane) => {
    const c = lane[first]!;
    for (let r = first + 1; r < n; r++) {
      const v = lane[r]!;
      if (v !== c && (v === v || c === c) && !nullKey[r]) return undefined;
    }
    return c;
  });
}

/** Grow-only list of int32 pairs. */
class Pairs {
  a: Int32Array;
  b: Int32Array;
  n = 0;
  constructor(capacity = 256) {
    this.a = new Int32Array(Math.max(16, capacity));
    this.b = new Int32Array(Math.max(16, capacity));
  }
  push(x: number, y: number): void {
    if (this.n === this.a.length) {
      const a = new Int32Array(this.n * 2);
      a.set(this.a);
      this.a = a;
      const b = new Int32Array(this.n * 2);
      b.set(this.b);
      this.b = b;
    }
    this.a[this.n] = x;
    this.b[this.n++] = y;
  }
}

/**
 * The table side is a batch sub-plan (`table()` runs it over the table's current rows), so the join sees rows
 * inserted between micro-batches; nothing is kept from one batch to the next, so it holds no checkpointed state.
 * Inner joins and outer joins that keep the stream side (LEFT with the stream on the left, RIGHT with it on the
 * right); the planner refuses the others, which would have to decide when a table row can no longer match.
 */
export class StreamTableJoinOperator implements Operator {
  readonly schema;
  private readonly streamKeys: Kernel[];
  private readonly tableKeys: Kernel[];
  private readonly keyTypes: DataType[];
  private readonly residual: Kernel | undefined;
  private readonly outer: boolean;
  private readonly nLeft: number;
  // Rebuilt at the start of every micro-batch.
  private tableCols: Vec[] = [];
  private groups = new GroupTable(1);
  private dicts: (StringDictionary | undefined)[] = [];
  /** Table rows of group g: rows[offsets[g] .. offsets[g + 1]). */
  private offsets = new Int32Array(1);
  private rows = new Int32Array(0);
  private tableRows = 0;
  /**
   * Key lanes equal on every table row (the window of a window join, say) are checked against that value instead of
   * hashed: `constants[j]` is lane j's value, or undefined when lane j varies and is a lane of the hash table.
   */
  private constants: (number | undefined)[] = [];

  constructor(private readonly node: JoinNode, private readonly streamLeft: boolean, private readonly table: () => arrow.RecordBatch[]) {
    this.schema = node.schema;
    this.nLeft = node.left.schema.length;
    const split = splitCondition(node.condition, this.nLeft);
    const [streamSide, tableSide] = streamLeft ? [split.left, split.right] : [split.right, split.left];
    this.streamKeys = streamSide.map(compileExpr);
    this.tableKeys = tableSide.map(compileExpr);
    this.keyTypes = streamSide.map((e) => e.type);
    this.residual = split.residual.length
      ? compileExpr(split.residual.reduce((a, b): BoundExpr => ({ kind: 'and', left: a, right: b, type: 'BOOLEAN' })))
      : undefined;
    this.outer = node.joinType === (streamLeft ? 'left' : 'right');
  }

  private get streamSchema(): PhysicalNode['schema'] {
    return this.streamLeft ? this.node.left.schema : this.node.right.schema;
  }

  private get tableSchema(): PhysicalNode['schema'] {
    return this.streamLeft ? this.node.right.schema : this.node.left.schema;
  }

  /** Key columns as float64 lanes (strings by a per-batch dictionary) and which rows have a NULL key (no match). */
  private keyLanes(keys: readonly Vec[], n: number): { lanes: Float64Array[]; nullKey: Uint8Array } {
    const { lanes, masks } = keyLanes(keys, n, this.dicts);
    const nullKey = new Uint8Array(n);
    if (masks) for (let r = 0; r < n; r++) nullKey[r] = masks[r] ? 1 : 0;
    return { lanes, nullKey };
  }

  begin(): arrow.RecordBatch[] {
    const t = materialize(this.table(), this.tableSchema);
    this.tableCols = t.cols;
    this.tableRows = t.n;
    this.dicts = this.keyTypes.map((ty) => (ty === 'STRING' ? new StringDictionary() : undefined));
    const inp = evalInput(t.n, (i) => t.cols[i]!);
    const keyed = this.keyLanes(this.tableKeys.map((k) => k(inp)), t.n);
    const nullKey = keyed.nullKey;
    this.constants = constantLanes(keyed.lanes, nullKey, t.n);
    const lanes = keyed.lanes.filter((_, j) => this.constants[j] === undefined);
    // Sized for every table row up front (a table of distinct keys would otherwise rehash its way up from 1024), and
    // kept for the next batch when it is big enough: its memory is then already mapped and warm.
    if (this.groups.width === lanes.length && this.groups.capacity >= t.n) this.groups.clear();
    else this.groups = new GroupTable(lanes.length, Math.max(1024, t.n));
    const gid = new Int32Array(t.n);
    this.groups.findOrInsertMany(lanes, null, t.n, gid);
    // Counting sort of table rows by group (rows with a NULL key are left out: they match nothing).
    const count = new Int32Array(this.groups.high + 1);
    for (let r = 0; r < t.n; r++) {
      if (gid[r]! < 0) gid[r] = ~gid[r]!;
      if (!nullKey[r]) count[gid[r]! + 1]!++;
    }
    for (let g = 0; g < this.groups.high; g++) count[g + 1]! += count[g]!;
    this.offsets = count.slice();
    this.rows = new Int32Array(t.n);
    for (let r = 0; r < t.n; r++) if (!nullKey[r]) this.rows[count[gid[r]!]!++] = r;
    return [];
  }

  process(batch: arrow.RecordBatch): arrow.RecordBatch[] {
    const n = batch.numRows;
    if (n === 0) return [];
    const schema = this.streamSchema;
    const inp = evalInput(n, (i) => column(batch, i, schema[i]!.type));
    const pairs = new Pairs(n);
    if (this.streamKeys.length === 0) {
      // No equality to hash on: every table row is a candidate (the residual condition decides).
      for (let r = 0; r < n; r++) for (let t = 0; t < this.tableRows; t++) pairs.push(r, t);
    } else {
      const keyed = this.keyLanes(this.streamKeys.map((k) => k(inp)), n);
      const nullKey = keyed.nullKey;
      // A row whose key differs from a constant lane matches no table row.
      const constants = this.constants;
      for (let j = 0; j < constants.length; j++) {
        const c = constants[j];
        if (c === undefined) continue;
        const lane = keyed.lanes[j]!;
        for (let r = 0; r < n; r++) {
          const v = lane[r]!;
          if (v !== c && (v === v || c === c)) nullKey[r] = 1;
        }
      }
      const lanes = keyed.lanes.filter((_, j) => constants[j] === undefined);
      const gid = new Int32Array(n);
      this.groups.findMany(lanes, null, n, gid);
      const offsets = this.offsets;
      const rows = this.rows;
      for (let r = 0; r < n; r++) {
        const g = gid[r]!;
        if (nullKey[r] || g < 0) continue;
        for (let k = offsets[g]!; k < offsets[g + 1]!; k++) pairs.push(r, rows[k]!);
      }
    }
    if (!this.residual && !this.outer) {
      // Every pair is a result row.
      return pairs.n ? [batchFromVecs(this.schema, this.joinedColumns(inp, pairs.a, pairs.b, pairs.n), pairs.n)] : [];
    }
    let keep: Uint8Array | undefined;
    if (this.residual && pairs.n) {
      const joined = this.joinedColumns(inp, pairs.a, pairs.b, pairs.n);
      const v = this.residual(evalInput(pairs.n, (i) => joined[i]!));
      keep = new Uint8Array(pairs.n);
      if (v.kind === 'bool') for (let i = 0; i < pairs.n; i++) keep[i] = v.values[i]! & (v.valid ? v.valid[i]! : 1);
    }
    const out = new Pairs(pairs.n);
    const matched = new Uint8Array(n);
    for (let i = 0; i < pairs.n; i++) {
      if (keep && !keep[i]) continue;
      out.push(pairs.a[i]!, pairs.b[i]!);
      matched[pairs.a[i]!] = 1;
    }
    if (this.outer) for (let r = 0; r < n; r++) if (!matched[r]) out.push(r, -1);
    if (out.n === 0) return [];
    return [batchFromVecs(this.schema, this.joinedColumns(inp, out.a, out.b, out.n), out.n)];
  }

  /** Columns of the joined rows (stream row s[i], table row t[i] or NULLs when t[i] < 0) in the join's order. */
  private joinedColumns(inp: ReturnType<typeof evalInput>, s: Int32Array, t: Int32Array, n: number): Vec[] {
    const stream = this.streamSchema.map((_, i) => gather(inp.col(i), s, n));
    const table = this.tableCols.map((c) => gatherOrNull(c, t, n));
    return this.streamLeft ? [...stream, ...table] : [...table, ...stream];
  }

  finish(): arrow.RecordBatch[] {
    return [];
  }
}
