/**
 * An archive larger than the corpus, of the same kind of text: article k is corpus document
 * k mod N with its content words respelled for round ⌊k / N⌋. Every word of four or more letters
 * outside the corpus's most frequent ones is respelled, consistently within a round, as a made-up
 * word of the same length; short words, frequent words ("said", "company", "billion") and numbers
 * are kept. So every round has the corpus's lengths, paragraphing, internal copies and stock
 * phrases ("said in a", "mln dlrs vs"), stock phrases recur across rounds as in a real archive,
 * and texts of different rounds are not copies of each other. Round 0 is respelled too, so every
 * timing window holds the same kind of text.
 */
import type { Doc } from './corpus.js';

const SYLLABLES = ['ka', 'lo', 'mi', 'te', 'va', 'su', 're', 'do', 'pi', 'an', 'qu', 'es', 'to', 'br', 'na', 'ov', 'im', 'ra', 'se', 'gu', 'le', 'mo', 'tr', 'ix'];
/** Words this frequent in the corpus (by rank) are stock vocabulary, never respelled. */
const STOCK_WORDS = 300;

function hashWord(word: string, round: number, seed: number): number {
  let h = (0x811c9dc5 ^ Math.imul(round + 1, 0x9e3779b1) ^ seed) >>> 0;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

/** The corpus's most frequent words of four or more letters (lowercase). */
export function stockWords(docs: readonly Doc[]): ReadonlySet<string> {
  const counts = new Map<string, number>();
  for (const d of docs) for (const w of d.text.toLowerCase().match(/[a-z]{4,}/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  return new Set([...counts].sort((x, y) => y[1] - x[1]).slice(0, STOCK_WORDS).map(([w]) => w));
}

/** Respells `text` for `round` (see the file comment), keeping `stock` words. */
export function respell(text: string, round: number, seed: number, stock: ReadonlySet<string>): string {
  const memo = new Map<string, string>();
  return text.replace(/[A-Za-z]{4,}/g, (w) => {
    const lower = w.toLowerCase();
    if (stock.has(lower)) return w;
    let out = memo.get(lower);
    if (out === undefined) {
      let h = hashWord(lower, round, seed);
      out = '';
      while (out.length < lower.length) {
        out += SYLLABLES[h % SYLLABLES.length];
        h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
      }
      out = out.slice(0, lower.length);
      memo.set(lower, out);
    }
    return w === lower ? out : w === w.toUpperCase() ? out.toUpperCase() : out.charAt(0).toUpperCase() + out.slice(1);
  });
}

/** The k-th article of the archive stream over `docs`. */
export function archiveArticle(docs: readonly Doc[], k: number, seed: number, stock: ReadonlySet<string>): { id: string; text: string } {
  const doc = docs[k % docs.length]!;
  const round = Math.floor(k / docs.length);
  return { id: `${doc.id}#${round}`, text: respell(doc.text, round, seed, stock) };
}
