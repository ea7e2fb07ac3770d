/**
 * An LSH storage split into shards by document id (see shards.ts): each document lives in one
 * shard, so its insert is one shard's atomic write; a query asks every shard at once and merges.
 * Over `RedisStorage` shards with hash-tagged prefixes this spreads an index over a Redis Cluster.
 */
import { DuplicateIdError } from '../errors.js';
import { ShardSet } from './shard-set.js';
import { groupByShard } from './shards.js';
import type { Candidate, LshStorage, StorageLayout, StoredDocument } from './storage.js';

/**
 * Runs `fn` on every shard in parallel; if some fail, `undo` runs on the shards that succeeded
 * (with their input) and the first failure is thrown.
 */
export async function allOrUndo<T, S>(shards: readonly S[], inputs: readonly T[][], fn: (shard: S, input: T[]) => Promise<unknown>, undo: (shard: S, input: T[]) => Promise<unknown>): Promise<void> {
  const settled = await Promise.allSettled(shards.map((s, i) => (inputs[i]!.length > 0 ? fn(s, inputs[i]!) : Promise.resolve())));
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (!failed) return;
  await Promise.all(shards.map((s, i) => (settled[i]!.status === 'fulfilled' && inputs[i]!.length > 0 ? undo(s, inputs[i]!) : undefined)));
  throw failed.reason;
}

/**
 * An `LshStorage` over shards that share one layout: the same answers as one storage, with the
 * documents spread. For a Redis Cluster, build it with `shardedRedisStorage()`.
 *
 * Guarantees: a document is in exactly one shard (by `shardOf(id)`), written by that shard's own
 * atomic insert; `insert(docs)` across shards is all or nothing as seen after it returns (shards
 * that took their part are undone when another refused), though a concurrent reader may briefly
 * see the part of a refused batch; `candidates` asks every shard in parallel.
 *
 * @example
 * ```ts
 * const storage = new ShardedStorage([new MemoryStorage(), new MemoryStorage()]);
 * const index = new LshIndex({ numPerm: 128, threshold: 0.8, storage });
 * ```
 */
export class ShardedStorage extends ShardSet<LshStorage> implements LshStorage {

  /** `onClose` releases what the shards share (an owned client). */
  constructor(shards: readonly LshStorage[], onClose: () => Promise<void> = async () => undefined) {
    super(shards, onClose, 'ShardedStorage');
  }

  async open(layout: StorageLayout): Promise<void> {
    await Promise.all(this.shards.map((s) => s.open(layout)));
  }

  async insert(docs: readonly StoredDocument[]): Promise<void> {
    if (docs.length === 0) return;
    const ids = new Set<string>();
    for (const d of docs) {
      if (ids.has(d.id)) throw new DuplicateIdError(d.id);
      ids.add(d.id);
    }
    await allOrUndo(
      this.shards,
      groupByShard(docs, (d) => d.id, this.shards.length),
      async (s, part) => s.insert(part),
      async (s, part) => Promise.all(part.map((d) => s.remove(d.id))),
    );
  }

  async remove(id: string): Promise<boolean> {
    return this.shardFor(id).remove(id);
  }

  async has(id: string): Promise<boolean> {
    return this.shardFor(id).has(id);
  }

  async get(id: string): Promise<Uint32Array | undefined> {
    return this.shardFor(id).get(id);
  }

  async size(): Promise<number> {
    return this.sum((s) => s.size());
  }

  /** Every shard's bucket members, asked in parallel; at most `limit` in all. */
  async candidates(bandKeys: Uint32Array, limit?: number): Promise<Candidate[]> {
    const parts = await Promise.all(this.shards.map((s) => s.candidates(bandKeys, limit)));
    const out = parts.flat();
    return limit !== undefined && out.length > limit ? out.slice(0, limit) : out;
  }

  async removeOlderThan(time: number): Promise<number> {
    return this.sum((s) => s.removeOlderThan(time));
  }

  async *entries(): AsyncIterable<StoredDocument> {
    for (const s of this.shards) yield* s.entries();
  }

  async clear(): Promise<void> {
    await Promise.all(this.shards.map((s) => s.clear()));
  }

}
