/**
 * neardup — find near-duplicate, repeated and syndicated news articles.
 * The public API: re-exports only.
 */
export {
  CorruptDataError,
  DuplicateIdError,
  IncompatibleSignatureError,
  InvalidArgumentError,
  LimitExceededError,
  NeardupError,
  StorageError,
} from './errors.js';
export * from './text/index.js';
export * from './sketch/index.js';
export * from './index/index.js';
export * from './align/index.js';
export * from './detect/index.js';
export { DEFAULT_MAX_POSTINGS, PassageIndex, type PassageIndexOptions } from './index/passage-index.js';
export { MemoryPassageStorage } from './index/memory-passage-storage.js';
export type { PassageLayout, PassageStorage } from './index/passage-storage.js';
export * from './report/index.js';
