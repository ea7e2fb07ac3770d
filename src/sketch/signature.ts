/**
 * MinHash signatures as plain values: the minimum values plus the parameters that made them,
 * the Jaccard estimate (Broder 1997: Pr[min h(A) = min h(B)] = |A∩B| / |A∪B|), and a versioned,
 * checksummed binary form.
 */
import { CorruptDataError, describe, IncompatibleSignatureError, InvalidArgumentError } from '../errors.js';
import { STEM_LANGUAGES, STOPWORD_LANGUAGES, type StemLanguage, type StopwordLanguage } from '../text/languages.js';
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
  /** The language tokens were stemmed in (`'en'`: Porter), or false. */
  readonly stem: StemLanguage | false;
  /** The language whose stopwords were removed before shingling, or false. */
  readonly stopwords: StopwordLanguage | false;
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
 * Estimated Jaccard similarity of the two texts behind `a` and `b`: the share of equal bins
 * (0 when either text had no shingles: see {@link isEmptySignature}).
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
  if (isEmptySignature(a) || isEmptySignature(b)) return 0;
  return equalShare(a.values, b.values);
}

/**
 * True for the signature of a text without shingles (no tokens): every bin is EMPTY_BIN. It
 * stands for no content, so it estimates Jaccard 0 with anything and an LSH index never matches it.
 *
 * @example
 * ```ts
 * isEmptySignature(new MinHasher().sign('… !!! 😀')); // true
 * ```
 */
export function isEmptySignature(sig: Signature): boolean {
  assertSignature(sig);
  const v = sig.values;
  for (let i = 0; i < v.length; i++) if (v[i] !== EMPTY_BIN) return false;
  return v.length > 0;
}

/** Share of positions where `a` and `b` hold the same value (lengths must match). */
export function equalShare(a: Uint32Array, b: Uint32Array): number {
  const n = a.length;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return same / n;
}

// ── Text settings as bytes (shared with the index snapshot) ─────────────────────────────────

/**
 * The text settings of `p` as bytes: flags (1 stem, 2 stopwords, 4 foldDiacritics, as in format
 * version 1) and the stem and stopword languages (0 none, else 1 + position in the language list).
 * @internal
 */
export function textParamBytes(p: SignatureParams): [flags: number, stem: number, stopwords: number] {
  return [
    (p.stem ? 1 : 0) | (p.stopwords ? 2 : 0) | (p.foldDiacritics ? 4 : 0),
    p.stem ? STEM_LANGUAGES.indexOf(p.stem) + 1 : 0,
    p.stopwords ? STOPWORD_LANGUAGES.indexOf(p.stopwords) + 1 : 0,
  ];
}

/**
 * The text settings stored as `textParamBytes`, or undefined if the bytes hold unknown codes.
 * Without language bytes (format version 1) a set stem or stopwords flag means English.
 * @internal
 */
export function textParamsFromBytes(
  flags: number,
  stem?: number,
  stopwords?: number,
): Pick<SignatureParams, 'stem' | 'stopwords' | 'foldDiacritics'> | undefined {
  if (flags > 7) return undefined;
  const stemLanguage = stem === undefined ? (flags & 1 ? 'en' : false) : stem === 0 ? false : STEM_LANGUAGES[stem - 1];
  const stopLanguage = stopwords === undefined ? (flags & 2 ? 'en' : false) : stopwords === 0 ? false : STOPWORD_LANGUAGES[stopwords - 1];
  if (stemLanguage === undefined || stopLanguage === undefined) return undefined;
  if (Boolean(stemLanguage) !== ((flags & 1) !== 0) || Boolean(stopLanguage) !== ((flags & 2) !== 0)) return undefined;
  return { stem: stemLanguage, stopwords: stopLanguage, foldDiacritics: (flags & 4) !== 0 };
}

/**
 * True if `p`'s stem, stopwords and foldDiacritics are settings a MinHasher makes.
 * @internal
 */
export function hasKnownTextParams(p: Pick<SignatureParams, 'stem' | 'stopwords' | 'foldDiacritics'>): boolean {
  return (
    (p.stem === false || (STEM_LANGUAGES as readonly unknown[]).includes(p.stem)) &&
    (p.stopwords === false || (STOPWORD_LANGUAGES as readonly unknown[]).includes(p.stopwords)) &&
    typeof p.foldDiacritics === 'boolean'
  );
}

/** Throws `InvalidArgumentError` unless `value` is signature parameters (`hasher.params`, `signature.params`). */
export function assertSignatureParams(value: unknown, name: string): asserts value is SignatureParams {
  const p = value as SignatureParams | null;
  if (
    p === null ||
    typeof p !== 'object' ||
    typeof p.numPerm !== 'number' ||
    typeof p.seed !== 'number' ||
    typeof p.shingleSize !== 'number' ||
    (p.unit !== 'word' && p.unit !== 'char') ||
    !hasKnownTextParams(p)
  ) {
    throw new InvalidArgumentError(`${name} must be a MinHasher's params (hasher.params or signature.params), got ${describe(value)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Binary form. Little-endian:
//   0  "NDSG" magic          4  format version (2)   5 unit (0 word, 1 char)
//   6  flags (1 stem, 2 stopwords, 4 foldDiacritics)  7 shingleSize
//   8  numPerm u32          12  seed u32
//   16 stem language u8     17 stopword language u8 (0 none, else 1 + its place in the list)
//   18 zero u16             20 values (numPerm × u32)
//   20 + 4·numPerm  CRC-32 of every byte before it
// Version 1 (read still) had no bytes 16–19: its stem and stopwords were English.
// ---------------------------------------------------------------------------------------------

const MAGIC = 0x4753444e; // "NDSG" read as little-endian u32
const FORMAT_VERSION = 2;
const HEADER_BYTES = 20;
const V1_HEADER_BYTES = 16;

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
  const [flags, stem, stopwords] = textParamBytes(params);
  view.setUint8(6, flags);
  view.setUint8(7, params.shingleSize);
  view.setUint32(8, params.numPerm, true);
  view.setUint32(12, params.seed, true);
  view.setUint8(16, stem);
  view.setUint8(17, stopwords);
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
  if (bytes.length < V1_HEADER_BYTES + 4) {
    throw new CorruptDataError(`signature bytes are truncated (${bytes.length} bytes); pass the whole output of serializeSignature()`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) {
    throw new CorruptDataError('these bytes are not a neardup signature (bad magic number); pass the output of serializeSignature()');
  }
  const version = view.getUint8(4);
  if (version !== FORMAT_VERSION && version !== 1) {
    throw new CorruptDataError(`signature format version ${version} is not supported (this build reads 1 and ${FORMAT_VERSION}); upgrade neardup or re-sign the text`);
  }
  const header = version === 1 ? V1_HEADER_BYTES : HEADER_BYTES;
  const numPerm = view.getUint32(8, true);
  const end = header + 4 * numPerm;
  if (bytes.length !== end + 4) {
    throw new CorruptDataError(`signature bytes have length ${bytes.length}, expected ${end + 4} for numPerm ${numPerm}; the data was truncated or padded`);
  }
  if (view.getUint32(end, true) !== crc32(bytes, 0, end)) {
    throw new CorruptDataError('signature checksum mismatch: the bytes were damaged; re-sign the text or restore the data');
  }
  const unitCode = view.getUint8(5);
  const text = version === 1
    ? textParamsFromBytes(view.getUint8(6))
    : textParamsFromBytes(view.getUint8(6), view.getUint8(16), view.getUint8(17));
  if (unitCode > 1 || text === undefined) throw new CorruptDataError('signature header holds unknown settings; upgrade neardup');
  const params: SignatureParams = Object.freeze({
    numPerm,
    seed: view.getUint32(12, true),
    shingleSize: view.getUint8(7),
    unit: unitCode === 1 ? 'char' : 'word',
    ...text,
  });
  const values = new Uint32Array(numPerm);
  for (let i = 0; i < numPerm; i++) values[i] = view.getUint32(header + 4 * i, true);
  return { values, params };
}
