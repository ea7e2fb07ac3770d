import { describe, expect, it } from 'vitest';
import { Detector, DuplicateIdError, InvalidArgumentError, LimitExceededError, splitParagraphs } from '../../src/index.js';
import { expected } from '../helpers/expected.js';
import { fixtureTexts } from '../helpers/fixtures.js';
import { newsCorpus } from '../helpers/corpus.js';

const texts = fixtureTexts();
const date = (id: string) => expected.articles.find((a) => a.id === id)!.publishedAt;

async function fixtureDetector(): Promise<{ detector: Detector; matches: Map<string, Awaited<ReturnType<Detector['add']>>> }> {
  const detector = new Detector();
  const matches = new Map<string, Awaited<ReturnType<Detector['add']>>>();
  for (const [id, text] of texts) matches.set(id, await detector.add({ id, text, publishedAt: date(id) }));
  return { detector, matches };
}

describe('Detector on the five fixtures (defaults)', () => {
  it('forms one cluster {000, 001} with canonical 000', async () => {
    const { detector } = await fixtureDetector();
    expect(await detector.clusters()).toEqual([{ ids: ['000', '001'], canonical: '000', canonicalReason: 'earliest' }]);
    expect(await detector.size()).toBe(5);
  });

  it('reports 001 as derived from 000 when it arrives', async () => {
    const { matches } = await fixtureDetector();
    const [first] = matches.get('001')!;
    expect(first).toMatchObject({ id: '000', relation: 'derived', direction: 'a-from-b' });
    expect(first!.similarity).toBeGreaterThan(0.1);
    expect(first!.coverage.query).toBeGreaterThan(0.7);
    expect(first!.score).toBe(first!.comparison.score);
    expect(first!.score).toBeGreaterThanOrEqual(0.5);
    expect(first!.comparison.directionReason).toBe('credit');
    expect(first!.comparison.directionCredit).toBe('Reuters');
  });

  it('reports 002 and 004 only as related, never in a cluster', async () => {
    const { detector, matches } = await fixtureDetector();
    expect(matches.get('002')!.length).toBeGreaterThan(0);
    expect(matches.get('002')!.every((m) => m.relation === 'related')).toBe(true);
    expect(matches.get('004')!.map((m) => [m.id, m.relation])).toEqual([['003', 'related']]);
    for (const m of [...matches.values()].flat()) expect(['related', 'derived']).toContain(m.relation);
    const clustered = (await detector.clusters()).flatMap((c) => c.ids);
    for (const id of ['002', '003', '004']) expect(clustered).not.toContain(id);
    const related = (await detector.pairs()).filter((p) => p.relation === 'related').map((p) => [p.a, p.b].sort().join('-'));
    expect(related).toContain('003-004');
  });

  it('never relates the June articles to the November ones beyond "related"', async () => {
    const { matches } = await fixtureDetector();
    for (const id of ['003', '004']) {
      for (const m of matches.get(id)!) if (['000', '001', '002'].includes(m.id)) expect(m.relation).toBe('related');
    }
  });
});

describe('Detector behaviour', () => {
  const news = newsCorpus(60, 'lines').map((d, i) => ({ id: `news-${i}`, text: d.text }));

  it('finds exact and lightly edited copies among unrelated articles, best first', async () => {
    const detector = new Detector();
    for (const a of news.slice(0, 50)) await detector.add(a);
    const target = news[7]!.text;
    const exact = await detector.match(target);
    expect(exact[0]).toMatchObject({ id: 'news-7', relation: 'duplicate', similarity: 1 });
    const edited = target.replace(/\bthe\b/, 'a').replace(/\bsaid\b/g, 'stated');
    expect((await detector.match(edited))[0]).toMatchObject({ id: 'news-7', relation: 'near-duplicate' });
    expect(await detector.match(news[55]!.text)).toEqual([]);
  });

  it('finds a rewrite through the paragraph index although whole-text Jaccard is low', async () => {
    const detector = new Detector();
    for (const a of news.slice(0, 30)) await detector.add(a);
    await detector.add({ id: '000', text: texts.get('000')! });
    const rewrite = splitParagraphs(texts.get('001')!).filter((p) => p.index < 8 || p.index > 13).map((p) => p.text).join('\n');
    const [m] = await detector.match(rewrite);
    expect(m).toMatchObject({ id: '000', relation: 'derived' });
    expect(m!.similarity).toBeLessThan(0.2);
  });

  it('never matches an article with itself, and refuses a second add of an id', async () => {
    const detector = new Detector();
    await detector.add({ id: 'a', text: news[0]!.text });
    expect(await detector.match({ id: 'a', text: news[0]!.text })).toEqual([]);
    await expect(detector.add({ id: 'a', text: 'other' })).rejects.toBeInstanceOf(DuplicateIdError);
  });

  it('removes an article from both indexes', async () => {
    const detector = new Detector();
    await detector.add({ id: 'x', text: news[1]!.text });
    await detector.add({ id: 'y', text: news[1]!.text });
    expect(await detector.clusters()).toHaveLength(1);
    expect(await detector.remove('x')).toBe(true);
    expect(await detector.remove('x')).toBe(false);
    expect(await detector.has('x')).toBe(false);
    expect(await detector.documents.size()).toBe(1);
    expect(await detector.clusters()).toEqual([]);
    expect((await detector.match(news[1]!.text)).map((m) => m.id)).toEqual(['y']);
    await detector.remove('y');
    expect(await detector.passages.size()).toBe(0);
  });

  it('accepts any string id, "__proto__", "constructor", "" and ids with colons', async () => {
    const detector = new Detector();
    const ids = ['__proto__', 'constructor', '', '3:4:five', 'hasOwnProperty'];
    for (const [i, id] of ids.entries()) await detector.add({ id, text: news[10 + i]!.text });
    for (const [i, id] of ids.entries()) {
      expect(await detector.has(id)).toBe(true);
      expect((await detector.match(news[10 + i]!.text))[0]!.id).toBe(id);
    }
    expect(await detector.remove('3:4:five')).toBe(true);
    expect(await detector.passages.size()).toBeGreaterThan(0);
  });

  it('picks the canonical member: earliest publishedAt, else the original, else the longest', async () => {
    const base = news[2]!.text;
    const d1 = new Detector();
    await d1.add({ id: 'late', text: base, publishedAt: '2024-02-02' });
    await d1.add({ id: 'early', text: base + '\n\nExtra closing line for this copy.', publishedAt: '2024-02-01' });
    expect((await d1.clusters())[0]).toMatchObject({ canonical: 'early', canonicalReason: 'earliest' });
    const d2 = new Detector();
    const paragraphs = splitParagraphs(base).map((p) => p.text);
    await d2.add({ id: 'copy', text: paragraphs.slice(0, 3).join('\n\n') + '\n\nSource: Reuters' });
    await d2.add({ id: 'wire', text: base });
    expect((await d2.clusters())[0]).toEqual({ ids: ['copy', 'wire'], canonical: 'wire', canonicalReason: 'credited' });
  });

  it('evicts articles older than a time', async () => {
    const detector = new Detector();
    await detector.add({ id: 'old', text: news[3]!.text, publishedAt: '2020-01-01' });
    await detector.add({ id: 'new', text: news[4]!.text, publishedAt: '2024-01-01' });
    expect(await detector.removeOlderThan('2023-01-01')).toBe(1);
    expect(await detector.has('old')).toBe(false);
    expect(await detector.match(news[3]!.text)).toEqual([]);
  });

  it('enforces its limits and validates its input with typed errors', async () => {
    const detector = new Detector({ limits: { maxLength: 1000 } });
    await expect(detector.add({ id: 'big', text: 'x '.repeat(1000) })).rejects.toBeInstanceOf(LimitExceededError);
    await expect(detector.add({ id: 'big', text: 'x '.repeat(1000) })).rejects.toThrow(/raise limits.maxLength/);
    await expect(detector.add({ id: 1, text: 'x' } as never)).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(detector.add(null as never)).rejects.toThrow(/must be an object/);
    await expect(detector.match(42 as never)).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(detector.add({ id: 'd', text: 'x', publishedAt: 'yesterday' })).rejects.toThrow(/publishedAt/);
    expect(() => new Detector({ threshold: 2 })).toThrow(InvalidArgumentError);
    expect(() => new Detector({ maxCandidates: 0 })).toThrow(/maxCandidates/);
  });
});
