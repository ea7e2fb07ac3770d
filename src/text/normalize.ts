/**
 * Normalization for comparison: Unicode NFKC (UAX #15), typographic quotes and dashes to ASCII,
 * format characters removed, lowercase, diacritics folded, whitespace collapsed.
 */
import { assertOptionalBoolean, assertOptions, assertString } from '../validate.js';

/** Options of {@link normalize}. */
export interface NormalizeOptions {
  /**
   * Fold diacritics (`café` → `cafe`, `straße` → `strasse`, `ё` → `е`). Default `true`:
   * natural's WordTokenizer keeps only `[A-Za-z0-9_]` and `А-Яа-я`, so without folding `café`
   * would become the token `caf`. `й` is kept as it is (it is a letter of its own in Russian).
   */
  readonly foldDiacritics?: boolean;
}

// ── Constants ───────────────────────────────────────────────────────────────────────────────

/**
 * Characters rewritten before NFKC. Mapping before NFKC matters for primes (NFKC turns `″`
 * into two `′`) and for the few compatibility characters that NFKC would turn into a dash.
 * The empty string removes the character.
 */
const PUNCTUATION: ReadonlyMap<string, string> = new Map([
  // single quotes, apostrophes, primes → '
  ...[...'\u2018\u2019\u201a\u201b\u2032\u2035\u2039\u203a\u00b4\u02bc'].map((c) => [c, "'"] as const),
  ['\u0149', "'n"], // ŉ, which NFKC would turn into ʼn
  // double quotes, double/triple primes, guillemets → "
  ...[...'\u201c\u201d\u201e\u201f\u2033\u2034\u2036\u2037\u2057\u00ab\u00bb\u301d\u301e\u301f'].map(
    (c) => [c, '"'] as const,
  ),
  // hyphens, dashes, minus signs → -
  ...[...'\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u207b\u208b\u2e3a\u2e3b\ufe31\ufe32\ufe58\ufe63\uff0d'].map(
    (c) => [c, '-'] as const,
  ),
  // zero-width and format characters, soft hyphen, BOM → removed
  ...[...'\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff'].map(
    (c) => [c, ''] as const,
  ),
]);

const PUNCTUATION_RE = new RegExp(`[${[...PUNCTUATION.keys()].join('')}]`, 'g');

/** Letters with no Unicode decomposition that folding still maps to ASCII. */
const FOLD_LETTERS: ReadonlyMap<string, string> = new Map([
  ['ß', 'ss'], ['æ', 'ae'], ['œ', 'oe'], ['ø', 'o'], ['đ', 'd'], ['ð', 'd'],
  ['þ', 'th'], ['ł', 'l'], ['ı', 'i'], ['ħ', 'h'], ['ŧ', 't'],
]);

const FOLD_LETTERS_RE = /[ßæœøđðþłıħŧ]/g;

/** Combining diacritical marks (all five blocks); the breve of `й`/`Й` is kept. */
const MARKS_RE = /(?<![\u0418\u0438])\u0306|[\u0300-\u0305\u0307-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE_RE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NON_ASCII_RE = /[^\x00-\x7f]/;
const SPACES_RE = /[\s\u0085]+/g;

// ── Normalize ───────────────────────────────────────────────────────────────────────────────

/**
 * Normalizes text for comparison: lone surrogates → U+FFFD; curly quotes, primes and guillemets
 * → `'` / `"`; every dash and minus → `-`; zero-width/format characters and soft hyphens removed;
 * NFKC (full-width letters, ligatures); lowercase; diacritics folded (unless disabled); every run
 * of whitespace (including NBSP and line breaks) → one space; trimmed. Pure-ASCII input takes a
 * fast path with the same result.
 *
 * @param text - any string (lone surrogates are allowed).
 * @param options - `foldDiacritics` (default `true`).
 * @returns the normalized string.
 * @throws InvalidArgumentError if `text` is not a string or an option has the wrong type.
 *
 * @example
 * ```ts
 * normalize('Japan’s  “Naval”\u00a0Café — ﬁne'); // `japan's "naval" cafe - fine`
 * ```
 */
export function normalize(text: string, options?: NormalizeOptions): string {
  assertString(text, 'text');
  assertOptions(options, 'options');
  const fold = options?.foldDiacritics;
  assertOptionalBoolean(fold, 'options.foldDiacritics');

  if (!NON_ASCII_RE.test(text)) return collapse(text.toLowerCase());

  let s = text.replace(LONE_SURROGATE_RE, '\ufffd');
  s = s.replace(PUNCTUATION_RE, (c) => PUNCTUATION.get(c) ?? c);
  s = s.normalize('NFKC').toLowerCase();
  if (fold !== false) {
    s = s.normalize('NFKD').replace(MARKS_RE, '');
    s = s.replace(FOLD_LETTERS_RE, (c) => FOLD_LETTERS.get(c) ?? c).normalize('NFKC');
  }
  return collapse(s);
}

/** Whitespace other than single spaces between words: only then does collapsing change anything. */
const NEEDS_COLLAPSE_RE = /[^\S ]|\u0085| {2}|^ | $/;

function collapse(s: string): string {
  return NEEDS_COLLAPSE_RE.test(s) ? s.replace(SPACES_RE, ' ').trim() : s;
}

// ── Word characters ─────────────────────────────────────────────────────────────────────────

/**
 * True exactly for the UTF-16 code units natural's WordTokenizer keeps inside a word — its
 * pattern splits on `/[^A-Za-zА-Яа-я0-9_]+/` — i.e. `[A-Za-z0-9_]` and U+0410–U+044F.
 *
 * @example
 * ```ts
 * isWordCharCode('a'.charCodeAt(0)); // true
 * isWordCharCode('é'.charCodeAt(0)); // false (normalize folds it to 'e' first)
 * ```
 */
export function isWordCharCode(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || // a-z
    (c >= 48 && c <= 57) || // 0-9
    (c >= 65 && c <= 90) || // A-Z
    c === 95 || // _
    (c >= 0x410 && c <= 0x44f) // А-Я а-я
  );
}

/**
 * True for whitespace as JavaScript's `\s` sees it, plus U+0085 and the zero-width space, joiners
 * and word joiner (U+200B–U+200D, U+2060), which {@link normalize} removes.
 * @internal
 */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return c === 0x85;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200d) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2060 ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
