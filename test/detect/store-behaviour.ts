/**
 * One behaviour suite for DetectorStores, run on MemoryDetectorStore (store.test.ts) and
 * RedisDetectorStore (redis-detector.test.ts): records replace, deleting an article takes its
 * pairs, pairs need both ends, every pair is listed once.
 */
import { describe, expect, it } from 'vitest';
import type { DetectorStore, PairEdge, StoredArticle } from '../../src/index.js';

const article = (id: string, extra: Partial<StoredArticle> = {}): StoredArticle => ({ id, text: `text of ${id}`, addedAt: 1000, ...extra });
const edge = (a: string, b: string, relation: PairEdge['relation'] = 'derived'): PairEdge => ({
  a,
  b,
  relation,
  direction: relation === 'derived' ? 'a-from-b' : null,
  similarity: 0.1 + 1 / 3,
  coverage: { a: 0.75, b: 2 / 7 },
});
const sortPairs = (edges: readonly PairEdge[]) => [...edges].sort((x, y) => (x.a + '\u0000' + x.b < y.a + '\u0000' + y.b ? -1 : 1));

export function storeBehaviour(name: string, makeStore: () => DetectorStore | Promise<DetectorStore>): void {
  describe(`DetectorStore behaviour: ${name}`, () => {
    it('stores, replaces and deletes articles with every field', async () => {
      const store = await makeStore();
      const full = article('a', { publishedAt: 1.5e12 + 0.25, source: 'Reuters', url: 'https://x.test/a?b=c', title: 'Grain “deal” ✓', addedAt: 1.7e12 });
      await store.put(full);
      expect(await store.get('a')).toEqual(full);
      await store.put(article('a', { text: 'new text' }));
      expect(await store.get('a')).toEqual(article('a', { text: 'new text' })); // old fields gone
      expect(await store.has('a')).toBe(true);
      expect(await store.get('nope')).toBeUndefined();
      expect(await store.size()).toBe(1);
      expect(await store.delete('a')).toBe(true);
      expect(await store.delete('a')).toBe(false);
      expect(await store.has('a')).toBe(false);
      expect(await store.size()).toBe(0);
    });

    it('keeps odd ids and texts apart and intact', async () => {
      const store = await makeStore();
      const ids = ['', '__proto__', 'constructor', 'a:e:b', 'x:a:y', 'ü 東京 🙂', 'nul\u0000id'];
      for (const id of ids) await store.put(article(id, { text: `t ${id} \uD800 lone`, source: '' }));
      expect([...(await store.ids())].sort()).toEqual([...ids].sort());
      for (const id of ids) expect(await store.get(id)).toEqual(article(id, { text: `t ${id} \uD800 lone`, source: '' }));
    });

    it('records pairs only between stored articles, lists each once, and drops them with either end', async () => {
      const store = await makeStore();
      for (const id of ['a', 'b', 'c', 'd']) await store.put(article(id));
      await store.putEdges([edge('b', 'a'), edge('c', 'a', 'related'), edge('d', 'ghost'), edge('c', 'b', 'near-duplicate')]);
      expect(sortPairs(await store.edges())).toEqual(sortPairs([edge('b', 'a'), edge('c', 'a', 'related'), edge('c', 'b', 'near-duplicate')]));
      await store.putEdges([edge('b', 'a', 'duplicate')]); // a later verdict replaces the pair
      expect(sortPairs(await store.edges())).toContainEqual(edge('b', 'a', 'duplicate'));
      // one article's pairs, read alone
      expect(sortPairs(await store.edgesOf!('a'))).toEqual(sortPairs([edge('b', 'a', 'duplicate'), edge('c', 'a', 'related')]));
      expect(sortPairs(await store.edgesOf!('b'))).toEqual(sortPairs([edge('b', 'a', 'duplicate'), edge('c', 'b', 'near-duplicate')]));
      expect(await store.edgesOf!('d')).toEqual([]);
      expect(await store.edgesOf!('ghost')).toEqual([]);
      expect(await store.delete('a')).toBe(true);
      expect(sortPairs(await store.edges())).toEqual([edge('c', 'b', 'near-duplicate')]);
      expect(await store.edgesOf!('c')).toEqual([edge('c', 'b', 'near-duplicate')]);
      expect(await store.edgesOf!('a')).toEqual([]);
      await store.put(article('a'));
      expect((await store.edges()).length).toBe(1); // a re-added article starts without pairs
      await store.put(article('e'), [edge('e', 'b', 'derived'), edge('e', 'gone')]); // the commit: article and its pairs at once
      expect(await store.edgesOf!('e')).toEqual([edge('e', 'b', 'derived')]);
      expect(sortPairs(await store.edgesOf!('b'))).toEqual(sortPairs([edge('c', 'b', 'near-duplicate'), edge('e', 'b', 'derived')]));
      await store.delete('e');
      await store.put(article('c', { text: 'corrected' }));
      expect((await store.edges()).length).toBe(1); // replacing a record keeps its pairs
      await store.putEdges([]);
      expect(await store.size()).toBe(4);
    });
  });
}
