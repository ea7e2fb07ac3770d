/**
 * Where a Detector keeps what the LSH indexes do not: each article's text and metadata (to verify
 * candidates by alignment) and the verified pairs (to build clusters). Memory by default; any
 * store honouring this interface (e.g. Redis) lets many workers share one detector.
 */
import type { Awaitable } from '../index/storage.js';
import type { Direction, Relation } from '../align/relation.js';

/** An article as the Detector keeps it. */
export interface StoredArticle {
  readonly id: string;
  readonly text: string;
  /** ms since the epoch. */
  readonly publishedAt?: number | undefined;
  readonly source?: string | undefined;
  readonly url?: string | undefined;
  /** Headline, when given. */
  readonly title?: string | undefined;
  /** When it was added (ms since the epoch). */
  readonly addedAt: number;
}

/** A verified pair: `a` was compared with `b` (a is the later-added article). */
export interface PairEdge {
  readonly a: string;
  readonly b: string;
  readonly relation: Relation;
  /** As in Comparison: 'a-from-b' means a is the copy. */
  readonly direction: Direction;
  readonly similarity: number;
  readonly coverage: { readonly a: number; readonly b: number };
}

/**
 * Storage of articles and verified pairs. The article record is the Detector's commit marker:
 * `put` is its last write of an add, and an id in the indexes without a record is ignored.
 */
export interface DetectorStore {
  /**
   * Stores (or replaces) an article and, in the same atomic step, records `edges` (its verified
   * pairs; each kept only if its other article exists). A reader sees the article with all its
   * pairs or not at all.
   */
  put(article: StoredArticle, edges?: readonly PairEdge[]): Awaitable<void>;
  get(id: string): Awaitable<StoredArticle | undefined>;
  delete(id: string): Awaitable<boolean>;
  has(id: string): Awaitable<boolean>;
  size(): Awaitable<number>;
  ids(): Awaitable<readonly string[]>;
  /** Records verified pairs whose two articles are both stored (others are dropped). */
  putEdges(edges: readonly PairEdge[]): Awaitable<void>;
  /** Every pair that involves a stored article. */
  edges(): Awaitable<readonly PairEdge[]>;
  /**
   * Optional: the pairs between `id` and other stored articles, as recorded (none for an unknown
   * id) — a read of one article's pairs, not of all. With it, `match` also verifies the earlier
   * articles a verified copy was itself paired with, so that every copy of a story reaches its
   * canonical (and `clusterOf` finds them). The memory and Redis stores (sharded too) have it.
   */
  edgesOf?(id: string): Awaitable<readonly PairEdge[]>;
  /** Optional: many articles at once (one round trip for a remote store); undefined for absent ids. */
  getMany?(ids: readonly string[]): Awaitable<readonly (StoredArticle | undefined)[]>;
}

/** The articles of `ids`, through `getMany` when the store has it, else one `get` each. */
export async function getArticles(store: DetectorStore, ids: readonly string[]): Promise<readonly (StoredArticle | undefined)[]> {
  if (typeof store.getMany === 'function') return store.getMany(ids);
  const out: (StoredArticle | undefined)[] = [];
  for (const id of ids) out.push(await store.get(id));
  return out;
}

/**
 * The default store: this process's memory.
 *
 * @example
 * ```ts
 * const detector = new Detector({ store: new MemoryDetectorStore() }); // the default
 * ```
 */
export class MemoryDetectorStore implements DetectorStore {
  private readonly articles = new Map<string, StoredArticle>();
  private readonly links = new Map<string, Map<string, PairEdge>>();

  put(article: StoredArticle, edges: readonly PairEdge[] = []): void {
    this.articles.set(article.id, article);
    this.putEdges(edges);
  }

  get(id: string): StoredArticle | undefined {
    return this.articles.get(id);
  }

  delete(id: string): boolean {
    const existed = this.articles.delete(id);
    const mine = this.links.get(id);
    if (mine) {
      for (const other of mine.keys()) this.links.get(other)?.delete(id);
      this.links.delete(id);
    }
    return existed;
  }

  has(id: string): boolean {
    return this.articles.has(id);
  }

  size(): number {
    return this.articles.size;
  }

  ids(): string[] {
    return [...this.articles.keys()];
  }

  putEdges(edges: readonly PairEdge[]): void {
    for (const e of edges) {
      if (!this.articles.has(e.a) || !this.articles.has(e.b)) continue;
      for (const [x, y] of [[e.a, e.b], [e.b, e.a]] as const) {
        let m = this.links.get(x);
        if (!m) this.links.set(x, (m = new Map()));
        m.set(y, e);
      }
    }
  }

  edgesOf(id: string): PairEdge[] {
    return [...(this.links.get(id)?.values() ?? [])];
  }

  edges(): PairEdge[] {
    const out: PairEdge[] = [];
    for (const [id, m] of this.links) for (const [other, e] of m) if (id === e.a && other === e.b) out.push(e);
    return out;
  }
}
