/**
 * Ranking of a query's candidates from the two indexes' evidence: a whole-text MinHash estimate
 * from the LSH index (Broder 1997; Indyk & Motwani 1998) and per-paragraph shared-shingle counts
 * from the passage index (as superfastmatch and passim seed text reuse). An article is worth
 * verifying when the document index names it, when two query paragraphs hit it, or when one
 * paragraph shares half its shingles with it; the best evidence is verified first.
 */
import type { LshMatch } from '../index/lsh-index.js';

/** What ranking needs of the Detector's settings. */
export interface RankSettings {
  /** A paragraph hit needs at least this many shared shingles (`rewriteMinShared`)… */
  readonly minShared: number;
  /** …and this share of the paragraph's shingles (`paragraphHitShare`). */
  readonly hitShare: number;
  /** Candidates returned at most (`maxCandidates`). */
  readonly maxCandidates: number;
}

/** Evidence that a candidate is worth verifying. */
interface Evidence {
  /** Estimated whole-text Jaccard from the document index (0 if not a hit). */
  document: number;
  /** Query paragraphs with a passage hit, the sum of their shares found, and the best share. */
  hits: number;
  paragraphs: number;
  best: number;
}

/**
 * The ids to verify, best evidence first (ties by id): document-index hits, and passage lookups
 * (`lookups[k]`: shared-shingle counts by id for the query paragraph of `sizes[k]` shingles).
 * `selfId` is left out.
 *
 * @example
 * ```ts
 * rankByEvidence([{ id: 'wire', similarity: 0.6 }], [new Map([['blog', 12]])], [40], undefined, { minShared: 3, hitShare: 0.1, maxCandidates: 32 });
 * // ['wire'] — 'blog' hit one paragraph at 30%: not enough alone
 * ```
 */
export function rankByEvidence(
  documentHits: readonly LshMatch[],
  lookups: readonly ReadonlyMap<string, number>[],
  sizes: readonly number[],
  selfId: string | undefined,
  settings: RankSettings,
): string[] {
  const evidence = new Map<string, Evidence>();
  const get = (id: string): Evidence => {
    let e = evidence.get(id);
    if (!e) evidence.set(id, (e = { document: 0, hits: 0, paragraphs: 0, best: 0 }));
    return e;
  };
  for (const hit of documentHits) get(hit.id).document = hit.similarity;
  lookups.forEach((found, k) => {
    const size = sizes[k]!;
    for (const [id, count] of found) {
      const share = count / size;
      if (count < settings.minShared || share < settings.hitShare) continue;
      const e = get(id);
      e.hits++;
      e.paragraphs += share;
      e.best = Math.max(e.best, share);
    }
  });
  if (selfId !== undefined) evidence.delete(selfId);
  return [...evidence]
    .filter(([, e]) => e.document > 0 || e.hits >= 2 || e.best >= 0.5)
    .sort((x, y) => score(y[1]) - score(x[1]) || (x[0] < y[0] ? -1 : 1))
    .slice(0, settings.maxCandidates)
    .map(([id]) => id);
}

function score(e: Evidence): number {
  return (e.document > 0 ? 10 + e.document : 0) + e.paragraphs;
}
