/**
 * Zero-allocation word scanner: hashes the tokens of normalized text in place, producing the
 * same tokens as `tokenize` (words of every script by Unicode class, runs of scripts without
 * spaces cut into character trigrams; see text/words.ts), which a test checks token for token on the
 * fixtures, the multilingual fixtures and the corpus. Used on the signing hot path.
 */
import { bmpClasses, isPair, SEPARATOR, WORD } from '../text/scripts.js';
import { classAt, denseRunEnd, forEachDenseToken, type DenseTokens } from '../text/segment.js';
import { fmix32, TOKEN_HASH_START, tokenHashStep } from './hash.js';

/** A growable Uint32Array buffer reused across calls (signing is synchronous). */
export class HashBuffer {
  data: Uint32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Uint32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
}

/**
 * Appends the hash of every word of `text[from, to)` to `out`, as `hashToken` would compute it
 * for each token `tokenize` returns. Returns the number of tokens appended. Allocation-free per
 * token (a class table lookup per code unit); only a run of a script without spaces in `'words'`
 * mode (the bench's reference) allocates, in Intl.Segmenter.
 */
export function scanTokenHashes(text: string, out: HashBuffer, from = 0, to = text.length, dense?: DenseTokens): number {
  const before = out.length;
  const table = bmpClasses();
  let h = TOKEN_HASH_START;
  let inWord = false;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    let k = table[c]!;
    if (k === WORD) {
      h = tokenHashStep(h, c);
      inWord = true;
      i++;
      continue;
    }
    const pair = k === SEPARATOR && isPair(text, i, to);
    if (pair) {
      k = classAt(text, i, to);
      if (k === WORD) {
        h = tokenHashStep(tokenHashStep(h, c), text.charCodeAt(i + 1));
        inWord = true;
        i += 2;
        continue;
      }
    }
    if (inWord) {
      out.push(fmix32(h));
      h = TOKEN_HASH_START;
      inWord = false;
    }
    if (k === SEPARATOR) {
      i += pair ? 2 : 1;
      continue;
    }
    const end = denseRunEnd(text, i, to);
    denseText = text;
    denseOut = out;
    forEachDenseToken(text, i, end, pushDenseHash, dense);
    i = end;
  }
  if (inWord) out.push(fmix32(h));
  return out.length - before;
}

let denseText = '';
let denseOut: HashBuffer | undefined;

function pushDenseHash(start: number, end: number): void {
  let h = TOKEN_HASH_START;
  for (let j = start; j < end; j++) h = tokenHashStep(h, denseText.charCodeAt(j));
  denseOut!.push(fmix32(h));
}

/**
 * Non-ASCII code units that `normalize` turns into separators only (spaces, ASCII quotes, dashes,
 * dots) or keeps as non-word symbols: NBSP, £ ¥ § © « ® ° · », dashes, curly quotes, † • …,
 * primes, € and −. News text rarely holds other non-ASCII characters.
 */
const SEPARATOR_UNITS = /* @__PURE__ */ (() => {
  const set = new Uint8Array(0x2213);
  for (const c of [0xa0, 0xa3, 0xa5, 0xa7, 0xa9, 0xab, 0xae, 0xb0, 0xb7, 0xbb, 0x2020, 0x2022, 0x2026, 0x2032, 0x2033, 0x20ac, 0x2212]) set[c] = 1;
  for (let c = 0x2010; c <= 0x2015; c++) set[c] = 1;
  for (let c = 0x2018; c <= 0x201f; c++) set[c] = 1;
  return set;
})();

/** For each ASCII code: its lowercase form if it is a word character ([A-Za-z0-9_]), else 0. */
const ASCII_WORD = /* @__PURE__ */ (() => {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95) table[c] = c;
    else if (c >= 65 && c <= 90) table[c] = c | 0x20;
  }
  return table;
})();

/**
 * Fast path for text whose only non-ASCII characters are separators (see SEPARATOR_UNITS), where
 * `normalize` changes no word: hashes the words of raw `text`, lowercasing A–Z in place. Returns
 * the number of tokens appended, or -1 (appending nothing) as soon as a code unit shows the text
 * needs full normalization (accents, ligatures, full-width forms, other scripts).
 */
export function scanSimpleTokenHashes(text: string, out: HashBuffer): number {
  const before = out.length;
  let h = TOKEN_HASH_START;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let w = 0;
    if (c < 128) {
      w = ASCII_WORD[c]!;
    } else if (c >= SEPARATOR_UNITS.length || SEPARATOR_UNITS[c] === 0) {
      out.length = before;
      return -1;
    }
    if (w !== 0) {
      h = tokenHashStep(h, w);
      inWord = true;
    } else if (inWord) {
      out.push(fmix32(h));
      h = TOKEN_HASH_START;
      inWord = false;
    }
  }
  if (inWord) out.push(fmix32(h));
  return out.length - before;
}
