export { fmix32, hashToken, reduceRange } from './hash.js';
export { charShingles, distinctSorted, MAX_SHINGLE_SIZE, shingles } from './shingle.js';
export {
  DEFAULT_NUM_PERM,
  DEFAULT_SEED,
  DEFAULT_SHINGLE_SIZE,
  MAX_NUM_PERM,
  MIN_NUM_PERM,
  MinHasher,
  type MinHasherOptions,
} from './minhash.js';
export {
  assertCompatible,
  deserializeSignature,
  EMPTY_BIN,
  estimateJaccard,
  isEmptySignature,
  serializeSignature,
  type Signature,
  type SignatureParams,
} from './signature.js';
export { collisionProbability, falseNegativeArea, falsePositiveArea, lshParams, type LshParams } from './lsh-params.js';
