/**
 * The phrases two aligned passages share, as character spans of each original text: maximal runs
 * of words covered by a word 3-shingle present in both passages (the "common n-gram" reading of
 * text reuse: Lyon, Malcolm & Dickerson, "Detecting short passages of similar text in large
 * document collections", EMNLP 2001), mapped back from words to character offsets.
 */
import { normalize } from '../text/normalize.js';
import { assertInteger, assertRecord, assertString } from '../validate.js';

/** A half-open character span `[start, end)` of an original text. */
export type CharSpan = readonly [start: number, end: number];

/** Shared phrases of an aligned pair: spans into text a and into text b, in text order. */
export interface SharedSpans {
  readonly a: readonly CharSpan[];
  readonly b: readonly CharSpan[];
}

/** Words per shingle: two shared words are often chance ("of the"), three rarely are. */
const SHINGLE_WORDS = 3;
/** Ids of distinct words pack three to a float64-exact key while there are at most 2^17 of them. */
const ID_BITS = 17;
const MAX_DISTINCT = 1 << ID_BITS;

const WORD = /[\p{L}\p{N}]+/gu;
// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

interface Words {
  /** Word ids (shared vocabulary of both passages). */
  readonly ids: number[];
  /** Character offsets of each word in the original text. */
  readonly starts: number[];
  readonly ends: number[];
}

function words(text: string, start: number, end: number, vocabulary: Map<string, number>): Words {
  const ids: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const slice = text.slice(start, end);
  WORD.lastIndex = 0;
  for (let m = WORD.exec(slice); m; m = WORD.exec(slice)) {
    const raw = m[0];
    const key = ASCII.test(raw) ? raw.toLowerCase() : normalize(raw);
    let id = vocabulary.get(key);
    if (id === undefined) vocabulary.set(key, (id = vocabulary.size));
    ids.push(id);
    starts.push(start + m.index);
    ends.push(start + m.index + raw.length);
  }
  return { ids, starts, ends };
}

function shingleKey(ids: readonly number[], i: number, k: number): number {
  let key = 0;
  for (let t = 0; t < k; t++) key = key * MAX_DISTINCT + ids[i + t]!;
  return key;
}

/** Marks the words of `w` covered by a k-shingle whose key is in `other`. */
function coveredWords(w: Words, k: number, other: ReadonlySet<number>): Uint8Array {
  const covered = new Uint8Array(w.ids.length);
  for (let i = 0; i + k <= w.ids.length; i++) {
    if (other.has(shingleKey(w.ids, i, k))) covered.fill(1, i, i + k);
  }
  return covered;
}

function keys(w: Words, k: number): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i + k <= w.ids.length; i++) out.add(shingleKey(w.ids, i, k));
  return out;
}

/** Runs of covered words as character spans (a run spans from its first word's start to its last word's end). */
function runs(w: Words, covered: Uint8Array): CharSpan[] {
  const out: CharSpan[] = [];
  for (let i = 0; i < covered.length; i++) {
    if (!covered[i]) continue;
    let j = i;
    while (j + 1 < covered.length && covered[j + 1]) j++;
    out.push([w.starts[i]!, w.ends[j]!]);
    i = j;
  }
  return out;
}

/**
 * The phrases that passage `textA.slice(a.start, a.end)` and passage `textB.slice(b.start, b.end)`
 * share: maximal runs of words covered by a word 3-shingle found in both (words compared after
 * `normalize`: case, diacritics and quote styles do not matter). Passages shorter than three words
 * count as shared when all their words are equal. Offsets are into the original texts, so
 * `textA.slice(s, e)` is the shared phrase. Linear in the passages' length; passages with more
 * than 131,072 distinct words return no spans.
 *
 * @example
 * ```ts
 * const a = 'The pact was signed in Brussels on Monday.';
 * const b = 'On Monday the pact was signed in Brussels.';
 * sharedSpans(a, { start: 0, end: a.length }, b, { start: 0, end: b.length });
 * // { a: [[0, 31]], b: [[10, 41]] } — "The pact was signed in Brussels"
 * ```
 */
export function sharedSpans(
  textA: string,
  a: { readonly start: number; readonly end: number },
  textB: string,
  b: { readonly start: number; readonly end: number },
): SharedSpans {
  assertString(textA, 'textA');
  checkSpan(a, 'spanA');
  assertString(textB, 'textB');
  checkSpan(b, 'spanB');
  const vocabulary = new Map<string, number>();
  const wa = words(textA, a.start, a.end, vocabulary);
  const wb = words(textB, b.start, b.end, vocabulary);
  if (vocabulary.size > MAX_DISTINCT || wa.ids.length === 0 || wb.ids.length === 0) return { a: [], b: [] };
  const k = Math.min(SHINGLE_WORDS, wa.ids.length, wb.ids.length);
  if (k < SHINGLE_WORDS && (wa.ids.length !== wb.ids.length || wa.ids.some((id, i) => id !== wb.ids[i]))) return { a: [], b: [] };
  return { a: runs(wa, coveredWords(wa, k, keys(wb, k))), b: runs(wb, coveredWords(wb, k, keys(wa, k))) };
}

/** A `{ start, end }` character span: whole numbers ≥ 0. */
function checkSpan(span: unknown, name: string): void {
  assertRecord(span, name, '{ start, end } character offsets');
  assertInteger(span.start, `${name}.start`, 0);
  assertInteger(span.end, `${name}.end`, 0);
}
