/**
 * Naming the relation of two articles from their alignment: how much of each is covered by
 * aligned passages, how much of that is verbatim, and whether the alignments keep one order —
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
  /** Number of alignments, and of those on the longest order-keeping chain. */
  readonly alignments: number;
  readonly chain: number;
  /** Share of each text covered by alignments on the ordered chain. */
  readonly chainCoverage: { readonly a: number; readonly b: number };
  /** Share of each text covered by identical or near alignments. */
  readonly verbatimCoverage: { readonly a: number; readonly b: number };
}

/**
 * The relation label: `duplicate` (same normalized text); `near-duplicate` (verbatim alignments
 * cover most of both, or high whole-text Jaccard); `derived` (an ordered chain of rewritten
 * passages covers much of one text, or verbatim passages cover half of one); `related` (some
 * aligned passages or quotes); else `unrelated`.
 */
export function decideRelation(f: RelationFeatures, o: AlignOptions): Relation {
  if (f.identical) return 'duplicate';
  if (
    f.jaccard >= o.nearDuplicateJaccard ||
    Math.min(f.verbatimCoverage.a, f.verbatimCoverage.b) >= o.nearDuplicateCoverage
  ) {
    return 'near-duplicate';
  }
  const chainCoverage = Math.max(f.chainCoverage.a, f.chainCoverage.b);
  const verbatim = Math.max(f.verbatimCoverage.a, f.verbatimCoverage.b);
  if ((f.chain >= o.derivedMinChain && chainCoverage >= o.derivedChainCoverage) || verbatim >= o.derivedCopyCoverage) {
    return 'derived';
  }
  return f.alignments > 0 ? 'related' : 'unrelated';
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

/**
 * Which side of a derived pair is the copy: the one that credits a wire service (when the other
 * does not); else the later `publishedAt`; else the one clearly more covered by the other; else null.
 */
export function decideDirection(e: DirectionEvidence): Direction {
  const aCredits = e.credits.a.length > 0;
  const bCredits = e.credits.b.length > 0;
  if (aCredits !== bCredits) return aCredits ? 'a-from-b' : 'b-from-a';
  const { a, b } = e.publishedAt;
  if (a !== undefined && b !== undefined && a !== b) return a > b ? 'a-from-b' : 'b-from-a';
  const diff = e.chainCoverage.a - e.chainCoverage.b;
  if (Math.abs(diff) >= COVERAGE_MARGIN) return diff > 0 ? 'a-from-b' : 'b-from-a';
  return null;
}
