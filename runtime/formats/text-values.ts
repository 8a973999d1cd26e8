// Values in the text formats (JSONL, CSV): timestamps as ISO 8601 strings, doubles that JSON cannot hold, and errors.

import { TidemarkError } from '../../common/errors.js';
import { formatDouble } from '../../common/format-value.js';
import { formatTimestamp, tryParseTimestamp } from '../../common/time.js';
import type { DataType, Field } from '../../common/types.js';
import type { ScalarValue } from '../../planner/index.js';

/** ISO 8601 in UTC (`2024-01-01T00:00:00.5Z`): microseconds kept, trailing zeros of the fraction dropped. */
export const isoTimestamp = (micros: number): string => `${formatTimestamp(micros).replace(' ', 'T')}Z`;

/** A file (or one of its lines) that does not fit the schema, and what is wrong. */
export const badRow = (file: string, line: number | undefined, what: string): TidemarkError =>
  new TidemarkError('INVALID_INPUT', `${file}${line === undefined ? '' : `, line ${line}`}: ${what}. Only files the files sink wrote (or in its layout) can be read back.`);

/** Parses the text form of a non-NULL value of `type` (CSV fields; JSONL timestamps and special doubles). */
export function valueFromText(text: string, field: Field, file: string, line: number): ScalarValue {
  const t: DataType = field.type;
  const fail = (): never => { throw badRow(file, line, `column '${field.name}' (${t}) cannot hold '${text}'`); };
  switch (t) {
    case 'STRING': case 'NULL': return text;
    case 'BOOLEAN': return text === 'true' ? true : text === 'false' ? false : fail();
    case 'INT': case 'BIGINT': {
      const n = /^-?\d+$/.test(text) ? Number(text) : NaN;
      return Number.isSafeInteger(n) ? n : fail();
    }
    case 'DOUBLE': {
      if (text === 'NaN') return NaN;
      if (text === 'Infinity') return Infinity;
      if (text === '-Infinity') return -Infinity;
      const n = text.trim() === '' ? NaN : Number(text);
      return Number.isNaN(n) ? fail() : n;
    }
    case 'TIMESTAMP': return tryParseTimestamp(text) ?? fail();
  }
}

/** The text form of a non-NULL value (CSV fields): doubles as SQL prints them (`3.0`, `NaN`), timestamps ISO. */
export function valueToText(v: number | string | boolean, type: DataType): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (type === 'DOUBLE') return formatDouble(v);
  if (type === 'TIMESTAMP') return isoTimestamp(v);
  return String(v);
}
