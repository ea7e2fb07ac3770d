import { describe, expect, it } from 'vitest';
import { normalize, tokenize } from '../../src/index.js';
import { hashToken } from '../../src/sketch/hash.js';
import { HashBuffer, scanSimpleTokenHashes, scanTokenHashes } from '../../src/sketch/scan.js';
import { fixtureTexts } from '../helpers/fixtures.js';
import { newsCorpus } from '../helpers/corpus.js';
import { rng } from '../helpers/random.js';
import { articleTexts, scriptFixtures } from '../helpers/scripts.js';

function scanned(text: string): number[] {
  const out = new HashBuffer(16);
  scanTokenHashes(normalize(text), out);
  return Array.from(out.data.subarray(0, out.length));
}

describe('zero-allocation scanner', () => {
  const texts = [...fixtureTexts().values(), ...newsCorpus(1500, 'reuters').map((d) => d.text), ...newsCorpus(300, 'lines').map((d) => d.text)];

  it('yields exactly the tokens of natural’s WordTokenizer (via tokenize) on fixtures and corpus', () => {
    expect(texts.length).toBeGreaterThan(5);
    for (const text of texts) expect(scanned(text)).toEqual(tokenize(text).map(hashToken));
  });

  it('yields exactly the tokens of tokenize on the UDHR fixtures in 17 languages, and mixed text', () => {
    const multilingual = scriptFixtures().flatMap(articleTexts);
    expect(multilingual.length).toBeGreaterThan(180);
    for (const text of multilingual) expect(scanned(text)).toEqual(tokenize(text).map(hashToken));
    const mixed = '日本とEUが2024年に防衛協力で合意。Reuters reported: "การประชุม" 𠮷野家 😀 צה"ל ä̈ ปั้น';
    expect(scanned(mixed)).toEqual(tokenize(mixed).map(hashToken));
    expect(tokenize(mixed)).toContain('𠮷野家'); // an astral ideograph (plane 2) is a character like any other
  });

  it('takes the fast path only when it gives the same hashes as full normalization', () => {
    let fast = 0;
    for (const text of texts) {
      const out = new HashBuffer(16);
      if (scanSimpleTokenHashes(text, out) >= 0) {
        fast++;
        expect(Array.from(out.data.subarray(0, out.length))).toEqual(scanned(text));
      } else {
        expect(out.length).toBe(0);
      }
    }
    expect(fast).toBeGreaterThan(texts.length * 0.9);
  });

  it('agrees with full normalization on random mixes of ASCII, punctuation and accents', () => {
    const alphabet = [...'abcXYZ09_ -.,\'"\n\t', '\u00a0', '’', '“', '”', '—', '–', '…', '£', '€', 'é', 'Ä', 'ﬁ', 'Ｔ', '\u200b', '\u00ad', 'ß', 'Ж', 'ж', '東',
      'の', 'ก', '\u0e31', 'क', '\u093f', 'α', 'ά', 'ب', 'א', '가', '😀', '𠮷', '\ufe0f', '。', '\u0301', '\ud800'];
    const random = rng(77);
    for (let i = 0; i < 3000; i++) {
      let text = '';
      const n = Math.floor(random() * 40);
      for (let j = 0; j < n; j++) text += alphabet[Math.floor(random() * alphabet.length)];
      const out = new HashBuffer(4);
      if (scanSimpleTokenHashes(text, out) >= 0) expect(Array.from(out.data.subarray(0, out.length))).toEqual(scanned(text));
      expect(scanned(text)).toEqual(tokenize(text).map(hashToken));
    }
  });
});
