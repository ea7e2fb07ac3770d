/**
 * The storage contract of a passage index: an inverted index from shingle hashes to the documents
 * holding them, that stops listing a shingle once too many documents hold it (boilerplate).
 */
import type { Awaitable } from './storage.js';

/** Settings a passage storage is bound to. */
export interface PassageLayout {
  /** A shingle held by more documents than this is boilerplate: never listed again. */
  readonly maxPostings: number;
  /** Canonical description of how shingles were made (size, seed, normalization). */
  readonly shingleKey: string;
}

/** Bounds of one lookup. */
export interface LookupOptions {
  /**
   * Skip shingles held by more than this many documents: stock phrases, which link unrelated
   * texts and whose postings would make each lookup cost more as the index grows. Default: none
   * skipped below `maxPostings`.
   */
  readonly maxDocs?: number | undefined;
  /**
   * Return only documents sharing at least this many of a set's listed shingles. Default 0: every
   * document sharing one. A filter in the storage, so that the many documents a lookup touches
   * through one or two common shingles are neither listed nor sent.
   */
  readonly minShared?: number | undefined;
  /** …and at least this share of the set: `shared / set.length >= minShare`. Default 0. */
  readonly minShare?: number | undefined;
}
// A storage may ignore minShared and minShare (they only save work): callers filter again.

/**
 * Whether a document sharing `shared` shingles of a set of `size` passes a lookup's `minShared`
 * and `minShare` (the one test every storage applies, so that all agree to the last bit).
 */
export function passesLookup(shared: number, size: number, minShared: number, minShare: number): boolean {
  return shared >= minShared && shared / size >= minShare;
}

/** Where a `PassageIndex` keeps its postings. */
export interface PassageStorage {
  /** Binds the storage; throws `IncompatibleSignatureError` if it holds another layout. */
  open(layout: PassageLayout): Awaitable<void>;
  /** Adds a document's distinct shingles; throws `DuplicateIdError`, writing nothing, if present. Atomic. */
  add(id: string, shingles: Uint32Array, time?: number): Awaitable<void>;
  /** Removes a document's postings; false if unknown. Atomic. */
  remove(id: string): Awaitable<boolean>;
  has(id: string): Awaitable<boolean>;
  size(): Awaitable<number>;
  /**
   * For each query set: documents sharing at least one of its listed shingles, with how many
   * they share. Boilerplate shingles (held by more than maxPostings documents) are skipped.
   */
  lookup(sets: readonly Uint32Array[], options?: LookupOptions): Awaitable<Map<string, number>[]>;
  /** Removes every document whose time is before `time`; returns how many. */
  removeOlderThan(time: number): Awaitable<number>;
  /** Every document with its shingles, for snapshots. */
  entries(): AsyncIterable<{ id: string; shingles: Uint32Array; time?: number | undefined }> | Iterable<{ id: string; shingles: Uint32Array; time?: number | undefined }>;
  clear(): Awaitable<void>;
  /** Every saturated (boilerplate) shingle, sorted ascending: what snapshots must carry. */
  saturated(): Awaitable<Uint32Array>;
  /** Marks shingles as boilerplate: their postings are dropped and they are never listed again. */
  saturate(shingles: Uint32Array): Awaitable<void>;
  /**
   * Optional: for each of `shingles`, how many stored documents hold it now (Infinity once
   * saturated), in one call — one round trip for a remote storage; a sharded storage sums its
   * shards. With it a Detector can tell template phrases from specific ones (see
   * detect/template-pair.ts): it asks only for the shingles two template-like texts share.
   */
  documentFrequencies?(shingles: Uint32Array): Awaitable<Float64Array>;
}
