import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { Detector, compare, dedup, dedupStream, type Article, type Verdict } from '../../src/index.js';
import { expected } from '../helpers/expected.js';
import { fixtureTexts } from '../helpers/fixtures.js';
import { newsCorpus } from '../helpers/corpus.js';
import { rng } from '../helpers/random.js';

const fixtures: Article[] = [...fixtureTexts()].map(([id, text]) => ({
  id,
  text,
  publishedAt: expected.articles.find((a) => a.id === id)!.publishedAt,
}));
const news = newsCorpus(40, 'lines').map((d, i) => ({ id: `news-${i}`, text: d.text }));

describe('Detector.process on the fixtures in order', () => {
  it('says 000 new, 001 derived of 000, 002 related to 000, 003 new, 004 related to 003', async () => {
    const verdicts: Verdict[] = [];
    for await (const v of dedup(fixtures)) verdicts.push(v);
    const got = verdicts.map((v) => [v.id, v.verdict, v.of]);
    expect(got).toEqual([
      ['000', 'new', null],
      ['001', 'derived', '000'],
      ['002', 'related', '000'],
      ['003', 'new', null],
      ['004', 'related', '003'],
    ]);
    expect(verdicts.every((v) => v.verdict !== 'duplicate' && v.added)).toBe(true);
    expect(verdicts[1]!.direction).toBe('a-from-b');
    expect(verdicts[1]).toMatchObject({ copy: verdicts[1]!.id, original: verdicts[1]!.of });
    expect(verdicts[0]).toMatchObject({ of: null, copy: null, original: null, direction: null });
  });

  it('reports wire credits and boilerplate lines', async () => {
    const detector = new Detector();
    const byId = new Map<string, Verdict>();
    for (const a of fixtures) byId.set(a.id, await detector.process(a));
    expect(byId.get('001')!.credits.map((c) => [c.agency, c.kind])).toEqual([['Reuters', 'source']]);
    // headline, subheadings and the 'World' section label are page chrome (short, no sentence punctuation)
    expect(byId.get('003')!.boilerplate.map((b) => b.kind)).toEqual(['chrome', 'read-more', 'chrome', 'read-more', 'chrome']);
    expect(byId.get('004')!.boilerplate.map((b) => b.kind)).toEqual(['chrome', 'chrome', 'photo-credit', 'photo-credit', 'source-link']);
    // every sentence-punctuated paragraph of 000 (a one-paragraph-per-line wire story) stays content
    expect(byId.get('000')!.boilerplate).toEqual([]);
    expect(byId.get('004')!.credits.map((c) => c.kind)).toEqual(['photo', 'photo']);
    expect(byId.get('000')!.credits).toEqual([]);
  });
});

describe('Detector.process', () => {
  it('keeps exact duplicates out of the index unless asked', async () => {
    const plain = new Detector();
    await plain.process(news[0]!);
    const dup = await plain.process({ id: 'again', text: news[0]!.text });
    expect(dup).toMatchObject({ verdict: 'duplicate', of: 'news-0', added: false });
    expect(await plain.has('again')).toBe(false);
    const keeping = new Detector({ keepDuplicates: true });
    await keeping.process(news[0]!);
    expect((await keeping.process({ id: 'again', text: news[0]!.text })).added).toBe(true);
    expect(await keeping.clusters()).toEqual([{ ids: ['again', 'news-0'], canonical: expect.any(String), canonicalReason: expect.any(String) }]);
  });

  it('replaces an article re-sent with the same id', async () => {
    const detector = new Detector();
    await detector.process({ id: 'x', text: news[1]!.text });
    const v = await detector.process({ id: 'x', text: news[2]!.text });
    expect(v).toMatchObject({ verdict: 'new', replaced: true, added: true });
    expect(await detector.size()).toBe(1);
    expect((await detector.match(news[2]!.text))[0]!.id).toBe('x');
    expect(await detector.match(news[1]!.text)).toEqual([]);
  });

  it('evicts articles that leave the time window from every index', async () => {
    const detector = new Detector({ window: { hours: 24 } });
    const day = 86_400_000;
    const start = Date.parse('2024-01-01T00:00:00Z');
    for (let i = 0; i < 10; i++) await detector.process({ ...news[i]!, publishedAt: start + i * (day / 2) });
    // the newest is at 4.5 days: only those within 24 h of it remain (3.5, 4.0, 4.5 days)
    expect(await detector.size()).toBe(3);
    expect(await detector.documents.size()).toBe(3);
    expect(await detector.passages.size()).toBe(3);
    expect(await detector.match(news[0]!.text)).toEqual([]);
    const late = await detector.process({ id: 'late', text: news[20]!.text, publishedAt: start });
    expect(late.added).toBe(false);
  });

  it('names the copy by wire credit first, then by date', async () => {
    const detector = new Detector();
    const text = news[3]!.text;
    await detector.process({ id: 'site', text: text + '\n\nSource: Reuters', publishedAt: '2024-01-01' });
    const v = await detector.process({ id: 'wire', text, publishedAt: '2024-01-02' });
    expect(v.verdict).toBe('near-duplicate');
    expect(v.direction).toBe('b-from-a');
    expect(v).toMatchObject({ copy: v.of, original: v.id });
  });
});

describe('boilerplate', () => {
  const footer = 'Read more: The week in pictures\n\nSource link\n\nSign up for our morning newsletter to get the news in your inbox';

  it('keeps a shared footer from relating two unrelated articles', () => {
    const a = news[5]!.text + '\n\n' + footer;
    const b = news[6]!.text + '\n\n' + footer;
    const c = compare(a, b);
    expect(c.relation).toBe('unrelated');
    expect(c.boilerplateUnits).toEqual({ a: 3, b: 3 });
  });

  it('learns a disclaimer that recurs across many articles and stops it linking them', async () => {
    const disclaimer = 'The views expressed in this column are the author’s own and do not reflect those of the publisher or its staff.';
    const learned = new Detector({ boilerplateDocs: 5 });
    const naive = new Detector({ boilerplateDocs: 1000 });
    for (let i = 10; i < 17; i++) {
      for (const d of [learned, naive]) await d.process({ id: `col-${i}`, text: `${news[i]!.text}\n\n${disclaimer}` });
    }
    const probe = `${news[30]!.text}\n\n${disclaimer}`;
    expect((await naive.match(probe)).length).toBeGreaterThan(0);
    expect(await learned.match(probe)).toEqual([]);
  });
});

describe('streams', () => {
  it('dedupStream works in a pipeline, in order, honouring backpressure', async () => {
    const detector = new Detector();
    const seen: string[] = [];
    let processed = 0;
    const original = detector.process.bind(detector);
    detector.process = async (a: Article) => {
      processed++;
      return original(a);
    };
    let maxAhead = 0;
    const sink = new Writable({
      objectMode: true,
      highWaterMark: 1,
      write(v: Verdict, _e, cb) {
        seen.push(v.id);
        maxAhead = Math.max(maxAhead, processed - seen.length);
        setTimeout(cb, 2);
      },
    });
    const input = Array.from({ length: 300 }, (_, i) => ({ id: `s${i}`, text: news[i % news.length]!.text + ` ${i}` }));
    await pipeline(Readable.from(input), dedupStream({ detector }), sink);
    expect(seen).toEqual(input.map((a) => a.id));
    // bounded by the streams' buffers (16 objects each side), not by the 300 inputs
    expect(maxAhead).toBeGreaterThan(0);
    expect(maxAhead).toBeLessThanOrEqual(40);
  });

  it('stays flat on an endless feed with a small window (60,000 arrivals)', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const random = rng(2026);
    const vocab = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}`);
    const sentence = () => Array.from({ length: 14 }, () => vocab[Math.floor(random() * vocab.length)]).join(' ') + '.';
    const detector = new Detector({ window: { hours: 1 }, cacheSize: 256 });
    const start = Date.parse('2025-01-01T00:00:00Z');
    const recent: string[] = [];
    let heapAt10k = 0;
    let maxSize = 0;
    for (let i = 0; i < 60_000; i++) {
      const text = i % 10 === 9 && recent.length > 0 ? recent[Math.floor(random() * recent.length)]! + ' Updated.' : `${sentence()}\n\n${sentence()}\n\n${sentence()}`;
      recent.push(text);
      if (recent.length > 50) recent.shift();
      await detector.process({ id: `a${i}`, text, publishedAt: start + i * 30_000 });
      if (i % 1000 === 0) maxSize = Math.max(maxSize, await detector.size());
      if (i === 10_000) {
        gc();
        heapAt10k = process.memoryUsage().heapUsed;
      }
    }
    gc();
    const heapAtEnd = process.memoryUsage().heapUsed;
    expect(maxSize).toBeLessThanOrEqual(121); // one hour of arrivals every 30 s, plus the newest
    expect(await detector.documents.size()).toBeLessThanOrEqual(121);
    expect(await detector.passages.size()).toBeLessThanOrEqual(121);
    // 50,000 arrivals later: a leak of 200 bytes an article would show
    expect(heapAtEnd - heapAt10k).toBeLessThan(10 * 1024 * 1024);
  }, 300_000);
});
