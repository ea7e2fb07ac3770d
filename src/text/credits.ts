/**
 * Wire-service credits in an article: "Source: Reuters", "TOKYO (Reuters) -", "By AFP", photo
 * credits such as "[Kyodo via Reuters]". A text that credits a wire for its text is, for a
 * derived pair, the copy of that wire's story.
 */
import { assertString } from '../validate.js';

/** One credit found in a text. */
export interface Credit {
  /** Canonical agency name, e.g. 'Reuters', 'Associated Press'. */
  readonly agency: string;
  /** 'source' ("Source: X"), 'dateline' ("CITY (X) -"), 'byline' ("By X"), or 'photo' (image credits). */
  readonly kind: 'source' | 'dateline' | 'byline' | 'photo';
  /** Offsets of the matched credit in the original text. */
  readonly start: number;
  readonly end: number;
}

/** Agency spellings (regex source, case-insensitive) → canonical name. */
const AGENCIES: readonly (readonly [string, string])[] = [
  ['reuters', 'Reuters'],
  ['associated press|\\bap\\b', 'Associated Press'],
  ['agence france[- ]presse|\\bafp\\b', 'AFP'],
  ['bloomberg', 'Bloomberg'],
  ['kyodo(?: news)?', 'Kyodo'],
  ['xinhua', 'Xinhua'],
  ['\\bdpa\\b', 'dpa'],
  ['\\befe\\b', 'EFE'],
  ['\\bansa\\b', 'ANSA'],
  ['\\bupi\\b|united press international', 'UPI'],
  ['yonhap', 'Yonhap'],
  ['press association|pa media', 'PA Media'],
  ['anadolu(?: agency)?', 'Anadolu'],
  ['interfax', 'Interfax'],
  ['\\btass\\b', 'TASS'],
  ['jiji(?: press)?', 'Jiji Press'],
];

const AGENCY = `(${AGENCIES.map(([re]) => re).join('|')})`;

const PATTERNS: readonly (readonly [Credit['kind'], RegExp])[] = [
  ['photo', new RegExp(`\\[[^\\]\\n]{0,80}?\\bvia ${AGENCY}[^\\]\\n]{0,40}\\]|(?:photo|picture|image|credit)s?\\s*(?::|by)\\s*${AGENCY}|mandatory credit[^\\n]{0,60}?${AGENCY}`, 'giu')],
  ['source', new RegExp(`(?:^|\\n)[ \\t]*(?:source|sources|via|courtesy of)\\s*[:\\-]?\\s*${AGENCY}`, 'giu')],
  ['dateline', new RegExp(`\\(${AGENCY}\\)\\s*[-–—]`, 'giu')],
  ['byline', new RegExp(`(?:^|\\n)[ \\t]*by\\s+${AGENCY}\\s*(?:\\n|$)`, 'giu')],
];

function canonical(name: string): string {
  for (const [re, canon] of AGENCIES) if (new RegExp(`^(?:${re})$`, 'iu').test(name)) return canon;
  return name;
}

/**
 * The wire-service credits of a text, in text order.
 *
 * @example
 * ```ts
 * findCredits('Tokyo is keen to counter China.\nSource: Reuters');
 * // [{ agency: 'Reuters', kind: 'source', start: 32, end: 47 }]
 * ```
 */
export function findCredits(text: string): Credit[] {
  assertString(text, 'text');
  const out: Credit[] = [];
  const taken: [number, number][] = [];
  for (const [kind, pattern] of PATTERNS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const name = m.slice(1).find((g) => g !== undefined);
      let start = m.index;
      while (start < text.length && /\s/.test(text[start]!)) start++;
      const end = m.index + m[0].length;
      if (name !== undefined && !taken.some(([s, e]) => start < e && end > s)) {
        out.push({ agency: canonical(name.trim()), kind, start, end: end - (/\s$/.test(m[0]) ? m[0].length - m[0].trimEnd().length : 0) });
        taken.push([start, end]);
      }
      if (m[0].length === 0) pattern.lastIndex++;
    }
  }
  return out.sort((x, y) => x.start - y.start);
}

/** The agencies a text credits for its words (photo credits excluded). */
export function creditedAgencies(text: string): string[] {
  return agenciesOf(findCredits(text));
}

/** The distinct agencies of credits for words (photo credits left out). */
export function agenciesOf(credits: readonly Credit[]): string[] {
  return [...new Set(credits.filter((c) => c.kind !== 'photo').map((c) => c.agency))];
}
