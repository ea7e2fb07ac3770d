/**
 * The Detector's verification of one candidate, and its corpus counts, as plain functions over
 * plain state: what `match` does to each candidate the indexes found, so that the Detector and a
 * parallel scan's worker threads (src/parallel/) verify alike. Alignment by `comparePrepared`;
 * template pairs by document frequency (template-pair.ts); learned boilerplate and rarity from
 * count-min sketches (count-min.ts).
 */
import { comparePrepared } from '../align/compare.js';
import type { AlignOptions } from '../align/options.js';
import type { PreparedText } from '../align/prepare.js';
import type { RarityWeight } from '../align/rarity.js';
import type { Relation } from '../align/relation.js';
import { isBelowFloor } from './content-floor.js';
import type { CountMinSketch } from './count-min.js';
import type { Match } from './match.js';
import type { Query } from './query.js';
import type { Comparison } from '../align/compare.js';
import { asTemplateMatch, comparisonTemplateShape, isTemplateMatch, type ShingleFrequencies, type TemplateShape } from './template-pair.js';

/** What verifying depends on besides the two texts: the corpus as it stood before the query. */
export interface VerifyContext {
  readonly align: AlignOptions;
  readonly minContentWords: number;
  /** Learned site boilerplate, by paragraph key. */
  readonly isBoilerplate: (unitKey: number) => boolean;
  readonly rarity: RarityWeight;
  /** Document frequencies of shingles in the passage index, as it stood before the query; none: no template check. */
  readonly frequencies: ShingleFrequencies | undefined;
}

/** Relations whose earlier pairs a match follows to the canonical. */
export const COPY_RELATIONS: ReadonlySet<Relation> = new Set(['duplicate', 'near-duplicate']);

/**
 * The match `other` (id `id`) is for `query`, or undefined when it is none: unrelated, a template
 * pair (the archive asked, through `ctx.frequencies`, only for the shingles a template-like pair
 * shares), or not an identical text while either side is below the content floor.
 */
export async function verifyCandidate(query: Query, id: string, other: PreparedText, ctx: VerifyContext): Promise<Match | undefined> {
  const c = comparePrepared(query.prepared, other, ctx.align, { isBoilerplate: ctx.isBoilerplate, rarity: ctx.rarity });
  const shape = ctx.frequencies && comparisonTemplateShape(c, query.prepared, other);
  return matchOf(query, id, other, c, ctx, shape, shape && (await ctx.frequencies!(shape.shared)));
}

/** `verifyCandidate` where the frequencies are at hand (a worker thread, given them with its task). */
export function verifyCandidateNow(query: Query, id: string, other: PreparedText, ctx: VerifyContext, frequencies: ((shingles: Uint32Array) => Float64Array) | undefined): Match | undefined {
  const c = comparePrepared(query.prepared, other, ctx.align, { isBoilerplate: ctx.isBoilerplate, rarity: ctx.rarity });
  const shape = frequencies && comparisonTemplateShape(c, query.prepared, other);
  return matchOf(query, id, other, c, ctx, shape, shape && frequencies!(shape.shared));
}

/**
 * The verified comparison as a Match, or undefined: unrelated, a template match (`shape` with the
 * frequencies of its shared shingles), or not identical while below the content floor.
 */
function matchOf(query: Query, id: string, other: PreparedText, compared: Comparison, ctx: VerifyContext, shape: TemplateShape | undefined, freqs: Float64Array | undefined): Match | undefined {
  const c = shape && freqs && isTemplateMatch(shape, freqs) ? asTemplateMatch(compared) : compared;
  if (c.relation === 'unrelated') return undefined;
  // below the content floor on either side: only an identical text is reported
  if (c.relation !== 'duplicate' && (query.lowContent || isBelowFloor(other, ctx.minContentWords))) return undefined;
  return {
    id,
    relation: c.relation,
    score: c.score,
    similarity: c.jaccard,
    coverage: { query: c.coverage.a, match: c.coverage.b },
    direction: c.direction,
    directionReason: c.directionReason,
    credit: c.directionCredit,
    comparison: c,
  };
}

/**
 * Counts (delta 1) or uncounts (-1) an article's distinct content paragraphs (learned
 * boilerplate) and its distinct shingles (rarity weights).
 */
export function countArticle(prepared: PreparedText, paragraphs: CountMinSketch, shingles: CountMinSketch, repeatMinWords: number, delta: 1 | -1): void {
  const seen = new Set<number>();
  for (const u of prepared.units(false).units) {
    if (u.boilerplate || u.words < repeatMinWords || seen.has(u.key)) continue;
    seen.add(u.key);
    paragraphs.add(u.key, delta);
  }
  for (const h of prepared.shingles) shingles.add(h, delta);
}

const RELATION_RANK: Record<Relation, number> = { duplicate: 4, 'near-duplicate': 3, derived: 2, related: 1, unrelated: 0 };

/**
 * Sorts matches best first, in place: duplicates, then near-duplicates, derived, related; within
 * a relation by coverage of the query, Jaccard, score, then id (a total order: the same set sorts
 * the same whatever order it was found in).
 */
export function sortMatches(matches: Match[]): Match[] {
  return matches.sort(
    (x, y) =>
      RELATION_RANK[y.relation] - RELATION_RANK[x.relation] ||
      y.coverage.query - x.coverage.query ||
      y.similarity - x.similarity ||
      y.score - x.score ||
      (x.id < y.id ? -1 : 1),
  );
}
