// Decoding of literal and name tokens: identifiers, strings, numbers, type names and durations.

import { TidemarkError, type SourcePosition } from '../common/errors.js';
import { parseDuration, unitMicros } from '../common/time.js';
import type { DataType } from '../common/types.js';
import type { Literal } from './ast.js';

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

/**
 * Name of a word token: double-quoted ones lose their quotes and keep case; backticked ones (Spark) lose their
 * quotes and are lower-cased like the rest, since Spark resolves names without regard to case.
 */
export function decodeName(image: string, position: SourcePosition): { name: string; quoted: boolean } {
  if (image.startsWith('`')) {
    const name = image.slice(1, -1).replace(/``/g, '`').toLowerCase();
    if (name === '') throw new TidemarkError('PARSE_ERROR', 'Empty quoted identifier: a name needs at least one character', position);
    return { name, quoted: true };
  }
  if (!image.startsWith('"')) return { name: image.toLowerCase(), quoted: false };
  const name = image.slice(1, -1).replace(/""/g, '"');
  if (name === '') throw new TidemarkError('PARSE_ERROR', 'Empty quoted identifier: a name needs at least one character', position);
  return { name, quoted: true };
}

const BACKSLASH_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0', b: '\b', n: '\n', r: '\r', t: '\t', Z: '\x1a', '%': '\\%', _: '\\_',
};

/**
 * The value of a string literal: `''` is a quote, and backslash escapes follow Spark (`\t`, `\n`, `\\`,
 * `\'`, `\uXXXX`, octal `\NNN`; `\%` and `\_` stay escaped for LIKE; any other `\c` is c).
 */
export function decodeString(image: string): string {
  const body = image.slice(1, -1);
  if (!body.includes('\\')) return body.replace(/''/g, "'");
  return body.replace(/''|\\(u[0-9a-fA-F]{4}|[0-3][0-7]{2}|[\s\S])/g, (_whole, esc: string | undefined) => {
    if (esc === undefined) return "'";
    if (esc.length === 5) return String.fromCharCode(parseInt(esc.slice(1), 16));
    if (esc.length === 3) return String.fromCharCode(parseInt(esc, 8));
    return BACKSLASH_ESCAPES[esc] ?? esc;
  });
}

/** A numeric literal: digits only is an integer (BIGINT range), anything with a point or exponent a decimal. */
export function numberLiteral(image: string, negative: boolean, position: SourcePosition): Literal {
  if (/^\d+$/.test(image)) {
    const value = negative ? -BigInt(image) : BigInt(image);
    if (value > INT64_MAX || value < INT64_MIN) {
      throw new TidemarkError('PARSE_ERROR',
        `Integer literal ${negative ? '-' : ''}${image} is out of range for BIGINT; write it as a decimal (e.g. ${image}.0) instead`, position);
    }
    return { type: 'integer', value };
  }
  const value = Number(image);
  if (!Number.isFinite(value)) {
    throw new TidemarkError('PARSE_ERROR', `Numeric literal ${image} is out of range for DOUBLE`, position);
  }
  return { type: 'decimal', value: negative ? -value : value };
}

/** Type names a column definition or CAST accepts (lower-case), and the type each means. */
export const TYPE_NAMES: ReadonlyMap<string, DataType> = new Map([
  ['bigint', 'BIGINT'], ['long', 'BIGINT'],
  ['int', 'INT'], ['integer', 'INT'],
  ['double', 'DOUBLE'], ['float', 'DOUBLE'], ['real', 'DOUBLE'],
  ['string', 'STRING'], ['varchar', 'STRING'], ['text', 'STRING'],
  ['boolean', 'BOOLEAN'], ['bool', 'BOOLEAN'],
  ['timestamp', 'TIMESTAMP'],
]);

export const ACCEPTED_TYPES =
  'BIGINT (LONG), INT (INTEGER), DOUBLE (FLOAT, REAL, DOUBLE PRECISION), STRING (VARCHAR, VARCHAR(n), TEXT), BOOLEAN (BOOL) or TIMESTAMP';

export interface TypeWords {
  readonly name: string;
  readonly namePosition: SourcePosition;
  readonly suffix: { readonly name: string; readonly position: SourcePosition } | undefined;
  readonly length: { readonly image: string; readonly position: SourcePosition } | undefined;
}

/** Maps the words of a type (`DOUBLE PRECISION`, `VARCHAR(20)`) to a DataType, or explains what is accepted. */
export function dataTypeOf(words: TypeWords): DataType {
  const lower = words.name.toLowerCase();
  const type = TYPE_NAMES.get(lower);
  if (type === undefined) {
    throw new TidemarkError('PARSE_ERROR', `Unknown type '${words.name}': use ${ACCEPTED_TYPES}`, words.namePosition);
  }
  if (words.suffix !== undefined && !(lower === 'double' && words.suffix.name.toLowerCase() === 'precision')) {
    throw new TidemarkError('PARSE_ERROR', `Unexpected '${words.suffix.name}' after type ${words.name.toUpperCase()}`, words.suffix.position);
  }
  if (words.length !== undefined) {
    if (lower !== 'varchar') {
      throw new TidemarkError('PARSE_ERROR', `Type ${words.name.toUpperCase()} takes no length; only VARCHAR(n) does`, words.length.position);
    }
    if (!/^\d+$/.test(words.length.image)) {
      throw new TidemarkError('PARSE_ERROR', `VARCHAR length must be a whole number, not ${words.length.image}`, words.length.position);
    }
  }
  return type;
}

/** Microseconds of `<number> <unit>`, with the error placed on the unit when it is the unit that is unknown. */
export function pairMicros(
  amount: string, amountPosition: SourcePosition, unit: string, unitPosition: SourcePosition,
): number {
  return parseDuration(`${amount} ${unit}`, unitMicros(unit) === undefined ? unitPosition : amountPosition);
}

/** Delays must not be negative: a negative delay would put the watermark ahead of the data it was derived from. */
export function checkDelay(micros: number, position: SourcePosition): number {
  if (micros < 0) {
    throw new TidemarkError('INVALID_INTERVAL', 'A watermark delay cannot be negative: write e.g. WATERMARK ts 10 minutes', position);
  }
  return micros;
}
