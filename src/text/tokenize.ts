/**
 * Word tokens: normalize, then split as natural's WordTokenizer does (/[^A-Za-zА-Яа-я0-9_]+/),
 * optionally minus English stopwords and Porter (1980) stemmed. Stemmer and stopword list come
 * from natural, an optional peer dependency loaded module by module on first use.
 */
import { describe, InvalidArgumentError } from '../errors.js';
import { assertOptionalBoolean, assertOptions, assertString } from '../validate.js';
import { naturalModule } from './natural.js';
import { normalize } from './normalize.js';

/** Options of {@link tokenize}. */
export interface TokenizeOptions {
  /** Reduce each token to its Porter stem (`defense` → `defens`). Default `false`. */
  readonly stem?: boolean;
  /**
   * Drop stopwords (checked before stemming): `true` for natural's English list
   * ({@link englishStopwords}), or your own set of normalized (lowercase) words. Default `false`.
   */
  readonly stopwords?: boolean | ReadonlySet<string>;
  /** Normalize the text first (see {@link normalize}). Default `true`. */
  readonly normalize?: boolean;
  /** Passed to {@link normalize}. Default `true`. */
  readonly foldDiacritics?: boolean;
}

// ── Constants ───────────────────────────────────────────────────────────────────────────────

/** Stems are memoized per distinct token; the memo is cleared when it grows past this. */
const STEM_CACHE_LIMIT = 200_000;

/** natural's WordTokenizer separator. */
const NON_WORD = /[^A-Za-zА-Яа-я0-9_]+/;

const stemCache = new Map<string, string>();
let englishStopwordSet: ReadonlySet<string> | undefined;

/**
 * natural's English stopword list (single letters and digits included), copied into a set on
 * first use, so that nothing done to natural's array changes what `stopwords: true` removes.
 *
 * @throws MissingDependencyError when natural is not installed.
 * @example
 * ```ts
 * englishStopwords().has('the'); // true
 * ```
 */
export function englishStopwords(): ReadonlySet<string> {
  englishStopwordSet ??= new Set(naturalModule<{ words: readonly string[] }>('util/stopwords.js', 'stopwords: true').words);
  return englishStopwordSet;
}

// ── Tokenize ────────────────────────────────────────────────────────────────────────────────

/**
 * Splits text into word tokens the way neardup compares them.
 *
 * @param text - any string.
 * @param options - `stem`, `stopwords`, `normalize`, `foldDiacritics`.
 * @returns the tokens in text order (repeats kept).
 * @throws InvalidArgumentError if `text` is not a string or an option has the wrong type;
 *   MissingDependencyError if `stem` or `stopwords: true` is asked for without natural installed.
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

  const tokens = (norm ? normalize(text, { foldDiacritics }) : text).split(NON_WORD).filter((t) => t !== '');
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
    stemmed = naturalModule<{ stem(token: string): string }>('stemmers/porter_stemmer.js', 'stem: true').stem(token);
    stemCache.set(token, stemmed);
  }
  return stemmed;
}

function stopwordSet(value: unknown): ReadonlySet<string> | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return englishStopwords();
  if (typeof value === 'object' && value !== null && typeof (value as Set<unknown>).has === 'function') {
    return value as ReadonlySet<string>;
  }
  throw new InvalidArgumentError(
    `options.stopwords must be true, false or a Set of lowercase words, got ${describe(value)}`,
  );
}
