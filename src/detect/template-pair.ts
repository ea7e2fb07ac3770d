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
/** A pair is a template match when at least this share of the shingles it shares are common… */
export const TEMPLATE_COMMON_SHARE = 0.5;
/** …its plain share is below this (a near-identical text is a re-send or a light edit, whatever its phrases)… */
export const TEMPLATE_MAX_PLAIN = 0.9;
/** …at least this share of the words that differ are names or numbers… */
export const TEMPLATE_FIELD_SHARE = 0.6;
/** …and a name differs, or no shared shingle is specific (held by at most this many articles). */
export const SPECIFIC_DOCS = 2;

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
 * Whether two texts match by their template only: most of what they share are phrases common in
 * the archive, the words that differ are mostly names and numbers, and either a name differs or
 * they share nothing specific (a correction that changes a figure keeps its names and its other
 * figures; an edited copy differs in ordinary words).
 */
export function templatePair(a: { text: string; shingles: Uint32Array }, b: { text: string; shingles: Uint32Array }, df: ShingleFrequency): boolean {
  const { plain, common, specific } = sharedPhrases(a.shingles, b.shingles, df);
  if (!(plain < TEMPLATE_MAX_PLAIN && common >= TEMPLATE_COMMON_SHARE)) return false;
  const d = differingWords(a.text, b.text);
  return d.numbers + d.names >= TEMPLATE_FIELD_SHARE * d.words && (d.names > 0 || specific === 0);
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
  return { ...c, relation: 'related', direction: null };
}
