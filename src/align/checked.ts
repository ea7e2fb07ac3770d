/**
 * The relation rules as the public API offers them, with their arguments checked
 * (InvalidArgumentError); `compare` calls the unchecked ones with values it built itself.
 */
import { assertFinite, assertRecord } from '../validate.js';
import type { AlignOptions } from './options.js';
import { resolveAlignOptions } from './options.js';
import * as relation from './relation.js';
import type { Direction, DirectionEvidence, Relation, RelationFeatures } from './relation.js';

function assertPairOfShares(value: unknown, name: string): void {
  assertRecord(value, name, '{ a, b } shares in [0, 1]');
  assertFinite(value.a, `${name}.a`);
  assertFinite(value.b, `${name}.b`);
}

/**
 * The relation of two aligned texts from their features (see "How relations are decided").
 *
 * @example
 * ```ts
 * decideRelation({ identical: false, jaccard: 0.14, alignments: 8, chain: 8, chainCoverage: { a: 0.78, b: 1 }, verbatimCoverage: { a: 0, b: 0 } }, DEFAULT_ALIGN_OPTIONS); // 'derived'
 * ```
 */
export function decideRelation(f: RelationFeatures, o: AlignOptions): Relation {
  assertRecord(f, 'features', 'RelationFeatures { identical, jaccard, alignments, chain, chainCoverage, verbatimCoverage }');
  if (typeof f.identical !== 'boolean') assertFinite(f.identical, 'features.identical');
  for (const key of ['jaccard', 'alignments', 'chain'] as const) assertFinite(f[key], `features.${key}`);
  assertPairOfShares(f.chainCoverage, 'features.chainCoverage');
  assertPairOfShares(f.verbatimCoverage, 'features.verbatimCoverage');
  return relation.decideRelation(f, resolveAlignOptions(o, 'options'));
}

/**
 * Which side of a derived pair is the copy (see "How relations are decided").
 *
 * @example
 * ```ts
 * decideDirection({ credits: { a: ['Reuters'], b: [] }, publishedAt: {}, chainCoverage: { a: 1, b: 0.8 } }); // 'a-from-b'
 * ```
 */
export function decideDirection(e: DirectionEvidence): Direction {
  assertRecord(e, 'evidence', 'DirectionEvidence { credits, publishedAt, chainCoverage }');
  assertRecord(e.credits, 'evidence.credits', '{ a, b } arrays of agencies');
  for (const side of ['a', 'b'] as const) {
    if (!Array.isArray(e.credits[side])) assertRecord(null, `evidence.credits.${side}`, 'an array of agency names');
  }
  assertRecord(e.publishedAt, 'evidence.publishedAt', '{ a?, b? } times in ms');
  for (const side of ['a', 'b'] as const) if (e.publishedAt[side] !== undefined) assertFinite(e.publishedAt[side], `evidence.publishedAt.${side}`);
  assertPairOfShares(e.chainCoverage, 'evidence.chainCoverage');
  return relation.decideDirection(e);
}
