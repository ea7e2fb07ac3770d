/**
 * What a real archive needs of the Detector: a content floor, stock phrases that link nothing,
 * directions with their reason, and — the suite of archive-behaviour.ts, here on memory storage —
 * clusters without chaining, copies ranked first and all reachable, canonicals with their reason,
 * and templated items that are not copies. Self-made texts only (test/helpers/corpus.ts).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTOR_OPTIONS, Detector, MinHasher } from '../../src/index.js';
import { archiveBehaviour } from './archive-behaviour.js';
import { PassageIndex } from '../../src/index/passage-index.js';
import { editedCopy, newsArticle } from '../helpers/corpus.js';

const day = (n: number): string => new Date(Date.UTC(2024, 0, 1 + n)).toISOString();

describe('content floor', () => {
  it('is documented as 8 content words', () => {
    expect(DEFAULT_DETECTOR_OPTIONS.minContentWords).toBe(8);
  });

  it('reports placeholder bodies and bare headlines as low content, never linked or clustered, identical ones grouped apart', async () => {
    const story = newsArticle(3).text;
    const headline = 'Central bank raises rates again';
    const articles = [
      ['story', story],
      ['blah-1', '******Blah blah blah.'],
      ['blah-2', '******Blah blah blah.'],
      ['blah-3', '******Blah blah blah.'],
      ['stars-1', '******'],
      ['stars-2', '******'],
      ['headline', headline],
      ['headline-story', `${headline}\n\n${story}`],
    ] as const;
    const d = new Detector();
    const byId = new Map();
    for (const [id, text] of articles) byId.set(id, await d.process({ id, text }));
    expect(byId.get('story')!.lowContent).toBe(false);
    expect(byId.get('headline-story')!.lowContent).toBe(false);
    for (const id of ['blah-1', 'blah-2', 'blah-3', 'stars-1', 'stars-2', 'headline']) expect(byId.get(id)!.lowContent, id).toBe(true);
    // an identical placeholder is still a duplicate, and that is all it ever matches
    expect(byId.get('blah-2')).toMatchObject({ verdict: 'duplicate', of: 'blah-1' });
    expect(byId.get('headline')!.matches).toEqual([]);
    // the story with a headline on top is a copy of the story, not of the bare headline
    expect(byId.get('headline-story')!.matches.map((m: { id: string }) => m.id)).toEqual(['story']);
    // with the duplicates kept: one cluster, and the placeholders grouped apart
    const all = new Detector({ keepDuplicates: true });
    for (const [id, text] of articles) await all.process({ id, text });
    expect((await all.clusters()).map((c) => c.ids)).toEqual([['headline-story', 'story']]);
    const low = await all.lowContent();
    expect(low.ids).toEqual(['blah-1', 'blah-2', 'blah-3', 'headline', 'stars-1', 'stars-2']);
    expect(low.duplicates.map((g) => g.ids)).toEqual([['blah-1', 'blah-2', 'blah-3'], ['stars-1', 'stars-2']]);
    expect(low.duplicates[0]!.words).toBe(1);
  });

  it('counts distinct content words: seven are below the floor, eight clear it', async () => {
    const d = new Detector();
    // content words: harbour pilots northern port strike wages tonight (the, of, said, they, would, over: function words)
    const seven = 'The harbour pilots of the northern port said they would strike tonight over wages, wages, wages.';
    const v7 = await d.process({ id: 'seven', text: seven });
    const v8 = await d.process({ id: 'eight', text: seven.replace('tonight', 'tonight again') });
    expect(v7.lowContent).toBe(true);
    expect(v8.lowContent).toBe(false);
    expect((await new Detector({ minContentWords: 0 }).process({ id: 'x', text: '******' })).lowContent).toBe(false);
  });
});

archiveBehaviour('memory storage', () => undefined);

describe('stock phrases', () => {
  it('a passage lookup skips shingles held by more than lookupMaxDocs documents', async () => {
    const hasher = new MinHasher();
    const stock = 'the board declared a regular quarterly dividend payable to holders of record';
    const index = new PassageIndex({ lookupMaxDocs: 3 });
    const few = new PassageIndex();
    for (let i = 0; i < 5; i++) {
      const text = `${stock} ${newsArticle(300 + i).paragraphs[1]}`;
      await index.add(`d${i}`, hasher.shingle(text));
      await few.add(`d${i}`, hasher.shingle(text));
    }
    const [skipped] = await index.lookup([hasher.shingle(stock)]);
    expect(skipped!.size).toBe(0);
    const [found] = await few.lookup([hasher.shingle(stock)]);
    expect(found!.size).toBe(5);
    const [own] = await index.lookup([hasher.shingle(newsArticle(302).paragraphs[1]!)]);
    expect([...own!.keys()]).toEqual(['d2']);
  });
});

describe('direction with its reason', () => {
  it('says why one side of a pair is the copy: a credit, a later date, or coverage', async () => {
    const wire = newsArticle(90);
    const credited = new Detector();
    await credited.add({ id: 'wire', text: wire.text });
    const [byCredit] = await credited.match(`${editedCopy(wire, 1, 0.02).text}\n\nSource: Reuters`);
    expect(byCredit).toMatchObject({ id: 'wire', direction: 'a-from-b', directionReason: 'credit', credit: 'Reuters' });
    const dated = new Detector();
    await dated.add({ id: 'wire', text: wire.text, publishedAt: day(1) });
    const [byDate] = await dated.match({ text: editedCopy(wire, 2, 0.02).text, publishedAt: day(2) });
    expect(byDate).toMatchObject({ direction: 'a-from-b', directionReason: 'published-later', credit: null });
    const [byCoverage] = await credited.match(wire.paragraphs.slice(0, 4).join('\n\n'));
    expect(byCoverage).toMatchObject({ relation: 'derived', direction: 'a-from-b', directionReason: 'coverage' });
    const own = newsArticle(91).paragraphs;
    const [quoting] = await credited.match([...own.slice(0, 5), wire.paragraphs[2]!, ...own.slice(5)].join('\n\n'));
    expect(quoting).toMatchObject({ id: 'wire', relation: 'related', direction: null, directionReason: null, credit: null });
  });
});
