export { Detector, type Article, type Match, type MatchDirection, type MatchOptions, type Verdict } from './detector.js';
export { type Cluster } from './clusters.js';
export { DEFAULT_DETECTOR_OPTIONS, DEFAULT_LIMITS, type DetectorOptions } from './options.js';
export { MemoryDetectorStore, type DetectorStore, type PairEdge, type StoredArticle } from './store.js';
export { dedup, dedupStream, type DedupOptions } from './stream.js';
