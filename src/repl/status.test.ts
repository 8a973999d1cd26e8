// Unit tests: the live status line from each query's last progress.

import { describe, expect, it } from 'vitest';
import type { BatchProgress } from '../../runtime/index.js';
import { groupDigits, statusLine } from './status.js';

const progress = (over: Partial<BatchProgress>): BatchProgress => ({
  id: 'id', name: 'q', timestamp: '2024-01-01T00:10:05.000Z', batchId: 7, numInputRows: 12_345, inputRowsPerSecond: 12_000, processedRowsPerSecond: 98_765.4,
  durationMs: { triggerExecution: 1, getBatch: 0, addBatch: 1, walCommit: 0, commitOffsets: 0 },
  eventTime: { min: null, max: null, avg: null, watermark: '2024-01-01T00:10:00.000Z' },
  stateOperators: [
    { operator: 'aggregate', numRowsTotal: 1500, numRowsUpdated: 0, numRowsRemoved: 0, numRowsDroppedByWatermark: 0, memoryUsedBytes: 0 },
    { operator: 'deduplicate', numRowsTotal: 20, numRowsUpdated: 0, numRowsRemoved: 0, numRowsDroppedByWatermark: 0, memoryUsedBytes: 0 },
  ],
  sources: [], sink: { description: 'table', numOutputRows: 0 },
  ...over,
});

describe('statusLine', () => {
  it('shows batch, input rows, rate, watermark, state rows and the age of the last batch', () => {
    expect(statusLine([{ name: 'q', state: 'RUNNING', progress: progress({}), lastBatchAtMs: 1_000 }], 4_500)).toBe(
      'status: q RUNNING · batch 7 · 12,345 rows in · 98,765 rows/s · watermark 2024-01-01 00:10:00 · state 1,520 rows · 3s ago');
  });

  it('says when a query has run no batch, has no watermark yet, or failed; joins queries with |', () => {
    const line = statusLine([
      { name: 'a', state: 'RUNNING', progress: undefined, lastBatchAtMs: undefined },
      { name: 'b', state: 'FAILED: INVALID_INPUT', progress: progress({ eventTime: { min: null, max: null, avg: null, watermark: null }, stateOperators: [] }), lastBatchAtMs: 0 },
    ], 3_725_000);
    expect(line).toBe('status: a RUNNING · no batch yet | b FAILED: INVALID_INPUT · batch 7 · 12,345 rows in · 98,765 rows/s · watermark none · state 0 rows · 1h 2m ago');
    expect(statusLine([], 0)).toBe('status: no queries');
  });
});

describe('groupDigits', () => {
  it('groups by thousands and rounds', () => {
    expect([0, 999, 1000, 1234567.6, -45_000].map(groupDigits)).toEqual(['0', '999', '1,000', '1,234,568', '-45,000']);
  });
});
