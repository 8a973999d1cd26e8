// Grouping and join keys as float64 lanes for the group table (strings as dictionary ids, NULLs as mask bits), and back.

import type { DataType } from '../../common/types.js';
import { StrBuilder } from '../kernels/utf8.js';
import type { Vec } from '../vec.js';
import type { GroupTable } from './group-table.js';
import type { StringDictionary } from './string-dictionary.js';

export interface KeyLanes {
  /** One lane per key column; 0 where the key is NULL (so equal keys have equal lanes). */
  readonly lanes: Float64Array[];
  /** Per row, bit (j + bitOffset) set when key j is NULL; null when no key is NULL. */
  readonly masks: Int32Array | null;
}

/**
 * Numeric lanes are used as they are unless they hold NULLs (then copied and zeroed); booleans become 0/1;
 * strings are interned into `dicts[j]`, whose ids then stand for them in the lane.
 */
export function keyLanes(keys: readonly Vec[], n: number, dicts: readonly (StringDictionary | undefined)[], bitOffset = 0): KeyLanes {
  let masks: Int32Array | null = null;
  const lanes = keys.map((v, j) => {
    let values: Float64Array;
    switch (v.kind) {
      case 'f64': values = v.values; break;
      case 'bool': values = new Float64Array(n); values.set(v.values.subarray(0, n)); break;
      case 'str':
        values = new Float64Array(n);
        dicts[j]!.internVec(v, values);
        break;
    }
    const valid = v.valid;
    if (!valid) return values;
    masks ??= new Int32Array(n);
    if (v.kind === 'f64') values = values.slice(0, n);
    const bit = 1 << (j + bitOffset);
    for (let r = 0; r < n; r++) if (!valid[r]) { masks[r]! |= bit; values[r] = 0; }
    return values;
  });
  return { lanes, masks };
}

/** Key column `lane` of groups `groups` of table `t`, back in its SQL type (strings from `dict`, NULLs by mask bit). */
export function keyColumn(t: GroupTable, groups: ArrayLike<number>, lane: number, dict: StringDictionary | undefined, type: DataType): Vec {
  const n = groups.length;
  const width = t.width;
  const bit = 1 << lane;
  let valid: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    if (t.nulls[groups[i]!]! & bit) {
      valid ??= new Uint8Array(n).fill(1);
      valid[i] = 0;
    }
  }
  if (dict) {
    const b = new StrBuilder(n, Math.ceil(n * dict.averageBytes) + 16);
    for (let i = 0; i < n; i++) {
      if (valid && !valid[i]) b.pushNull();
      else dict.appendTo(b, t.keys[groups[i]! * width + lane]!);
    }
    return b.finish();
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = t.keys[groups[i]! * width + lane]!;
  return type === 'BOOLEAN' ? { kind: 'bool', length: n, values: new Uint8Array(values), valid } : { kind: 'f64', length: n, values, valid };
}
