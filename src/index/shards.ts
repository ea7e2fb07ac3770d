/**
 * Which shard holds a document: FNV-1a (32-bit) over the id's UTF-16 code units, modulo the shard
 * count, the same in every process. (Where a shard lives is its storage's business: the Redis
 * Cluster layout is in storage/redis/sharded.ts.)
 */
import { assertInteger } from '../validate.js';

/** Largest shard count (two decimal digits in a Redis Cluster hash tag). */
export const MAX_SHARDS = 99;

/**
 * The shard (0 … count − 1) of a document id.
 *
 * @example
 * ```ts
 * shardOf('reuters-1', 16); // the same number in every process
 * ```
 */
export function shardOf(id: string, count: number): number {
  if (count === 1) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % count;
}

/** Checks a shard count. */
export function assertShards(shards: number): void {
  assertInteger(shards, 'shards', 1, MAX_SHARDS);
}

/** Groups items by the shard of their id: index i holds the items of shard i. */
export function groupByShard<T>(items: readonly T[], idOf: (item: T) => string, count: number): T[][] {
  const groups: T[][] = Array.from({ length: count }, () => []);
  for (const item of items) groups[shardOf(idOf(item), count)]!.push(item);
  return groups;
}
