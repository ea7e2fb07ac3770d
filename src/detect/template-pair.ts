/**
 * Template awareness: two templated items (dividend notices, earnings tables, bond issues about
 * different companies) share the template — phrases found in many articles — and differ exactly
 * where the content is: names and figures. Document frequency in the archive itself tells
 * template phrases from specific ones (the idea of inverse document frequency, Spärck Jones,
 * J. Documentation 1972): a pair whose shared phrases are mostly common ones, and whose differing
 * words are names and numbers, is a template match, not a copy. A re-sent or corrected story
 * keeps its names; an edited copy of a much-copied story differs in ordinary words.
 */
import type { Comparison } from '../align/compare.js';

/** A shingle held by more than this many articles is a template or stock phrase. */
export const COMMON_DOCS = 8;
/** A shingle held by at most this many articles is specific to them. */
export const SPECIFIC_DOCS = 2;
/** A pair sharing this share of its phrases or more is a re-send or light edit, never a template match. */
export const TEMPLATE_MAX_PLAIN = 0.9;
/** In a template match at least this share of the words that differ are names or numbers. */
export const TEMPLATE_FIELD_SHARE = 0.6;
/** A name differing, the pair is a template match when this share of what it shares is common… */
export const TEMPLATE_COMMON_SHARE = 0.5;
/** …or when it shares less than this (short templated items, whose every phrase holds a figure). */
export const TEMPLATE_LOW_PLAIN = 0.5;

/**
 * The shingles two sorted shingle sets share, and the share of the smaller set they make (`plain`).
 *
 * @example
 * ```ts
 * sharedShingles(Uint32Array.of(1, 2, 3), Uint32Array.of(2, 3, 9)); // { shared: [2, 3], plain: 0.67 }
 * ```
 */
export function sharedShingles(a: Uint32Array, b: Uint32Array): { shared: Uint32Array; plain: number } {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  const shared = new Uint32Array(small.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < small.length; i++) {
    const h = small[i]!;
    while (j < large.length && large[j]! < h) j++;
    if (j < large.length && large[j] === h) shared[n++] = h;
  }
  return { shared: shared.subarray(0, n), plain: small.length === 0 ? 0 : n / small.length };
}

/**
 * Of the shared shingles' document frequencies (`freqs`, in the archive): the share held by more
 * than COMMON_DOCS articles (`common`), and how many are held by at most SPECIFIC_DOCS (`specific`).
 */
export function phraseCommonness(freqs: ArrayLike<number>): { common: number; specific: number } {
  let common = 0;
  let specific = 0;
  for (let i = 0; i < freqs.length; i++) {
    const n = freqs[i]!;
    if (n > COMMON_DOCS) common++;
    else if (n <= SPECIFIC_DOCS) specific++;
  }
  return { common: freqs.length === 0 ? 0 : common / freqs.length, specific };
}

const TOKEN = /[\p{L}\p{N}]+/gu;
const NUMBER = /^\p{N}/u;
const NAME = /^\p{Lu}/u;

/**
 * The words in one text and not the other (as multisets, case kept): how many, and how many of
 * them are numbers or capitalized words (names) — the fields a template fills in.
 */
export function differingWords(a: string, b: string): { words: number; numbers: number; names: number } {
  const counts = new Map<string, number>();
  for (const m of a.matchAll(TOKEN)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  for (const m of b.matchAll(TOKEN)) counts.set(m[0], (counts.get(m[0]) ?? 0) - 1);
  const out = { words: 0, numbers: 0, names: 0 };
  for (const [word, n] of counts) {
    if (n === 0) continue;
    out.words += Math.abs(n);
    if (NUMBER.test(word)) out.numbers += Math.abs(n);
    else if (NAME.test(word)) out.names += Math.abs(n);
  }
  return out;
}

/** What a template match is judged on, before the archive is asked: see `templateShape`. */
export interface TemplateShape {
  /** The shingles the two texts share (sorted): the ones whose document frequencies decide. */
  readonly shared: Uint32Array;
  readonly plain: number;
  /** Some capitalized word (a name) differs. */
  readonly nameDiffers: boolean;
}

/**
 * The part of the template test that needs no document frequencies: undefined when the pair
 * cannot be a template match (it shares 0.9 of its phrases or more, or under 60% of the words
 * that differ are names and numbers), else what `isTemplateMatch` needs, with the shingles whose
 * frequencies to ask the archive for.
 */
export function templateShape(a: { text: string; shingles: Uint32Array }, b: { text: string; shingles: Uint32Array }): TemplateShape | undefined {
  const { shared, plain } = sharedShingles(a.shingles, b.shingles);
  if (plain >= TEMPLATE_MAX_PLAIN) return undefined;
  const d = differingWords(a.text, b.text);
  if (d.numbers + d.names < TEMPLATE_FIELD_SHARE * d.words) return undefined;
  return { shared, plain, nameDiffers: d.names > 0 };
}

/**
 * Whether a pair of this shape matches by its template only, given the document frequencies of
 * its shared shingles (`freqs[i]` of `shape.shared[i]`): either it shares nothing specific (no
 * phrase held by at most SPECIFIC_DOCS articles), or a name differs and what it shares is common
 * in the archive (or under half its phrases). A correction that changes a figure keeps its names
 * and its other figures; an edited copy differs in ordinary words.
 */
export function isTemplateMatch(shape: TemplateShape, freqs: ArrayLike<number>): boolean {
  const { common, specific } = phraseCommonness(freqs);
  // nothing specific shared; or a name differs and what they share is the template — common
  // phrases, or too little to be more (short items whose every phrase holds a figure)
  return specific === 0 || (shape.nameDiffers && (common >= TEMPLATE_COMMON_SHARE || shape.plain < TEMPLATE_LOW_PLAIN));
}

/** Whether the Detector may judge `c` a template match: a near-duplicate or derived pair mostly of verbatim or lightly edited passages (not rewrites). */
export function mayBeTemplate(c: Comparison): boolean {
  if (c.relation !== 'near-duplicate' && c.relation !== 'derived') return false;
  const verbatim = c.alignments.filter((x) => x.kind !== 'rewrite').length;
  return verbatim * 2 >= c.alignments.length;
}

/** `c` reported as a template match: `related`, without a direction. */
export function asTemplateMatch(c: Comparison): Comparison {
  return { ...c, relation: 'related', direction: null, directionReason: null, directionCredit: null };
}
