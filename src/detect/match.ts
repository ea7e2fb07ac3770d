/**
 * What the Detector returns for each indexed article a query reuses or relates to.
 */
import type { Comparison } from '../align/compare.js';
import type { Direction, DirectionReason, Relation } from '../align/relation.js';

/** An indexed article that the query article copies, rewrites, or shares passages with. */
export interface Match {
  readonly id: string;
  readonly relation: Exclude<Relation, 'unrelated'>;
  /** The calibrated relation score in [0, 1] (`Comparison.score`; 0.5: as likely reuse as not). */
  readonly score: number;
  /** Whole-text word-shingle Jaccard (exact, from the alignment). */
  readonly similarity: number;
  /** Share of each article covered by aligned passages. */
  readonly coverage: { readonly query: number; readonly match: number };
  /** As in `comparison` (a = the query, b = the match): 'a-from-b' means the query is the copy. */
  readonly direction: Direction;
  /**
   * Why `direction` names that side the copy: `credit` (it credits a wire service, `credit`, the
   * other does not), `published-later`, or `coverage` (it is mostly made of the other); null
   * without a direction. As `Comparison.directionReason`.
   */
  readonly directionReason: DirectionReason;
  /** The credited agency when `directionReason` is 'credit' (e.g. 'Reuters'), else null. */
  readonly credit: string | null;
  /** The full alignment (query is `a`, match is `b`). */
  readonly comparison: Comparison;
}
