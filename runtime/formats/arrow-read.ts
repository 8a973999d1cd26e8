// Reads Arrow IPC files (file or stream format): columns by name, each cast to its column's type, a record per row.

import * as arrow from 'apache-arrow';
import { DateUnit, Precision, TimeUnit } from 'apache-arrow';
import type { Field, Schema } from '../../common/types.js';
import type { ScalarValue } from '../../planner/index.js';
import { tryParseTimestamp } from '../../common/time.js';
import { RecordCollector, columnResolver, unreadableFile, type DecodedFile } from './decoded-file.js';

const MAX_SAFE = 9007199254740991n;
const MICROS_PER = [1_000_000n, 1000n, 1n] as const;

/** Why one value does not fit, or undefined. */
type Check = (v: unknown) => ScalarValue | { readonly reason: string };

const bad = (f: Field, why: string): { reason: string } => ({ reason: `column '${f.name}' (${f.type}): ${why}` });

function integer(f: Field, v: number | bigint): ScalarValue | { reason: string } {
  if (typeof v === 'bigint') {
    if (v > MAX_SAFE || v < -MAX_SAFE) return bad(f, `${v} is beyond ±9007199254740991 (2^53 - 1), the exact range of BIGINT in Tidemark`);
    v = Number(v);
  }
  if (f.type === 'INT' && (v < -2147483648 || v > 2147483647)) return bad(f, `${v} is out of INT range`);
  return v;
}

/** How values of an Arrow type become values of column `f`, or a reason the whole column cannot. */
function caster(type: arrow.DataType, f: Field): Check | string {
  const t: arrow.DataType = arrow.DataType.isDictionary(type) ? (type as arrow.Dictionary<arrow.Utf8>).dictionary : type;
  const isInt = arrow.DataType.isInt(t);
  const isFloat = arrow.DataType.isFloat(t) && (t as arrow.Float).precision !== Precision.HALF;
  const isString = arrow.DataType.isUtf8(t) || arrow.DataType.isLargeUtf8(t);
  switch (f.type) {
    case 'STRING':
    case 'NULL':
      if (isString) return (v) => v as string;
      break;
    case 'BOOLEAN':
      if (arrow.DataType.isBool(t)) return (v) => v as boolean;
      break;
    case 'INT':
    case 'BIGINT':
      if (isInt) return (v) => integer(f, v as number | bigint);
      break;
    case 'DOUBLE':
      if (isInt || isFloat) return (v) => Number(v as number | bigint);
      break;
    case 'TIMESTAMP':
      // Timestamps and dates are read from their raw integers (see rawTimes); strings are parsed.
      if (isString) return (v) => tryParseTimestamp(v as string) ?? bad(f, `'${String(v)}' is not a timestamp (use YYYY-MM-DD HH:MM:SS)`);
      if (arrow.DataType.isTimestamp(t) || arrow.DataType.isDate(t)) return (v) => v as number;
      break;
    default:
      break;
  }
  return `column '${f.name}' is ${(type as unknown as { toString(): string }).toString()} in the file, which does not convert to ${f.type}`;
}

/** TIMESTAMP micros of a timestamp or date column, read from its integers (Arrow JS rounds them to milliseconds). */
function rawTimes(vector: arrow.Vector): (number | null)[] {
  const out: (number | null)[] = [];
  for (const d of vector.data) {
    const type = d.type as arrow.Timestamp | arrow.Date_;
    const values = d.values as BigInt64Array | Int32Array;
    for (let i = 0; i < d.length; i++) {
      if (!d.getValid(i)) {
        out.push(null);
        continue;
      }
      if (arrow.DataType.isDate(type)) {
        out.push(type.unit === DateUnit.DAY ? Number(values[i]!) * 86_400_000_000 : Number(values[i]!) * 1000);
        continue;
      }
      const unit = (type as arrow.Timestamp).unit;
      const v = BigInt(values[i]!);
      out.push(Number(unit === TimeUnit.NANOSECOND ? (v >= 0n ? v / 1000n : -((-v + 999n) / 1000n)) : v * MICROS_PER[unit]));
    }
  }
  return out;
}

const json = (row: unknown): string => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

/**
 * Decodes an Arrow IPC file. Columns the file lacks are NULL; a column whose type cannot convert, or bytes that
 * are not Arrow IPC, make the whole file one malformed record; a value out of range makes its row malformed.
 */
export function readArrow(bytes: Uint8Array, schema: Schema): DecodedFile {
  let table: arrow.Table;
  try {
    table = arrow.tableFromIPC(bytes);
  } catch (e) {
    return unreadableFile(schema, `not an Arrow IPC file (${(e as Error).message})`);
  }
  if (bytes.length > 0 && table.schema.fields.length === 0) return unreadableFile(schema, 'not an Arrow IPC file');
  const resolve = columnResolver(schema);
  const columns: ((r: number) => ScalarValue | { reason: string })[] = schema.map(() => () => null);
  const present = new Set<number>();
  const fileNames = new Set(table.schema.fields.map((af) => af.name));
  for (const af of table.schema.fields as arrow.Field[]) {
    const c = resolve(af.name);
    if (c < 0) continue;
    // A column named exactly like the schema's wins over one that differs only in case, whichever comes first.
    const name = schema[c]!.name;
    if (af.name !== name && (present.has(c) || fileNames.has(name))) continue;
    const f = schema[c]!;
    const ftype = af.type as arrow.DataType;
    const cast = caster(ftype, f);
    if (typeof cast === 'string') return unreadableFile(schema, cast);
    const vector = table.getChild(af.name)!;
    const times = f.type === 'TIMESTAMP' && !arrow.DataType.isUtf8(ftype) && !arrow.DataType.isLargeUtf8(ftype) && !arrow.DataType.isDictionary(ftype) ? rawTimes(vector) : undefined;
    present.add(c);
    columns[c] = (r) => {
      const v: unknown = times ? times[r] : vector.get(r);
      if (v === null || v === undefined) return f.nullable ? null : bad(f, 'NULL in a NOT NULL column');
      return cast(v);
    };
  }
  const missing = schema.find((f, c) => !present.has(c) && !f.nullable);
  if (missing) return unreadableFile(schema, `the file has no column '${missing.name}', which is NOT NULL`);
  const out = new RecordCollector(schema);
  const values: ScalarValue[] = schema.map(() => null);
  for (let r = 0; r < table.numRows; r++) {
    let why: string | undefined;
    for (let c = 0; c < schema.length && why === undefined; c++) {
      const v = columns[c]!(r);
      if (v !== null && typeof v === 'object') why = v.reason;
      else values[c] = v;
    }
    if (why === undefined) out.row(values);
    else out.bad(r + 1, json(table.get(r)?.toJSON() ?? null), why);
  }
  return out.finish();
}
