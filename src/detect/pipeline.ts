/**
 * The seam a parallel driver (src/parallel/) works the Detector through: `add()` with the
 * preparation done elsewhere, so that worker threads prepare while this thread alone reads and
 * writes the indexes, in input order. Internal; not part of the public API.
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
}

/**
 * `add(article)` is, in order: `check`, `prepareQuery` (anywhere), `match`, `enter`. Generic in
 * the Detector's article and match types, so that this file imports nothing of detector.ts.
 */
export interface DetectorPipeline<Article, Match> {
  readonly settings: PipelineSettings;
  /** Validates the article and refuses an id already present (`DuplicateIdError`); its time in ms. */
  check(article: Article): Promise<number | undefined>;
  /** The verified matches of a prepared article, as the indexes and weights are now. */
  match(query: Query, selfId: string): Promise<Match[]>;
  /** Enters the article in both indexes, the store and the counts, with its verified pairs. */
  enter(article: Article, query: Query, matches: readonly Match[]): Promise<void>;
}
