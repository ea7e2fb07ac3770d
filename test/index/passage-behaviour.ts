/**
 * One behaviour suite for passage storages (through PassageIndex and directly), run on
 * MemoryPassageStorage (passage-index.test.ts) and RedisPassageStorage (redis-passage-storage.test.ts):
 * exact counts, saturation that outlives its holders, live document frequency, ids, windows,
 * entries, clear, layout checks, and random operations against a reference model.
 */
import { describe, expect, it } from 'vitest';
import { DuplicateIdError, IncompatibleSignatureError, InvalidArgumentError, type PassageStorage } from '../../src/index.js';
import { PassageIndex } from '../../src/index/passage-index.js';
import { saturateShingles, saturatedShingles } from '../../src/index/passage-saturation.js';
import { rng } from '../helpers/random.js';

const set = (...xs: number[]) => Uint32Array.from(xs);
const sorted = (m: Map<string, number> | undefined) => new Map([...(m ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The semantics every passage storage must have, written as plainly as possible. */
export class PassageModel {
  readonly docs = new Map<string, { shingles: Uint32Array; time: number | undefined }>();
  readonly holders = new Map<number, Set<string>>();
  readonly saturated = new Set<number>();
  constructor(readonly maxPostings: number) {}

  add(id: string, shingles: Uint32Array, time?: number): void {
    this.docs.set(id, { shingles: shingles.slice(), time });
    for (const h of shingles) {
      if (this.saturated.has(h)) continue;
      const s = this.holders.get(h) ?? new Set<string>();
      if (s.size >= this.maxPostings) {
        this.saturated.add(h);
        this.holders.delete(h);
      } else {
        s.add(id);
        this.holders.set(h, s);
      }
    }
  }

  remove(id: string): boolean {
    const doc = this.docs.get(id);
    if (!doc) return false;
    for (const h of doc.shingles) {
      const s = this.holders.get(h);
      s?.delete(id);
      if (s?.size === 0) this.holders.delete(h);
    }
    return this.docs.delete(id);
  }

  lookup(query: Uint32Array): Map<string, number> {
    const out = new Map<string, number>();
    for (const h of query) for (const id of this.holders.get(h) ?? []) out.set(id, (out.get(id) ?? 0) + 1);
    return out;
  }

  /** Documents holding `h` now; Infinity once saturated. */
  frequency(h: number): number {
    return this.saturated.has(h) ? Infinity : (this.holders.get(h)?.size ?? 0);
  }

  removeOlderThan(time: number): number {
    let n = 0;
    for (const [id, d] of [...this.docs]) if (d.time !== undefined && d.time < time && this.remove(id)) n++;
    return n;
  }
}

export interface PassageBehaviourOptions {
  /** Another storage over the same data (memory: the same object; Redis: same prefix). */
  twin: (storage: PassageStorage) => PassageStorage | Promise<PassageStorage>;
  /** Operations of the random model test. */
  randomOps: number;
}

export function passageBehaviour(name: string, makeStorage: () => PassageStorage | Promise<PassageStorage>, options: PassageBehaviourOptions): void {
  const newIndex = async (maxPostings = 100) => new PassageIndex({ maxPostings, storage: await makeStorage() });

  describe(`PassageIndex over ${name}`, () => {
    it('counts shared shingles per document exactly, against brute force', async () => {
      const index = await newIndex(1000);
      const random = rng(4);
      const docs = new Map<string, Set<number>>();
      for (let d = 0; d < 300; d++) {
        const s = new Set<number>();
        while (s.size < 40) s.add(Math.floor(random() * 2000));
        docs.set(`d${d}`, s);
        await index.add(`d${d}`, Uint32Array.from([...s].sort((a, b) => a - b)));
      }
      for (let q = 0; q < 30; q++) {
        const query = new Set<number>();
        while (query.size < 30) query.add(Math.floor(random() * 2000));
        const [found] = await index.lookup([Uint32Array.from(query)]);
        const expected = new Map<string, number>();
        for (const [id, s] of docs) {
          let n = 0;
          for (const x of query) if (s.has(x)) n++;
          if (n > 0) expected.set(id, n);
        }
        expect(sorted(found)).toEqual(sorted(expected));
      }
    });

    it('with minShared and minShare lists exactly the documents the unfiltered lookup gives that pass both', async () => {
      const index = await newIndex(1000);
      const random = rng(11);
      for (let d = 0; d < 200; d++) {
        const s = new Set<number>();
        while (s.size < 30) s.add(Math.floor(random() * 600));
        await index.add(`d${d}`, Uint32Array.from([...s].sort((a, b) => a - b)));
      }
      let dropped = 0;
      let kept = 0;
      for (let q = 0; q < 20; q++) {
        const query = new Set<number>();
        while (query.size < 7 + q) query.add(Math.floor(random() * 600));
        const sets = [Uint32Array.from(query), Uint32Array.from(query).subarray(0, 5)];
        const all = await index.lookup(sets);
        const filtered = await index.lookup(sets, { minShared: 2, minShare: 0.15 });
        sets.forEach((set, k) => {
          const expected = new Map([...all[k]!].filter(([, n]) => n >= 2 && n / set.length >= 0.15));
          dropped += all[k]!.size - expected.size;
          kept += expected.size;
          expect(sorted(filtered[k])).toEqual(sorted(expected));
        });
      }
      expect(dropped).toBeGreaterThan(0);
      expect(kept).toBeGreaterThan(0);
      await expect(index.lookup([set(1)], { minShare: -0.5 })).rejects.toThrow(InvalidArgumentError);
      await expect(index.lookup([set(1)], { minShared: Number.NaN })).rejects.toThrow(InvalidArgumentError);
    });

    it('stops listing a shingle held by more than maxPostings documents (boilerplate)', async () => {
      const index = await newIndex(3);
      for (const id of ['a', 'b', 'c']) await index.add(id, set(1, 2, id.charCodeAt(0)));
      expect((await index.lookup([set(1)]))[0]!.size).toBe(3);
      await index.add('d', set(1, 5));
      expect((await index.lookup([set(1)]))[0]!.size).toBe(0);
      expect(Object.fromEntries((await index.lookup([set(2, 5)]))[0]!)).toEqual({ a: 1, b: 1, c: 1, d: 1 });
      await index.remove('a');
      expect((await index.lookup([set(1)]))[0]!.size).toBe(0); // once boilerplate, always boilerplate
    });

    it('keeps a shingle saturated after every holder left; below the cut-off, counts live holders only', async () => {
      const index = await newIndex(2);
      for (const id of ['a', 'b', 'c']) await index.add(id, set(7, 8));
      for (const id of ['a', 'b', 'c']) expect(await index.remove(id)).toBe(true);
      await index.add('late', set(7, 9));
      expect(Object.fromEntries((await index.lookup([set(7, 8, 9)]))[0]!)).toEqual({ late: 1 });
      expect(Array.from(await saturatedShingles(index.storage))).toEqual([7, 8]);
      // Document frequency is live: two holders, one leaves, a third joins — still listed.
      await index.add('x', set(20));
      await index.add('y', set(20));
      await index.remove('x');
      await index.add('z', set(20));
      expect(sorted((await index.lookup([set(20)]))[0])).toEqual(new Map([['y', 1], ['z', 1]]));
      // …and a shingle whose holders all left starts over.
      await index.remove('y');
      await index.remove('z');
      await index.add('p', set(20));
      await index.add('q', set(20));
      expect((await index.lookup([set(20)]))[0]!.size).toBe(2);
      await index.add('r', set(20));
      expect((await index.lookup([set(20)]))[0]!.size).toBe(0);
    });

    it('tells document frequencies in one call, and skips in a lookup the shingles held by more than lookupMaxDocs documents in all', async () => {
      const storage = await makeStorage();
      const index = new PassageIndex({ maxPostings: 4, storage, lookupMaxDocs: 2 });
      for (const [id, own] of [['a', 2], ['b', 3], ['c', 4]] as const) await index.add(id, set(1, own, 50));
      for (const [id, own] of [['d', 5], ['e', 6]] as const) await index.add(id, set(1, own));
      await index.remove('e'); // shingle 1 saturated (5 holders > 4), and stays so
      await index.remove('d');
      expect(Array.from(await storage.documentFrequencies!(set(1, 2, 50, 99)))).toEqual([Infinity, 1, 3, 0]);
      // 50 is held by a, b, c (more than 2): skipped; 2 and 3 are specific
      expect(sorted((await index.lookup([set(2, 3, 50)]))[0])).toEqual(new Map([['a', 1], ['b', 1]]));
      await index.remove('c');
      expect(sorted((await index.lookup([set(50)]))[0])).toEqual(new Map([['a', 1], ['b', 1]]));
      expect(Array.from(await storage.documentFrequencies!(set()))).toEqual([]);
    });

    it('removes documents, reuses slots, and refuses duplicate ids', async () => {
      const index = await newIndex();
      await index.add('__proto__', set(1, 2, 3));
      await index.add('constructor', set(3, 4));
      await expect(index.add('constructor', set(9))).rejects.toBeInstanceOf(DuplicateIdError);
      expect((await index.lookup([set(9)]))[0]!.size).toBe(0);
      expect((await index.lookup([set(3)]))[0]).toEqual(new Map([['__proto__', 1], ['constructor', 1]]));
      expect(await index.remove('__proto__')).toBe(true);
      expect(await index.remove('__proto__')).toBe(false);
      await index.add('x', set(1));
      expect(sorted((await index.lookup([set(1, 2, 3)]))[0])).toEqual(new Map([['constructor', 1], ['x', 1]]));
      expect(await index.size()).toBe(2);
    });

    it('accepts any well-formed id and refuses lone surrogates', async () => {
      const index = await newIndex();
      const ids = ['', 'hasOwnProperty', 'a:p:00000001', 'x:d:y', 'sat', 'ü 東京 🙂', 'tab\tnew\nline', 'nul\u0000byte', 'a'.repeat(1000)];
      for (const [i, id] of ids.entries()) await index.add(id, set(100 + i, 999));
      const [all] = await index.lookup([set(999)]);
      expect(sorted(all)).toEqual(sorted(new Map(ids.map((id) => [id, 1]))));
      for (const id of ids) expect(await index.has(id)).toBe(true);
      await expect(index.add('bad\uD800', set(1))).rejects.toBeInstanceOf(InvalidArgumentError);
      expect(await index.has('bad\uD800')).toBe(false);
      expect(await index.remove('bad\uD800')).toBe(false);
      expect(await index.remove('')).toBe(true);
      expect(await index.size()).toBe(ids.length - 1);
    });

    it('answers several sets in one lookup; repeated query shingles count each time', async () => {
      const index = await newIndex();
      await index.add('a', set(1, 2, 3));
      await index.add('b', set(3, 4));
      const found = await index.lookup([set(1, 2), set(), set(3, 3), set(77), set(4, 1)]);
      expect(found.map((m) => Object.fromEntries(sorted(m)))).toEqual([{ a: 2 }, {}, { a: 2, b: 2 }, {}, { a: 1, b: 1 }]);
      expect(await index.lookup([])).toEqual([]);
    });

    it('survives heavy churn', async () => {
      const index = await newIndex(50);
      const random = rng(12);
      const live = new Map<string, Uint32Array>();
      for (let i = 0; i < 3000; i++) {
        const s = new Set<number>();
        while (s.size < 20) s.add(Math.floor(random() * 1e6));
        const shingles = Uint32Array.from(s);
        await index.add(`k${i}`, shingles);
        live.set(`k${i}`, shingles);
        if (i % 2 === 1) {
          const victim = `k${i - 1 - Math.floor(random() * Math.min(i, 20))}`;
          if (live.delete(victim)) expect(await index.remove(victim)).toBe(true);
        }
      }
      expect(await index.size()).toBe(live.size);
      const sample = [...live].slice(0, 200);
      const found = await index.lookup(sample.map(([, s]) => s));
      sample.forEach(([id], k) => expect(found[k]!.get(id)).toBe(20));
    });

    it('removes documents older than a time; timeless documents stay', async () => {
      const index = await newIndex();
      await index.add('old', set(1), 100);
      await index.add('new', set(1), 200);
      await index.add('timeless', set(1));
      await index.add('edge', set(1), 150);
      expect(await index.removeOlderThan(Number.NaN)).toBe(0);
      expect(await index.removeOlderThan(150)).toBe(1);
      expect([...(await index.lookup([set(1)]))[0]!.keys()].sort()).toEqual(['edge', 'new', 'timeless']);
      expect(await index.removeOlderThan(Infinity)).toBe(2);
      expect(await index.has('timeless')).toBe(true);
      await expect(index.add('x', [1, 2] as never)).rejects.toBeInstanceOf(InvalidArgumentError);
    });

    it('lists every document with its shingles and time', async () => {
      const index = await newIndex();
      await index.add('a', set(5, 6, 7), 1.5);
      await index.add('b', set(), undefined);
      await index.add('c', set(6), -2e12);
      await index.remove('a');
      await index.add('a', set(9), 3);
      const got = [];
      for await (const e of index.storage.entries()) got.push({ id: e.id, shingles: Array.from(e.shingles), time: e.time });
      got.sort((x, y) => (x.id < y.id ? -1 : 1));
      expect(got).toEqual([
        { id: 'a', shingles: [9], time: 3 },
        { id: 'b', shingles: [], time: undefined },
        { id: 'c', shingles: [6], time: -2e12 },
      ]);
    });

    it('clear() forgets documents and saturation; the index works on', async () => {
      const index = await newIndex(1);
      await index.add('a', set(1));
      await index.add('b', set(1));
      expect((await index.lookup([set(1)]))[0]!.size).toBe(0);
      await index.clear();
      expect(await index.size()).toBe(0);
      expect(await saturatedShingles(index.storage)).toEqual(new Uint32Array());
      await index.add('c', set(1));
      expect((await index.lookup([set(1)]))[0]).toEqual(new Map([['c', 1]]));
    });

    it('shares data with a twin storage and refuses another layout', async () => {
      const storage = await makeStorage();
      const a = new PassageIndex({ storage, maxPostings: 10 });
      await a.add('a', set(1));
      const twin = await options.twin(storage);
      const b = new PassageIndex({ storage: twin, maxPostings: 10 });
      expect((await b.lookup([set(1)]))[0]).toEqual(new Map([['a', 1]]));
      const other = new PassageIndex({ storage: await options.twin(storage), maxPostings: 20 });
      await expect(other.add('b', set(1))).rejects.toBeInstanceOf(IncompatibleSignatureError);
      const shingled = new PassageIndex({ storage: await options.twin(storage), maxPostings: 10, shingleKey: 'word-5' });
      await expect(shingled.lookup([set(1)])).rejects.toBeInstanceOf(IncompatibleSignatureError);
    });

    it('restores saturation with saturateShingles', async () => {
      const index = await newIndex(2);
      await saturateShingles(index, set(4, 5));
      expect(await index.size()).toBe(0);
      await index.add('a', set(4, 5, 6));
      expect(Object.fromEntries((await index.lookup([set(4, 5, 6)]))[0]!)).toEqual({ a: 1 });
      expect(Array.from(await saturatedShingles(index.storage))).toEqual([4, 5]);
    });

    it(`matches the reference model over ${options.randomOps} random operations`, async () => {
      const max = 4;
      const index = await newIndex(max);
      const model = new PassageModel(max);
      const random = rng(2024);
      const universe = 60; // small, so that shingles saturate and start over often
      const shingles = (): Uint32Array => {
        const s = new Set<number>();
        const n = 1 + Math.floor(random() * 8);
        while (s.size < n) s.add(Math.floor(random() * universe) * 0x9e3779b1 >>> 0);
        return Uint32Array.from(s);
      };
      const ids = Array.from({ length: 25 }, (_, i) => (i === 0 ? '' : i === 1 ? '__proto__' : `doc ${i}`));
      for (let op = 0; op < options.randomOps; op++) {
        const r = random();
        const id = ids[Math.floor(random() * ids.length)]!;
        if (r < 0.45) {
          const s = shingles();
          const time = random() < 0.2 ? undefined : Math.floor(random() * 1000);
          if (model.docs.has(id)) await expect(index.add(id, s, time)).rejects.toBeInstanceOf(DuplicateIdError);
          else {
            await index.add(id, s, time);
            model.add(id, s, time);
          }
        } else if (r < 0.75) {
          expect(await index.remove(id)).toBe(model.remove(id));
        } else if (r < 0.78) {
          const t = Math.floor(random() * 400);
          expect(await index.removeOlderThan(t)).toBe(model.removeOlderThan(t));
        } else {
          const queries = [shingles(), shingles()];
          const found = await index.lookup(queries);
          queries.forEach((q, k) => expect(sorted(found[k])).toEqual(sorted(model.lookup(q))));
          expect(Array.from(await index.storage.documentFrequencies!(queries[0]!))).toEqual(Array.from(queries[0]!, (h) => model.frequency(h)));
        }
      }
      expect(await index.size()).toBe(model.docs.size);
      expect(Array.from(await saturatedShingles(index.storage))).toEqual([...model.saturated].sort((a, b) => a - b));
    });
  });
}
