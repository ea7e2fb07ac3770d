/**
 * The thresholds of the diff engine, in one place, exported so users can read and override them.
 * The relation thresholds are those of the calibrated score (`SCORE_THRESHOLDS`, score.ts), chosen
 * with the score model by cross-validation on labelled news (see README, "How relations are
 * decided"); the alignment thresholds were set on the fixtures and checked on the same data.
 */
import { QUOTE_DISCOUNT, SCORE_THRESHOLDS } from './score.js';
import { describe, InvalidArgumentError } from '../errors.js';
import { isPlainObject } from '../validate.js';

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
  /** Share of an alignment's evidence the score takes off where both passages are quoted speech or an embedded post (`QUOTE_DISCOUNT`, 0.8); 0 turns it off. */
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

/** What each threshold may be: a share in [0, 1], a similarity in (0, 1], or an integer ≥ min. */
const RANGES: Readonly<Record<keyof AlignOptions, 'share' | 'similarity' | { min: number; max?: number }>> = {
  shingleSize: { min: 1, max: 32 },
  maxEditChars: { min: 0 },
  maxParagraphChars: { min: 1 },
  nearSimilarity: 'similarity',
  rewriteJaccard: 'share',
  rewriteContainment: 'share',
  rewriteMinShared: { min: 0 },
  repeatSimilarity: 'similarity',
  repeatMinWords: { min: 1 },
  rewriteWordDice: 'share',
  derivedScore: 'share',
  relatedScore: 'share',
  nearDuplicateScore: 'share',
  nearDuplicateCoverage: 'share',
  nearDuplicateJaccard: 'share',
  quoteDiscount: 'share',
};

/**
 * Validates alignment options (an object or undefined; every known field of the right type and
 * range) and completes them with `DEFAULT_ALIGN_OPTIONS`. Fields it does not know are left alone.
 */
export function resolveAlignOptions(options: unknown, name = 'compare options'): AlignOptions {
  if (options !== undefined && !isPlainObject(options)) {
    throw new InvalidArgumentError(`${name} must be an options object or undefined, got ${describe(options)}; see DEFAULT_ALIGN_OPTIONS`);
  }
  const given = (options ?? {}) as Partial<Record<keyof AlignOptions, unknown>>;
  const out = { ...DEFAULT_ALIGN_OPTIONS };
  for (const key of Object.keys(RANGES) as (keyof AlignOptions)[]) {
    const v = given[key];
    if (v === undefined) continue;
    const range = RANGES[key];
    const ok =
      typeof v === 'number' &&
      (range === 'share'
        ? v >= 0 && v <= 1
        : range === 'similarity'
          ? v > 0 && v <= 1
          : Number.isInteger(v) && v >= range.min && v <= (range.max ?? Number.MAX_SAFE_INTEGER));
    if (!ok) {
      const expected =
        range === 'share' ? 'a number in [0, 1]' : range === 'similarity' ? 'a number in (0, 1]' : `an integer ${range.max ? `in [${range.min}, ${range.max}]` : `≥ ${range.min}`}`;
      throw new InvalidArgumentError(`${key} must be ${expected}, got ${describe(v)}; see DEFAULT_ALIGN_OPTIONS`);
    }
    out[key] = v as number;
  }
  if (out.relatedScore > out.derivedScore || out.derivedScore > out.nearDuplicateScore) {
    throw new InvalidArgumentError(
      `score thresholds must keep relatedScore ≤ derivedScore ≤ nearDuplicateScore, got ${out.relatedScore}, ${out.derivedScore}, ${out.nearDuplicateScore}; see DEFAULT_ALIGN_OPTIONS`,
    );
  }
  return out;
}
