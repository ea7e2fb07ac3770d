/**
 * A Detector shared through Redis: the DetectorStore suite on RedisDetectorStore (unsharded and
 * sharded), the archive suite (templates, clusters, every copy reachable) as on memory, two worker
 * processes adding, matching, clustering, removing and expiring on one detector, and snapshots
 * loaded into (and saved from) Redis storage.
 * Needs Redis at REDIS_URL (default 127.0.0.1:6379); skips with a warning without it, unless CI is set.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import {
  Detector,
  InvalidArgumentError,
  RedisDetectorStore,
  StorageError,
  redisDetectorStorage,
  type RedisDetectorStorage,
} from '../../src/index.js';
import { redisStoreKeys } from '../../src/storage/redis/article-store.js';
import { saturatedShingles } from '../../src/index/passage-saturation.js';
import { expected } from '../helpers/expected.js';
import { fixtureTexts, ROOT } from '../helpers/fixtures.js';
import { newsCorpus } from '../helpers/corpus.js';
import { deleteKeys, REDIS_URL, redisUnreachable } from '../index/redis-worker.js';
import type { WorkerRequest } from './redis-detector-worker.js';
import { archiveBehaviour } from './archive-behaviour.js';
import { storeBehaviour } from './store-behaviour.js';

const RUN = `neardup-test-detector:${process.pid}:${Date.now()}`;
const WORKER = join(ROOT, 'test', 'detect', 'redis-detector-worker.ts');
const unreachable = await redisUnreachable();
const texts = fixtureTexts();
const date = (id: string) => expected.articles.find((a) => a.id === id)!.publishedAt;
const byPair = (x: { a: string; b: string }, y: { a: string; b: string }) => (x.a + '\u0000' + x.b < y.a + '\u0000' + y.b ? -1 : 1);

describe('Redis detector options (no Redis needed)', () => {
  it('validates options', async () => {
    expect(() => new RedisDetectorStore({ prefix: 'x' })).toThrow(/client or a url/);
    expect(() => new RedisDetectorStore({ url: REDIS_URL, prefix: '' })).toThrow(InvalidArgumentError);
    await expect(redisDetectorStorage({ prefix: 'x' })).rejects.toThrow(/client or a url/);
    await expect(redisDetectorStorage(null as never)).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});

/** A worker process with a JSON-lines request/response channel. */
function startWorker(prefix: string): { call: (req: WorkerRequest) => Promise<unknown>; stop: () => Promise<void> } {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', WORKER, REDIS_URL, prefix], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => waiting.shift()?.(line));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    call: (req) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`worker did not answer ${req.op}; stderr: ${stderr}`)), 30_000);
        waiting.push((line) => {
          clearTimeout(timer);
          const reply = JSON.parse(line) as { ok: boolean; result?: unknown; error?: string };
          if (reply.ok) resolve(reply.result);
          else reject(new Error(reply.error));
        });
        child.stdin!.write(`${JSON.stringify(req)}\n`);
      }),
    stop: async () => {
      child.stdin!.end();
      expect(await exited).toBe(0);
    },
  };
}

if (unreachable !== undefined && process.env.CI) {
  describe('Redis detector', () => {
    it('needs Redis on CI', () => {
      throw new Error(`${unreachable}; CI is set, so the Redis tests must run: start redis-server or set REDIS_URL`);
    });
  });
} else if (unreachable !== undefined) {
  console.warn(`Skipping the Redis detector tests: ${unreachable}. Start redis-server or set REDIS_URL to run them.`);
  describe.skip('Redis detector (Redis not reachable)', () => {
    it('skipped', () => undefined);
  });
} else {
  const client = new Redis(REDIS_URL);
  let counter = 0;
  const freshPrefix = (): string => `${RUN}:${counter++}`;
  const opened: { close(): Promise<void> }[] = [];
  const track = <T extends { close(): Promise<void> }>(s: T): T => (opened.push(s), s);

  afterAll(async () => {
    for (const s of opened) await s.close();
    await deleteKeys(client, RUN);
    expect(await client.keys(`${RUN}*`)).toEqual([]);
    await client.quit();
  });

  storeBehaviour('RedisDetectorStore', () => track(new RedisDetectorStore({ client, prefix: freshPrefix() })));
  storeBehaviour('sharded RedisDetectorStore on one Redis', async () => (await redisDetectorStorage({ client, prefix: freshPrefix(), shards: 3 })).articles);
  archiveBehaviour('Redis', async () => track(await redisDetectorStorage({ client, prefix: freshPrefix() })));
  archiveBehaviour('sharded Redis (3 shards on one node)', async () => track(await redisDetectorStorage({ client, prefix: freshPrefix(), shards: 3 })));

  describe('RedisDetectorStore specifics', () => {
    it('keeps the documented key layout and refuses foreign prefixes', async () => {
      const prefix = freshPrefix();
      const keys = redisStoreKeys(prefix);
      const store = track(new RedisDetectorStore({ url: REDIS_URL, prefix }));
      await store.put({ id: 'a', text: 'x', addedAt: 5, publishedAt: 4 });
      await store.put({ id: 'b', text: 'y', addedAt: 6 });
      await store.putEdges([{ a: 'b', b: 'a', relation: 'related', direction: null, similarity: 0.5, coverage: { a: 0.25, b: 0.125 } }]);
      expect(await client.hgetall(keys.layout)).toEqual({ kind: 'articles', storeVersion: '1' });
      expect(await client.zrange(keys.ids, 0, -1, 'WITHSCORES')).toEqual(['a', '5', 'b', '6']);
      expect(await client.hgetall(keys.article('a'))).toEqual({ text: 'x', addedAt: '5', publishedAt: '4' });
      expect(Object.keys(await client.hgetall(keys.edges('a')))).toEqual(['b']);
      await expect(store.put({ id: 'bad\uDC00', text: 'x', addedAt: 1 })).rejects.toBeInstanceOf(InvalidArgumentError);
      expect(await store.has('bad\uDC00')).toBe(false);
      await store.clear();
      expect(await client.keys(`${prefix}:*`)).toEqual([]);
      const shared = await redisDetectorStorage({ client, prefix: freshPrefix() });
      await new Detector({ storage: shared }).add({ id: 'a', text: texts.get('000')! });
      await expect(new RedisDetectorStore({ client, prefix: `${shared.prefix}:passages` }).size()).rejects.toThrow(StorageError);
      await shared.clear();
      expect(await client.keys(`${shared.prefix}:*`)).toEqual([]);
    });
  });

  describe('Detector shared by two worker processes', () => {
    it('adds, matches, clusters, removes and expires across processes', async () => {
      const prefix = freshPrefix();
      const a = startWorker(prefix);
      const b = startWorker(prefix);
      try {
        const article = (id: string) => ({ id, text: texts.get(id)!, publishedAt: date(id) });
        expect(await a.call({ op: 'add', article: article('000') })).toEqual([]);
        expect(await a.call({ op: 'add', article: article('003') })).toEqual([]);

        const [derived] = (await b.call({ op: 'match', text: texts.get('001')! })) as { id: string; relation: string; direction: string }[];
        expect(derived).toMatchObject({ id: '000', relation: 'derived' });
        expect(await b.call({ op: 'add', article: article('004') })).toEqual([expect.objectContaining({ id: '003', relation: 'related' })]);
        expect(await b.call({ op: 'add', article: article('001') })).toEqual([expect.objectContaining({ id: '000', relation: 'derived', direction: 'a-from-b' })]);
        await expect(a.call({ op: 'add', article: article('001') })).rejects.toThrow(/already in the index/);

        const clusters = [{ ids: ['000', '001'], canonical: '000', canonicalReason: 'earliest' }];
        expect(await a.call({ op: 'clusters' })).toEqual(clusters);
        expect(await b.call({ op: 'clusters' })).toEqual(clusters);
        const pairs = (await a.call({ op: 'pairs' })) as { a: string; b: string; relation: string }[];
        expect(pairs.map((p) => [p.a, p.b, p.relation])).toEqual([['001', '000', 'derived'], ['004', '003', 'related']]);
        expect(await b.call({ op: 'pairs' })).toEqual(pairs);
        expect(await a.call({ op: 'size' })).toBe(4);

        expect(await a.call({ op: 'remove', id: '001' })).toBe(true);
        expect(await b.call({ op: 'has', id: '001' })).toBe(false);
        expect(await b.call({ op: 'clusters' })).toEqual([]);
        expect(((await b.call({ op: 'pairs' })) as unknown[]).length).toBe(1);
        expect(((await b.call({ op: 'match', text: texts.get('000')! })) as { id: string }[]).map((m) => m.id)).not.toContain('001');
        expect(await b.call({ op: 'remove', id: '001' })).toBe(false);

        // Window eviction over Redis: B expires what A added before July.
        expect(await b.call({ op: 'removeOlderThan', time: '2024-07-01' })).toBe(1);
        expect(await a.call({ op: 'has', id: '000' })).toBe(false);
        expect(await a.call({ op: 'size' })).toBe(2);
        expect(((await a.call({ op: 'match', text: texts.get('001')! })) as { id: string }[]).map((m) => m.id)).not.toContain('000');
        expect(await a.call({ op: 'pairs' })).toEqual([expect.objectContaining({ a: '004', b: '003' })]);
      } finally {
        await a.stop();
        await b.stop();
      }
      // Nothing of the removed articles is left in any store.
      const left = (await client.keys(`${prefix}:*`)).filter((k) => /:(d|a|e):(000|001)$/.test(k));
      expect(left).toEqual([]);
      for (const k of await client.keys(`${prefix}:passages:p:*`)) {
        for (const id of await client.smembers(k)) expect(['003', '004']).toContain(id);
      }
    });
  });

  describe('Detector snapshots and Redis', () => {
    const corpus = newsCorpus(300, 'reuters');

    it('loads a snapshot into Redis storage and saves it back, answering as the original', async () => {
      const original = new Detector({ boilerplateDocs: 20 });
      for (const [id, text] of texts) await original.add({ id, text, publishedAt: date(id) });
      for (const [i, d] of corpus.entries()) await original.add({ id: `r${i}`, text: d.text, publishedAt: Date.UTC(2024, 2, 1) + i * 60_000 });
      const queries = [...texts.values(), ...corpus.filter((_, i) => i % 6 === 0).map((d) => d.text)];
      const answers = async (d: Detector) => ({
        matches: await Promise.all(queries.map((q) => d.match(q))),
        clusters: await d.clusters(),
        pairs: (await d.pairs()).sort(byPair),
        size: await d.size(),
      });
      const before = await answers(original);
      const bytes = await original.save();

      const storage: RedisDetectorStorage = track(await redisDetectorStorage({ url: REDIS_URL, prefix: freshPrefix() }));
      const shared = await Detector.load(bytes, { storage });
      expect(await answers(shared)).toEqual(before);
      await expect(Detector.load(bytes, { storage })).rejects.toThrow(/already holds data/);

      // A fresh process's view: a new Detector over the same prefix, saved and loaded into memory.
      const other = new Detector({ boilerplateDocs: 20, storage });
      const back = await Detector.load(await other.save());
      expect(await answers(back)).toEqual(before);
      expect(await storage.passages.saturated()).toEqual(await saturatedShingles(original.passages.storage));
    });
  });
}
