/**
 * Sharded Redis storages for a Redis Cluster: S shards, shard i under the hash tag `{prefix:sNN}`
 * (one slot, so each document's scripts run on one node), spread over the masters by slot.
 */
import { assertOptions } from '../../validate.js';
import { checkConnectionOptions, commandTimeoutOf, createRedisClient, type RedisClient, type RedisConnectionOptions } from './connection.js';
import { RedisPassageStorage } from './passage-storage.js';
import { RedisStorage } from './lsh-storage.js';
import { ShardedPassageStorage } from '../../index/sharded-passage-storage.js';
import { ShardedStorage } from '../../index/sharded-storage.js';
import { assertShards, shardPrefix } from '../../index/shards.js';

/** Default shard count: enough hash tags to spread over a few masters, few enough to fan out cheaply. */
export const DEFAULT_SHARDS = 16;

/** Options of the sharded Redis storages: give `client` (a `Redis` or a `Cluster`), `url` or `cluster`. */
export interface ShardedRedisOptions extends RedisConnectionOptions {
  /** Number of shards (1–99). Default 16. Every process sharing the data must use the same count. */
  shards?: number;
  /** Documents per insert script (see RedisStorage). */
  batchSize?: number;
  /** COUNT of SCAN steps and ids per expiry script. */
  scanCount?: number;
}

/** A connected client and how to release it. */
export interface SharedClient {
  readonly client: RedisClient;
  close(): Promise<void>;
}

/** The given client, or one created from `url` / `cluster` (then closed by `close()`). */
export async function sharedClient(options: RedisConnectionOptions, owner: string): Promise<SharedClient> {
  checkConnectionOptions(options, owner);
  if (options.client) return { client: options.client, close: async () => undefined };
  const client = await createRedisClient((options.url ?? options.cluster)!, options.redisOptions, owner, commandTimeoutOf(options));
  return {
    client,
    async close() {
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
    },
  };
}

/**
 * An LSH storage spread over `shards` hash-tagged prefixes, for a Redis Cluster.
 *
 * @example
 * ```ts
 * const storage = await shardedRedisStorage({ cluster: [{ host: '127.0.0.1', port: 7000 }], prefix: 'news', shards: 16 });
 * const index = new LshIndex({ numPerm: 128, threshold: 0.8, storage });
 * await storage.close();
 * ```
 */
export async function shardedRedisStorage(options: ShardedRedisOptions): Promise<ShardedStorage> {
  assertOptions(options, 'shardedRedisStorage options');
  const { prefix, shards = DEFAULT_SHARDS, batchSize, scanCount } = options;
  assertShards(shards);
  shardPrefix(prefix, 0);
  const shared = await sharedClient(options, 'shardedRedisStorage');
  const parts = Array.from({ length: shards }, (_, i) => new RedisStorage({ client: shared.client, prefix: shardPrefix(prefix, i), batchSize, scanCount, commandTimeout: commandTimeoutOf(options) }));
  return new ShardedStorage(parts, () => shared.close());
}

/**
 * A passage storage spread over `shards` hash-tagged prefixes, for a Redis Cluster, with one
 * global boilerplate cut-off (see ShardedPassageStorage).
 *
 * @example
 * ```ts
 * const storage = await shardedRedisPassageStorage({ cluster: [{ host: '127.0.0.1', port: 7000 }], prefix: 'news:passages' });
 * const passages = new PassageIndex({ storage, maxPostings: 100 });
 * ```
 */
export async function shardedRedisPassageStorage(options: ShardedRedisOptions): Promise<ShardedPassageStorage> {
  assertOptions(options, 'shardedRedisPassageStorage options');
  const { prefix, shards = DEFAULT_SHARDS, scanCount } = options;
  assertShards(shards);
  shardPrefix(prefix, 0);
  const shared = await sharedClient(options, 'shardedRedisPassageStorage');
  const parts = Array.from({ length: shards }, (_, i) => new RedisPassageStorage({ client: shared.client, prefix: shardPrefix(prefix, i), scanCount, commandTimeout: commandTimeoutOf(options) }));
  return new ShardedPassageStorage(parts, () => shared.close());
}
