// End-to-end crash safety of files sinks: the real CLI in a child process writes three queries' output to JSONL, CSV
// and Arrow directories and is SIGKILLed at exact points of the sink protocol (right after a batch's manifest is
// published, before its file is renamed; right after the file is renamed, before the query's commit), of the checkpoint
// (after state, after a commit) and a few milliseconds after a batch starts (wherever the process then is). The script
// is then run again from the start. The committed output (what SELECT reads through the manifests) must equal an
// uninterrupted run's, and so must the sink directories, batch by batch: no temporary file is left, none is visible
// that no manifest lists.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it, type ExpectStatic } from 'vitest';
import { rowsFromBatch } from '../runtime/index.js';
import { readCommittedFiles } from './index.js';
import { crashAndCompare, rowDiff, useBundledCli, type Scenario } from './crash-recovery.test-support.js';

const OUTPUTS = ['raw', 'per_sec', 'hot'];

/** Every file under `dir`, relative. */
const tree = (dir: string): string[] => (fs.readdirSync(dir, { recursive: true }) as string[])
  .filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();

/** Each committed row as `batch<TAB>file<TAB>values`, sorted (a restored aggregation may emit a batch in another order). */
function committed(dir: string): string[] {
  const { schema, batches } = readCommittedFiles(dir);
  return batches.flatMap((b) => b.table.batches.flatMap((r) => rowsFromBatch(r, schema))
    .map((row) => `${b.batchId}\t${b.files.join(',')}\t${row.map(String).join('\t')}`)).sort();
}

function checkSinkDirs(root: string, expect: ExpectStatic): void {
  const clean = path.join(path.dirname(root), 'clean');
  for (const name of OUTPUTS) {
    const dir = path.join(root, 'out', name);
    const files = tree(dir);
    // Nothing temporary is left, and what a reader that skips hidden names sees is exactly what the manifests list.
    expect(files.filter((f) => f.startsWith('_temporary') || f.includes('.tmp-')), name).toEqual([]);
    const listed = readCommittedFiles(dir).batches.flatMap((b) => b.files).sort();
    expect(files.filter((f) => !f.startsWith('_') && !f.startsWith('.')), name).toEqual(listed);
    // Batches have the same offsets in both runs: the same files, manifests and rows, batch by batch.
    expect(files, name).toEqual(tree(path.join(clean, 'out', name)));
    expect(rowDiff(committed(path.join(clean, 'out', name)), committed(dir)), name).toBe('');
  }
}

const SCENARIO: Scenario = {
  name: 'three files sinks',
  // 30 data batches of 2,000 rows (20 s of event time each), all available at once, so per_sec runs one no-data
  // batch after them (31 batches). Kill counts are per process, and a process first finishes the renames of the batch
  // whose manifest a crash left unpublished (those count too).
  script: `
CREATE SOURCE readings (sensor BIGINT, reading DOUBLE, ts TIMESTAMP)
  WITH (connector = 'datagen', rows = 60000, seed = 11, rows_per_batch = 2000, step = '10 ms',
        max_out_of_order = '2 seconds', 'fields.sensor.min' = 1, 'fields.sensor.max' = 8,
        'fields.reading.min' = 0, 'fields.reading.max' = 1000);
CREATE QUERY raw WITH (sink = 'files', path = '$ROOT/out/raw', format = 'csv') AS
  SELECT sensor, reading, ts FROM readings WHERE reading > 600;
CREATE QUERY per_sec WITH (sink = 'files', path = '$ROOT/out/per_sec', format = 'jsonl') AS
  SELECT window.start AS ws, sensor, count(*) AS n, sum(reading) AS total
  FROM readings
  GROUP BY window(ts, '1 second'), sensor
  WATERMARK ts 3 seconds
  EMIT APPEND;
CREATE QUERY hot WITH (sink = 'files', path = '$ROOT/out/hot', format = 'arrow') AS
  SELECT sensor, ts FROM readings WHERE reading > 990;
TRIGGER;
SELECT * FROM raw;
SELECT * FROM per_sec;
SELECT * FROM hot;
`,
  queries: ['raw', 'per_sec', 'hot'],
  tables: ['raw', 'per_sec', 'hot'],
  kills: [
    { query: 'raw', what: 'after a batch\'s manifest, before its file is renamed', at: '/out/raw/_manifest/\\d+\\.json$', nth: 3 },
    { query: 'raw', what: 'after the file is renamed, before the query commits', at: '/out/raw/part-', nth: 5 },
    { query: 'raw', what: 'mid-batch', at: '/raw/offsets/', nth: 7, delayMs: 2 },
    { query: 'per_sec', what: 'after the state file, before the sink', at: '/per_sec/state/', nth: 9 },
    // The next process re-runs that batch first: a second crash in it, right after its manifest.
    { query: 'per_sec', what: 'in the re-run of that batch, after its manifest', at: '/out/per_sec/_manifest/\\d+\\.json$', nth: 1 },
    { query: 'per_sec', what: 'after the file is renamed, before the query commits', at: '/out/per_sec/part-', nth: 6 },
    { query: 'per_sec', what: 'after a commit', at: '/per_sec/commits/', nth: 12 },
    { query: 'per_sec', what: 'mid-batch', at: '/per_sec/offsets/', nth: 3, delayMs: 3 },
    { query: 'hot', what: 'after a batch\'s manifest, before its file is renamed', at: '/out/hot/_manifest/\\d+\\.json$', nth: 4 },
    { query: 'hot', what: 'after the last commit', at: '/hot/commits/last\\.json$', nth: 1 },
  ],
  checkClean(t, expect) {
    expect(t.raw!.length).toBeGreaterThan(20_000);
    expect(t.per_sec!.length).toBeGreaterThan(4000);
    expect(t.hot!.length).toBeGreaterThan(300);
    // Each (window, sensor) is emitted once, and the counts add up to the rows not dropped as late.
    expect(new Set(t.per_sec!.map((r) => r.split('\t').slice(0, 2).join('\t'))).size).toBe(t.per_sec!.length);
    expect(t.per_sec!.reduce((s, r) => s + Number(r.split('\t')[2]), 0)).toBeGreaterThan(59_000);
  },
  checkFinal: checkSinkDirs,
};

describe('crash recovery of files sinks', () => {
  useBundledCli();
  it(SCENARIO.name, async ({ expect }) => {
    await crashAndCompare(SCENARIO, expect);
  }, 240_000);
});
