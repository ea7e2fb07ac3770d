import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, findRepeats, normalize, splitParagraphs } from '../../src/index.js';
import { expected } from '../helpers/expected.js';
import { fixtureTexts } from '../helpers/fixtures.js';
import { rng } from '../helpers/random.js';
import { repeatedUnits } from '../../src/align/repeats.js';
import { editSimilarity, intersectionSize } from '../../src/align/similarity.js';
import { textUnits } from '../../src/align/units.js';

describe('findRepeats on the fixtures', () => {
  const texts = fixtureTexts();

  it.each([...texts.keys()])('finds exactly the repeats expected.json lists for %s', (id) => {
    const text = texts.get(id)!;
    const found = findRepeats(text).map((r) => ({ first: r.first, second: r.second }));
    const wanted = expected.repeats.filter((r) => r.id === id).map((r) => ({ first: r.first, second: r.second }));
    expect(found).toEqual(wanted);
  });

  it('reports 001 as one block of six paragraphs, 2–7 repeated as 8–13, with offsets', () => {
    const text = texts.get('001')!;
    const [block, ...rest] = findRepeats(text);
    expect(rest).toEqual([]);
    expect(block).toMatchObject({ first: { from: 2, to: 7 }, second: { from: 8, to: 13 }, paragraphs: 6, similarity: 1 });
    const paragraphs = splitParagraphs(text);
    expect(block!.firstSpan).toEqual({ start: paragraphs[2]!.start, end: paragraphs[7]!.end });
    expect(block!.secondSpan).toEqual({ start: paragraphs[8]!.start, end: paragraphs[13]!.end });
    const first = text.slice(block!.firstSpan.start, block!.firstSpan.end);
    const second = text.slice(block!.secondSpan.start, block!.secondSpan.end);
    expect(normalize(first)).toBe(normalize(second));
  });

  it('finds 002’s repeated headline', () => {
    const text = texts.get('002')!;
    const [block] = findRepeats(text);
    expect(text.slice(block!.firstSpan.start, block!.firstSpan.end)).toBe('EU eyes security, defense partnerships with Japan and South Korea');
    expect(text.slice(block!.secondSpan.start, block!.secondSpan.end)).toBe(text.slice(block!.firstSpan.start, block!.firstSpan.end));
  });
});

describe('findRepeats in general', () => {
  const bodies: Record<string, string> = {
    Alpha: 'The ministers met in Tokyo on Friday to sign the new partnership agreement.',
    Bravo: 'Officials said naval exercises would begin early next year in the Pacific.',
    Charlie: 'Analysts expect the deal to open European markets to Japanese defence firms.',
    Delta: 'Critics in parliament questioned the cost of the programme and its oversight.',
    Echo: 'The next round of talks is planned for the spring, according to diplomats.',
  };
  const p = (s: string) => (s.endsWith('.') ? bodies[s.slice(0, -1)]!.replace('early', 'earlier') : bodies[s]!);

  it('counts near-identical repeats (edit similarity ≥ 0.9) and merges consecutive ones', () => {
    const text = [p('Alpha'), p('Bravo'), p('Charlie'), p('Delta'), p('Alpha'), p('Bravo.'), p('Charlie'), p('Echo')].join('\n');
    const [block, ...rest] = findRepeats(text);
    expect(rest).toEqual([]);
    expect(block).toMatchObject({ first: { from: 0, to: 2 }, second: { from: 4, to: 6 }, paragraphs: 3 });
    expect(block!.similarity).toBeGreaterThanOrEqual(0.9);
    expect(block!.similarity).toBeLessThan(1);
  });

  it('does not count a heavily edited paragraph, nor short lines', () => {
    const text = [p('Alpha'), 'World', 'Totally different words are here now, none alike at all.', 'World'].join('\n');
    expect(findRepeats(text)).toEqual([]);
    expect(findRepeats('World\nWorld', { minWords: 1 })).toHaveLength(1);
  });

  it('reports a paragraph repeated three times against its first occurrence', () => {
    const text = [p('Alpha'), p('Bravo'), p('Alpha'), p('Charlie'), p('Alpha')].join('\n\n');
    const found = findRepeats(text);
    expect(found.map((r) => [r.first.from, r.second.from])).toEqual([[0, 2], [0, 4]]);
  });

  it('handles empty, blank, punctuation-only and odd input without throwing', () => {
    for (const text of ['', '   \n\n  ', '!!! ??? ...', '\ud800 lone \udc00 surrogates', 'one', 'a\r\nb\r\na\r\nb']) {
      expect(Array.isArray(findRepeats(text))).toBe(true);
    }
  });

  it('rejects bad arguments with InvalidArgumentError', () => {
    expect(() => findRepeats(42 as unknown as string)).toThrow(InvalidArgumentError);
    expect(() => findRepeats('x', { nearSimilarity: 2 })).toThrow(/nearSimilarity/);
    expect(() => findRepeats('x', 'nope' as never)).toThrow(InvalidArgumentError);
  });
});

describe('repeatedUnits candidate choice', () => {
  it('matches an all-pairs reference: the first of the 3 best-sharing earlier units (≥ half the shingles) within edit similarity', () => {
    const random = rng(11);
    const words = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma'.split(' ');
    for (let round = 0; round < 20; round++) {
      const bases = Array.from({ length: 3 }, () => Array.from({ length: 12 + Math.floor(random() * 10) }, () => words[Math.floor(random() * words.length)]!));
      const paragraphs = Array.from({ length: 30 }, () => {
        const base = bases[Math.floor(random() * bases.length)]!;
        return base.map((w) => (random() < 0.08 ? words[Math.floor(random() * words.length)]! : w)).join(' ') + '.';
      });
      const units = textUnits(paragraphs.join('\n\n'), { shingleSize: 3, sentences: false }, undefined, () => false);
      const got = repeatedUnits(units, 0.9, 3, 2000);
      // Reference: all earlier units, no postings, no budget.
      const of: number[] = [];
      for (const u of units) {
        of[u.index] = -1;
        const exact = units.findIndex((v) => v.index < u.index && v.norm === u.norm && v.words >= 3);
        if (exact >= 0) {
          of[u.index] = exact;
          continue;
        }
        const candidates = units
          .filter((v) => v.index < u.index && v.words >= 3)
          .map((v) => ({ v, n: intersectionSize(u.shingles, v.shingles) }))
          .filter(({ v, n }) => n > 0 && n * 2 >= Math.min(u.shingles.length, v.shingles.length))
          .sort((x, y) => y.n - x.n || x.v.index - y.v.index)
          .slice(0, 3);
        const hit = candidates.find(({ v }) => editSimilarity(u.norm, v.norm)! >= 0.9);
        if (hit) of[u.index] = of[hit.v.index]! >= 0 ? of[hit.v.index]! : hit.v.index;
      }
      expect([...got.of]).toEqual(of);
    }
  });
});
