/**
 * Sharded Redis storages for a Redis Cluster: S shards, shard i under the hash tag `{prefix:sNN}`
 * (one slot, so each document's scripts run on one node), spread over the masters by slot.
 */
import { InvalidArgumentError } from '../../errors.js';
import { ShardedPassageStorage } from '../../index/sharded-passage-storage.js';
import { ShardedStorage } from '../../index/sharded-storage.js';
import { assertShards } from '../../index/shards.js';
import { assertOptions } from '../../validate.js';
import { checkConnectionOptions, commandTimeoutOf, createRedisClient, quitClient, type RedisClient, type RedisConnectionOptions } from './connection.js';
import { RedisStorage } from './lsh-storage.js';
import { RedisPassageStorage } from './passage-storage.js';

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

/**
 * The key prefix of shard `i`: `{prefix:s07}` — the braces are a Redis Cluster hash tag, so one
 * shard is one hash slot (one node) and a document's scripts stay single-slot.
 *
 * @example
 * ```ts
 * shardPrefix('news', 7); // '{news:s07}'
 * ```
 */
export function shardPrefix(prefix: string, i: number): string {
  if (prefix.includes('{') || prefix.includes('}')) {
    throw new InvalidArgumentError(`a sharded prefix must not contain braces (got ${JSON.stringify(prefix)}); neardup adds the hash tag {prefix:sNN} itself`);
  }
  return `{${prefix}:s${String(i).padStart(2, '0')}}`;
}

/** The hash-tagged prefixes of `shards` shards (checked: 1–99, no braces in `prefix`). */
export function shardPrefixes(prefix: string, shards: number): string[] {
  assertShards(shards);
  return Array.from({ length: shards }, (_, i) => shardPrefix(prefix, i));
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
  return { client, close: () => quitClient(client) };
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
  const tags = shardPrefixes(prefix, shards);
  const { client, close } = await sharedClient(options, 'shardedRedisStorage');
  const commandTimeout = commandTimeoutOf(options);
  return new ShardedStorage(tags.map((p) => new RedisStorage({ client, prefix: p, batchSize, scanCount, commandTimeout })), close);
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
  const tags = shardPrefixes(prefix, shards);
  const { client, close } = await sharedClient(options, 'shardedRedisPassageStorage');
  const commandTimeout = commandTimeoutOf(options);
  const holderBounds = tags.length > 1;
  return new ShardedPassageStorage(tags.map((p) => new RedisPassageStorage({ client, prefix: p, scanCount, commandTimeout, holderBounds })), close);
}
