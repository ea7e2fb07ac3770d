/**
 * A prepared query — prepared text, MinHash signature, the paragraphs that seek passage matches —
 * laid out in one SharedArrayBuffer: typed-array sections for the signature, the shingle sets,
 * the unit table and the internal repeats, and UTF-8 sections for the text and the normalized
 * forms. A worker writes it once; the owner thread and every other worker read the same memory
 * through views (posting a SharedArrayBuffer shares it, it is not copied), decoding a string only
 * when a comparison needs it. Strings go as UTF-8, or as UTF-16 when one holds a lone surrogate
 * (UTF-8 would turn it into U+FFFD and change what the text compares equal to).
 */
import { Buffer } from 'node:buffer';
import type { AlignOptions } from '../align/options.js';
import { prepareText, type PreparedText } from '../align/prepare.js';
import type { UnitRepeats } from '../align/repeats.js';
import { numberSet, wordSet, type TextUnit } from '../align/units.js';
import type { CountMinSketch } from '../detect/count-min.js';
import type { Query } from '../detect/query.js';
import { CorruptDataError } from '../errors.js';
import type { SignatureParams } from '../sketch/signature.js';
import { agenciesOf, findCredits, type Credit } from '../text/credits.js';
import type { BoilerplateKind, BoilerplateParagraph } from '../text/boilerplate.js';

const VERSION = 2;
/** Int32 header slots; the last two hold publishedAt as a Float64 (NaN: none). */
const HEADER_INTS = 16;
const enum Slot {
  Version,
  Units,
  Shingles,
  Signature,
  UnitShingles,
  Boilerplate,
  Queried,
  TextBytes,
  NormBytes,
  UnitNormBytes,
  LongParagraphs,
  /** 0: strings in UTF-8; 1: in UTF-16 (some string has a lone surrogate, which UTF-8 cannot keep). */
  Utf16,
  /** 1: below the content floor (`Query.lowContent`), so that reading it back decodes no text. */
  LowContent,
}
/** Unit table columns (Uint32). */
const enum Col {
  Paragraph,
  Start,
  End,
  Words,
  Key,
  Boilerplate,
  ShinglesFrom,
  ShinglesTo,
  NormFrom,
  NormTo,
}
const COLS = 10;

const KINDS: readonly BoilerplateKind[] = [
  'read-more',
  'source-link',
  'photo-credit',
  'credit-line',
  'newsletter',
  'share',
  'advertisement',
  'copyright',
  'tagline',
];

interface Layout {
  readonly similarity: number;
  readonly repeatOf: number;
  readonly signature: number;
  readonly shingles: number;
  readonly units: number;
  readonly unitShingles: number;
  readonly boilerplate: number;
  readonly queried: number;
  readonly text: number;
  readonly norm: number;
  readonly unitNorms: number;
  readonly bytes: number;
}

/** Byte offsets of each section from the header's counts: Float64 first, then 32-bit, then UTF-8. */
function layoutOf(h: Int32Array): Layout {
  const units = h[Slot.Units]!;
  let at = HEADER_INTS * 4;
  const take = (bytes: number): number => {
    const from = at;
    at += bytes;
    return from;
  };
  const similarity = take(units * 8);
  const repeatOf = take(units * 4);
  const signature = take(h[Slot.Signature]! * 4);
  const shingles = take(h[Slot.Shingles]! * 4);
  const unitTable = take(units * COLS * 4);
  const unitShingles = take(h[Slot.UnitShingles]! * 4);
  const boilerplate = take(h[Slot.Boilerplate]! * 16);
  const queried = take(h[Slot.Queried]! * 4);
  const text = take(h[Slot.TextBytes]!);
  const norm = take(h[Slot.NormBytes]!);
  const unitNorms = take(h[Slot.UnitNormBytes]!);
  return { similarity, repeatOf, signature, shingles, units: unitTable, unitShingles, boilerplate, queried, text, norm, unitNorms, bytes: at };
}

/** Writes a query (its paragraph units already computed) into a new SharedArrayBuffer. */
export function encodeQuery(query: Query): SharedArrayBuffer {
  const p = query.prepared;
  const { units, repeats } = p.units(false);
  const encoding: BufferEncoding = p.text.isWellFormed() && p.norm.isWellFormed() && units.every((u) => u.norm.isWellFormed()) ? 'utf8' : 'utf16le';
  const unitIndex = new Map<Uint32Array, number>();
  let unitShingles = 0;
  let unitNormBytes = 0;
  const normBytes: number[] = [];
  for (const u of units) {
    unitIndex.set(u.shingles, u.index);
    unitShingles += u.shingles.length;
    const n = Buffer.byteLength(u.norm, encoding);
    normBytes.push(n);
    unitNormBytes += n;
  }
  const header = new Int32Array(HEADER_INTS);
  header[Slot.Version] = VERSION;
  header[Slot.Units] = units.length;
  header[Slot.Shingles] = p.shingles.length;
  header[Slot.Signature] = query.signature.values.length;
  header[Slot.UnitShingles] = unitShingles;
  header[Slot.Boilerplate] = p.boilerplate.length;
  header[Slot.Queried] = query.paragraphs.length;
  header[Slot.TextBytes] = Buffer.byteLength(p.text, encoding);
  header[Slot.NormBytes] = Buffer.byteLength(p.norm, encoding);
  header[Slot.UnitNormBytes] = unitNormBytes;
  header[Slot.LongParagraphs] = p.longParagraphs ? 1 : 0;
  header[Slot.Utf16] = encoding === 'utf8' ? 0 : 1;
  header[Slot.LowContent] = query.lowContent ? 1 : 0;
  new Float64Array(header.buffer)[HEADER_INTS / 2 - 1] = p.publishedAt ?? Number.NaN;
  const at = layoutOf(header);
  const sab = new SharedArrayBuffer(at.bytes);
  new Int32Array(sab, 0, HEADER_INTS).set(header);
  new Float64Array(sab, at.similarity, units.length).set(repeats.similarity);
  new Int32Array(sab, at.repeatOf, units.length).set(repeats.of);
  new Uint32Array(sab, at.signature, query.signature.values.length).set(query.signature.values);
  new Uint32Array(sab, at.shingles, p.shingles.length).set(p.shingles);
  const table = new Uint32Array(sab, at.units, units.length * COLS);
  const shingles = new Uint32Array(sab, at.unitShingles, unitShingles);
  const bytes = Buffer.from(sab);
  let s = 0;
  let n = at.unitNorms;
  for (const u of units) {
    const row = u.index * COLS;
    table[row + Col.Paragraph] = u.paragraph;
    table[row + Col.Start] = u.start;
    table[row + Col.End] = u.end;
    table[row + Col.Words] = u.words;
    table[row + Col.Key] = u.key;
    table[row + Col.Boilerplate] = u.boilerplate ? 1 : 0;
    table[row + Col.ShinglesFrom] = s;
    shingles.set(u.shingles, s);
    s += u.shingles.length;
    table[row + Col.ShinglesTo] = s;
    table[row + Col.NormFrom] = n;
    n += bytes.write(u.norm, n, normBytes[u.index]!, encoding);
    table[row + Col.NormTo] = n;
  }
  const boilerplate = new Int32Array(sab, at.boilerplate, p.boilerplate.length * 4);
  p.boilerplate.forEach((b, i) => boilerplate.set([KINDS.indexOf(b.kind), b.paragraph, b.start, b.end], i * 4));
  new Int32Array(sab, at.queried, query.paragraphs.length).set(query.paragraphs.map((set) => unitIndex.get(set)!));
  bytes.write(p.text, at.text, header[Slot.TextBytes]!, encoding);
  bytes.write(p.norm, at.norm, header[Slot.NormBytes]!, encoding);
  return sab;
}

/**
 * Reads a query back from `encodeQuery` bytes: typed arrays are views into the shared memory,
 * strings are decoded on first use. `units(true)` (sentence units, needed only when some
 * paragraph is too long) is prepared again from the text.
 */
export function decodeQuery(sab: SharedArrayBuffer, params: SignatureParams, align: AlignOptions): Query {
  const h = headerOf(sab);
  const prepared = new SharedPreparedText(sab, h, layoutOf(h), align);
  const signature = { values: new Uint32Array(sab, prepared.at.signature, h[Slot.Signature]!), params };
  const queried = new Int32Array(sab, prepared.at.queried, h[Slot.Queried]!);
  const { units } = prepared.units(false);
  return { prepared, signature, paragraphs: Array.from(queried, (i) => units[i]!.shingles), lowContent: h[Slot.LowContent] === 1 };
}

/** Keys counted so far by the running `countEncoded` call; reused (cleared) so that counting allocates no set per article. */
const counted = new Set<number>();

/**
 * Counts (delta 1) or uncounts (-1) an encoded article straight from its shared memory: exactly
 * `countArticle(decodeQuery(sab, …).prepared, paragraphs, shingles, repeatMinWords, delta)`
 * (src/detect/verify.ts) — its distinct content paragraphs (not boilerplate, at least
 * `repeatMinWords` words; each key once, the first in unit order) into `paragraphs`, every
 * shingle of the text into `shingles` — reading the unit table and the shingle section through
 * typed-array views, with no strings decoded and no unit objects made. A worker replays the
 * whole scan's counts this way.
 *
 * @throws CorruptDataError when the buffer is of another encoding version.
 */
export function countEncoded(sab: SharedArrayBuffer, paragraphs: CountMinSketch, shingles: CountMinSketch, repeatMinWords: number, delta: 1 | -1): void {
  const h = headerOf(sab);
  const at = layoutOf(h);
  const count = h[Slot.Units]!;
  const table = new Uint32Array(sab, at.units, count * COLS);
  counted.clear();
  for (let row = 0; row < table.length; row += COLS) {
    const key = table[row + Col.Key]!;
    if (table[row + Col.Boilerplate] === 1 || table[row + Col.Words]! < repeatMinWords || counted.has(key)) continue;
    counted.add(key);
    paragraphs.add(key, delta);
  }
  const hashes = new Uint32Array(sab, at.shingles, h[Slot.Shingles]!);
  for (let i = 0; i < hashes.length; i++) shingles.add(hashes[i]!, delta);
}

/** The header of `encodeQuery` bytes, checked to be of this build's version. */
function headerOf(sab: SharedArrayBuffer): Int32Array {
  const h = new Int32Array(sab, 0, HEADER_INTS);
  if (h[Slot.Version] !== VERSION) throw new CorruptDataError(`shared query of version ${h[Slot.Version]}, expected ${VERSION}; workers and owner must run the same neardup build`);
  return h;
}

class SharedPreparedText implements PreparedText {
  readonly shingles: Uint32Array;
  readonly publishedAt: number | undefined;
  readonly longParagraphs: boolean;
  private readonly bytes: Buffer;
  private readonly encoding: BufferEncoding;
  private textValue: string | undefined;
  private normValue: string | undefined;
  private creditValue: readonly Credit[] | undefined;
  private agencies: readonly string[] | undefined;
  private paragraphUnits: { units: readonly TextUnit[]; repeats: UnitRepeats } | undefined;
  private sentenceUnits: { units: readonly TextUnit[]; repeats: UnitRepeats } | undefined;
  private boilerplateList: BoilerplateParagraph[] | undefined;

  constructor(
    private readonly sab: SharedArrayBuffer,
    private readonly header: Int32Array,
    readonly at: Layout,
    private readonly align: AlignOptions,
  ) {
    this.bytes = Buffer.from(sab);
    this.encoding = header[Slot.Utf16] === 1 ? 'utf16le' : 'utf8';
    this.shingles = new Uint32Array(sab, at.shingles, header[Slot.Shingles]!);
    const time = new Float64Array(sab, 0, HEADER_INTS / 2)[HEADER_INTS / 2 - 1]!;
    this.publishedAt = Number.isNaN(time) ? undefined : time;
    this.longParagraphs = header[Slot.LongParagraphs] === 1;
  }

  get text(): string {
    return (this.textValue ??= this.bytes.toString(this.encoding, this.at.text, this.at.text + this.header[Slot.TextBytes]!));
  }

  get norm(): string {
    return (this.normValue ??= this.bytes.toString(this.encoding, this.at.norm, this.at.norm + this.header[Slot.NormBytes]!));
  }

  get creditList(): readonly Credit[] {
    return (this.creditValue ??= findCredits(this.text));
  }

  get credits(): readonly string[] {
    return (this.agencies ??= agenciesOf(this.creditList));
  }

  get boilerplate(): readonly BoilerplateParagraph[] {
    if (!this.boilerplateList) {
      const rows = new Int32Array(this.sab, this.at.boilerplate, this.header[Slot.Boilerplate]! * 4);
      this.boilerplateList = [];
      for (let i = 0; i < rows.length; i += 4) {
        this.boilerplateList.push({ kind: KINDS[rows[i]!]!, paragraph: rows[i + 1]!, start: rows[i + 2]!, end: rows[i + 3]! });
      }
    }
    return this.boilerplateList;
  }

  units(sentences: boolean): { units: readonly TextUnit[]; repeats: UnitRepeats } {
    if (sentences) return (this.sentenceUnits ??= prepareText(this.text, this.align, this.publishedAt).units(true));
    if (!this.paragraphUnits) {
      const count = this.header[Slot.Units]!;
      const table = new Uint32Array(this.sab, this.at.units, count * COLS);
      const shingles = new Uint32Array(this.sab, this.at.unitShingles, this.header[Slot.UnitShingles]!);
      const units: TextUnit[] = [];
      for (let i = 0; i < count; i++) units.push(new SharedUnit(i, table, shingles, this.bytes, this.encoding));
      const repeats = { of: new Int32Array(this.sab, this.at.repeatOf, count), similarity: new Float64Array(this.sab, this.at.similarity, count) };
      this.paragraphUnits = { units, repeats };
    }
    return this.paragraphUnits;
  }
}

/** A paragraph unit read from the unit table; its normalized text (and word and number sets) made on first use. */
class SharedUnit implements TextUnit {
  readonly kind = 'paragraph' as const;
  readonly paragraph: number;
  readonly start: number;
  readonly end: number;
  readonly words: number;
  readonly key: number;
  readonly boilerplate: boolean;
  readonly shingles: Uint32Array;
  private normValue: string | undefined;
  private wordHashes: Uint32Array | undefined;
  private numberHashes: Uint32Array | undefined;
  private readonly normFrom: number;
  private readonly normTo: number;

  constructor(
    readonly index: number,
    table: Uint32Array,
    shingles: Uint32Array,
    private readonly bytes: Buffer,
    private readonly encoding: BufferEncoding,
  ) {
    const row = index * COLS;
    this.paragraph = table[row + Col.Paragraph]!;
    this.start = table[row + Col.Start]!;
    this.end = table[row + Col.End]!;
    this.words = table[row + Col.Words]!;
    this.key = table[row + Col.Key]!;
    this.boilerplate = table[row + Col.Boilerplate] === 1;
    this.shingles = shingles.subarray(table[row + Col.ShinglesFrom]!, table[row + Col.ShinglesTo]!);
    this.normFrom = table[row + Col.NormFrom]!;
    this.normTo = table[row + Col.NormTo]!;
  }

  get norm(): string {
    return (this.normValue ??= this.bytes.toString(this.encoding, this.normFrom, this.normTo));
  }

  get tokens(): Uint32Array {
    return (this.wordHashes ??= wordSet(this.norm));
  }

  get numbers(): Uint32Array {
    return (this.numberHashes ??= numberSet(this.norm));
  }
}
