/**
 * The thresholds of the diff engine, in one place, exported so users can read and override them.
 * The relation thresholds are those of the calibrated score (`SCORE_THRESHOLDS`, score.ts), chosen
 * with the score model by cross-validation on labelled news (see README, "How relations are
 * decided"); the alignment thresholds were set on the fixtures and checked on the same data.
 */
import { QUOTE_DISCOUNT, SCORE_THRESHOLDS } from './score.js';

/** Every threshold `compare` and `findRepeats` use. */
export interface AlignOptions {
  /** Words per shingle for passage overlap. Default 3. */
  shingleSize: number;
  /** Longest unit (characters) given to edit distance; beyond it shingle overlap stands in. Default 2000. */
  maxEditChars: number;
  /** A paragraph longer than this makes both texts align by sentences. Default 1500. */
  maxParagraphChars: number;
  /** Edit similarity at or above which an aligned pair is `near` (light edits). Default 0.8. */
  nearSimilarity: number;
  /** Rarity-weighted shingle Jaccard at or above which a pair is a `rewrite` candidate. Default 0.08. */
  rewriteJaccard: number;
  /** …or rarity-weighted containment (shared / smaller unit) at or above this. Default 0.2. */
  rewriteContainment: number;
  /** …and at least this many shared shingles. Default 3. */
  rewriteMinShared: number;
  /** A pair sharing any shingle is also a `rewrite` candidate when its word Dice overlap is at or above this (short paraphrases). Default 0.5. */
  rewriteWordDice: number;
  /** Edit similarity at or above which two paragraphs of one text are a repeat. Default 0.9. */
  repeatSimilarity: number;
  /** Paragraphs with fewer words are never reported as repeats. Default 3. */
  repeatMinWords: number;
  /** `derived`: the relation score (`Comparison.score`) at or above this. Default 0.5 (even odds). */
  derivedScore: number;
  /** `related`: score at or above this, or any aligned passage. Default 0.05. */
  relatedScore: number;
  /** Share of an alignment's evidence the score takes off where both passages are quoted speech or an embedded post (`QUOTE_DISCOUNT`). Default 0 (off). */
  quoteDiscount: number;
  /** `near-duplicate`: score at or above this… Default 0.9. */
  nearDuplicateScore: number;
  /** …and identical/near alignments covering this share of both texts. Default 0.8. */
  nearDuplicateCoverage: number;
  /** …or whole-text shingle Jaccard at or above this. Default 0.8. */
  nearDuplicateJaccard: number;
}

/** The defaults of every threshold. */
export const DEFAULT_ALIGN_OPTIONS: Readonly<AlignOptions> = Object.freeze({
  shingleSize: 3,
  maxEditChars: 2000,
  maxParagraphChars: 1500,
  nearSimilarity: 0.8,
  rewriteJaccard: 0.08,
  rewriteContainment: 0.2,
  rewriteMinShared: 3,
  rewriteWordDice: 0.5,
  repeatSimilarity: 0.9,
  repeatMinWords: 3,
  derivedScore: SCORE_THRESHOLDS.derived,
  relatedScore: SCORE_THRESHOLDS.related,
  quoteDiscount: QUOTE_DISCOUNT,
  nearDuplicateScore: SCORE_THRESHOLDS.nearDuplicate,
  nearDuplicateCoverage: 0.8,
  nearDuplicateJaccard: 0.8,
});
