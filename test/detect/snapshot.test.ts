/**
 * Detector snapshots: save/load answers exactly as before (matches, clusters, pairs), continues
 * a windowed stream identically, keeps boilerplate saturation and odd strings, refuses conflicting
 * options, damaged or truncated bytes, and non-empty stores; file helpers write atomically.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CorruptDataError,
  Detector,
  IncompatibleSignatureError,
  InvalidArgumentError,
  MemoryDetectorStore,
  StorageError,
  loadDetectorFile,
  saveDetectorFile,
  type Article,
  type Verdict,
} from '../../src/index.js';
import { decodeDetectorSnapshot } from '../../src/detect/snapshot.js';
import { saturatedShingles } from '../../src/index/passage-saturation.js';
import { crc32 } from '../../src/util/crc32.js';
import { expected } from '../helpers/expected.js';
import { fixtureTexts } from '../helpers/fixtures.js';
import { newsCorpusWithCopies } from '../helpers/corpus.js';
import { rng } from '../helpers/random.js';

const texts = fixtureTexts();
const date = (id: string) => expected.articles.find((a) => a.id === id)!.publishedAt;
const byPair = (x: { a: string; b: string }, y: { a: string; b: string }) => (x.a + '\u0000' + x.b < y.a + '\u0000' + y.b ? -1 : 1);
const dirs: string[] = [];

afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function fixtureDetector(options: ConstructorParameters<typeof Detector>[0] = {}): Promise<Detector> {
  const detector = new Detector(options);
  for (const [id, text] of texts) await detector.add({ id, text, publishedAt: date(id), source: `outlet ${id}`, url: `https://example.com/${id}` });
  return detector;
}

/** Everything a detector answers about `queries`, for deep comparison. */
async function answers(detector: Detector, queries: readonly string[]) {
  const matches = [];
  for (const q of queries) matches.push(await detector.match(q));
  return { matches, clusters: await detector.clusters(), pairs: (await detector.pairs()).sort(byPair), size: await detector.size() };
}

describe('Detector snapshots on the fixtures', () => {
  it('answers every match, cluster and pair exactly as before', async () => {
    const detector = await fixtureDetector();
    const queries = [...texts.values(), texts.get('001')!.slice(0, 2000), 'an unrelated note about cricket scores in the summer'];
    const before = await answers(detector, queries);
    const bytes = await detector.save();
    const loaded = await Detector.load(bytes);
    expect(await answers(loaded, queries)).toEqual(before);
    expect(before.clusters).toEqual([{ ids: ['000', '001'], canonical: '000', canonicalReason: 'earliest' }]);
    for (const id of texts.keys()) expect(await loaded.articles.get(id)).toEqual(await detector.articles.get(id));
    expect(Buffer.compare(await loaded.save(), bytes)).toBe(0); // a loaded detector saves the same bytes
  });

  it('keeps every setting, and refuses given options that differ, naming them', async () => {
    const options = { threshold: 0.6, boilerplateDocs: 7, maxCandidates: 9, align: { nearSimilarity: 0.75 }, window: { hours: 24 * 400 }, keepDuplicates: true };
    const detector = await fixtureDetector(options);
    const bytes = await detector.save();
    const settings = decodeDetectorSnapshot(bytes).settings;
    expect(settings).toMatchObject({ threshold: 0.6, boilerplateDocs: 7, maxCandidates: 9, window: { hours: 9600 }, keepDuplicates: true, passageShingles: 'word-3' });
    expect(settings.align.nearSimilarity).toBe(0.75);
    const loaded = await Detector.load(bytes, { ...options, cacheSize: 10, limits: { maxLength: 1e6 } });
    expect(decodeDetectorSnapshot(await loaded.save()).settings).toEqual(settings);
    const error = await Detector.load(bytes, { threshold: 0.5, align: { nearSimilarity: 0.8 }, window: { hours: 1 }, keepDuplicates: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompatibleSignatureError);
    expect((error as Error).message).toContain('threshold (0.6 in the snapshot vs 0.5 given)');
    expect((error as Error).message).toContain('align.nearSimilarity (0.75 in the snapshot vs 0.8 given)');
    expect((error as Error).message).toContain('window.hours (9600 in the snapshot vs 1 given)');
    expect((error as Error).message).not.toContain('keepDuplicates');
    expect((error as Error).message).toMatch(/omit these options/);
    const plain = await (await fixtureDetector()).save();
    await expect(Detector.load(plain, { window: { hours: 5 } })).rejects.toThrow(/window.hours \(none in the snapshot vs 5 given\)/);
  });

  it('rejects every flipped byte, truncation and padding with CorruptDataError', async () => {
    const bytes = await (await fixtureDetector()).save();
    const random = rng(7);
    const positions = new Set<number>();
    for (let i = 0; i < Math.min(bytes.length, 300); i++) positions.add(i);
    for (let i = bytes.length - 64; i < bytes.length; i++) positions.add(i);
    while (positions.size < 1200) positions.add(Math.floor(random() * bytes.length));
    for (const at of positions) {
      const damaged = bytes.slice();
      damaged[at]! ^= 1 << Math.floor(random() * 8);
      await expect(Detector.load(damaged)).rejects.toBeInstanceOf(CorruptDataError);
    }
    for (let length = 0; length < bytes.length; length += 1 + Math.floor(random() * 97)) {
      await expect(Detector.load(bytes.subarray(0, length))).rejects.toBeInstanceOf(CorruptDataError);
    }
    const padded = new Uint8Array(bytes.length + 1);
    padded.set(bytes);
    await expect(Detector.load(padded)).rejects.toThrow(/checksum/);
    const future = bytes.slice();
    future[4] = 2;
    await expect(Detector.load(future)).rejects.toThrow(/format version 2 is not supported/);
    await expect(Detector.load(new TextEncoder().encode('NDIX not a detector'))).rejects.toThrow(/not a neardup detector snapshot/);
    await expect(Detector.load('bytes' as never)).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('rejects structurally invalid contents even with a valid checksum', async () => {
    const bytes = await new Detector().save();
    const reseal = (b: Uint8Array) => {
      const out = b.slice();
      new DataView(out.buffer).setUint32(out.length - 4, crc32(out, 0, out.length - 4), true);
      return out;
    };
    const json = new TextDecoder().decode(bytes.subarray(12, 12 + new DataView(bytes.buffer).getUint32(8, true)));
    const broken = json.replace('"numPerm":128', '"numPerm":"x"');
    expect(broken.length).toBe(json.length);
    const b = bytes.slice();
    b.set(new TextEncoder().encode(broken), 12);
    await expect(Detector.load(reseal(b))).rejects.toThrow(/invalid setting numPerm/);
    const c = bytes.slice();
    c.set(new TextEncoder().encode(json.replace('"threshold":0.5', '"threshold":2.0')), 12);
    await expect(Detector.load(reseal(c))).rejects.toThrow(/settings no Detector accepts \(threshold must be a number in \(0, 1\)/);
    await expect(Detector.load(bytes, { cacheSize: 0 })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('refuses to load into stores that already hold data', async () => {
    const bytes = await (await fixtureDetector()).save();
    const articles = new MemoryDetectorStore();
    articles.put({ id: 'x', text: 'x', addedAt: 1 });
    await expect(Detector.load(bytes, { storage: { articles } })).rejects.toThrow(/already holds data .*1 articles/);
  });

  it('saves and loads files atomically', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'neardup-detector-'));
    dirs.push(dir);
    const detector = await fixtureDetector();
    const path = join(dir, 'news.nddt');
    await writeFile(path, 'old contents');
    await saveDetectorFile(detector, path);
    expect(await readdir(dir)).toEqual(['news.nddt']); // no temporary file left behind
    const loaded = await loadDetectorFile(path);
    expect(await loaded.clusters()).toEqual(await detector.clusters());
    await expect(loadDetectorFile(join(dir, 'missing.nddt'))).rejects.toBeInstanceOf(StorageError);
    await expect(saveDetectorFile(detector, join(dir, 'no', 'such', 'dir.nddt'))).rejects.toThrow(/check that the directory exists/);
    await expect(saveDetectorFile({} as never, path)).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});

describe('Detector snapshots keep exact state', () => {
  it('keeps boilerplate shingles whose holders are gone', async () => {
    const footer = 'This article was produced by the syndication desk and may be republished with attribution to the agency.';
    const make = (i: number) => `Story number ${i} reports on harbour traffic in the northern port, with figures from the authority.\n${footer}`;
    const detector = new Detector({ boilerplateDocs: 2 });
    for (let i = 0; i < 3; i++) await detector.add({ id: `s${i}`, text: make(i), publishedAt: 1000 + i });
    for (let i = 0; i < 3; i++) await detector.remove(`s${i}`);
    const saturated = await saturatedShingles(detector.passages.storage);
    expect(saturated.length).toBeGreaterThan(0);
    const loaded = await Detector.load(await detector.save());
    expect(await saturatedShingles(loaded.passages.storage)).toEqual(saturated);
    for (const d of [detector, loaded]) await d.add({ id: 'later', text: `A different lead paragraph about the weather on the coast this week.\n${footer}`, publishedAt: 5000 });
    expect(await loaded.match(make(9))).toEqual(await detector.match(make(9)));
  });

  it('keeps texts, titles, sources and urls with lone surrogates and odd ids', async () => {
    const detector = new Detector();
    const odd: Article[] = [
      { id: '__proto__', text: 'broken \uD800 surrogate in a text about the harbour and ships', source: 'src \uDC00', url: 'u\uD83D', title: 'T \uDC01 itle' },
      { id: '', text: 'empty id with plenty of words to be an article of sorts', publishedAt: -5 },
      { id: 'ü 東京 🙂', text: 'unicode id text body with some words in it' },
    ];
    for (const a of odd) await detector.add(a);
    const loaded = await Detector.load(await detector.save());
    for (const a of odd) expect(await loaded.articles.get(a.id)).toEqual(await detector.articles.get(a.id));
    expect(await loaded.articles.get('__proto__')).toMatchObject({ title: 'T \uDC01 itle', source: 'src \uDC00', url: 'u\uD83D' });
    expect(await loaded.match(odd[0]!.text)).toEqual(await detector.match(odd[0]!.text));
  });

  it('round-trips an empty detector', async () => {
    const loaded = await Detector.load(await new Detector().save());
    expect(await loaded.size()).toBe(0);
    expect(await loaded.clusters()).toEqual([]);
  });
});

const corpus = newsCorpusWithCopies(2050, 5, 'reuters');

describe('Detector snapshots on 2,000 stories, a fifth of them edited copies', () => {
  // Dated 10 minutes apart with up to ±6 h of jitter (out of order), a 300-hour window (so the
  // window heap evicts and refuses stale arrivals), and every 97th story re-sent under an earlier id.
  const random = rng(31);
  const base = Date.UTC(2024, 0, 1);
  const articles: Article[] = corpus.map((d, i) => ({
    id: i > 0 && i % 97 === 0 ? `r${i - 5}` : `r${i}`,
    text: d.text,
    publishedAt: base + i * 600_000 + Math.round((random() - 0.5) * 12 * 3_600_000),
    source: i % 3 === 0 ? 'Reuters' : undefined,
  }));
  const options = { window: { hours: 300 } };

  it('answers 200 matches, clusters and pairs as before, and continues the stream identically', async () => {
    const detector = new Detector(options);
    for (const a of articles.slice(0, 2000)) await detector.process(a);
    expect(await detector.size()).toBeGreaterThan(1500);
    const queries = articles.filter((_, i) => i % 10 === 3).map((a) => a.text);
    expect(queries.length).toBe(205);
    const before = await answers(detector, queries.slice(0, 200));
    expect(before.pairs.length).toBeGreaterThan(100);
    expect(before.clusters.length).toBeGreaterThan(10);

    const t0 = performance.now();
    const bytes = await detector.save();
    const t1 = performance.now();
    const loaded = await Detector.load(bytes);
    const t2 = performance.now();
    console.log(`detector snapshot of ${await detector.size()} stories: ${(bytes.length / 1024).toFixed(0)} KiB, save ${(t1 - t0).toFixed(0)} ms, load ${(t2 - t1).toFixed(0)} ms`);

    expect(await answers(loaded, queries.slice(0, 200))).toEqual(before);
    const further: [Verdict[], Verdict[]] = [[], []];
    for (const a of articles.slice(2000)) {
      further[0].push(await detector.process(a));
      further[1].push(await loaded.process(a));
    }
    expect(further[1]).toEqual(further[0]);
    expect(further[0].some((v) => v.evicted.length > 0)).toBe(true);
    expect(Buffer.compare(await loaded.save(), await detector.save())).toBe(0); // same state, byte for byte
  });
});
