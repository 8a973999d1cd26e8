// Copies one string's bytes: short runs by a loop, since a subarray per string costs more than the bytes it moves.

/** Copies src[start..end) to dst at `at`; returns the position after the copied bytes. */
export function copyBytes(dst: Uint8Array, at: number, src: Uint8Array, start: number, end: number): number {
  if (end - start > 32) {
    dst.set(src.subarray(start, end), at);
    return at + end - start;
  }
  for (let i = start; i < end; i++) dst[at++] = src[i]!;
  return at;
}
