// Reads JSON Lines: one JSON object per line, fields by column name (missing → NULL, extra fields ignored).

import type { Schema } from '../../common/types.js';
import type { ScalarValue } from '../../planner/index.js';
import { Rejected, fromJson } from './coerce.js';
import { RecordCollector, columnResolver, type DecodedFile } from './decoded-file.js';

/**
 * Every non-blank line is a record (LF or CRLF endings; the last line needs no newline). A line that is not a JSON
 * object, or whose fields do not fit their columns, is a malformed record at that line.
 */
export function readJsonl(text: string, schema: Schema): DecodedFile {
  const out = new RecordCollector(schema);
  const resolve = columnResolver(schema);
  const values: ScalarValue[] = schema.map(() => null);
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 0;
  while (start < text.length) {
    line++;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const next = end + 1;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    const raw = text.slice(start, end);
    start = next;
    if (raw.trim() === '') continue;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch {
      // V8's own message differs between Node versions: the reason stays stable, the raw line shows the rest.
      out.bad(line, raw, 'invalid JSON');
      continue;
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      out.bad(line, raw, 'not a JSON object');
      continue;
    }
    const rec = obj as Record<string, unknown>;
    values.fill(null);
    const seen = new Uint8Array(schema.length);
    let why: string | undefined;
    for (const key of Object.keys(rec)) {
      const c = resolve(key);
      if (c < 0) continue;
      // A field named exactly like the column wins over one that differs only in case, wherever it stands in the line.
      const name = schema[c]!.name;
      if (key !== name && (seen[c] || Object.hasOwn(rec, name))) continue;
      seen[c] = 1;
      const v = fromJson(rec[key], schema[c]!);
      if (v instanceof Rejected) {
        why = v.reason;
        break;
      }
      values[c] = v;
    }
    if (why === undefined) {
      for (let c = 0; c < schema.length && why === undefined; c++) {
        if (!seen[c] && !schema[c]!.nullable) why = `column '${schema[c]!.name}' (${schema[c]!.type}): missing in a NOT NULL column`;
      }
    }
    if (why !== undefined) out.bad(line, raw, why);
    else out.row(values);
  }
  return out.finish();
}
