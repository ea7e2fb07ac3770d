/**
 * Similarity measures between two passages: Jaccard and containment of sorted shingle-hash sets
 * (Broder 1997), and normalized edit similarity 1 − d/max(|a|,|b|) from Levenshtein distance
 * computed by fast-levenshtein (Myers, "A fast bit-vector algorithm for approximate string
 * matching", JACM 1999), bounded by a length cap so no pair costs more than cap² / 64 word ops.
 * fast-levenshtein is required on first use: it builds an Intl.Collator when it loads.
 */
import type levenshteinModule from 'fast-levenshtein';
import { lazyRequire } from '../util/lazy-require.js';

let levenshtein: typeof levenshteinModule | undefined;

/** Size of the intersection of two ascending, distinct Uint32Arrays (linear merge). */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/** |A ∩ B| / |A ∪ B| given the sizes; 1 for two empty sets. */
export function jaccardFromCounts(sizeA: number, sizeB: number, shared: number): number {
  const union = sizeA + sizeB - shared;
  return union === 0 ? 0 : shared / union; // two empty sets share nothing (README, "Writing systems")
}

/** |A ∩ B| / |A|: how much of A is contained in B; 0 for an empty A. */
export function containmentFromCounts(sizeA: number, shared: number): number {
  return sizeA === 0 ? 0 : shared / sizeA;
}

/**
 * 1 − Levenshtein(a, b) / max(|a|, |b|), in [0, 1]; 1 for two empty strings. Returns `undefined`
 * when the longer string exceeds `maxChars` (the caller then falls back on a shingle measure).
 *
 * @example
 * ```ts
 * editSimilarity('naval repairs in japan', 'naval repair in japan', 2000); // ≈ 0.95
 * ```
 */
export function editSimilarity(a: string, b: string, maxChars: number): number | undefined {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  if (longer > maxChars) return undefined;
  levenshtein ??= lazyRequire<typeof levenshteinModule>('fast-levenshtein');
  return 1 - levenshtein.get(a, b) / longer;
}
