/**
 * The units two texts are aligned by: paragraphs (with offsets into the original text), or
 * sentences where paragraphs are too long or absent; each with its normalized text and the sorted
 * set of its word-shingle hashes.
 */
import { HashBuffer, scanSimpleTokenHashes, scanTokenHashes } from '../sketch/scan.js';
import { distinctSorted, wordShingles } from '../sketch/shingle.js';
import { hashToken } from '../sketch/hash.js';
import { boilerplateKind } from '../text/boilerplate.js';
import { normalize } from '../text/normalize.js';
import { splitParagraphs, type Paragraph } from '../text/paragraphs.js';
import { splitSentences } from '../text/sentences.js';

/** One paragraph or sentence of a text. */
export interface TextUnit {
  /** Position in the unit list. */
  readonly index: number;
  /** Index of the paragraph it belongs to (`splitParagraphs` numbering). */
  readonly paragraph: number;
  readonly kind: 'paragraph' | 'sentence';
  /** Offsets into the original text: `text.slice(start, end)` is the unit. */
  readonly start: number;
  readonly end: number;
  /** Normalized text. */
  readonly norm: string;
  /** Distinct word-shingle hashes, ascending. */
  readonly shingles: Uint32Array;
  /** Number of words. */
  readonly words: number;
  /** Distinct word hashes, ascending (word overlap of rewrites); computed on first use. */
  readonly tokens: Uint32Array;
  /** Distinct hashes of the numbers it mentions, ascending (a rewrite keeps its figures); computed on first use. */
  readonly numbers: Uint32Array;
  /** A boilerplate paragraph (link line, photo credit, footer…), kept out of similarity. */
  readonly boilerplate: boolean;
  /** Hash of `norm`, to count how many documents carry the same paragraph. */
  readonly key: number;
}

/** How a text is cut into units. */
export interface UnitOptions {
  shingleSize: number;
  /** Cut into sentences: 'auto' when some paragraph is longer than maxUnitChars. */
  sentences: boolean;
}

const tokens = new HashBuffer(1024);
const shingleBuffer = new HashBuffer(1024);

/** Word-shingle set and word count of normalized text. */
export function shingleSet(norm: string, shingleSize: number): { shingles: Uint32Array; words: number } {
  tokens.length = 0;
  if (scanSimpleTokenHashes(norm, tokens) < 0) scanTokenHashes(norm, tokens);
  shingleBuffer.length = 0;
  const n = wordShingles(tokens.data, tokens.length, shingleSize, 0, shingleBuffer);
  return { shingles: distinctSorted(shingleBuffer.data.slice(0, n)), words: tokens.length };
}

/** Distinct word hashes of normalized text, ascending. */
export function wordSet(norm: string): Uint32Array {
  tokens.length = 0;
  if (scanSimpleTokenHashes(norm, tokens) < 0) scanTokenHashes(norm, tokens);
  return distinctSorted(tokens.data.slice(0, tokens.length));
}

const NUMBER_RE = /\d+(?:[.,]\d+)*/g;

/** Distinct hashes of the numbers in normalized text, ascending. */
export function numberSet(norm: string): Uint32Array {
  const found = norm.match(NUMBER_RE);
  if (!found) return EMPTY;
  return distinctSorted(Uint32Array.from(found, hashToken));
}

const EMPTY = new Uint32Array(0);

/** A TextUnit whose word and number sets are computed on first use (compare needs them, findRepeats not). */
class Unit implements TextUnit {
  readonly key: number;
  private wordHashes: Uint32Array | undefined;
  private numberHashes: Uint32Array | undefined;

  constructor(
    readonly index: number,
    readonly paragraph: number,
    readonly kind: 'paragraph' | 'sentence',
    readonly start: number,
    readonly end: number,
    readonly norm: string,
    readonly shingles: Uint32Array,
    readonly words: number,
    readonly boilerplate: boolean,
  ) {
    this.key = hashToken(norm);
  }

  get tokens(): Uint32Array {
    return (this.wordHashes ??= wordSet(this.norm));
  }

  get numbers(): Uint32Array {
    return (this.numberHashes ??= numberSet(this.norm));
  }
}

/**
 * The units of a text: its paragraphs, or every paragraph's sentences. Pass the text's paragraphs
 * and which of them are boilerplate when they are already known.
 */
export function textUnits(
  text: string,
  options: UnitOptions,
  paragraphs: readonly Paragraph[] = splitParagraphs(text),
  isBoilerplate: (p: Paragraph) => boolean = (p) => boilerplateKind(p.text) !== undefined,
): TextUnit[] {
  const out: TextUnit[] = [];
  for (const p of paragraphs) {
    const boilerplate = isBoilerplate(p);
    const spans = options.sentences ? splitSentences(p.text, p.start) : [{ start: p.start, end: p.end, text: p.text }];
    for (const span of spans) {
      const norm = normalize(span.text);
      if (norm.length === 0) continue;
      const { shingles, words } = shingleSet(norm, options.shingleSize);
      out.push(new Unit(out.length, p.index, options.sentences ? 'sentence' : 'paragraph', span.start, span.end, norm, shingles, words, boilerplate));
    }
  }
  return out;
}
