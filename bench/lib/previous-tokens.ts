/**
 * The token path neardup signed with before issue 13 ("Every writing system"), frozen here as the
 * reference peer of the `scripts` section: its normalization (NFKC, every combining diacritic
 * folded) and its scanner (natural's WordTokenizer classes, [A-Za-z0-9_] and А-я). Timing it
 * beside today's `MinHasher.sign` in one run gives the English signing ratio new / previous.
 */
import { fmix32, TOKEN_HASH_START, tokenHashStep } from '../../src/sketch/hash.js';
import { HashBuffer, scanSimpleTokenHashes, scanTokenHashes } from '../../src/sketch/scan.js';
import { normalize } from '../../src/text/normalize.js';
import { wordShingles } from '../../src/sketch/shingle.js';
import type { MinHasher, Signature } from '../../src/index.js';

const PUNCTUATION: ReadonlyMap<string, string> = new Map([
  ...[...'\u2018\u2019\u201a\u201b\u2032\u2035\u2039\u203a\u00b4\u02bc'].map((c) => [c, "'"] as const),
  ['\u0149', "'n"],
  ...[...'\u201c\u201d\u201e\u201f\u2033\u2034\u2036\u2037\u2057\u00ab\u00bb\u301d\u301e\u301f'].map((c) => [c, '"'] as const),
  ...[...'\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u207b\u208b\u2e3a\u2e3b\ufe31\ufe32\ufe58\ufe63\uff0d'].map((c) => [c, '-'] as const),
  ...[...'\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff'].map((c) => [c, ''] as const),
]);
const PUNCTUATION_RE = new RegExp(`[${[...PUNCTUATION.keys()].join('')}]`, 'g');
const FOLD_LETTERS: ReadonlyMap<string, string> = new Map([
  ['ß', 'ss'], ['æ', 'ae'], ['œ', 'oe'], ['ø', 'o'], ['đ', 'd'], ['ð', 'd'], ['þ', 'th'], ['ł', 'l'], ['ı', 'i'], ['ħ', 'h'], ['ŧ', 't'],
]);
const FOLD_LETTERS_RE = /[ßæœøđðþłıħŧ]/g;
const MARKS_RE = /(?<![\u0418\u0438])\u0306|[\u0300-\u0305\u0307-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const LONE_SURROGATE_RE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const NON_ASCII_RE = /[^\x00-\x7f]/;
const SPACES_RE = /[\s\u0085]+/g;
const NEEDS_COLLAPSE_RE = /[^\S ]|\u0085| {2}|^ | $/;

/** The previous `normalize` (default options). */
export function previousNormalize(text: string): string {
  const collapse = (s: string): string => (NEEDS_COLLAPSE_RE.test(s) ? s.replace(SPACES_RE, ' ').trim() : s);
  if (!NON_ASCII_RE.test(text)) return collapse(text.toLowerCase());
  let s = text.replace(LONE_SURROGATE_RE, '\ufffd').replace(PUNCTUATION_RE, (c) => PUNCTUATION.get(c) ?? c);
  s = s.normalize('NFKC').toLowerCase().normalize('NFKD').replace(MARKS_RE, '');
  return collapse(s.replace(FOLD_LETTERS_RE, (c) => FOLD_LETTERS.get(c) ?? c).normalize('NFKC'));
}

function isPreviousWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 95 || (c >= 0x410 && c <= 0x44f);
}

/** The previous scanner: token hashes of normalized text, natural's WordTokenizer classes. */
export function previousScan(text: string, out: HashBuffer): void {
  let h = TOKEN_HASH_START;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isPreviousWordChar(c)) {
      h = tokenHashStep(h, c);
      inWord = true;
    } else if (inWord) {
      out.push(fmix32(h));
      h = TOKEN_HASH_START;
      inWord = false;
    }
  }
  if (inWord) out.push(fmix32(h));
}

const tokens = new HashBuffer(4096);
const shingleBuffer = new HashBuffer(4096);

/** The token hashes the previous path gave `text` (before the ASCII fast path: normalize + scan). */
export function previousFullPath(text: string, out: HashBuffer): void {
  previousScan(previousNormalize(text), out);
}

/** Today's full path: `normalize` and the code-point class scanner. */
export function currentFullPath(text: string, out: HashBuffer): void {
  scanTokenHashes(normalize(text), out);
}

/** Token hashes of `text` with `fallback` for text the (unchanged) ASCII fast path cannot take. */
export function tokenHashesWith(text: string, fallback: (text: string, out: HashBuffer) => void): Uint32Array {
  tokens.length = 0;
  if (scanSimpleTokenHashes(text, tokens) < 0) fallback(text, tokens);
  return tokens.data.subarray(0, tokens.length);
}

/**
 * `hasher.sign(text)` through `signShingles`, the tokens made by the fast path or `fallback`:
 * the same code around either token path (one shared call site, so the JIT treats both alike),
 * so that a timing ratio measures the token paths alone.
 */
export function signWith(hasher: MinHasher, text: string, fallback: (text: string, out: HashBuffer) => void): Signature {
  const t = tokenHashesWith(text, fallback);
  shingleBuffer.length = 0;
  const n = wordShingles(t, t.length, hasher.params.shingleSize, hasher.params.seed, shingleBuffer);
  return hasher.signShingles(shingleBuffer.data.subarray(0, n));
}
