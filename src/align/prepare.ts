/**
 * A text made ready for comparison once, so that comparing it with many others (the Detector
 * verifying candidates) does not re-normalize and re-shingle it each time.
 */
import { creditedAgencies } from '../text/credits.js';
import { boilerplateKind } from '../text/boilerplate.js';
import { normalize } from '../text/normalize.js';
import { splitParagraphs } from '../text/paragraphs.js';
import type { AlignOptions } from './options.js';
import { repeatedUnits, type UnitRepeats } from './repeats.js';
import { needsSentences, shingleSet, textUnits, type TextUnit } from './units.js';

/** A text with its normalized form, shingles, units and internal repeats, computed lazily. */
export interface PreparedText {
  readonly text: string;
  readonly norm: string;
  /** Distinct word-shingle hashes of the whole normalized text, boilerplate paragraphs left out. */
  readonly shingles: Uint32Array;
  /** Agencies the text credits for its words. */
  readonly credits: readonly string[];
  readonly publishedAt: number | undefined;
  /** True if some paragraph is too long to be one unit. */
  readonly longParagraphs: boolean;
  /** Units (paragraphs or sentences) and which of them repeat earlier ones. */
  units(sentences: boolean): { units: readonly TextUnit[]; repeats: UnitRepeats };
}

/**
 * Prepares `text` for `comparePrepared`. Its shingles leave out boilerplate paragraphs, so that
 * a shared footer or "Read more:" line links no two articles.
 */
export function prepareText(text: string, options: AlignOptions, publishedAt?: number): PreparedText {
  const norm = normalize(text);
  const paragraphs = splitParagraphs(text);
  const content = paragraphs.filter((p) => boilerplateKind(p.text) === undefined);
  const clean = content.length === paragraphs.length ? norm : normalize(content.map((p) => p.text).join('\n'));
  const { shingles } = shingleSet(clean, options.shingleSize);
  const cache: ({ units: TextUnit[]; repeats: UnitRepeats } | undefined)[] = [undefined, undefined];
  let credits: readonly string[] | undefined;
  let longParagraphs: boolean | undefined;
  return {
    text,
    norm,
    shingles,
    get credits() {
      return (credits ??= creditedAgencies(text));
    },
    publishedAt,
    get longParagraphs() {
      return (longParagraphs ??= needsSentences(text, options.maxParagraphChars));
    },
    units(sentences: boolean) {
      const slot = sentences ? 1 : 0;
      let entry = cache[slot];
      if (!entry) {
        const units = textUnits(text, { shingleSize: options.shingleSize, sentences });
        const repeats = repeatedUnits(units, options.repeatSimilarity, options.repeatMinWords, options.maxEditChars);
        cache[slot] = entry = { units, repeats };
      }
      return entry;
    },
  };
}
