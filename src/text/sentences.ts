/**
 * Sentences with offsets: a linear rule-based splitter (. ! ? … then whitespace and a capital,
 * digit, quote or uncased letter; the full stops and question marks of other scripts — 。！？
 * । ॥ ؟ ۔ ። ፧ ։ ។ ။ — always) that knows English abbreviations, initials and decimals.
 */
import { assertInteger, assertString } from '../validate.js';
import { isSpaceCode as isSpace } from './normalize.js';

/** A span of a text; `text === source.slice(start - offset, end - offset)`. */
export interface Span {
  /** Offset of the first non-whitespace character (plus the `offset` argument). */
  readonly start: number;
  /** Offset just after the last character (plus the `offset` argument). */
  readonly end: number;
  /** The original slice. */
  readonly text: string;
}

// ── Constants ───────────────────────────────────────────────────────────────────────────────

/** Abbreviations that never end a sentence: titles before names, and Latin shorthands. */
const STRONG_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'sen', 'rep', 'gov', 'lt', 'col', 'sgt', 'capt', 'cmdr',
  'adm', 'maj', 'rev', 'hon', 'pres', 'messrs', 'mt', 'ft', 'vs', 'cf', 'fig', 'vol', 'pp',
  'approx', 'e.g', 'i.e', 'viz', 'ca',
]);

/** Abbreviations that end a sentence only when a typical sentence opener follows. */
const WEAK_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'inc', 'corp', 'co', 'ltd', 'plc', 'llc', 'bros', 'jr', 'sr', 'st', 'no', 'nos', 'dept', 'ave',
  'blvd', 'rd', 'etc', 'al', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct',
  'nov', 'dec', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun',
]);

/** Words that usually open an English sentence; after a weak abbreviation they mean a split. */
const SENTENCE_OPENERS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'this', 'that', 'these', 'those',
  'there', 'his', 'her', 'its', 'their', 'our', 'my', 'but', 'and', 'or', 'so', 'yet', 'however',
  'meanwhile', 'in', 'on', 'at', 'for', 'from', 'with', 'after', 'before', 'when', 'while', 'if',
  'as', 'by', 'also', 'then', 'some', 'many', 'most', 'both', 'each', 'what', 'why', 'how', 'where',
  'who', 'which', 'other', 'such', 'one', 'last', 'earlier', 'later', 'analysts', 'officials',
]);

/**
 * How an abbreviation before a period affects a split: `'strong'` never ends a sentence ("Mr.",
 * "e.g.", an initial like "F."); `'weak'` ends one only before a typical opener ("Inc.", "U.S.",
 * "Jan."); `'none'` is no abbreviation.
 */
export type Abbreviation = 'none' | 'weak' | 'strong';

const UPPER_RE = /\p{Lu}/u;
const UNCASED_LETTER_RE = /\p{Lo}/u;

// ── Split ───────────────────────────────────────────────────────────────────────────────────

/**
 * Splits text into sentences. A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes
 * or brackets after it) followed by whitespace and then a capital, a digit, an opening quote or
 * bracket, or a letter of a script without case; or at a sentence mark of another script, which
 * needs nothing after it: `。！？｡` (CJK), `।` `॥` (Devanagari danda), `؟` (Arabic), `۔` (Urdu),
 * `።` `፧` (Ethiopic), `։` (Armenian), `;` (Greek question mark U+037E), `។` `៕` (Khmer),
 * `။` (Myanmar). A period after
 * a known abbreviation, a dotted initialism (`U.S.`) or an initial does not end a sentence,
 * except that `Inc.`, `U.S.`, `Jan.` and the like do before words such as "The" or "He".
 * Decimals (`5.93`) never split: no whitespace follows their period.
 *
 * @param text - a paragraph or a whole text.
 * @param offset - added to every `start` and `end` (pass a paragraph's `start`). Default 0.
 * @returns the sentences in order, whitespace-only ones dropped.
 * @throws InvalidArgumentError if `text` is not a string or `offset` not an integer ≥ 0.
 *
 * @example
 * ```ts
 * splitSentences('Mr. Abe met U.S. officials. Shares rose 5.93 pct.').map((s) => s.text);
 * // ['Mr. Abe met U.S. officials.', 'Shares rose 5.93 pct.']
 * ```
 */
export function splitSentences(text: string, offset = 0): Span[] {
  assertString(text, 'text');
  assertInteger(offset, 'offset', 0);
  const out: Span[] = [];
  const n = text.length;
  let start = skipSpaces(text, 0);
  let i = start;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isTerminal(c) && !isScriptTerminal(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && (isTerminal(text.charCodeAt(j)) || isScriptTerminal(text.charCodeAt(j)))) j++;
    while (j < n && isCloser(text.charCodeAt(j))) j++;
    const next = skipSpaces(text, j);
    if (next === n || (isScriptTerminal(c) ? true : j < next && isSentenceBoundary(text, i, j, next))) {
      out.push(span(text, start, j, offset));
      start = next;
    }
    i = Math.max(j, i + 1);
  }
  if (start < n) out.push(span(text, start, trimEnd(text, start, n), offset));
  return out;
}

/** True if the terminal run text[i, j) followed by whitespace then text[next] ends a sentence. */
function isSentenceBoundary(text: string, i: number, j: number, next: number): boolean {
  const c = text.charCodeAt(next);
  const opens = isUpper(c) || (c >= 48 && c <= 57) || isOpener(c) || isUncasedLetter(c);
  if (!opens) return false;
  // a single period (not "..", "?!") may belong to an abbreviation
  let terminalEnd = i + 1;
  while (terminalEnd < j && isTerminal(text.charCodeAt(terminalEnd))) terminalEnd++;
  if (text.charCodeAt(i) !== 46 || terminalEnd !== i + 1) return true;
  const abbreviation = abbreviationBefore(text, i);
  if (abbreviation === 'none') return true;
  if (abbreviation === 'strong') return false;
  let end = next;
  while (end < text.length && isAsciiLetter(text.charCodeAt(end))) end++;
  return SENTENCE_OPENERS.has(text.slice(next, end).toLowerCase());
}

/**
 * Classifies the word before the period at `dot`: a known abbreviation, a dotted initialism
 * (`U.S`, `a.m`: weak), a single capital initial (strong), or none.
 * @internal
 */
export function abbreviationBefore(text: string, dot: number): Abbreviation {
  let from = dot;
  while (from > 0 && dot - from < 20) {
    const c = text.charCodeAt(from - 1);
    if (!isAsciiLetter(c) && c !== 46) break;
    from--;
  }
  if (from === dot) return 'none';
  if (from > 0 && isWordJoiner(text.charCodeAt(from - 1))) return 'none'; // "e-mail." etc.
  const word = text.slice(from, dot).toLowerCase();
  if (STRONG_ABBREVIATIONS.has(word)) return 'strong';
  if (WEAK_ABBREVIATIONS.has(word)) return 'weak';
  if (word.length === 1) return isUpper(text.charCodeAt(from)) ? 'strong' : 'none';
  if (word.includes('.') && /^(?:[a-z]{1,2}\.)+[a-z]{1,2}$/.test(word)) return 'weak';
  return 'none';
}

// ── Characters ──────────────────────────────────────────────────────────────────────────────

function span(text: string, start: number, end: number, offset: number): Span {
  return { start: start + offset, end: end + offset, text: text.slice(start, end) };
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return end;
}

function isTerminal(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 0x2026;
}

/**
 * True for a full stop or question/exclamation mark of a script other than Latin that always ends
 * a sentence (see {@link splitSentences}).
 * @internal
 */
export function isScriptTerminal(c: number): boolean {
  if (c < 0x37e) return false;
  return c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff61 // 。！？｡
    || c === 0x964 || c === 0x965 // । ॥
    || c === 0x61f || c === 0x6d4 // ؟ ۔
    || c === 0x1362 || c === 0x1367 // ። ፧
    || c === 0x589 || c === 0x37e // ։ ;
    || c === 0x17d4 || c === 0x17d5 // ។ ៕
    || c === 0x104b; // ။
}

/** Closing quotes and brackets that may follow a terminal: " ' ) ] ’ ” » 」 』 */
function isCloser(c: number): boolean {
  return c === 34 || c === 39 || c === 41 || c === 93 || c === 0x2019 || c === 0x201d || c === 0xbb
    || c === 0x300d || c === 0x300f;
}

/** Opening quotes and brackets that may start a sentence: " ' ( [ ‘ “ « ¿ ¡ 「 『 */
function isOpener(c: number): boolean {
  return c === 34 || c === 39 || c === 40 || c === 91 || c === 0x2018 || c === 0x201c || c === 0xab
    || c === 0xbf || c === 0xa1 || c === 0x300c || c === 0x300e;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isWordJoiner(c: number): boolean {
  return c === 45 || c === 95 || c === 47 || (c >= 48 && c <= 57);
}

function isUpper(c: number): boolean {
  if (c < 128) return c >= 65 && c <= 90;
  return c < 0xd800 && UPPER_RE.test(String.fromCharCode(c));
}

/** A letter of a script without case; Georgian Mkhedruli counts (Unicode calls it lowercase, but Georgian prose has no capitals). */
function isUncasedLetter(c: number): boolean {
  if (c >= 0x10d0 && c <= 0x10ff) return true;
  return c >= 0x80 && (c < 0xd800 || c >= 0xe000) && UNCASED_LETTER_RE.test(String.fromCharCode(c));
}
