/**
 * Naming the relation of two articles from their calibrated score (score.ts) and verbatim
 * coverage, and which one is the copy: how much of each is covered by aligned passages, how much
 * of that is verbatim, and whether the alignments keep one order —
 * the coverage-and-order reading of text reuse used by passage-level systems (Clough et al.,
 * "METER: MEasuring TExt Reuse", ACL 2002; Smith et al., "passim", 2014).
 */
import type { AlignOptions } from './options.js';

/** What two articles are to each other. */
export type Relation = 'duplicate' | 'near-duplicate' | 'derived' | 'related' | 'unrelated';

/** Which article derives from which, for a `derived` pair. */
export type Direction = 'a-from-b' | 'b-from-a' | null;

/** The measurements the relation is decided from. */
export interface RelationFeatures {
  /** Same text after normalization. */
  readonly identical: boolean;
  /** Whole-text word-shingle Jaccard. */
  readonly jaccard: number;
  /** The calibrated relation score (`relationScore`), in [0, 1]. */
  readonly score: number;
  /** Number of alignments. */
  readonly alignments: number;
  /** Share of each text covered by identical or near alignments (weighted by edit similarity). */
  readonly verbatimCoverage: { readonly a: number; readonly b: number };
}

/**
 * The relation label, from the score and the thresholds of `DEFAULT_ALIGN_OPTIONS` (whose
 * defaults are `SCORE_THRESHOLDS`): `duplicate` (same normalized text); `near-duplicate` (score ≥
 * nearDuplicateScore and verbatim alignments over most of both texts, or whole-text Jaccard ≥
 * nearDuplicateJaccard); `derived` (score ≥ derivedScore); `related` (score ≥ relatedScore, or
 * some aligned passage); else `unrelated`.
 */
export function decideRelation(f: RelationFeatures, o: AlignOptions): Relation {
  if (f.identical) return 'duplicate';
  const verbatimBoth = Math.min(f.verbatimCoverage.a, f.verbatimCoverage.b);
  if (f.jaccard >= o.nearDuplicateJaccard || (f.score >= o.nearDuplicateScore && verbatimBoth >= o.nearDuplicateCoverage)) {
    return 'near-duplicate';
  }
  if (f.score >= o.derivedScore) return 'derived';
  return f.score >= o.relatedScore || f.alignments > 0 ? 'related' : 'unrelated';
}

/** Facts about each side that can tell the original from the copy. */
export interface DirectionEvidence {
  /** Wire agencies each text credits for its words. */
  readonly credits: { readonly a: readonly string[]; readonly b: readonly string[] };
  /** Publication times (ms), when known. */
  readonly publishedAt: { readonly a?: number | undefined; readonly b?: number | undefined };
  /** Share of each text covered by the ordered chain (a copy is mostly made of the original). */
  readonly chainCoverage: { readonly a: number; readonly b: number };
}

/** Coverage difference needed before coverage alone names the copy. */
const COVERAGE_MARGIN = 0.1;

/** Why a direction was chosen (machine-readable, for reports). */
export type DirectionReason = 'credit' | 'published-later' | 'coverage' | null;

/** A direction, why it was chosen, and the credited agency when a credit decided it. */
export interface DirectionDecision {
  readonly direction: Direction;
  readonly reason: DirectionReason;
  readonly credit: string | null;
}

/** No direction (pairs that are not derived or near-duplicate). */
export const NO_DIRECTION: DirectionDecision = Object.freeze({ direction: null, reason: null, credit: null });

/**
 * Which side of a derived pair is the copy, and why: the one that credits a wire service (when
 * the other does not; `reason: 'credit'`, `credit` names the agency); else the later
 * `publishedAt` ('published-later'); else the one clearly more covered by the other ('coverage');
 * else no direction.
 *
 * @example
 * ```ts
 * directionOf({ credits: { a: [], b: ['Reuters'] }, publishedAt: {}, chainCoverage: { a: 0.5, b: 0.9 } });
 * // { direction: 'b-from-a', reason: 'credit', credit: 'Reuters' }
 * ```
 */
export function directionOf(e: DirectionEvidence): DirectionDecision {
  const aCredits = e.credits.a.length > 0;
  const bCredits = e.credits.b.length > 0;
  if (aCredits !== bCredits) {
    return aCredits
      ? { direction: 'a-from-b', reason: 'credit', credit: e.credits.a[0]! }
      : { direction: 'b-from-a', reason: 'credit', credit: e.credits.b[0]! };
  }
  const { a, b } = e.publishedAt;
  if (a !== undefined && b !== undefined && a !== b) {
    return { direction: a > b ? 'a-from-b' : 'b-from-a', reason: 'published-later', credit: null };
  }
  const diff = e.chainCoverage.a - e.chainCoverage.b;
  if (Math.abs(diff) >= COVERAGE_MARGIN) return { direction: diff > 0 ? 'a-from-b' : 'b-from-a', reason: 'coverage', credit: null };
  return NO_DIRECTION;
}

/**
 * Which side of a derived pair is the copy: the one that credits a wire service (when the other
 * does not); else the later `publishedAt`; else the one clearly more covered by the other; else null.
 * `directionOf` also says why.
 */
export function decideDirection(e: DirectionEvidence): Direction {
  return directionOf(e).direction;
}
