/**
 * The result of scanning a collection, as the reports take it: clusters of copies, verified
 * pairs with their comparison, and repeated blocks inside single articles.
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

/** What a scan found. */
export interface ScanResult {
  /** Number of articles scanned. */
  readonly articles: number;
  /** Inputs skipped (malformed lines, unreadable files), if any. */
  readonly skipped?: number;
  readonly clusters: readonly Cluster[];
  readonly pairs: readonly ScanPair[];
  readonly repeats: readonly ScanRepeat[];
  /** Texts of the articles in pairs and repeats, for side-by-side views; optional. */
  readonly texts?: ReadonlyMap<string, string>;
}
