/**
 * Normalization for comparison: Unicode NFKC (UAX #15), typographic quotes and dashes to ASCII,
 * format characters removed, lowercase, diacritics of Latin, Greek and Cyrillic letters folded
 * (the marks of other scripts are kept: they spell the word), whitespace collapsed.
 */
import { assertOptionalBoolean, assertOptions, assertString } from '../validate.js';
import { bmpClasses, SEPARATOR } from './scripts.js';

/** Options of {@link normalize}. */
export interface NormalizeOptions {
  /**
   * Fold the diacritics of Latin, Greek and Cyrillic letters (`café` → `cafe`, `straße` →
   * `strasse`, `ё` → `е`, `ά` → `α`), so that accented and unaccented spellings of a name match.
   * Default `true`. `й` is kept as it is (a letter of its own in Russian), and so are the marks of
   * every other script (Devanagari and Thai vowel signs, Arabic harakat, Hebrew points…).
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
  // zero-width and format characters, soft hyphen, BOM, variation selectors, Arabic tatweel
  // (a stretching stroke inside a word: كتـــاب is كتاب) → removed
  ...[...'\ufe00\ufe01\ufe02\ufe03\ufe04\ufe05\ufe06\ufe07\ufe08\ufe09\ufe0a\ufe0b\ufe0c\ufe0d\ufe0e\ufe0f\u0640'].map((c) => [c, ''] as const),
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

/**
 * Combining diacritical marks (all five blocks) on a Latin, Greek or Cyrillic letter (after
 * NFKD, possibly behind other marks); the breve of `й`/`Й` is kept. Marks on the letters of
 * other scripts are never removed: a Devanagari or Thai vowel sign, an Arabic haraka or a Hebrew
 * point is part of the spelling, and those blocks are not even these marks' own.
 */
const MARKS_RE = /(?<=[\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}]\p{M}*)(?:(?<![\u0418\u0438])\u0306|[\u0300-\u0305\u0307-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])/gu;

const TATWEEL_RE = /\u0640/g;
const HEBREW_RE = /[\u0590-\u05ff]/;

/**
 * Characters folding can change: Latin, Greek and Cyrillic letters with a decomposition or in
 * FOLD_LETTERS, and the combining marks folding removes. Text without any (Chinese, Korean,
 * Hindi…) skips the NFKD/NFKC round trip.
 */
const FOLDABLE_RE = /[\u00c0-\u052f\u1ab0-\u1aff\u1dc0-\u1fff\u20d0-\u20ff\ufe20-\ufe2f]/;

/** Ideographic variation selectors (astral; the BMP ones are in PUNCTUATION): glyph choices. */
const VARIATION_SUPPLEMENT_RE = /[\u{e0100}-\u{e01ef}]/gu;

/**
 * An ASCII `"` or `'` between two Hebrew letters is the gershayim or geresh of an abbreviation
 * (צה"ל is צה״ל): the Hebrew marks, which stay inside the word.
 */
const HEBREW_ABBREVIATION_RE = /(?<=\p{sc=Hebr})["'](?=\p{sc=Hebr})/gu;

/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE_RE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NON_ASCII_RE = /[^\x00-\x7f]/;
/**
 * Whitespace runs that collapsing changes: two or more characters, or one that is not a plain
 * space. A lone space between words (most of them) is left alone instead of being replaced by
 * itself, which made collapsing a long text 10–20× slower.
 */
const SPACES_RE = /[\s\u0085]{2,}|[^\S ]|\u0085/g;

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
  if (s.includes('\udb40')) s = s.replace(VARIATION_SUPPLEMENT_RE, '');
  if (HEBREW_RE.test(s)) s = s.replace(HEBREW_ABBREVIATION_RE, (c) => (c === '"' ? '\u05f4' : '\u05f3'));
  s = s.normalize('NFKC').toLowerCase();
  // NFKC makes a tatweel of the Arabic presentation forms (ﹱ is ـً): remove it and settle again
  if (s.includes('\u0640')) s = s.replace(TATWEEL_RE, '').normalize('NFKC');
  if (fold !== false && FOLDABLE_RE.test(s)) {
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
 * True for the BMP code units that can be part of a token: letters, marks, numbers and `_` of
 * every script (see scripts.ts; a surrogate is false here, the scanner reads pairs whole).
 *
 * @example
 * ```ts
 * isWordCharCode('a'.charCodeAt(0)); // true
 * isWordCharCode('क'.charCodeAt(0)); // true
 * isWordCharCode('-'.charCodeAt(0)); // false
 * ```
 */
export function isWordCharCode(c: number): boolean {
  return c >= 0 && c < 0x10000 && bmpClasses()[c] !== SEPARATOR;
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
