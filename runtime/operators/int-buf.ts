// A growable list of int32 values over one typed array, reused across batches (clear() keeps the capacity).

/** A growable Int32Array stack (no per-element JS numbers in arrays). */
export class IntBuf {
  a: Int32Array;
  n = 0;

  constructor(capacity = 64) {
    this.a = new Int32Array(capacity);
  }

  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }

  view(): Int32Array {
    return this.a.subarray(0, this.n);
  }

  clear(): void {
    this.n = 0;
  }
}
