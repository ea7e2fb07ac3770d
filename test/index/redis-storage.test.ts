/**
 * RedisStorage: the LshIndex behaviour suite over Redis, atomicity of inserts (duplicates,
 * rollback, a worker killed mid-insert), 4 concurrent writer processes, layout checks, windows.
 * Needs Redis at REDIS_URL (default 127.0.0.1:6379); skips with a warning without it, unless CI is set.
 */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DuplicateIdError,
  IncompatibleSignatureError,
  InvalidArgumentError,
  LshIndex,
  MinHasher,
  RedisStorage,
  StorageError,
} from '../../src/index.js';
import { redisKeys } from '../../src/storage/redis/lsh-storage.js';
import { rng, setPair } from '../helpers/random.js';
import { lshBehaviour } from './lsh-behaviour.js';
import {
  consistencyProblems,
  deleteKeys,
  REDIS_URL,
  redisUnreachable,
  runWorker,
  WORKER_NUM_PERM,
  WORKER_THRESHOLD,
  workerId,
  workerIndex,
  workerSignature,
} from './redis-worker.js';

const RUN = `neardup-test:${process.pid}:${Date.now()}`;
const unreachable = await redisUnreachable();

describe('RedisStorage options (no Redis needed)', () => {
  it('needs a client or a url, and a prefix', () => {
    expect(() => new RedisStorage({ prefix: 'x' })).toThrow(InvalidArgumentError);
    expect(() => new RedisStorage({ prefix: 'x' })).toThrow(/client or a url/);
    expect(() => new RedisStorage({ url: REDIS_URL, prefix: '' })).toThrow(/non-empty/);
    expect(() => new RedisStorage(undefined as never)).toThrow(InvalidArgumentError);
    expect(() => new RedisStorage({ client: {} as never, prefix: 'x' })).toThrow(/ioredis client/);
    expect(() => new RedisStorage({ url: REDIS_URL, prefix: 'x', windowMs: -1 })).toThrow(/windowMs/);
    const prefixed = new Redis(REDIS_URL, { lazyConnect: true, keyPrefix: 'app:' });
    expect(() => new RedisStorage({ client: prefixed, prefix: 'x' })).toThrow(/keyPrefix/);
    prefixed.disconnect();
  });

  it('wraps an unreachable Redis in a StorageError that names the remedy', async () => {
    const storage = new RedisStorage({ url: 'redis://127.0.0.1:1', prefix: 'x', redisOptions: { retryStrategy: () => null } });
    const index = new LshIndex({ storage });
    const error = await index.insert('a', new MinHasher().sign('some words to sign')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toMatch(/check that Redis is reachable at redis:\/\/127\.0\.0\.1:1/);
    await storage.close();
  });

  it('rejects prune() without windowMs', async () => {
    const storage = new RedisStorage({ url: REDIS_URL, prefix: 'x' });
    await expect(storage.prune()).rejects.toThrow(/windowMs/);
    await storage.close();
  });
});

if (unreachable !== undefined && process.env.CI) {
  describe('RedisStorage', () => {
    it('needs Redis on CI', () => {
      throw new Error(`${unreachable}; CI is set, so the Redis tests must run: start redis-server (apt-get install redis-server) or set REDIS_URL`);
    });
  });
} else if (unreachable !== undefined) {
  console.warn(`Skipping the RedisStorage tests: ${unreachable}. Start redis-server or set REDIS_URL to run them.`);
  describe.skip('RedisStorage (Redis not reachable)', () => {
    it('skipped', () => undefined);
  });
} else {
  const client = new Redis(REDIS_URL);
  let counter = 0;
  const freshPrefix = (): string => `${RUN}:${counter++}`;
  const storages: RedisStorage[] = [];
  const track = (s: RedisStorage): RedisStorage => (storages.push(s), s);

  afterAll(async () => {
    for (const s of storages) await s.close();
    await deleteKeys(client, RUN);
    expect(await client.keys(`${RUN}*`)).toEqual([]); // KEYS, unlike one SCAN page, sees every key
    await client.quit();
  });

  lshBehaviour('RedisStorage', () => track(new RedisStorage({ client, prefix: freshPrefix() })));

  describe('RedisStorage specifics', () => {
    const hasher = new MinHasher({ numPerm: 128, seed: 1 });
    const random = rng(42);
    const sig = () => hasher.signShingles(setPair(random, 60, 0.5).a);

    it('shares one index between storages on the same prefix and keeps its layout', async () => {
      const prefix = freshPrefix();
      const a = new LshIndex({ threshold: 0.5, storage: track(new RedisStorage({ client, prefix })) });
      const s = sig();
      await a.insert('shared', s, 1234.5);
      const b = new LshIndex({ threshold: 0.5, storage: track(new RedisStorage({ url: REDIS_URL, prefix })) });
      expect(await b.has('shared')).toBe(true);
      expect(await b.query(s)).toEqual([{ id: 'shared', similarity: 1 }]);
      expect(await b.get('shared')).toEqual(s.values);
      const layout = await client.hgetall(redisKeys(prefix).layout);
      expect(layout).toMatchObject({ numPerm: '128', bands: String(a.bands), rows: String(a.rows), version: '1' });

      const other = new LshIndex({ threshold: 0.5, numPerm: 64, storage: track(new RedisStorage({ client, prefix })) });
      await expect(other.insert('x', new MinHasher({ numPerm: 64 }).sign('a b c d'))).rejects.toThrow(IncompatibleSignatureError);
      await expect(other.insert('x', new MinHasher({ numPerm: 64 }).sign('a b c d'))).rejects.toThrow(/numPerm \(128 stored vs 64 here\)/);
      const seeded = new LshIndex({ threshold: 0.5, storage: track(new RedisStorage({ client, prefix })) });
      await expect(seeded.query(new MinHasher({ seed: 9 }).sign('a b c d'))).rejects.toThrow(/signature parameters \(.*s=1.* stored vs .*s=9.* here\)/);
    });

    it('keeps ids with colons, spaces, unicode and key-like names apart', async () => {
      const prefix = freshPrefix();
      const index = new LshIndex({ storage: track(new RedisStorage({ client, prefix })) });
      const ids = ['a:b', 'x:d:y', 'layout', 'ids', 'b:0:00000000', ':', ' ', '', 'd:', '東京 🙂', '__proto__', '*?[]\\', 'nul\u0000byte', 'x'.repeat(4096)];
      const sigs = ids.map(() => sig());
      await index.insertMany(ids.map((id, i) => ({ id, signature: sigs[i]! })));
      expect(await index.size()).toBe(ids.length);
      for (let i = 0; i < ids.length; i++) {
        expect(await index.has(ids[i]!)).toBe(true);
        expect((await index.query(sigs[i]!))[0]).toEqual({ id: ids[i], similarity: 1 });
      }
      expect(await consistencyProblems(client, prefix, index.bands, index.rows)).toEqual([]);
      for (const id of ids) expect(await index.remove(id)).toBe(true);
      expect(await client.keys(`${prefix}:*`)).toEqual([`${prefix}:layout`]);
    });

    it('rejects ids with lone surrogates, which UTF-8 keys cannot hold', async () => {
      const index = new LshIndex({ storage: track(new RedisStorage({ client, prefix: freshPrefix() })) });
      await expect(index.insert('bad\uD800', sig())).rejects.toThrow(/lone UTF-16 surrogate/);
      expect(await index.has('bad\uD800')).toBe(false);
    });

    it('writes nothing of a batch holding an id already present, across chunks too', async () => {
      const prefix = freshPrefix();
      const storage = track(new RedisStorage({ client, prefix, batchSize: 100 }));
      const index = new LshIndex({ storage });
      await index.insert('taken', sig());
      const docs = Array.from({ length: 450 }, (_, i) => ({ id: `n${i}`, signature: sig() }));
      docs[420] = { id: 'taken', signature: sig() }; // in the 5th chunk
      const error = await index.insertMany(docs).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateIdError);
      expect((error as DuplicateIdError).id).toBe('taken');
      expect(await index.size()).toBe(1);
      expect(await index.has('n0')).toBe(false);
      // more ids than one pre-check script takes (5,000), the duplicate near the end
      const many = Array.from({ length: 5200 }, (_, i) => ({ id: `m${i}`, signature: sig() }));
      many[5150] = { id: 'taken', signature: sig() };
      await expect(index.insertMany(many)).rejects.toBeInstanceOf(DuplicateIdError);
      expect(await index.size()).toBe(1);
      // single chunk
      await expect(index.insertMany([{ id: 'fresh', signature: sig() }, { id: 'taken', signature: sig() }])).rejects.toBeInstanceOf(DuplicateIdError);
      expect(await index.has('fresh')).toBe(false);
      expect(await consistencyProblems(client, prefix, index.bands, index.rows)).toEqual([]);
      const keys = await client.keys(`${prefix}:abort:*`);
      expect(keys).toEqual([]);
    });

    it('rolls back earlier chunks when a later one meets an id inserted after the pre-check', async () => {
      const own = new Redis(REDIS_URL);
      try {
        const prefix = freshPrefix();
        const storage = new RedisStorage({ client: own, prefix, batchSize: 10 });
        const index = new LshIndex({ storage });
        await index.insert('late', sig());
        // Simulate the race: make the pre-check see nothing, as if 'late' arrived after it.
        (own as unknown as Record<string, unknown>).neardup_absent_v1 = function (this: Redis) {
          return this.exists(`${prefix}:nothing`);
        };
        const docs = Array.from({ length: 35 }, (_, i) => ({ id: i === 25 ? 'late' : `r${i}`, signature: sig() }));
        await expect(index.insertMany(docs)).rejects.toBeInstanceOf(DuplicateIdError);
        expect(await index.size()).toBe(1);
        expect(await index.has('r0')).toBe(false);
        expect(await consistencyProblems(own, prefix, index.bands, index.rows)).toEqual([]);
      } finally {
        own.disconnect();
      }
    });

    it('removes old documents from every bucket; prune() keeps a window', async () => {
      const prefix = freshPrefix();
      const storage = track(new RedisStorage({ client, prefix, windowMs: 10_000, scanCount: 7 }));
      const index = new LshIndex({ storage });
      const now = 1_700_000_000_000;
      const docs = Array.from({ length: 40 }, (_, i) => ({ id: `t${i}`, signature: sig(), time: now - 1000 * i }));
      await index.insertMany([...docs, { id: 'timeless', signature: sig() }]);
      expect(await storage.prune(now)).toBe(29); // ages 11 s … 39 s
      expect(await index.size()).toBe(12);
      expect(await index.has('t10')).toBe(true);
      expect(await index.has('t11')).toBe(false);
      expect(await consistencyProblems(client, prefix, index.bands, index.rows)).toEqual([]);
      expect(await index.removeOlderThan(Infinity)).toBe(11);
      expect(await index.has('timeless')).toBe(true);
      const bandsLeft = await client.keys(`${prefix}:b:*`);
      expect(bandsLeft.length).toBe(index.bands); // only the timeless document's buckets
    });

    it('clear() deletes every key; the index goes on working', async () => {
      const prefix = freshPrefix();
      const index = new LshIndex({ storage: track(new RedisStorage({ client, prefix, scanCount: 3 })) });
      await index.insertMany(Array.from({ length: 20 }, (_, i) => ({ id: `c${i}`, signature: sig() })));
      await index.clear();
      expect(await client.keys(`${prefix}:*`)).toEqual([]);
      const s = sig();
      await index.insert('after', s);
      expect(await index.query(s)).toEqual([{ id: 'after', similarity: 1 }]);
      expect(await client.exists(redisKeys(prefix).layout)).toBe(1);
    });

    it('lists every document with its time for snapshots', async () => {
      const prefix = freshPrefix();
      const storage = track(new RedisStorage({ client, prefix, scanCount: 5 }));
      const index = new LshIndex({ storage });
      const docs = Array.from({ length: 300 }, (_, i) => ({ id: `e${i}`, signature: sig(), time: i % 3 === 0 ? undefined : i * 1.5 }));
      await index.insertMany(docs);
      const seen = new Map<string, { values: Uint32Array; time?: number | undefined }>();
      for await (const doc of storage.entries()) seen.set(doc.id, doc);
      expect(seen.size).toBe(300);
      for (const d of docs) {
        expect(seen.get(d.id)!.values).toEqual(d.signature.values);
        expect(seen.get(d.id)!.time).toBe(d.time);
      }
    });
  });

  describe('RedisStorage under concurrent processes', () => {
    it('4 workers insert 5,000 documents each: all present, queryable, no duplicates', async () => {
      const prefix = freshPrefix();
      const workers = [0, 1, 2, 3].map((w) => runWorker([REDIS_URL, prefix, String(w), '5000', '250', '100']));
      expect(await Promise.all(workers.map((w) => w.done))).toEqual([0, 0, 0, 0]);
      const index = workerIndex(track(new RedisStorage({ client, prefix })));
      expect(await index.size()).toBe(20_000);
      const ids = [0, 1, 2, 3].flatMap((w) => Array.from({ length: 5000 }, (_, i) => workerId(w, i)));
      expect((await Promise.all(ids.map((id) => index.has(id)))).every(Boolean)).toBe(true);
      const stored = await client.zrange(redisKeys(prefix).ids, 0, -1);
      expect(stored.length).toBe(20_000);
      expect(new Set(stored)).toEqual(new Set(ids));
      for (let k = 0; k < 600; k++) {
        const w = k % 4;
        const i = (k * 37) % 5000;
        const found = await index.query(workerSignature(w, i));
        expect(found[0]).toEqual({ id: workerId(w, i), similarity: 1 });
      }
      // (the full consistencyProblems walk of 280,000 band sets is left to the SIGKILL test below)
    });

    it('workers killed with SIGKILL mid-insert leave no half-inserted document', async () => {
      const prefix = freshPrefix();
      // Two writers, each killed at a moment unrelated to its batch boundaries (a fixed delay after
      // a size threshold), while it loops over insertMany calls of 400 documents in 8 scripts of 50.
      const victims = [
        { worker: runWorker([REDIS_URL, prefix, '8', '1000000', '400', '50']), after: 2000, delayMs: 13 },
        { worker: runWorker([REDIS_URL, prefix, '9', '1000000', '400', '50']), after: 4000, delayMs: 31 },
      ];
      const probe = new RedisStorage({ client, prefix });
      const deadline = Date.now() + 30_000;
      for (const v of victims) {
        while ((await probe.size()) < v.after && Date.now() < deadline) await new Promise((r) => setTimeout(r, 3));
        await new Promise((r) => setTimeout(r, v.delayMs));
        v.worker.child.kill('SIGKILL');
        await v.worker.done;
      }
      const size = await probe.size();
      expect(size).toBeGreaterThanOrEqual(4000);
      expect(size).toBeLessThan(2_000_000);
      expect(await consistencyProblems(client, prefix, lshBands(), lshRows())).toEqual([]);
      // and every inserted document answers queries
      const index = workerIndex(track(new RedisStorage({ client, prefix })));
      const stored = await client.zrange(redisKeys(prefix).ids, 0, 199);
      for (const id of stored) {
        const worker = Number(id.slice(1, id.indexOf(':')));
        const i = Number(id.slice(id.lastIndexOf(' ') + 1));
        expect((await index.query(workerSignature(worker, i)))[0]).toEqual({ id, similarity: 1 });
      }
    });

    const shape = new LshIndex({ threshold: WORKER_THRESHOLD, numPerm: WORKER_NUM_PERM });
    const lshBands = (): number => shape.bands;
    const lshRows = (): number => shape.rows;
  });

}
