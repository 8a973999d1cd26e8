// One open-addressing slot array of a group table: (group id + 1, hash) pairs, linear probing, backward-shift deletes.

/**
 * Slots hold (group id + 1, hash) pairs side by side, so a probe reads one cache line and touches a group's keys only
 * when the full hash matches. `mask` is the slot count - 1 (slot s lives at slots[2s], slots[2s + 1]); the load
 * stays at most one half, so there is always an empty slot and probe chains stay short.
 */
export class GroupSlots {
  slots: Int32Array;
  mask: number;
  /** Occupied slots. */
  size = 0;
  /** The most slots ever occupied at once (sizes the next partition of a partitioned table). */
  peak = 0;
  /** Scratch of GroupTable.removeMany: how many of this array's groups it removes, and whether that is all of them. */
  removing = 0;
  whole = false;

  /** Room for `groups` groups without growing. */
  constructor(groups: number) {
    const n = 2 ** Math.ceil(Math.log2(Math.max(8, groups * 2)));
    this.slots = new Int32Array(n * 2);
    this.mask = n - 1;
  }

  get bytes(): number {
    return this.slots.byteLength;
  }

  /** Puts group g with hash h in empty slot s; grows (re-placing every slot) past half full. */
  put(s: number, g: number, h: number): void {
    this.slots[2 * s] = g + 1;
    this.slots[2 * s + 1] = h;
    if (++this.size > this.peak) this.peak = this.size;
    if (this.size > (this.mask + 1) >> 1) this.rehash((this.mask + 1) * 2);
  }

  clear(): void {
    this.slots.fill(0);
    this.size = 0;
  }

  /** The slot holding group g, whose key hashes to h (it is on h's probe path). */
  slotOf(g: number, h: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let s = h & mask;
    while (slots[2 * s] !== g + 1) s = (s + 1) & mask;
    return s;
  }

  /** Empties slot s by backward-shift deletion, which keeps every probe chain unbroken without tombstones. */
  deleteSlot(s: number): void {
    const mask = this.mask;
    const slots = this.slots;
    let i = s;
    let j = s;
    for (;;) {
      j = (j + 1) & mask;
      const e = slots[2 * j]!;
      if (e === 0) break;
      const home = slots[2 * j + 1]! & mask;
      const between = i <= j ? home > i && home <= j : home > i || home <= j;
      if (!between) {
        slots[2 * i] = e;
        slots[2 * i + 1] = slots[2 * j + 1]!;
        i = j;
      }
    }
    slots[2 * i] = 0;
    slots[2 * i + 1] = 0;
    this.size--;
  }

  /**
   * Deletes the slot of every group that `live` marks dead, in one pass. It starts after an empty slot, so no probe
   * chain runs across its start, and deletions only move slots back onto positions it has not passed yet.
   */
  sweep(live: Uint8Array): void {
    const slots = this.slots;
    const mask = this.mask;
    let first = 0;
    while (slots[2 * first] !== 0) first++;
    for (let k = 1; k <= mask; k++) {
      const s = (first + k) & mask;
      for (;;) {
        const e = slots[2 * s]!;
        if (e === 0 || live[e - 1]) break;
        this.deleteSlot(s);
      }
    }
  }

  private rehash(n: number): void {
    const old = this.slots;
    const slots = new Int32Array(n * 2);
    const mask = n - 1;
    for (let o = 0; o < old.length; o += 2) {
      const e = old[o]!;
      if (e === 0) continue;
      const h = old[o + 1]!;
      let s = h & mask;
      while (slots[2 * s] !== 0) s = (s + 1) & mask;
      slots[2 * s] = e;
      slots[2 * s + 1] = h;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
