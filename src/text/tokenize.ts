/**
 * Word tokens: normalize, then natural's WordTokenizer (/[^A-Za-zА-Яа-я0-9_]+/), optionally minus
 * English stopwords and Porter (1980) stemmed. natural's modules are imported one by one.
 */
import regexpTokenizer from 'natural/lib/natural/tokenizers/regexp_tokenizer.js';
import porterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import naturalStopwords from 'natural/lib/natural/util/stopwords.js';
import { describe, InvalidArgumentError } from '../errors.js';
import { assertOptionalBoolean, assertOptions, assertString } from '../validate.js';
import { normalize } from './normalize.js';

/** Options of {@link tokenize}. */
export interface TokenizeOptions {
  /** Reduce each token to its Porter stem (`defense` → `defens`). Default `false`. */
  readonly stem?: boolean;
  /**
   * Drop stopwords (checked before stemming): `true` for natural's English list
   * ({@link ENGLISH_STOPWORDS}), or your own set of normalized (lowercase) words. Default `false`.
   */
  readonly stopwords?: boolean | ReadonlySet<string>;
  /** Normalize the text first (see {@link normalize}). Default `true`. */
  readonly normalize?: boolean;
  /** Passed to {@link normalize}. Default `true`. */
  readonly foldDiacritics?: boolean;
}

// ── Constants ───────────────────────────────────────────────────────────────────────────────

/**
 * natural's English stopword list (single letters and digits included), copied and frozen at
 * load so that nothing can change what `stopwords: true` removes.
 */
export const ENGLISH_STOPWORDS: readonly string[] = Object.freeze([...naturalStopwords.words]);

const englishStopwords: ReadonlySet<string> = new Set(ENGLISH_STOPWORDS);

/** Stems are memoized per distinct token; the memo is cleared when it grows past this. */
const STEM_CACHE_LIMIT = 200_000;

const wordTokenizer = new regexpTokenizer.WordTokenizer();
const stemCache = new Map<string, string>();

// ── Tokenize ────────────────────────────────────────────────────────────────────────────────

/**
 * Splits text into word tokens the way neardup compares them.
 *
 * @param text - any string.
 * @param options - `stem`, `stopwords`, `normalize`, `foldDiacritics`.
 * @returns the tokens in text order (repeats kept).
 * @throws InvalidArgumentError if `text` is not a string or an option has the wrong type.
 *
 * @example
 * ```ts
 * tokenize('Japan’s defence ties'); // ['japan', 's', 'defence', 'ties']
 * tokenize('Japan’s defence ties', { stopwords: true, stem: true }); // ['japan', 'defenc', 'ti']
 * ```
 */
export function tokenize(text: string, options?: TokenizeOptions): string[] {
  assertString(text, 'text');
  assertOptions(options, 'options');
  const { stem = false, stopwords = false, normalize: norm = true, foldDiacritics } = options ?? {};
  assertOptionalBoolean(stem, 'options.stem');
  assertOptionalBoolean(norm, 'options.normalize');
  assertOptionalBoolean(foldDiacritics, 'options.foldDiacritics');
  const stopSet = stopwordSet(stopwords);

  const tokens = wordTokenizer.tokenize(norm ? normalize(text, { foldDiacritics }) : text);
  if (!stem && stopSet === undefined) return tokens;
  const out: string[] = [];
  for (const token of tokens) {
    if (stopSet?.has(token)) continue;
    out.push(stem ? stemToken(token) : token);
  }
  return out;
}

/** Porter stem of one token, memoized. */
function stemToken(token: string): string {
  let stemmed = stemCache.get(token);
  if (stemmed === undefined) {
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemmed = porterStemmer.stem(token);
    stemCache.set(token, stemmed);
  }
  return stemmed;
}

function stopwordSet(value: unknown): ReadonlySet<string> | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return englishStopwords;
  if (typeof value === 'object' && value !== null && typeof (value as Set<unknown>).has === 'function') {
    return value as ReadonlySet<string>;
  }
  throw new InvalidArgumentError(
    `options.stopwords must be true, false or a Set of lowercase words, got ${describe(value)}`,
  );
}
