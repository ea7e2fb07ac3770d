export {
  DEFAULT_COMMAND_TIMEOUT_MS,
  type RedisClient,
  type RedisClientOptions,
  type RedisClusterNode,
  type RedisConnectionOptions,
} from './connection.js';
export { REDIS_LAYOUT_VERSION, RedisStorage, redisKeys, type RedisStorageOptions } from './lsh-storage.js';
export {
  REDIS_PASSAGE_LAYOUT_VERSION,
  RedisPassageStorage,
  redisPassageKeys,
  type RedisPassageStorageOptions,
} from './passage-storage.js';
export { REDIS_STORE_LAYOUT_VERSION, RedisDetectorStore, redisStoreKeys, type RedisDetectorStoreOptions } from './article-store.js';
export { ShardedDetectorStore, type ShardableDetectorStore } from './sharded-article-store.js';
export { DEFAULT_SHARDS, shardedRedisPassageStorage, shardedRedisStorage, type ShardedRedisOptions } from './sharded.js';
export { redisDetectorStorage, type RedisDetectorStorage, type RedisDetectorStorageOptions } from './detector-storage.js';
