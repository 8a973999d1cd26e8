// Row keys for hash tables: one string per distinct tuple of column values (strings are length-prefixed).

import { strAt } from './kernels/utf8.js';
import type { Vec } from './vec.js';

/** Encodes one row's key parts into a string that is unique per distinct tuple (strings are length-prefixed). */
export function keyPart(v: Vec, r: number): string {
  if (v.valid && !v.valid[r]) return '~';
  switch (v.kind) {
    case 'f64': return String(v.values[r]);
    case 'bool': return v.values[r] ? 'T' : 'F';
    case 'str': {
      const s = strAt(v, r);
      return `${s.length}:${s}`;
    }
  }
}

