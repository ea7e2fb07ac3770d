/**
 * The seam a parallel driver (src/parallel/) works the Detector through: `add()` cut into its
 * steps, so that worker threads prepare and verify while this thread alone reads and writes the
 * indexes and the store, in input order. Internal; not part of the public API.
 */
import type { AlignOptions } from '../align/options.js';
import type { Query } from './query.js';

/** Key of the Detector method that hands out its pipeline; not part of the public API. */
export const DETECTOR_PIPELINE: unique symbol = Symbol('neardup.detector.pipeline');

/** Plain settings from which a worker rebuilds the Detector's `QuerySettings`. */
export interface PipelineSettings {
  readonly numPerm: number;
  readonly seed: number;
  readonly shingleSize: number;
  readonly align: AlignOptions;
  readonly limits: { readonly maxLength: number; readonly maxParagraphs: number };
  readonly paragraphMinWords: number;
  readonly maxParagraphsQueried: number;
  readonly minContentWords: number;
  /** A paragraph key in this many articles is learned boilerplate. */
  readonly boilerplateDocs: number;
  /** Candidates verified per match; also how far links from copies reach. */
  readonly maxCandidates: number;
}

/** The Detector's corpus counts (learned boilerplate, rarity), copied: where a worker's own copy starts. */
export interface CountsSnapshot {
  readonly paragraphs: Int32Array[];
  readonly shingles: Int32Array[];
}

/**
 * `add(article)` is, in order: `check`, `prepareQuery` (anywhere), `candidates`, `index`, the
 * verification of the candidates (anywhere, against the corpus as it stood before `index`:
 * `documents` and `frequencies` read then, and `counts` replayed in index order), following
 * `linked` from copies, and `commit`. Generic in the Detector's article and match types, so that
 * this file imports nothing of detector.ts.
 */
export interface DetectorPipeline<Article, Match> {
  readonly settings: PipelineSettings;
  /**
   * Validates the article and refuses an id already present, or `indexed` and not yet committed
   * (`DuplicateIdError`); its time in ms.
   */
  check(article: Article, indexed?: (id: string) => boolean): Promise<number | undefined>;
  /** The candidates of a prepared article, best evidence first, as the indexes are now. */
  candidates(query: Query, selfId: string): Promise<string[]>;
  /** Document frequency of each of the query's shingles in the passage index now; undefined if the storage cannot tell. */
  frequencies(query: Query): Float64Array | Promise<Float64Array> | undefined;
  /** Articles counted in the corpus counts now (the rarity weights' document count). */
  documents(): number;
  /** A copy of the corpus counts now. */
  counts(): CountsSnapshot;
  /**
   * Enters the article in both indexes and the counts, in this id's turn; no record yet. With
   * `uncounted`, the counts are left to `setCounts` (only the article count grows).
   */
  index(article: Article, query: Query, uncounted?: boolean): Promise<void>;
  /** Replaces the corpus counts with a copy made elsewhere (a worker's, of the same articles). */
  setCounts(counts: CountsSnapshot): void;
  /** Adds an article's counts (what `index` left out). */
  count(query: Query): void;
  /** Stores the article's record and verified pairs: from now on it is an article. */
  commit(article: Article, query: Query, matches: readonly Match[]): Promise<void>;
  /** Takes back `index` of an article never committed. */
  unindex(article: Article, query: Query): Promise<void>;
  /** Ids an earlier article `id` copies (its linking pairs to articles before it). */
  linked(id: string): Promise<string[]>;
  /** The stored text of a present article (a candidate indexed before the scan). */
  stored(id: string): Promise<{ readonly text: string; readonly publishedAt: number | undefined } | undefined>;
  /** Whether the store holds `id` (a candidate that another writer may be removing). */
  has(id: string): Promise<boolean>;
}
