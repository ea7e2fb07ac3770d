/**
 * Paragraphs with offsets into the original string, in one linear pass: blank-line separated,
 * one per line, or hard-wrapped (indented newswire paragraphs as in Reuters-21578, or blocks).
 */
import { assertString } from '../validate.js';
import { isSpaceCode as isSpace } from './normalize.js';
import { abbreviationBefore, isScriptTerminal } from './sentences.js';

/** One paragraph of a text; `text === source.slice(start, end)`. */
export interface Paragraph {
  /** Position among the text's paragraphs, 0-based. */
  readonly index: number;
  /** Offset of the paragraph's first non-whitespace character in the original string. */
  readonly start: number;
  /** Offset just after its last non-whitespace character. */
  readonly end: number;
  /** The original slice; hard-wrapped paragraphs keep their inner line breaks. */
  readonly text: string;
}

// ── Constants ───────────────────────────────────────────────────────────────────────────────

/** Lines longer than this were not hard-wrapped: nobody wraps text wider than 100 columns. */
const MAX_WRAP_WIDTH = 100;
/** Blocks narrower than this are lists or tables, not wrapped prose. */
const MIN_WRAP_WIDTH = 30;
/** Share of a block's judged line breaks that must look like wraps for the block to be joined. */
const WRAPPED_SHARE = 0.75;
/** Slack, as a share of the block's width, for wrappers that are not exactly greedy. */
const WRAP_SLACK = 0.1;

const LOWERCASE_RE = /\p{Ll}/u;

// ── Split ───────────────────────────────────────────────────────────────────────────────────

/**
 * Splits a text into paragraphs with offsets into the original string.
 *
 * Line breaks are `\n`, `\r\n`, `\r`, U+0085, U+2028 and U+2029 (U+2029 also ends a block).
 * Blank (whitespace-only) lines separate blocks. Inside a block of several lines:
 *
 * 1. **Indented paragraphs** — if some lines start with an indent (a tab, U+3000, or two or more
 *    spaces) and others do not, each indented line starts a paragraph and each other line
 *    continues the one before (hard-wrapped newswire such as Reuters-21578).
 * 2. **Hard-wrapped block** — otherwise, if the block is 30–100 columns wide and at least 3/4 of
 *    its line breaks look like wraps, the block is one paragraph. A break looks like a wrap when
 *    the line does not end a sentence and either the next line's first word would not have fitted
 *    on it (greedy wrapping, 10% slack), or the next line starts in lowercase, or it is the first
 *    line (often cut short: Reuters-21578 bodies start after a removed dateline). The last break
 *    of a block of three or more lines is not judged: the last line may be a sign-off or credit.
 * 3. Otherwise **each line is a paragraph** (one paragraph per line, as most scraped text is).
 *
 * In rules 1 and 2 a line longer than 100 characters is never joined to another (it was not
 * hard-wrapped), and a list item (a line starting with `-`, `*`, `•` ... and a space) starts a
 * paragraph unless the line before is full. `start`/`end` exclude surrounding whitespace.
 *
 * @param text - the article text.
 * @returns the paragraphs, in order, indexed from 0.
 * @throws InvalidArgumentError if `text` is not a string.
 *
 * @example
 * ```ts
 * const text = 'Title\n\nFirst paragraph.\nSecond paragraph.';
 * splitParagraphs(text).map((p) => p.text); // ['Title', 'First paragraph.', 'Second paragraph.']
 * ```
 */
export function splitParagraphs(text: string): Paragraph[] {
  assertString(text, 'text');
  const out: Paragraph[] = [];
  const block = new LineBlock();
  const n = text.length;
  let lineStart = 0;
  let i = 0;
  while (i <= n) {
    const c = i < n ? text.charCodeAt(i) : -1;
    if (c === -1 || c === 10 || c === 13 || c === 0x85 || c === 0x2028 || c === 0x2029) {
      addLine(text, lineStart, i, block, out);
      if (c === 0x2029) emitBlock(text, block, out);
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      lineStart = i;
    } else {
      i++;
    }
  }
  emitBlock(text, block, out);
  return out;
}

/** The non-blank lines of the current block, as parallel arrays. */
class LineBlock {
  /** Offset of each line's first character. */
  readonly starts: number[] = [];
  /** Offset of each line's first non-whitespace character. */
  readonly contentStarts: number[] = [];
  /** Offset just after each line's last non-whitespace character. */
  readonly contentEnds: number[] = [];
  /** Whether each line starts with an indent (a tab, U+3000, or two or more spaces). */
  readonly indented: boolean[] = [];

  get length(): number {
    return this.starts.length;
  }

  /** Width of line k in columns, indent included, trailing whitespace excluded. */
  width(k: number): number {
    return this.contentEnds[k]! - this.starts[k]!;
  }

  clear(): void {
    this.starts.length = 0;
    this.contentStarts.length = 0;
    this.contentEnds.length = 0;
    this.indented.length = 0;
  }
}

function addLine(text: string, start: number, end: number, block: LineBlock, out: Paragraph[]): void {
  let cs = start;
  while (cs < end && isSpace(text.charCodeAt(cs))) cs++;
  if (cs === end) {
    emitBlock(text, block, out); // a blank line ends the block
    return;
  }
  let ce = end;
  while (isSpace(text.charCodeAt(ce - 1))) ce--;
  let indented = cs - start >= 2;
  for (let k = start; k < cs && !indented; k++) {
    const c = text.charCodeAt(k);
    indented = c === 9 || c === 0x3000;
  }
  block.starts.push(start);
  block.contentStarts.push(cs);
  block.contentEnds.push(ce);
  block.indented.push(indented);
}

/** Groups the block's lines into paragraphs (rules 1–3 above), appends them, clears the block. */
function emitBlock(text: string, block: LineBlock, out: Paragraph[]): void {
  const count = block.length;
  if (count === 0) return;
  const { contentStarts, contentEnds, indented } = block;
  let anyIndented = false;
  let anyPlain = false;
  let width = 0; // the widest line that may have been wrapped
  let maxWidth = 0;
  for (let k = 0; k < count; k++) {
    if (indented[k]) anyIndented = true;
    else anyPlain = true;
    const w = block.width(k);
    maxWidth = Math.max(maxWidth, w);
    if (w <= MAX_WRAP_WIDTH) width = Math.max(width, w);
  }
  const fullWidth = width - Math.max(2, Math.ceil(width * WRAP_SLACK));
  const byIndent = anyIndented && anyPlain;
  const joined = byIndent || (count > 1 && maxWidth <= MAX_WRAP_WIDTH && maxWidth >= MIN_WRAP_WIDTH
    && isHardWrapped(text, block, fullWidth));
  let from = 0;
  for (let k = 1; k < count; k++) {
    const breaks = !joined
      || (byIndent && indented[k])
      || block.width(k - 1) > MAX_WRAP_WIDTH
      || block.width(k) > MAX_WRAP_WIDTH
      || (isListItem(text, contentStarts[k]!, contentEnds[k]!) && !isFull(text, block, k - 1, fullWidth));
    if (breaks) {
      push(text, contentStarts[from]!, contentEnds[k - 1]!, out);
      from = k;
    }
  }
  push(text, contentStarts[from]!, contentEnds[count - 1]!, out);
  block.clear();
}

/** True if the block's line breaks look like wraps (rule 2 above). */
function isHardWrapped(text: string, block: LineBlock, fullWidth: number): boolean {
  const { contentStarts, contentEnds } = block;
  const judged = block.length >= 3 ? block.length - 2 : 1;
  let wraps = 0;
  for (let k = 0; k < judged; k++) {
    if (endsSentence(text, contentStarts[k]!, contentEnds[k]!)) continue;
    const full = isFull(text, block, k, fullWidth);
    if (isListItem(text, contentStarts[k + 1]!, contentEnds[k + 1]!) && !full) continue;
    if (k === 0 || full || isLowercase(text.charCodeAt(contentStarts[k + 1]!))) wraps++;
  }
  return wraps >= WRAPPED_SHARE * judged;
}

/** True if line k is full: a greedy wrapper could not have fitted the next line's first word. */
function isFull(text: string, block: LineBlock, k: number, fullWidth: number): boolean {
  const next = block.contentStarts[k + 1]!;
  const nextEnd = block.contentEnds[k + 1]!;
  let word = next;
  while (word < nextEnd && !isSpace(text.charCodeAt(word))) word++;
  return block.width(k) + 1 + (word - next) > fullWidth;
}

/** True if text[start, end) starts with a bullet (- * + • · – — ▪ ● ◦ ‣) and a space. */
function isListItem(text: string, start: number, end: number): boolean {
  const c = text.charCodeAt(start);
  const bullet = c === 45 || c === 42 || c === 43 || c === 0x2022 || c === 0xb7 || c === 0x2013 || c === 0x2014
    || c === 0x25aa || c === 0x25cf || c === 0x25e6 || c === 0x2023;
  return bullet && (start + 1 === end || isSpace(text.charCodeAt(start + 1)));
}

function isLowercase(c: number): boolean {
  if (c < 128) return c >= 97 && c <= 122;
  return c < 0xd800 && LOWERCASE_RE.test(String.fromCharCode(c));
}

/**
 * True if text[start, end) ends with . ! ? : … or another script's sentence mark (。 । ؟ ։ …),
 * optionally followed by closing quotes or
 * brackets, and the period is not that of an abbreviation (`U.S.`, `Inc.`, an initial).
 */
function endsSentence(text: string, start: number, end: number): boolean {
  let k = end - 1;
  while (k > start && isCloser(text.charCodeAt(k))) k--;
  const c = text.charCodeAt(k);
  if (c === 46) return abbreviationBefore(text, k) === 'none';
  return c === 33 || c === 63 || c === 58 || c === 0x2026 || isScriptTerminal(c);
}

function isCloser(c: number): boolean {
  return c === 34 || c === 39 || c === 41 || c === 93 || c === 0x2019 || c === 0x201d || c === 0xbb;
}

function push(text: string, start: number, end: number, out: Paragraph[]): void {
  out.push({ index: out.length, start, end, text: text.slice(start, end) });
}
