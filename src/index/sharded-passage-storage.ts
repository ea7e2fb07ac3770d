/**
 * A passage storage split into shards by document id (see shards.ts), with one global boilerplate
 * cut-off: after a document's postings are written in its shard, a shingle held by more than
 * maxPostings documents in all shards is saturated in every shard. Lookups ask every shard at
 * once; a document's counts come from its one shard.
 *
 * Which shingles to count in every shard is decided by upper bounds: each shingle's bound lives
 * in the shard of its hash and is raised before every document holding it is written, never
 * lowered, so it is never below the true count; only shingles whose bound passes the cut-off (or
 * a lookup's stock-phrase limit) are counted in every shard. Exact as before — an add reads the
 * bounds after its write, and a bound only grows, so of two racing writers the later reader sees
 * both raises and, when it counts, both documents — at O(shingles) Redis work instead of
 * O(shards × shingles).
 */
import { StorageError } from '../errors.js';
import type { LookupOptions, PassageLayout, PassageStorage } from './passage-storage.js';
import { ShardSet } from './shard-set.js';
import type { Awaitable } from './storage.js';

/** A passage storage that can count a shingle's holders and keep holder bounds (RedisPassageStorage with `holderBounds` can). */
export interface CountingPassageStorage extends PassageStorage {
  /** Per shingle: how many documents hold it, or -1 if it is saturated. */
  holders(shingles: Uint32Array): Awaitable<Int32Array>;
  /** Per shingle (hashed to this shard): its upper bound of holders in all shards, raised by one first if `raise`. */
  bounds(shingles: Uint32Array, raise: boolean): Awaitable<Int32Array>;
}

/**
 * A `PassageStorage` over shards: the semantics of one storage (a shingle held by more than
 * `maxPostings` documents in all is never listed again), with the postings spread.
 *
 * Shards of several must keep holder bounds (`RedisPassageStorage` with `holderBounds: true`, as
 * `shardedRedisPassageStorage` makes them).
 *
 * Guarantees: a document's postings are written by its shard's one atomic script; the global
 * cut-off is applied right after (two writers racing past it: at least one sees the other's
 * document and saturates — each shard's own cut-off still bounds a shard's postings). Between a
 * write and that check, a reader may see a shingle with up to maxPostings holders per shard.
 *
 * @example
 * ```ts
 * const storage = await shardedRedisPassageStorage({ cluster: [{ host: '127.0.0.1', port: 7000 }], prefix: 'news-passages' });
 * const passages = new PassageIndex({ storage, maxPostings: 100 });
 * ```
 */
export class ShardedPassageStorage extends ShardSet<CountingPassageStorage> implements PassageStorage {
  private maxPostings = 0;

  /** `onClose` releases what the shards share (an owned client). */
  constructor(shards: readonly CountingPassageStorage[], onClose: () => Promise<void> = async () => undefined) {
    super(shards, onClose, 'ShardedPassageStorage');
  }

  async open(layout: PassageLayout): Promise<void> {
    await Promise.all(this.shards.map((s) => s.open(layout)));
    this.maxPostings = layout.maxPostings;
  }

  async add(id: string, shingles: Uint32Array, time?: number): Promise<void> {
    if (this.shards.length === 1 || shingles.length === 0) {
      await this.shardFor(id).add(id, shingles, time); // one shard: its own cut-off is the global one
      return;
    }
    if (this.maxPostings === 0) throw new StorageError('ShardedPassageStorage used before open(); pass it to a PassageIndex, which opens it');
    await this.bounds(shingles, true);
    await this.shardFor(id).add(id, shingles, time);
    const bounds = await this.bounds(shingles, false);
    const near = shingles.filter((_, i) => bounds[i]! > this.maxPostings);
    if (near.length > 0) await this.applyCutOff(near);
  }

  async remove(id: string): Promise<boolean> {
    return this.shardFor(id).remove(id);
  }

  async has(id: string): Promise<boolean> {
    return this.shardFor(id).has(id);
  }

  async size(): Promise<number> {
    return this.sum((s) => s.size());
  }

  /**
   * Every shard answers the sets in parallel; a document's counts come from its one shard. With
   * `maxDocs`, a shingle held by more than maxDocs documents in all is skipped: the shingles'
   * global counts are summed first (one more parallel round trip), and only the others are asked.
   */
  async lookup(sets: readonly Uint32Array[], options: LookupOptions = {}): Promise<Map<string, number>[]> {
    if (sets.length === 0) return [];
    const { maxDocs } = options;
    if (maxDocs !== undefined && this.shards.length > 1) sets = await this.withoutCommon(sets, maxDocs);
    const parts = await Promise.all(this.shards.map((s) => s.lookup(sets, options)));
    return sets.map((_, k) => {
      const out = new Map<string, number>();
      for (const part of parts) for (const [id, n] of part[k]!) out.set(id, n);
      return out;
    });
  }

  async removeOlderThan(time: number): Promise<number> {
    return this.sum((s) => s.removeOlderThan(time));
  }

  async *entries(): AsyncIterable<{ id: string; shingles: Uint32Array; time?: number | undefined }> {
    for (const s of this.shards) yield* s.entries();
  }

  async clear(): Promise<void> {
    await Promise.all(this.shards.map((s) => s.clear()));
  }

  /** The union of every shard's saturated shingles, sorted ascending. */
  async saturated(): Promise<Uint32Array> {
    const parts = await Promise.all(this.shards.map((s) => s.saturated()));
    const all = new Set<number>();
    for (const p of parts) for (const h of p) all.add(h);
    return Uint32Array.from(all).sort();
  }

  /** For each shingle, how many documents hold it in all shards (Infinity if saturated in any). */
  documentFrequencies(shingles: Uint32Array): Promise<Float64Array> {
    return this.totals(shingles);
  }

  /** Per shingle, its holders summed over the shards, Infinity if saturated in any. */
  private async totals(shingles: Uint32Array): Promise<Float64Array> {
    const out = new Float64Array(shingles.length);
    if (shingles.length === 0) return out;
    const counts = await Promise.all(this.shards.map((s) => s.holders(shingles)));
    for (const c of counts) for (let i = 0; i < shingles.length; i++) out[i] = c[i]! < 0 ? Infinity : out[i]! + c[i]!;
    return out;
  }

  async saturate(shingles: Uint32Array): Promise<void> {
    if (shingles.length === 0) return;
    await Promise.all(this.shards.map((s) => s.saturate(shingles)));
  }

  /**
   * The sets without the shingles held by more than `maxDocs` documents in all shards: counted in
   * every shard only where the bound says they might be.
   */
  private async withoutCommon(sets: readonly Uint32Array[], maxDocs: number): Promise<Uint32Array[]> {
    const all = Uint32Array.from(new Set(sets.flatMap((s) => [...s])));
    const bounds = await this.bounds(all, false);
    const maybe = all.filter((_, i) => bounds[i]! > maxDocs);
    const df = await this.totals(maybe);
    const common = new Set<number>();
    maybe.forEach((h, i) => df[i]! > maxDocs && common.add(h));
    return common.size === 0 ? [...sets] : sets.map((s) => s.filter((h) => !common.has(h)));
  }

  /** Each shingle's holder bound, from the shard of its hash (raised by one first if `raise`), all shards asked at once. */
  private async bounds(shingles: Uint32Array, raise: boolean): Promise<Int32Array> {
    const count = this.shards.length;
    const groups: number[][] = Array.from({ length: count }, () => []);
    for (let i = 0; i < shingles.length; i++) groups[shingles[i]! % count]!.push(i);
    const out = new Int32Array(shingles.length);
    await Promise.all(
      groups.map(async (at, s) => {
        if (at.length === 0) return;
        const values = await this.shards[s]!.bounds(Uint32Array.from(at, (i) => shingles[i]!), raise);
        at.forEach((i, k) => (out[i] = values[k]!));
      }),
    );
    return out;
  }

  /** Saturates, in every shard, the shingles held by more than maxPostings documents in all. */
  private async applyCutOff(shingles: Uint32Array): Promise<void> {
    const counts = await Promise.all(this.shards.map((s) => s.holders(shingles)));
    const over: number[] = [];
    for (let i = 0; i < shingles.length; i++) {
      let total = 0;
      let saturated = false;
      for (const c of counts) {
        if (c[i]! < 0) saturated = true;
        else total += c[i]!;
      }
      // saturated somewhere but still listed elsewhere (a shard's own cut-off, or a racing writer)
      if (total > this.maxPostings || (saturated && total > 0)) over.push(shingles[i]!);
    }
    if (over.length > 0) await this.saturate(Uint32Array.from(over));
  }

}
