/**
 * Why one side of a near-duplicate or derived pair is called the copy, in the order
 * `decideDirection` (src/align/relation.ts) decides it: a wire credit the other side lacks, a
 * later publication time, else coverage (the copy is mostly made of the original).
 */
import type { Comparison } from '../align/compare.js';
import type { PreparedText } from '../align/prepare.js';

/** What decided the direction of a pair; null when there is none. */
export type DirectionReason = 'credit' | 'published-later' | 'coverage' | null;

/**
 * The reason for `c.direction` between prepared texts `a` and `b`, and the credited agency when a
 * credit decided it.
 *
 * @example
 * ```ts
 * directionReason(comparePrepared(wire, copy, o), wire, copy); // { reason: 'credit', credit: 'Reuters' }
 * ```
 */
export function directionReason(c: Comparison, a: PreparedText, b: PreparedText): { reason: DirectionReason; credit: string | null } {
  if (c.direction === null) return { reason: null, credit: null };
  const aCredits = a.credits.length > 0;
  const bCredits = b.credits.length > 0;
  if (aCredits !== bCredits) return { reason: 'credit', credit: (aCredits ? a.credits : b.credits)[0]! };
  if (a.publishedAt !== undefined && b.publishedAt !== undefined && a.publishedAt !== b.publishedAt) return { reason: 'published-later', credit: null };
  return { reason: 'coverage', credit: null };
}
