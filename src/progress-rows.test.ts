// Unit tests of SHOW PROGRESS rows: JSON paths in JSON order, and Spark's LIKE patterns over them.

import { describe, expect, it } from 'vitest';
import type { BatchProgress } from '../runtime/index.js';
import { likePattern, progressRows } from './progress-rows.js';

const progress: BatchProgress = {
  id: 'id-1', name: 'q', timestamp: '2024-01-01T00:00:00.000Z', batchId: 4, numInputRows: 2, inputRowsPerSecond: 0.5,
  processedRowsPerSecond: 1e21,
  durationMs: { triggerExecution: 1.5, getBatch: 0, addBatch: 1, walCommit: 0.25, commitOffsets: 0.25 },
  eventTime: { min: null, max: null, avg: null, watermark: '2024-01-01T00:11:00.000Z' },
  stateOperators: [{ operator: 'aggregate-2', numRowsTotal: 1, numRowsUpdated: 0, numRowsRemoved: 2, numRowsDroppedByWatermark: 0, memoryUsedBytes: 64 }],
  sources: [{ description: 'a', startOffset: 0, endOffset: 2, numInputRows: 2 }, { description: 'b', startOffset: 5, endOffset: 5, numInputRows: 0 }],
  sink: { description: 'result table q', numOutputRows: 1 },
};

describe('progressRows', () => {
  it('names every leaf by its JSON path, in JSON order, with JSON values', () => {
    const rows = progressRows(progress);
    expect(rows.slice(0, 8)).toEqual([
      ['id', 'id-1'], ['name', 'q'], ['timestamp', '2024-01-01T00:00:00.000Z'], ['batchId', '4'], ['numInputRows', '2'],
      ['inputRowsPerSecond', '0.5'], ['processedRowsPerSecond', '1e+21'], ['durationMs.triggerExecution', '1.5'],
    ]);
    expect(rows).toContainEqual(['eventTime.min', null]);
    expect(rows).toContainEqual(['stateOperators[0].memoryUsedBytes', '64']);
    expect(rows).toContainEqual(['sources[1].startOffset', '5']);
    expect(rows.at(-1)).toEqual(['sink.numOutputRows', '1']);
    expect(rows).toHaveLength(5 + 2 + 5 + 4 + 6 + 8 + 2);
  });
});

describe('likePattern', () => {
  const fields = progressRows(progress).map(([f]) => f);
  const pick = (p: string): string[] => fields.filter((f) => likePattern(p).test(f));

  it("takes '*' for any characters and '|' for alternatives, case-insensitive, matching whole names", () => {
    expect(pick('batchid')).toEqual(['batchId']);
    expect(pick('batch')).toEqual([]);
    expect(pick('sink*|NAME')).toEqual(['name', 'sink.description', 'sink.numOutputRows']);
    expect(pick(' batchId | name ')).toEqual(['name', 'batchId']);
    expect(pick('*Offset')).toEqual(['sources[0].startOffset', 'sources[0].endOffset', 'sources[1].startOffset', 'sources[1].endOffset']);
  });

  it('reads every other character literally (brackets and dots are not regular expressions)', () => {
    expect(pick('sources[1].numInputRows')).toEqual(['sources[1].numInputRows']);
    expect(pick('sources[01].numInputRows')).toEqual([]);
    expect(pick('eventTime.m??')).toEqual([]);
    expect(pick('eventTime.m.x')).toEqual([]);
    expect(pick('(.*)')).toEqual([]);
  });
});
