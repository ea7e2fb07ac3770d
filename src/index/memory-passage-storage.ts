/**
 * In-memory passage storage: an open-addressing table (shingle → posting chain, document
 * frequency) over chunked Int32Array posting cells, as superfastmatch keeps its postings
 * (Mulhern, 2011): exact, and bounded per shingle — a shingle seen in more than maxPostings
 * documents is saturated and never listed again, since it marks boilerplate, not reuse; a lookup
 * may skip shingles held by more than `maxDocs` documents (stock phrases) as well.
 */
import { DuplicateIdError, IncompatibleSignatureError } from '../errors.js';
import { passesLookup, type LookupOptions, type PassageLayout, type PassageStorage } from './passage-storage.js';

const EMPTY = 0;
const CHUNK = 1 << 14;

/**
 * Keeps a passage index in this process's memory.
 *
 * @example
 * ```ts
 * const passages = new PassageIndex({ storage: new MemoryPassageStorage() }); // the default
 * ```
 */
export class MemoryPassageStorage implements PassageStorage {
  private layout: PassageLayout | undefined;
  // documents
  private readonly slotOf = new Map<string, number>();
  private idOf: (string | undefined)[] = [];
  private shinglesOf: (Uint32Array | undefined)[] = [];
  private times: number[] = [];
  private freeSlots: number[] = [];
  // shingle table: key, chain head (cell + 1, 0 = none), document frequency (-1 = saturated)
  private keys = new Uint32Array(1024);
  private heads = new Int32Array(1024);
  private df = new Int32Array(1024);
  private used = new Uint8Array(1024); // 0 empty, 1 live, 2 deleted
  private live = 0;
  private dead = 0;
  // posting cells: slot and next (cell + 1)
  private cellSlot: Int32Array[] = [];
  private cellNext: Int32Array[] = [];
  private cellCount = 0;
  private freeCells: number[] = [];
  // query scratch
  private counts = new Int32Array(1024);

  open(layout: PassageLayout): void {
    if (this.layout && (this.layout.maxPostings !== layout.maxPostings || this.layout.shingleKey !== layout.shingleKey)) {
      throw new IncompatibleSignatureError(
        `this MemoryPassageStorage serves maxPostings ${this.layout.maxPostings}, shingles ${this.layout.shingleKey}; give each index its own storage`,
      );
    }
    this.layout ??= layout;
  }

  add(id: string, shingles: Uint32Array, time?: number): void {
    if (this.slotOf.has(id)) throw new DuplicateIdError(id);
    const max = this.requireLayout().maxPostings;
    const slot = this.freeSlots.pop() ?? this.idOf.length;
    this.slotOf.set(id, slot);
    this.idOf[slot] = id;
    this.shinglesOf[slot] = shingles.slice();
    this.times[slot] = time ?? Number.NaN;
    if (this.counts.length <= slot) {
      const grown = new Int32Array(Math.max(this.counts.length * 2, slot + 1));
      this.counts = grown;
    }
    for (const h of shingles) {
      const at = this.cellFor(h);
      const df = this.df[at]!;
      if (df < 0) continue; // saturated: boilerplate, not listed
      if (df >= max) {
        this.saturate1(at);
        continue;
      }
      this.df[at] = df + 1;
      const cell = this.newCell();
      this.cellSlot[cell >>> 14]![cell & (CHUNK - 1)] = slot;
      this.cellNext[cell >>> 14]![cell & (CHUNK - 1)] = this.heads[at]!;
      this.heads[at] = cell + 1;
    }
  }

  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    for (const h of this.shinglesOf[slot]!) {
      const at = this.find(h);
      if (at < 0 || this.df[at]! < 0) continue;
      this.unlink(at, slot);
    }
    this.slotOf.delete(id);
    this.idOf[slot] = undefined;
    this.shinglesOf[slot] = undefined;
    this.times[slot] = Number.NaN;
    this.freeSlots.push(slot);
    return true;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  size(): number {
    return this.slotOf.size;
  }

  lookup(sets: readonly Uint32Array[], options: LookupOptions = {}): Map<string, number>[] {
    const maxDocs = options.maxDocs ?? Infinity;
    const minShared = options.minShared ?? 0;
    const minShare = options.minShare ?? 0;
    return sets.map((set) => {
      const touched: number[] = [];
      const counts = this.counts;
      for (const h of set) {
        const at = this.find(h);
        if (at < 0 || this.df[at]! <= 0 || this.df[at]! > maxDocs) continue;
        for (let link = this.heads[at]!; link !== 0; ) {
          const cell = link - 1;
          const slot = this.cellSlot[cell >>> 14]![cell & (CHUNK - 1)]!;
          if ((counts[slot] = counts[slot]! + 1) === 1) touched.push(slot);
          link = this.cellNext[cell >>> 14]![cell & (CHUNK - 1)]!;
        }
      }
      const out = new Map<string, number>();
      for (const slot of touched) {
        const n = counts[slot]!;
        if (passesLookup(n, set.length, minShared, minShare)) out.set(this.idOf[slot]!, n);
        counts[slot] = 0;
      }
      return out;
    });
  }

  removeOlderThan(time: number): number {
    let removed = 0;
    for (const [id, slot] of [...this.slotOf]) if (this.times[slot]! < time && this.remove(id)) removed++;
    return removed;
  }

  *entries(): Iterable<{ id: string; shingles: Uint32Array; time?: number | undefined }> {
    for (const [id, slot] of this.slotOf) {
      const t = this.times[slot]!;
      yield { id, shingles: this.shinglesOf[slot]!.slice(), time: Number.isNaN(t) ? undefined : t };
    }
  }

  clear(): void {
    const layout = this.layout;
    Object.assign(this, new MemoryPassageStorage());
    this.layout = layout;
  }

  saturated(): Uint32Array {
    const out: number[] = [];
    for (let i = 0; i < this.keys.length; i++) if (this.used[i] === 1 && this.df[i]! < 0) out.push(this.keys[i]!);
    return Uint32Array.from(out).sort();
  }

  saturate(shingles: Uint32Array): void {
    this.requireLayout();
    for (const h of shingles) {
      const at = this.cellFor(h);
      if (this.df[at]! >= 0) this.saturate1(at);
    }
  }

  /** For each shingle, `documentFrequency(h)`. */
  documentFrequencies(shingles: Uint32Array): Float64Array {
    const out = new Float64Array(shingles.length);
    for (let i = 0; i < shingles.length; i++) out[i] = this.documentFrequency(shingles[i]!);
    return out;
  }

  /** How many stored documents hold shingle `h` now (Infinity once saturated). */
  documentFrequency(h: number): number {
    const at = this.find(h);
    if (at < 0) return 0;
    const df = this.df[at]!;
    return df < 0 ? Infinity : df;
  }

  /** Distinct shingles tracked and posting cells in use, for benchmarks. */
  get stats(): { shingles: number; postings: number; bytes: number } {
    const bytes =
      this.keys.byteLength + this.heads.byteLength + this.df.byteLength + this.used.byteLength +
      this.cellSlot.length * CHUNK * 8 + this.shinglesOf.reduce((n, s) => n + (s?.byteLength ?? 0), 0);
    return { shingles: this.live, postings: this.cellCount - this.freeCells.length, bytes };
  }

  private requireLayout(): PassageLayout {
    if (!this.layout) throw new Error('MemoryPassageStorage used before open(); pass it to a PassageIndex');
    return this.layout;
  }

  /** Marks the shingle at table position `at` as boilerplate and frees its postings. */
  private saturate1(at: number): void {
    for (let link = this.heads[at]!; link !== 0; ) {
      const cell = link - 1;
      link = this.cellNext[cell >>> 14]![cell & (CHUNK - 1)]!;
      this.freeCells.push(cell);
    }
    this.heads[at] = 0;
    this.df[at] = -1;
  }

  private unlink(at: number, slot: number): void {
    let prev = -1;
    for (let link = this.heads[at]!; link !== 0; ) {
      const cell = link - 1;
      const next = this.cellNext[cell >>> 14]![cell & (CHUNK - 1)]!;
      if (this.cellSlot[cell >>> 14]![cell & (CHUNK - 1)] === slot) {
        if (prev < 0) this.heads[at] = next;
        else this.cellNext[prev >>> 14]![prev & (CHUNK - 1)] = next;
        this.freeCells.push(cell);
        this.df[at] = this.df[at]! - 1;
        if (this.df[at] === 0) {
          this.used[at] = 2;
          this.live--;
          this.dead++;
        }
        return;
      }
      prev = cell;
      link = next;
    }
  }

  private newCell(): number {
    const reused = this.freeCells.pop();
    if (reused !== undefined) return reused;
    const cell = this.cellCount++;
    if (cell >>> 14 >= this.cellSlot.length) {
      this.cellSlot.push(new Int32Array(CHUNK));
      this.cellNext.push(new Int32Array(CHUNK));
    }
    return cell;
  }

  /** Table position of `h`, or -1. */
  private find(h: number): number {
    const mask = this.keys.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const u = this.used[i]!;
      if (u === EMPTY) return -1;
      if (u === 1 && this.keys[i] === h) return i;
    }
  }

  /** Table position of `h`, inserting it (df 0) if absent. */
  private cellFor(h: number): number {
    const found = this.find(h);
    if (found >= 0) return found;
    if ((this.live + this.dead + 1) * 4 > this.keys.length * 3) this.rehash();
    const mask = this.keys.length - 1;
    let i = h & mask;
    while (this.used[i] === 1) i = (i + 1) & mask;
    if (this.used[i] === 2) this.dead--;
    this.used[i] = 1;
    this.keys[i] = h;
    this.heads[i] = 0;
    this.df[i] = 0;
    this.live++;
    return i;
  }

  private rehash(): void {
    let capacity = 1024;
    while (capacity * 3 < this.live * 8) capacity *= 2;
    const { keys, heads, df, used } = this;
    this.keys = new Uint32Array(capacity);
    this.heads = new Int32Array(capacity);
    this.df = new Int32Array(capacity);
    this.used = new Uint8Array(capacity);
    const mask = capacity - 1;
    for (let j = 0; j < keys.length; j++) {
      if (used[j] !== 1) continue;
      let i = keys[j]! & mask;
      while (this.used[i] !== EMPTY) i = (i + 1) & mask;
      this.used[i] = 1;
      this.keys[i] = keys[j]!;
      this.heads[i] = heads[j]!;
      this.df[i] = df[j]!;
    }
    this.dead = 0;
  }
}
