/**
 * LSH banding parameters: the (bands, rows) with bands·rows ≤ numPerm that minimize the weighted
 * areas of false positives (∫₀ᵗ P) and false negatives (∫ₜ¹ 1−P) under the S-curve
 * P(s) = 1 − (1 − s^rows)^bands (Leskovec, Rajaraman & Ullman, "Mining of Massive Datasets", ch. 3;
 * the optimizer of datasketch's MinHashLSH).
 */
import { InvalidArgumentError } from '../errors.js';
import { assertInteger, assertOpenUnit } from '../validate.js';

/** How an LSH index splits a signature: `bands` bands of `rows` values each. */
export interface LshParams {
  readonly bands: number;
  readonly rows: number;
}

/** Probability that two signatures of Jaccard `s` share at least one band. */
export function collisionProbability(s: number, bands: number, rows: number): number {
  return 1 - Math.pow(1 - Math.pow(s, rows), bands);
}

/** ∫ f over [a, b] by composite Simpson's rule (f is smooth, a polynomial here). */
function integrate(f: (s: number) => number, a: number, b: number, steps = 256): number {
  const h = (b - a) / steps;
  let sum = f(a) + f(b);
  for (let i = 1; i < steps; i++) sum += f(a + i * h) * (i % 2 === 1 ? 4 : 2);
  return (sum * h) / 3;
}

/** Area under the S-curve below the threshold: the weight of false positives. */
export function falsePositiveArea(threshold: number, bands: number, rows: number): number {
  return integrate((s) => collisionProbability(s, bands, rows), 0, threshold);
}

/** Area above the S-curve beyond the threshold: the weight of false negatives. */
export function falseNegativeArea(threshold: number, bands: number, rows: number): number {
  return integrate((s) => 1 - collisionProbability(s, bands, rows), threshold, 1);
}

const cache = new Map<string, LshParams>();

/**
 * The (bands, rows) that best separate pairs above and below `threshold`.
 *
 * @param threshold - Jaccard similarity in (0, 1) at which the S-curve should rise.
 * @param numPerm - signature length; bands·rows ≤ numPerm.
 * @param weights - [false-positive weight, false-negative weight], summing to 1. Default [0.5, 0.5].
 * @example
 * ```ts
 * lshParams(0.5, 128); // { bands: 25, rows: 5 }
 * lshParams(0.8, 128); // { bands: 9, rows: 13 }
 * ```
 */
export function lshParams(threshold: number, numPerm: number, weights: readonly [number, number] = [0.5, 0.5]): LshParams {
  assertOpenUnit(threshold, 'threshold');
  assertInteger(numPerm, 'numPerm', 1, 65536);
  if (!Array.isArray(weights) || weights.length !== 2 || !weights.every((w) => typeof w === 'number' && w >= 0 && w <= 1) || Math.abs(weights[0] + weights[1] - 1) > 1e-9) {
    throw new InvalidArgumentError('weights must be [falsePositiveWeight, falseNegativeWeight], two numbers in [0, 1] summing to 1, e.g. [0.5, 0.5]');
  }
  const key = `${threshold}:${numPerm}:${weights[0]}:${weights[1]}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let best: LshParams = { bands: 1, rows: 1 };
  let bestError = Infinity;
  for (let bands = 1; bands <= numPerm; bands++) {
    const maxRows = Math.floor(numPerm / bands);
    for (let rows = 1; rows <= maxRows; rows++) {
      const error =
        weights[0] * falsePositiveArea(threshold, bands, rows) + weights[1] * falseNegativeArea(threshold, bands, rows);
      if (error < bestError) {
        bestError = error;
        best = { bands, rows };
      }
    }
  }
  const frozen = Object.freeze(best);
  cache.set(key, frozen);
  return frozen;
}
