import { describe, expect, it } from 'vitest';
import { DuplicateIdError, InvalidArgumentError } from '../../src/index.js';
import { PassageIndex } from '../../src/index/passage-index.js';
import { MemoryPassageStorage } from '../../src/index/memory-passage-storage.js';
import { rng } from '../helpers/random.js';

const set = (...xs: number[]) => Uint32Array.from(xs);

describe('PassageIndex (memory)', () => {
  it('counts shared shingles per document exactly, against brute force', async () => {
    const index = new PassageIndex({ maxPostings: 1000 });
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
      expect(new Map([...found!].sort())).toEqual(new Map([...expected].sort()));
    }
  });

  it('stops listing a shingle held by more than maxPostings documents (boilerplate)', async () => {
    const index = new PassageIndex({ maxPostings: 3 });
    for (const id of ['a', 'b', 'c']) await index.add(id, set(1, 2, id.charCodeAt(0)));
    expect((await index.lookup([set(1)]))[0]!.size).toBe(3);
    await index.add('d', set(1, 5));
    expect((await index.lookup([set(1)]))[0]!.size).toBe(0);
    expect(Object.fromEntries((await index.lookup([set(2, 5)]))[0]!)).toEqual({ a: 1, b: 1, c: 1, d: 1 });
    await index.remove('a');
    expect((await index.lookup([set(1)]))[0]!.size).toBe(0); // once boilerplate, always boilerplate
  });

  it('removes documents, reuses slots, and refuses duplicate ids', async () => {
    const index = new PassageIndex();
    await index.add('__proto__', set(1, 2, 3));
    await index.add('constructor', set(3, 4));
    await expect(index.add('constructor', set(9))).rejects.toBeInstanceOf(DuplicateIdError);
    expect((await index.lookup([set(3)]))[0]).toEqual(new Map([['__proto__', 1], ['constructor', 1]]));
    expect(await index.remove('__proto__')).toBe(true);
    expect(await index.remove('__proto__')).toBe(false);
    await index.add('x', set(1));
    expect((await index.lookup([set(1, 2, 3)]))[0]).toEqual(new Map([['constructor', 1], ['x', 1]]));
    expect(await index.size()).toBe(2);
  });

  it('survives heavy churn with table growth', async () => {
    const index = new PassageIndex({ maxPostings: 50 });
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
    for (const [id, shingles] of [...live].slice(0, 200)) expect((await index.lookup([shingles]))[0]!.get(id)).toBe(20);
  });

  it('removes documents older than a time, and validates input', async () => {
    const index = new PassageIndex();
    await index.add('old', set(1), 100);
    await index.add('new', set(1), 200);
    await index.add('timeless', set(1));
    expect(await index.removeOlderThan(150)).toBe(1);
    expect([...(await index.lookup([set(1)]))[0]!.keys()].sort()).toEqual(['new', 'timeless']);
    await expect(index.add('x', [1, 2] as never)).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(() => new PassageIndex({ maxPostings: 0 })).toThrow(InvalidArgumentError);
    const storage = new MemoryPassageStorage();
    await new PassageIndex({ storage, maxPostings: 10 }).add('a', set(1));
    await expect(new PassageIndex({ storage, maxPostings: 20 }).add('b', set(1))).rejects.toThrow(/its own storage/);
  });
});
