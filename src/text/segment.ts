/**
 * Tokens of a run of text in a script written without spaces (Chinese, Japanese, Thai, Lao,
 * Khmer, Burmese): overlapping character n-grams (a character is a letter with its combining
 * marks), as in CJK n-gram indexing (e.g. Lucene's CJKBigramFilter), so that word 3-shingles
 * over trigram tokens are character 5-grams; or dictionary words from `Intl.Segmenter` (ICU's
 * word break). The bench (section `scripts`) measures each; README, "Writing systems", gives why
 * neardup uses trigrams.
 */
import { bmpClasses, codePointClass, DENSE, DENSE_MARK, isPair } from './scripts.js';

/** How a run of a script without spaces is cut: overlapping character n-grams of this size, or ICU words. */
export type DenseTokens = 1 | 2 | 3 | 'words';

/** What neardup uses: character trigrams (README, "Writing systems", gives the figures). */
export const DENSE_TOKENS: DenseTokens = 3;

let segmenter: Intl.Segmenter | undefined;

/**
 * Calls `emit(start, end)` for each token of the dense run `text[from, to)`: every window of n
 * characters, or the whole run when it has fewer.
 */
export function forEachDenseToken(
  text: string,
  from: number,
  to: number,
  emit: (start: number, end: number) => void,
  mode: DenseTokens = DENSE_TOKENS,
): void {
  if (mode === 'words') {
    // A pinned locale: the default one would make tokens depend on the machine.
    segmenter ??= new Intl.Segmenter('und', { granularity: 'word' });
    for (const s of segmenter.segment(text.slice(from, to))) emit(from + s.index, from + s.index + s.segment.length);
    return;
  }
  // starts of the last two characters, for windows of up to three
  let before2 = from;
  let before1 = from;
  let count = 0;
  let i = from;
  while (i < to) {
    const start = i;
    i = afterCodePoint(text, i, to);
    while (i < to && classAt(text, i, to) === DENSE_MARK) i = afterCodePoint(text, i, to);
    count++;
    if (count >= mode) emit(mode === 1 ? start : mode === 2 ? before1 : before2, i);
    before2 = before1;
    before1 = start;
  }
  if (count > 0 && count < mode) emit(from, to);
}

/** End of the run of dense characters (DENSE or DENSE_MARK) that starts at `from`. */
export function denseRunEnd(text: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const k = classAt(text, i, to);
    if (k !== DENSE && k !== DENSE_MARK) break;
    i = afterCodePoint(text, i, to);
  }
  return i;
}

/** Class of the code point at `i` (a surrogate pair read whole). */
export function classAt(text: string, i: number, to: number): number {
  const c = text.charCodeAt(i);
  if (!isPair(text, i, to)) return bmpClasses()[c]!;
  return codePointClass(0x10000 + ((c - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00));
}

function afterCodePoint(text: string, i: number, to: number): number {
  return isPair(text, i, to) ? i + 2 : i + 1;
}
