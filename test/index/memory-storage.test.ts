import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, LshIndex, MemoryStorage, MinHasher } from '../../src/index.js';
import { rng, setPair } from '../helpers/random.js';
import { lshBehaviour } from './lsh-behaviour.js';

lshBehaviour('MemoryStorage', () => new MemoryStorage());

describe('MemoryStorage specifics', () => {
  it('survives many inserts and removals with slot reuse and table growth', async () => {
    const hasher = new MinHasher({ numPerm: 64 });
    const index = new LshIndex({ threshold: 0.5, numPerm: 64 });
    const random = rng(8);
    const sets = Array.from({ length: 3000 }, () => setPair(random, 60, 0.9));
    const live = new Set<number>();
    for (let i = 0; i < sets.length; i++) {
      await index.insert(String(i), hasher.signShingles(sets[i]!.a));
      live.add(i);
      if (i % 3 === 2) {
        const victim = i - 1 - Math.floor(random() * 10);
        if (live.delete(victim)) expect(await index.remove(String(victim))).toBe(true);
      }
    }
    expect(await index.size()).toBe(live.size);
    let found = 0;
    for (const i of live) if ((await index.query(hasher.signShingles(sets[i]!.b))).some((m) => m.id === String(i))) found++;
    expect(found / live.size).toBeGreaterThan(0.98);
    for (let i = 0; i < sets.length; i++) {
      if (!live.has(i)) expect(await index.has(String(i))).toBe(false);
    }
  });

  it('refuses a storage shared by two differently shaped indexes', async () => {
    const storage = new MemoryStorage();
    const a = new LshIndex({ threshold: 0.5, storage });
    await a.insert('x', new MinHasher().sign('some words here'));
    const b = new LshIndex({ threshold: 0.9, storage });
    await expect(b.insert('y', new MinHasher().sign('other words there'))).rejects.toThrow(/give each index its own storage/);
  });

  it('validates its options', () => {
    expect(() => new LshIndex({ threshold: 1.5 })).toThrow(InvalidArgumentError);
    expect(() => new LshIndex({ bands: 10 })).toThrow(/both bands and rows/);
    expect(() => new LshIndex({ bands: 20, rows: 10 })).toThrow(/exceeds numPerm 128/);
    expect(() => new LshIndex({ storage: {} as never })).toThrow(/must implement LshStorage/);
    expect(new LshIndex({ bands: 16, rows: 8 }).bands).toBe(16);
  });
});
