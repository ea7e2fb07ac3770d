/**
 * One call that puts a whole Detector in Redis — document LSH index, passage index and articles
 * under one prefix, over one connection — so that any number of worker processes share it.
 */
import { ShardedPassageStorage } from '../../index/sharded-passage-storage.js';
import { ShardedStorage } from '../../index/sharded-storage.js';
import { assertOptions } from '../../validate.js';
import { RedisDetectorStore } from './article-store.js';
import { commandTimeoutOf, isCluster, type RedisClient, type RedisConnectionOptions } from './connection.js';
import { RedisStorage } from './lsh-storage.js';
import { RedisPassageStorage } from './passage-storage.js';
import { ShardedDetectorStore } from './sharded-article-store.js';
import { DEFAULT_SHARDS, shardPrefixes, sharedClient } from './sharded.js';

/** Options of `redisDetectorStorage`: give `client`, `url` or `cluster`, and a prefix. */
export interface RedisDetectorStorageOptions extends RedisConnectionOptions {
  /**
   * Split the data into this many shards (1–99), shard i under the hash tag `{prefix:sNN}`, so a
   * Redis Cluster spreads them over its masters. Default: 16 with `cluster` or a `Cluster` client,
   * otherwise unsharded (the single-node layout). Every worker must use the same count.
   */
  shards?: number;
  /** Documents per insert script of the LSH index (see RedisStorage). Default 500. */
  batchSize?: number;
  /** COUNT of SCAN steps and ids per expiry script. Default 1000. */
  scanCount?: number;
}

/** The three stores of a shared detector, for `new Detector({ storage })`. */
export interface RedisDetectorStorage {
  /**
   * The prefix; the stores use `{prefix}:docs`, `{prefix}:passages` and `{prefix}:articles`, or,
   * sharded, `{prefix:sNN}:docs` … for each shard NN.
   */
  readonly prefix: string;
  readonly documents: RedisStorage | ShardedStorage;
  readonly passages: RedisPassageStorage | ShardedPassageStorage;
  readonly articles: RedisDetectorStore | ShardedDetectorStore;
  /** Number of shards (1 for the single-node layout). */
  readonly shards: number;
  /** The client all three use. */
  readonly client: RedisClient;
  /** Deletes every key of the three stores. Not atomic: stop the workers first. */
  clear(): Promise<void>;
  /** Closes the connection if it was opened from `url`; a given client stays open. */
  close(): Promise<void>;
}

/**
 * Redis storage for every part of a Detector, so that workers share one detector: an article
 * added by one is matched, clustered and removed by all. Needs the optional peer dependency
 * `ioredis`.
 *
 * What stays per process: the learned-boilerplate counts (a count-min sketch of paragraphs seen
 * by this process's `add`/`process`), the cache of prepared texts (an article replaced under the
 * same id by another worker may be verified against this worker's cached copy until it is
 * evicted — prefer new ids for corrections), and the window heap of `process()`, which evicts only
 * what this process added. For a window over everything, let one worker call
 * `detector.removeOlderThan(Date.now() - windowMs)` periodically.
 *
 * @example
 * ```ts
 * import { Detector, redisDetectorStorage } from 'neardup';
 * const storage = await redisDetectorStorage({ url: 'redis://127.0.0.1:6379', prefix: 'news' });
 * const detector = new Detector({ storage });
 * await detector.add({ id: 'reuters-1', text, publishedAt: '2024-06-23' }); // seen by every worker
 * await storage.close();
 * ```
 */
export async function redisDetectorStorage(options: RedisDetectorStorageOptions): Promise<RedisDetectorStorage> {
  assertOptions(options, 'redisDetectorStorage options');
  const { prefix, batchSize, scanCount } = options;
  const shared = await sharedClient(options, 'redisDetectorStorage');
  const commandTimeout = commandTimeoutOf(options);
  const { client } = shared;
  const shards = options.shards ?? (options.cluster !== undefined || isCluster(client) ? DEFAULT_SHARDS : 0);
  let documents: RedisStorage | ShardedStorage;
  let passages: RedisPassageStorage | ShardedPassageStorage;
  let articles: RedisDetectorStore | ShardedDetectorStore;
  if (shards === 0) {
    documents = new RedisStorage({ client, prefix: `${prefix}:docs`, batchSize, scanCount, commandTimeout });
    passages = new RedisPassageStorage({ client, prefix: `${prefix}:passages`, scanCount, commandTimeout });
    articles = new RedisDetectorStore({ client, prefix: `${prefix}:articles`, commandTimeout });
  } else {
    const tags = shardPrefixes(prefix, shards);
    documents = new ShardedStorage(tags.map((p) => new RedisStorage({ client, prefix: `${p}:docs`, batchSize, scanCount, commandTimeout })));
    const holderBounds = tags.length > 1;
    passages = new ShardedPassageStorage(tags.map((p) => new RedisPassageStorage({ client, prefix: `${p}:passages`, scanCount, commandTimeout, holderBounds })));
    articles = new ShardedDetectorStore(tags.map((p) => new RedisDetectorStore({ client, prefix: `${p}:articles`, commandTimeout })));
  }
  return {
    prefix,
    documents,
    passages,
    articles,
    shards: Math.max(1, shards),
    client,
    async clear() {
      await articles.clear();
      await passages.clear();
      await documents.clear();
    },
    close: () => shared.close(),
  };
}
