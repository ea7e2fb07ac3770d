/**
 * Shingling (w-shingles, Broder 1997, "On the resemblance and containment of documents"):
 * the set of contiguous k-word (or k-character) windows of a text, each as a seeded 32-bit hash.
 * A text shorter than k yields one shingle of everything it has, so short texts still compare.
 */
import { InvalidArgumentError } from '../errors.js';
import { assertInteger, assertString } from '../validate.js';
import { hashToken, hashWindow, murmurFinish, murmurStep } from './hash.js';
import { HashBuffer } from './scan.js';

/** Longest shingle accepted, in words or characters. */
export const MAX_SHINGLE_SIZE = 32;

/**
 * Appends the hash of each k-window of `tokenHashes[0, n)` (or one window if 0 < n < k) to `out`;
 * returns how many. Allocation-free: the signing hot path uses it.
 */
export function wordShingles(tokenHashes: Uint32Array, n: number, k: number, seed: number, out: HashBuffer): number {
  if (n === 0) return 0;
  const width = n < k ? n : k;
  const last = n - width;
  for (let i = 0; i <= last; i++) out.push(hashWindow(tokenHashes, i, width, seed));
  return last + 1;
}

/** Sorts and removes repeats in place; returns the distinct prefix as a subarray view. */
export function distinctSorted(hashes: Uint32Array): Uint32Array {
  if (hashes.length < 2) return hashes;
  hashes.sort();
  let w = 1;
  for (let r = 1; r < hashes.length; r++) if (hashes[r] !== hashes[w - 1]) hashes[w++] = hashes[r]!;
  return hashes.subarray(0, w);
}

/**
 * The distinct hashes of the word k-shingles of `tokens`, sorted ascending.
 *
 * @param tokens - words, e.g. from `tokenize(text)`.
 * @param size - words per shingle (k), 1 to 32.
 * @param seed - hash seed; the same seed gives the same hashes in every process.
 * @example
 * ```ts
 * shingles(tokenize('The EU seeks defence ties with Japan'), 3).length; // 5
 * ```
 */
export function shingles(tokens: readonly string[], size: number, seed = 0): Uint32Array {
  if (!Array.isArray(tokens)) {
    throw new InvalidArgumentError('tokens must be an array of strings, e.g. from tokenize(text)');
  }
  assertInteger(size, 'size', 1, MAX_SHINGLE_SIZE);
  assertInteger(seed, 'seed', 0, 0xffffffff);
  const hashed = new Uint32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    assertString(t, `tokens[${i}]`);
    hashed[i] = hashToken(t);
  }
  const out = new HashBuffer(Math.max(1, tokens.length - size + 1));
  const n = wordShingles(hashed, hashed.length, size, seed, out);
  return distinctSorted(out.data.subarray(0, n));
}

/** Calls `emit` with the hash of each k-character window of `text[from, to)`. */
export function forEachCharShingle(
  text: string,
  from: number,
  to: number,
  k: number,
  seed: number,
  emit: (hash: number) => void,
): void {
  const n = to - from;
  if (n <= 0) return;
  const width = n < k ? n : k;
  for (let i = from; i + width <= to; i++) {
    let h = seed | 0;
    for (let j = 0; j < width; j++) h = murmurStep(h, text.charCodeAt(i + j));
    emit(murmurFinish(h, width));
  }
}

/**
 * The distinct hashes of the character k-grams of `text` (spaces included), sorted ascending:
 * the shingles for scripts written without spaces (Japanese, Chinese, Thai). Pass normalized text.
 *
 * @example
 * ```ts
 * charShingles(normalize('日本とEUが防衛協力'), 3).length; // 7
 * ```
 */
export function charShingles(text: string, size: number, seed = 0): Uint32Array {
  assertString(text, 'text');
  assertInteger(size, 'size', 1, MAX_SHINGLE_SIZE);
  assertInteger(seed, 'seed', 0, 0xffffffff);
  const out = new Uint32Array(Math.max(1, text.length - size + 1));
  let n = 0;
  forEachCharShingle(text, 0, text.length, size, seed, (h) => {
    out[n++] = h;
  });
  return distinctSorted(out.subarray(0, n));
}
