/** Seeded test randomness (mulberry32): tests are reproducible, never Math.random. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Two sets of distinct uint32 values with |A ∪ B| = union and |A ∩ B| = round(j · union). */
export function setPair(random: () => number, union: number, j: number): { a: Uint32Array; b: Uint32Array; jaccard: number } {
  const all = new Set<number>();
  while (all.size < union) all.add(Math.floor(random() * 4294967296) >>> 0);
  const values = [...all];
  const shared = Math.round(j * union);
  const rest = union - shared;
  const onlyA = Math.floor(rest / 2);
  const a = values.slice(0, shared + onlyA);
  const b = [...values.slice(0, shared), ...values.slice(shared + onlyA)];
  return { a: Uint32Array.from(a), b: Uint32Array.from(b), jaccard: shared / union };
}
