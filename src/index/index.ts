export { bandKeysOf } from './band-keys.js';
export {
  DEFAULT_THRESHOLD,
  LshIndex,
  loadIndexFile,
  paramsKey,
  saveIndexFile,
  type LshIndexOptions,
  type LshLoadOptions,
  type LshMatch,
  type LshQueryOptions,
} from './lsh-index.js';
export { MemoryStorage } from './memory-storage.js';
export {
  decodeIndexSnapshot,
  encodeIndexSnapshot,
  INDEX_SNAPSHOT_VERSION,
  snapshotDifferences,
  type DecodedIndexSnapshot,
  type IndexSnapshotMeta,
  type SnapshotDocument,
  type SnapshotExpectation,
} from './snapshot.js';
export type { Awaitable, Candidate, LshStorage, StorageLayout, StoredDocument } from './storage.js';
export { saturateShingles, saturatedShingles } from './passage-saturation.js';
