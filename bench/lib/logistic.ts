/**
 * Logistic regression by full-batch gradient descent with L2 shrinkage and optional non-negative
 * weights (projected gradient), and k-fold cross-validation — enough to choose neardup's score
 * defaults from the development data without fitting pair by pair.
 */

export interface Sample {
  readonly x: readonly number[];
  readonly y: 0 | 1;
  /** Sample weight (default 1): balances data sets of different sizes. */
  readonly w?: number;
}

export interface LogisticModel {
  readonly intercept: number;
  readonly weights: readonly number[];
}

export interface FitOptions {
  readonly iterations?: number;
  readonly rate?: number;
  /** L2 penalty on the weights (not the intercept). */
  readonly l2?: number;
  /** Keep every weight ≥ 0 (a monotone score). */
  readonly nonNegative?: boolean;
}

export function predict(m: LogisticModel, x: readonly number[]): number {
  let z = m.intercept;
  for (let k = 0; k < x.length; k++) z += m.weights[k]! * x[k]!;
  return 1 / (1 + Math.exp(-z));
}

export function fitLogistic(samples: readonly Sample[], o: FitOptions = {}): LogisticModel {
  const { iterations = 4000, rate = 2, l2 = 1e-3, nonNegative = true } = o;
  const d = samples[0]!.x.length;
  const w = new Float64Array(d);
  let b = 0;
  const total = samples.reduce((n, s) => n + (s.w ?? 1), 0);
  for (let it = 0; it < iterations; it++) {
    const g = new Float64Array(d);
    let gb = 0;
    for (const s of samples) {
      let z = b;
      for (let k = 0; k < d; k++) z += w[k]! * s.x[k]!;
      const err = (1 / (1 + Math.exp(-z)) - s.y) * (s.w ?? 1);
      gb += err;
      for (let k = 0; k < d; k++) g[k] = g[k]! + err * s.x[k]!;
    }
    b -= (rate * gb) / total;
    for (let k = 0; k < d; k++) {
      w[k] = w[k]! - rate * (g[k]! / total + l2 * w[k]!);
      if (nonNegative && w[k]! < 0) w[k] = 0;
    }
  }
  return { intercept: b, weights: [...w] };
}

/** Fold of each sample: a seeded shuffle dealt round-robin into k folds, stratified by label. */
export function folds(samples: readonly Sample[], k: number, seed = 1): Int32Array {
  const out = new Int32Array(samples.length);
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 2 ** 32;
  };
  for (const label of [0, 1]) {
    const idx = samples.map((s, i) => (s.y === label ? i : -1)).filter((i) => i >= 0);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    idx.forEach((i, n) => (out[i] = n % k));
  }
  return out;
}

/** Out-of-fold probabilities: each sample scored by the model fitted on the other folds. */
export function crossValidate(samples: readonly Sample[], k: number, o: FitOptions = {}, seed = 1): Float64Array {
  const fold = folds(samples, k, seed);
  const out = new Float64Array(samples.length);
  for (let f = 0; f < k; f++) {
    const model = fitLogistic(samples.filter((_, i) => fold[i] !== f), o);
    samples.forEach((s, i) => {
      if (fold[i] === f) out[i] = predict(model, s.x);
    });
  }
  return out;
}

/** Share of samples whose probability is on the right side of 0.5. */
export function accuracyAt(samples: readonly Sample[], p: ArrayLike<number>, threshold = 0.5): number {
  let ok = 0;
  samples.forEach((s, i) => {
    if ((p[i]! >= threshold ? 1 : 0) === s.y) ok++;
  });
  return samples.length === 0 ? 0 : ok / samples.length;
}
