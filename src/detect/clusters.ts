/**
 * Clusters of copies without chaining, by star clustering over verified pairs (Aslam, Pelekhov
 * and Rus, "The star clustering algorithm for static and dynamic information organization",
 * JGAA 2004): articles are taken in canonical order — earliest published, then the source the
 * others copy, then the longest — and each one not yet placed becomes the canonical of a cluster
 * holding every unplaced article with a verified duplicate, near-duplicate or derived pair WITH
 * IT. So every member is a copy or rewrite of its canonical, and A≈B≈…≈Z never joins A and Z.
 */
import type { PairEdge, StoredArticle } from './store.js';

/** Why a cluster's canonical was chosen. */
export type CanonicalReason =
  /** It was published first (every dated member is as late or later). */
  | 'earliest'
  /** Its members credit a wire service it does not: they copy it. */
  | 'credited'
  /** Undated: its members are the copies by coverage (each mostly made of it). */
  | 'covered'
  /** No date or direction tells: the longest text. */
  | 'longest';

/** A group of articles that are copies or rewrites of its canonical. */
export interface Cluster {
  /** Member ids, sorted. */
  readonly ids: readonly string[];
  /** The member the others are copies of. */
  readonly canonical: string;
  /** Why `canonical` was chosen. */
  readonly canonicalReason: CanonicalReason;
}

/** Relations that make a cluster. */
export const LINKING_RELATIONS: ReadonlySet<string> = new Set(['duplicate', 'near-duplicate', 'derived']);

/** What the rule needs to know of articles beyond the store. */
export interface ClusterFacts {
  /** Articles left out of every cluster (below the content floor). */
  readonly excluded?: (id: string) => boolean;
  /** Whether the article credits a wire service for its words. */
  readonly credits?: (id: string) => boolean;
  /** Pairs to leave out after all (e.g. template matches, judged with what the archive knows now). */
  readonly unlinked?: (edge: PairEdge) => boolean;
}

interface Node {
  readonly id: string;
  readonly article: StoredArticle;
  /** Linked neighbours. */
  readonly links: Set<string>;
  /** Pairs that call this article the source, and the copy. */
  sourceOf: number;
  copyOf: number;
}

/**
 * Builds clusters from verified pairs over the given articles; every member of a cluster has a
 * verified linking pair with its canonical.
 *
 * @example
 * ```ts
 * buildClusters(articles, edges); // [{ ids: ['a', 'b'], canonical: 'a', canonicalReason: 'earliest' }]
 * ```
 */
export function buildClusters(articles: ReadonlyMap<string, StoredArticle>, edges: readonly PairEdge[], facts: ClusterFacts = {}): Cluster[] {
  const nodes = new Map<string, Node>();
  const node = (id: string): Node | undefined => {
    let n = nodes.get(id);
    if (n) return n;
    const article = articles.get(id);
    if (!article || facts.excluded?.(id)) return undefined;
    nodes.set(id, (n = { id, article, links: new Set(), sourceOf: 0, copyOf: 0 }));
    return n;
  };
  for (const e of edges) {
    if (!LINKING_RELATIONS.has(e.relation) || e.a === e.b) continue;
    const a = node(e.a);
    const b = node(e.b);
    if (!a || !b || facts.unlinked?.(e)) continue;
    a.links.add(b.id);
    b.links.add(a.id);
    if (e.direction === 'a-from-b') {
      b.sourceOf++;
      a.copyOf++;
    } else if (e.direction === 'b-from-a') {
      a.sourceOf++;
      b.copyOf++;
    }
  }
  const order = [...nodes.values()].sort(canonicalOrder);
  const placed = new Set<string>();
  const out: Cluster[] = [];
  for (const center of order) {
    if (placed.has(center.id)) continue;
    placed.add(center.id);
    const members = [center.id];
    for (const id of center.links) {
      if (placed.has(id)) continue;
      placed.add(id);
      members.push(id);
    }
    if (members.length < 2) continue;
    members.sort();
    out.push({ ids: members, canonical: center.id, canonicalReason: reasonOf(center, members, nodes, facts) });
  }
  return out.sort((x, y) => (x.canonical < y.canonical ? -1 : x.canonical > y.canonical ? 1 : 0));
}

/** Earliest published first (undated last); then the most-copied source; then the longest; then id. */
function canonicalOrder(x: Node, y: Node): number {
  const tx = x.article.publishedAt ?? Infinity;
  const ty = y.article.publishedAt ?? Infinity;
  if (tx !== ty) return tx - ty;
  const sx = x.sourceOf - x.copyOf;
  const sy = y.sourceOf - y.copyOf;
  if (sx !== sy) return sy - sx;
  const lx = x.article.text.length;
  const ly = y.article.text.length;
  if (lx !== ly) return ly - lx;
  return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

function reasonOf(center: Node, members: readonly string[], nodes: ReadonlyMap<string, Node>, facts: ClusterFacts): CanonicalReason {
  const t = center.article.publishedAt;
  if (t !== undefined && members.some((id) => id !== center.id && (nodes.get(id)!.article.publishedAt ?? Infinity) > t)) return 'earliest';
  if (center.sourceOf > center.copyOf) {
    const credits = facts.credits;
    if (credits && !credits(center.id) && members.some((id) => id !== center.id && credits(id))) return 'credited';
    return 'covered';
  }
  return 'longest';
}
