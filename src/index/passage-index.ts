/**
 * An exact passage index: which stored documents share word shingles with each passage of a
 * query, and how many. It finds rewrites and partial reuse that whole-document MinHash misses
 * (a rewrite shares 20–40% of a paragraph's shingles but ~14% of the whole text's), the way
 * superfastmatch and passim seed text-reuse candidates from shared n-grams.
 */
import { DuplicateIdError, InvalidArgumentError, describe } from '../errors.js';
import { assertFinite, assertId, assertInteger, assertOptions, assertString, isValidId } from '../validate.js';
import { MemoryPassageStorage } from './memory-passage-storage.js';
import type { LookupOptions, PassageStorage } from './passage-storage.js';

/** Default cap: a shingle in more documents than this is boilerplate (superfastmatch uses 100). */
export const DEFAULT_MAX_POSTINGS = 100;

/** Options of a `PassageIndex`. */
export interface PassageIndexOptions {
  /** Documents a shingle may be listed for before it counts as boilerplate. Default 100. */
  maxPostings?: number;
  /** Describes how shingles were made; a storage made another way is refused. Default 'word-3'. */
  shingleKey?: string;
  /** Where postings live. Default: a new `MemoryPassageStorage`. */
  storage?: PassageStorage;
  /**
   * Lookups skip shingles held by more than this many documents (stock phrases), so that their
   * cost stays flat however large the index grows. Default: `maxPostings` (none skipped below it).
   */
  lookupMaxDocs?: number;
}

/** What a lookup lists: documents sharing at least `minShared` shingles and `minShare` of a set. */
export type LookupFilter = Pick<LookupOptions, 'minShared' | 'minShare'>;

/**
 * Inverted index of shingle hashes, with boilerplate cut-off.
 *
 * @example
 * ```ts
 * const passages = new PassageIndex();
 * await passages.add('wire-1', hasher.shingle(wireText));
 * const [shared] = await passages.lookup([hasher.shingle(paragraph)]);
 * shared.get('wire-1'); // shingles of the paragraph found in wire-1
 * ```
 */
export class PassageIndex {
  readonly maxPostings: number;
  readonly shingleKey: string;
  readonly storage: PassageStorage;
  readonly lookupMaxDocs: number | undefined;
  private opened: Promise<void> | undefined;

  constructor(options: PassageIndexOptions = {}) {
    assertOptions(options, 'PassageIndex options');
    const { maxPostings = DEFAULT_MAX_POSTINGS, shingleKey = 'word-3', storage = new MemoryPassageStorage(), lookupMaxDocs } = options;
    assertInteger(maxPostings, 'maxPostings', 1);
    if (lookupMaxDocs !== undefined) assertInteger(lookupMaxDocs, 'lookupMaxDocs', 1);
    this.lookupMaxDocs = lookupMaxDocs;
    assertString(shingleKey, 'shingleKey');
    if (storage === null || typeof storage !== 'object' || typeof storage.lookup !== 'function') {
      throw new InvalidArgumentError(`storage must implement PassageStorage (e.g. new MemoryPassageStorage()), got ${describe(storage)}`);
    }
    this.maxPostings = maxPostings;
    this.shingleKey = shingleKey;
    this.storage = storage;
  }

  /** Adds a document's shingles (distinct, e.g. from `MinHasher.shingle`). */
  async add(id: string, shingles: Uint32Array, time?: number): Promise<void> {
    assertId(id, 'id');
    if (!(shingles instanceof Uint32Array)) {
      throw new InvalidArgumentError(`shingles must be a Uint32Array of distinct shingle hashes, got ${describe(shingles)}`);
    }
    await this.open();
    if (await this.storage.has(id)) throw new DuplicateIdError(id);
    await this.storage.add(id, shingles, time);
  }

  async remove(id: string): Promise<boolean> {
    assertString(id, 'id');
    if (!isValidId(id)) return false;
    await this.open();
    return this.storage.remove(id);
  }

  async has(id: string): Promise<boolean> {
    assertString(id, 'id');
    if (!isValidId(id)) return false;
    await this.open();
    return this.storage.has(id);
  }

  async size(): Promise<number> {
    await this.open();
    return this.storage.size();
  }

  /**
   * For each query set, the documents sharing its (non-boilerplate) shingles, with counts; with
   * `filter`, only those sharing at least `minShared` of them and `minShare` of the set (the
   * storage drops the rest before listing or sending them).
   *
   * @example
   * ```ts
   * const [strong] = await passages.lookup([hasher.shingle(paragraph)], { minShared: 3, minShare: 0.1 });
   * ```
   */
  async lookup(sets: readonly Uint32Array[], filter: LookupFilter = {}): Promise<Map<string, number>[]> {
    if (!Array.isArray(sets) || !sets.every((s) => s instanceof Uint32Array)) {
      throw new InvalidArgumentError('lookup() takes an array of Uint32Array shingle sets');
    }
    assertOptions(filter, 'lookup filter');
    const { minShared, minShare } = filter;
    for (const [name, value] of [['minShared', minShared], ['minShare', minShare]] as const) {
      if (value === undefined) continue;
      assertFinite(value, name);
      if (value < 0) throw new InvalidArgumentError(`${name} must be ≥ 0, got ${value}`);
    }
    await this.open();
    const options: LookupOptions = { maxDocs: this.lookupMaxDocs, minShared, minShare };
    return this.storage.lookup(sets, options);
  }

  async removeOlderThan(time: number): Promise<number> {
    await this.open();
    return this.storage.removeOlderThan(time);
  }

  async clear(): Promise<void> {
    await this.open();
    await this.storage.clear();
  }

  private open(): Promise<void> {
    this.opened ??= Promise.resolve(this.storage.open({ maxPostings: this.maxPostings, shingleKey: this.shingleKey }));
    return this.opened;
  }
}
