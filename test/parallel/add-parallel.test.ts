import { describe, expect, it } from 'vitest';
import {
  addParallel,
  Detector,
  DuplicateIdError,
  findRepeats,
  InvalidArgumentError,
  LimitExceededError,
  scanParallel,
  WorkerError,
  type Article,
} from '../../src/index.js';
import { fixtureTexts } from '../helpers/fixtures.js';
import { parallelCorpus, scanInOrder, type Outcome } from './corpus.js';

async function scanWith(articles: readonly Article[], workers: number, options: Parameters<typeof addParallel>[2] = {}, detectorOptions = {}) {
  const detector = new Detector(detectorOptions);
  const outcomes: Outcome[] = [];
  for await (const o of addParallel(detector, articles, { ...options, workers, repeats: true })) {
    outcomes.push(o.error ? { id: o.article.id, error: `${o.error.name}: ${o.error.message}` } : { id: o.article.id, matches: o.matches, repeats: o.repeats });
  }
  return { outcomes, detector };
}

async function expectSameState(parallel: Detector, reference: Detector): Promise<void> {
  expect(await parallel.pairs()).toEqual(await reference.pairs());
  expect(await parallel.clusters()).toEqual(await reference.clusters());
  expect(await parallel.articles.ids()).toEqual(await reference.articles.ids());
}

describe('addParallel gives what add() in turn gives', () => {
  it('on the fixtures, in this thread and with 1, 2 and 3 workers', async () => {
    const articles = [...fixtureTexts()].map(([id, text]) => ({ id, text }));
    const reference = await scanInOrder(articles);
    expect(reference.outcomes.some((o) => 'matches' in o && o.matches.length > 0)).toBe(true);
    for (const workers of [0, 1, 2, 3]) {
      const run = await scanWith(articles, workers);
      expect(run.outcomes, `workers ${workers}`).toEqual(reference.outcomes);
      await expectSameState(run.detector, reference.detector);
    }
  });

  it('on 1,500 news stories with copies, long paragraphs and a lone surrogate, with 1, 2 and 3 workers', async () => {
    const articles = parallelCorpus(1500);
    const reference = await scanInOrder(articles);
    const found = reference.outcomes.flatMap((o) => ('matches' in o ? o.matches : []));
    expect(found.length).toBeGreaterThan(250);
    expect(found.some((m) => m.comparison.unit === 'sentence')).toBe(true);
    for (const workers of [1, 2, 3]) {
      const run = await scanWith(articles, workers);
      expect(run.outcomes, `workers ${workers}`).toEqual(reference.outcomes);
      await expectSameState(run.detector, reference.detector);
    }
  }, 300_000);

  it('with learned boilerplate, and candidates prepared again when the detector cache lets them go', async () => {
    const articles = parallelCorpus(600);
    const options = { boilerplateDocs: 2, cacheSize: 8 };
    const reference = await scanInOrder(articles, options);
    const run = await scanWith(articles, 2, { readAhead: 3 }, options);
    expect(run.outcomes).toEqual(reference.outcomes);
    await expectSameState(run.detector, reference.detector);
  }, 120_000);

  it('on a detector that already holds articles: candidates from before the scan, and the counts after it', async () => {
    const articles = parallelCorpus(500);
    const options = { boilerplateDocs: 3 };
    const reference = await scanInOrder(articles, options);
    const detector = new Detector(options);
    for (const a of articles.slice(0, 200)) await detector.add(a);
    const outcomes: Outcome[] = [];
    for await (const o of addParallel(detector, articles.slice(200), { workers: 2, repeats: true })) {
      outcomes.push(o.error ? { id: o.article.id, error: `${o.error.name}: ${o.error.message}` } : { id: o.article.id, matches: o.matches, repeats: o.repeats });
    }
    const later = reference.outcomes.slice(200);
    expect(later.some((o) => 'matches' in o && o.matches.some((m) => articles.findIndex((a) => a.id === m.id) < 200))).toBe(true);
    expect(outcomes).toEqual(later);
    await expectSameState(detector, reference.detector);
    // the counts (learned boilerplate, rarity) are the reference's: later matches agree
    for (const a of articles.slice(0, 5)) expect(await detector.match(a.text)).toEqual(await reference.detector.match(a.text));
  }, 120_000);

  it('follows links from copies past maxCandidates, verified against the counts as they stood (workers moved back)', async () => {
    const base = parallelCorpus(400);
    const story = base[7]!;
    // twelve copies of one story spread over the scan: each finds the earlier ones through the links of copies
    const articles = base.flatMap((a, i) => (i % 30 === 29 ? [a, { id: `copy-${i}`, text: `${story.text}\n\nCopy number ${i} of the story.` }] : [a]));
    const options = { maxCandidates: 2, boilerplateDocs: 3 };
    const reference = await scanInOrder(articles, options);
    expect(reference.outcomes.some((o) => 'matches' in o && o.matches.length > options.maxCandidates)).toBe(true);
    for (const workers of [1, 2]) {
      const run = await scanWith(articles, workers, { readAhead: 64 }, options);
      expect(run.outcomes, `workers ${workers}`).toEqual(reference.outcomes);
      await expectSameState(run.detector, reference.detector);
      expect(await run.detector.match(story.text)).toEqual(await reference.detector.match(story.text));
    }
  }, 120_000);

  it('yields refused articles in order with the typed error add() throws, and goes on', async () => {
    const [a, b, c] = parallelCorpus(3);
    const articles = [a!, { ...b!, id: a!.id }, { id: 'long', text: 'word '.repeat(5000) }, { id: 'bad', text: 7 } as unknown as Article, c!, { ...c!, publishedAt: 'not a date' }];
    const options = { limits: { maxLength: 20_000 } };
    const reference = await scanInOrder(articles, options);
    const detector = new Detector(options);
    const errors: unknown[] = [];
    const added: string[] = [];
    for await (const o of addParallel(detector, articles, { workers: 2 })) {
      if (o.error) errors.push(o.error);
      else added.push(o.article.id);
    }
    expect(errors.map((e) => e?.constructor)).toEqual([DuplicateIdError, LimitExceededError, InvalidArgumentError, DuplicateIdError]);
    expect((errors[1] as LimitExceededError).max).toBe(20_000);
    expect(errors.map((e) => `${(e as Error).name}: ${(e as Error).message}`)).toEqual(reference.outcomes.flatMap((o) => ('error' in o ? [o.error] : [])));
    expect(added).toEqual([a!.id, c!.id]);
  });
});

describe('the worker pool ends', () => {
  it('when the consumer stops early: the articles entered but not yielded are removed again', async () => {
    const articles = parallelCorpus(400);
    const detector = new Detector();
    const seen: string[] = [];
    for await (const o of addParallel(detector, articles, { workers: 2, readAhead: 40 })) {
      seen.push(o.article.id);
      if (seen.length === 50) break;
    }
    expect(await detector.articles.ids()).toEqual(seen);
    const reference = await scanInOrder(articles.slice(0, 50));
    await expectSameState(detector, reference.detector);
    // the counts hold the 50 yielded articles only
    for (const a of articles.slice(50, 55)) expect(await detector.add(a)).toEqual(await reference.detector.add(a));
  });

  it('when a worker dies: WorkerError, and the detector keeps only what was yielded', async () => {
    const articles = [...parallelCorpus(20), { id: 'huge', text: 'copper wheat harbour strike '.repeat(400_000) }, ...parallelCorpus(20).map((a) => ({ ...a, id: `${a.id}-again` }))];
    const detector = new Detector();
    const seen: string[] = [];
    const run = async () => {
      for await (const o of addParallel(detector, articles, { workers: 2, resourceLimits: { maxOldGenerationSizeMb: 16 } })) seen.push(o.article.id);
    };
    const err = await run().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(WorkerError);
    expect((err as WorkerError).code).toBe('ERR_WORKER');
    expect((err as WorkerError).message).toMatch(/out of memory.*resourceLimits/);
    expect(seen.length).toBeLessThanOrEqual(20);
    expect(await detector.articles.ids()).toEqual(seen);
  }, 60_000);
});

describe('scanParallel', () => {
  it('returns the pairs, repeats and clusters of the single-threaded scan', async () => {
    const articles = parallelCorpus(300);
    const reference = await scanInOrder(articles);
    const r = await scanParallel(articles, { workers: 2 });
    expect(r.articles).toBe(300);
    expect(r.skipped).toBe(0);
    expect(r.pairs).toEqual(reference.outcomes.flatMap((o) => ('matches' in o ? o.matches.map((m) => ({ a: o.id, b: m.id, comparison: m.comparison })) : [])));
    expect(r.repeats).toEqual(articles.flatMap((a) => findRepeats(a.text).map((x) => ({ id: a.id, ...x }))));
    expect(r.clusters).toEqual(await reference.detector.clusters());
  });

  it('refuses bad options with InvalidArgumentError', async () => {
    await expect(scanParallel([], { workers: -1 })).rejects.toThrow(InvalidArgumentError);
    await expect(scanParallel([], { workers: 1.5 })).rejects.toThrow(/workers must be an integer/);
  });
});
