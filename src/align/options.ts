/**
 * The thresholds of the diff engine, in one place, exported so users can read and override them.
 * Values were set on the fixtures (see README, "How relations are decided") and checked on the
 * synthetic benchmark.
 */

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
  /** Shingle Jaccard at or above which a pair is a `rewrite`. Default 0.08. */
  rewriteJaccard: number;
  /** …or containment (shared / smaller set) at or above this. Default 0.2. */
  rewriteContainment: number;
  /** …and at least this many shared shingles. Default 3. */
  rewriteMinShared: number;
  /** Edit similarity at or above which two paragraphs of one text are a repeat. Default 0.9. */
  repeatSimilarity: number;
  /** Paragraphs with fewer words are never reported as repeats. Default 3. */
  repeatMinWords: number;
  /** `derived` (rewrite): at least this many alignments on one ordered chain… Default 3. */
  derivedMinChain: number;
  /** …covering at least this share of one text. Default 0.4. */
  derivedChainCoverage: number;
  /** `derived` (partial copy): identical/near alignments covering this share of one text. Default 0.5. */
  derivedCopyCoverage: number;
  /** `near-duplicate`: identical/near alignments covering this share of both texts… Default 0.8. */
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
  repeatSimilarity: 0.9,
  repeatMinWords: 3,
  derivedMinChain: 3,
  derivedChainCoverage: 0.4,
  derivedCopyCoverage: 0.5,
  nearDuplicateCoverage: 0.8,
  nearDuplicateJaccard: 0.8,
});
