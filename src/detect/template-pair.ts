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

/** Documents of the archive holding a shingle (Infinity past the boilerplate cap). */
export type ShingleFrequency = (shingle: number) => number;

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
 * Of two sorted shingle sets: the share of the smaller found in the larger (`plain`), and the
 * share of those shared shingles held by more than COMMON_DOCS articles (`common`), and how many
 * shared shingles are held by at most SPECIFIC_DOCS (`specific`).
 *
 * @example
 * ```ts
 * sharedPhrases(a.shingles, b.shingles, (h) => passages.documentFrequency(h)); // { plain: 0.69, common: 0.74, specific: 0 }
 * ```
 */
export function sharedPhrases(a: Uint32Array, b: Uint32Array, df: ShingleFrequency): { plain: number; common: number; specific: number } {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  let shared = 0;
  let common = 0;
  let specific = 0;
  let j = 0;
  for (let i = 0; i < small.length; i++) {
    const h = small[i]!;
    while (j < large.length && large[j]! < h) j++;
    if (j < large.length && large[j] === h) {
      shared++;
      const n = df(h);
      if (n > COMMON_DOCS) common++;
      else if (n <= SPECIFIC_DOCS) specific++;
    }
  }
  return { plain: small.length === 0 ? 0 : shared / small.length, common: shared === 0 ? 0 : common / shared, specific };
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

/**
 * Whether two texts match by their template only: the words that differ are mostly names and
 * numbers, and either they share nothing specific (no phrase held by at most SPECIFIC_DOCS
 * articles), or a name differs and what they share is common in the archive (or under half their
 * phrases). A correction that changes a figure keeps its names and its other figures; an edited
 * copy differs in ordinary words.
 */
export function templatePair(a: { text: string; shingles: Uint32Array }, b: { text: string; shingles: Uint32Array }, df: ShingleFrequency): boolean {
  const { plain, common, specific } = sharedPhrases(a.shingles, b.shingles, df);
  if (plain >= TEMPLATE_MAX_PLAIN) return false;
  const d = differingWords(a.text, b.text);
  if (d.numbers + d.names < TEMPLATE_FIELD_SHARE * d.words) return false;
  // nothing specific shared; or a name differs and what they share is the template — common
  // phrases, or too little to be more (short items whose every phrase holds a figure)
  return specific === 0 || (d.names > 0 && (common >= TEMPLATE_COMMON_SHARE || plain < TEMPLATE_LOW_PLAIN));
}

/**
 * `c` as the Detector reports it: a near-duplicate or derived pair made of verbatim or lightly
 * edited passages (not rewrites) whose texts match by their template only becomes `related`.
 *
 * @example
 * ```ts
 * withoutTemplate(comparePrepared(a, b, o), a, b, df).relation; // 'related' for two dividend notices
 * ```
 */
export function withoutTemplate(
  c: Comparison,
  a: { text: string; shingles: Uint32Array },
  b: { text: string; shingles: Uint32Array },
  df: ShingleFrequency,
): Comparison {
  if (c.relation !== 'near-duplicate' && c.relation !== 'derived') return c;
  const verbatim = c.alignments.filter((x) => x.kind !== 'rewrite').length;
  if (verbatim * 2 < c.alignments.length || !templatePair(a, b, df)) return c;
  return { ...c, relation: 'related', direction: null, directionReason: null, directionCredit: null };
}
