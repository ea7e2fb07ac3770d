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
 * Of two sorted shingle sets: how many shingles they share (`shared`), the share of the smaller
 * found in the larger (`plain`), the share of the shared ones held by more than COMMON_DOCS
 * articles (`common`), and how many shared ones are held by at most SPECIFIC_DOCS (`specific`).
 *
 * @example
 * ```ts
 * sharedPhrases(a.shingles, b.shingles, (h) => passages.documentFrequency(h)); // { shared: 9, plain: 0.69, common: 0.74, specific: 0 }
 * ```
 */
export function sharedPhrases(a: Uint32Array, b: Uint32Array, df: ShingleFrequency): { shared: number; plain: number; common: number; specific: number } {
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
  return { shared, plain: small.length === 0 ? 0 : shared / small.length, common: shared === 0 ? 0 : common / shared, specific };
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

/**
 * Whether two texts match by their template only. Their figures first, counted over every line
 * (table lines too): when they differ — more than a third of the smaller text's, and at least
 * two, since a correction changes one — the texts are two items of one template unless they share
 * specific prose (at least TEMPLATE_SPECIFIC_MIN shingles, and half of what they share, held by at
 * most SPECIFIC_DOCS articles, as a copied paragraph is). Otherwise not when they share
 * TEMPLATE_MAX_PLAIN of their phrases (a re-send or light edit); and a name must differ: the
 * words that differ are mostly names and numbers, and what they share is the template — nothing
 * specific, mostly common phrases, or under half their phrases.
 *
 * @example
 * ```ts
 * templatePair(noticeOfAcme, noticeOfBetaCorp, (h) => passages.documentFrequency(h)); // true
 * templatePair(noticeOfAcme, correctedNoticeOfAcme, (h) => passages.documentFrequency(h)); // false
 * ```
 */
export function templatePair(a: TemplateText, b: TemplateText, df: ShingleFrequency): boolean {
  return templateMatch(a, b, df) !== null;
}

/** How two texts match by their template only: by their `figures`, by their `names`, or not (null). */
function templateMatch(a: TemplateText, b: TemplateText, df: ShingleFrequency): 'figures' | 'names' | null {
  const { plain, common, specific, shared } = sharedPhrases(a.shingles, b.shingles, df);
  // figures count in every line, table lines too (kept out of the shingles as page chrome when a
  // text also has sentences): two earnings tables sharing only a footnote differ here
  if (figuresDiffer(a, b)) return specific < TEMPLATE_SPECIFIC_MIN || specific < TEMPLATE_SPECIFIC_SHARE * shared ? 'figures' : null;
  if (plain >= TEMPLATE_MAX_PLAIN) return null;
  // the figures agree (a correction changes one) or are too few to tell: the names must differ
  const d = differingWords(a.text, b.text);
  if (d.names === 0 || d.numbers + d.names < TEMPLATE_FIELD_SHARE * d.words) return null;
  return specific === 0 || common >= TEMPLATE_COMMON_SHARE || plain < TEMPLATE_LOW_PLAIN ? 'names' : null;
}

/**
 * `c` as the Detector reports it: a near-duplicate or derived pair whose texts match by their
 * template only becomes `related` — by their figures whatever the alignment, by their names only
 * when it is made of verbatim or lightly edited passages (a rewrite differs in more than names).
 *
 * @example
 * ```ts
 * withoutTemplate(comparePrepared(a, b, o), a, b, df).relation; // 'related' for two dividend notices
 * ```
 */
export function withoutTemplate(
  c: Comparison,
  a: TemplateText,
  b: TemplateText,
  df: ShingleFrequency,
): Comparison {
  if (c.relation !== 'near-duplicate' && c.relation !== 'derived') return c;
  const match = templateMatch(a, b, df);
  if (match === null) return c;
  const verbatim = c.alignments.filter((x) => x.kind !== 'rewrite').length;
  if (match === 'names' && verbatim * 2 < c.alignments.length) return c;
  return { ...c, relation: 'related', direction: null, directionReason: null, directionCredit: null };
}
