/**
 * Longest strictly increasing subsequence in O(n log n) (patience sorting; Fredman, "On computing
 * the length of longest increasing subsequences", Discrete Math. 1975): how many alignments lie
 * on one chain that keeps the order of both texts.
 */

/** Indices (into `values`) of one longest strictly increasing subsequence, in order. */
export function longestIncreasingRun(values: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return [];
  const tails: number[] = []; // tails[k] = index of the smallest tail of an increasing run of length k+1
  const previous = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (values[tails[mid]!]! < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const out: number[] = new Array<number>(tails.length);
  for (let k = tails.length - 1, i = tails[k]!; k >= 0; k--, i = previous[i]!) out[k] = i;
  return out;
}
