import { describe, expect, it } from 'vitest';
import { DEFAULT_ALIGN_OPTIONS, InvalidArgumentError, compare, splitParagraphs } from '../../src/index.js';
import { expected } from '../helpers/expected.js';
import { fixtureTexts } from '../helpers/fixtures.js';
import { newsCorpus } from '../helpers/corpus.js';

const texts = fixtureTexts();
const text = (id: string) => texts.get(id)!;

describe('compare on the fixtures (every row of expected.json)', () => {
  it.each(expected.pairs.map((p) => [p.a, p.b, p] as const))('%s ↔ %s', (a, b, row) => {
    const c = compare(text(a), text(b));
    expect(row.allowed).toContain(c.relation);
    expect(['derived', 'duplicate', 'near-duplicate'].includes(c.relation)).toBe(row.relation === 'derived');
    if (row.direction) expect(c.direction).toBe(row.direction);
    const back = compare(text(b), text(a));
    expect(back.relation).toBe(c.relation);
  });

  it.each([...texts.keys()])('compare(%s, itself) is a duplicate', (id) => {
    const c = compare(text(id), text(id));
    expect(c.relation).toBe('duplicate');
    expect(c.coverage).toEqual({ a: 1, b: 1 });
    expect(c.alignments.every((x) => x.kind === 'identical')).toBe(true);
  });

  it('aligns 001 to 000 in order, paragraph by paragraph, with offsets a person can follow', () => {
    const c = compare(text('000'), text('001'));
    expect(c.relation).toBe('derived');
    expect(c.direction).toBe('b-from-a');
    expect(c.alignments.length).toBeGreaterThanOrEqual(7);
    expect(c.ordered).toBe(1);
    expect(c.jaccard).toBeGreaterThan(0.1);
    expect(c.jaccard).toBeLessThan(0.2);
    const pa = splitParagraphs(text('000'));
    const pb = splitParagraphs(text('001'));
    for (const x of c.alignments) {
      expect(text('000').slice(x.a.start, x.a.end)).toBe(pa[x.a.paragraph]!.text);
      expect(text('001').slice(x.b.start, x.b.end)).toBe(pb[x.b.paragraph]!.text);
      expect(x.kind).toBe('rewrite');
    }
    // one-to-one
    expect(new Set(c.alignments.map((x) => x.a.paragraph)).size).toBe(c.alignments.length);
    expect(new Set(c.alignments.map((x) => x.b.paragraph)).size).toBe(c.alignments.length);
  });

  it('removes 001’s repeated block before measuring', () => {
    const c = compare(text('000'), text('001'));
    expect(c.repeatedUnits).toEqual({ a: 0, b: 6 });
    expect(c.alignments.some((x) => x.b.paragraph >= 8 && x.b.paragraph <= 13)).toBe(false);
    expect(c.coverage.b).toBeLessThanOrEqual(1);
    const deduped = splitParagraphs(text('001')).filter((p) => p.index < 8 || p.index > 13).map((p) => p.text).join('\n');
    const clean = compare(text('000'), deduped);
    expect(clean.coverage.b).toBeCloseTo(c.coverage.b, 2);
    expect(clean.relation).toBe(c.relation);
  });

  it('separates the rewrite from independent reports by order and coverage', () => {
    const rewrite = compare(text('000'), text('001'));
    for (const [a, b] of [['000', '002'], ['003', '004']] as const) {
      const c = compare(text(a), text(b));
      expect(c.relation).toBe('related');
      expect(c.alignments.length).toBeGreaterThan(0);
      expect(c.alignments.length).toBeLessThanOrEqual(3);
      expect(Math.max(c.coverage.a, c.coverage.b)).toBeLessThan(rewrite.coverage.a / 2);
    }
  });
});

describe('compare in general', () => {
  const news = newsCorpus(40, 'lines').map((d) => d.text);
  const article = news.find((t) => splitParagraphs(t).length >= 8) ?? text('004');

  it('calls lightly edited copies near-duplicates, with near alignments', () => {
    const edited = article.replace(/\bthe\b/, 'a').replace(/\bsaid\b/, 'stated');
    const c = compare(article, edited);
    expect(c.relation).toBe('near-duplicate');
    expect(c.alignments.some((x) => x.kind === 'near')).toBe(true);
    const dropped = splitParagraphs(article).slice(1).map((p) => p.text).join('\n\n');
    expect(compare(article, dropped).relation).toBe('near-duplicate');
  });

  it('calls a verbatim partial copy derived, the copy being the more covered side', () => {
    const paragraphs = splitParagraphs(article).map((p) => p.text);
    const copy = [paragraphs[1], paragraphs[2], 'An editor added this line of her own, unlike anything else here.'].join('\n\n');
    const c = compare(article, copy);
    expect(c.relation).toBe('derived');
    expect(c.direction).toBe('b-from-a');
    expect(c.alignments.filter((x) => x.kind === 'identical')).toHaveLength(2);
  });

  it('uses publishedAt and wire credits to name the copy', () => {
    const paragraphs = splitParagraphs(article).map((p) => p.text);
    const copy = paragraphs.slice(0, 4).join('\n\n');
    const original = paragraphs.slice(0, 4).join('\n\n') + '\n\nOne more paragraph, written only for this version of the story.';
    expect(compare({ text: copy, publishedAt: '2024-01-02' }, { text: original, publishedAt: '2024-01-03' }).direction).toBe('b-from-a');
    expect(compare(copy + '\n\nSource: Reuters', original).direction).toBe('a-from-b');
  });

  it('aligns texts without paragraph breaks by sentences', () => {
    const flatA = text('000').replace(/\s+/g, ' ');
    const flatB = splitParagraphs(text('001')).filter((p) => p.index < 8 || p.index > 13).map((p) => p.text).join(' ');
    const c = compare(flatA, flatB);
    expect(c.unit).toBe('sentence');
    expect(c.relation).toBe('derived');
    for (const x of c.alignments) {
      expect(x.a.end).toBeGreaterThan(x.a.start);
      expect(flatA.slice(x.a.start, x.a.end).length).toBeLessThanOrEqual(DEFAULT_ALIGN_OPTIONS.maxParagraphChars);
    }
  });

  it('gives a valid result for empty, tiny and odd input', () => {
    const odd = ['', ' ', 'Tokyo', '!!! ... ???', 'lone \ud800 surrogate', '\u0000\u202e RTL', 'a\r\nb\r\nc'];
    for (const x of odd) {
      for (const y of odd) {
        const c = compare(x, y);
        expect(['duplicate', 'near-duplicate', 'derived', 'related', 'unrelated']).toContain(c.relation);
        expect(c.coverage.a).toBeGreaterThanOrEqual(0);
        expect(c.coverage.a).toBeLessThanOrEqual(1);
      }
    }
    expect(compare('', '').relation).toBe('duplicate');
    expect(compare('Tokyo', 'Osaka').relation).toBe('unrelated');
  });

  it('rejects bad arguments with InvalidArgumentError', () => {
    expect(() => compare(1 as unknown as string, 'x')).toThrow(InvalidArgumentError);
    expect(() => compare('x', { body: 'x' } as never)).toThrow(/string or \{ text, publishedAt\? \}/);
    expect(() => compare('x', 'y', { nearSimilarity: -1 })).toThrow(/nearSimilarity/);
    expect(() => compare({ text: 'x', publishedAt: 'not a date' }, 'y')).toThrow(/publishedAt/);
  });

  it('stays fast on two near-identical 1 MB texts (edit distance is bounded)', () => {
    let big = '';
    for (const t of newsCorpus(2225, 'lines').map((d) => d.text)) {
      if (big.length > 1_000_000) break;
      big += t + '\n\n';
    }
    if (big.length < 1_000_000) big = (text('000') + '\n').repeat(500);
    const edited = big.replace(/ the /g, (m, offset: number) => (offset % 7 === 0 ? ' a ' : m));
    const started = Date.now();
    const c = compare(big, edited);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(['near-duplicate', 'duplicate']).toContain(c.relation);
  });
});
