/**
 * Shingle → unit postings for one alignment, in typed arrays (an open-addressing table over an
 * intrusive list, Knuth TAOCP vol. 3 §6.4): the seeding step of compare and findRepeats. A shingle
 * listed for more than `max` units is boilerplate there and is skipped, as superfastmatch does.
 */

/** Units per shingle before it counts as boilerplate within one comparison. */
export const MAX_UNIT_POSTINGS = 64;

export class UnitPostings {
  /** Cells of 4 int32 (key, first posting + 1 or 0 when empty, count, unused): one cache line holds a probe. */
  private readonly table: Int32Array;
  private readonly mask: number;
  /** Postings of 2 int32 (unit, next posting + 1 or 0 at the end). */
  private readonly postings: Int32Array;
  private size = 0;

  /** `capacity`: the most postings that will be added (the sum of the units' shingle counts). */
  constructor(capacity: number, private readonly max = MAX_UNIT_POSTINGS) {
    let cells = 16;
    while (cells < capacity * 2) cells *= 2;
    this.table = new Int32Array(cells * 4);
    this.mask = cells - 1;
    this.postings = new Int32Array(capacity * 2);
  }

  /** Lists `unit` under shingle `h` (until the shingle turns out to be boilerplate). */
  add(h: number, unit: number): void {
    const t = this.table;
    const key = h | 0;
    let c = (h & this.mask) << 2;
    while (t[c + 1] !== 0 && t[c] !== key) c = (c + 4) & (this.mask << 2);
    t[c] = key;
    const n = t[c + 2]!;
    if (n > this.max) return;
    t[c + 2] = n + 1;
    const p = this.size++ << 1;
    this.postings[p] = unit;
    this.postings[p + 1] = t[c + 1]!;
    t[c + 1] = this.size;
  }

  /** First posting (+1) under `h`, or 0 when absent or boilerplate; walk with `unitOf`/`nextOf`. */
  first(h: number): number {
    const t = this.table;
    const key = h | 0;
    for (let c = (h & this.mask) << 2; ; c = (c + 4) & (this.mask << 2)) {
      const head = t[c + 1]!;
      if (head === 0) return 0;
      if (t[c] === key) return t[c + 2]! > this.max ? 0 : head;
    }
  }

  unitOf(posting: number): number {
    return this.postings[(posting - 1) << 1]!;
  }

  nextOf(posting: number): number {
    return this.postings[((posting - 1) << 1) + 1]!;
  }
}

/** Total shingles of some units: the capacity a `UnitPostings` over them needs. */
export function shingleTotal(units: readonly { shingles: Uint32Array }[]): number {
  let n = 0;
  for (const u of units) n += u.shingles.length;
  return n;
}
