// Hashing float64 key lanes by their bits: the mixing steps GroupTable applies lane by lane, and their constants.

const f64 = new Float64Array(1);
const i32 = new Int32Array(f64.buffer);

/** Hash of one float64 by its bits (-0 and NaN normalized by the caller). */
export function mixLane(h: number, v: number): number {
  f64[0] = v;
  h = Math.imul(h ^ i32[0]!, 0x9e3779b1);
  h = Math.imul(h ^ i32[1]!, 0x85ebca77);
  return (h << 13) | (h >>> 19);
}

export function finalizeHash(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  return h ^ (h >>> 16);
}

/** Canonical lane value: one zero, one NaN, so equal SQL values hash equally. */
export const canon = (v: number): number => (v === 0 ? 0 : v !== v ? NaN : v);

f64[0] = NaN;
/** The words of the one NaN every NaN lane hashes as. */
export const NAN_LO = i32[0]!;
export const NAN_HI = i32[1]!;
export const SEED = 0x1234567;
