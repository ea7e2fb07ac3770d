/**
 * MinHash LSH index (Indyk & Motwani 1998; Leskovec, Rajaraman & Ullman, "Mining of Massive
 * Datasets", ch. 3): signatures are cut into bands; a query's candidates are the documents sharing
 * a band bucket, verified by estimated Jaccard and ranked. Storage is pluggable (memory, Redis).
 */
import { IncompatibleSignatureError, InvalidArgumentError, describe } from '../errors.js';
import { lshParams } from '../sketch/lsh-params.js';
import { DEFAULT_NUM_PERM, MAX_NUM_PERM, MIN_NUM_PERM } from '../sketch/minhash.js';
import { assertSignature, assertSignatureParams, equalShare, isEmptySignature, paramDifferences, type Signature, type SignatureParams } from '../sketch/signature.js';
import { assertId, assertInteger, assertOpenUnit, assertOptions, assertString, isValidId } from '../validate.js';
import { bandKeysOf } from './band-keys.js';
import { MemoryStorage } from './memory-storage.js';
import { assertSnapshotMatches, decodeIndexSnapshot, encodeIndexSnapshot, readSnapshotFile, type SnapshotExpectation } from './snapshot.js';
import { writeFileAtomic } from '../util/atomic-file.js';
import type { LshStorage, StoredDocument } from './storage.js';

/** Default Jaccard threshold of an index. */
export const DEFAULT_THRESHOLD = 0.5;

/** Options of an `LshIndex`. */
export interface LshIndexOptions {
  /** Estimated Jaccard at or above which a document is returned, in (0, 1). Default 0.5. */
  threshold?: number;
  /** Signature length the index accepts. Default 128. */
  numPerm?: number;
  /** Bands; with `rows`, overrides the optimizer. bands·rows ≤ numPerm. */
  bands?: number;
  /** Rows per band; with `bands`, overrides the optimizer. */
  rows?: number;
  /** [false-positive, false-negative] weights for the optimizer. Default [0.5, 0.5]. */
  weights?: readonly [number, number];
  /** Where buckets live. Default: a new `MemoryStorage`. */
  storage?: LshStorage;
  /**
   * Binds the index to these signature parameters from the start (e.g. `hasher.params`), instead
   * of learning them from the first signature. Needed to `save()` a shared (Redis) index in a
   * process that has not inserted or queried yet.
   */
  signatureParams?: SignatureParams;
}

/** Options of `LshIndex.load` and `loadIndexFile`. */
export interface LshLoadOptions {
  /** Storage to restore into; it must be empty. Default: a new `MemoryStorage`. */
  storage?: LshStorage;
  /** Settings the snapshot must have, e.g. `{ numPerm: 128, seed: 1 }`; any difference rejects with `IncompatibleSignatureError`. */
  expect?: SnapshotExpectation;
}

/** Documents per storage call while loading a snapshot (one Redis round trip each). */
const LOAD_BATCH = 1000;

/** One query result. */
export interface LshMatch {
  readonly id: string;
  /** Estimated Jaccard similarity to the query. */
  readonly similarity: number;
}

/** Options of `LshIndex.query`. */
export interface LshQueryOptions {
  /** Return at most this many, best first. */
  limit?: number;
  /**
   * Look at no more than this many bucket candidates (the first found) before verifying: bounds
   * the cost of a query that hits a bucket of thousands of identical documents. Default: all.
   */
  maxCandidates?: number;
  /** Override the index threshold for this query (candidates still come from the same buckets). */
  threshold?: number;
}

/** Canonical string of signature parameters, stored with an index to refuse foreign signatures. */
export function paramsKey(p: SignatureParams): string {
  assertSignatureParams(p, 'params');
  // English is 1, as when stem and stopwords were booleans, so keys stored then still match.
  const language = (v: string | false): string | number => (v === false ? 0 : v === 'en' ? 1 : v);
  return `u=${p.unit};k=${p.shingleSize};n=${p.numPerm};s=${p.seed};st=${language(p.stem)};sw=${language(p.stopwords)};fd=${+p.foldDiacritics}`;
}

/**
 * An LSH index of MinHash signatures. Every method is async so that the same code runs over
 * memory or Redis storage; with the default memory storage each call completes in microseconds.
 *
 * @example
 * ```ts
 * import { LshIndex, MinHasher } from 'neardup';
 * const hasher = new MinHasher();
 * const index = new LshIndex({ threshold: 0.5 });
 * await index.insert('a', hasher.sign(textA));
 * await index.query(hasher.sign(textB)); // [{ id: 'a', similarity: 0.62 }] if they are close
 * ```
 */
export class LshIndex {
  readonly threshold: number;
  readonly numPerm: number;
  readonly bands: number;
  readonly rows: number;
  readonly storage: LshStorage;
  private params: SignatureParams | undefined;
  private opened: Promise<void> | undefined;

  constructor(options: LshIndexOptions = {}) {
    assertOptions(options, 'LshIndex options');
    const { threshold = DEFAULT_THRESHOLD, numPerm = DEFAULT_NUM_PERM, weights, storage = new MemoryStorage() } = options;
    assertOpenUnit(threshold, 'threshold');
    assertInteger(numPerm, 'numPerm', MIN_NUM_PERM, MAX_NUM_PERM);
    if ((options.bands === undefined) !== (options.rows === undefined)) {
      throw new InvalidArgumentError('give both bands and rows, or neither (then they are chosen for the threshold)');
    }
    if (options.bands !== undefined && options.rows !== undefined) {
      assertInteger(options.bands, 'bands', 1, numPerm);
      assertInteger(options.rows, 'rows', 1, numPerm);
      if (options.bands * options.rows > numPerm) {
        throw new InvalidArgumentError(`bands × rows (${options.bands} × ${options.rows}) exceeds numPerm ${numPerm}; lower one of them`);
      }
      this.bands = options.bands;
      this.rows = options.rows;
    } else {
      const p = lshParams(threshold, numPerm, weights);
      this.bands = p.bands;
      this.rows = p.rows;
    }
    if (storage === null || typeof storage !== 'object' || typeof storage.candidates !== 'function') {
      throw new InvalidArgumentError(`storage must implement LshStorage (e.g. new MemoryStorage()), got ${describe(storage)}`);
    }
    this.threshold = threshold;
    this.numPerm = numPerm;
    this.storage = storage;
    if (options.signatureParams !== undefined) {
      const p = options.signatureParams;
      assertSignatureParams(p, 'signatureParams');
      if (p.numPerm !== numPerm) {
        throw new IncompatibleSignatureError(`signatureParams has numPerm ${p.numPerm} but the index numPerm is ${numPerm}; make them equal`);
      }
      this.params = Object.isFrozen(p) ? p : Object.freeze({ ...p });
    }
  }

  /**
   * Encodes the whole index (settings, signature parameters, every document's id, time and
   * signature) as versioned, checksummed bytes; `LshIndex.load` restores it exactly. Over a
   * shared Redis storage the documents are read in batches, so writers running meanwhile may or
   * may not be included (each document is whole either way).
   *
   * @throws InvalidArgumentError when the storage holds documents but the index does not know
   *   their signature parameters; pass `signatureParams` to the constructor.
   * @example
   * ```ts
   * const bytes = await index.save();
   * const again = await LshIndex.load(bytes); // answers every query as `index` does
   * ```
   */
  async save(): Promise<Uint8Array> {
    // Opening checks that a shared storage holds this index's layout before its documents are read.
    if (this.params) await this.ensureOpen(this.params);
    else await this.opened;
    return encodeIndexSnapshot(
      { threshold: this.threshold, numPerm: this.numPerm, bands: this.bands, rows: this.rows, params: this.params },
      this.storage.entries(),
    );
  }

  /**
   * Restores an index from `save()` bytes into `options.storage` (default: memory), which must be
   * empty. If inserting fails part-way, the documents loaded so far are cleared again.
   *
   * @throws CorruptDataError for truncated, damaged, foreign or future-version bytes.
   * @throws IncompatibleSignatureError when the snapshot differs from `options.expect`, or the
   *   storage is bound to another layout.
   * @throws InvalidArgumentError when the storage already holds documents.
   * @example
   * ```ts
   * const index = await LshIndex.load(bytes, { expect: { numPerm: 128 } });
   * const shared = await LshIndex.load(bytes, { storage: new RedisStorage({ url, prefix: 'news' }) });
   * ```
   */
  static async load(bytes: Uint8Array, options: LshLoadOptions = {}): Promise<LshIndex> {
    assertOptions(options, 'load options');
    const snapshot = decodeIndexSnapshot(bytes);
    const { meta } = snapshot;
    assertSnapshotMatches(meta, options.expect);
    const index = new LshIndex({
      threshold: meta.threshold,
      numPerm: meta.numPerm,
      bands: meta.bands,
      rows: meta.rows,
      storage: options.storage ?? new MemoryStorage(),
      signatureParams: meta.params,
    });
    if (meta.params) await index.ensureOpen(meta.params);
    const present = await index.storage.size();
    if (present > 0) {
      throw new InvalidArgumentError(
        `the storage already holds ${present} documents; LshIndex.load restores into an empty storage: clear() it first or use a fresh one (for Redis, a new prefix)`,
      );
    }
    if (snapshot.count === 0) return index;
    const params = meta.params!;
    try {
      let batch: { id: string; signature: Signature; time?: number | undefined }[] = [];
      for (const doc of snapshot.documents()) {
        batch.push({ id: doc.id, signature: { values: doc.values, params }, time: doc.time });
        if (batch.length === LOAD_BATCH) {
          await index.insertMany(batch);
          batch = [];
        }
      }
      await index.insertMany(batch);
    } catch (err) {
      await Promise.resolve(index.storage.clear()).catch(() => undefined);
      throw err;
    }
    return index;
  }

  /**
   * Adds a document. Rejects with `DuplicateIdError` if `id` is present.
   *
   * @param time - the document's time (ms since epoch) for `removeOlderThan`; optional.
   */
  async insert(id: string, signature: Signature, time?: number): Promise<void> {
    await this.insertMany([{ id, signature, time }]);
  }

  /** Adds many documents in one storage call (one pipeline for Redis). */
  async insertMany(docs: Iterable<{ id: string; signature: Signature; time?: number | undefined }>): Promise<void> {
    const batch: StoredDocument[] = [];
    for (const doc of docs) {
      assertId(doc.id, 'id');
      this.checkSignature(doc.signature);
      if (doc.time !== undefined && (typeof doc.time !== 'number' || !Number.isFinite(doc.time))) {
        throw new InvalidArgumentError(`time must be milliseconds since the epoch (a finite number), got ${describe(doc.time)}`);
      }
      const values = doc.signature.values.slice();
      batch.push({ id: doc.id, values, bandKeys: bandKeysOf(values, this.bands, this.rows), time: doc.time });
    }
    if (batch.length === 0) return;
    await this.ensureOpen(this.params!);
    await this.storage.insert(batch);
  }

  /** Removes a document; resolves false if `id` is unknown. */
  async remove(id: string): Promise<boolean> {
    assertString(id, 'id');
    if (!isValidId(id)) return false; // never inserted (see insertMany)
    await this.opened;
    return this.storage.remove(id);
  }

  /** Whether `id` is indexed. */
  async has(id: string): Promise<boolean> {
    assertString(id, 'id');
    if (!isValidId(id)) return false;
    await this.opened;
    return this.storage.has(id);
  }

  /** Number of indexed documents. */
  async size(): Promise<number> {
    await this.opened;
    return this.storage.size();
  }

  /** The stored signature values of `id`, or undefined. */
  async get(id: string): Promise<Uint32Array | undefined> {
    assertString(id, 'id');
    if (!isValidId(id)) return undefined;
    await this.opened;
    return this.storage.get(id);
  }

  /** Removes every document whose time is before `time`; resolves to how many were removed. */
  async removeOlderThan(time: number): Promise<number> {
    if (typeof time !== 'number' || Number.isNaN(time)) {
      throw new InvalidArgumentError(`time must be milliseconds since the epoch, got ${describe(time)}`);
    }
    await this.opened;
    return this.storage.removeOlderThan(time);
  }

  /**
   * Documents whose estimated Jaccard with `signature` is at least the threshold, best first
   * (ties by id). Candidates come from shared band buckets, then are verified.
   */
  async query(signature: Signature, options: LshQueryOptions = {}): Promise<LshMatch[]> {
    this.checkSignature(signature);
    assertOptions(options, 'query options');
    const { limit, threshold = this.threshold, maxCandidates } = options;
    if (limit !== undefined) assertInteger(limit, 'limit', 1);
    if (maxCandidates !== undefined) assertInteger(maxCandidates, 'maxCandidates', 1);
    if (!(typeof threshold === 'number' && threshold >= 0 && threshold <= 1)) {
      throw new InvalidArgumentError(`threshold must be a number in [0, 1], got ${describe(threshold)}`);
    }
    await this.ensureOpen(signature.params);
    // The signature of a text without shingles stands for no content: it matches nothing.
    if (isEmptySignature(signature)) return [];
    const keys = bandKeysOf(signature.values, this.bands, this.rows);
    const candidates = await this.storage.candidates(keys, maxCandidates);
    const out: LshMatch[] = [];
    for (const c of candidates) {
      const similarity = equalShare(signature.values, c.values);
      if (similarity >= threshold) out.push({ id: c.id, similarity });
    }
    out.sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return limit !== undefined && out.length > limit ? out.slice(0, limit) : out;
  }

  /** Removes every document. */
  async clear(): Promise<void> {
    await this.opened;
    await this.storage.clear();
  }

  /** Signature parameters this index is bound to (after the first insert), or undefined. */
  get signatureParams(): SignatureParams | undefined {
    return this.params;
  }

  private checkSignature(signature: Signature): void {
    assertSignature(signature);
    if (signature.values.length !== this.numPerm) {
      throw new IncompatibleSignatureError(
        `signature has numPerm ${signature.values.length} but this index was made for numPerm ${this.numPerm}; sign with new MinHasher({ numPerm: ${this.numPerm} }) or build the index with numPerm ${signature.values.length}`,
      );
    }
    if (this.params === undefined) {
      this.params = signature.params;
    } else {
      const diff = paramDifferences(this.params, signature.params);
      if (diff.length > 0) {
        throw new IncompatibleSignatureError(
          `signature parameters differ from the index's: ${diff.join(', ')}; sign every text with the same MinHasher options`,
        );
      }
    }
  }

  private ensureOpen(params: SignatureParams): Promise<void> {
    if (this.opened === undefined) {
      const opening = Promise.resolve(
        this.storage.open({ numPerm: this.numPerm, bands: this.bands, rows: this.rows, paramsKey: paramsKey(params) }),
      );
      this.opened = opening;
      // A failed open (e.g. Redis unreachable) is retried by the next call instead of sticking.
      opening.catch(() => {
        if (this.opened === opening) this.opened = undefined;
      });
    }
    return this.opened;
  }
}

/**
 * Saves `index` to `path` atomically (temporary file, fsync, rename): a crash mid-write leaves
 * the previous file intact.
 *
 * @throws StorageError when the file cannot be written.
 * @example
 * ```ts
 * await saveIndexFile(index, 'news.ndix');
 * const again = await loadIndexFile('news.ndix');
 * ```
 */
export async function saveIndexFile(index: LshIndex, path: string): Promise<void> {
  if (!(index instanceof LshIndex)) throw new InvalidArgumentError(`index must be an LshIndex, got ${describe(index)}`);
  await writeFileAtomic(path, await index.save());
}

/**
 * Loads an index saved by `saveIndexFile` (or any `save()` bytes written to a file).
 *
 * @throws StorageError when the file cannot be read; CorruptDataError, IncompatibleSignatureError
 *   and InvalidArgumentError as `LshIndex.load`.
 * @example
 * ```ts
 * const index = await loadIndexFile('news.ndix', { expect: { numPerm: 128 } });
 * ```
 */
export async function loadIndexFile(path: string, options?: LshLoadOptions): Promise<LshIndex> {
  assertString(path, 'path');
  assertOptions(options, 'loadIndexFile options');
  return LshIndex.load(await readSnapshotFile(path, 'index'), options);
}
