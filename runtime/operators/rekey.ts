// Rebuilding the string dictionaries of a group table's keys from its live groups, so they shrink with the state.

import type { GroupTable } from './group-table.js';
import { StringDictionary } from './string-dictionary.js';

/** Strings a key dictionary may hold beyond twice the live groups before it is rebuilt. */
const REKEY_SLACK = 4096;

/**
 * String keys are interned in dictionaries that only grow, while groups leave with the watermark. Once a dictionary
 * holds far more strings than the table has groups, the string lanes (lane `off + j` for `dicts[j]`) of the live
 * groups are interned afresh and every group is re-placed by its new hash; group ids stay. Returns the dictionaries
 * to use from now on (the same array when nothing was rebuilt).
 */
export function rekeyStringLanes(t: GroupTable, dicts: readonly (StringDictionary | undefined)[], off: number): (StringDictionary | undefined)[] {
  if (!dicts.some((d) => d !== undefined && d.size > 2 * t.size + REKEY_SLACK)) return dicts as (StringDictionary | undefined)[];
  const width = t.width;
  const keys = t.keys;
  const out = dicts.map((old, j) => {
    if (!old) return undefined;
    const fresh = new StringDictionary();
    const remap = new Int32Array(old.size).fill(-1);
    const lane = off + j;
    const bit = 1 << lane;
    for (let g = 0; g < t.high; g++) {
      if (!t.live[g] || t.nulls[g]! & bit) continue;
      const k = g * width + lane;
      const was = keys[k]!;
      let id = remap[was]!;
      if (id < 0) id = remap[was] = old.copyInto(fresh, was);
      keys[k] = id;
    }
    return fresh;
  });
  t.rehashAll();
  return out;
}
