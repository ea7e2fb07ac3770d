/**
 * Logistic regression by full-batch gradient descent with L2 shrinkage and optional non-negative
 * weights (projected gradient); a non-negative fit within bounds on chosen cases by projected
 * Newton steps (Bertsekas, "Projected Newton methods for optimization problems with simple
 * constraints", SIAM J. Control Optim. 1982) with a squared-hinge penalty; and k-fold
 * cross-validation — enough to choose neardup's score defaults from the development data
 * without fitting pair by pair.
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

/** A case whose linear predictor (intercept + Σ weight·x) must stay at or below `zMax` (a ceiling) or at or above `zMin` (a floor). */
export interface Bound {
  readonly x: readonly number[];
  readonly zMax?: number;
  readonly zMin?: number;
}

/** How far the predictor `z` is past a bound (0 inside it); negative past a floor. */
function excess(b: Bound, z: number): number {
  if (b.zMax !== undefined && z > b.zMax) return z - b.zMax;
  if (b.zMin !== undefined && z < b.zMin) return z - b.zMin;
  return 0;
}

/**
 * Non-negative logistic regression with L2 shrinkage whose predictor keeps within each bound:
 * minimises mean log-loss + l2/2·|w|² + penalty/2·Σ (z − zMax)₊² + (zMin − z)₊² by projected Newton steps
 * (free coordinates by Newton, coordinates held at 0 by the gradient, Armijo backtracking along
 * the projection). Converges in tens of steps to the same optimum whatever the start; the penalty
 * makes each bound all but hard.
 */
export function fitLogisticWithin(samples: readonly Sample[], bounds: readonly Bound[], o: { l2?: number; penalty?: number } = {}): LogisticModel {
  const { l2 = 1e-3, penalty = 10 } = o;
  const d = samples[0]!.x.length + 1; // θ = [intercept, ...weights]
  const row = (x: readonly number[]): number[] => [1, ...x];
  const X = samples.map((s) => row(s.x));
  const C = bounds.map((c) => row(c.x));
  const n = samples.length;
  const z = (t: readonly number[], x: readonly number[]): number => t.reduce((sum, v, k) => sum + v * x[k]!, 0);
  const objective = (t: readonly number[]): number => {
    let f = 0;
    X.forEach((x, i) => (f += samples[i]!.y === 1 ? Math.log1p(Math.exp(-z(t, x))) : Math.log1p(Math.exp(z(t, x)))));
    f /= n;
    for (let k = 1; k < d; k++) f += 0.5 * l2 * t[k]! * t[k]!;
    C.forEach((x, c) => {
      const v = excess(bounds[c]!, z(t, x));
      f += 0.5 * penalty * v * v;
    });
    return f;
  };
  let t: number[] = new Array<number>(d).fill(0);
  for (let step = 0; step < 200; step++) {
    const g = new Array<number>(d).fill(0);
    const H = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    const add = (x: readonly number[], e: number, h: number): void => {
      for (let a = 0; a < d; a++) {
        g[a]! += e * x[a]!;
        for (let b = 0; b < d; b++) H[a]![b]! += h * x[a]! * x[b]!;
      }
    };
    X.forEach((x, i) => {
      const p = 1 / (1 + Math.exp(-z(t, x)));
      add(x, (p - samples[i]!.y) / n, (p * (1 - p)) / n);
    });
    for (let k = 1; k < d; k++) {
      g[k]! += l2 * t[k]!;
      H[k]![k]! += l2;
    }
    C.forEach((x, c) => {
      const v = excess(bounds[c]!, z(t, x));
      if (v !== 0) add(x, penalty * v, penalty);
    });
    const free = t.map((v, k) => k === 0 || v > 1e-12 || g[k]! < 0);
    const dir = solveFree(H, g, free);
    const f0 = objective(t);
    let next = t;
    for (let s = 1, tries = 0; tries < 50; s /= 2, tries++) {
      next = t.map((v, k) => (k === 0 ? v - s * dir[k]! : Math.max(0, v - s * dir[k]!)));
      const decrease = t.reduce((sum, v, k) => sum + g[k]! * (v - next[k]!), 0);
      if (objective(next) <= f0 - 1e-4 * decrease) break;
    }
    const moved = next.reduce((m, v, k) => Math.max(m, Math.abs(v - t[k]!)), 0);
    t = next;
    if (moved < 1e-10) break;
  }
  return { intercept: t[0]!, weights: t.slice(1) };
}

/** Newton direction on the free coordinates (Gauss–Jordan on H restricted to them), the gradient on the others. */
function solveFree(H: readonly (readonly number[])[], g: readonly number[], free: readonly boolean[]): number[] {
  const idx = free.flatMap((f, k) => (f ? [k] : []));
  const m = idx.length;
  const M = idx.map((a) => [...idx.map((b) => H[a]![b]! + (a === b ? 1e-12 : 0)), g[a]!]);
  for (let p = 0; p < m; p++) {
    let best = p;
    for (let r = p + 1; r < m; r++) if (Math.abs(M[r]![p]!) > Math.abs(M[best]![p]!)) best = r;
    [M[p], M[best]] = [M[best]!, M[p]!];
    for (let r = 0; r < m; r++) {
      if (r === p) continue;
      const f = M[r]![p]! / M[p]![p]!;
      for (let c = p; c <= m; c++) M[r]![c]! -= f * M[p]![c]!;
    }
  }
  const dir = g.map((v, k) => (free[k] ? 0 : v));
  idx.forEach((k, p) => (dir[k] = M[p]![m]! / M[p]![p]!));
  return dir;
}
