/**
 * Word tokens in any script: normalize, then cut into words by Unicode class (letters, marks,
 * numbers, `_`), with runs of scripts written without spaces cut into overlapping character
 * trigrams (text/words.ts, text/segment.ts);
 * optionally minus stopwords and stemmed, per language, with natural's lists and stemmers
 * (Porter 1980 for English), an optional peer dependency loaded module by module on first use.
 */
import { describe, InvalidArgumentError } from '../errors.js';
import { assertOptionalBoolean, assertOptions, assertString } from '../validate.js';
import { stemLanguage, stemmer, stopwordLanguage, stopwordList, type StemLanguage, type StopwordLanguage } from './languages.js';
import { normalize } from './normalize.js';
import { forEachWord } from './words.js';

/** Options of {@link tokenize}. */
export interface TokenizeOptions {
  /**
   * Reduce each token to its stem: `true` or `'en'` for Porter's English stemmer (`defense` →
   * `defens`), or a language code for natural's stemmer of that language (`'fr'`, `'de'`, `'ru'`…,
   * see {@link StemLanguage}). Default `false`. Nothing is stemmed unless asked.
   */
  readonly stem?: boolean | StemLanguage;
  /**
   * Drop stopwords (checked before stemming): `true` or `'en'` for natural's English list
   * ({@link englishStopwords}), a language code for natural's list of that language
   * ({@link StopwordLanguage}), or your own set of normalized (lowercase) words. Default `false`.
   */
  readonly stopwords?: boolean | StopwordLanguage | ReadonlySet<string>;
  /** Normalize the text first (see {@link normalize}). Default `true`. */
  readonly normalize?: boolean;
  /** Passed to {@link normalize}. Default `true`. */
  readonly foldDiacritics?: boolean;
}

// ── Constants ───────────────────────────────────────────────────────────────────────────────

/** Stems are memoized per language and distinct token; a memo is cleared when it grows past this. */
const STEM_CACHE_LIMIT = 200_000;

const stemCaches = new Map<string, Map<string, string>>();
const stopwordSets = new Map<string, ReadonlySet<string>>();

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
  return languageStopwords('en', false);
}

// ── Tokenize ────────────────────────────────────────────────────────────────────────────────

/**
 * Splits text into word tokens the way neardup compares them: words of every script (Greek,
 * Arabic, Hebrew, Devanagari, Hangul…) by Unicode letter, mark and number classes, and
 * overlapping character trigrams for runs of Chinese, Japanese, Thai, Lao, Khmer and Burmese.
 *
 * English stemming (`stem: true`) and English stopwords work on the normalized, diacritic-folded
 * tokens, as always. Another language's stemmer or stopword list sees the words with their
 * accents (French `été`), and its output is folded afterwards when `foldDiacritics` is on.
 *
 * @param text - any string.
 * @param options - `stem`, `stopwords`, `normalize`, `foldDiacritics`.
 * @returns the tokens in text order (repeats kept).
 * @throws InvalidArgumentError if `text` is not a string or an option has the wrong type or an
 *   unknown language; MissingDependencyError if `stem` or `stopwords` is asked for without natural.
 *
 * @example
 * ```ts
 * tokenize('Japan’s defence ties'); // ['japan', 's', 'defence', 'ties']
 * tokenize('Japan’s defence ties', { stopwords: true, stem: true }); // ['japan', 'defenc', 'ti']
 * tokenize('Η κυβέρνηση ανακοίνωσε'); // ['η', 'κυβερνηση', 'ανακοινωσε']
 * tokenize('日本とEUが防衛協力'); // ['日本と', 'eu', 'が防衛', '防衛協', '衛協力']
 * tokenize('Les élections nationales', { stem: 'fr', stopwords: 'fr' }); // ['elect', 'national']
 * ```
 */
export function tokenize(text: string, options?: TokenizeOptions): string[] {
  assertString(text, 'text');
  assertOptions(options, 'options');
  const { stem: stemOption = false, stopwords = false, normalize: norm = true, foldDiacritics } = options ?? {};
  assertOptionalBoolean(norm, 'options.normalize');
  assertOptionalBoolean(foldDiacritics, 'options.foldDiacritics');
  const stem = stemLanguage(stemOption, 'options.stem');
  const stopLanguage = stopwordOption(stopwords);
  // Another language's stemmer and list expect accented words: fold after them, not before.
  const foreign = (stem !== false && stem !== 'en') || (typeof stopLanguage === 'string' && stopLanguage !== 'en');
  const fold = foldDiacritics !== false;
  const foldAfter = foreign && fold && norm;
  const stopSet = typeof stopLanguage === 'string' ? languageStopwords(stopLanguage, foreign) : stopLanguage;

  const source = norm ? normalize(text, { foldDiacritics: fold && !foreign }) : text;
  const tokens: string[] = [];
  forEachWord(source, (start, end) => tokens.push(source.slice(start, end)));
  if (stem === false && stopSet === undefined) return tokens;
  const out: string[] = [];
  for (const token of tokens) {
    if (stopSet?.has(token)) continue;
    if (stem !== false) out.push(stemToken(token, stem, foldAfter));
    else out.push(foldAfter ? normalize(token) : token);
  }
  return out;
}

/** Stem of one token in `language`, folded if asked, memoized. */
function stemToken(token: string, language: StemLanguage, fold: boolean): string {
  const key = fold ? `${language}+fold` : language;
  let cache = stemCaches.get(key);
  if (cache === undefined) stemCaches.set(key, (cache = new Map()));
  let stemmed = cache.get(token);
  if (stemmed === undefined) {
    if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
    stemmed = stemmer(language).stem(token);
    if (fold) stemmed = normalize(stemmed);
    cache.set(token, stemmed);
  }
  return stemmed;
}

/** natural's list for `language` as a set of normalized words (folded unless `accents`). */
function languageStopwords(language: StopwordLanguage, accents: boolean): ReadonlySet<string> {
  const key = accents ? `${language}+accents` : language;
  let set = stopwordSets.get(key);
  if (set === undefined) {
    const words = stopwordList(language);
    set = new Set(language === 'en' && !accents ? words : words.map((w) => normalize(w, { foldDiacritics: !accents })));
    stopwordSets.set(key, set);
  }
  return set;
}

function stopwordOption(value: unknown): StopwordLanguage | ReadonlySet<string> | undefined {
  if (typeof value === 'object' && value !== null && typeof (value as Set<unknown>).has === 'function') {
    return value as ReadonlySet<string>;
  }
  if (value === undefined || value === false || value === true || typeof value === 'string') {
    return stopwordLanguage(value, 'options.stopwords') || undefined;
  }
  throw new InvalidArgumentError(
    `options.stopwords must be true, false, a language code or a Set of lowercase words, got ${describe(value)}`,
  );
}
