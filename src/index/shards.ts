/**
 * Which shard holds a document: FNV-1a (32-bit) over the id's UTF-16 code units, modulo the shard
 * count. Shard i of prefix p keeps its keys under the Redis Cluster hash tag `{p:sNN}`, so one
 * shard is one hash slot (one node), and a document's scripts stay single-slot.
 */
import { InvalidArgumentError } from '../errors.js';
import { assertInteger } from '../validate.js';

/** Largest shard count (two decimal digits in the hash tag). */
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

/**
 * The key prefix of shard `i`: `{prefix:s07}` — the braces are a Redis Cluster hash tag.
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
