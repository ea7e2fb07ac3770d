/**
 * Boilerplate paragraphs of news pages — "Read more:" link lines, "Source link" footers, photo
 * captions with credits, newsletter and share prompts, copyright and wire tag lines — recognized
 * by pattern so they can be reported and kept out of similarity (two unrelated articles that share
 * a footer are not related).
 */
import { assertString } from '../validate.js';
import { splitParagraphs } from './paragraphs.js';
import { isScriptTerminal } from './sentences.js';

/** What kind of boilerplate a paragraph is. */
export type BoilerplateKind =
  | 'read-more'
  | 'source-link'
  | 'photo-credit'
  | 'credit-line'
  | 'newsletter'
  | 'share'
  | 'advertisement'
  | 'copyright'
  | 'tagline';

/** A boilerplate paragraph found in a text. */
export interface BoilerplateParagraph {
  readonly kind: BoilerplateKind;
  /** Paragraph index (`splitParagraphs` numbering) and offsets into the original text. */
  readonly paragraph: number;
  readonly start: number;
  readonly end: number;
}

const WIRE = '(?:reuters|ap|afp|associated press|bloomberg|kyodo|xinhua|getty images|epa|dpa|efe|ansa|upi|yonhap|pa media|anadolu)';

/** Patterns tried in order on a paragraph's text (whitespace-trimmed, at most 400 characters). */
const RULES: readonly (readonly [BoilerplateKind, RegExp])[] = [
  ['read-more', /^(?:read more|read also|also read|see also|related(?: articles| stories| coverage)?|more on this story|recommended)\s*[:>»-]/i],
  ['source-link', /^(?:source link|source url|original (?:article|story)|view (?:the )?original|link to (?:the )?source)\s*[:.]?\s*\S*$/i],
  ['photo-credit', new RegExp(`(?:\\[[^\\]]{0,80}\\bvia ${WIRE}\\]|\\bmandatory credit\\b|\\b(?:photo|picture|image|file photo)\\s*(?::|by|credit|courtesy)\\s*[^.]{0,60}$|\\bin this (?:handout )?(?:photo|picture|image)\\b[^.]{0,120}\\b(?:released|provided|obtained|taken)\\b)`, 'i')],
  ['credit-line', new RegExp(`^(?:source|sources|via|courtesy of|with reporting from|additional reporting by)\\s*[:\\-]?\\s*${WIRE}\\s*\\.?$|^\\(?${WIRE}\\)?\\.?$`, 'i')],
  ['tagline', /^\(?(?:reporting|writing|editing|additional reporting|compiled) by\b[^]{0,200}$|^reuter\s*$/i],
  ['newsletter', /^(?:sign up|subscribe)\b.{0,160}\b(?:newsletter|updates|inbox|alerts?)\b/i],
  ['share', /^(?:share (?:this|on)|follow us on|click here|tap here|download (?:our|the) app)\b/i],
  ['advertisement', /^(?:advertisement|advert|sponsored(?: content)?|paid content|story continues below(?: advertisement)?)\s*$/i],
  ['copyright', /^(?:©|\(c\)|copyright\b).{0,200}$|\ball rights reserved\.?$/i],
];

/**
 * True if the text has sentence punctuation: a full stop, `!`, `?` or `…` (optionally followed
 * by closing quotes or brackets) at its end or before a space, or any other script's sentence
 * mark (`。` `।` `؟` `۔` `።` `։`…, see `splitSentences`), wherever it is.
 *
 * @example
 * ```ts
 * hasSentencePunctuation('Sign up for our newsletter'); // false
 * hasSentencePunctuation('日本政府は発表した。'); // true
 * ```
 */
export function hasSentencePunctuation(text: string): boolean {
  if (/[.!?…][\])'"\u2019\u201d»]*(?:\s|$)/u.test(text)) return true;
  for (let i = 0; i < text.length; i++) if (isScriptTerminal(text.charCodeAt(i))) return true;
  return false;
}

/** The boilerplate kind of one paragraph, or undefined if it is content. */
export function boilerplateKind(paragraph: string): BoilerplateKind | undefined {
  const text = paragraph.trim();
  if (text.length === 0 || text.length > 400) return undefined;
  for (const [kind, re] of RULES) if (re.test(text)) return kind;
  return undefined;
}

/**
 * Boilerplate paragraphs of a text, in order.
 *
 * @example
 * ```ts
 * findBoilerplate('Japan and the EU signed a pact.\nRead more: Japan’s record budget\nSource link');
 * // [{ kind: 'read-more', paragraph: 1, … }, { kind: 'source-link', paragraph: 2, … }]
 * ```
 */
export function findBoilerplate(text: string): BoilerplateParagraph[] {
  assertString(text, 'text');
  const out: BoilerplateParagraph[] = [];
  for (const p of splitParagraphs(text)) {
    const kind = boilerplateKind(p.text);
    if (kind) out.push({ kind, paragraph: p.index, start: p.start, end: p.end });
  }
  return out;
}
