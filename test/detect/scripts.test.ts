import { describe, expect, it } from 'vitest';
import { compare, Detector, MinHasher } from '../../src/index.js';
import { isEmptySignature } from '../../src/sketch/signature.js';
import { articleTexts, editedCopy, longText, scriptFixtures } from '../helpers/scripts.js';

const fixtures = scriptFixtures();
const COPIES = new Set(['duplicate', 'near-duplicate', 'derived']);

describe('different UDHR articles, in every script, are never copies', () => {
  it('MinHasher.sign gives every article of every language its own, non-empty signature', () => {
    const hasher = new MinHasher();
    const seen = new Set<string>();
    for (const f of fixtures) {
      for (const text of articleTexts(f)) {
        const sig = hasher.sign(text);
        expect(isEmptySignature(sig), f.code).toBe(false);
        const key = Buffer.from(sig.values.buffer).toString('base64');
        expect(seen.has(key), f.code).toBe(false);
        seen.add(key);
      }
    }
    expect(seen.size).toBeGreaterThan(180);
  });

  it('compare says no pair of different articles is a copy (at most related)', () => {
    for (const f of fixtures) {
      const texts = articleTexts(f);
      for (let i = 0; i < texts.length; i++) {
        for (let j = i + 1; j < texts.length; j++) {
          const relation = compare(texts[i]!, texts[j]!).relation;
          if (COPIES.has(relation)) throw new Error(`${f.code}: texts ${i} and ${j} came out ${relation}`);
        }
      }
    }
  });

  it('the Detector finds no copies among the articles of each language', async () => {
    for (const f of fixtures) {
      const detector = new Detector();
      for (const [k, text] of articleTexts(f).entries()) {
        const v = await detector.process({ id: `${f.code}-${k}`, text });
        expect(COPIES.has(v.verdict), `${f.code}-${k}: ${v.verdict} of ${v.of}`).toBe(false);
      }
    }
  });
});

describe('an edited copy (a paragraph dropped, one shortened), in every script', () => {
  it('compare finds it near-duplicate or derived', () => {
    for (const f of fixtures) {
      const original = longText(f);
      const relation = compare(original.join('\n\n'), editedCopy(original)).relation;
      expect(['near-duplicate', 'derived'], f.code).toContain(relation);
    }
  });

  it('the Detector returns the original first, among all articles of the language', async () => {
    for (const f of fixtures) {
      const detector = new Detector();
      const original = longText(f);
      await detector.add({ id: 'original', text: original.join('\n\n') });
      for (const [k, text] of f.articles.entries()) await detector.add({ id: `article-${k + 1}`, text: text.paragraphs.join('\n') });
      const v = await detector.process({ id: 'copy', text: editedCopy(original) });
      expect(v.of, f.code).toBe('original');
      expect(['near-duplicate', 'derived'], f.code).toContain(v.verdict);
    }
  });
});

describe('a text with no tokens', () => {
  const symbols = ['… !!! ???', '😀👍🏽 ❤️ 🇯🇵', '© → ∞ 。、「」', '— — —', '#### ****'];

  it('is unrelated to every other text, and a duplicate only of itself', () => {
    for (const a of symbols) {
      expect(compare(a, a).relation).toBe('duplicate');
      for (const b of symbols) if (a !== b) expect(compare(a, b).relation).toBe('unrelated');
      expect(compare(a, articleTexts(fixtures[0]!)[0]!).relation).toBe('unrelated');
      expect(compare(a, '').relation).toBe('unrelated');
    }
  });

  it('is stored by the Detector but indexed as nothing: it matches nothing and nothing matches it', async () => {
    const detector = new Detector();
    for (const [k, text] of symbols.entries()) {
      const v = await detector.process({ id: `s${k}`, text });
      expect(v).toMatchObject({ verdict: 'new', matches: [], added: true });
    }
    expect(await detector.size()).toBe(symbols.length);
    expect(await detector.match('!!! ??? …')).toEqual([]);
    expect(await detector.has('s0')).toBe(true);
    const text = articleTexts(fixtures[0]!)[0]!;
    expect((await detector.process({ id: 'content', text })).matches).toEqual([]);
    expect(await detector.remove('s1')).toBe(true);
    const restored = await Detector.load(await detector.save());
    expect(await restored.size()).toBe(symbols.length); // four symbol texts and one article
    expect(await restored.match('😀')).toEqual([]);
  });
});
