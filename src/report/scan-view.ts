/**
 * What a scan report shows, in the order an editor reads it: the summary first (articles,
 * clusters, pairs by relation, repeated blocks), clusters largest first then most recent, pairs
 * strongest first — narrowed by relation, by article length, to the top N, and with exact copies
 * folded into one line with a count. Every output format (table, JSON, JSONL, HTML) reads this.
 */
import type { Relation } from '../align/index.js';
import type { Cluster } from '../detect/index.js';
import { UnionFind } from '../detect/union-find.js';
import type { ArticleInfo, ScanPair, ScanRepeat, ScanResult } from './scan-types.js';
import { sizeBins } from './svg-charts.js';
import { scoreOf } from './why.js';

/** How to narrow a scan report. */
export interface ScanViewOptions {
  /** Only the first N clusters, N pairs and N groups of exact copies. */
  readonly top?: number | undefined;
  /** Only pairs of these relations. */
  readonly relations?: readonly Relation[] | undefined;
  /** Leave out articles with fewer words (from clusters, pairs and repeats); they were still scanned. */
  readonly minWords?: number | undefined;
  /** Fold exact copies: duplicate pairs become one line per text with a count. */
  readonly hideDuplicates?: boolean | undefined;
}

/** Exact copies of one text, folded: the first (original) and the others. */
export interface DuplicateGroup {
  readonly original: string;
  readonly copies: readonly string[];
}

/** A cluster as shown: members in reading order (the original, then by date), exact copies maybe folded. */
export interface ClusterView extends Cluster {
  /** Members shown, the original first, then by date (undated last), then id. */
  readonly members: readonly string[];
  /** Exact copies of shown members left out (with `hideDuplicates`), by the member they copy. */
  readonly folded: ReadonlyMap<string, number>;
  /** Latest publication date of a member (ms), if any is dated. */
  readonly latest: number | undefined;
}

/** Counts of everything found, before any narrowing. */
export interface ScanSummary {
  readonly articles: number;
  readonly skipped: number;
  readonly clusters: number;
  readonly clusteredArticles: number;
  readonly pairs: number;
  readonly pairsByRelation: Readonly<Record<Exclude<Relation, 'unrelated'>, number>>;
  readonly repeats: number;
  /** How many clusters have 2, 3, 4, 5–9 … articles. */
  readonly clusterSizes: readonly { readonly label: string; readonly count: number }[];
}

/** The narrowed, ordered report. */
export interface ScanView {
  readonly summary: ScanSummary;
  readonly clusters: readonly ClusterView[];
  readonly pairs: readonly ScanPair[];
  /** Exact copies folded (with `hideDuplicates`), largest group first. */
  readonly duplicates: readonly DuplicateGroup[];
  readonly repeats: readonly ScanRepeat[];
  /** How many clusters, pairs and groups the filters and `top` left out. */
  readonly hidden: { readonly clusters: number; readonly pairs: number; readonly duplicates: number };
  readonly options: ScanViewOptions;
  /** Every pair found, by each of its two articles (for looking up a cluster member's pair). */
  readonly pairsByArticle: ReadonlyMap<string, readonly ScanPair[]>;
}

/** Pairs by each of their two articles. */
export function pairsByArticle(pairs: readonly ScanPair[]): Map<string, ScanPair[]> {
  const out = new Map<string, ScanPair[]>();
  for (const p of pairs) {
    for (const id of [p.a, p.b]) {
      let list = out.get(id);
      if (!list) out.set(id, (list = []));
      list.push(p);
    }
  }
  return out;
}

const RELATION_RANK: Record<Relation, number> = { duplicate: 4, 'near-duplicate': 3, derived: 2, related: 1, unrelated: 0 };

/** Pairs strongest first: relation, then the calibrated score or the larger coverage, then ids. */
export function rankPairs(pairs: readonly ScanPair[]): ScanPair[] {
  const top = (p: ScanPair): number => scoreOf(p.comparison) ?? Math.max(p.comparison.coverage.a, p.comparison.coverage.b);
  return [...pairs].sort(
    (x, y) => RELATION_RANK[y.comparison.relation] - RELATION_RANK[x.comparison.relation] || top(y) - top(x) || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0),
  );
}

function byDateThenId(info: ReadonlyMap<string, ArticleInfo> | undefined): (x: string, y: string) => number {
  return (x, y) => {
    const tx = info?.get(x)?.publishedAt;
    const ty = info?.get(y)?.publishedAt;
    if (tx !== undefined && ty !== undefined && tx !== ty) return tx - ty;
    if ((tx === undefined) !== (ty === undefined)) return tx === undefined ? 1 : -1;
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

/** Groups of exact copies (connected by duplicate pairs), each led by its earliest member. */
function duplicateGroups(pairs: readonly ScanPair[], info: ReadonlyMap<string, ArticleInfo> | undefined): Map<string, string[]> {
  const index = new Map<string, number>();
  const ids: string[] = [];
  const at = (id: string): number => {
    let i = index.get(id);
    if (i === undefined) index.set(id, (i = ids.push(id) - 1));
    return i;
  };
  const links: [number, number][] = [];
  for (const p of pairs) if (p.comparison.relation === 'duplicate') links.push([at(p.a), at(p.b)]);
  const sets = new UnionFind(ids.length);
  for (const [x, y] of links) sets.union(x, y);
  const out = new Map<string, string[]>();
  const order = byDateThenId(info);
  for (const members of sets.groups(ids)) {
    members.sort(order);
    out.set(members[0]!, members.slice(1));
  }
  return out;
}

/**
 * Orders and narrows a scan result for reading.
 *
 * @example
 * ```ts
 * const view = scanView(result, { top: 20, relations: ['derived', 'near-duplicate'], hideDuplicates: true });
 * view.summary.pairsByRelation.derived; // every derived pair found, before narrowing
 * ```
 */
export function scanView(result: ScanResult, options: ScanViewOptions = {}): ScanView {
  const info = result.info;
  const top = options.top ?? Infinity;
  const short = (id: string): boolean => {
    if (options.minWords === undefined) return false;
    const words = info?.get(id)?.words;
    return words !== undefined && words < options.minWords;
  };
  const pairsByRelation = { duplicate: 0, 'near-duplicate': 0, derived: 0, related: 0 };
  for (const p of result.pairs) if (p.comparison.relation !== 'unrelated') pairsByRelation[p.comparison.relation]++;
  const summary: ScanSummary = {
    articles: result.articles,
    skipped: result.skipped ?? 0,
    clusters: result.clusters.length,
    clusteredArticles: result.clusters.reduce((n, c) => n + c.ids.length, 0),
    pairs: result.pairs.length,
    pairsByRelation,
    repeats: result.repeats.length,
    clusterSizes: sizeBins(result.clusters.map((c) => c.ids.length)),
  };

  const kept = result.pairs.filter((p) => !short(p.a) && !short(p.b));
  const groups = options.hideDuplicates ? duplicateGroups(kept, info) : new Map<string, string[]>();
  const foldedInto = new Map<string, string>();
  for (const [original, copies] of groups) for (const c of copies) foldedInto.set(c, original);

  const order = byDateThenId(info);
  const clusters: ClusterView[] = [];
  for (const c of result.clusters) {
    const live = c.ids.filter((id) => !short(id));
    if (live.length < 2) continue;
    const folded = new Map<string, number>();
    const members = [c.canonical, ...live.filter((id) => id !== c.canonical).sort(order)].filter((id) => {
      const into = foldedInto.get(id);
      if (into === undefined || !live.includes(into)) return true;
      folded.set(into, (folded.get(into) ?? 0) + 1);
      return false;
    });
    let latest: number | undefined;
    for (const id of live) {
      const t = info?.get(id)?.publishedAt;
      if (t !== undefined && (latest === undefined || t > latest)) latest = t;
    }
    clusters.push({ ...c, members, folded, latest });
  }
  clusters.sort(
    (x, y) =>
      y.ids.length - x.ids.length ||
      (y.latest ?? -Infinity) - (x.latest ?? -Infinity) ||
      (x.canonical < y.canonical ? -1 : x.canonical > y.canonical ? 1 : 0),
  );

  const relations = options.relations ? new Set<Relation>(options.relations) : undefined;
  const pairs = rankPairs(kept.filter((p) => (!relations || relations.has(p.comparison.relation)) && !(options.hideDuplicates && p.comparison.relation === 'duplicate')));
  const duplicates = !options.hideDuplicates || (relations && !relations.has('duplicate'))
    ? []
    : [...groups].map(([original, copies]) => ({ original, copies })).sort((x, y) => y.copies.length - x.copies.length || (x.original < y.original ? -1 : 1));
  return {
    summary,
    clusters: clusters.slice(0, top),
    pairs: pairs.slice(0, top),
    duplicates: duplicates.slice(0, top),
    repeats: result.repeats.filter((r) => !short(r.id)),
    hidden: {
      clusters: result.clusters.length - Math.min(clusters.length, top),
      pairs: result.pairs.length - Math.min(pairs.length, top) - (options.hideDuplicates ? pairsByRelationAfter(kept, 'duplicate') : 0),
      duplicates: Math.max(0, duplicates.length - top),
    },
    options,
    pairsByArticle: pairsByArticle(result.pairs),
  };
}

function pairsByRelationAfter(pairs: readonly ScanPair[], relation: Relation): number {
  let n = 0;
  for (const p of pairs) if (p.comparison.relation === relation) n++;
  return n;
}
