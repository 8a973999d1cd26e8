// The files sink's formats: each writes rows that read back identical (NULLs, awkward strings, -0, NaN, microseconds).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DataType, Field, Schema } from '../../common/types.js';
import type { ScalarValue } from '../../planner/index.js';
import { batchFromRows, rowsFromBatch } from '../values.js';
import { FILE_FORMATS, decodeFile, encodeBatches } from './format.js';
import { parseCsv } from './csv.js';

const f = (name: string, type: DataType): Field => ({ name, type, nullable: true });
const SCHEMA: Schema = [f('s', 'STRING'), f('i', 'INT'), f('b', 'BIGINT'), f('d', 'DOUBLE'), f('ok', 'BOOLEAN'), f('ts', 'TIMESTAMP'), f('with, "odd" name', 'STRING')];
const text = (u: Uint8Array): string => Buffer.from(u).toString('utf8');
const roundTrip = (format: (typeof FILE_FORMATS)[number], schema: Schema, rows: ScalarValue[][]): ScalarValue[][] =>
  decodeFile(format, schema, encodeBatches(format, schema, [batchFromRows(schema, rows)]), 'f').flatMap((b) => rowsFromBatch(b, schema));

const awkward = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.array(fc.constantFrom(',', '"', '\n', '\r', '\r\n', ' ', '\\', '\t', 'é', '{', '}', 'null', 'NULL', 'x'), { maxLength: 6 }).map((p) => p.join('')),
);
const MAX_MICROS = 2 ** 53 - 1;
const row = fc.tuple(
  fc.option(awkward),
  fc.option(fc.integer()),
  fc.option(fc.maxSafeInteger()),
  fc.option(fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, -0, 0.1, 1e21))),
  fc.option(fc.boolean()),
  fc.option(fc.integer({ min: -MAX_MICROS, max: MAX_MICROS })),
  fc.option(awkward),
).map((r) => r as ScalarValue[]);

describe('file formats', () => {
  for (const format of FILE_FORMATS) {
    it(`${format}: every row reads back as written`, () => {
      fc.assert(fc.property(fc.array(row, { minLength: 1, maxLength: 20 }), (rows) => {
        const back = roundTrip(format, SCHEMA, rows);
        expect(back.length).toBe(rows.length);
        back.forEach((r, i) => r.forEach((v, c) => expect(Object.is(v, rows[i]![c]), `row ${i} column ${SCHEMA[c]!.name}: ${String(v)} vs ${String(rows[i]![c])}`).toBe(true)));
      }), { numRuns: 200 });
    });
  }

  const ROWS: ScalarValue[][] = [
    ['a,b', 1, 2 ** 40, 3, true, Date.UTC(2024, 0, 1, 0, 0, 1) * 1000 + 500, 'x'],
    ['say "hi"\nbye', null, null, NaN, false, null, ''],
    ['', -2, null, -0, null, 1, null],
  ];

  it('jsonl: one object per row, timestamps as ISO strings, NULL as null, NaN as a string', () => {
    expect(text(encodeBatches('jsonl', SCHEMA, [batchFromRows(SCHEMA, ROWS)])).split('\n')).toEqual([
      '{"s":"a,b","i":1,"b":1099511627776,"d":3,"ok":true,"ts":"2024-01-01T00:00:01.0005Z","with, \\"odd\\" name":"x"}',
      '{"s":"say \\"hi\\"\\nbye","i":null,"b":null,"d":"NaN","ok":false,"ts":null,"with, \\"odd\\" name":""}',
      '{"s":"","i":-2,"b":null,"d":-0.0,"ok":null,"ts":"1970-01-01T00:00:00.000001Z","with, \\"odd\\" name":null}',
      '',
    ]);
  });

  it('csv: RFC 4180 with a header, CRLF, quotes where needed; NULL empty, the empty string quoted', () => {
    expect(text(encodeBatches('csv', SCHEMA, [batchFromRows(SCHEMA, ROWS)])).split('\r\n')).toEqual([
      's,i,b,d,ok,ts,"with, ""odd"" name"',
      '"a,b",1,1099511627776,3.0,true,2024-01-01T00:00:01.0005Z,x',
      '"say ""hi""\nbye",,,NaN,false,,""',
      '"",-2,,-0.0,,1970-01-01T00:00:00.000001Z,',
      '',
    ]);
  });

  it('csv: reads LF line ends, a last line without one, and a trailing empty field', () => {
    expect(parseCsv('a,b\n1,"x\r\ny"\n2,', 'f').map((r) => r.fields)).toEqual([['a', 'b'], ['1', 'x\r\ny'], ['2', null]]);
    expect(parseCsv('a\r\n\r\n""\r\n', 'f').map((r) => r.fields)).toEqual([['a'], [null], ['']]);
  });

  it('arrow: an IPC file with the query\'s columns, whatever the batch calls its own', () => {
    const inner: Schema = SCHEMA.map((x, i) => ({ ...x, name: `_c${i}` }));
    const data = encodeBatches('arrow', SCHEMA, [batchFromRows([...inner, f('_hidden', 'BIGINT')], ROWS.map((r) => [...r, 7]))]);
    const back = decodeFile('arrow', SCHEMA, data, 'f');
    expect(back[0]!.schema.fields.map((x) => x.name)).toEqual(SCHEMA.map((x) => x.name));
    expect(back.flatMap((b) => rowsFromBatch(b, SCHEMA)).map((r) => r[0])).toEqual(['a,b', 'say "hi"\nbye', '']);
  });

  it('a file that does not fit the schema is INVALID_INPUT naming the file and line', () => {
    const s: Schema = [f('n', 'INT'), f('ts', 'TIMESTAMP')];
    const bad = (format: 'jsonl' | 'csv', body: string): unknown => {
      try {
        decodeFile(format, s, Buffer.from(body), 'out/part-1');
        return undefined;
      } catch (e) {
        return [(e as { code: string }).code, (e as Error).message.split('.')[0]];
      }
    };
    expect(bad('jsonl', '{"n":1,"ts":null}\n{"n":"one"}\n')).toEqual(['INVALID_INPUT', `out/part-1, line 2: column 'n' (INT) cannot hold "one"`]);
    expect(bad('jsonl', '{"n":1}\nnope\n')).toEqual(['INVALID_INPUT', 'out/part-1, line 2: not JSON (Unexpected token \'o\', "nope" is not valid JSON)']);
    expect(bad('csv', 'n,ts\r\n1,yesterday\r\n')).toEqual(['INVALID_INPUT', `out/part-1, line 2: column 'ts' (TIMESTAMP) cannot hold 'yesterday'`]);
    expect(bad('csv', 'n\r\n1\r\n')).toEqual(['INVALID_INPUT', 'out/part-1, line 1: the header should be n,ts']);
    expect(bad('csv', 'n,ts\r\n"1,\r\n')).toEqual(['INVALID_INPUT', 'out/part-1, line 2: a quoted field is not closed']);
  });
});
