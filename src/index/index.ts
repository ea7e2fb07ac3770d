export { bandKeysOf } from './band-keys.js';
export { DEFAULT_THRESHOLD, LshIndex, paramsKey, type LshIndexOptions, type LshMatch, type LshQueryOptions } from './lsh-index.js';
export { MemoryStorage } from './memory-storage.js';
export type { Awaitable, Candidate, LshStorage, StorageLayout, StoredDocument } from './storage.js';
