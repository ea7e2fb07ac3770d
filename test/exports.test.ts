/** The public API is the product: this list is what `import … from 'neardup'` offers, and README "API" documents each. */
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { README } from './helpers/readme.js';

const EXPORTS = [
  // errors
  'NeardupError', 'InvalidArgumentError', 'IncompatibleSignatureError', 'CorruptDataError', 'DuplicateIdError',
  'LimitExceededError', 'StorageError', 'MissingDependencyError', 'WorkerError',
  // text
  'normalize', 'splitParagraphs', 'splitSentences', 'tokenize', 'findCredits', 'findBoilerplate',
  // sketches
  'shingles', 'MinHasher', 'estimateJaccard', 'isEmptySignature', 'serializeSignature', 'deserializeSignature', 'lshParams',
  // indexes and storage
  'LshIndex', 'saveIndexFile', 'loadIndexFile', 'MemoryStorage', 'MemoryPassageStorage', 'RedisStorage', 'RedisPassageStorage', 'ShardedStorage', 'ShardedPassageStorage', 'shardedRedisStorage', 'shardedRedisPassageStorage',
  // alignment
  'compare', 'findRepeats', 'sharedSpans', 'DEFAULT_ALIGN_OPTIONS',
  // detector, feed, persistence
  'Detector', 'DEFAULT_DETECTOR_OPTIONS', 'DEFAULT_LIMITS', 'MemoryDetectorStore', 'RedisDetectorStore', 'ShardedDetectorStore', 'redisDetectorStorage',
  'dedup', 'dedupStream', 'saveDetectorFile', 'loadDetectorFile',
  // all cores
  'addParallel', 'scanParallel',
  // reports
  'renderComparisonHtml', 'renderScanHtml', 'describePair',
];

describe('the public API', () => {
  it('exports exactly the product, no helpers', () => {
    expect(Object.keys(api).sort()).toEqual([...EXPORTS].sort());
  });

  it('is listed in the README API section', () => {
    const section = README.slice(README.indexOf('## API'), README.indexOf('\n## ', README.indexOf('## API') + 1));
    expect(section.length).toBeGreaterThan(100);
    for (const name of EXPORTS) expect(section, name).toContain(`\`${name}`);
  });
});
