/** Types for fast-levenshtein 3.x (Myers' bit-parallel algorithm via fastest-levenshtein). */
declare module 'fast-levenshtein' {
  const levenshtein: {
    /** Edit distance between two strings (insertions, deletions, substitutions of UTF-16 units). */
    get(a: string, b: string, options?: { useCollator?: boolean }): number;
  };
  export default levenshtein;
}
