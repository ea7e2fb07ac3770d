/**
 * A Detector's article store split into shards by article id (see index/shards.ts): an article and
 * its record live in one shard; a pair whose two articles live in different shards is written at
 * both ends, each end only while its article exists, and cleaned from the far end on delete.
 */
import { InvalidArgumentError } from '../../errors.js';
import { ShardSet } from '../../index/shard-set.js';
import type { RedisDetectorStore } from './article-store.js';
import type { DetectorStore, PairEdge, StoredArticle } from '../../detect/store.js';

/** The members of `RedisDetectorStore` a sharded store uses. */
export type ShardableDetectorStore = Pick<
  RedisDetectorStore,
  'put' | 'get' | 'getMany' | 'delete' | 'has' | 'size' | 'putEdges' | 'edges' | 'edgesOf' | 'putHalfEdges' | 'partners' | 'dropHalfEdges' | 'idsWithTimes' | 'clear'
>;

/**
 * A `DetectorStore` over shards (Redis Cluster: `redisDetectorStorage({ cluster })` builds it).
 *
 * Guarantees: put/get/delete of an article are its shard's atomic scripts; a pair inside one shard
 * is written by one script as on one Redis; a pair across shards is written at both ends, each only
 * if its article exists, and undone when one end was missing; `edges()` lists a cross-shard pair
 * only while both articles exist, so a delete racing a `putEdges` never shows a pair with a gone end.
 *
 * @example
 * ```ts
 * const storage = await redisDetectorStorage({ cluster: [{ host: '127.0.0.1', port: 7000 }], prefix: 'news' });
 * storage.articles; // a ShardedDetectorStore
 * ```
 */
export class ShardedDetectorStore extends ShardSet<ShardableDetectorStore> implements DetectorStore {

  /** `onClose` releases what the shards share (an owned client). */
  constructor(shards: readonly ShardableDetectorStore[], onClose: () => Promise<void> = async () => undefined) {
    super(shards, onClose, 'ShardedDetectorStore');
  }

  /**
   * Stores the article with its pairs inside its shard in one script (the commit of an add); pairs
   * whose other article lives in another shard are written after it, at both ends.
   */
  async put(article: StoredArticle, edges: readonly PairEdge[] = []): Promise<void> {
    if (article === null || typeof article !== 'object') throw new InvalidArgumentError(`article must be a StoredArticle, got ${String(article)}`);
    const home = this.shardFor(article.id);
    const local = edges.filter((e) => this.shardFor(e.a) === home && this.shardFor(e.b) === home);
    await home.put(article, local);
    if (local.length < edges.length) await this.putEdges(edges.filter((e) => !local.includes(e)));
  }

  async get(id: string): Promise<StoredArticle | undefined> {
    return this.shardFor(id).get(id);
  }

  /** Many articles: one pipelined read per shard, in parallel. */
  async getMany(ids: readonly string[]): Promise<(StoredArticle | undefined)[]> {
    const byShard = this.shards.map(() => [] as number[]);
    ids.forEach((id, i) => byShard[this.indexOf(id)]!.push(i));
    const out: (StoredArticle | undefined)[] = new Array(ids.length).fill(undefined);
    await Promise.all(
      byShard.map(async (positions, s) => {
        if (positions.length === 0) return;
        const rows = await this.shards[s]!.getMany(positions.map((i) => ids[i]!));
        positions.forEach((p, k) => (out[p] = rows[k]));
      }),
    );
    return out;
  }

  /** Deletes the article with its pairs in its shard, then its pairs' far ends in other shards. */
  async delete(id: string): Promise<boolean> {
    const home = this.shardFor(id);
    const partners = await home.partners(id);
    const existed = await home.delete(id);
    await Promise.all(partners.filter((o) => this.shardFor(o) !== home).map((o) => this.shardFor(o).dropHalfEdges(o, [id])));
    return existed;
  }

  async has(id: string): Promise<boolean> {
    return this.shardFor(id).has(id);
  }

  async size(): Promise<number> {
    return this.sum((s) => s.size());
  }

  /** Every article id, oldest added first (ties by shard order). */
  async ids(): Promise<string[]> {
    const parts = await Promise.all(this.shards.map((s) => s.idsWithTimes()));
    return parts
      .flat()
      .sort((x, y) => x[1] - y[1])
      .map(([id]) => id);
  }

  async putEdges(edges: readonly PairEdge[]): Promise<void> {
    const local = this.shards.map(() => [] as PairEdge[]);
    const halves = this.shards.map(() => [] as [string, string, PairEdge][]);
    const cross: PairEdge[] = [];
    for (const e of edges) {
      const a = this.indexOf(e.a);
      const b = this.indexOf(e.b);
      if (a === b) local[a]!.push(e);
      else {
        cross.push(e);
        halves[a]!.push([e.a, e.b, e]);
        halves[b]!.push([e.b, e.a, e]);
      }
    }
    const [, written] = await Promise.all([
      Promise.all(this.shards.map((s, i) => (local[i]!.length > 0 ? s.putEdges(local[i]!) : undefined))),
      Promise.all(this.shards.map((s, i) => s.putHalfEdges(halves[i]!))),
    ]);
    // a pair written at one end only (the other article is gone): take that end back
    const wroteEnd = new Map<string, number>();
    halves.forEach((list, i) => list.forEach(([own, other], k) => written[i]![k] && wroteEnd.set(`${own}\u0000${other}`, i)));
    const undo: Promise<void>[] = [];
    for (const e of cross) {
      const atA = wroteEnd.get(`${e.a}\u0000${e.b}`);
      const atB = wroteEnd.get(`${e.b}\u0000${e.a}`);
      if (atA !== undefined && atB === undefined) undo.push(this.shards[atA]!.dropHalfEdges(e.a, [e.b]));
      if (atB !== undefined && atA === undefined) undo.push(this.shards[atB]!.dropHalfEdges(e.b, [e.a]));
    }
    await Promise.all(undo);
  }

  /** Every pair between stored articles, each once; a cross-shard pair only while both ends exist. */
  async edges(): Promise<PairEdge[]> {
    const out = (await Promise.all(this.shards.map((s) => s.edges()))).flat();
    const cross = out.filter((e) => this.indexOf(e.a) !== this.indexOf(e.b));
    if (cross.length === 0) return out;
    const ends = [...new Set(cross.flatMap((e) => [e.a, e.b]))];
    const present = await Promise.all(ends.map((id) => this.has(id)));
    const live = new Set(ends.filter((_, i) => present[i]));
    return out.filter((e) => this.indexOf(e.a) === this.indexOf(e.b) || (live.has(e.a) && live.has(e.b)));
  }

  /**
   * The pairs that involve `id`, from its shard (where both ends of a local pair and `id`'s end of
   * a cross-shard pair live); a cross-shard pair only while its other article exists, as in `edges()`.
   */
  async edgesOf(id: string): Promise<PairEdge[]> {
    const home = this.indexOf(id);
    const mine = await this.shards[home]!.edgesOf(id);
    const far = mine.map((e) => (e.a === id ? e.b : e.a)).filter((o) => this.indexOf(o) !== home);
    if (far.length === 0) return mine;
    const present = await Promise.all(far.map((o) => this.has(o)));
    const gone = new Set(far.filter((_, i) => !present[i]));
    return mine.filter((e) => !gone.has(e.a === id ? e.b : e.a));
  }

  /** Deletes every key of every shard. Not atomic: stop writers first. */
  async clear(): Promise<void> {
    await Promise.all(this.shards.map((s) => s.clear()));
  }


}
