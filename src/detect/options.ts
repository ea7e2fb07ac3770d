/**
 * Detector options and their defaults, in one place.
 */
import type { CompareOptions } from '../align/compare.js';
import type { Limits } from '../align/limits.js';
import type { PassageStorage } from '../index/passage-storage.js';
import type { LshStorage } from '../index/storage.js';
import type { DetectorStore } from './store.js';

/** Options of `new Detector()`; every field has a default. */
export interface DetectorOptions {
  /** Whole-document LSH threshold (estimated Jaccard of word shingles). Default 0.5. */
  threshold?: number;
  /** Bins of document signatures. Default 128. */
  numPerm?: number;
  /** Words per shingle. Default 3. */
  shingleSize?: number;
  /** Hash seed. Default 1. */
  seed?: number;
  /**
   * A shingle found in more articles than this is boilerplate (footers, disclaimers, templates)
   * and no longer links articles in the passage index. Default 100, as superfastmatch.
   */
  boilerplateDocs?: number;
  /** Paragraphs with fewer words do not seek passage matches on their own. Default 8. */
  paragraphMinWords?: number;
  /** At most this many paragraphs of a query seek passage matches. Default 64. */
  maxParagraphsQueried?: number;
  /** A paragraph hits an article when at least this share of its shingles is found there. Default 0.1. */
  paragraphHitShare?: number;
  /** At most this many candidates are verified by alignment per match. Default 32. */
  maxCandidates?: number;
  /**
   * The content floor: an article with fewer distinct content words (words of two or more
   * characters holding a letter, outside boilerplate, function words left out) — a placeholder
   * body like "******Blah blah blah.", a headline alone — is `lowContent`: it never links or forms
   * clusters, and is only ever an exact `duplicate` of an identical text (`Detector.lowContent()`).
   * Default 8.
   */
  minContentWords?: number;
  /**
   * A shingle held by more than this many articles is a stock phrase ("said in a statement",
   * "qtly div … cts vs"): passage lookups skip it, so it neither makes candidates nor costs a
   * walk of its postings — the bound that keeps the cost of `add` flat as the archive grows.
   * Copies of a much-copied story are still found by the document index, and all of them are
   * reachable through its cluster. Default 16.
   */
  stockPhraseDocs?: number;
  /** Thresholds of the alignment that verifies candidates (see DEFAULT_ALIGN_OPTIONS). */
  align?: CompareOptions;
  /** Input limits (`DEFAULT_LIMITS`); exceeding one raises LimitExceededError. */
  limits?: Limits;
  /**
   * Where indexes and articles live. Default: memory. `await redisDetectorStorage({ url, prefix })`
   * gives all three in Redis, shared by every worker using the prefix. Per process even then: the
   * learned-boilerplate counts (a count-min sketch of the paragraphs this process added), the
   * prepared-text cache, and the window heap of `process()`.
   */
  storage?: { documents?: LshStorage; passages?: PassageStorage; articles?: DetectorStore };
  /** Prepared texts kept for verification. Default 2048. */
  cacheSize?: number;
  /**
   * Keep only articles published (else arrived) within this many hours of the newest one seen by
   * `process()`: older ones leave every index. Default: keep everything.
   */
  window?: { hours: number };
  /** `process()` also adds articles judged exact duplicates. Default false. */
  keepDuplicates?: boolean;
}

/** Defaults of every numeric Detector option. */
export const DEFAULT_DETECTOR_OPTIONS = Object.freeze({
  threshold: 0.5,
  numPerm: 128,
  shingleSize: 3,
  seed: 1,
  boilerplateDocs: 100,
  paragraphMinWords: 8,
  maxParagraphsQueried: 64,
  paragraphHitShare: 0.1,
  maxCandidates: 32,
  minContentWords: 8,
  stockPhraseDocs: 16,
  cacheSize: 2048,
});

export { DEFAULT_LIMITS } from '../align/limits.js';
