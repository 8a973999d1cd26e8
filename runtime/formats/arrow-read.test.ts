// Arrow IPC decoding: columns by name, casts between compatible types, range checks per row, unreadable files.

import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { Schema } from '../../common/types.js';
import { rowsFromBatch } from '../values.js';
import { readArrow } from './arrow-read.js';

const SCHEMA: Schema = [
  { name: 'id', type: 'BIGINT', nullable: true },
  { name: 'n', type: 'INT', nullable: true },
  { name: 'name', type: 'STRING', nullable: true },
  { name: 'x', type: 'DOUBLE', nullable: true },
  { name: 'ts', type: 'TIMESTAMP', nullable: true },
];

const T0 = Date.UTC(2024, 0, 1) * 1000;
const ipc = (t: arrow.Table, format: 'file' | 'stream' = 'file'): Uint8Array => arrow.tableToIPC(t, format);

describe('readArrow', () => {
  it('reads columns by name from both IPC formats, casting integers and timestamps of any unit', () => {
    const t = new arrow.Table({
      NAME: arrow.vectorFromArray(['a', null, 'c'], new arrow.Utf8()),
      id: arrow.makeVector(new Int32Array([1, 2, 3])),
      x: arrow.makeVector(new BigInt64Array([10n, 20n, 30n])),
      ts: arrow.makeVector({ type: new arrow.TimestampNanosecond(), data: new BigInt64Array([BigInt(T0) * 1000n + 1500n, BigInt(T0) * 1000n, -1500n]) }),
      other: arrow.makeVector(new Float32Array([1, 2, 3])),
    });
    for (const format of ['file', 'stream'] as const) {
      const d = readArrow(ipc(t, format), SCHEMA);
      expect(d.records).toBe(3);
      expect(d.malformed).toEqual([]);
      expect(rowsFromBatch(d.rows, SCHEMA)).toEqual([
        [1, null, 'a', 10, T0 + 1],
        [2, null, null, 20, T0],
        [3, null, 'c', 30, -2],
      ]);
    }
  });

  it('reads dictionary strings, dates, millisecond timestamps and timestamp strings', () => {
    const schema: Schema = [{ name: 's', type: 'STRING', nullable: true }, { name: 'd', type: 'TIMESTAMP', nullable: true },
      { name: 'm', type: 'TIMESTAMP', nullable: true }, { name: 't', type: 'TIMESTAMP', nullable: true }];
    const t = new arrow.Table({
      s: arrow.vectorFromArray(['p', 'q'], new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32())),
      d: arrow.makeVector({ type: new arrow.DateDay(), data: new Int32Array([19723, 0]) }),
      m: arrow.makeVector({ type: new arrow.TimestampMillisecond(), data: new BigInt64Array([BigInt(T0 / 1000) + 5n, 0n]) }),
      t: arrow.vectorFromArray(['2024-01-01 00:00:01', 'soon'], new arrow.Utf8()),
    });
    const d = readArrow(ipc(t), schema);
    expect(rowsFromBatch(d.rows, schema)).toEqual([['p', T0, T0 + 5000, T0 + 1_000_000]]);
    expect(d.malformed).toHaveLength(1);
    expect(d.malformed[0]).toMatchObject({ position: 1, line: 2, reason: "column 't' (TIMESTAMP): 'soon' is not a timestamp (use YYYY-MM-DD HH:MM:SS)" });
    expect(JSON.parse(d.malformed[0]!.raw!)).toMatchObject({ s: 'q', t: 'soon' });
  });

  it('ignores a column differing in case from the schema\'s when the exact one is there, in either order', () => {
    const schema: Schema = [{ name: 'id', type: 'BIGINT', nullable: true }];
    const caseFirst = new arrow.Table({ ID: arrow.vectorFromArray(['x', 'y']), id: arrow.vectorFromArray([1, 2], new arrow.Int32()) });
    const exactFirst = new arrow.Table({ id: arrow.vectorFromArray([3, 4], new arrow.Int32()), ID: arrow.vectorFromArray(['x', 'y']) });
    for (const [t, ids] of [[caseFirst, [[1], [2]]], [exactFirst, [[3], [4]]]] as const) {
      const d = readArrow(ipc(t), schema);
      expect(d.malformed).toEqual([]);
      expect(rowsFromBatch(d.rows, schema)).toEqual(ids);
    }
  });

  it('makes rows with values out of range malformed, and the raw row JSON', () => {
    const schema: Schema = [{ name: 'id', type: 'BIGINT', nullable: true }, { name: 'n', type: 'INT', nullable: true }];
    const t = new arrow.Table({
      id: arrow.makeVector(new BigInt64Array([1n, 9007199254740992n, 3n])),
      n: arrow.makeVector(new BigInt64Array([1n, 2n, 2147483648n])),
    });
    const d = readArrow(ipc(t), schema);
    expect(d.records).toBe(3);
    expect(rowsFromBatch(d.rows, schema)).toEqual([[1, 1]]);
    expect(d.malformed.map((m) => [m.position, m.line, m.raw, m.reason])).toEqual([
      [1, 2, '{"id":"9007199254740992","n":"2"}', "column 'id' (BIGINT): 9007199254740992 is beyond ±9007199254740991 (2^53 - 1), the exact range of BIGINT in Tidemark"],
      [2, 3, '{"id":"3","n":"2147483648"}', "column 'n' (INT): 2147483648 is out of INT range"],
    ]);
  });

  it('makes a file whose column cannot convert, or that is not Arrow, one malformed record', () => {
    const t = new arrow.Table({ id: arrow.vectorFromArray(['1'], new arrow.Utf8()) });
    expect(readArrow(ipc(t), SCHEMA).malformed).toEqual([{ position: 0, line: null, raw: null, reason: "column 'id' is Utf8 in the file, which does not convert to BIGINT" }]);
    const floats = new arrow.Table({ n: arrow.makeVector(new Float64Array([1])) });
    expect(readArrow(ipc(floats), SCHEMA).malformed[0]!.reason).toBe("column 'n' is Float64 in the file, which does not convert to INT");
    const junk = readArrow(new TextEncoder().encode('{"id": 1}\n'), SCHEMA);
    expect(junk.records).toBe(1);
    expect(junk.malformed[0]!.reason).toMatch(/^not an Arrow IPC file/);
  });

  it('reads an empty file as no records', () => {
    expect(readArrow(new Uint8Array(0), SCHEMA).records).toBe(0);
  });
});
