/**
 * MinHash signatures by one-permutation hashing with optimal densification: each shingle is
 * hashed once into one of numPerm bins, each bin keeps its minimum, and empty bins borrow from a
 * seeded probe sequence of filled bins. O(n + numPerm·log numPerm) per text instead of O(n · numPerm).
 * Li, Owen & Zhang, "One Permutation Hashing", NIPS 2012; Shrivastava, "Optimal Densification for
 * Fast and Accurate Minwise Hashing", ICML 2017; Mai et al., "On Densification for Minwise Hashing", UAI 2019.
 */
import { assertInteger, assertOptionalBoolean, assertOptions, assertString } from '../validate.js';
import { describe, InvalidArgumentError } from '../errors.js';
import { stemLanguage, stopwordLanguage, type StemLanguage, type StopwordLanguage } from '../text/languages.js';
import { normalize } from '../text/normalize.js';
import { tokenize } from '../text/tokenize.js';
import { fmix32, hashToken, murmurStep, reduceRange } from './hash.js';
import { HashBuffer, scanSimpleTokenHashes, scanTokenHashes } from './scan.js';
import { distinctSorted, forEachCharShingle, MAX_SHINGLE_SIZE, wordShingles } from './shingle.js';
import { EMPTY_BIN, type Signature, type SignatureParams } from './signature.js';

// Defaults ------------------------------------------------------------------------------------

/** Default number of bins: standard error of an estimate ≤ 0.5/√128 ≈ 0.044. */
export const DEFAULT_NUM_PERM = 128;
/** Default hash seed. */
export const DEFAULT_SEED = 1;
/** Default shingle size: word 3-shingles (see README, "Why 3-word shingles"). */
export const DEFAULT_SHINGLE_SIZE = 3;
/** Smallest and largest numPerm accepted. */
export const MIN_NUM_PERM = 8;
export const MAX_NUM_PERM = 65536;

/** Options of a MinHasher; every field has a default. */
export interface MinHasherOptions {
  /** Bins in a signature (≥ 8). More bins, smaller error, slower compare. Default 128. */
  numPerm?: number;
  /** Hash seed, a uint32. Default 1. */
  seed?: number;
  /** Words (or characters, with unit 'char') per shingle, 1–32. Default 3. */
  shingleSize?: number;
  /** 'word' (default) or 'char' k-grams for text written without spaces. */
  unit?: 'word' | 'char';
  /**
   * Stem tokens: `true` or `'en'` for Porter's English stemmer, or a language code for natural's
   * stemmer of that language (`'fr'`, `'de'`, `'ru'`…). Default false. Signatures carry the language.
   */
  stem?: boolean | StemLanguage;
  /** Drop stopwords: `true` or `'en'` for natural's English list, or a language code. Default false. */
  stopwords?: boolean | StopwordLanguage;
  /** Fold diacritics during normalization (é → e). Default true. */
  foldDiacritics?: boolean;
}

/** Entries of the precomputed densification probe table (64 rounds at numPerm 128). */
const PROBE_TABLE_SIZE = 8192;

/** The bin that filled bin `j` offers its value to in densification round `round`. */
function probeTarget(probeSeed: number, round: number, j: number, k: number): number {
  return reduceRange(fmix32(murmurStep(murmurStep(probeSeed, round), j) ^ 8), k);
}

// Shared scratch: signing is synchronous, so one buffer serves every call.
const tokenScratch = new HashBuffer(4096);
const shingleScratch = new HashBuffer(4096);
let donorScratch = new Int32Array(DEFAULT_NUM_PERM);

/**
 * Makes MinHash signatures of texts or of shingle-hash sets. Deterministic: the same options and
 * text give the same signature in every process.
 *
 * @example
 * ```ts
 * import { MinHasher, estimateJaccard } from 'neardup';
 * const hasher = new MinHasher({ numPerm: 128, shingleSize: 3 });
 * const a = hasher.sign('The European Union is seeking security partnerships with Japan.');
 * const b = hasher.sign('The European Union is seeking defence partnerships with Japan.');
 * estimateJaccard(a, b); // ≈ 0.43 (true Jaccard of their 3-shingles: 3/7)
 * ```
 */
export class MinHasher {
  /** The parameters every signature of this hasher carries (frozen, shared). */
  readonly params: SignatureParams;
  private readonly binSeed: number;
  /** probes[(round-1)·numPerm + j]: the bin filled bin j offers its value to in that round. */
  private readonly probes: Uint16Array;
  /** Seed of the shingle hashes: the same as `shingles(tokens, k, params.seed)`. */
  private readonly shingleSeed: number;
  private readonly probeSeed: number;
  private readonly filled: Uint8Array;

  constructor(options: MinHasherOptions = {}) {
    assertOptions(options, 'MinHasher options');
    const {
      numPerm = DEFAULT_NUM_PERM,
      seed = DEFAULT_SEED,
      shingleSize = DEFAULT_SHINGLE_SIZE,
      unit = 'word',
      foldDiacritics = true,
    } = options;
    const stem = stemLanguage(options.stem, 'stem');
    const stopwords = stopwordLanguage(options.stopwords, 'stopwords');
    assertInteger(numPerm, 'numPerm', MIN_NUM_PERM, MAX_NUM_PERM);
    assertInteger(seed, 'seed', 0, 0xffffffff);
    assertInteger(shingleSize, 'shingleSize', 1, MAX_SHINGLE_SIZE);
    if (unit !== 'word' && unit !== 'char') {
      throw new InvalidArgumentError(`unit must be 'word' or 'char', got ${describe(unit)}`);
    }
    assertOptionalBoolean(foldDiacritics, 'foldDiacritics');
    if (unit === 'char' && (stem || stopwords)) {
      throw new InvalidArgumentError("stem and stopwords apply to words; drop them or use unit: 'word'");
    }
    this.params = Object.freeze({ numPerm, seed, shingleSize, unit, stem, stopwords, foldDiacritics });
    this.binSeed = fmix32(seed ^ 0x5bd1e995);
    const probeSeed = fmix32(seed ^ 0x165667b1);
    const rounds = Math.max(1, Math.floor(PROBE_TABLE_SIZE / numPerm));
    this.probes = new Uint16Array(rounds * numPerm);
    for (let r = 0; r < rounds; r++) {
      for (let j = 0; j < numPerm; j++) this.probes[r * numPerm + j] = probeTarget(probeSeed, r + 1, j, numPerm);
    }
    this.probeSeed = probeSeed;
    this.shingleSeed = seed;
    this.filled = new Uint8Array(numPerm);
  }

  /**
   * Signature of a text: normalize → tokens → shingles → MinHash.
   *
   * @example
   * ```ts
   * new MinHasher().sign('Japan and the EU unveiled a defence partnership.').values.length; // 128
   * ```
   */
  sign(text: string): Signature {
    assertString(text, 'text');
    const values = this.begin();
    this.absorbText(text, values);
    return this.finish(values);
  }

  /**
   * Signature of a set of 32-bit shingle hashes (e.g. from `shingles()` or `charShingles()`).
   * Repeats do not matter: a minimum is a minimum.
   */
  signShingles(hashes: ArrayLike<number>): Signature {
    if (hashes === null || typeof hashes !== 'object' || typeof hashes.length !== 'number') {
      throw new InvalidArgumentError('hashes must be a Uint32Array or number[] of shingle hashes, e.g. from shingles()');
    }
    if (!(hashes instanceof Uint32Array)) {
      for (let i = 0; i < hashes.length; i++) {
        const h = hashes[i];
        if (typeof h !== 'number' || !Number.isInteger(h) || h < 0 || h > 0xffffffff) {
          throw new InvalidArgumentError(`hashes[${i}] is ${describe(h)}; shingle hashes are integers in [0, 2^32), e.g. from shingles()`);
        }
      }
    }
    const values = this.begin();
    this.absorb(hashes, hashes.length, values);
    return this.finish(values);
  }

  /**
   * The shingle hashes this hasher would sign for `text`, distinct and sorted: the exact set
   * behind `sign(text)`, for exact Jaccard or containment.
   */
  shingle(text: string): Uint32Array {
    assertString(text, 'text');
    const n = this.collectShingles(text);
    return distinctSorted(shingleScratch.data.slice(0, n));
  }

  /** Calls `emit` with every shingle hash of `text` (repeats included), in text order. */
  forEachShingle(text: string, emit: (hash: number) => void): void {
    const n = this.collectShingles(text);
    const data = shingleScratch.data;
    for (let i = 0; i < n; i++) emit(data[i]!);
  }

  /** Writes every shingle hash of `text` into `shingleScratch`; returns how many. */
  private collectShingles(text: string): number {
    const p = this.params;
    const seed = this.shingleSeed;
    shingleScratch.length = 0;
    const push = (h: number): void => shingleScratch.push(h);
    if (p.unit === 'char') {
      const norm = normalize(text, { foldDiacritics: p.foldDiacritics });
      forEachCharShingle(norm, 0, norm.length, p.shingleSize, seed, push);
      return shingleScratch.length;
    }
    tokenScratch.length = 0;
    if (p.stem || p.stopwords) {
      const tokens = tokenize(text, { stem: p.stem, stopwords: p.stopwords, foldDiacritics: p.foldDiacritics });
      for (const t of tokens) tokenScratch.push(hashToken(t));
    } else if (scanSimpleTokenHashes(text, tokenScratch) < 0) {
      scanTokenHashes(normalize(text, { foldDiacritics: p.foldDiacritics }), tokenScratch);
    }
    return wordShingles(tokenScratch.data, tokenScratch.length, p.shingleSize, seed, shingleScratch);
  }

  private begin(): Uint32Array {
    this.filled.fill(0);
    return new Uint32Array(this.params.numPerm).fill(EMPTY_BIN);
  }

  private absorbText(text: string, values: Uint32Array): void {
    this.absorb(shingleScratch.data, this.collectShingles(text), values);
  }

  /**
   * One-permutation step for each shingle: a seeded bijection h of its hash is its place in the
   * permutation; the permutation's range is cut into numPerm equal bins (by h's top 16 bits), and
   * each bin keeps the smallest h that falls into it.
   */
  private absorb(shingleHashes: ArrayLike<number>, n: number, values: Uint32Array): void {
    const k = values.length;
    const filled = this.filled;
    const seed = this.binSeed;
    for (let i = 0; i < n; i++) {
      const v = fmix32((shingleHashes[i]! ^ seed) >>> 0);
      const bin = reduceRange(v, k);
      if (filled[bin] === 0) {
        filled[bin] = 1;
        values[bin] = v;
      } else if (v < values[bin]!) {
        values[bin] = v;
      }
    }
  }

  /**
   * Densification for bins no shingle fell into: in rounds, every filled bin offers its value to
   * one bin of a seeded probe sequence, and an empty bin takes the first offer it gets. The
   * choice depends only on which bins are filled, so equal sets stay equal, and costs
   * O(numPerm · log numPerm) even for a one-shingle text (Mai et al., "On Densification for
   * Minwise Hashing", UAI 2019; the pull form of Shrivastava 2017 costs O(numPerm²) there).
   */
  private finish(values: Uint32Array): Signature {
    const k = values.length;
    const filled = this.filled;
    const donors = donorScratch.length >= k ? donorScratch : (donorScratch = new Int32Array(k));
    let count = 0;
    for (let i = 0; i < k; i++) if (filled[i] === 1) donors[count++] = i;
    let missing = k - count;
    if (count > 0 && missing > 0) {
      const probes = this.probes;
      const tabled = probes.length / k;
      for (let round = 1; missing > 0; round++) {
        const row = (round - 1) * k;
        for (let d = 0; d < count && missing > 0; d++) {
          const j = donors[d]!;
          const target = round <= tabled ? probes[row + j]! : probeTarget(this.probeSeed, round, j, k);
          if (filled[target] === 0) {
            filled[target] = 2;
            values[target] = values[j]!;
            missing--;
          }
        }
      }
    }
    return { values, params: this.params };
  }
}
