/**
 * The content floor: an article with fewer distinct content words than a floor (a placeholder
 * body such as "******Blah blah blah.", a bare "******", a headline alone) says too little to be
 * called a copy or a rewrite of anything; it may only be an exact duplicate of an identical text.
 * Content words are distinct tokens of two or more characters holding a letter, outside
 * boilerplate paragraphs, minus a short list of English function words.
 */
import type { PreparedText } from '../align/prepare.js';

/** Function words that never count as content. */
const FUNCTION_WORDS = new Set(
  (
    'an the of in on at to for and or but nor with by from as is are was were be been being it its this that these those ' +
    'he she they we you his her their our your them him us me my not no so if than then there here which who whom whose what ' +
    'when where while after before over under into onto about up down out off said says say also has have had will would could ' +
    'should may might must can do does did vs per via'
  ).split(' '),
);

const WORD = /[\p{L}\p{N}_]+/gu;
const LETTER = /\p{L}/u;

/**
 * Distinct content words of `norm` (normalized text) added to `seen`, stopping once `seen`
 * holds `stopAt` words. Returns `seen.size`.
 */
function collectContentWords(norm: string, seen: Set<string>, stopAt: number): number {
  for (const m of norm.matchAll(WORD)) {
    const w = m[0];
    if (w.length < 2 || FUNCTION_WORDS.has(w) || seen.has(w) || !LETTER.test(w)) continue;
    seen.add(w);
    if (seen.size >= stopAt) break;
  }
  return seen.size;
}

/** Memo per prepared text: the count, exact when below the `stopAt` it was counted to. */
const counted = new WeakMap<PreparedText, { words: number; stopAt: number }>();

/**
 * Distinct content words of a prepared text outside its boilerplate paragraphs, counted up to
 * `stopAt` (enough to tell whether it clears a floor); memoized per prepared text.
 *
 * @example
 * ```ts
 * contentWords(prepareText('******Blah blah blah.', DEFAULT_ALIGN_OPTIONS)); // 1
 * ```
 */
export function contentWords(prepared: PreparedText, stopAt = Infinity): number {
  const known = counted.get(prepared);
  if (known && (known.words < known.stopAt || known.stopAt >= stopAt)) return Math.min(known.words, stopAt);
  const seen = new Set<string>();
  for (const u of prepared.units(false).units) {
    if (u.boilerplate) continue;
    if (collectContentWords(u.norm, seen, stopAt) >= stopAt) break;
  }
  counted.set(prepared, { words: seen.size, stopAt });
  return seen.size;
}

/** Whether a prepared text is below the content floor of `minWords` content words. */
export function isBelowFloor(prepared: PreparedText, minWords: number): boolean {
  return contentWords(prepared, minWords) < minWords;
}
