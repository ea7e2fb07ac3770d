/**
 * Template awareness: two templated items (dividend notices, earnings tables, bond issues, weekly
 * money-market figures about different companies or weeks) share the template — phrases found in
 * many articles — and differ exactly where the content is: names and figures. Document frequency
 * in the archive itself tells template phrases from specific ones (the idea of inverse document
 * frequency, Spärck Jones, J. Documentation 1972), and the figures tell one item from another: a
 * copy, a rewrite or a correction keeps its figures (a correction changes one), while another
 * company's item fills the same template with other figures. So a pair of texts made of figures
 * (a news story with a few figures is told by its words) whose figures mostly differ, and which
 * shares no specific prose, is a template match, not a copy; so is a pair whose figures agree but
 * whose names differ, when what it shares is the template. A re-sent or
 * corrected story keeps its names and figures; an edited copy of a much-copied story differs in
 * ordinary words.
 */
import type { Comparison } from '../align/compare.js';
import { hashToken } from '../sketch/hash.js';

/**
 * Documents of the archive holding each of the given shingles (Infinity past the boilerplate
 * cap), in their order: `PassageStorage.documentFrequencies`, batched and awaitable so that a
 * Redis store answers in one round trip.
 */
export type ShingleFrequencies = (shingles: Uint32Array) => Float64Array | Promise<Float64Array>;

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
 * Figures tell templated items apart only where they are the content: a table, a notice, a
 * weekly report holds a figure every few words, while a news story mentioning a few figures is
 * told by its words (at least this share of each text's words must be figures).
 */
export const TEMPLATE_FIGURE_DENSITY = 0.04;
/** Figures the text with fewer must hold for its figures to tell the pair apart. */
export const TEMPLATE_MIN_FIGURES = 2;
/**
 * The figures differ when more than this share of the smaller text's figures (and at least two:
 * a correction changes one) are not in the other. A rewrite keeps its figures, give or take a
 * rounding ("1.46 billion" for "1,459,193,000").
 */
export const TEMPLATE_FIGURE_CHANGE = 1 / 3;
/**
 * Figures differing, the pair is still a copy when it shares specific prose: at least this share
 * of what it shares is specific (held by at most SPECIFIC_DOCS articles)…
 */
export const TEMPLATE_SPECIFIC_SHARE = 0.5;
/**
 * …and at least this many specific shingles: more than the few a figure the two happen to share
 * makes ("cts vs 44", "vs 44 cts", "44 cts prior"), as a copied sentence does.
 */
export const TEMPLATE_SPECIFIC_MIN = 6;

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
 * English cardinals written out ("Qtly div three cts", "to April six"), with their values: news
 * style spells small numbers, so they are figures as much as digits are, and "six" is "6". Other
 * languages' figures count by their digits.
 */
const NUMBER_WORDS = new Map(
  (
    'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen ' +
    'seventeen eighteen nineteen twenty'
  )
    .split(' ')
    .map((w, i) => [w, String(i)] as const)
    .concat([['thirty', '30'], ['forty', '40'], ['fifty', '50'], ['sixty', '60'], ['seventy', '70'], ['eighty', '80'], ['ninety', '90'], ['hundred', '100'], ['thousand', '1000']]),
);

/** Whether a token (any case) is a figure: it starts with a digit, or is a spelled-out cardinal. */
function isFigure(word: string): boolean {
  return NUMBER.test(word) || NUMBER_WORDS.has(word.toLowerCase());
}

/**
 * Whether the word at `at` opens a line after the first: the field labels of a table ("Pay",
 * "Revs", "Record") are capitalized there without being names.
 */
function opensLine(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return c === 10 || c === 13;
  }
  return false;
}

/**
 * The words in one text and not the other (as multisets, case folded): how many, and how many of
 * them are figures (digits or spelled-out cardinals) or names (capitalized, other than as the
 * first word of a line after the first: "Pay" opening a table line is no name) — the fields a
 * template fills in.
 *
 * @example
 * ```ts
 * differingWords('Shares of Acme rose 5 pct.', 'Shares of Bolt rose 7 pct.'); // { words: 4, numbers: 2, names: 2 }
 * ```
 */
export function differingWords(a: string, b: string): { words: number; numbers: number; names: number } {
  const counts = new Map<string, number>();
  const names = new Set<string>();
  const count = (text: string, sign: number): void => {
    for (const m of text.matchAll(TOKEN)) {
      const word = m[0].toLowerCase();
      counts.set(word, (counts.get(word) ?? 0) + sign);
      if (NAME.test(m[0]) && !opensLine(text, m.index)) names.add(word);
    }
  };
  count(a, 1);
  count(b, -1);
  const out = { words: 0, numbers: 0, names: 0 };
  for (const [word, n] of counts) {
    if (n === 0) continue;
    out.words += Math.abs(n);
    if (isFigure(word)) out.numbers += Math.abs(n);
    else if (names.has(word)) out.names += Math.abs(n);
  }
  return out;
}

/** A figure with its decimals and fractions: `1,823,000`, `11.2`, `1/2`, `1-1/2`. */
const FIGURE_TOKEN = /[\p{L}\p{N}]+(?:[.,/]\p{N}+|-\p{N}+\/\p{N}+)*/gu;
const THOUSANDS = /(?<=\d),(?=\d{3}(?:\D|$))/g;
const figureMemo = new WeakMap<object, { figures: Uint32Array; words: number }>();

/**
 * The figures of a text — every number in digits and every spelled-out cardinal (as its digits:
 * "six" is "6", "1,000" is "1000"), table lines and all — as a sorted multiset of hashes;
 * memoized per text object.
 *
 * @example
 * ```ts
 * figuresOf({ norm: 'qtly div three cts vs three cts prior pay april one record march 13' }).length; // 4
 * ```
 */
export function figuresOf(t: FigureText): Uint32Array {
  return readFigures(t).figures;
}

/** The figures of a text and how many words it has (memoized). */
function readFigures(t: FigureText): { figures: Uint32Array; words: number } {
  let out = figureMemo.get(t);
  if (out) return out;
  const found: number[] = [];
  let words = 0;
  for (const m of t.norm.matchAll(FIGURE_TOKEN)) {
    words++;
    const word = m[0];
    if (NUMBER.test(word)) found.push(hashToken(word.replace(THOUSANDS, '')));
    else {
      const value = NUMBER_WORDS.get(word);
      if (value !== undefined) found.push(hashToken(value));
    }
  }
  out = { figures: Uint32Array.from(found).sort(), words };
  figureMemo.set(t, out);
  return out;
}

/** A text whose figures are read: its normalized form, every line of it. */
export interface FigureText {
  readonly norm: string;
}

/**
 * Of two texts' figures (sorted multisets): how many the one with fewer holds (`smaller`), and
 * how many of those are not in the other (`changed`).
 *
 * @example
 * ```ts
 * figureChanges(figuresOf(notice), figuresOf(correctedNotice)); // { smaller: 4, changed: 1 }
 * ```
 */
export function figureChanges(a: Uint32Array, b: Uint32Array): { smaller: number; changed: number } {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  let shared = 0;
  let j = 0;
  for (let i = 0; i < small.length; i++) {
    const h = small[i]!;
    while (j < large.length && large[j]! < h) j++;
    if (j < large.length && large[j] === h) {
      shared++;
      j++;
    }
  }
  return { smaller: small.length, changed: small.length - shared };
}

/**
 * Whether the figures tell two texts apart: both are made of figures (at least
 * TEMPLATE_FIGURE_DENSITY of their words), and at least two and more than TEMPLATE_FIGURE_CHANGE
 * of the smaller's figures are not in the other.
 */
function figuresDiffer(a: FigureText, b: FigureText): boolean {
  const fa = readFigures(a);
  const fb = readFigures(b);
  if (fa.figures.length < TEMPLATE_FIGURE_DENSITY * fa.words || fb.figures.length < TEMPLATE_FIGURE_DENSITY * fb.words) return false;
  const { smaller, changed } = figureChanges(fa.figures, fb.figures);
  return smaller >= TEMPLATE_MIN_FIGURES && changed >= 2 && changed > TEMPLATE_FIGURE_CHANGE * smaller;
}

/** A text as template matching reads it: original text, normalized text, distinct shingles. */
export interface TemplateText extends FigureText {
  readonly text: string;
  readonly shingles: Uint32Array;
}

/** What a template match is judged on before the archive is asked: see `templateShape`. */
export interface TemplateShape {
  /** The shingles the two texts share (sorted): the ones whose document frequencies decide. */
  readonly shared: Uint32Array;
  readonly plain: number;
  /** How the texts may be two items of one template: their figures differ, or their names do. */
  readonly by: 'figures' | 'names';
}

/**
 * The part of the template test that needs no document frequencies. Figures first, counted over
 * every line (table lines too, kept out of the shingles as page chrome when a text also has
 * sentences): when they differ — more than a third of the smaller text's, and at least two, since
 * a correction changes one — the pair may be two items of one template (`by: 'figures'`).
 * Otherwise not when it shares TEMPLATE_MAX_PLAIN of its phrases (a re-send or light edit), and a
 * name must differ, the differing words being mostly names and numbers (`by: 'names'`).
 * Undefined when the pair cannot be a template match.
 */
export function templateShape(a: TemplateText, b: TemplateText): TemplateShape | undefined {
  const { shared, plain } = sharedShingles(a.shingles, b.shingles);
  if (figuresDiffer(a, b)) return { shared, plain, by: 'figures' };
  if (plain >= TEMPLATE_MAX_PLAIN) return undefined;
  const d = differingWords(a.text, b.text);
  if (d.names === 0 || d.numbers + d.names < TEMPLATE_FIELD_SHARE * d.words) return undefined;
  return { shared, plain, by: 'names' };
}

/**
 * Whether a pair of this shape matches by its template only, given the document frequencies of
 * its shared shingles (`freqs[i]` of `shape.shared[i]`). Figures differing: unless it shares
 * specific prose (at least TEMPLATE_SPECIFIC_MIN shingles, and half of what it shares, held by at
 * most SPECIFIC_DOCS articles, as a copied paragraph is). Names differing: when what it shares is
 * the template — nothing specific, mostly common phrases, or under half its phrases.
 */
export function isTemplateMatch(shape: TemplateShape, freqs: ArrayLike<number>): boolean {
  const { common, specific } = phraseCommonness(freqs);
  if (shape.by === 'figures') return specific < TEMPLATE_SPECIFIC_MIN || specific < TEMPLATE_SPECIFIC_SHARE * shape.shared.length;
  return specific === 0 || common >= TEMPLATE_COMMON_SHARE || shape.plain < TEMPLATE_LOW_PLAIN;
}

/**
 * Whether two texts match by their template only (`templateShape`, then `isTemplateMatch` with
 * the archive's document frequencies): what `Detector.clusters()` asks of a stored pair.
 *
 * @example
 * ```ts
 * await templatePair(noticeOfAcme, noticeOfBetaCorp, (s) => passages.storage.documentFrequencies(s)); // true
 * await templatePair(noticeOfAcme, correctedNoticeOfAcme, (s) => passages.storage.documentFrequencies(s)); // false
 * ```
 */
export async function templatePair(a: TemplateText, b: TemplateText, frequencies: ShingleFrequencies): Promise<boolean> {
  const shape = templateShape(a, b);
  return shape !== undefined && isTemplateMatch(shape, await frequencies(shape.shared));
}

/**
 * The shape of `c`'s texts when the Detector may judge it a template match: a near-duplicate or
 * derived pair; by names only when it is made of verbatim or lightly edited passages (a rewrite
 * differs in more than names), by figures whatever the alignment.
 */
export function comparisonTemplateShape(c: Comparison, a: TemplateText, b: TemplateText): TemplateShape | undefined {
  if (c.relation !== 'near-duplicate' && c.relation !== 'derived') return undefined;
  const shape = templateShape(a, b);
  if (!shape) return undefined;
  const verbatim = c.alignments.filter((x) => x.kind !== 'rewrite').length;
  return shape.by === 'names' && verbatim * 2 < c.alignments.length ? undefined : shape;
}

/** `c` reported as a template match: `related`, without a direction. */
export function asTemplateMatch(c: Comparison): Comparison {
  return { ...c, relation: 'related', direction: null, directionReason: null, directionCredit: null };
}

/**
 * `c` as the Detector reports it: a pair whose texts match by their template only becomes
 * `related` (see `comparisonTemplateShape`); the archive is asked only for the shingles such a
 * pair shares.
 *
 * @example
 * ```ts
 * (await withoutTemplate(comparePrepared(a, b, o), a, b, frequencies)).relation; // 'related' for two dividend notices
 * ```
 */
export async function withoutTemplate(c: Comparison, a: TemplateText, b: TemplateText, frequencies: ShingleFrequencies): Promise<Comparison> {
  const shape = comparisonTemplateShape(c, a, b);
  return shape && isTemplateMatch(shape, await frequencies(shape.shared)) ? asTemplateMatch(c) : c;
}
