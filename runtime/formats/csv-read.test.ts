// CSV decoding (RFC 4180): quoting, NULLs, header mapping, CRLF, malformed records that keep their positions.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Schema } from '../../common/types.js';
import { rowsFromBatch } from '../values.js';
import { readCsv, splitCsv } from './csv-read.js';

const SCHEMA: Schema = [
  { name: 'id', type: 'BIGINT', nullable: true },
  { name: 'name', type: 'STRING', nullable: true },
  { name: 'x', type: 'DOUBLE', nullable: true },
  { name: 'ts', type: 'TIMESTAMP', nullable: true },
];

const T0 = Date.UTC(2024, 0, 1) * 1000;

describe('splitCsv', () => {
  it('handles quoted commas, doubled quotes and newlines inside quotes, with the line each record starts on', () => {
    const recs = splitCsv('a,b\n"x,y","say ""hi"""\n"two\nlines",z\n');
    expect(recs.map((r) => [r.fields, r.line, r.error])).toEqual([
      [['a', 'b'], 1, undefined],
      [['x,y', 'say "hi"'], 2, undefined],
      [['two\nlines', 'z'], 3, undefined],
    ]);
    expect(recs[2]!.raw).toBe('"two\nlines",z');
  });

  it('reads an empty unquoted field as NULL and a quoted one as an empty string', () => {
    expect(splitCsv('a,,"",\n').map((r) => r.fields)).toEqual([['a', null, '', null]]);
  });

  it('accepts CRLF and a last record without newline, keeps CRLF inside quotes, and skips blank lines', () => {
    const recs = splitCsv('a,b\r\n\r\n"1\r\n2",3\r\n4,5');
    expect(recs.map((r) => [r.fields, r.line])).toEqual([[['a', 'b'], 1], [['1\r\n2', '3'], 3], [['4', '5'], 5]]);
  });

  it('marks broken quoting without moving where later records start', () => {
    const recs = splitCsv('a"b,c\n"x"y,z\nok,1\n"open,2\nnext,3');
    expect(recs.map((r) => [r.line, r.error !== undefined])).toEqual([[1, true], [2, true], [3, false], [4, true]]);
    expect(recs[0]!.error).toMatch(/quote inside an unquoted field/);
    expect(recs[1]!.error).toMatch(/text after the closing quote/);
    // An unclosed quote runs to the end of the file: one malformed record.
    expect(recs[3]!.error).toMatch(/not closed/);
    expect(recs[3]!.raw).toBe('"open,2\nnext,3');
  });

  it('round-trips any fields written with RFC 4180 quoting', () => {
    const field = fc.oneof(fc.constant(null), fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', 'é') }));
    fc.assert(fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { maxLength: 6 }), fc.boolean(), (rows, crlf) => {
      const quote = (f: string | null): string => (f === null ? '' : `"${f.replace(/"/g, '""')}"`);
      const text = rows.map((r) => r.map(quote).join(',')).join(crlf ? '\r\n' : '\n');
      expect(splitCsv(text).map((r) => r.fields)).toEqual(rows);
    }));
  });
});

describe('readCsv', () => {
  it('maps header names to columns (any order, case-insensitive; missing columns NULL, extra ignored) and converts values', () => {
    const d = readCsv('TS,extra,id,name\n2024-01-01 00:00:02,zz,1,a\n,,2,\n 2024-01-01 ,q, 3 ,"b, c"\n', SCHEMA);
    expect(d.malformed).toEqual([]);
    expect(rowsFromBatch(d.rows, SCHEMA)).toEqual([
      [1, 'a', null, T0 + 2_000_000],
      [2, null, null, null],
      [3, 'b, c', null, T0],
    ]);
  });

  it('reads numbers strictly, with range checks, and NaN / Infinity for DOUBLE', () => {
    const d = readCsv('id,x\n1,1.5\n-2,-1e3\n+3,NaN\n4,-Infinity\n5,.5\n1.0,1\nabc,1\n9007199254740992,1\n7,1.2.3\n8,""\n', SCHEMA);
    expect(d.records).toBe(10);
    const rows = rowsFromBatch(d.rows, SCHEMA).map((r) => [r[0], r[2]]);
    expect(rows).toEqual([[1, 1.5], [-2, -1000], [3, NaN], [4, -Infinity], [5, 0.5]]);
    expect(d.malformed.map((m) => [m.position, m.line, m.reason])).toEqual([
      [5, 7, "column 'id' (BIGINT): '1.0' is not an integer"],
      [6, 8, "column 'id' (BIGINT): 'abc' is not an integer"],
      [7, 9, "column 'id' (BIGINT): '9007199254740992' is beyond ±9007199254740991 (2^53 - 1), the exact range of BIGINT in Tidemark"],
      [8, 10, "column 'x' (DOUBLE): '1.2.3' is not a number"],
      [9, 11, "column 'x' (DOUBLE): '' is not a number"],
    ]);
  });

  it('checks INT range and reads booleans', () => {
    const schema: Schema = [{ name: 'n', type: 'INT', nullable: true }, { name: 'b', type: 'BOOLEAN', nullable: true }];
    const d = readCsv('n,b\n2147483647,TRUE\n2147483648,false\n-2147483649,x\n', schema);
    expect(rowsFromBatch(d.rows, schema)).toEqual([[2147483647, true]]);
    expect(d.malformed.map((m) => m.reason)).toEqual([
      "column 'n' (INT): '2147483648' is out of INT range",
      "column 'n' (INT): '-2147483649' is out of INT range",
    ]);
  });

  it('makes records with the wrong number of fields or broken quoting malformed, with their raw text and line', () => {
    const d = readCsv('id,name\n1,a\n2\n3,b,extra\n4,"x"y\n5,"multi\nline"\n6,ok', SCHEMA);
    expect(d.records).toBe(6);
    expect(rowsFromBatch(d.rows, SCHEMA).map((r) => [r[0], r[1]])).toEqual([[1, 'a'], [5, 'multi\nline'], [6, 'ok']]);
    expect(d.malformed.map((m) => [m.position, m.line, m.raw])).toEqual([[1, 3, '2'], [2, 4, '3,b,extra'], [3, 5, '4,"x"y']]);
    expect(d.malformed[0]!.reason).toBe('1 field, but the header has 2');
  });

  it('reads an empty file or a header alone as no records', () => {
    expect(readCsv('', SCHEMA).records).toBe(0);
    expect(readCsv('id,name\r\n', SCHEMA).records).toBe(0);
  });

  it('makes a file with a bad header one malformed record without a line', () => {
    for (const [text, why] of [
      ['id,id\n1,2\n', "bad header line: column 'id' appears twice"],
      ['id,,name\n1,2,3\n', 'bad header line: a column name is empty'],
      ['"id,name\n1,2\n', 'bad header line: a quoted field is not closed (a field that starts with " must end with ")'],
    ] as const) {
      const d = readCsv(text, SCHEMA);
      expect(d.records).toBe(1);
      expect(d.rows.numRows).toBe(0);
      expect(d.malformed).toEqual([{ position: 0, line: null, raw: null, reason: why }]);
    }
    const notNull: Schema = [{ name: 'k', type: 'STRING', nullable: false }, { name: 'v', type: 'BIGINT', nullable: true }];
    expect(readCsv('v\n1\n', notNull).malformed[0]!.reason).toBe("the header has no column 'k', which is NOT NULL");
  });
});
