/**
 * One call that puts a whole Detector in Redis — document LSH index, passage index and articles
 * under one prefix, over one connection — so that any number of worker processes share it.
 */
import { RedisPassageStorage } from '../index/redis-passage-storage.js';
import { checkConnectionOptions, commandTimeoutOf, createRedisClient, type RedisClient, type RedisConnectionOptions } from '../index/redis-connection.js';
import { RedisStorage } from '../index/redis-storage.js';
import { assertOptions } from '../validate.js';
import { RedisDetectorStore } from './redis-store.js';

/** Options of `redisDetectorStorage`: give `client` or `url`, and a prefix. */
export interface RedisDetectorStorageOptions extends RedisConnectionOptions {
  /** Documents per insert script of the LSH index (see RedisStorage). Default 500. */
  batchSize?: number;
  /** COUNT of SCAN steps and ids per expiry script. Default 1000. */
  scanCount?: number;
}

/** The three stores of a shared detector, for `new Detector({ storage })`. */
export interface RedisDetectorStorage {
  /** The prefix; the stores use `{prefix}:docs`, `{prefix}:passages` and `{prefix}:articles`. */
  readonly prefix: string;
  readonly documents: RedisStorage;
  readonly passages: RedisPassageStorage;
  readonly articles: RedisDetectorStore;
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
  checkConnectionOptions(options, 'redisDetectorStorage');
  const { prefix, batchSize, scanCount, url, redisOptions } = options;
  const commandTimeout = commandTimeoutOf(options);
  const client = options.client ?? (await createRedisClient(url!, redisOptions, 'redisDetectorStorage', commandTimeout));
  const owned = options.client === undefined;
  const documents = new RedisStorage({ client, prefix: `${prefix}:docs`, batchSize, scanCount, commandTimeout });
  const passages = new RedisPassageStorage({ client, prefix: `${prefix}:passages`, scanCount, commandTimeout });
  const articles = new RedisDetectorStore({ client, prefix: `${prefix}:articles`, commandTimeout });
  return {
    prefix,
    documents,
    passages,
    articles,
    client,
    async clear() {
      await articles.clear();
      await passages.clear();
      await documents.clear();
    },
    async close() {
      if (!owned) return;
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
    },
  };
}
