/**
 * Word boundaries in any script: a word is a maximal run of word characters (Unicode letters,
 * marks, numbers, `_`: UTS #18 `\w`, see scripts.ts); a run of a script written without spaces
 * is cut by segment.ts instead. The zero-allocation scanner (sketch/scan.ts) follows the same rules.
 */
import { classAt, denseRunEnd, forEachDenseToken, type DenseTokens } from './segment.js';
import { isPair, SEPARATOR, WORD } from './scripts.js';

/**
 * Calls `emit(start, end)` for each word of (normalized) `text[from, to)`, in order.
 * @internal
 */
export function forEachWord(
  text: string,
  emit: (start: number, end: number) => void,
  from = 0,
  to = text.length,
  dense?: DenseTokens,
): void {
  let start = -1;
  let i = from;
  while (i < to) {
    const k = classAt(text, i, to);
    if (k === WORD) {
      if (start < 0) start = i;
      i += isPair(text, i, to) ? 2 : 1;
      continue;
    }
    if (start >= 0) {
      emit(start, i);
      start = -1;
    }
    if (k === SEPARATOR) {
      i += isPair(text, i, to) ? 2 : 1;
      continue;
    }
    const end = denseRunEnd(text, i, to);
    forEachDenseToken(text, i, end, emit, dense);
    i = end;
  }
  if (start >= 0) emit(start, to);
}
