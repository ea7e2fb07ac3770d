/**
 * Similarity measures between two passages: Jaccard and containment of sorted shingle-hash sets
 * (Broder 1997), and normalized edit similarity 1 − d/max(|a|,|b|) from Levenshtein distance
 * computed by fast-levenshtein (Myers, "A fast bit-vector algorithm for approximate string
 * matching", JACM 1999), bounded by a length cap so no pair costs more than cap² / 64 word ops,
 * and by an `EditBudget`: cheap length and character-histogram lower bounds first (Ukkonen 1992,
 * "Approximate string matching with q-grams"), then at most a fixed number of cells per call.
 * fast-levenshtein is required on first use: it builds an Intl.Collator when it loads.
 */
import type levenshteinModule from 'fast-levenshtein';
import { describe, InvalidArgumentError } from '../errors.js';
import { lazyRequire } from '../util/lazy-require.js';

let levenshtein: typeof levenshteinModule | undefined;

/** fast-levenshtein, loaded on first use. */
function distance(a: string, b: string): number {
  levenshtein ??= lazyRequire<typeof levenshteinModule>('fast-levenshtein');
  return levenshtein.get(a, b);
}

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
export function editSimilarity(a: string, b: string, maxChars = Infinity): number | undefined {
  if (typeof a !== 'string' || typeof b !== 'string') {
    throw new InvalidArgumentError(`editSimilarity(a, b) takes two strings, got ${describe(a)} and ${describe(b)}`);
  }
  if (typeof maxChars !== 'number' || !(maxChars >= 0)) {
    throw new InvalidArgumentError(`maxChars must be a number ≥ 0 (or Infinity), got ${describe(maxChars)}`);
  }
  return editSimilarityOf(a, b, maxChars);
}

function editSimilarityOf(a: string, b: string, maxChars: number): number | undefined {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  if (longer > maxChars) return undefined;
  return 1 - distance(a, b) / longer;
}

/**
 * Edit-distance cells (|a| × |b|) one `compare` or `findRepeats` call may spend: 2^28, about
 * 25 ms of Myers' algorithm: 67 pairs of 2,000-character paragraphs, or 1,000 pairs of 500.
 * Ordinary articles use a fraction of it; a text of thousands of near-identical paragraphs stops
 * here, and its remaining pairs are judged by shingle overlap alone (as `rewrite`, not `near`).
 */
export const EDIT_BUDGET_CELLS = 2 ** 28;

/** Buckets of the character-histogram lower bound (char code & 255; collisions only lower it). */
const HISTOGRAM_BUCKETS = 256;

/**
 * The edit-distance work of one call: answers "is the edit similarity of a and b at least t?"
 * with cheap lower bounds first, and refuses (undefined) once its cells are spent.
 */
export class EditBudget {
  private remaining: number;
  private readonly histogram = new Int32Array(HISTOGRAM_BUCKETS);

  constructor(cells = EDIT_BUDGET_CELLS) {
    this.remaining = cells;
  }

  /** Whether the budget is spent. */
  get exhausted(): boolean {
    return this.remaining <= 0;
  }

  /**
   * The edit similarity of `a` and `b` when it is at least `threshold`, else undefined — also
   * when a string is longer than `maxChars` or the budget cannot pay for the pair.
   */
  atLeast(a: string, b: string, threshold: number, maxChars: number): number | undefined {
    if (this.remaining <= 0 && a.length > 0 && b.length > 0) return undefined; // spent: `measure` would refuse
    if (!this.mayReach(a, b, threshold)) return undefined;
    const sim = this.measure(a, b, maxChars);
    return sim !== undefined && sim >= threshold ? sim : undefined;
  }

  /** False when cheap lower bounds (length, character histogram) show the similarity is below `threshold`. */
  mayReach(a: string, b: string, threshold: number): boolean {
    const longer = Math.max(a.length, b.length);
    if (longer === 0) return true;
    // Lower bounds of the distance, tested exactly as the final similarity is.
    if (1 - (longer - Math.min(a.length, b.length)) / longer < threshold) return false;
    return 1 - this.histogramBound(a, b) / longer >= threshold;
  }

  /**
   * The edit similarity of `a` and `b`, paid from the budget; undefined when a string is longer
   * than `maxChars` or the budget cannot pay for the pair.
   */
  measure(a: string, b: string, maxChars: number): number | undefined {
    const longer = Math.max(a.length, b.length);
    if (longer === 0) return 1;
    if (longer > maxChars) return undefined;
    const cells = a.length * b.length;
    if (cells > this.remaining) {
      this.remaining = 0;
      return undefined;
    }
    this.remaining -= cells;
    return 1 - distance(a, b) / longer;
  }

  /** A lower bound of the edit distance: characters one string has in excess of the other. */
  private histogramBound(a: string, b: string): number {
    const h = this.histogram;
    h.fill(0);
    for (let i = 0; i < a.length; i++) h[a.charCodeAt(i) & 255]!++;
    for (let i = 0; i < b.length; i++) h[b.charCodeAt(i) & 255]!--;
    let excessA = 0;
    let excessB = 0;
    for (let k = 0; k < HISTOGRAM_BUCKETS; k++) {
      const d = h[k]!;
      if (d > 0) excessA += d;
      else excessB -= d;
    }
    return Math.max(excessA, excessB);
  }
}
