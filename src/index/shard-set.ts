/**
 * What every sharded storage shares: its shards in order, the shard of an id (shards.ts), sums
 * over all shards, and the release of a shared client.
 */
import { InvalidArgumentError } from '../errors.js';
import { shardOf } from './shards.js';
import type { Awaitable } from './storage.js';

/** A fixed list of shards, one of which holds each id. */
export abstract class ShardSet<T> {
  /** The shards, in shard order. */
  readonly shards: readonly T[];

  /** `onClose` releases what the shards share (an owned client); `owner` names the class in errors. */
  constructor(
    shards: readonly T[],
    private readonly onClose: () => Promise<void>,
    owner: string,
  ) {
    if (!Array.isArray(shards) || shards.length === 0) throw new InvalidArgumentError(`${owner} needs a non-empty array of storages, one per shard`);
    this.shards = [...shards];
  }

  /** Closes the shared client if it was created from `url` or `cluster`. */
  close(): Promise<void> {
    return this.onClose();
  }

  /** The shard index of `id`. */
  protected indexOf(id: string): number {
    return shardOf(id, this.shards.length);
  }

  /** The shard holding `id`. */
  protected shardFor(id: string): T {
    return this.shards[this.indexOf(id)]!;
  }

  /** The sum of `fn` over every shard, asked in parallel. */
  protected async sum(fn: (shard: T) => Awaitable<number>): Promise<number> {
    const parts = await Promise.all(this.shards.map(fn));
    return parts.reduce((a, b) => a + b, 0);
  }
}
