import { describe, expect, it } from 'vitest';
import { insertTopK } from '../../src/align/top-k.js';

describe('insertTopK', () => {
  it('keeps the k best by count, ties by the smaller id, as a full sort would', () => {
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let trial = 0; trial < 200; trial++) {
      const k = 1 + Math.floor(random() * 6);
      const items = Array.from({ length: Math.floor(random() * 20) }, (_, id) => ({ id, count: Math.floor(random() * 5) }));
      items.sort(() => random() - 0.5);
      const ids = new Int32Array(k);
      const counts = new Int32Array(k);
      let n = 0;
      for (const { id, count } of items) n = insertTopK(ids, counts, n, id, count);
      const expected = [...items].sort((x, y) => y.count - x.count || x.id - y.id).slice(0, k);
      expect(n).toBe(expected.length);
      expect([...ids.subarray(0, n)]).toEqual(expected.map((x) => x.id));
      expect([...counts.subarray(0, n)]).toEqual(expected.map((x) => x.count));
    }
  });
});
