/**
 * Character classes for word tokens in every script, as a code-point lookup table: word
 * characters are Unicode letters, marks, numbers and connector punctuation (the word characters
 * of UTS #18, Unicode Regular Expressions, Annex C), split by whether their script separates
 * words with spaces. Built once, lazily, from the engine's Unicode property tables.
 */

// ── Classes ─────────────────────────────────────────────────────────────────────────────────

/** Not part of a word: spaces, punctuation, symbols, emoji. */
export const SEPARATOR = 0;
/** A letter, mark, number or connector (`_`) of a script that puts spaces between words. */
export const WORD = 1;
/**
 * A letter or number of a script written without spaces between words (Han, Hiragana,
 * Katakana, Bopomofo, Thai, Lao, Khmer, Myanmar): its runs are segmented (see segment.ts).
 */
export const DENSE = 2;
/** A combining mark of such a script (a Thai vowel sign): it belongs to the letter before it. */
export const DENSE_MARK = 3;

/** Word characters: UTS #18 `\w` (Alphabetic, Mark, Decimal_Number, Connector_Punctuation) widened to every number. */
const WORD_RE = /[\p{L}\p{M}\p{N}\p{Pc}]/u;
/**
 * Exceptions to WORD_RE: marks that decorate symbols or choose a glyph, not letters (combining
 * marks for symbols such as the keycap U+20E3, and variation selectors), so that an emoji-only
 * text has no words.
 */
const NOT_WORD_RE = /[\u20d0-\u20ff\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/u;
/**
 * Hebrew geresh and gershayim, written inside abbreviations (צה״ל, ח״כ): part of the word.
 * (`normalize` turns an ASCII `"` or `'` between two Hebrew letters into them.)
 */
const WORD_PUNCTUATION = [0x05f3, 0x05f4];
/** Scripts written without spaces between words (by Script_Extensions, so `ー` and `々` count). */
const DENSE_RE = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Bopomofo}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]/u;
const MARK_RE = /\p{M}/u;

/** Planes 2 and 3 hold CJK ideographs (Extensions B–I), classified one by one when first met. */
const IDEOGRAPH_PLANES_START = 0x20000;
const IDEOGRAPH_PLANES_END = 0x40000;

// ── Table ───────────────────────────────────────────────────────────────────────────────────

let bmp: Uint8Array | undefined;
let plane1: Uint8Array | undefined;
/** Class + 1 of each code point of planes 2–3 met so far (0: not yet classified). */
let planes23: Uint8Array | undefined;

function classify(cp: number): number {
  const c = String.fromCodePoint(cp);
  if (!WORD_RE.test(c) || NOT_WORD_RE.test(c)) return SEPARATOR;
  if (!DENSE_RE.test(c)) return WORD;
  return MARK_RE.test(c) ? DENSE_MARK : DENSE;
}

function buildPlane(base: number): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let i = base === 0 ? 0x80 : 0; i < 0x10000; i++) {
    const cp = base + i;
    if (cp >= 0xd800 && cp < 0xe000) continue;
    table[i] = classify(cp);
  }
  if (base === 0) {
    for (let c = 0; c < 0x80; c++) table[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 ? WORD : SEPARATOR;
    for (const c of WORD_PUNCTUATION) table[c] = WORD;
  }
  return table;
}

/**
 * The class of every BMP code unit (surrogates are SEPARATOR here: see {@link codePointClass}).
 * Built on first use (≈ 15 ms) and shared.
 * @internal
 */
export function bmpClasses(): Uint8Array {
  return (bmp ??= buildPlane(0));
}

/**
 * The class (SEPARATOR, WORD, DENSE or DENSE_MARK) of any code point.
 *
 * @example
 * ```ts
 * codePointClass(0x3b1); // WORD (Greek α)
 * codePointClass(0x65e5); // DENSE (日)
 * ```
 */
export function codePointClass(cp: number): number {
  if (cp < 0x10000) return bmpClasses()[cp]!;
  if (cp < IDEOGRAPH_PLANES_START) return (plane1 ??= buildPlane(0x10000))[cp - 0x10000]!;
  if (cp >= IDEOGRAPH_PLANES_END) return SEPARATOR;
  const table = (planes23 ??= new Uint8Array(IDEOGRAPH_PLANES_END - IDEOGRAPH_PLANES_START));
  const i = cp - IDEOGRAPH_PLANES_START;
  if (table[i] === 0) table[i] = classify(cp) + 1;
  return table[i]! - 1;
}

/**
 * True if `text[i]` and `text[i + 1]` (both before `to`) are a surrogate pair.
 * @internal
 */
export function isPair(text: string, i: number, to: number): boolean {
  return (text.charCodeAt(i) & 0xfc00) === 0xd800 && i + 1 < to && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
}
