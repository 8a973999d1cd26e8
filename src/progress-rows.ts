// SHOW PROGRESS: a query's last progress flattened into (field, value) rows, fields named by their JSON path.

import type { BatchProgress } from '../runtime/index.js';

type Json = string | number | boolean | null | readonly Json[] | { readonly [k: string]: Json };

/**
 * Every leaf of the progress in JSON order, named like `durationMs.addBatch` or `stateOperators[0].numRowsTotal`;
 * values as JSON prints them (strings without quotes), null for JSON null.
 */
export function progressRows(p: BatchProgress): [string, string | null][] {
  const out: [string, string | null][] = [];
  const walk = (path: string, v: Json): void => {
    if (v === null) out.push([path, null]);
    else if (Array.isArray(v)) (v as readonly Json[]).forEach((x, i) => walk(`${path}[${i}]`, x));
    else if (typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(path ? `${path}.${k}` : k, x);
    else out.push([path, typeof v === 'string' ? v : JSON.stringify(v)]);
  };
  // Through JSON, so the rows show exactly what `tidemark run --progress` writes.
  walk('', JSON.parse(JSON.stringify(p)) as Json);
  return out;
}

/** A SHOW ... LIKE pattern as Spark reads it: `*` matches any characters, `|` separates alternatives, case-insensitive. */
export function likePattern(pattern: string): RegExp {
  const alts = pattern.split('|').map((a) => a.trim().split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*'));
  return new RegExp(`^(?:${alts.join('|')})$`, 'i');
}
