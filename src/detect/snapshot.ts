/**
 * Detector snapshots: a versioned, CRC-32-guarded binary form of a whole Detector — settings,
 * articles, signatures, passage postings and boilerplate shingles, verified pairs and stream
 * state — restored exactly by `Detector.load`.
 */
import { CorruptDataError, IncompatibleSignatureError, InvalidArgumentError, StorageError, describe } from '../errors.js';
import { alignOptions } from '../align/compare.js';
import { DEFAULT_ALIGN_OPTIONS, type AlignOptions } from '../align/options.js';
import type { Direction, Relation } from '../align/relation.js';
import { paramsKey } from '../index/lsh-index.js';
import { saturateShingles, saturatedShingles } from '../index/passage-saturation.js';
import { MAX_NUM_PERM, MIN_NUM_PERM } from '../sketch/minhash.js';
import { ByteReader, ByteWriter } from '../util/bytes.js';
import { crc32 } from '../util/crc32.js';
import { assertOptions, assertRecord, isValidId } from '../validate.js';
import type { DetectorOptions } from './options.js';
import { DETECTOR_STATE, type DetectorSettings, type DetectorState, type HasDetectorState } from './state.js';
import { getArticles, type PairEdge, type StoredArticle } from './store.js';

// ---------------------------------------------------------------------------------------------
// Format, version 1. Little-endian throughout. "str" is a u32 byte length and UTF-8 bytes;
// "text" is a u8 encoding (0 UTF-8, 1 UTF-16LE for strings with lone surrogates) then a "str".
//
//   size      field
//   4         magic "NDDT"
//   2         format version (1)
//   2         flags (0)
//   str       settings, as JSON: threshold, numPerm, bands, rows, signature (paramsKey),
//             shingleSize, seed, boilerplateDocs, passageShingles, paragraphMinWords,
//             maxParagraphsQueried, paragraphHitShare, maxCandidates, align {every threshold},
//             window ({ hours } or null), keepDuplicates
//   8         stream time (f64; −Infinity before the first process())
//   4         article count N, then per article:
//               str id · text text · f64 publishedAt (NaN: none) · f64 addedAt
//               u8 flags (1 source, 2 url, 4 title) · [text source] · [text url] · [text title]
//               4·numPerm signature (u32) · u32 k · 4·k passage shingles (u32)
//   4         saturated (boilerplate) shingle count S, then S × u32, ascending
//   4         pair count P, then per pair: u32 a, u32 b (article numbers), u8 relation,
//             u8 direction (0 none, 1 a-from-b, 2 b-from-a), f64 similarity, f64 coverage a, f64 coverage b
//   4         window entry count W, then per entry (heap order, oldest first): f64 time, str id
//   4         CRC-32 of every byte before it
// ---------------------------------------------------------------------------------------------

/** "NDDT" as bytes. */
const MAGIC = [0x4e, 0x44, 0x44, 0x54] as const;
/** Version of the detector snapshot format this build writes and reads. */
export const DETECTOR_SNAPSHOT_VERSION = 1;
const WHAT = 'detector snapshot';
const RELATIONS: readonly Relation[] = ['duplicate', 'near-duplicate', 'derived', 'related', 'unrelated'];
const DIRECTIONS: readonly Direction[] = [null, 'a-from-b', 'b-from-a'];
/** Storage calls in flight while restoring (one pipelined Redis round trip's worth). */
const RESTORE_CHUNK = 500;

/**
 * Options of `Detector.load` and `loadDetectorFile`: any Detector option. `storage`, `limits` and
 * `cacheSize` are chosen freely; every other option given must equal the snapshot's, else
 * loading fails with `IncompatibleSignatureError` (leave them out to take the snapshot's).
 */
export type DetectorLoadOptions = DetectorOptions;

/** One article of a decoded snapshot, with its index entries. */
interface SnapshotArticle {
  readonly article: StoredArticle;
  readonly signature: Uint32Array;
  readonly shingles: Uint32Array;
}

/** A decoded, fully validated detector snapshot. */
export interface DecodedDetectorSnapshot {
  readonly settings: DetectorSettings;
  readonly streamTime: number;
  readonly articles: readonly SnapshotArticle[];
  readonly saturated: Uint32Array;
  readonly pairs: readonly PairEdge[];
  readonly arrivals: readonly { time: number; id: string }[];
}

// Encoding -------------------------------------------------------------------------------------

/** Encodes a detector's state (see `Detector.save`). */
export async function encodeDetectorSnapshot(state: DetectorState): Promise<Uint8Array> {
  const { settings, documents, passages, articles } = state;
  await passages.size(); // opens the passage index, so that a shared storage's layout is checked first
  const ids = await articles.ids();
  const records = await getArticles(articles, ids);
  const signatures = new Map<string, Uint32Array>();
  for await (const doc of documents.storage.entries()) signatures.set(doc.id, doc.values.slice());
  const shingles = new Map<string, Uint32Array>();
  for await (const doc of passages.storage.entries()) shingles.set(doc.id, doc.shingles);
  const saturated = await saturatedShingles(passages.storage);
  const pairs = await articles.edges();
  const arrivals = state.arrivals();

  const w = new ByteWriter(1 << 16);
  for (const b of MAGIC) w.u8(b);
  w.u16(DETECTOR_SNAPSHOT_VERSION);
  w.u16(0);
  w.string(JSON.stringify(settings));
  w.f64(state.getStreamTime());
  const countAt = w.reserveU32();
  // An article is saved only if all three stores hold it: over shared storage, one missing from an
  // index is being added or removed by another worker right now.
  const number = new Map<string, number>();
  records.forEach((a, i) => {
    const id = ids[i]!;
    const signature = signatures.get(id);
    const set = shingles.get(id);
    if (!a || !signature || !set || number.has(id)) return;
    if (signature.length !== settings.numPerm) {
      throw new StorageError(`the document index returned a signature of length ${signature.length} for id ${describe(id)}, expected ${settings.numPerm}; its storage holds foreign data: rebuild the detector`);
    }
    number.set(id, number.size);
    w.string(id);
    writeText(w, a.text);
    w.f64(a.publishedAt ?? Number.NaN);
    w.f64(a.addedAt);
    w.u8((a.source !== undefined ? 1 : 0) | (a.url !== undefined ? 2 : 0) | (a.title !== undefined ? 4 : 0));
    if (a.source !== undefined) writeText(w, a.source);
    if (a.url !== undefined) writeText(w, a.url);
    if (a.title !== undefined) writeText(w, a.title);
    w.u32s(signature);
    w.u32(set.length);
    w.u32s(set);
  });
  w.patchU32(countAt, number.size);
  w.u32(saturated.length);
  w.u32s(saturated);
  const pairsAt = w.reserveU32();
  let pairCount = 0;
  for (const e of pairs) {
    const a = number.get(e.a);
    const b = number.get(e.b);
    if (a === undefined || b === undefined) continue;
    w.u32(a);
    w.u32(b);
    w.u8(RELATIONS.indexOf(e.relation));
    w.u8(DIRECTIONS.indexOf(e.direction));
    w.f64(e.similarity);
    w.f64(e.coverage.a);
    w.f64(e.coverage.b);
    pairCount++;
  }
  w.patchU32(pairsAt, pairCount);
  w.u32(arrivals.length);
  for (const e of arrivals) {
    w.f64(e.time);
    w.string(e.id);
  }
  const body = w.length;
  w.u32(0);
  const out = w.finish().slice();
  new DataView(out.buffer).setUint32(body, crc32(out, 0, body), true);
  return out;
}

// Decoding -------------------------------------------------------------------------------------

/**
 * Checks and decodes detector snapshot bytes completely (checksum, header, settings, every
 * article, pair and window entry), so that restoring cannot fail on the data.
 *
 * @throws CorruptDataError for truncated, foreign, damaged or future-version bytes.
 * @example
 * ```ts
 * decodeDetectorSnapshot(bytes).settings.threshold; // 0.5
 * ```
 */
export function decodeDetectorSnapshot(bytes: Uint8Array): DecodedDetectorSnapshot {
  if (!(bytes instanceof Uint8Array)) {
    throw new InvalidArgumentError(`bytes must be a Uint8Array from detector.save(), got ${describe(bytes)}`);
  }
  if (bytes.length < 12) throw new CorruptDataError(`${WHAT} is truncated (${bytes.length} bytes); pass the whole output of detector.save()`);
  if (MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new CorruptDataError('these bytes are not a neardup detector snapshot (bad magic number); pass the output of detector.save()');
  }
  const r = new ByteReader(bytes, WHAT, 4, bytes.length - 4);
  const version = r.u16();
  if (version !== DETECTOR_SNAPSHOT_VERSION) {
    throw new CorruptDataError(`${WHAT} format version ${version} is not supported (this build reads ${DETECTOR_SNAPSHOT_VERSION}); upgrade neardup or rebuild the detector`);
  }
  const end = bytes.length - 4;
  if (new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(end, true) !== crc32(bytes, 0, end)) {
    throw new CorruptDataError(`${WHAT} checksum mismatch: the bytes were truncated or damaged; restore the file from a good copy or rebuild the detector`);
  }
  const bad = (what: string): CorruptDataError => new CorruptDataError(`${WHAT} holds an invalid ${what}; the data was damaged or written by a faulty tool, rebuild the detector`);
  const flags = r.u16();
  if (flags !== 0) throw new CorruptDataError(`${WHAT} has unknown flags ${flags}; upgrade neardup`);
  const settings = parseSettings(r.string(), bad);
  const streamTime = r.f64();
  if (Number.isNaN(streamTime) || streamTime === Infinity) throw bad(`stream time ${streamTime}`);
  const count = r.u32();
  const minArticle = 4 + 5 + 8 + 8 + 1 + 4 * settings.numPerm + 4;
  if (count * minArticle > r.remaining) throw truncated(count, 'articles', r.remaining);
  const articles: SnapshotArticle[] = [];
  const ids = new Set<string>();
  for (let i = 0; i < count; i++) {
    const id = r.string();
    if (!isValidId(id) || ids.has(id)) throw bad(`article id ${describe(id)}`);
    ids.add(id);
    const text = readText(r, bad);
    const publishedAt = r.f64();
    const addedAt = r.f64();
    if (!(Number.isNaN(publishedAt) || Number.isFinite(publishedAt)) || !Number.isFinite(addedAt)) throw bad(`time of article ${describe(id)}`);
    const f = r.u8();
    if (f > 7) throw bad(`article flags ${f}`);
    const source = f & 1 ? readText(r, bad) : undefined;
    const url = f & 2 ? readText(r, bad) : undefined;
    const title = f & 4 ? readText(r, bad) : undefined;
    const signature = r.u32s(settings.numPerm);
    const k = r.u32();
    if (4 * k > r.remaining) throw truncated(k, 'shingles', r.remaining);
    const shingles = r.u32s(k);
    const article: StoredArticle = { id, text, publishedAt: Number.isNaN(publishedAt) ? undefined : publishedAt, source, url, ...(title !== undefined ? { title } : {}), addedAt };
    articles.push({ article, signature, shingles });
  }
  const s = r.u32();
  if (4 * s > r.remaining) throw truncated(s, 'boilerplate shingles', r.remaining);
  const saturated = r.u32s(s);
  for (let i = 1; i < saturated.length; i++) if (saturated[i - 1]! >= saturated[i]!) throw bad('boilerplate shingle order');
  const p = r.u32();
  if (34 * p > r.remaining) throw truncated(p, 'pairs', r.remaining);
  const pairs: PairEdge[] = [];
  for (let i = 0; i < p; i++) {
    const a = r.u32();
    const b = r.u32();
    const relation = RELATIONS[r.u8()];
    const dirCode = r.u8();
    const similarity = r.f64();
    const ca = r.f64();
    const cb = r.f64();
    if (a >= count || b >= count || relation === undefined || dirCode >= DIRECTIONS.length || ![similarity, ca, cb].every((x) => x >= 0 && x <= 1)) throw bad(`pair ${i}`);
    pairs.push({ a: articles[a]!.article.id, b: articles[b]!.article.id, relation, direction: DIRECTIONS[dirCode]!, similarity, coverage: { a: ca, b: cb } });
  }
  const n = r.u32();
  if (12 * n > r.remaining) throw truncated(n, 'window entries', r.remaining);
  const arrivals: { time: number; id: string }[] = [];
  for (let i = 0; i < n; i++) {
    const time = r.f64();
    const id = r.string();
    if (!Number.isFinite(time) || !isValidId(id) || (i > 0 && time < arrivals[i - 1]!.time)) throw bad(`window entry ${i}`);
    arrivals.push({ time, id });
  }
  if (n > 0 && settings.window === null) throw bad('window entries without a window');
  r.expectEnd();
  return { settings, streamTime, articles, saturated, pairs, arrivals };
}

function truncated(n: number, what: string, left: number): CorruptDataError {
  return new CorruptDataError(`${WHAT} is truncated: ${n} ${what} do not fit in the ${left} bytes left; pass the whole file`);
}

const NUMBER_SETTINGS = [
  'threshold',
  'numPerm',
  'bands',
  'rows',
  'shingleSize',
  'seed',
  'boilerplateDocs',
  'paragraphMinWords',
  'maxParagraphsQueried',
  'paragraphHitShare',
  'maxCandidates',
] as const;

function parseSettings(json: string, bad: (what: string) => CorruptDataError): DetectorSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw bad('settings block (not JSON)');
  }
  const o = raw as Record<string, unknown> | null;
  if (o === null || typeof o !== 'object' || Array.isArray(o)) throw bad('settings block');
  for (const key of NUMBER_SETTINGS) if (typeof o[key] !== 'number' || !Number.isFinite(o[key])) throw bad(`setting ${key}`);
  if (typeof o.signature !== 'string' || typeof o.passageShingles !== 'string' || typeof o.keepDuplicates !== 'boolean') throw bad('settings block');
  const numPerm = o.numPerm as number;
  if (!Number.isInteger(numPerm) || numPerm < MIN_NUM_PERM || numPerm > MAX_NUM_PERM) throw bad(`numPerm ${numPerm}`);
  const window = o.window as { hours?: unknown } | null;
  if (window !== null && (typeof window !== 'object' || typeof window.hours !== 'number' || !(window.hours > 0) || !Number.isFinite(window.hours))) throw bad('window setting');
  const align = o.align as Record<string, unknown> | null;
  if (align === null || typeof align !== 'object') throw bad('align settings');
  const alignOut: Record<string, number> = {};
  for (const key of Object.keys(DEFAULT_ALIGN_OPTIONS) as (keyof AlignOptions)[]) {
    const value = align[key] ?? DEFAULT_ALIGN_OPTIONS[key]; // a setting added since the snapshot was written takes its default
    if (typeof value !== 'number' || !Number.isFinite(value)) throw bad(`align setting ${key}`);
    alignOut[key] = value;
  }
  try {
    alignOptions(alignOut);
  } catch {
    throw bad('align settings');
  }
  return {
    threshold: o.threshold as number,
    numPerm,
    bands: o.bands as number,
    rows: o.rows as number,
    signature: o.signature,
    shingleSize: o.shingleSize as number,
    seed: o.seed as number,
    boilerplateDocs: o.boilerplateDocs as number,
    passageShingles: o.passageShingles,
    paragraphMinWords: o.paragraphMinWords as number,
    maxParagraphsQueried: o.maxParagraphsQueried as number,
    paragraphHitShare: o.paragraphHitShare as number,
    maxCandidates: o.maxCandidates as number,
    // snapshots made before the content floor existed matched as if it were 0
    minContentWords: o.minContentWords === undefined ? 0 : readCount(o.minContentWords, 'minContentWords', 0, bad),
    // …and read every posting (at most boilerplateDocs)
    stockPhraseDocs: o.stockPhraseDocs === undefined ? (o.boilerplateDocs as number) : readCount(o.stockPhraseDocs, 'stockPhraseDocs', 1, bad),
    align: alignOut as unknown as AlignOptions,
    window: window === null ? null : { hours: window.hours as number },
    keepDuplicates: o.keepDuplicates,
  };
}

function readCount(value: unknown, name: string, min: number, bad: (what: string) => CorruptDataError): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) throw bad(`setting ${name}`);
  return value;
}

function writeText(w: ByteWriter, value: string): void {
  if (value.isWellFormed()) {
    w.u8(0);
    w.string(value);
  } else {
    w.u8(1);
    const bytes = Buffer.from(value, 'utf16le');
    w.u32(bytes.length);
    w.raw(bytes);
  }
}

function readText(r: ByteReader, bad: (what: string) => CorruptDataError): string {
  const encoding = r.u8();
  if (encoding === 0) return r.string();
  if (encoding !== 1) throw bad(`text encoding ${encoding}`);
  const length = r.u32();
  if (length % 2 !== 0) throw bad('UTF-16 text length');
  const bytes = r.raw(length);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf16le');
}

// Settings ------------------------------------------------------------------------------------

/**
 * The options in `given` that differ from the snapshot's settings, as "name (snapshot vs given)"
 * strings. Options left out, and `storage`, `limits` and `cacheSize`, never differ.
 *
 * @example
 * ```ts
 * settingDifferences(decodeDetectorSnapshot(bytes).settings, { threshold: 0.6 });
 * // ['threshold (0.5 in the snapshot vs 0.6 given)']
 * ```
 */
export function settingDifferences(settings: DetectorSettings, given: DetectorLoadOptions): string[] {
  assertRecord(settings, 'settings', 'DetectorSettings, e.g. decodeDetectorSnapshot(bytes).settings');
  if (typeof settings.threshold !== 'number' || typeof settings.numPerm !== 'number' || typeof settings.shingleSize !== 'number') {
    throw new InvalidArgumentError(`settings must be DetectorSettings, e.g. decodeDetectorSnapshot(bytes).settings, got ${describe(settings)}`);
  }
  assertOptions(given, 'given');
  const out: string[] = [];
  const check = (name: string, have: unknown, want: unknown): void => {
    if (want !== undefined && have !== want) out.push(`${name} (${show(have)} in the snapshot vs ${show(want)} given)`);
  };
  for (const key of ['threshold', 'numPerm', 'shingleSize', 'seed', 'boilerplateDocs', 'paragraphMinWords', 'maxParagraphsQueried', 'paragraphHitShare', 'maxCandidates', 'minContentWords', 'stockPhraseDocs'] as const) {
    check(key, settings[key], given[key]);
  }
  if (given.align !== undefined) {
    assertOptions(given.align, 'align');
    for (const [key, value] of Object.entries(given.align)) check(`align.${key}`, settings.align[key as keyof AlignOptions], value);
  }
  if (given.window !== undefined) {
    assertOptions(given.window, 'window');
    check('window.hours', settings.window?.hours ?? 'none', given.window.hours);
  }
  check('keepDuplicates', settings.keepDuplicates, given.keepDuplicates);
  return out;
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : describe(value);
}

// Restoring -----------------------------------------------------------------------------------

/** `Detector.load`: decodes, checks the given options, builds the detector with `create`, fills it. */
export async function loadDetector<D extends HasDetectorState>(bytes: Uint8Array, options: DetectorLoadOptions, create: (options: DetectorOptions) => D): Promise<D> {
  assertOptions(options, 'load options');
  const snapshot = decodeDetectorSnapshot(bytes);
  const diff = settingDifferences(snapshot.settings, options);
  if (diff.length > 0) {
    throw new IncompatibleSignatureError(
      `the detector snapshot was made with other settings than given: ${diff.join(', ')}; omit these options to use the snapshot's, or build a new detector with the new settings`,
    );
  }
  const s = snapshot.settings;
  const settings: DetectorOptions = {
    threshold: s.threshold,
    numPerm: s.numPerm,
    shingleSize: s.shingleSize,
    seed: s.seed,
    boilerplateDocs: s.boilerplateDocs,
    paragraphMinWords: s.paragraphMinWords,
    maxParagraphsQueried: s.maxParagraphsQueried,
    paragraphHitShare: s.paragraphHitShare,
    maxCandidates: s.maxCandidates,
    minContentWords: s.minContentWords,
    stockPhraseDocs: s.stockPhraseDocs,
    align: s.align,
    window: s.window ?? undefined,
    keepDuplicates: s.keepDuplicates,
  };
  let detector: D;
  try {
    detector = create({ ...settings, storage: options.storage, limits: options.limits, cacheSize: options.cacheSize });
  } catch (err) {
    if (err instanceof InvalidArgumentError) {
      try {
        create(settings);
      } catch (cause) {
        throw new CorruptDataError(`${WHAT} holds settings no Detector accepts (${(cause as Error).message}); the data was written by a faulty tool, rebuild the detector`, { cause });
      }
    }
    throw err;
  }
  await restoreDetector(detector[DETECTOR_STATE](), snapshot);
  return detector;
}

/**
 * Fills a freshly constructed detector (built with the snapshot's settings; `state` is its state)
 * from `snapshot`. Its stores must be empty; on failure, what was written is removed again.
 */
export async function restoreDetector(state: DetectorState, snapshot: DecodedDetectorSnapshot): Promise<void> {
  const have = state.settings;
  const want = snapshot.settings;
  const build: string[] = [];
  if (have.bands !== want.bands || have.rows !== want.rows) build.push(`LSH banding (${want.bands} × ${want.rows} in the snapshot vs ${have.bands} × ${have.rows} in this build)`);
  if (have.signature !== want.signature) build.push(`signature parameters (${want.signature} in the snapshot vs ${have.signature} in this build)`);
  if (have.passageShingles !== want.passageShingles) build.push(`passage shingles (${want.passageShingles} vs ${have.passageShingles})`);
  if (build.length > 0) {
    throw new IncompatibleSignatureError(`this build makes a detector with these settings differently: ${build.join(', ')}; rebuild the detector from its articles with this build`);
  }
  const { documents, passages, articles } = state;
  const sizes = [await documents.size(), await passages.size(), await articles.size()];
  if (sizes.some((n) => n > 0)) {
    throw new InvalidArgumentError(
      `the given storage already holds data (${sizes[0]} signatures, ${sizes[1]} passage documents, ${sizes[2]} articles); Detector.load restores into empty stores: clear them first or use fresh ones (for Redis, a new prefix)`,
    );
  }
  const params = state.signatureParams;
  if (paramsKey(params) !== want.signature) throw new IncompatibleSignatureError('signature parameters changed while loading; rebuild the detector');
  const put: string[] = [];
  try {
    await saturateShingles(passages, snapshot.saturated);
    for (let from = 0; from < snapshot.articles.length; from += RESTORE_CHUNK) {
      const chunk = snapshot.articles.slice(from, from + RESTORE_CHUNK);
      // Memory stores run each call synchronously, so map order is the stored order.
      await Promise.all(chunk.map(({ article }) => (put.push(article.id), articles.put(article))));
      await documents.insertMany(chunk.map(({ article, signature }) => ({ id: article.id, signature: { values: signature, params }, time: article.addedAt })));
      await Promise.all(chunk.map(({ article, shingles }) => passages.add(article.id, shingles, article.addedAt)));
    }
    for (let from = 0; from < snapshot.pairs.length; from += RESTORE_CHUNK * 4) await articles.putEdges(snapshot.pairs.slice(from, from + RESTORE_CHUNK * 4));
  } catch (err) {
    await Promise.resolve(documents.clear()).catch(() => undefined);
    await Promise.resolve(passages.clear()).catch(() => undefined);
    for (const id of put) await Promise.resolve(articles.delete(id)).catch(() => undefined);
    throw err;
  }
  for (const { article } of snapshot.articles) state.learn(article);
  for (const e of snapshot.arrivals) state.pushArrival(e.time, e.id);
  state.setStreamTime(snapshot.streamTime);
}

