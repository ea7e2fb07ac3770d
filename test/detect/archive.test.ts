/**
 * What a real archive needs of the Detector: a content floor, clusters without chaining, copies
 * ranked first and all reachable, canonicals with their reason, and stock phrases that link
 * nothing. Self-made texts only (test/helpers/corpus.ts and templated items written here).
 */
import { describe, expect, it } from 'vitest';
import { compare, DEFAULT_DETECTOR_OPTIONS, Detector, MinHasher } from '../../src/index.js';
import { PassageIndex } from '../../src/index/passage-index.js';
import { editedCopy, newsArticle, newsCorpus } from '../helpers/corpus.js';

const LINKING = new Set(['duplicate', 'near-duplicate', 'derived']);
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

/** Paragraphs that share nothing with one another (each from its own seed). */
function distinctParagraphs(n: number): string[] {
  return newsCorpus(n, 'blank', 500).map((a) => a.paragraphs.slice(1, 3).join(' '));
}

describe('clusters without chaining', () => {
  it('splits a chain A≈B≈C≈… of texts that each reuse most of the previous one: every member is a copy or rewrite of its canonical', async () => {
    const paragraphs = distinctParagraphs(20);
    // text i = paragraphs [2i, 2i + 6): consecutive texts share 4 of 6 paragraphs; texts 3 apart share none
    const texts = Array.from({ length: 7 }, (_, i) => paragraphs.slice(2 * i, 2 * i + 6).join('\n\n'));
    const d = new Detector();
    for (const [i, text] of texts.entries()) await d.add({ id: `t${i}`, text, publishedAt: day(i) });
    // the pairs chain all seven together…
    const pairs = (await d.pairs()).filter((e) => LINKING.has(e.relation));
    expect(pairs.some((e) => e.a === 't1' && e.b === 't0')).toBe(true);
    expect(pairs.some((e) => e.a === 't6' && e.b === 't5')).toBe(true);
    const clusters = await d.clusters();
    expect(clusters.length).toBeGreaterThan(1);
    for (const c of clusters) {
      const canon = texts[Number(c.canonical.slice(1))]!;
      for (const id of c.ids) {
        if (id === c.canonical) continue;
        expect(LINKING.has(compare(canon, texts[Number(id.slice(1))]!).relation), `${id} in cluster of ${c.canonical}`).toBe(true);
      }
      expect(c.canonicalReason).toBe('earliest');
    }
    // t0 and t3 share no paragraph: never in one cluster
    expect(clusters.some((c) => c.ids.includes('t0') && c.ids.includes('t3'))).toBe(false);
  });

  it('names the canonical and why: the earliest, else the credited source, else the one covered by the others', async () => {
    const wire = newsArticle(40).text;
    const copy = `${editedCopy(newsArticle(40), 1, 0.02).text}\n\nSource: Reuters`;
    const dated = new Detector();
    await dated.add({ id: 'copy', text: copy, publishedAt: day(2) });
    await dated.add({ id: 'wire', text: wire, publishedAt: day(1) });
    expect(await dated.clusters()).toEqual([{ ids: ['copy', 'wire'], canonical: 'wire', canonicalReason: 'earliest' }]);
    const credited = new Detector();
    await credited.add({ id: 'copy', text: copy });
    await credited.add({ id: 'wire', text: wire });
    expect((await credited.clusters())[0]).toMatchObject({ canonical: 'wire', canonicalReason: 'credited' });
  });
});

describe('matches', () => {
  it('ranks copies before related stories, and keeps every copy of a wire story reachable through its cluster', async () => {
    const wire = newsArticle(60);
    const d = new Detector({ maxCandidates: 8 });
    await d.add({ id: 'wire', text: wire.text, publishedAt: day(0) });
    // stories that quote a sentence of the wire: related, not copies
    for (let i = 0; i < 6; i++) {
      const own = newsArticle(200 + i).paragraphs;
      const text = [...own.slice(0, 4), `${wire.paragraphs[1]!.split('. ')[0]!}.`, ...own.slice(4)].join('\n\n');
      expect(compare(wire.text, text).relation).toBe('related');
      await d.add({ id: `related-${i}`, text, publishedAt: day(1) });
    }
    for (let i = 0; i < 30; i++) await d.add({ id: `copy-${i}`, text: editedCopy(wire, i, 0.03).text, publishedAt: day(2 + i) });
    const matches = await d.match(editedCopy(wire, 99, 0.03).text);
    expect(matches[0]!.relation).not.toBe('related');
    // copies first, then related stories
    const small = new Detector();
    const own = newsArticle(201).paragraphs;
    await small.add({ id: 'wire', text: wire.text });
    await small.add({ id: 'quoting', text: [...own.slice(0, 4), wire.paragraphs[1]!, ...own.slice(4)].join('\n\n') });
    await small.add({ id: 'copy', text: editedCopy(wire, 1, 0.03).text });
    const ranked = await small.match(editedCopy(wire, 2, 0.01).text);
    expect(ranked.map((m) => [m.id, LINKING.has(m.relation)])).toEqual([
      [expect.any(String), true],
      [expect.any(String), true],
      ['quoting', false],
    ]);
    expect(matches.length).toBeLessThan(31); // the work is bounded…
    const cluster = await d.clusterOf(matches[0]!.id);
    // …but every copy is reachable: all 30 copies sit in the wire's cluster, verified against it
    expect(cluster?.canonical).toBe('wire');
    for (let i = 0; i < 30; i++) expect(cluster!.ids).toContain(`copy-${i}`);
    expect(cluster!.ids.some((id) => id.startsWith('related'))).toBe(false);
  });
});

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

const SYLLABLES = ['ar', 'bel', 'cor', 'dan', 'el', 'fen', 'gar', 'hol', 'is', 'jor', 'kel', 'lan', 'mor', 'nel', 'or', 'pel', 'quin', 'ros', 'sel', 'tor'];
const MONTHS = ['March', 'April', 'May', 'June'];

/** A made-up company's name: distinct for each i < 8000. */
function company(i: number): string {
  const name = SYLLABLES[i % 20]! + SYLLABLES[Math.floor(i / 20) % 20]! + SYLLABLES[Math.floor(i / 400) % 20]!;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** A templated dividend notice (Reuters style) for company i. */
function dividendNotice(i: number, record = 1 + ((i * 5) % 28)): string {
  const cts = 5 + ((i * 7) % 40);
  const prior = cts - (i % 3);
  const month = MONTHS[i % 4]!;
  return [
    `${company(i)} Corp said its board declared a regular quarterly dividend of ${cts} cts a share, payable ${month} ${1 + ((i * 11) % 28)} to holders of record ${month} ${record}.`,
    `The company paid ${prior} cts a share in the prior quarter.`,
    `Qtly div ${cts} cts vs ${prior} cts prior.`,
    'Reuter',
  ].join('\n\n');
}

describe('template awareness', () => {
  it('two dividend notices of different companies are not copies once the template recurs in the archive; a re-sent or corrected notice still is', async () => {
    // on their own, two notices look like lightly edited copies of each other
    expect(LINKING.has(compare(dividendNotice(1), dividendNotice(2)).relation)).toBe(true);
    const d = new Detector();
    let linkedAcrossCompanies = 0;
    for (let i = 0; i < 200; i++) {
      const matches = await d.add({ id: `div-${i}`, text: dividendNotice(i), publishedAt: day(i) });
      if (i >= 40) linkedAcrossCompanies += matches.filter((m) => LINKING.has(m.relation)).length;
    }
    expect(linkedAcrossCompanies).toBe(0);
    const corrected = await d.process({ id: 'div-150-corrected', text: dividendNotice(150, 27), publishedAt: day(300) });
    expect(corrected.of).toBe('div-150');
    expect(['near-duplicate', 'derived']).toContain(corrected.verdict);
    expect(corrected.matches.filter((m) => LINKING.has(m.relation)).map((m) => m.id)).toEqual(['div-150']);
    const resent = await d.process({ id: 'div-120-again', text: dividendNotice(120), publishedAt: day(301) });
    expect(resent).toMatchObject({ verdict: 'duplicate', of: 'div-120' });
    // clusters hold only the notices of one company, even those linked before the template became common
    const clusters = await d.clusters();
    for (const c of clusters) expect(new Set(c.ids.map((id) => id.replace(/-corrected$/, ''))).size, c.ids.join()).toBe(1);
    expect(clusters.map((c) => c.ids)).toContainEqual(['div-150', 'div-150-corrected']);
  });

  it('name-less notices (Reuters bodies) whose dividends differ are not copies either, whatever dates they share', async () => {
    const d = new Detector();
    let linked = 0;
    for (let i = 0; i < 200; i++) {
      const cts = 5 + i;
      const text = `Qtly div ${cts} cts vs ${cts - 1 - (i % 4)} cts prior\n    Pay ${MONTHS[i % 4]} ${1 + ((i * 11) % 28)}\n    Record ${MONTHS[(i + 1) % 4]} ${1 + ((i * 5) % 28)}\n Reuter`;
      const matches = await d.add({ id: `n-${i}`, text });
      if (i >= 40) linked += matches.filter((m) => m.relation !== 'duplicate' && LINKING.has(m.relation)).length;
    }
    expect(linked).toBe(0);
  });

  it('a story copied many times is still a copy: weighting leaves a uniformly common text its share', async () => {
    const wire = newsArticle(77);
    const d = new Detector();
    for (let i = 0; i < 40; i++) await d.add({ id: `copy-${i}`, text: editedCopy(wire, i, 0.02).text });
    const matches = await d.match(editedCopy(wire, 500, 0.02).text);
    expect(matches.length).toBeGreaterThan(0);
    expect(matches.every((m) => LINKING.has(m.relation))).toBe(true);
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
