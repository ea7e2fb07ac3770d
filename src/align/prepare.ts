/**
 * A text made ready for comparison once, so that comparing it with many others (the Detector
 * verifying candidates) does not re-normalize and re-shingle it each time.
 */
import { agenciesOf, findCredits, type Credit } from '../text/credits.js';
import { classifyParagraphs, type BoilerplateParagraph } from '../text/boilerplate.js';
import { normalize } from '../text/normalize.js';
import { splitParagraphs } from '../text/paragraphs.js';
import { checkParagraphs, type Limits } from './limits.js';
import type { AlignOptions } from './options.js';
import { repeatedUnits, type UnitRepeats } from './repeats.js';
import { shingleSet, textUnits, type TextUnit } from './units.js';

/** A text with its normalized form, shingles, units and internal repeats, computed lazily. */
export interface PreparedText {
  readonly text: string;
  readonly norm: string;
  /** Distinct word-shingle hashes of the whole normalized text, boilerplate paragraphs left out. */
  readonly shingles: Uint32Array;
  /** Every wire credit of the text (text and photo credits). */
  readonly creditList: readonly Credit[];
  /** Agencies the text credits for its words (photo credits left out). */
  readonly credits: readonly string[];
  /** Its boilerplate paragraphs, kept out of the shingles and of alignment. */
  readonly boilerplate: readonly BoilerplateParagraph[];
  readonly publishedAt: number | undefined;
  /** True if some paragraph is too long to be one unit. */
  readonly longParagraphs: boolean;
  /** Units (paragraphs or sentences) and which of them repeat earlier ones. */
  units(sentences: boolean): { units: readonly TextUnit[]; repeats: UnitRepeats };
}

/**
 * Prepares `text` for `comparePrepared`. Its shingles leave out boilerplate paragraphs, so that
 * a shared footer or "Read more:" line links no two articles. With `limits`, more paragraphs than
 * `limits.maxParagraphs` throw `LimitExceededError` before any further work.
 */
export function prepareText(text: string, options: AlignOptions, publishedAt?: number, limits?: Required<Limits>): PreparedText {
  const paragraphs = splitParagraphs(text);
  if (limits) checkParagraphs(paragraphs.length, limits);
  const norm = normalize(text);
  const boilerplate: BoilerplateParagraph[] = [];
  const isBoilerplate = new Uint8Array(paragraphs.length);
  const kinds = classifyParagraphs(paragraphs);
  for (const p of paragraphs) {
    const kind = kinds[p.index];
    if (kind === undefined) continue;
    isBoilerplate[p.index] = 1;
    boilerplate.push({ kind, paragraph: p.index, start: p.start, end: p.end });
  }
  const clean =
    boilerplate.length === 0 ? norm : normalize(paragraphs.filter((p) => isBoilerplate[p.index] === 0).map((p) => p.text).join('\n'));
  const { shingles } = shingleSet(clean, options.shingleSize);
  const longParagraphs = paragraphs.some((p) => p.end - p.start > options.maxParagraphChars);
  const cache: ({ units: TextUnit[]; repeats: UnitRepeats } | undefined)[] = [undefined, undefined];
  let creditList: readonly Credit[] | undefined;
  let credits: readonly string[] | undefined;
  return {
    text,
    norm,
    shingles,
    get creditList() {
      return (creditList ??= findCredits(text));
    },
    get credits() {
      return (credits ??= agenciesOf(this.creditList));
    },
    boilerplate,
    publishedAt,
    longParagraphs,
    units(sentences: boolean) {
      const slot = sentences ? 1 : 0;
      let entry = cache[slot];
      if (!entry) {
        const units = textUnits(text, { shingleSize: options.shingleSize, sentences }, paragraphs, (p) => isBoilerplate[p.index] === 1);
        const repeats = repeatedUnits(units, options.repeatSimilarity, options.repeatMinWords, options.maxEditChars);
        cache[slot] = entry = { units, repeats };
      }
      return entry;
    },
  };
}
