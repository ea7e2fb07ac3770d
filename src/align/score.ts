/**
 * The calibrated relation score of two articles, and the thresholds that name their relation: a
 * logistic model (Cox 1958) over coverage, alignment strength, rarity-weighted shared phrases,
 * verbatim share and order — the evidence text-reuse studies weigh (Clough et al., METER, ACL
 * 2002) — fitted by 5-fold cross-validation on labelled news (bench/fit-relation-score.ts).
 */

/** The measurements the score combines, each in [0, 1] and symmetric in the two articles. */
export interface ScoreFeatures {
  /** Coverage of the more covered side (usually the shorter text): each aligned unit's share of the content weighted by its alignment strength. */
  readonly coverageMax: number;
  /** The same for the less covered side. */
  readonly coverageMin: number;
  /** Share of the more covered side in alignments more likely than not to be reuse (strength ≥ 0.5). */
  readonly coverageLikely: number;
  /** Share of the more covered side aligned verbatim (identical, or near weighted by edit similarity). */
  readonly verbatim: number;
  /** Rarity-weighted share of the smaller text's shingles found in the other (stock phrases weigh little). */
  readonly rareShared: number;
  /** Share of the aligned text on the longest order-keeping chain, times coverageMax (order supports, never gates). */
  readonly ordered: number;
  /** Words aligned verbatim, as a share of PASTED_WORDS (capped at 1): a few pasted paragraphs in a long page. */
  readonly pasted: number;
  /** 1 / the number of content units of the shorter text: 1 for a single sentence or paragraph. */
  readonly shortness: number;
}

/** Alignment strength from which a passage is more likely than not reuse (counted by `coverageLikely`). */
export const LIKELY_STRENGTH = 0.5;

/**
 * Share of an alignment's evidence taken off where both passages are quoted speech or an embedded
 * social post (`quotedShare`), scaled by 1 − shortness (in a single sentence the quote is the
 * content): independent reports of one event quote the same statements and embed the same posts.
 * Chosen with the page model by repeated 5-fold cross-validation (bench/fit-relation-score.ts);
 * `DEFAULT_ALIGN_OPTIONS.quoteDiscount` overrides it (0 turns it off).
 */
export const QUOTE_DISCOUNT = 0.8;

/** Verbatim words at which `pasted` reaches 1 (about five news paragraphs). */
export const PASTED_WORDS = 150;

/** Coefficients of the page model: P = 1 / (1 + e^−(intercept + Σ weight·feature)). */
export interface ScoreModel {
  readonly intercept: number;
  readonly weights: { readonly [K in Exclude<keyof ScoreFeatures, 'shortness'>]: number };
}

/**
 * The default page model, fitted by bench/fit-relation-score.ts on the certain provenance-2018
 * pairs (features with the quote discount applied). The discount, feature set and L2 penalty were
 * chosen by repeated 5-fold cross-validation among candidates that keep the fixture rewrite
 * derived, each fitted within bounds: a story of its own that quotes ONE whole paragraph of a wire
 * story stays below `derived` against the wire and its copies (168 self-made cases), and the
 * fixture rewrite stays above it, by paragraphs and by sentences (see README, "How relations are
 * decided").
 * Every weight is ≥ 0, so more coverage, strength, rarity, verbatim text or order never lowers the
 * score: verbatim copy ≥ light edit ≥ heavy rewrite ≥ independent report ≥ unrelated. Order adds
 * evidence but gates nothing: a rewrite with its paragraphs moved keeps its coverage.
 */
export const DEFAULT_SCORE_MODEL: ScoreModel = Object.freeze({
  intercept: -7.29,
  weights: Object.freeze({ coverageMax: 1.22, coverageMin: 2.45, coverageLikely: 15.92, verbatim: 0, rareShared: 2.06, ordered: 0, pasted: 2.74 }),
});

/**
 * The thresholds on the score, in one place (DEFAULT_ALIGN_OPTIONS exposes them for override).
 * The score is calibrated: at 0.5 a pair is as likely as not to be a copy or derived (one text
 * reuses the other's words) — for pages by the page model fitted on labelled news, for a single
 * sentence or paragraph by the strength of its alignment, fitted on people's paraphrase labels —
 * so `derived` starts there. `near-duplicate` also needs verbatim alignments over most of both texts.
 */
export const SCORE_THRESHOLDS = Object.freeze({
  /** At or above: derived (or near-duplicate, with verbatim coverage of both). */
  derived: 0.5,
  /** At or above, with verbatim coverage of both ≥ nearDuplicateCoverage: near-duplicate. */
  nearDuplicate: 0.9,
  /** At or above (or any alignment): related; below and nothing aligned: unrelated. */
  related: 0.05,
});

/**
 * The relation score in [0, 1]: shortness × coverageMax + (1 − shortness) × the page model. For a
 * one-unit text (a sentence, a brief) the strength-weighted coverage of the shorter text is the
 * score; the more units the shorter text has, the more the page model's evidence counts.
 *
 * @example
 * ```ts
 * relationScore({ coverageMax: 1, coverageMin: 0.1, coverageLikely: 1, verbatim: 1, rareShared: 1, ordered: 1, pasted: 1, shortness: 0.5 }); // ≈ 1
 * ```
 */
export function relationScore(f: ScoreFeatures, model: ScoreModel = DEFAULT_SCORE_MODEL): number {
  return f.shortness * f.coverageMax + (1 - f.shortness) * logistic<keyof ScoreModel['weights']>(model.intercept, model.weights, f);
}

/** What a rewrite alignment's strength is computed from (each in [0, 1]). */
export interface RewriteMeasures {
  /** Dice overlap of the two units' word sets. */
  readonly wordDice: number;
  /** Rarity-weighted share of the smaller unit's shingles found in the other. */
  readonly containment: number;
  /** Shorter unit's words over the longer's. */
  readonly lengthRatio: number;
  /** Character edit similarity (for long or far-down candidates: wordDice × lengthRatio stands in). */
  readonly editSimilarity: number;
  /** Dice overlap of the numbers the two units mention (1 when neither has any). */
  readonly sameNumbers: number;
}

/** Coefficients of the rewrite-strength model (logistic, like the score). */
export interface StrengthModel {
  readonly intercept: number;
  readonly weights: { readonly [K in keyof RewriteMeasures]: number };
}

/**
 * The default rewrite-strength model, fitted by bench/fit-relation-score.ts on MSRP train
 * sentence pairs (people's paraphrase labels): the strength is the chance that one unit rewrites
 * the other.
 */
export const DEFAULT_STRENGTH_MODEL: StrengthModel = Object.freeze({
  intercept: -5.7,
  weights: Object.freeze({ wordDice: 4.66, containment: -1.32, lengthRatio: 2.03, editSimilarity: 2.97, sameNumbers: 0.72 }),
});

/**
 * Strength in [0, 1] of a rewrite alignment: the larger of (1) the chance that one unit rewrites
 * the other, from word overlap, rarity-weighted shingle containment, length ratio, edit similarity
 * and shared numbers — capped at `cap` (the near-edit threshold) so that a rewrite never outweighs
 * a light edit — and (2) the cube of the containment, so that a sentence pasted whole into a longer
 * paragraph is strong (0.9 → 0.73) while a shared stock phrase is not. Identical alignments have
 * strength 1, near ones their edit similarity.
 *
 * @example
 * ```ts
 * rewriteStrength({ wordDice: 0.8, containment: 0.6, lengthRatio: 0.9, editSimilarity: 0.7, sameNumbers: 1 }); // ≈ 0.87 (0.8 with cap 0.8)
 * ```
 */
export function rewriteStrength(m: RewriteMeasures, cap = 1, model: StrengthModel = DEFAULT_STRENGTH_MODEL): number {
  const c = Math.min(1, m.containment);
  return Math.max(Math.min(cap, logistic(model.intercept, model.weights, m)), c * c * c);
}

/** 1 / (1 + e^−(intercept + Σ weights[k] · x[k])) over the keys of `weights`. */
function logistic<K extends string>(intercept: number, weights: Readonly<Record<K, number>>, x: Readonly<Record<K, number>>): number {
  let z = intercept;
  for (const k in weights) z += weights[k] * x[k];
  return 1 / (1 + Math.exp(-z));
}
