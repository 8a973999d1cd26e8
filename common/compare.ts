// Orderings shared by plan-time folding and runtime kernels: strings by code point, as Spark compares UTF-8; doubles
// with NaN equal to itself and above every other value, as Spark orders them.

/** Orders JS strings by code point (like UTF-8 bytes and Spark), not by UTF-16 unit as `<` does. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (0xD800-0xDFFF) encode code points above 0xFFFF, so they sort after 0xE000-0xFFFF.
    x = x >= 0xe000 ? x - 0x800 : x >= 0xd800 ? x + 0x2000 : x;
    y = y >= 0xe000 ? y - 0x800 : y >= 0xd800 ? y + 0x2000 : y;
    return x - y;
  }
  return a.length - b.length;
}

/** Spark's double order: NaN equals NaN and is above every other value (Infinity included); -0.0 equals 0.0. */
export function compareDoubles(a: number, b: number): number {
  if (a !== a) return b !== b ? 0 : 1;
  if (b !== b) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
