/**
 * In-memory LSH storage, the default. Documents live in numbered slots: signatures in chunked
 * Uint32Array pools, bucket chains as per-slot `next` links (one per band), buckets in one
 * `BandTable` per band. About 1 KB per document at numPerm 128 (see bench/results.md).
 */
import { DuplicateIdError, IncompatibleSignatureError } from '../errors.js';
import { bandKeysInto } from './band-keys.js';
import { BandTable } from './band-table.js';
import type { Candidate, LshStorage, StorageLayout, StoredDocument } from './storage.js';

const CHUNK_SLOTS = 1024;

/**
 * Keeps an LSH index in this process's memory.
 *
 * @example
 * ```ts
 * const index = new LshIndex({ threshold: 0.8, storage: new MemoryStorage() }); // the default
 * ```
 */
export class MemoryStorage implements LshStorage {
  private layout: StorageLayout | undefined;
  private readonly slotOf = new Map<string, number>();
  private idOf: (string | undefined)[] = [];
  private times: number[] = [];
  private readonly freeSlots: number[] = [];
  private sigChunks: Uint32Array[] = [];
  private nextChunks: Int32Array[] = [];
  private tables: BandTable[] = [];
  private seen = new Uint32Array(CHUNK_SLOTS);
  private epoch = 0;

  open(layout: StorageLayout): void {
    if (this.layout && (this.layout.numPerm !== layout.numPerm || this.layout.bands !== layout.bands || this.layout.rows !== layout.rows || this.layout.paramsKey !== layout.paramsKey)) {
      throw new IncompatibleSignatureError(
        `this MemoryStorage already serves an index with numPerm ${this.layout.numPerm}, ${this.layout.bands} bands × ${this.layout.rows} rows, params ${this.layout.paramsKey}; give each index its own storage`,
      );
    }
    if (!this.layout) {
      this.layout = layout;
      this.tables = Array.from({ length: layout.bands }, () => new BandTable());
    }
  }

  insert(docs: readonly StoredDocument[]): void {
    const batch = new Set<string>();
    for (const doc of docs) {
      if (this.slotOf.has(doc.id) || batch.has(doc.id)) throw new DuplicateIdError(doc.id);
      batch.add(doc.id);
    }
    for (const doc of docs) this.insertOne(doc);
  }

  private insertOne(doc: StoredDocument): void {
    const { numPerm, bands } = this.requireLayout();
    const slot = this.allocate();
    this.slotOf.set(doc.id, slot);
    this.idOf[slot] = doc.id;
    this.times[slot] = doc.time ?? Number.NaN;
    const chunk = this.sigChunks[(slot / CHUNK_SLOTS) | 0]!;
    chunk.set(doc.values, (slot % CHUNK_SLOTS) * numPerm);
    const next = this.nextChunks[(slot / CHUNK_SLOTS) | 0]!;
    const base = (slot % CHUNK_SLOTS) * bands;
    for (let b = 0; b < bands; b++) next[base + b] = this.tables[b]!.setHead(doc.bandKeys[b]!, slot + 1);
  }

  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    const { bands } = this.requireLayout();
    const values = this.values(slot);
    const keys = bandKeysInto(values, bands, this.requireLayout().rows, new Uint32Array(bands));
    for (let b = 0; b < bands; b++) this.unlink(b, keys[b]!, slot);
    this.slotOf.delete(id);
    this.idOf[slot] = undefined;
    this.times[slot] = Number.NaN;
    this.freeSlots.push(slot);
    return true;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  get(id: string): Uint32Array | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.values(slot).slice();
  }

  size(): number {
    return this.slotOf.size;
  }

  candidates(bandKeys: Uint32Array, limit = Infinity): Candidate[] {
    const out: Candidate[] = [];
    if (!this.layout) return out;
    const { bands } = this.layout;
    const epoch = this.nextEpoch();
    for (let b = 0; b < bands; b++) {
      for (let link = this.tables[b]!.head(bandKeys[b]!); link !== 0; ) {
        const slot = link - 1;
        if (this.seen[slot] !== epoch) {
          this.seen[slot] = epoch;
          out.push({ id: this.idOf[slot]!, values: this.values(slot) });
          if (out.length >= limit) return out;
        }
        link = this.nextChunks[(slot / CHUNK_SLOTS) | 0]![(slot % CHUNK_SLOTS) * bands + b]!;
      }
    }
    return out;
  }

  removeOlderThan(time: number): number {
    let removed = 0;
    for (const [id, slot] of [...this.slotOf]) {
      if (this.times[slot]! < time && this.remove(id)) removed++;
    }
    return removed;
  }

  *entries(): Iterable<StoredDocument> {
    if (!this.layout) return;
    const { bands, rows } = this.layout;
    for (const [id, slot] of this.slotOf) {
      const values = this.values(slot).slice();
      const time = this.times[slot]!;
      yield { id, values, bandKeys: bandKeysInto(values, bands, rows, new Uint32Array(bands)), time: Number.isNaN(time) ? undefined : time };
    }
  }

  clear(): void {
    this.slotOf.clear();
    this.idOf = [];
    this.times = [];
    this.freeSlots.length = 0;
    this.sigChunks = [];
    this.nextChunks = [];
    this.seen = new Uint32Array(CHUNK_SLOTS);
    if (this.layout) this.tables = Array.from({ length: this.layout.bands }, () => new BandTable());
  }

  /** Bytes held in typed arrays (signatures, links, tables), for benchmarks. */
  get byteLength(): number {
    let n = this.seen.byteLength;
    for (const c of this.sigChunks) n += c.byteLength;
    for (const c of this.nextChunks) n += c.byteLength;
    for (const t of this.tables) n += t.byteLength;
    return n;
  }

  private requireLayout(): StorageLayout {
    if (!this.layout) throw new Error('MemoryStorage used before open(); pass it to an LshIndex');
    return this.layout;
  }

  private values(slot: number): Uint32Array {
    const { numPerm } = this.requireLayout();
    const offset = (slot % CHUNK_SLOTS) * numPerm;
    return this.sigChunks[(slot / CHUNK_SLOTS) | 0]!.subarray(offset, offset + numPerm);
  }

  private allocate(): number {
    const reused = this.freeSlots.pop();
    if (reused !== undefined) return reused;
    const slot = this.idOf.length;
    this.idOf.push(undefined);
    if (slot % CHUNK_SLOTS === 0) {
      const { numPerm, bands } = this.requireLayout();
      this.sigChunks.push(new Uint32Array(CHUNK_SLOTS * numPerm));
      this.nextChunks.push(new Int32Array(CHUNK_SLOTS * bands));
      if (this.seen.length < slot + CHUNK_SLOTS) {
        const grown = new Uint32Array(this.seen.length * 2);
        grown.set(this.seen);
        this.seen = grown;
      }
    }
    return slot;
  }

  private nextEpoch(): number {
    this.epoch = (this.epoch + 1) >>> 0;
    if (this.epoch === 0) {
      this.seen.fill(0);
      this.epoch = 1;
    }
    return this.epoch;
  }

  /** Removes `slot` from band `b`'s chain for `key`. */
  private unlink(b: number, key: number, slot: number): void {
    const { bands } = this.requireLayout();
    const table = this.tables[b]!;
    const linkAt = (s: number): number => (s % CHUNK_SLOTS) * bands + b;
    const nextOf = (s: number): Int32Array => this.nextChunks[(s / CHUNK_SLOTS) | 0]!;
    const head = table.head(key);
    if (head === slot + 1) {
      table.replaceHead(key, nextOf(slot)[linkAt(slot)]!);
      return;
    }
    for (let prev = head - 1; prev >= 0; ) {
      const link = nextOf(prev)[linkAt(prev)]!;
      if (link === slot + 1) {
        nextOf(prev)[linkAt(prev)] = nextOf(slot)[linkAt(slot)]!;
        return;
      }
      prev = link - 1;
    }
  }
}
