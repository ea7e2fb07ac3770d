/**
 * The result of scanning a collection, as the reports take it: clusters of copies, verified
 * pairs with their comparison, repeated blocks inside single articles, and what is known of each
 * article (title, source, link, date).
 */
import type { Comparison, Repeat } from '../align/index.js';
import type { Cluster } from '../detect/index.js';

/** A verified pair: `a` (the later-added article) was compared with `b`. */
export interface ScanPair {
  readonly a: string;
  readonly b: string;
  /** The alignment of a (as `a`) and b (as `b`). */
  readonly comparison: Comparison;
}

/** A repeated block inside article `id`. */
export interface ScanRepeat extends Repeat {
  readonly id: string;
}

/** What the reports show of an article besides its id. */
export interface ArticleInfo {
  readonly title?: string | undefined;
  readonly source?: string | undefined;
  readonly url?: string | undefined;
  /** ms since the epoch. */
  readonly publishedAt?: number | undefined;
  /** Words in the text (for `minWords`). */
  readonly words?: number | undefined;
}

/** What a scan found. */
export interface ScanResult {
  /** Number of articles scanned. */
  readonly articles: number;
  /** Inputs skipped (malformed lines, unreadable files), if any. */
  readonly skipped?: number;
  readonly clusters: readonly Cluster[];
  readonly pairs: readonly ScanPair[];
  readonly repeats: readonly ScanRepeat[];
  /** Texts of the articles in pairs and repeats, for side-by-side views and shared phrases; optional. */
  readonly texts?: ReadonlyMap<string, string>;
  /** Title, source, link and date of articles, by id; optional. */
  readonly info?: ReadonlyMap<string, ArticleInfo>;
}
