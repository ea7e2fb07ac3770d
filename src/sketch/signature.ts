/**
 * MinHash signatures as plain values: the minimum values plus the parameters that made them,
 * the Jaccard estimate (Broder 1997: Pr[min h(A) = min h(B)] = |A∩B| / |A∪B|), and a versioned,
 * checksummed binary form.
 */
import { CorruptDataError, describe, IncompatibleSignatureError, InvalidArgumentError } from '../errors.js';
import { crc32 } from '../util/crc32.js';

/** Everything that decides a signature's values. Two signatures compare only if all are equal. */
export interface SignatureParams {
  /** Number of minimum values (bins) in the signature. */
  readonly numPerm: number;
  /** Hash seed. */
  readonly seed: number;
  /** Words (or characters) per shingle. */
  readonly shingleSize: number;
  /** `'word'` shingles of tokens, or `'char'` k-grams for text without spaces. */
  readonly unit: 'word' | 'char';
  /** Porter-stemmed tokens. */
  readonly stem: boolean;
  /** English stopwords removed before shingling. */
  readonly stopwords: boolean;
  /** Diacritics folded during normalization. */
  readonly foldDiacritics: boolean;
}

/** A MinHash signature. `values[i]` is the minimum hash of bin i; treat it as read-only. */
export interface Signature {
  readonly values: Uint32Array;
  readonly params: SignatureParams;
}

/** Value of a bin no shingle fell into (only when the text had no shingles at all). */
export const EMPTY_BIN = 0xffffffff;

const PARAM_KEYS = ['numPerm', 'seed', 'shingleSize', 'unit', 'stem', 'stopwords', 'foldDiacritics'] as const;

/** Names of the parameters in which `a` and `b` differ (empty when compatible). */
export function paramDifferences(a: SignatureParams, b: SignatureParams): string[] {
  if (a === b) return [];
  const out: string[] = [];
  for (const key of PARAM_KEYS) if (a[key] !== b[key]) out.push(`${key} (${String(a[key])} vs ${String(b[key])})`);
  return out;
}

/** Throws `IncompatibleSignatureError` unless both parameter sets are equal. */
export function assertCompatible(a: SignatureParams, b: SignatureParams, what = 'signatures'): void {
  const diff = paramDifferences(a, b);
  if (diff.length > 0) {
    throw new IncompatibleSignatureError(
      `${what} were made with different parameters: ${diff.join(', ')}; sign both texts with the same MinHasher options`,
    );
  }
}

/** Throws `InvalidArgumentError` unless `value` looks like a Signature. */
export function assertSignature(value: unknown, name = 'signature'): asserts value is Signature {
  const sig = value as Signature | null;
  if (
    sig === null ||
    typeof sig !== 'object' ||
    !(sig.values instanceof Uint32Array) ||
    typeof sig.params !== 'object' ||
    sig.params === null ||
    sig.values.length !== sig.params.numPerm
  ) {
    throw new InvalidArgumentError(`${name} must be a Signature from MinHasher.sign(), got ${describe(value)}`);
  }
}

/**
 * Estimated Jaccard similarity of the two texts behind `a` and `b`: the share of equal bins.
 *
 * @throws IncompatibleSignatureError if they were made with different parameters.
 * @example
 * ```ts
 * const hasher = new MinHasher();
 * estimateJaccard(hasher.sign(textA), hasher.sign(textB)); // e.g. 0.83
 * ```
 */
export function estimateJaccard(a: Signature, b: Signature): number {
  assertSignature(a, 'a');
  assertSignature(b, 'b');
  assertCompatible(a.params, b.params);
  return equalShare(a.values, b.values);
}

/** Share of positions where `a` and `b` hold the same value (lengths must match). */
export function equalShare(a: Uint32Array, b: Uint32Array): number {
  const n = a.length;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return same / n;
}

// ---------------------------------------------------------------------------------------------
// Binary form. Little-endian:
//   0  "NDSG" magic          4  format version (1)   5 unit (0 word, 1 char)
//   6  flags (1 stem, 2 stopwords, 4 foldDiacritics)  7 shingleSize
//   8  numPerm u32          12  seed u32             16 values (numPerm × u32)
//   16 + 4·numPerm  CRC-32 of every byte before it
// ---------------------------------------------------------------------------------------------

const MAGIC = 0x4753444e; // "NDSG" read as little-endian u32
const FORMAT_VERSION = 1;
const HEADER_BYTES = 16;

/**
 * Encodes a signature with its parameters, a format version and a CRC-32.
 *
 * @example
 * ```ts
 * const bytes = serializeSignature(hasher.sign(text));
 * const again = deserializeSignature(bytes); // equal values and params
 * ```
 */
export function serializeSignature(sig: Signature): Uint8Array {
  assertSignature(sig);
  const { params, values } = sig;
  const bytes = new Uint8Array(HEADER_BYTES + 4 * values.length + 4);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint8(4, FORMAT_VERSION);
  view.setUint8(5, params.unit === 'char' ? 1 : 0);
  view.setUint8(6, (params.stem ? 1 : 0) | (params.stopwords ? 2 : 0) | (params.foldDiacritics ? 4 : 0));
  view.setUint8(7, params.shingleSize);
  view.setUint32(8, params.numPerm, true);
  view.setUint32(12, params.seed, true);
  for (let i = 0; i < values.length; i++) view.setUint32(HEADER_BYTES + 4 * i, values[i]!, true);
  const end = HEADER_BYTES + 4 * values.length;
  view.setUint32(end, crc32(bytes, 0, end), true);
  return bytes;
}

/**
 * Decodes bytes from `serializeSignature`.
 *
 * @throws CorruptDataError for truncated, foreign, damaged or future-version bytes.
 */
export function deserializeSignature(bytes: Uint8Array): Signature {
  if (!(bytes instanceof Uint8Array)) {
    throw new InvalidArgumentError(`bytes must be a Uint8Array from serializeSignature(), got ${describe(bytes)}`);
  }
  if (bytes.length < HEADER_BYTES + 4) {
    throw new CorruptDataError(`signature bytes are truncated (${bytes.length} bytes); pass the whole output of serializeSignature()`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) {
    throw new CorruptDataError('these bytes are not a neardup signature (bad magic number); pass the output of serializeSignature()');
  }
  const version = view.getUint8(4);
  if (version !== FORMAT_VERSION) {
    throw new CorruptDataError(`signature format version ${version} is not supported (this build reads ${FORMAT_VERSION}); upgrade neardup or re-sign the text`);
  }
  const numPerm = view.getUint32(8, true);
  const end = HEADER_BYTES + 4 * numPerm;
  if (bytes.length !== end + 4) {
    throw new CorruptDataError(`signature bytes have length ${bytes.length}, expected ${end + 4} for numPerm ${numPerm}; the data was truncated or padded`);
  }
  if (view.getUint32(end, true) !== crc32(bytes, 0, end)) {
    throw new CorruptDataError('signature checksum mismatch: the bytes were damaged; re-sign the text or restore the data');
  }
  const unitCode = view.getUint8(5);
  const flags = view.getUint8(6);
  if (unitCode > 1 || flags > 7) throw new CorruptDataError('signature header holds unknown settings; upgrade neardup');
  const params: SignatureParams = Object.freeze({
    numPerm,
    seed: view.getUint32(12, true),
    shingleSize: view.getUint8(7),
    unit: unitCode === 1 ? 'char' : 'word',
    stem: (flags & 1) !== 0,
    stopwords: (flags & 2) !== 0,
    foldDiacritics: (flags & 4) !== 0,
  });
  const values = new Uint32Array(numPerm);
  for (let i = 0; i < numPerm; i++) values[i] = view.getUint32(HEADER_BYTES + 4 * i, true);
  return { values, params };
}
