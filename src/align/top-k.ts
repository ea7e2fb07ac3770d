/**
 * A bounded best-k list in typed arrays (insertion into a sorted prefix): the candidates of a unit
 * that share the most shingles, ties by the smaller index, without sorting every touched unit.
 */

/**
 * Inserts `id` with `count` into the best-first list `ids`/`counts` holding `size` entries (at
 * most `ids.length`), dropping the last one when full; returns the new size.
 *
 * @example
 * ```ts
 * const ids = new Int32Array(3), counts = new Int32Array(3);
 * let n = 0;
 * for (const [id, c] of [[4, 2], [1, 5], [7, 5], [2, 1]]) n = insertTopK(ids, counts, n, id, c);
 * // ids: 1, 7, 4 (5 and 5 by the smaller index, then 2); n = 3
 * ```
 */
export function insertTopK(ids: Int32Array | Uint32Array, counts: Int32Array | Uint32Array | Float64Array, size: number, id: number, count: number): number {
  const cap = ids.length;
  let k = size < cap ? size++ : cap;
  while (k > 0 && (counts[k - 1]! < count || (counts[k - 1]! === count && ids[k - 1]! > id))) {
    if (k < cap) {
      ids[k] = ids[k - 1]!;
      counts[k] = counts[k - 1]!;
    }
    k--;
  }
  if (k < cap) {
    ids[k] = id;
    counts[k] = count;
  }
  return size;
}
