/**
 * A worker thread's verification state in a parallel scan: its own copy of the Detector's corpus
 * counts (learned boilerplate and rarity), replayed from the articles in the order the owner
 * indexed them, so that it can stand exactly as the counts stood before any one article — count-min
 * counters add up, so moving back and forth is adding and subtracting (Cormode & Muthukrishnan
 * 2005). It keeps only the shared buffers the workers wrote: counts are replayed straight from
 * them (`countEncoded`), and an article is decoded only when a task names it as a candidate, into
 * a small least-recently-used cache, so that neither memory nor decoding grows with the corpus in
 * every worker.
 */
import { prepareText, type PreparedText } from '../align/prepare.js';
import { backgroundRarity, corpusRarity } from '../align/rarity.js';
import { CountMinSketch } from '../detect/count-min.js';
import type { Match } from '../detect/detector.js';
import type { CountsSnapshot, PipelineSettings } from '../detect/pipeline.js';
import { verifyCandidateNow, type VerifyContext } from '../detect/verify.js';
import { CorruptDataError } from '../errors.js';
import type { SignatureParams } from '../sketch/signature.js';
import { countEncoded, decodeQuery } from './shared-query.js';

/** A candidate as the owner names it: an article of this scan (by id), or one from before it (with its text), or one gone. */
export type Candidate =
  | { readonly id: string; readonly text?: undefined; readonly missing?: undefined }
  | { readonly id: string; readonly text: string; readonly publishedAt: number | undefined; readonly missing?: undefined }
  | { readonly id: string; readonly missing: true; readonly text?: undefined };

/** Verify one article's candidates against the corpus as it stood before it was indexed. */
export interface VerifyRequest {
  readonly kind: 'verify';
  /** Articles indexed in this scan that this worker was not sent yet: entries `from`, `from + 1`, … */
  readonly from: number;
  readonly entries: readonly { readonly id: string; readonly buffer: SharedArrayBuffer }[];
  /** Entries indexed before the query: the counts to verify against are the scan's start plus these. */
  readonly version: number;
  /** Articles counted then (the rarity weights' document count). */
  readonly documents: number;
  /** The query, as its worker encoded it. */
  readonly query: SharedArrayBuffer;
  /** Document frequency of each query shingle then; undefined: no template check. */
  readonly frequencies: Float64Array | undefined;
  readonly candidates: readonly Candidate[];
}

/** The counts as they stand after `version` entries, sent back when the scan ends: the Detector's own. */
export interface CountsRequest {
  readonly kind: 'counts';
  readonly from: number;
  readonly entries: readonly { readonly id: string; readonly buffer: SharedArrayBuffer }[];
  readonly version: number;
}

/**
 * One result per candidate, in order: its match, or null. When the query is below the content
 * floor the list ends at the first match, as the Detector stops there.
 */
export type VerifyResult = (Match | null)[];

/**
 * Decoded articles a worker keeps, most recently named last. Candidates cluster on recent
 * articles (copies follow their source closely in a feed) and on a few much-copied ones, so a few
 * hundred cover most verify tasks; the cache is bounded so that every worker's memory and garbage
 * collection stay flat however large the corpus.
 */
export const DECODED_CACHE_SIZE = 256;

export class Verifier {
  private readonly paragraphs: CountMinSketch;
  private readonly shingles: CountMinSketch;
  /** The scan's articles in the order the owner indexed them, as their shared buffers. */
  private readonly entries: SharedArrayBuffer[] = [];
  private readonly byId = new Map<string, SharedArrayBuffer>();
  /** Decoded candidates by buffer, least recently used first (a Map keeps insertion order). */
  private readonly decoded = new Map<SharedArrayBuffer, PreparedText>();
  /** Entries whose counts are in the sketches now. */
  private applied = 0;
  private readonly background;

  constructor(
    private readonly settings: PipelineSettings,
    private readonly params: SignatureParams,
    counts: CountsSnapshot,
    /** Decoded candidates kept at most (tests make it small to see eviction). */
    private readonly cacheSize = DECODED_CACHE_SIZE,
  ) {
    this.paragraphs = new CountMinSketch(counts.paragraphs);
    this.shingles = new CountMinSketch(counts.shingles);
    this.background = backgroundRarity(settings.align.shingleSize);
  }

  /** A copy of the counts after `version` entries. */
  counts(request: CountsRequest): CountsSnapshot {
    this.receive(request);
    this.moveTo(request.version);
    return { paragraphs: this.paragraphs.copyRows(), shingles: this.shingles.copyRows() };
  }

  verify(request: VerifyRequest): VerifyResult {
    const s = this.settings;
    this.receive(request);
    this.moveTo(request.version);
    const query = decodeQuery(request.query, this.params, s.align);
    const documents = request.documents;
    const ctx: VerifyContext = {
      align: s.align,
      minContentWords: s.minContentWords,
      isBoilerplate: (key) => this.paragraphs.estimate(key) >= s.boilerplateDocs,
      rarity: corpusRarity(this.background, (h) => this.shingles.estimate(h), () => documents),
      frequencies: undefined, // given below, at hand
    };
    const df = request.frequencies && frequencyOf(query.prepared.shingles, request.frequencies);
    const frequencies = df && ((shingles: Uint32Array) => Float64Array.from(shingles, df));
    const out: VerifyResult = [];
    for (const c of request.candidates) {
      const other = c.missing ? undefined : c.text !== undefined ? prepareText(c.text, s.align, c.publishedAt) : this.candidate(c.id);
      if (!other && !c.missing) throw new CorruptDataError(`verify task names ${c.id}, which this worker was never sent; owner and workers lost step`);
      const m = other ? verifyCandidateNow(query, c.id, other, ctx, frequencies) : undefined;
      out.push(m ?? null);
      if (m && query.lowContent) break;
    }
    return out;
  }

  private receive(request: VerifyRequest | CountsRequest): void {
    if (request.from !== this.entries.length && request.entries.length > 0) {
      throw new CorruptDataError(`task sends entries from ${request.from}, this worker holds ${this.entries.length}; owner and workers lost step`);
    }
    for (const e of request.entries) {
      this.entries.push(e.buffer);
      this.byId.set(e.id, e.buffer);
    }
  }

  /** The prepared text of the scan's article `id`, decoded on first use and kept while recently used; undefined: never sent. */
  private candidate(id: string): PreparedText | undefined {
    const buffer = this.byId.get(id);
    if (!buffer) return undefined;
    let prepared = this.decoded.get(buffer);
    if (prepared) {
      this.decoded.delete(buffer); // to the most recent end
    } else {
      prepared = decodeQuery(buffer, this.params, this.settings.align).prepared;
      if (this.decoded.size >= this.cacheSize) this.decoded.delete(this.decoded.keys().next().value!);
    }
    this.decoded.set(buffer, prepared);
    return prepared;
  }

  /** Adds or subtracts entries' counts until exactly `version` entries are counted. */
  private moveTo(version: number): void {
    const repeatMinWords = this.settings.align.repeatMinWords;
    if (version > this.entries.length) throw new CorruptDataError(`verify task at entry ${version}, this worker holds ${this.entries.length}; owner and workers lost step`);
    for (; this.applied < version; this.applied++) countEncoded(this.entries[this.applied]!, this.paragraphs, this.shingles, repeatMinWords, 1);
    for (; this.applied > version; ) countEncoded(this.entries[--this.applied]!, this.paragraphs, this.shingles, repeatMinWords, -1);
  }
}

/** Document frequency from the query's sorted shingles and theirs, by binary search (0 for any other shingle). */
function frequencyOf(shingles: Uint32Array, frequencies: Float64Array): (h: number) => number {
  return (h) => {
    let lo = 0;
    let hi = shingles.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const x = shingles[mid]!;
      if (x === h) return frequencies[mid]!;
      if (x < h) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  };
}
