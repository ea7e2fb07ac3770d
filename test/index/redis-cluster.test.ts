/**
 * The sharded layout on a real Redis Cluster (three masters started here, stopped by PID): the
 * LSH, passage and article-store behaviour suites, the Detector's archive suite, four writer
 * processes losing nothing, and slots moved by `redis-cli --cluster reshard` while writers run.
 * Skips with a reason if redis-server or redis-cli is missing, unless CI is set.
 */
import { Cluster } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError, StorageError, redisDetectorStorage, shardedRedisPassageStorage, shardedRedisStorage, type ShardedStorage } from '../../src/index.js';
import { shardOf } from '../../src/index/shards.js';
import { shardPrefix } from '../../src/storage/redis/sharded.js';
import { clusterUnavailable, startCluster } from '../helpers/redis-cluster.js';
import { archiveBehaviour } from '../detect/archive-behaviour.js';
import { storeBehaviour } from '../detect/store-behaviour.js';
import { lshBehaviour } from './lsh-behaviour.js';
import { passageBehaviour } from './passage-behaviour.js';
import { CLUSTER_SHARDS, runWorker, workerId, workerIndex, workerSignature } from './redis-worker.js';

describe('sharding (no Redis needed)', () => {
  it('puts an id in the same shard every time, spread evenly, under a hash-tagged prefix', () => {
    const counts = new Array(8).fill(0);
    for (let i = 0; i < 8000; i++) counts[shardOf(`reuters-${i}`, 8)]++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
    expect(shardOf('reuters-1', 8)).toBe(shardOf('reuters-1', 8));
    expect(shardOf('anything', 1)).toBe(0);
    expect(shardPrefix('news', 7)).toBe('{news:s07}');
    expect(() => shardPrefix('{news}', 0)).toThrow(/braces/);
  });

  it('checks cluster and shard options', async () => {
    await expect(shardedRedisStorage({ cluster: [], prefix: 'x' })).rejects.toThrow(InvalidArgumentError);
    await expect(shardedRedisStorage({ cluster: [{ host: 'h', port: 0 }], prefix: 'x' })).rejects.toThrow(/seed nodes/);
    await expect(shardedRedisStorage({ cluster: [{ host: 'h', port: 7000 }], url: 'redis://h', prefix: 'x' })).rejects.toThrow(/not several/);
    await expect(shardedRedisStorage({ cluster: [{ host: 'h', port: 7000 }], prefix: 'x', shards: 100 })).rejects.toThrow(/shards/);
  });
});

const unavailable = clusterUnavailable();
if (unavailable !== undefined && process.env.CI) {
  describe('Redis Cluster', () => {
    it('needs redis-server and redis-cli on CI', () => {
      throw new Error(`${unavailable}; CI is set, so the Redis Cluster tests must run`);
    });
  });
} else if (unavailable !== undefined) {
  console.warn(`Skipping the Redis Cluster tests: ${unavailable}.`);
  describe.skip('Redis Cluster (not available)', () => {
    it('skipped', () => undefined);
  });
} else {
  const cluster = await startCluster();
  const client = new Cluster(cluster.nodes, { enableAutoPipelining: true });
  const closers: (() => Promise<void>)[] = [];
  let counter = 0;
  const freshPrefix = (): string => `t${counter++}`;

  afterAll(async () => {
    for (const close of closers) await close();
    await client.quit();
    await cluster.stop();
  });

  lshBehaviour('sharded RedisStorage on a Redis Cluster', () => shardedRedisStorage({ client, prefix: freshPrefix(), shards: 5 }));

  passageBehaviour('sharded RedisPassageStorage on a Redis Cluster', () => shardedRedisPassageStorage({ client, prefix: freshPrefix(), shards: 5 }), {
    twin: async (s) => {
      const prefix = (s as unknown as { shards: { prefix: string }[] }).shards[0]!.prefix.slice(1, -5);
      const twin = await shardedRedisPassageStorage({ cluster: cluster.nodes, prefix, shards: 5 });
      closers.push(() => twin.close());
      return twin;
    },
    randomOps: 800,
  });

  storeBehaviour('sharded RedisDetectorStore on a Redis Cluster', async () => (await redisDetectorStorage({ client, prefix: freshPrefix(), shards: 5 })).articles);

  archiveBehaviour('sharded Redis on a Redis Cluster', async () => {
    const storage = await redisDetectorStorage({ client, prefix: freshPrefix(), shards: 5 });
    closers.push(() => storage.close());
    return storage;
  });

  describe('the sharded layout on a Redis Cluster', () => {
    it('spreads the shards over every master', async () => {
      const storage = await redisDetectorStorage({ cluster: cluster.nodes, prefix: freshPrefix() });
      closers.push(() => storage.close());
      expect(storage.shards).toBe(16);
      const owners = new Set<string>();
      for (let i = 0; i < 16; i++) {
        const slot = client.cluster('KEYSLOT', shardPrefix(storage.prefix, i));
        owners.add(String(await slot));
      }
      expect(owners.size).toBe(16); // 16 distinct slots …
      const masters = client.nodes('master');
      expect(masters.length).toBe(3);
      await storage.documents.open({ numPerm: 64, bands: 16, rows: 4, paramsKey: 'test' });
      const perMaster = await Promise.all(masters.map((m) => m.dbsize()));
      expect(perMaster.every((n) => n > 0)).toBe(true); // … whose layout keys land on all three masters
    });

    it('4 writer processes insert 1,500 documents each through the cluster: all present, queryable, none twice', async () => {
      const prefix = freshPrefix();
      const url = `cluster:${cluster.ports.join(',')}`;
      const workers = [0, 1, 2, 3].map((w) => runWorker([url, prefix, String(w), '1500', '250', '100']));
      expect(await Promise.all(workers.map((w) => w.done))).toEqual([0, 0, 0, 0]);
      const storage = await shardedRedisStorage({ client, prefix, shards: CLUSTER_SHARDS });
      const index = workerIndex(storage);
      expect(await index.size()).toBe(6000);
      await expectAllPresent(storage, [0, 1, 2, 3], 1500);
    });

    it('moves slots with redis-cli --cluster reshard while writers run, losing nothing', async () => {
      const [a, b, c] = cluster.ports as [number, number, number];
      const firstSlots = async (port: number, n: number): Promise<[number, number]> => {
        const ranges = (await client.cluster('SLOTS')) as unknown as [number, number, [string, number]][];
        const mine = ranges.filter((r) => r[2][1] === port).sort((x, y) => x[0] - y[0])[0]!;
        return [mine[0], mine[0] + n - 1];
      };
      // reshard moves the lowest slots of each source: pick a prefix with several shards there
      const moving = [await firstSlots(a, 1000), await firstSlots(b, 1000)];
      const inMove = (slot: number) => moving.some(([lo, hi]) => slot >= lo && slot <= hi);
      let prefix = '';
      let movedSlots: number[] = [];
      for (let k = 0; movedSlots.length < 2; k++) {
        prefix = `reshard${k}`;
        const slots = await Promise.all(Array.from({ length: CLUSTER_SHARDS }, (_, i) => client.cluster('KEYSLOT', shardPrefix(prefix, i)) as Promise<number>));
        movedSlots = slots.filter(inMove);
      }
      const url = `cluster:${cluster.ports.join(',')}`;
      const workers = [4, 5].map((w) => runWorker([url, prefix, String(w), '2000', '100', '100']));
      while (workers.some((w) => w.progress() < 300)) await new Promise((r) => setTimeout(r, 20));
      const ids = (port: number) => cluster.cli(port, 'cluster', 'myid').trim();
      for (const from of [a, b]) {
        cluster.cli(a, '--cluster', 'reshard', `127.0.0.1:${a}`, '--cluster-from', ids(from), '--cluster-to', ids(c), '--cluster-slots', '1000', '--cluster-yes');
      }
      const midway = workers.map((w) => w.progress());
      expect(await Promise.all(workers.map((w) => w.done))).toEqual([0, 0]);
      expect(midway.some((n) => n < 2000)).toBe(true); // the slots moved while writing
      const ranges = (await client.cluster('SLOTS')) as unknown as [number, number, [string, number]][];
      for (const slot of movedSlots) expect(ranges.find((r) => slot >= r[0] && slot <= r[1])![2][1]).toBe(c); // shards did move
      const storage = await shardedRedisStorage({ client, prefix, shards: CLUSTER_SHARDS });
      expect(await storage.size()).toBe(4000);
      await expectAllPresent(storage, [4, 5], 2000);
      for (const port of cluster.ports) expect(cluster.cli(port, 'cluster', 'info')).toMatch(/cluster_state:ok/);
    });

    it('a master without a replica dies: every call fails with a StorageError, none answers from part of the index', async () => {
      const storage = await shardedRedisStorage({ cluster: cluster.nodes, prefix: freshPrefix(), shards: CLUSTER_SHARDS, redisOptions: { maxRetriesPerRequest: 1 } });
      closers.push(() => storage.close());
      const index = workerIndex(storage);
      await index.insertMany(Array.from({ length: 200 }, (_, i) => ({ id: workerId(9, i), signature: workerSignature(9, i) })));
      cluster.kill(cluster.ports[0]!);
      const error = await index.query(workerSignature(9, 1)).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StorageError);
      expect((error as Error).message).toMatch(/check that Redis is reachable at 127\.0\.0\.1:/);
    });
  });

  async function expectAllPresent(storage: ShardedStorage, writers: number[], count: number): Promise<void> {
    const index = workerIndex(storage);
    const ids = writers.flatMap((w) => Array.from({ length: count }, (_, i) => workerId(w, i)));
    expect((await Promise.all(ids.map((id) => index.has(id)))).every(Boolean)).toBe(true);
    const seen: string[] = [];
    for await (const doc of storage.entries()) seen.push(doc.id);
    expect(seen.length).toBe(ids.length);
    expect(new Set(seen)).toEqual(new Set(ids));
    for (let k = 0; k < 200; k++) {
      const w = writers[k % writers.length]!;
      const i = (k * 37) % count;
      expect((await index.query(workerSignature(w, i)))[0]).toEqual({ id: workerId(w, i), similarity: 1 });
    }
  }
}
