/**
 * RedisPassageStorage: the passage-storage behaviour suite over Redis, plus what only Redis has —
 * the key layout, concurrent writers racing for the boilerplate cut-off, foreign prefixes.
 * Needs Redis at REDIS_URL (default 127.0.0.1:6379); skips with a warning without it, unless CI is set.
 */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError, LshIndex, MinHasher, RedisPassageStorage, RedisStorage, StorageError, shardedRedisPassageStorage, type ShardedPassageStorage } from '../../src/index.js';
import { redisPassageKeys } from '../../src/storage/redis/passage-storage.js';
import { PassageIndex } from '../../src/index/passage-index.js';
import { passageBehaviour } from './passage-behaviour.js';
import { deleteKeys, REDIS_URL, redisUnreachable } from './redis-worker.js';

const RUN = `neardup-test-passages:${process.pid}:${Date.now()}`;
const unreachable = await redisUnreachable();

describe('RedisPassageStorage options (no Redis needed)', () => {
  it('needs a client or a url, and a prefix', () => {
    expect(() => new RedisPassageStorage({ prefix: 'x' })).toThrow(/client or a url/);
    expect(() => new RedisPassageStorage({ url: REDIS_URL, prefix: '' })).toThrow(/non-empty/);
    expect(() => new RedisPassageStorage(undefined as never)).toThrow(InvalidArgumentError);
    expect(() => new RedisPassageStorage({ client: {} as never, prefix: 'x' })).toThrow(/ioredis client/);
    expect(() => new RedisPassageStorage({ url: REDIS_URL, prefix: 'x', scanCount: 0 })).toThrow(/scanCount/);
    const prefixed = new Redis(REDIS_URL, { lazyConnect: true, keyPrefix: 'app:' });
    expect(() => new RedisPassageStorage({ client: prefixed, prefix: 'x' })).toThrow(/keyPrefix/);
    prefixed.disconnect();
  });

  it('wraps an unreachable Redis in a StorageError that names the remedy', async () => {
    const storage = new RedisPassageStorage({ url: 'redis://127.0.0.1:1', prefix: 'x', redisOptions: { retryStrategy: () => null } });
    const error = await new PassageIndex({ storage }).add('a', Uint32Array.of(1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toMatch(/check that Redis is reachable at redis:\/\/127\.0\.0\.1:1/);
    await storage.close();
  });
});

if (unreachable !== undefined && process.env.CI) {
  describe('RedisPassageStorage', () => {
    it('needs Redis on CI', () => {
      throw new Error(`${unreachable}; CI is set, so the Redis tests must run: start redis-server or set REDIS_URL`);
    });
  });
} else if (unreachable !== undefined) {
  console.warn(`Skipping the RedisPassageStorage tests: ${unreachable}. Start redis-server or set REDIS_URL to run them.`);
  describe.skip('RedisPassageStorage (Redis not reachable)', () => {
    it('skipped', () => undefined);
  });
} else {
  const client = new Redis(REDIS_URL);
  let counter = 0;
  const freshPrefix = (): string => `${RUN}:${counter++}`;
  const storages: RedisPassageStorage[] = [];
  const track = (s: RedisPassageStorage): RedisPassageStorage => (storages.push(s), s);

  afterAll(async () => {
    for (const s of storages) await s.close();
    await deleteKeys(client, RUN);
    expect(await client.keys(`${RUN}*`)).toEqual([]);
    await client.quit();
  });

  passageBehaviour('RedisPassageStorage', () => track(new RedisPassageStorage({ client, prefix: freshPrefix() })), {
    twin: (s) => track(new RedisPassageStorage({ url: REDIS_URL, prefix: (s as RedisPassageStorage).prefix })),
    randomOps: 4000,
  });

  const sharded: ShardedPassageStorage[] = [];
  const trackSharded = (s: ShardedPassageStorage): ShardedPassageStorage => (sharded.push(s), s);
  afterAll(async () => {
    for (const s of sharded) await s.close();
  });
  const shardedOn = async (prefix: string, shards = 4): Promise<ShardedPassageStorage> => trackSharded(await shardedRedisPassageStorage({ url: REDIS_URL, prefix, shards }));

  passageBehaviour('sharded RedisPassageStorage (4 shards on one node)', () => shardedOn(freshPrefix()), {
    twin: async (s) => shardedOn((s as unknown as { shards: RedisPassageStorage[] }).shards[0]!.prefix.slice(1, -5)),
    randomOps: 2000,
  });

  describe('sharded RedisPassageStorage: holder bounds', () => {
    it('lets 8 concurrent writers on 4 shards cross the global cut-off, and keeps every bound at or above the holders', async () => {
      const prefix = freshPrefix();
      const writers = await Promise.all(Array.from({ length: 8 }, () => shardedOn(prefix)));
      const indexes = writers.map((storage) => new PassageIndex({ storage, maxPostings: 20 }));
      await Promise.all(
        indexes.map(async (index, w) => {
          // shingle 1 in all 80 documents (over the cut-off of 20); 2 in 16 of them (under it)
          for (let i = 0; i < 10; i++) await index.add(`w${w}-${i}`, Uint32Array.of(1, ...(i < 2 ? [2] : []), 1000 + w * 10 + i));
        }),
      );
      expect(await indexes[0]!.size()).toBe(80);
      expect((await indexes[3]!.lookup([Uint32Array.of(1)]))[0]!.size).toBe(0);
      expect(await writers[5]!.saturated()).toEqual(Uint32Array.of(1));
      expect((await indexes[2]!.lookup([Uint32Array.of(2)]))[0]!.size).toBe(16);
      for (const shard of writers[0]!.shards as unknown as RedisPassageStorage[]) expect(await shard.saturated()).toEqual(Uint32Array.of(1));
      const probe = Uint32Array.of(2, 1003, 1077);
      const bounds = await Promise.all(Array.from(probe, (h) => (writers[1]!.shards[h % 4] as unknown as RedisPassageStorage).bounds(Uint32Array.of(h), false)));
      expect(bounds.map((b) => b[0])).toEqual([16, 1, 1]);
      expect(Array.from(await writers[1]!.documentFrequencies(probe))).toEqual([16, 1, 1]);
    });

    it('keeps bounds only in the shard of each shingle\'s hash, under {prefix:sNN}:g', async () => {
      const prefix = freshPrefix();
      const index = new PassageIndex({ storage: await shardedOn(prefix), maxPostings: 100 });
      await index.add('a', Uint32Array.of(4, 5, 6, 7));
      for (const h of [4, 5, 6, 7]) {
        const key = redisPassageKeys(`{${prefix}:s0${h % 4}}`).bounds;
        expect(await client.hgetall(key)).toEqual({ [h.toString(16).padStart(8, '0')]: '1' });
      }
    });

    it('refuses to open a shard without bounds as one with them, and the other way round', async () => {
      const prefix = freshPrefix();
      const shard0 = `{${prefix}:s00}`;
      await new PassageIndex({ storage: track(new RedisPassageStorage({ client, prefix: shard0 })) }).add('a', Uint32Array.of(1));
      await expect(new PassageIndex({ storage: await shardedOn(prefix) }).add('b', Uint32Array.of(2))).rejects.toThrow(/without the holder bounds/);
      const other = freshPrefix();
      await new PassageIndex({ storage: await shardedOn(other) }).add('b', Uint32Array.of(2));
      await expect(new PassageIndex({ storage: track(new RedisPassageStorage({ client, prefix: `{${other}:s00}` })) }).add('c', Uint32Array.of(3))).rejects.toThrow(/one shard of a sharded passage index/);
      await expect(track(new RedisPassageStorage({ client, prefix: 'x' })).bounds(Uint32Array.of(1), false)).rejects.toThrow(/holderBounds: true/);
    });
  });

  describe('RedisPassageStorage specifics', () => {
    it('keeps the documented key layout', async () => {
      const prefix = freshPrefix();
      const keys = redisPassageKeys(prefix);
      const index = new PassageIndex({ storage: track(new RedisPassageStorage({ client, prefix })), maxPostings: 1 });
      await index.add('a', Uint32Array.of(0xbeef, 2), 42);
      await index.add('b', Uint32Array.of(0xbeef));
      expect(await client.hgetall(keys.layout)).toEqual({ kind: 'passages', passageVersion: '1', maxPostings: '1', shingleKey: 'word-3', fingerprint: 'p1|1|word-3' });
      expect(await client.zrange(keys.ids, 0, -1, 'WITHSCORES')).toEqual(['a', '42', 'b', 'inf']);
      expect(await client.smembers(keys.saturated)).toEqual(['0000beef']);
      expect(await client.exists(keys.postings(0xbeef))).toBe(0);
      expect(await client.smembers(keys.postings(2))).toEqual(['a']);
      expect(await client.hget(keys.doc('a'), 't')).toBe('42');
      await index.clear();
      expect(await client.keys(`${prefix}:*`)).toEqual([]);
    });

    it('lets 8 concurrent writers cross the cut-off exactly once', async () => {
      const prefix = freshPrefix();
      const indexes = Array.from({ length: 8 }, () => new PassageIndex({ storage: track(new RedisPassageStorage({ url: REDIS_URL, prefix })), maxPostings: 20 }));
      await Promise.all(
        indexes.map(async (index, w) => {
          for (let i = 0; i < 10; i++) await index.add(`w${w}-${i}`, Uint32Array.of(1, 1000 + w * 10 + i));
        }),
      );
      expect(await indexes[0]!.size()).toBe(80);
      expect((await indexes[3]!.lookup([Uint32Array.of(1)]))[0]!.size).toBe(0);
      expect(await (indexes[5]!.storage as RedisPassageStorage).saturated()).toEqual(Uint32Array.of(1));
      expect((await indexes[1]!.lookup([Uint32Array.of(1077)]))[0]).toEqual(new Map([['w7-7', 1]]));
    });

    it('refuses a prefix that holds an LSH index, and an LSH index refuses a passage prefix', async () => {
      const prefix = freshPrefix();
      const lsh = new RedisStorage({ client, prefix });
      await new LshIndex({ storage: lsh }).insert('a', new MinHasher().sign('some words to sign here'));
      const passages = new PassageIndex({ storage: track(new RedisPassageStorage({ client, prefix })) });
      await expect(passages.add('a', Uint32Array.of(1))).rejects.toThrow(/holds other neardup data/);
      const other = freshPrefix();
      await new PassageIndex({ storage: track(new RedisPassageStorage({ client, prefix: other })) }).add('a', Uint32Array.of(1));
      await expect(new LshIndex({ storage: new RedisStorage({ client, prefix: other }) }).insert('a', new MinHasher().sign('x y z w'))).rejects.toThrow(StorageError);
    });

    it('sees a layout re-created with other settings mid-use', async () => {
      const prefix = freshPrefix();
      const a = new PassageIndex({ storage: track(new RedisPassageStorage({ client, prefix })), maxPostings: 5 });
      await a.add('x', Uint32Array.of(1));
      await a.clear();
      const b = new PassageIndex({ storage: track(new RedisPassageStorage({ client, prefix })), maxPostings: 7 });
      await b.add('y', Uint32Array.of(1));
      await expect(a.add('z', Uint32Array.of(1))).rejects.toThrow(/re-created with other passage settings/);
    });
  });
}
