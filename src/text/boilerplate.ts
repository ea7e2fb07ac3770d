/**
 * Boilerplate paragraphs of news pages — "Read more:" link lines, "Source link" footers, photo
 * captions with credits, newsletter and share prompts, copyright and wire tag lines, and page
 * chrome (menus, widgets, link lists, embedded script: short lines with no sentence punctuation)
 * — recognized by pattern so they can be reported and kept out of similarity (two unrelated
 * articles that share a footer are not related), in the spirit of shallow-feature boilerplate
 * detection (Kohlschütter et al., "Boilerplate detection using shallow text features", WSDM 2010).
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
  | 'tagline'
  | 'script'
  | 'link'
  | 'chrome';

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

/** Embedded script or style (`window._taboola = …;`, `function(){…}`), at any length. */
const SCRIPT_RE = /\bwindow\.\w|\bfunction\s*\(|\bdocument\.\w+\(|\bvar \w+\s*=|[;{}]\s*\)?;?\s*$|^\s*[{}[\]]/;
/** A bare link, e-mail, or a run of items split by | » • › (a menu or breadcrumb). */
const LINK_RE = /^(?:https?:\/\/|www\.)\S+$|^\S+@\S+\.\w+$|(?:\s[|»•›·]\s.*){2,}/i;
/** Chrome is at most this many words and characters: a longer paragraph without punctuation is kept as content. */
const CHROME_MAX_WORDS = 40;
const CHROME_MAX_CHARS = 300;

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

/** The pattern kind (not chrome) of one trimmed paragraph. */
function patternKind(text: string): BoilerplateKind | undefined {
  if ((text.includes(';') || text.includes('{')) && SCRIPT_RE.test(text)) return 'script';
  if (text.length > 400) return undefined;
  for (const [kind, re] of RULES) if (re.test(text)) return kind;
  if (LINK_RE.test(text)) return 'link';
  return undefined;
}

/**
 * The boilerplate kind of one paragraph, or undefined if it is content. Besides the patterns, a
 * paragraph of at most 40 words (300 characters) with no sentence punctuation is page `chrome` (a menu item, a
 * widget label, a headline or a timestamp); a one-sentence paragraph with its full stop is content.
 * `findBoilerplate` and `compare` keep chrome as content when a text has nothing else.
 */
export function boilerplateKind(paragraph: string): BoilerplateKind | undefined {
  assertString(paragraph, 'paragraph');
  const text = paragraph.trim();
  if (text.length === 0) return undefined;
  return patternKind(text) ?? (isChrome(text) ? 'chrome' : undefined);
}

function isChrome(text: string): boolean {
  if (text.length > CHROME_MAX_CHARS || hasSentencePunctuation(text)) return false;
  let words = 1;
  for (let i = 0; i < text.length && words <= CHROME_MAX_WORDS; i++) if (text.charCodeAt(i) === 32) words++;
  return words <= CHROME_MAX_WORDS;
}

/**
 * The boilerplate kind of each paragraph (undefined for content). If every non-pattern paragraph
 * would be chrome, chrome is kept as content: a headline-only or unpunctuated text still compares.
 */
export function classifyParagraphs(paragraphs: readonly { readonly text: string }[]): (BoilerplateKind | undefined)[] {
  const kinds = paragraphs.map((p) => boilerplateKind(p.text));
  if (kinds.some((k) => k === undefined)) return kinds;
  return kinds.map((k) => (k === 'chrome' ? undefined : k));
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
  const paragraphs = splitParagraphs(text);
  classifyParagraphs(paragraphs).forEach((kind, i) => {
    const p = paragraphs[i]!;
    if (kind) out.push({ kind, paragraph: p.index, start: p.start, end: p.end });
  });
  return out;
}
