/**
 * Detector options and their defaults, in one place.
 */
import type { CompareOptions } from '../align/compare.js';
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
  /** Paragraph-level LSH threshold: finds rewrites whose whole-text Jaccard is low. Default 0.15. */
  paragraphThreshold?: number;
  /** Bins of paragraph signatures. Default 96 (48 bands × 2 rows at threshold 0.15). */
  paragraphNumPerm?: number;
  /** Paragraphs with fewer words are not indexed on their own. Default 8. */
  paragraphMinWords?: number;
  /** At most this many paragraphs of an article enter the paragraph index. Default 64. */
  maxParagraphsIndexed?: number;
  /** At most this many candidates are verified by alignment per match. Default 32. */
  maxCandidates?: number;
  /** Thresholds of the alignment that verifies candidates (see DEFAULT_ALIGN_OPTIONS). */
  align?: CompareOptions;
  /** Input limits; exceeding one raises LimitExceededError. */
  limits?: { maxLength?: number; maxParagraphs?: number };
  /** Where indexes and articles live. Default: memory. */
  storage?: { documents?: LshStorage; paragraphs?: LshStorage; articles?: DetectorStore };
  /** Prepared texts kept for verification. Default 2048. */
  cacheSize?: number;
}

/** Defaults of every numeric Detector option. */
export const DEFAULT_DETECTOR_OPTIONS = Object.freeze({
  threshold: 0.5,
  numPerm: 128,
  shingleSize: 3,
  seed: 1,
  paragraphThreshold: 0.15,
  paragraphNumPerm: 96,
  paragraphMinWords: 8,
  maxParagraphsIndexed: 64,
  maxCandidates: 32,
  cacheSize: 2048,
});

/** Default input limits: an article longer than this is refused with LimitExceededError. */
export const DEFAULT_LIMITS = Object.freeze({
  /** Characters (UTF-16 code units) of one article. */
  maxLength: 16 * 1024 * 1024,
  /** Paragraphs of one article. */
  maxParagraphs: 200_000,
});
