// Converts values read from files (JSON values, CSV text) to a column's SQL type, or says why they do not fit.

import { assertNever } from '../../common/errors.js';
import { tryParseTimestamp } from '../../common/time.js';
import type { Field } from '../../common/types.js';
import type { ScalarValue } from '../../planner/index.js';

/** Why a value does not fit its column: the record is malformed. */
export class Rejected {
  constructor(readonly reason: string) {}
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const INTEGER_RE = /^[+-]?\d+$/;
const DOUBLE_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL_DOUBLES: ReadonlyMap<string, number> = new Map([
  ['nan', NaN], ['infinity', Infinity], ['+infinity', Infinity], ['-infinity', -Infinity], ['inf', Infinity], ['+inf', Infinity], ['-inf', -Infinity],
]);

const show = (v: unknown): string => (typeof v === 'string' ? `'${v.length > 60 ? v.slice(0, 57) + '...' : v}'` : JSON.stringify(v) ?? String(v));

const reject = (f: Field, why: string): Rejected => new Rejected(`column '${f.name}' (${f.type}): ${why}`);

/** An integer for INT or BIGINT, range-checked: BIGINT is exact within ±(2^53 - 1) in Tidemark. */
function integer(v: number, f: Field, shown: string): ScalarValue | Rejected {
  if (f.type === 'INT' && (v < INT_MIN || v > INT_MAX)) return reject(f, `${shown} is out of INT range`);
  if (!Number.isSafeInteger(v)) return reject(f, `${shown} is beyond ±9007199254740991 (2^53 - 1), the exact range of BIGINT in Tidemark`);
  return v;
}

const nullFor = (f: Field): ScalarValue | Rejected => (f.nullable ? null : reject(f, 'NULL in a NOT NULL column'));

/** A value of a parsed JSON object (undefined: the field is missing). Strings become TIMESTAMPs, or NaN and infinities in a DOUBLE column; numbers are not turned into strings. */
export function fromJson(v: unknown, f: Field): ScalarValue | Rejected {
  if (v === null || v === undefined) return nullFor(f);
  switch (f.type) {
    case 'STRING':
    case 'NULL':
      return typeof v === 'string' ? v : reject(f, `expected a string, got ${show(v)}`);
    case 'BOOLEAN':
      return typeof v === 'boolean' ? v : reject(f, `expected true or false, got ${show(v)}`);
    case 'TIMESTAMP':
      if (typeof v !== 'string') return reject(f, `expected a timestamp string, got ${show(v)}`);
      return tryParseTimestamp(v) ?? reject(f, `${show(v)} is not a timestamp (use YYYY-MM-DD HH:MM:SS)`);
    case 'INT':
    case 'BIGINT':
      if (typeof v !== 'number' || !Number.isInteger(v)) return reject(f, `expected an integer, got ${show(v)}`);
      return integer(v, f, show(v));
    case 'DOUBLE': {
      if (typeof v === 'number') return v;
      // JSON has no NaN or infinities: the JSONL sink writes them as strings. The CSV spellings cover Spark's JSON reader's.
      const special = typeof v === 'string' ? SPECIAL_DOUBLES.get(v.toLowerCase()) : undefined;
      return special !== undefined ? special : reject(f, `expected a number, got ${show(v)}`);
    }
    default:
      return assertNever(f.type, 'type');
  }
}

/** A CSV field: null for an empty unquoted field, else its text (numbers, booleans and timestamps may be padded with spaces). */
export function fromText(text: string | null, f: Field): ScalarValue | Rejected {
  if (text === null) return nullFor(f);
  const t = text.trim();
  switch (f.type) {
    case 'STRING':
    case 'NULL':
      return text;
    case 'BOOLEAN': {
      const l = t.toLowerCase();
      return l === 'true' ? true : l === 'false' ? false : reject(f, `expected true or false, got ${show(text)}`);
    }
    case 'TIMESTAMP':
      return tryParseTimestamp(t) ?? reject(f, `${show(text)} is not a timestamp (use YYYY-MM-DD HH:MM:SS)`);
    case 'INT':
    case 'BIGINT':
      if (!INTEGER_RE.test(t)) return reject(f, `${show(text)} is not an integer`);
      return integer(Number(t), f, show(text));
    case 'DOUBLE': {
      if (DOUBLE_RE.test(t)) return Number(t);
      const special = SPECIAL_DOUBLES.get(t.toLowerCase());
      return special !== undefined ? special : reject(f, `${show(text)} is not a number`);
    }
    default:
      return assertNever(f.type, 'type');
  }
}
