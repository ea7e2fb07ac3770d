/**
 * The part of a Detector's state that lives outside its storages — settings, stream time, the
 * window heap, the learned-boilerplate counts — as snapshots read and restore it. Internal.
 */
import type { AlignOptions } from '../align/options.js';
import type { PreparedText } from '../align/prepare.js';
import type { SignatureParams } from '../sketch/signature.js';
import type { LshIndex } from '../index/lsh-index.js';
import type { PassageIndex } from '../index/passage-index.js';
import type { DetectorStore, StoredArticle } from './store.js';

/** Key of the Detector method that hands its state to snapshots; not part of the public API. */
export const DETECTOR_STATE: unique symbol = Symbol('neardup.detector.state');

/** Every setting that changes what a Detector answers, with the values in effect. */
export interface DetectorSettings {
  readonly threshold: number;
  readonly numPerm: number;
  /** LSH banding the build chose for threshold and numPerm. */
  readonly bands: number;
  readonly rows: number;
  /** `paramsKey()` of the document signatures. */
  readonly signature: string;
  readonly shingleSize: number;
  readonly seed: number;
  readonly boilerplateDocs: number;
  /** The passage index's shingle key, e.g. 'word-3'. */
  readonly passageShingles: string;
  readonly paragraphMinWords: number;
  readonly maxParagraphsQueried: number;
  readonly paragraphHitShare: number;
  readonly maxCandidates: number;
  readonly minContentWords: number;
  readonly stockPhraseDocs: number;
  readonly align: AlignOptions;
  readonly window: { readonly hours: number } | null;
  readonly keepDuplicates: boolean;
}

/** What a Detector exposes to snapshots (so the snapshot codec depends on this plain state, not on the Detector class). */
export interface DetectorState {
  readonly settings: DetectorSettings;
  /** The Detector's three stores: document signatures, passage shingles, articles and pairs. */
  readonly documents: LshIndex;
  readonly passages: PassageIndex;
  readonly articles: DetectorStore;
  readonly signatureParams: SignatureParams;
  /** Newest time `process()` has seen (−Infinity before the first). */
  getStreamTime(): number;
  setStreamTime(time: number): void;
  /** The window heap's entries, oldest first; the heap is left holding the same entries in this order. */
  arrivals(): { time: number; id: string }[];
  pushArrival(time: number, id: string): void;
  /** Counts an article's paragraphs into learned boilerplate and caches its prepared text (made now unless given). */
  learn(article: StoredArticle, prepared?: PreparedText): void;
}

/** Anything that hands its state to snapshots: the Detector. */
export interface HasDetectorState {
  [DETECTOR_STATE](): DetectorState;
}
