/**
 * The crafted inputs of issue 14 that made repeat search unbounded: groups of 60 paragraphs of
 * ~2,000 characters, each the same base paragraph with 8% of its words replaced, so every pair in
 * a group shares about half its shingles yet none reaches the repeat similarity.
 */
import { rng } from './random.js';

/** Synthetic words: consonant-vowel syllables, 2–4 of them. */
function word(random: () => number): string {
  const c = 'bcdfghklmnprstvz';
  const v = 'aeiou';
  let w = '';
  const syllables = 2 + Math.floor(random() * 3);
  for (let s = 0; s < syllables; s++) w += c[Math.floor(random() * c.length)]! + v[Math.floor(random() * v.length)]!;
  return w;
}

/**
 * About `bytes` characters of text: groups of `perGroup` paragraphs, each group a fresh base
 * paragraph of ~`paragraphChars` characters with `replaced` of its words swapped per paragraph.
 */
export function craftedRepeats(bytes: number, seed = 14, perGroup = 60, paragraphChars = 2000, replaced = 0.08): string {
  const random = rng(seed);
  const paragraphs: string[] = [];
  let total = 0;
  while (total < bytes) {
    const base: string[] = [];
    for (let chars = 0; chars < paragraphChars - 8; ) {
      const w = word(random);
      base.push(w);
      chars += w.length + 1;
    }
    for (let k = 0; k < perGroup && total < bytes; k++) {
      const words = base.map((w) => (random() < replaced ? word(random) : w));
      const p = words.join(' ') + '.';
      paragraphs.push(p);
      total += p.length + 2;
    }
  }
  return paragraphs.join('\n\n');
}
