/**
 * One behaviour suite for LshIndex, run against every storage (memory here; Redis in its own file).
 */
import { describe, expect, it } from 'vitest';
import { DuplicateIdError, IncompatibleSignatureError, InvalidArgumentError, LshIndex, MinHasher, type LshStorage } from '../../src/index.js';
import { fixtureTexts } from '../helpers/fixtures.js';
import { rng, setPair } from '../helpers/random.js';

export function lshBehaviour(name: string, makeStorage: () => Promise<LshStorage> | LshStorage): void {
  const hasher = new MinHasher({ numPerm: 128, seed: 1 });
  const newIndex = async (threshold = 0.5) => new LshIndex({ threshold, storage: await makeStorage() });

  describe(`LshIndex over ${name}`, () => {
    it('finds a document by itself and by a near copy, best first', async () => {
      const index = await newIndex();
      const texts = fixtureTexts();
      for (const [id, text] of texts) await index.insert(id, hasher.sign(text));
      expect(await index.size()).toBe(5);
      const self = await index.query(hasher.sign(texts.get('000')!));
      expect(self[0]).toEqual({ id: '000', similarity: 1 });
      const edited = texts.get('004')!.replace('dangerous world', 'perilous world').replace('Source link', '');
      const near = await index.query(hasher.sign(edited));
      expect(near[0]!.id).toBe('004');
      expect(near[0]!.similarity).toBeGreaterThan(0.8);
    });

    it('accepts any string id, "__proto__" and "constructor" included', async () => {
      const index = await newIndex();
      const ids = ['__proto__', 'constructor', '', 'hasOwnProperty', 'ü 東京 🙂', 'a'.repeat(1000)];
      const random = rng(1);
      const sigs = ids.map(() => hasher.signShingles(setPair(random, 100, 0.5).a));
      for (let i = 0; i < ids.length; i++) await index.insert(ids[i]!, sigs[i]!);
      expect(await index.size()).toBe(ids.length);
      for (let i = 0; i < ids.length; i++) {
        expect(await index.has(ids[i]!)).toBe(true);
        expect((await index.query(sigs[i]!))[0]!.id).toBe(ids[i]);
      }
      expect(await index.has('toString')).toBe(false);
      expect(await index.remove('__proto__')).toBe(true);
      expect(await index.has('__proto__')).toBe(false);
    });

    it('rejects a second insert of the same id and keeps the first', async () => {
      const index = await newIndex();
      const a = hasher.sign('first text about naval cooperation between Japan and the EU');
      await index.insert('x', a);
      await expect(index.insert('x', hasher.sign('something else entirely'))).rejects.toBeInstanceOf(DuplicateIdError);
      await expect(index.insertMany([{ id: 'y', signature: a }, { id: 'y', signature: a }])).rejects.toThrow(/already in the index/);
      expect(await index.has('y')).toBe(false);
      expect((await index.query(a))[0]).toEqual({ id: 'x', similarity: 1 });
    });

    it('removes a document from every bucket; unknown ids give false', async () => {
      const index = await newIndex();
      const sig = hasher.sign('The European Union is seeking security and defense industry partnerships');
      for (let i = 0; i < 50; i++) await index.insert(`copy-${i}`, sig);
      const order = Array.from({ length: 50 }, (_, i) => i).sort((a, b) => ((a * 37) % 50) - ((b * 37) % 50));
      for (const [n, i] of order.entries()) {
        expect(await index.remove(`copy-${i}`)).toBe(true);
        const left = await index.query(sig);
        expect(left.map((m) => m.id).sort()).toEqual(order.slice(n + 1).map((j) => `copy-${j}`).sort());
      }
      expect(await index.remove('copy-0')).toBe(false);
      expect(await index.remove('never')).toBe(false);
      expect(await index.size()).toBe(0);
      await index.insert('again', sig);
      expect(await index.query(sig)).toEqual([{ id: 'again', similarity: 1 }]);
    });

    it('looks at no more than maxCandidates bucket members when asked', async () => {
      const index = await newIndex();
      const sig = hasher.sign('Shr 10 cts vs 5 cts Net 1.2 mln vs 600,000 Revs 12 mln vs 10 mln');
      await index.insertMany(Array.from({ length: 40 }, (_, i) => ({ id: `brief-${i}`, signature: sig })));
      expect(await index.query(sig)).toHaveLength(40);
      const capped = await index.query(sig, { maxCandidates: 7 });
      expect(capped).toHaveLength(7);
      for (const m of capped) expect(m.similarity).toBe(1);
      await expect(index.query(sig, { maxCandidates: 0 })).rejects.toBeInstanceOf(InvalidArgumentError);
    });

    it('honours limit and per-query threshold, ties broken by id', async () => {
      const index = await newIndex(0.3);
      const sig = hasher.sign('Tokyo seeks to counter China’s increasing maritime assertiveness');
      for (const id of ['c', 'a', 'b']) await index.insert(id, sig);
      expect((await index.query(sig, { limit: 2 })).map((m) => m.id)).toEqual(['a', 'b']);
      expect(await index.query(hasher.sign('an unrelated sentence on cricket scores'), { threshold: 0.9 })).toEqual([]);
    });

    it('meets the S-curve: recall ≥ 0.98 at J ≥ t + 0.2, ≤ 1% returned at J ≤ t − 0.3', async () => {
      const threshold = 0.5;
      const index = await newIndex(threshold);
      const random = rng(99);
      const queries: { sig: ReturnType<MinHasher['signShingles']>; id: string; high: boolean }[] = [];
      const docs = [];
      for (let i = 0; i < 400; i++) {
        const high = i % 2 === 0;
        const j = high ? threshold + 0.2 + random() * (0.95 - threshold - 0.2) : 0.02 + random() * (threshold - 0.3 - 0.02);
        const pair = setPair(random, 300, j);
        docs.push({ id: `d${i}`, signature: hasher.signShingles(pair.a) });
        queries.push({ sig: hasher.signShingles(pair.b), id: `d${i}`, high });
      }
      await index.insertMany(docs);
      let hits = 0;
      let highs = 0;
      let falses = 0;
      let lows = 0;
      for (const q of queries) {
        const found = (await index.query(q.sig)).some((m) => m.id === q.id);
        if (q.high) {
          highs++;
          if (found) hits++;
        } else {
          lows++;
          if (found) falses++;
        }
      }
      expect(hits / highs).toBeGreaterThanOrEqual(0.98);
      expect(falses / lows).toBeLessThanOrEqual(0.01);
    });

    it('refuses signatures made with other parameters', async () => {
      const index = await newIndex();
      await index.insert('a', hasher.sign('one two three four'));
      await expect(index.insert('b', new MinHasher({ shingleSize: 5 }).sign('one two three four'))).rejects.toBeInstanceOf(
        IncompatibleSignatureError,
      );
      await expect(index.query(new MinHasher({ numPerm: 64 }).sign('x y z'))).rejects.toThrow(/numPerm 64/);
      await expect(index.insert(42 as unknown as string, hasher.sign('x'))).rejects.toBeInstanceOf(InvalidArgumentError);
      await expect(index.query({} as never)).rejects.toThrow(/Signature from MinHasher.sign/);
    });

    it('inserts a batch all or nothing: an id already present leaves the whole batch out', async () => {
      const index = await newIndex();
      const random = rng(17);
      const sig = () => hasher.signShingles(setPair(random, 80, 0.5).a);
      await index.insert('present', sig());
      const batch = Array.from({ length: 30 }, (_, i) => ({ id: i === 20 ? 'present' : `new-${i}`, signature: sig() }));
      await expect(index.insertMany(batch)).rejects.toBeInstanceOf(DuplicateIdError);
      expect(await index.size()).toBe(1);
      for (const doc of batch) if (doc.id !== 'present') expect(await index.has(doc.id)).toBe(false);
      expect((await index.query(batch[0]!.signature)).map((m) => m.id)).not.toContain('new-0');
    });

    it('gives back stored signatures; clear() empties the index and it keeps working', async () => {
      const index = await newIndex();
      const a = hasher.sign('the first of two texts about defence industry partnerships');
      await index.insertMany([{ id: 'a', signature: a, time: 5 }, { id: 'b', signature: hasher.sign('another text') }]);
      expect(await index.get('a')).toEqual(a.values);
      expect(await index.get('nope')).toBeUndefined();
      await index.clear();
      expect(await index.size()).toBe(0);
      expect(await index.query(a)).toEqual([]);
      await index.insert('a', a);
      expect(await index.query(a)).toEqual([{ id: 'a', similarity: 1 }]);
    });

    it('saves and loads into a fresh storage of this kind, answering as before', async () => {
      const index = await newIndex();
      const random = rng(23);
      const sigs = Array.from({ length: 60 }, () => hasher.signShingles(setPair(random, 80, 0.7).a));
      await index.insertMany(sigs.map((signature, i) => ({ id: `s${i}`, signature, time: i % 2 ? i : undefined })));
      const loaded = await LshIndex.load(await index.save(), { storage: await makeStorage() });
      expect(await loaded.size()).toBe(60);
      for (const q of sigs) expect(await loaded.query(q, { threshold: 0.2 })).toEqual(await index.query(q, { threshold: 0.2 }));
      expect(await loaded.removeOlderThan(30)).toBe(15);
    });

    it('removes documents older than a time', async () => {
      const index = await newIndex();
      const random = rng(5);
      for (let i = 0; i < 20; i++) await index.insert(`t${i}`, hasher.signShingles(setPair(random, 50, 0.5).a), 1000 * i);
      await index.insert('timeless', hasher.sign('no time given'));
      expect(await index.removeOlderThan(10_000)).toBe(10);
      expect(await index.size()).toBe(11);
      expect(await index.has('t9')).toBe(false);
      expect(await index.has('t10')).toBe(true);
      expect(await index.has('timeless')).toBe(true);
    });
  });
}
