// Record batches to Arrow IPC files, with every buffer of a batch written once: the one way Tidemark writes IPC.

import * as arrow from 'apache-arrow';

type View = ArrayBufferView | null | undefined;

/** The buffers of `d` and of its children (validity, offsets, values, type ids). */
function views(d: arrow.Data, out: View[] = []): View[] {
  out.push(d.nullBitmap as View, d.valueOffsets as View, d.values as View, d.typeIds as View);
  for (const c of d.children) views(c, out);
  return out;
}

/** `d` over copies of its buffers (children too), so that it shares none with another column. */
function copied(d: arrow.Data): arrow.Data {
  // Arrow's buffers are typed arrays, whose slice() copies into an array of the same type.
  const own = (v: View): View => (v ? (v as unknown as { slice(): ArrayBufferView }).slice() : v);
  const buffers = [own(d.valueOffsets as View), own(d.values as View), own(d.nullBitmap as View), own(d.typeIds as View)];
  return d.clone(d.type, d.offset, d.length, d.nullCount, buffers as unknown as Parameters<arrow.Data['clone']>[4], d.children.map(copied));
}

/**
 * apache-arrow's IPC writer garbles a batch in which two buffers are one view (the same memory at the same offset):
 * the columns after the second are read back shifted. A projection that repeats a column (`SELECT a, a AS b`) makes
 * such batches, and so can operators that share arrays. Columns holding a view seen earlier in the batch are copied.
 */
export function withDistinctBuffers(b: arrow.RecordBatch): arrow.RecordBatch {
  const seen = new Map<ArrayBufferLike, Set<number>>();
  const fresh = (v: View): boolean => {
    if (!v || v.byteLength === 0) return true;
    let at = seen.get(v.buffer);
    if (!at) seen.set(v.buffer, (at = new Set()));
    if (at.has(v.byteOffset)) return false;
    at.add(v.byteOffset);
    return true;
  };
  let changed = false;
  const children = b.data.children.map((d) => {
    // Every view is marked, even after a repeat is found: a later column may repeat any of them.
    const repeats = views(d).map(fresh).includes(false);
    if (!repeats) return d;
    changed = true;
    const c = copied(d);
    for (const v of views(c)) fresh(v);
    return c;
  });
  if (!changed) return b;
  return new arrow.RecordBatch(b.schema, arrow.makeData({ type: b.data.type, length: b.numRows, nullCount: 0, children }));
}

/** An Arrow IPC file (the random-access format) of `batches`, which share one schema. */
export function ipcFile(batches: readonly arrow.RecordBatch[]): Uint8Array {
  return arrow.tableToIPC(new arrow.Table(batches.map(withDistinctBuffers)), 'file');
}

const MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"

/**
 * Reads an Arrow IPC file that ipcFile wrote. apache-arrow reads an empty or non-Arrow buffer as a table of no rows
 * without complaint, so a checkpoint file emptied by a crash would pass for "no state": the file format's magic at
 * both ends is checked first, and its absence throws.
 */
export function readIpcFile(bytes: Uint8Array): arrow.Table {
  const n = bytes.length;
  const framed = n >= 2 * MAGIC.length && MAGIC.every((b, i) => bytes[i] === b && bytes[n - MAGIC.length + i] === b);
  if (!framed) throw new Error(`not an Arrow IPC file (${n} bytes, without the ARROW1 magic at both ends)`);
  return arrow.tableFromIPC(bytes);
}
