/**
 * The storage contract of an LSH index: where signatures and band buckets live. The index
 * computes band keys; a storage keeps `bandKey → ids` buckets and `id → signature`, in memory
 * (`MemoryStorage`), in Redis (`RedisStorage`), or anywhere that honours this interface.
 */

/** A value or a promise of it: memory storage answers at once, remote storage later. */
export type Awaitable<T> = T | Promise<T>;

/** How the index lays signatures out; a storage holding another layout must refuse it. */
export interface StorageLayout {
  readonly numPerm: number;
  readonly bands: number;
  readonly rows: number;
  /** Canonical string of the signature parameters, e.g. from `paramsKey()`. */
  readonly paramsKey: string;
}

/** One document as the index hands it to storage. */
export interface StoredDocument {
  readonly id: string;
  /** The signature values (numPerm of them). */
  readonly values: Uint32Array;
  /** One bucket key per band. */
  readonly bandKeys: Uint32Array;
  /** Time of the document in ms since the epoch, for time windows; optional. */
  readonly time?: number | undefined;
}

/** A document found in a shared bucket, with its signature. */
export interface Candidate {
  readonly id: string;
  /** Signature values. May be a view into storage: read it before the next write. */
  readonly values: Uint32Array;
}

/**
 * Where an `LshIndex` keeps its buckets. Implementations must make `insert` atomic per document
 * (a reader never sees a document in some bands and not others) and `candidates` a single read.
 */
export interface LshStorage {
  /** Binds the storage to a layout; throws `IncompatibleSignatureError` if it holds another. */
  open(layout: StorageLayout): Awaitable<void>;
  /** Adds documents. Throws `DuplicateIdError`, writing nothing, if any id is already present. */
  insert(docs: readonly StoredDocument[]): Awaitable<void>;
  /** Removes a document from every bucket; false if the id is unknown. */
  remove(id: string): Awaitable<boolean>;
  has(id: string): Awaitable<boolean>;
  /** The signature values of `id`, or undefined. */
  get(id: string): Awaitable<Uint32Array | undefined>;
  size(): Awaitable<number>;
  /**
   * Every distinct document sharing at least one bucket with `bandKeys` (bandKeys[b] is band b's
   * key); with `limit`, at most that many (the first found), so a bucket of thousands of identical
   * documents costs a query no more than `limit`.
   */
  candidates(bandKeys: Uint32Array, limit?: number): Awaitable<Candidate[]>;
  /** Removes every document whose time is before `time`; returns how many left. */
  removeOlderThan(time: number): Awaitable<number>;
  /** Every stored document, for snapshots. */
  entries(): AsyncIterable<StoredDocument> | Iterable<StoredDocument>;
  /** Removes everything. */
  clear(): Awaitable<void>;
}
