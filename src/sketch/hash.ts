/**
 * Seeded 32-bit hashing with exact integer arithmetic (Math.imul, >>> 0): FNV-1a for token
 * characters, and MurmurHash3_x86_32's block mix and finalizer (Appleby, 2011) for combining.
 * Same input and seed give the same value in every process and on every platform.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a offset basis: the start value of an incremental token hash. */
export const TOKEN_HASH_START = FNV_OFFSET;

/** One FNV-1a step over a UTF-16 code unit. */
export function tokenHashStep(h: number, codeUnit: number): number {
  return Math.imul(h ^ codeUnit, FNV_PRIME);
}

/** MurmurHash3 32-bit finalizer: a bijection on uint32 with full avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Mixes one 32-bit block into a MurmurHash3 state. */
export function murmurStep(h: number, block: number): number {
  let k = Math.imul(block, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Finishes a MurmurHash3 state that absorbed `blocks` 32-bit blocks. */
export function murmurFinish(h: number, blocks: number): number {
  return fmix32(h ^ (blocks << 2));
}

/**
 * Hash of a token string, identical to what the zero-allocation scanner computes in place.
 *
 * @example
 * ```ts
 * hashToken('japan') === hashToken('japan'); // true, in every process
 * ```
 */
export function hashToken(token: string): number {
  let h = TOKEN_HASH_START;
  for (let i = 0; i < token.length; i++) h = tokenHashStep(h, token.charCodeAt(i));
  return fmix32(h);
}

/** Hash of the words `tokens[from .. from+count)` (already hashed) as one shingle. */
export function hashWindow(tokens: ArrayLike<number>, from: number, count: number, seed: number): number {
  let h = seed | 0;
  for (let j = 0; j < count; j++) h = murmurStep(h, tokens[from + j]!);
  return murmurFinish(h, count);
}

/**
 * Maps a uniform 32-bit hash to [0, n) by its top 16 bits, floor(⌊h / 2^16⌋ · n / 2^16)
 * (multiply-shift instead of a biased modulo; Lemire, 2019). Integer-exact for n ≤ 65,536.
 */
export function reduceRange(h: number, n: number): number {
  return ((h >>> 16) * n) >>> 16;
}
