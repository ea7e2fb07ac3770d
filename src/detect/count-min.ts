/**
 * Count-min sketch (Cormode & Muthukrishnan, "An improved data stream summary: the count-min
 * sketch and its applications", J. Algorithms 2005): approximate counts of many keys in fixed
 * memory, never under-counting; decrements are allowed while every true count stays ≥ 0.
 */
import { fmix32 } from '../sketch/hash.js';

export class CountMinSketch {
  private readonly rows: Int32Array[];
  private readonly mask: number;

  /**
   * `depth` rows of 2^`log2Width` counters (default 4 × 65,536: 1 MiB), or a copy of the counters
   * of another sketch (`copyRows()`), which then counts exactly as that one did.
   */
  constructor(depth: number | readonly Int32Array[] = 4, log2Width = 16) {
    if (typeof depth !== 'number') {
      this.rows = depth.map((r) => r.slice());
      this.mask = this.rows[0]!.length - 1;
      return;
    }
    this.mask = (1 << log2Width) - 1;
    this.rows = Array.from({ length: depth }, () => new Int32Array(1 << log2Width));
  }

  /** A copy of the counters, for `new CountMinSketch(rows)`. */
  copyRows(): Int32Array[] {
    return this.rows.map((r) => r.slice());
  }

  /** Adds `delta` (may be negative) to the count of `key`. */
  add(key: number, delta: number): void {
    for (let r = 0; r < this.rows.length; r++) {
      const row = this.rows[r]!;
      const i = fmix32((key ^ Math.imul(r + 1, 0x9e3779b1)) >>> 0) & this.mask;
      row[i] = row[i]! + delta;
    }
  }

  /** An upper bound of the count of `key` (exact unless other keys collide in every row). */
  estimate(key: number): number {
    let min = Infinity;
    for (let r = 0; r < this.rows.length; r++) {
      const i = fmix32((key ^ Math.imul(r + 1, 0x9e3779b1)) >>> 0) & this.mask;
      min = Math.min(min, this.rows[r]![i]!);
    }
    return min;
  }
}
