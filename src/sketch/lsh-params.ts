/**
 * LSH banding parameters: the (bands, rows) with bands·rows ≤ numPerm that minimize the weighted
 * areas of false positives (∫₀ᵗ P) and false negatives (∫ₜ¹ 1−P) under the S-curve
 * P(s) = 1 − (1 − s^rows)^bands (Leskovec, Rajaraman & Ullman, "Mining of Massive Datasets", ch. 3;
 * the optimizer of datasketch's MinHashLSH). The search gives exactly the brute-force answer
 * over every (bands, rows) but prunes it by branch and bound: the false-positive area rises and
 * the false-negative area falls with the bands, so on a range of bands the error is at least
 * w0·FP(first) + w1·FN(last); and rows stop once even all bands leave too many false negatives.
 */
import { InvalidArgumentError } from '../errors.js';
import { assertInteger, assertOpenUnit, assertUnit } from '../validate.js';

/** How an LSH index splits a signature: `bands` bands of `rows` values each. */
export interface LshParams {
  readonly bands: number;
  readonly rows: number;
}

/** Probability that two signatures of Jaccard `s` share at least one band. */
export function collisionProbability(s: number, bands: number, rows: number): number {
  checkCurve(s, bands, rows);
  return curve(s, bands, rows);
}

function curve(s: number, bands: number, rows: number): number {
  return 1 - Math.pow(1 - Math.pow(s, rows), bands);
}

/** Checks the arguments of the S-curve functions. */
function checkCurve(s: number, bands: number, rows: number): void {
  assertUnit(s, 's');
  assertInteger(bands, 'bands', 1);
  assertInteger(rows, 'rows', 1);
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
  checkCurve(threshold, bands, rows);
  return integrate((s) => curve(s, bands, rows), 0, threshold);
}

/** Area above the S-curve beyond the threshold: the weight of false negatives. */
export function falseNegativeArea(threshold: number, bands: number, rows: number): number {
  checkCurve(threshold, bands, rows);
  return integrate((s) => 1 - curve(s, bands, rows), threshold, 1);
}

const cache = new Map<string, LshParams>();

/**
 * Largest numPerm an LSH index (and `lshParams`) takes: its parameter search stays well under
 * 100 ms for any threshold and weights (bench/results.md, "Faults and hostile input"). Signatures
 * may be longer (`MAX_NUM_PERM`) for Jaccard estimates outside an index.
 */
export const MAX_LSH_NUM_PERM = 1024;

/** Simpson's rule points of `integrate` over [a, b]: the endpoints exactly, then a + i·h. */
function simpsonPoints(a: number, b: number, steps = 256): Float64Array {
  const h = (b - a) / steps;
  const out = new Float64Array(steps + 1);
  out[0] = a;
  out[steps] = b;
  for (let i = 1; i < steps; i++) out[i] = a + i * h;
  return out;
}

/**
 * The two areas for one rows count, computed exactly as `falsePositiveArea` and
 * `falseNegativeArea` (same points, same operations, same order), with 1 − s^rows precomputed.
 */
class Areas {
  private fpQ: Float64Array | undefined;
  private fnQ: Float64Array | undefined;

  constructor(
    private readonly threshold: number,
    private readonly fpPoints: Float64Array,
    private readonly fnPoints: Float64Array,
    private readonly rows: number,
  ) {}

  fp(bands: number): number {
    this.fpQ ??= this.fpPoints.map((s) => 1 - Math.pow(s, this.rows));
    return simpson(this.fpQ, bands, false, this.threshold - 0);
  }

  fn(bands: number): number {
    this.fnQ ??= this.fnPoints.map((s) => 1 - Math.pow(s, this.rows));
    return simpson(this.fnQ, bands, true, 1 - this.threshold);
  }
}

/** integrate() of P = 1 − q^bands (or of 1 − P) over points whose 1 − s^rows are `q`. */
function simpson(q: Float64Array, bands: number, complement: boolean, width: number): number {
  const steps = q.length - 1;
  const h = width / steps;
  let sum: number;
  if (complement) {
    sum = 1 - (1 - Math.pow(q[0]!, bands)) + (1 - (1 - Math.pow(q[steps]!, bands)));
    for (let i = 1; i < steps; i++) sum += (1 - (1 - Math.pow(q[i]!, bands))) * (i % 2 === 1 ? 4 : 2);
  } else {
    sum = 1 - Math.pow(q[0]!, bands) + (1 - Math.pow(q[steps]!, bands));
    for (let i = 1; i < steps; i++) sum += (1 - Math.pow(q[i]!, bands)) * (i % 2 === 1 ? 4 : 2);
  }
  return (sum * h) / 3;
}

/** The smallest x in [lo, hi] with pred(x) true, for pred false…false true…true; hi + 1 if none. */
function firstTrue(lo: number, hi: number, pred: (x: number) => boolean): number {
  let a = lo;
  let b = hi + 1;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (pred(mid)) b = mid;
    else a = mid + 1;
  }
  return a;
}

/** The first minimum of the weighted error over bands·rows ≤ numPerm, in (bands, rows) order. */
function search(threshold: number, numPerm: number, w: readonly [number, number]): LshParams {
  const fpPoints = simpsonPoints(0, threshold);
  const fnPoints = simpsonPoints(threshold, 1);
  let best: LshParams = { bands: 1, rows: 1 };
  let bestError = Infinity;
  if (w[1] === 0) {
    // Only false positives count: their area is least with one band of as many rows as it takes.
    const min = new Areas(threshold, fpPoints, fnPoints, numPerm).fp(1);
    return { bands: 1, rows: firstTrue(1, numPerm, (rows) => new Areas(threshold, fpPoints, fnPoints, rows).fp(1) <= min) };
  }
  if (w[0] === 0) {
    // Only false negatives count: their area is least with as many one-row bands as it takes.
    const a = new Areas(threshold, fpPoints, fnPoints, 1);
    const min = a.fn(numPerm);
    return { bands: firstTrue(1, numPerm, (bands) => a.fn(bands) <= min), rows: 1 };
  }
  const consider = (bands: number, rows: number, error: number): void => {
    if (error < bestError || (error === bestError && (bands < best.bands || (bands === best.bands && rows < best.rows)))) {
      bestError = error;
      best = { bands, rows };
    }
  };
  // A first bound: for each rows count, all the bands it may have.
  for (let rows = 1; rows <= Math.min(numPerm, 64); rows++) {
    const a = new Areas(threshold, fpPoints, fnPoints, rows);
    const bands = Math.floor(numPerm / rows);
    consider(bands, rows, w[0] * a.fp(bands) + w[1] * a.fn(bands));
  }
  for (let rows = 1; rows <= numPerm; rows++) {
    const maxBands = Math.floor(numPerm / rows);
    const a = new Areas(threshold, fpPoints, fnPoints, rows);
    // The false-negative area falls with the bands and rises with the rows (and maxBands falls):
    // once all the bands leave w1·FN above the best error, no later rows count can do better.
    const fnMax = a.fn(maxBands);
    if (w[1] * fnMax > bestError) break;
    const fp1 = a.fp(1);
    if (w[0] * fp1 + w[1] * fnMax > bestError) continue; // no bands of this rows count can do better
    consider(1, rows, w[0] * fp1 + w[1] * a.fn(1));
    if (maxBands > 1) {
      const fpMax = a.fp(maxBands);
      consider(maxBands, rows, w[0] * fpMax + w[1] * fnMax);
      // Branch and bound over the bands between: on [x, y] the error is at least w0·FP(x) + w1·FN(y).
      const scan = (x: number, y: number, fpX: number, fnY: number): void => {
        if (y - x < 2 || w[0] * fpX + w[1] * fnY > bestError) return;
        const m = (x + y) >>> 1;
        const fpM = a.fp(m);
        const fnM = a.fn(m);
        consider(m, rows, w[0] * fpM + w[1] * fnM);
        scan(x, m, fpX, fnM);
        scan(m, y, fpM, fnY);
      };
      scan(1, maxBands, fp1, fnMax);
    }
  }
  return best;
}

/**
 * The (bands, rows) that best separate pairs above and below `threshold`.
 *
 * @param threshold - Jaccard similarity in (0, 1) at which the S-curve should rise.
 * @param numPerm - signature length, at most `MAX_LSH_NUM_PERM` (1,024); bands·rows ≤ numPerm.
 * @param weights - [false-positive weight, false-negative weight], summing to 1. Default [0.5, 0.5].
 * @example
 * ```ts
 * lshParams(0.5, 128); // { bands: 25, rows: 5 }
 * lshParams(0.8, 128); // { bands: 9, rows: 13 }
 * ```
 */
export function lshParams(threshold: number, numPerm: number, weights: readonly [number, number] = [0.5, 0.5]): LshParams {
  assertOpenUnit(threshold, 'threshold');
  assertInteger(numPerm, 'numPerm', 1);
  if (numPerm > MAX_LSH_NUM_PERM) {
    throw new InvalidArgumentError(
      `numPerm ${numPerm} is above ${MAX_LSH_NUM_PERM}, the most the bands × rows search takes; use numPerm ≤ ${MAX_LSH_NUM_PERM} (beyond, estimates gain little), or give LshIndex bands and rows yourself`,
    );
  }
  if (!Array.isArray(weights) || weights.length !== 2 || !weights.every((w) => typeof w === 'number' && w >= 0 && w <= 1) || Math.abs(weights[0] + weights[1] - 1) > 1e-9) {
    throw new InvalidArgumentError('weights must be [falsePositiveWeight, falseNegativeWeight], two numbers in [0, 1] summing to 1, e.g. [0.5, 0.5]');
  }
  const key = `${threshold}:${numPerm}:${weights[0]}:${weights[1]}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const best = search(threshold, numPerm, weights);
  const frozen = Object.freeze(best);
  cache.set(key, frozen);
  return frozen;
}
