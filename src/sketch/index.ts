export { assertCompatible, distinctSorted, fmix32, hashToken, reduceRange } from './checked.js';
export { charShingles, MAX_SHINGLE_SIZE, shingles } from './shingle.js';
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
  deserializeSignature,
  EMPTY_BIN,
  estimateJaccard,
  isEmptySignature,
  serializeSignature,
  type Signature,
  type SignatureParams,
} from './signature.js';
export { collisionProbability, falseNegativeArea, falsePositiveArea, lshParams, MAX_LSH_NUM_PERM, type LshParams } from './lsh-params.js';
