// A small unified diff (LCS-based) for golden-file mismatches.

export function unifiedDiff(expected: string, actual: string, name: string, context = 3): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const n = a.length;
  const m = b.length;
  // LCS lengths from the end, so the walk below can go forwards.
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  type Op = { t: ' ' | '-' | '+'; s: string; ai: number; bi: number };
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ t: ' ', s: a[i]!, ai: i++, bi: j++ });
    else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) ops.push({ t: '+', s: b[j]!, ai: i, bi: j++ });
    else ops.push({ t: '-', s: a[i]!, ai: i++, bi: j });
  }
  const out = [`--- ${name} (expected)`, `+++ ${name} (actual)`];
  let k = 0;
  while (k < ops.length) {
    if (ops[k]!.t === ' ') { k++; continue; }
    let start = Math.max(0, k - context);
    let end = k;
    // Extend the hunk while changes are within 2*context lines of each other.
    while (end < ops.length) {
      let next = end;
      while (next < ops.length && ops[next]!.t !== ' ') next++;
      let gap = next;
      while (gap < ops.length && ops[gap]!.t === ' ') gap++;
      end = next;
      if (gap >= ops.length || gap - next > 2 * context) break;
      end = gap;
    }
    const stop = Math.min(ops.length, end + context);
    if (start < 0) start = 0;
    const hunk = ops.slice(start, stop);
    const aStart = hunk[0]!.ai + 1;
    const bStart = hunk[0]!.bi + 1;
    const aLen = hunk.filter((o) => o.t !== '+').length;
    const bLen = hunk.filter((o) => o.t !== '-').length;
    out.push(`@@ -${aStart},${aLen} +${bStart},${bLen} @@`);
    for (const o of hunk) out.push(o.t + o.s);
    k = stop;
  }
  return out.join('\n');
}
