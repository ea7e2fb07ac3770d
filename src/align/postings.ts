/**
 * Shingle → unit postings for one alignment, in typed arrays (an open-addressing table over an
 * intrusive list, Knuth TAOCP vol. 3 §6.4): the seeding step of compare and findRepeats. A shingle
 * listed for more than `max` units is boilerplate there and is skipped, as superfastmatch does.
 */

/** Units per shingle before it counts as boilerplate within one comparison. */
export const MAX_UNIT_POSTINGS = 64;

export class UnitPostings {
  private readonly keys: Uint32Array;
  private readonly heads: Int32Array; // posting + 1; 0 = empty cell
  private readonly counts: Int32Array;
  private readonly unit: Int32Array;
  private readonly next: Int32Array; // posting + 1; 0 = end
  private size = 0;

  /** `capacity`: the most postings that will be added (the sum of the units' shingle counts). */
  constructor(capacity: number, private readonly max = MAX_UNIT_POSTINGS) {
    let cells = 16;
    while (cells < capacity * 2) cells *= 2;
    this.keys = new Uint32Array(cells);
    this.heads = new Int32Array(cells);
    this.counts = new Int32Array(cells);
    this.unit = new Int32Array(capacity);
    this.next = new Int32Array(capacity);
  }

  /** Lists `unit` under shingle `h` (until the shingle turns out to be boilerplate). */
  add(h: number, unit: number): void {
    const cell = this.cell(h);
    const n = this.counts[cell]!;
    if (n > this.max) return;
    this.counts[cell] = n + 1;
    this.unit[this.size] = unit;
    this.next[this.size] = this.heads[cell]!;
    this.heads[cell] = ++this.size;
  }

  /** First posting (+1) under `h`, or 0 when absent or boilerplate; walk with `unitOf`/`nextOf`. */
  first(h: number): number {
    const mask = this.keys.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const head = this.heads[i]!;
      if (head === 0) return 0;
      if (this.keys[i] === h) return this.counts[i]! > this.max ? 0 : head;
    }
  }

  unitOf(posting: number): number {
    return this.unit[posting - 1]!;
  }

  nextOf(posting: number): number {
    return this.next[posting - 1]!;
  }

  private cell(h: number): number {
    const mask = this.keys.length - 1;
    let i = h & mask;
    while (this.heads[i] !== 0 && this.keys[i] !== h) i = (i + 1) & mask;
    this.keys[i] = h;
    return i;
  }
}

/** Total shingles of some units: the capacity a `UnitPostings` over them needs. */
export function shingleTotal(units: readonly { shingles: Uint32Array }[]): number {
  let n = 0;
  for (const u of units) n += u.shingles.length;
  return n;
}
