/**
 * The sketch helpers as the public API offers them: the same functions with their arguments
 * checked (InvalidArgumentError). Signing and indexing call the unchecked ones in their loops.
 */
import { describe, InvalidArgumentError } from '../errors.js';
import { assertFinite, assertInteger, assertString, assertUint32Array } from '../validate.js';
import { assertSignatureParams } from './signature.js';
import * as hash from './hash.js';
import * as shingle from './shingle.js';
import * as signature from './signature.js';
import type { SignatureParams } from './signature.js';

/**
 * MurmurHash3's 32-bit finalizer: a bijection on uint32 with full avalanche.
 *
 * @example
 * ```ts
 * fmix32(42); // the same uint32 in every process
 * ```
 */
export function fmix32(h: number): number {
  assertFinite(h, 'h');
  return hash.fmix32(h);
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
  assertString(token, 'token');
  return hash.hashToken(token);
}

/**
 * Maps a uniform 32-bit hash to [0, n) by its top 16 bits (multiply-shift; Lemire, 2019).
 * Integer-exact for n ≤ 65,536.
 *
 * @example
 * ```ts
 * reduceRange(fmix32(7), 10); // in [0, 10)
 * ```
 */
export function reduceRange(h: number, n: number): number {
  assertFinite(h, 'h');
  assertInteger(n, 'n', 0, 65_536);
  return hash.reduceRange(h, n);
}

/**
 * Sorts `hashes` in place and returns the distinct values (a view of its start).
 *
 * @example
 * ```ts
 * distinctSorted(new Uint32Array([3, 1, 3])); // Uint32Array [1, 3]
 * ```
 */
export function distinctSorted(hashes: Uint32Array): Uint32Array {
  assertUint32Array(hashes, 'hashes');
  return shingle.distinctSorted(hashes);
}

/**
 * Throws `IncompatibleSignatureError` naming every parameter that differs between `a` and `b`.
 *
 * @example
 * ```ts
 * assertCompatible(sigA.params, sigB.params); // throws if signed with other MinHasher options
 * ```
 */
export function assertCompatible(a: SignatureParams, b: SignatureParams, what = 'signatures'): void {
  assertSignatureParams(a, 'a');
  assertSignatureParams(b, 'b');
  if (typeof what !== 'string') throw new InvalidArgumentError(`what must be a string naming the compared things, got ${describe(what)}`);
  signature.assertCompatible(a, b, what);
}
