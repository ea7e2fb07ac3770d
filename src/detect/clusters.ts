/**
 * Clusters of copies: connected components (union-find) of duplicate, near-duplicate and derived
 * pairs, each with a canonical member — the earliest published; else the one the others derive
 * from; else the longest.
 */
import type { PairEdge, StoredArticle } from './store.js';
import { UnionFind } from './union-find.js';

/** A group of articles that are copies or rewrites of each other. */
export interface Cluster {
  /** Member ids, sorted. */
  readonly ids: readonly string[];
  /** The member the others are copies of. */
  readonly canonical: string;
}

const LINKING = new Set(['duplicate', 'near-duplicate', 'derived']);

/** Builds clusters from verified pairs over the given articles. */
export function buildClusters(articles: ReadonlyMap<string, StoredArticle>, edges: readonly PairEdge[]): Cluster[] {
  const ids = [...articles.keys()];
  const index = new Map(ids.map((id, i) => [id, i]));
  const sets = new UnionFind(ids.length);
  const originals = new Map<string, number>();
  const copies = new Set<string>();
  for (const e of edges) {
    const a = index.get(e.a);
    const b = index.get(e.b);
    if (a === undefined || b === undefined || !LINKING.has(e.relation)) continue;
    sets.union(a, b);
    if (e.direction === 'a-from-b') {
      originals.set(e.b, (originals.get(e.b) ?? 0) + 1);
      copies.add(e.a);
    } else if (e.direction === 'b-from-a') {
      originals.set(e.a, (originals.get(e.a) ?? 0) + 1);
      copies.add(e.b);
    }
  }
  const groups = new Map<number, string[]>();
  ids.forEach((id, i) => {
    const root = sets.find(i);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = []));
    g.push(id);
  });
  const out: Cluster[] = [];
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    members.sort();
    out.push({ ids: members, canonical: canonicalOf(members, articles, originals, copies) });
  }
  return out.sort((x, y) => (x.canonical < y.canonical ? -1 : x.canonical > y.canonical ? 1 : 0));
}

function canonicalOf(
  members: readonly string[],
  articles: ReadonlyMap<string, StoredArticle>,
  originals: ReadonlyMap<string, number>,
  copies: ReadonlySet<string>,
): string {
  const dated = members.filter((id) => articles.get(id)!.publishedAt !== undefined);
  if (dated.length > 0) {
    return dated.reduce((best, id) => (articles.get(id)!.publishedAt! < articles.get(best)!.publishedAt! ? id : best));
  }
  const sources = members.filter((id) => (originals.get(id) ?? 0) > 0 && !copies.has(id));
  const pool = sources.length > 0 ? sources : members;
  return pool.reduce((best, id) => {
    const lb = articles.get(best)!.text.length;
    const li = articles.get(id)!.text.length;
    const ob = originals.get(best) ?? 0;
    const oi = originals.get(id) ?? 0;
    return oi > ob || (oi === ob && li > lb) ? id : best;
  });
}
