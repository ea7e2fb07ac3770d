/**
 * What a real archive needs of the Detector, as one behaviour suite run on every storage — memory
 * (archive.test.ts), single-node and sharded Redis (redis-detector.test.ts): clusters without
 * chaining, copies ranked first and all reachable through `clusterOf` (the store's `edgesOf`), and
 * templated items that are not copies once the template recurs (the passage storage's
 * `documentFrequencies`). Self-made texts only (test/helpers/corpus.ts and notices written here).
 */
import { describe, expect, it } from 'vitest';
import { compare, Detector, type DetectorOptions } from '../../src/index.js';
import { editedCopy, newsArticle, newsCorpus } from '../helpers/corpus.js';

const LINKING = new Set(['duplicate', 'near-duplicate', 'derived']);
const day = (n: number): string => new Date(Date.UTC(2024, 0, 1 + n)).toISOString();

/** Paragraphs that share nothing with one another (each from its own seed). */
function distinctParagraphs(n: number): string[] {
  return newsCorpus(n, 'blank', 500).map((a) => a.paragraphs.slice(1, 3).join(' '));
}

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

/** The suite; `storage` gives fresh, empty stores for each Detector (undefined: memory). */
export function archiveBehaviour(name: string, storage: () => DetectorOptions['storage'] | Promise<DetectorOptions['storage']>): void {
  const detector = async (options: DetectorOptions = {}): Promise<Detector> => new Detector({ ...options, storage: await storage() });

  describe(`Detector on a real archive: ${name}`, () => {
    describe('clusters without chaining', () => {
      it('splits a chain A≈B≈C≈… of texts that each reuse most of the previous one: every member is a copy or rewrite of its canonical', async () => {
        const paragraphs = distinctParagraphs(20);
        // text i = paragraphs [2i, 2i + 6): consecutive texts share 4 of 6 paragraphs; texts 3 apart share none
        const texts = Array.from({ length: 7 }, (_, i) => paragraphs.slice(2 * i, 2 * i + 6).join('\n\n'));
        const d = await detector();
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
        const dated = await detector();
        await dated.add({ id: 'copy', text: copy, publishedAt: day(2) });
        await dated.add({ id: 'wire', text: wire, publishedAt: day(1) });
        expect(await dated.clusters()).toEqual([{ ids: ['copy', 'wire'], canonical: 'wire', canonicalReason: 'earliest' }]);
        const credited = await detector();
        await credited.add({ id: 'copy', text: copy });
        await credited.add({ id: 'wire', text: wire });
        expect((await credited.clusters())[0]).toMatchObject({ canonical: 'wire', canonicalReason: 'credited' });
      });
    });

    describe('matches', () => {
      it('ranks copies before related stories, and keeps every copy of a wire story reachable through its cluster', async () => {
        const wire = newsArticle(60);
        const d = await detector({ maxCandidates: 8 });
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
        const small = await detector();
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

    describe('template awareness', () => {
      it('two dividend notices of different companies are not copies once the template recurs in the archive; a re-sent or corrected notice still is', async () => {
        // on their own, two notices look like lightly edited copies of each other
        expect(LINKING.has(compare(dividendNotice(1), dividendNotice(2)).relation)).toBe(true);
        const d = await detector();
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
        const d = await detector();
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
        const d = await detector();
        for (let i = 0; i < 40; i++) await d.add({ id: `copy-${i}`, text: editedCopy(wire, i, 0.02).text });
        const matches = await d.match(editedCopy(wire, 500, 0.02).text);
        expect(matches.length).toBeGreaterThan(0);
        expect(matches.every((m) => LINKING.has(m.relation))).toBe(true);
      });
    });
  });
}
