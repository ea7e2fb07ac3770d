/**
 * PassageIndex over MemoryPassageStorage: the shared passage-storage behaviour suite, plus
 * argument checks of PassageIndex itself and what only the memory storage does.
 */
import { describe, expect, it } from 'vitest';
import { IncompatibleSignatureError, InvalidArgumentError } from '../../src/index.js';
import { PassageIndex } from '../../src/index/passage-index.js';
import { MemoryPassageStorage } from '../../src/index/memory-passage-storage.js';
import { passageBehaviour } from './passage-behaviour.js';

passageBehaviour('MemoryPassageStorage', () => new MemoryPassageStorage(), { twin: (s) => s, randomOps: 20_000 });

describe('PassageIndex (memory specifics)', () => {
  it('validates its options and storage', () => {
    expect(() => new PassageIndex({ maxPostings: 0 })).toThrow(InvalidArgumentError);
    expect(() => new PassageIndex({ maxPostings: 1.5 })).toThrow(InvalidArgumentError);
    expect(() => new PassageIndex({ storage: {} as never })).toThrow(/PassageStorage/);
  });

  it('tells two indexes with other settings to use their own storage', async () => {
    const storage = new MemoryPassageStorage();
    await new PassageIndex({ storage, maxPostings: 10 }).add('a', Uint32Array.of(1));
    const other = new PassageIndex({ storage, maxPostings: 20 }).add('b', Uint32Array.of(1));
    await expect(other).rejects.toBeInstanceOf(IncompatibleSignatureError);
    await expect(new PassageIndex({ storage, maxPostings: 20 }).add('b', Uint32Array.of(1))).rejects.toThrow(/its own storage/);
  });

  it('reports its size in stats', async () => {
    const storage = new MemoryPassageStorage();
    const index = new PassageIndex({ storage, maxPostings: 1 });
    await index.add('a', Uint32Array.of(1, 2));
    await index.add('b', Uint32Array.of(1, 3));
    expect(storage.stats).toMatchObject({ shingles: 3, postings: 2 });
  });
});
