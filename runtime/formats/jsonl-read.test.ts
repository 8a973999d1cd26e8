// JSON Lines decoding: fields by name, NULLs, coercion and range checks, malformed lines keeping their positions.

import { describe, expect, it } from 'vitest';
import type { Schema } from '../../common/types.js';
import { rowsFromBatch } from '../values.js';
import { readJsonl } from './jsonl-read.js';

const SCHEMA: Schema = [
  { name: 'id', type: 'BIGINT', nullable: true },
  { name: 'n', type: 'INT', nullable: true },
  { name: 'name', type: 'STRING', nullable: true },
  { name: 'x', type: 'DOUBLE', nullable: true },
  { name: 'ok', type: 'BOOLEAN', nullable: true },
  { name: 'ts', type: 'TIMESTAMP', nullable: true },
];

const T0 = Date.UTC(2024, 0, 1) * 1000;

describe('readJsonl', () => {
  it('reads fields by name: missing ones are NULL, extra ones ignored, names match case-insensitively', () => {
    const d = readJsonl([
      '{"id": 1, "n": 2, "name": "a", "x": 1.5, "ok": true, "ts": "2024-01-01 00:00:01", "extra": [1]}',
      '{"name": "b"}',
      '{"ID": 3, "Name": "c", "ts": "2024-01-01T00:00:00.25Z"}',
    ].join('\n'), SCHEMA);
    expect(d.records).toBe(3);
    expect(d.malformed).toEqual([]);
    expect(rowsFromBatch(d.rows, SCHEMA)).toEqual([
      [1, 2, 'a', 1.5, true, T0 + 1_000_000],
      [null, null, 'b', null, null, null],
      [3, null, 'c', null, null, T0 + 250_000],
    ]);
  });

  it('prefers the field named exactly like the column over one differing in case', () => {
    const schema: Schema = [{ name: 'a', type: 'BIGINT', nullable: true }];
    expect(rowsFromBatch(readJsonl('{"A": 1, "a": 2}\n{"a": 3, "A": 4}', schema).rows, schema)).toEqual([[2], [3]]);
  });

  it('ignores a field differing in case from the column when the exact one is there, in either key order', () => {
    const schema: Schema = [{ name: 'id', type: 'BIGINT', nullable: true }];
    const d = readJsonl('{"id": 5, "ID": "x"}\n{"ID": "x", "id": 6}\n{"Id": 7, "ID": "x"}\n{"ID": "x"}', schema);
    expect(rowsFromBatch(d.rows, schema)).toEqual([[5], [6], [7]]);
    expect(d.malformed.map((m) => [m.line, m.reason])).toEqual([[4, "column 'id' (BIGINT): expected an integer, got 'x'"]]);
  });

  it('reads the strings the JSONL sink writes for NaN and infinities, and Spark\'s spellings, into DOUBLE only', () => {
    const schema: Schema = [{ name: 'x', type: 'DOUBLE', nullable: true }, { name: 's', type: 'STRING', nullable: true }];
    const specials = ['NaN', 'Infinity', '-Infinity', '+Infinity', 'INF', '+INF', '-INF'];
    const d = readJsonl(specials.map((v) => JSON.stringify({ x: v, s: v })).join('\n'), schema);
    expect(d.malformed).toEqual([]);
    expect(rowsFromBatch(d.rows, schema)).toEqual([
      [NaN, 'NaN'], [Infinity, 'Infinity'], [-Infinity, '-Infinity'], [Infinity, '+Infinity'], [Infinity, 'INF'], [Infinity, '+INF'], [-Infinity, '-INF'],
    ]);
    const bad = readJsonl('{"x": "1.5"}\n{"x": "Inf inity"}\n{"x": " NaN"}', schema);
    expect(bad.malformed.map((m) => m.reason)).toEqual([
      "column 'x' (DOUBLE): expected a number, got '1.5'",
      "column 'x' (DOUBLE): expected a number, got 'Inf inity'",
      "column 'x' (DOUBLE): expected a number, got ' NaN'",
    ]);
    const ints: Schema = [{ name: 'n', type: 'BIGINT', nullable: true }];
    expect(readJsonl('{"n": "NaN"}', ints).malformed.map((m) => m.reason)).toEqual(["column 'n' (BIGINT): expected an integer, got 'NaN'"]);
  });

  it('skips blank lines, accepts CRLF, a BOM and a last line without newline, and counts lines for errors', () => {
    const d = readJsonl('\uFEFF{"id": 1}\r\n\r\n   \n{"id": 2}\r\n{"id": oops}', SCHEMA);
    expect(d.records).toBe(3);
    expect(rowsFromBatch(d.rows, SCHEMA).map((r) => r[0])).toEqual([1, 2]);
    expect(d.malformed).toHaveLength(1);
    expect(d.malformed[0]).toMatchObject({ position: 2, line: 5, raw: '{"id": oops}' });
    expect(d.malformed[0]!.reason).toBe('invalid JSON');
  });

  it('makes a record malformed when a value does not fit its column, keeping its position', () => {
    const lines = [
      '{"id": 1}',
      '[1, 2]',
      '"text"',
      '{"id": "7"}',
      '{"id": 1.5}',
      '{"id": 9007199254740993}',
      '{"n": 2147483648}',
      '{"n": -2147483648}',
      '{"name": 5}',
      '{"x": "1.0"}',
      '{"ok": 1}',
      '{"ts": "yesterday"}',
      '{"ts": 1700000000}',
      '{"id": 9007199254740991, "x": 1e3}',
    ];
    const d = readJsonl(lines.join('\n'), SCHEMA);
    expect(d.records).toBe(lines.length);
    expect(rowsFromBatch(d.rows, SCHEMA).map((r) => [r[0], r[1], r[3]])).toEqual([[1, null, null], [null, -2147483648, null], [9007199254740991, null, 1000]]);
    expect(d.malformed.map((m) => [m.position, m.line, m.reason])).toEqual([
      [1, 2, 'not a JSON object'],
      [2, 3, 'not a JSON object'],
      [3, 4, "column 'id' (BIGINT): expected an integer, got '7'"],
      [4, 5, "column 'id' (BIGINT): expected an integer, got 1.5"],
      [5, 6, "column 'id' (BIGINT): 9007199254740992 is beyond ±9007199254740991 (2^53 - 1), the exact range of BIGINT in Tidemark"],
      [6, 7, "column 'n' (INT): 2147483648 is out of INT range"],
      [8, 9, "column 'name' (STRING): expected a string, got 5"],
      [9, 10, "column 'x' (DOUBLE): expected a number, got '1.0'"],
      [10, 11, "column 'ok' (BOOLEAN): expected true or false, got 1"],
      [11, 12, "column 'ts' (TIMESTAMP): 'yesterday' is not a timestamp (use YYYY-MM-DD HH:MM:SS)"],
      [12, 13, "column 'ts' (TIMESTAMP): expected a timestamp string, got 1700000000"],
    ]);
  });

  it('refuses NULL or a missing field in a NOT NULL column', () => {
    const schema: Schema = [{ name: 'k', type: 'STRING', nullable: false }, { name: 'v', type: 'BIGINT', nullable: true }];
    const d = readJsonl('{"k": "a"}\n{"k": null}\n{"v": 1}', schema);
    expect(rowsFromBatch(d.rows, schema)).toEqual([['a', null]]);
    expect(d.malformed.map((m) => m.reason)).toEqual([
      "column 'k' (STRING): NULL in a NOT NULL column",
      "column 'k' (STRING): missing in a NOT NULL column",
    ]);
  });

  it('reads an empty file as no records', () => {
    expect(readJsonl('', SCHEMA).records).toBe(0);
    expect(readJsonl('\n\n', SCHEMA).records).toBe(0);
  });
});
