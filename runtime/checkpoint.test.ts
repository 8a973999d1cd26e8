// CheckpointDir: a batch re-run after a crash replaces what the crashed run wrote for it, whatever its kind.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorOf } from '../common/test-utils.js';
import { CheckpointDir } from './checkpoint.js';
import { batchFromRows, rowsFromBatch } from './values.js';

const schema = [{ name: 'x', type: 'BIGINT' as const, nullable: true }];
const rows = (b: { snapshot: readonly unknown[]; deltas: readonly unknown[] }): unknown[] =>
  [...b.snapshot, ...b.deltas].flatMap((x) => rowsFromBatch(x as Parameters<typeof rowsFromBatch>[0], schema));

describe('CheckpointDir state files', () => {
  it('a delta written for a batch replaces a snapshot an uncommitted run left for it, and the other way round', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-ckpt-'));
    const cp = new CheckpointDir(dir);
    cp.writeState('op', 0, [batchFromRows(schema, [[1]])], 'snapshot');
    // The crashed run compacted batch 2; the re-run of batch 2 writes a delta instead.
    cp.writeState('op', 2, [batchFromRows(schema, [[99]])], 'snapshot');
    cp.writeState('op', 2, [batchFromRows(schema, [[2]])], 'delta');
    expect(rows(cp.readState('op', 2))).toEqual([[1], [2]]);
    cp.writeState('op', 3, [batchFromRows(schema, [[98]])], 'delta');
    cp.writeState('op', 3, [batchFromRows(schema, [[3]])], 'snapshot');
    expect(rows(cp.readState('op', 3))).toEqual([[3]]);
    // A snapshot in several batches (a join's slices of its input) reads back as those batches, in order.
    cp.writeState('op', 4, [batchFromRows(schema, [[4]]), batchFromRows(schema, [[5], [6]])], 'snapshot');
    cp.writeState('op', 5, [batchFromRows(schema, [[7]])], 'delta');
    expect(cp.readState('op', 5).snapshot.map((b) => b.numRows)).toEqual([1, 2]);
    expect(rows(cp.readState('op', 5))).toEqual([[4], [5], [6], [7]]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('CheckpointDir unreadable files', () => {
  it.each([['empty', ''], ['not Arrow', 'garbage'], ['cut short', 'half']])('a %s state or result file is CHECKPOINT_ERROR, not "no rows"', (_, what) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-ckpt-'));
    const cp = new CheckpointDir(dir);
    cp.writeState('op', 0, [batchFromRows(schema, [[1]])], 'delta');
    cp.writeSinkBatch(0, [batchFromRows(schema, [[1]])], 'batch');
    expect(rows(cp.readState('op', 0))).toEqual([[1]]);
    for (const file of [path.join(dir, 'state', 'op', '0.delta.arrow'), path.join(dir, 'sink', '0.batch.arrow')]) {
      const bytes = fs.readFileSync(file);
      fs.writeFileSync(file, what === 'half' ? bytes.subarray(0, bytes.length >> 1) : what);
    }
    expect(errorOf(() => cp.readState('op', 0)).code).toBe('CHECKPOINT_ERROR');
    expect(errorOf(() => cp.readSink(0)).code).toBe('CHECKPOINT_ERROR');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
