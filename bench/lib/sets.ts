/** Exact set measures over sorted distinct Uint32Arrays (what `MinHasher.shingle` returns), and union-find groups, on the library's own pieces. */
import { intersectionSize } from '../../src/align/similarity.js';
import { UnionFind } from '../../src/detect/union-find.js';

export { intersectionSize, UnionFind };

/** Exact Jaccard |A ∩ B| / |A ∪ B|; 1 for two empty sets. */
export function exactJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  const inter = intersectionSize(a, b);
  return inter / (a.length + b.length - inter);
}

/** Components of `sets` over 0..n-1 with at least `min` members, each sorted, largest first. */
export function componentsOf(sets: UnionFind, n: number, min = 2): number[][] {
  const by = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = sets.find(i);
    let g = by.get(r);
    if (!g) by.set(r, (g = []));
    g.push(i);
  }
  return [...by.values()].filter((g) => g.length >= min).sort((x, y) => y.length - x.length || x[0]! - y[0]!);
}

/** Key of an unordered pair of small non-negative integers (< 2^26 each). */
export function pairKey(a: number, b: number): number {
  return a < b ? a * 67108864 + b : b * 67108864 + a;
}
