/**
 * neardup — find near-duplicate, repeated and syndicated news articles.
 * The public API: what a user calls and its types, re-exported by name (helpers stay internal;
 * test/exports.test.ts pins this list and README "API" documents it).
 */

// Errors
export {
  CorruptDataError,
  DuplicateIdError,
  IncompatibleSignatureError,
  InvalidArgumentError,
  LimitExceededError,
  MissingDependencyError,
  NeardupError,
  StorageError,
  WorkerError,
} from './errors.js';

// Text
export { normalize, type NormalizeOptions } from './text/normalize.js';
export { splitParagraphs, type Paragraph } from './text/paragraphs.js';
export { splitSentences, type Span } from './text/sentences.js';
export { tokenize, type TokenizeOptions } from './text/tokenize.js';
export type { StemLanguage, StopwordLanguage } from './text/languages.js';
export { findCredits, type Credit } from './text/credits.js';
export { findBoilerplate, type BoilerplateKind, type BoilerplateParagraph } from './text/boilerplate.js';

// Sketches
export { shingles } from './sketch/shingle.js';
export { MinHasher, type MinHasherOptions } from './sketch/minhash.js';
export {
  deserializeSignature,
  estimateJaccard,
  isEmptySignature,
  serializeSignature,
  type Signature,
  type SignatureParams,
} from './sketch/signature.js';
export { lshParams, type LshParams } from './sketch/lsh-params.js';

// Indexes and their storage
export {
  LshIndex,
  loadIndexFile,
  saveIndexFile,
  type LshIndexOptions,
  type LshLoadOptions,
  type LshMatch,
  type LshQueryOptions,
} from './index/lsh-index.js';
export { MemoryStorage } from './index/memory-storage.js';
export type { Awaitable, Candidate, LshStorage, StorageLayout, StoredDocument } from './index/storage.js';
export { MemoryPassageStorage } from './index/memory-passage-storage.js';
export type { LookupOptions, PassageLayout, PassageStorage } from './index/passage-storage.js';
export { RedisStorage, type RedisStorageOptions } from './storage/redis/lsh-storage.js';
export { RedisPassageStorage, type RedisPassageStorageOptions } from './storage/redis/passage-storage.js';
export type { RedisClient, RedisClientOptions, RedisClusterNode, RedisConnectionOptions } from './storage/redis/connection.js';
export { ShardedStorage } from './index/sharded-storage.js';
export { ShardedPassageStorage, type CountingPassageStorage } from './index/sharded-passage-storage.js';
export { shardedRedisStorage, shardedRedisPassageStorage, type ShardedRedisOptions } from './storage/redis/sharded.js';

// Alignment
export {
  compare,
  type AlignedPassage,
  type Alignment,
  type AlignmentKind,
  type ArticleText,
  type CompareOptions,
  type Comparison,
} from './align/compare.js';
export { DEFAULT_ALIGN_OPTIONS, type AlignOptions } from './align/options.js';
export { findRepeats, type Repeat, type RepeatOptions } from './align/repeats.js';
export type { Direction, DirectionReason, Relation } from './align/relation.js';
export type { ScoreFeatures } from './align/score.js';
export { sharedSpans, type CharSpan, type SharedSpans } from './align/shared-spans.js';

// Detector, feed, persistence
export { Detector, type Article, type LowContentReport, type Match, type MatchDirection, type MatchOptions, type Verdict } from './detect/detector.js';
export type { CanonicalReason, Cluster } from './detect/clusters.js';
export type { ConsistencyReport } from './detect/consistency.js';
export { DEFAULT_DETECTOR_OPTIONS, DEFAULT_LIMITS, type DetectorOptions } from './detect/options.js';
export { MemoryDetectorStore, type DetectorStore, type PairEdge, type StoredArticle } from './detect/store.js';
export { dedup, dedupStream, type DedupOptions } from './detect/stream.js';
export type { DetectorLoadOptions } from './detect/snapshot.js';
export type { DetectorSettings } from './detect/state.js';
export { loadDetectorFile, saveDetectorFile } from './detect/files.js';
export { RedisDetectorStore, type RedisDetectorStoreOptions } from './storage/redis/article-store.js';
export { ShardedDetectorStore, type ShardableDetectorStore } from './storage/redis/sharded-article-store.js';
export { redisDetectorStorage, type RedisDetectorStorage, type RedisDetectorStorageOptions } from './storage/redis/detector-storage.js';

// All cores: worker threads prepare articles, one thread matches them and keeps the index
export { addParallel, type ParallelOptions, type ParallelOutcome } from './parallel/add-parallel.js';
export { scanParallel, type ScanParallelOptions, type ScanParallelResult } from './parallel/scan-parallel.js';

// Reports
export { renderComparisonHtml, type ComparisonHtmlOptions, type ReportArticle } from './report/html-comparison.js';
export { renderScanHtml, type ScanHtmlOptions } from './report/html-scan.js';
export type { ScanPair, ScanRepeat, ScanResult } from './report/scan-types.js';
export { describePair, type PairFacts } from './report/wording.js';
