/**
 * Index snapshots: a versioned, CRC-32-guarded, little-endian binary form of an LSH index (its
 * settings, signature parameters and every document's id, time and signature), plus an atomic
 * file write. `LshIndex.save()` / `LshIndex.load()` and the file helpers are built on these.
 */
import { readFile } from 'node:fs/promises';
import { CorruptDataError, IncompatibleSignatureError, InvalidArgumentError, StorageError, describe } from '../errors.js';
import { MAX_NUM_PERM, MIN_NUM_PERM } from '../sketch/minhash.js';
import { MAX_SHINGLE_SIZE } from '../sketch/shingle.js';
import { textParamBytes, textParamsFromBytes, type SignatureParams } from '../sketch/signature.js';
import { ByteReader, ByteWriter } from '../util/bytes.js';
import { crc32 } from '../util/crc32.js';
import { assertFinite, assertOptions, assertRecord } from '../validate.js';
import { assertSignatureParams } from '../sketch/signature.js';

// ---------------------------------------------------------------------------------------------
// Format, version 2. Little-endian throughout.
//
//   offset  size  field
//   0       4     magic "NDIX"
//   4       2     format version (2; version 1, read still, had no language bytes: English)
//   6       2     flags: bit 0 = signature parameters present (absent for a never-used index)
//   8       8     threshold (f64)
//   16      4     numPerm (u32)
//   20      4     bands (u32)
//   24      4     rows (u32)
//   28      14    only if flag bit 0: signature parameters
//                   u32 numPerm, u32 seed, u16 shingleSize, u8 unit (0 word, 1 char),
//                   u8 flags (1 stem, 2 stopwords, 4 foldDiacritics),
//                   u8 stem language, u8 stopword language (0 none, else 1 + place in the list)
//   …       4     document count (u32)
//   then per document:
//           4     id byte length (u32), then the id in UTF-8
//           8     time in ms since the epoch (f64; NaN when the document has none)
//           4·n   the signature: numPerm u32 values
//   end−4   4     CRC-32 of every byte before it
// ---------------------------------------------------------------------------------------------

/** "NDIX" as bytes. */
const MAGIC = [0x4e, 0x44, 0x49, 0x58] as const;
/** Version of the snapshot format this build writes and reads. */
export const INDEX_SNAPSHOT_VERSION = 2;
const FLAG_PARAMS = 1;
/** magic + version + flags + threshold + numPerm + bands + rows. */
const FIXED_HEADER = 28;
const WHAT = 'index snapshot';

/** Everything about an index except its documents. */
export interface IndexSnapshotMeta {
  readonly threshold: number;
  readonly numPerm: number;
  readonly bands: number;
  readonly rows: number;
  /** The signature parameters the index is bound to; undefined for an index that never saw a signature. */
  readonly params: SignatureParams | undefined;
}

/** One document of a snapshot. */
export interface SnapshotDocument {
  readonly id: string;
  readonly values: Uint32Array;
  /** ms since the epoch, or undefined. */
  readonly time?: number | undefined;
}

/** A decoded, fully validated snapshot whose documents are read on demand. */
export interface DecodedIndexSnapshot {
  readonly meta: IndexSnapshotMeta;
  /** Number of documents. */
  readonly count: number;
  /** The documents in stored order; each call starts over. */
  documents(): IterableIterator<SnapshotDocument>;
}

/** Settings a caller requires of a snapshot; any that differ make loading fail. */
export interface SnapshotExpectation extends Partial<SignatureParams> {
  readonly threshold?: number;
  readonly bands?: number;
  readonly rows?: number;
}

/**
 * Encodes an index's settings and documents. Documents may come from a sync or async iterable
 * (e.g. `storage.entries()`); the count is filled in at the end, so they are read once.
 *
 * @throws InvalidArgumentError when documents are given but `meta.params` is undefined.
 * @throws StorageError when a document's signature length is not `meta.numPerm`.
 * @example
 * ```ts
 * const bytes = await encodeIndexSnapshot(
 *   { threshold: 0.5, numPerm: 128, bands: 25, rows: 5, params: hasher.params },
 *   [{ id: 'a', values: hasher.sign(text).values, time: Date.now() }],
 * );
 * ```
 */
export async function encodeIndexSnapshot(
  meta: IndexSnapshotMeta,
  documents: Iterable<SnapshotDocument> | AsyncIterable<SnapshotDocument>,
): Promise<Uint8Array> {
  assertRecord(meta, 'meta', 'IndexSnapshotMeta { threshold, numPerm, bands, rows, params }');
  for (const key of ['threshold', 'numPerm', 'bands', 'rows'] as const) assertFinite(meta[key], `meta.${key}`);
  if (meta.params !== undefined) assertSignatureParams(meta.params, 'meta.params');
  if (documents === null || typeof documents !== 'object' || !(Symbol.iterator in documents || Symbol.asyncIterator in documents)) {
    throw new InvalidArgumentError(`documents must be an iterable of { id, values, time? }, e.g. storage.entries(), got ${describe(documents)}`);
  }
  const w = new ByteWriter(4096);
  for (const b of MAGIC) w.u8(b);
  w.u16(INDEX_SNAPSHOT_VERSION);
  w.u16(meta.params ? FLAG_PARAMS : 0);
  w.f64(meta.threshold);
  w.u32(meta.numPerm);
  w.u32(meta.bands);
  w.u32(meta.rows);
  const p = meta.params;
  if (p) {
    w.u32(p.numPerm);
    w.u32(p.seed);
    w.u16(p.shingleSize);
    w.u8(p.unit === 'char' ? 1 : 0);
    const [textFlags, stem, stopwords] = textParamBytes(p);
    w.u8(textFlags);
    w.u8(stem);
    w.u8(stopwords);
  }
  const countAt = w.reserveU32();
  let count = 0;
  for await (const doc of documents) {
    if (!p) {
      throw new InvalidArgumentError(
        'the index holds documents but does not know their signature parameters (it has not seen a signature in this process); construct it with { signatureParams: hasher.params } before saving',
      );
    }
    if (doc === null || typeof doc !== 'object' || typeof doc.id !== 'string' || !(doc.values instanceof Uint32Array)) {
      throw new InvalidArgumentError(`documents must yield { id, values: Uint32Array, time? }, e.g. storage.entries(), got ${describe(doc)}`);
    }
    if (doc.values.length !== meta.numPerm) {
      throw new StorageError(`storage returned a signature of length ${doc.values.length} for id ${describe(doc.id)}, expected numPerm ${meta.numPerm}; the storage holds foreign data: clear() it and rebuild the index`);
    }
    w.string(doc.id);
    w.f64(doc.time ?? Number.NaN);
    w.u32s(doc.values);
    count++;
  }
  w.patchU32(countAt, count);
  const body = w.length;
  w.u32(0);
  const out = w.finish().slice();
  new DataView(out.buffer).setUint32(body, crc32(out, 0, body), true);
  return out;
}

/**
 * Checks and decodes snapshot bytes. Every structural check (checksum, header, lengths, UTF-8
 * ids, unique ids, valid times) runs here, so iterating `documents()` afterwards cannot fail.
 *
 * @throws CorruptDataError for truncated, foreign, damaged or future-version bytes.
 * @example
 * ```ts
 * const snap = decodeIndexSnapshot(bytes);
 * snap.meta.numPerm; // 128
 * for (const doc of snap.documents()) console.log(doc.id);
 * ```
 */
export function decodeIndexSnapshot(bytes: Uint8Array): DecodedIndexSnapshot {
  if (!(bytes instanceof Uint8Array)) {
    throw new InvalidArgumentError(`bytes must be a Uint8Array from LshIndex.save(), got ${describe(bytes)}`);
  }
  if (bytes.length < FIXED_HEADER + 8) {
    throw new CorruptDataError(`${WHAT} is truncated (${bytes.length} bytes); pass the whole output of LshIndex.save()`);
  }
  if (MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new CorruptDataError(`these bytes are not a neardup index snapshot (bad magic number); pass the output of LshIndex.save()`);
  }
  const r = new ByteReader(bytes, WHAT, 4, bytes.length - 4);
  const version = r.u16();
  if (version !== INDEX_SNAPSHOT_VERSION && version !== 1) {
    throw new CorruptDataError(`${WHAT} format version ${version} is not supported (this build reads 1 and ${INDEX_SNAPSHOT_VERSION}); upgrade neardup or rebuild the index`);
  }
  const end = bytes.length - 4;
  const stored = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(end, true);
  if (stored !== crc32(bytes, 0, end)) {
    throw new CorruptDataError(`${WHAT} checksum mismatch: the bytes were truncated or damaged; restore the file from a good copy or rebuild the index`);
  }
  const flags = r.u16();
  if ((flags & ~FLAG_PARAMS) !== 0) throw new CorruptDataError(`${WHAT} has unknown flags ${flags}; upgrade neardup`);
  const threshold = r.f64();
  const numPerm = r.u32();
  const bands = r.u32();
  const rows = r.u32();
  const bad = (what: string): CorruptDataError => new CorruptDataError(`${WHAT} holds an invalid ${what}; the data was damaged or written by a faulty tool, rebuild the index`);
  if (!(threshold > 0 && threshold < 1)) throw bad(`threshold ${threshold}`);
  if (numPerm < MIN_NUM_PERM || numPerm > MAX_NUM_PERM) throw bad(`numPerm ${numPerm}`);
  if (bands < 1 || rows < 1 || bands * rows > numPerm) throw bad(`banding ${bands} × ${rows} for numPerm ${numPerm}`);
  let params: SignatureParams | undefined;
  if (flags & FLAG_PARAMS) {
    const pNumPerm = r.u32();
    const seed = r.u32();
    const shingleSize = r.u16();
    const unit = r.u8();
    const pflags = r.u8();
    const text = version === 1 ? textParamsFromBytes(pflags) : textParamsFromBytes(pflags, r.u8(), r.u8());
    if (pNumPerm !== numPerm) throw bad(`signature numPerm ${pNumPerm} (index numPerm ${numPerm})`);
    if (shingleSize < 1 || shingleSize > MAX_SHINGLE_SIZE) throw bad(`shingleSize ${shingleSize}`);
    if (unit > 1 || text === undefined) throw bad('signature parameter code');
    params = Object.freeze({ numPerm, seed, shingleSize, unit: unit === 1 ? 'char' : 'word', ...text });
  }
  const count = r.u32();
  if (count > 0 && !params) throw bad(`document count ${count} without signature parameters`);
  const minDoc = 4 + 8 + 4 * numPerm;
  if (count * minDoc > r.remaining) {
    throw new CorruptDataError(`${WHAT} is truncated: ${count} documents need at least ${count * minDoc} bytes, only ${r.remaining} left; pass the whole file`);
  }
  const docsAt = r.offset;
  // Validation pass: walk every document without keeping its signature.
  const ids = new Set<string>();
  for (let i = 0; i < count; i++) {
    const id = r.string();
    if (ids.has(id)) throw bad(`duplicate id ${describe(id)}`);
    ids.add(id);
    const time = r.f64();
    if (!Number.isNaN(time) && !Number.isFinite(time)) throw bad(`time ${time} of id ${describe(id)}`);
    r.skip(4 * numPerm);
  }
  r.expectEnd();
  const meta: IndexSnapshotMeta = Object.freeze({ threshold, numPerm, bands, rows, params });
  return {
    meta,
    count,
    *documents() {
      const d = new ByteReader(bytes, WHAT, docsAt, end);
      for (let i = 0; i < count; i++) {
        const id = d.string();
        const time = d.f64();
        const values = d.u32s(numPerm);
        yield { id, values, time: Number.isNaN(time) ? undefined : time };
      }
    },
  };
}

/**
 * The settings in which `meta` differs from `expect`, as "name (snapshot vs expected)" strings.
 * Signature parameters are compared only when the snapshot has them.
 *
 * @example
 * ```ts
 * snapshotDifferences(decodeIndexSnapshot(bytes).meta, { numPerm: 64 }); // ['numPerm (128 in the snapshot vs 64 expected)']
 * ```
 */
export function snapshotDifferences(meta: IndexSnapshotMeta, expect: SnapshotExpectation): string[] {
  assertRecord(meta, 'meta', 'IndexSnapshotMeta, e.g. decodeIndexSnapshot(bytes).meta');
  for (const key of ['threshold', 'numPerm', 'bands', 'rows'] as const) assertFinite(meta[key], `meta.${key}`);
  assertOptions(expect, 'expect');
  const out: string[] = [];
  const check = (name: string, have: unknown, want: unknown): void => {
    if (want !== undefined && have !== want) out.push(`${name} (${String(have)} in the snapshot vs ${String(want)} expected)`);
  };
  check('threshold', meta.threshold, expect.threshold);
  check('numPerm', meta.numPerm, expect.numPerm);
  check('bands', meta.bands, expect.bands);
  check('rows', meta.rows, expect.rows);
  if (meta.params) {
    for (const key of ['seed', 'shingleSize', 'unit', 'stem', 'stopwords', 'foldDiacritics'] as const) {
      check(key, meta.params[key], expect[key]);
    }
  }
  return out;
}

/** Throws `IncompatibleSignatureError` naming every setting in which `meta` differs from `expect`. */
export function assertSnapshotMatches(meta: IndexSnapshotMeta, expect: SnapshotExpectation | undefined): void {
  if (expect === undefined) return;
  if (expect === null || typeof expect !== 'object') {
    throw new InvalidArgumentError(`expect must be an object of settings such as { numPerm: 128 }, got ${describe(expect)}`);
  }
  const diff = snapshotDifferences(meta, expect);
  if (diff.length > 0) {
    throw new IncompatibleSignatureError(
      `the snapshot was made with other settings than expected: ${diff.join(', ')}; load the snapshot that matches, or rebuild the index with these settings`,
    );
  }
}

/**
 * Reads a snapshot file; `what` names it in the message ("index", "detector").
 *
 * @throws StorageError naming the file and the remedy when it cannot be read.
 */
export async function readSnapshotFile(path: string, what: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (cause) {
    throw new StorageError(`could not read ${what} file ${path}: ${(cause as Error).message}; check the path and its permissions`, { cause });
  }
}

