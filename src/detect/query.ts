/**
 * The index-independent half of a Detector query, as a plain function so that a worker thread
 * can run it without a Detector: making an article ready — prepared text, MinHash signature, and
 * the paragraphs that seek passage matches.
 */
import type { AlignOptions } from '../align/options.js';
import { prepareText, type PreparedText } from '../align/prepare.js';
import { LimitExceededError } from '../errors.js';
import { checkLength } from '../align/limits.js';
import { isBelowFloor } from './content-floor.js';
import type { MinHasher } from '../sketch/minhash.js';
import type { Signature } from '../sketch/signature.js';

/** A query made ready: its prepared text and signatures. */
export interface Query {
  readonly prepared: PreparedText;
  readonly signature: Signature;
  /** Shingle sets of the paragraphs that seek passage matches (none below the content floor). */
  readonly paragraphs: readonly Uint32Array[];
  /** Below the content floor: only exact duplicates are matched. */
  readonly lowContent: boolean;
}

/** What making a query ready depends on (all of it plain data but the hasher). */
export interface QuerySettings {
  readonly hasher: MinHasher;
  readonly align: AlignOptions;
  readonly limits: { readonly maxLength: number; readonly maxParagraphs: number };
  readonly paragraphMinWords: number;
  readonly maxParagraphsQueried: number;
  /** The content floor (DetectorOptions.minContentWords). */
  readonly minContentWords: number;
}

/**
 * Prepares and signs an article's text and picks the paragraphs that look for passage matches.
 *
 * @throws LimitExceededError when the text is longer than `limits.maxLength` or has more units
 *   than `limits.maxParagraphs`.
 */
export function prepareQuery(text: string, publishedAt: number | undefined, s: QuerySettings): Query {
  checkLength(text, s.limits, 'article length');
  const prepared = prepareText(text, s.align, publishedAt, s.limits);
  const { units } = prepared.units(false);
  if (units.length > s.limits.maxParagraphs) {
    throw new LimitExceededError('paragraph count', units.length, s.limits.maxParagraphs, 'raise limits.maxParagraphs');
  }
  const paragraphs: Uint32Array[] = [];
  const seen = new Set<string>();
  for (const u of units) {
    if (paragraphs.length >= s.maxParagraphsQueried) break;
    if (u.words < s.paragraphMinWords || seen.has(u.norm)) continue;
    seen.add(u.norm);
    paragraphs.push(u.shingles);
  }
  const lowContent = isBelowFloor(prepared, s.minContentWords);
  return { prepared, signature: s.hasher.signShingles(prepared.shingles), paragraphs: lowContent ? [] : paragraphs, lowContent };
}
