/**
 * The detector users call: add articles, ask what an article matches, and group copies into
 * clusters. Candidates come from two indexes — MinHash LSH over whole documents (copies, light
 * edits) and an exact passage index queried paragraph by paragraph (rewrites and partial reuse,
 * whose whole-text Jaccard is low) — and every candidate is verified by paragraph alignment
 * (`compare`) before it is reported.
 */
import { alignOptions, toTime } from '../align/compare.js';
import type { AlignOptions } from '../align/options.js';
import { prepareText, type PreparedText } from '../align/prepare.js';
import type { Direction, Relation } from '../align/relation.js';
import { backgroundRarity, corpusRarity, type RarityWeight } from '../align/rarity.js';
import { DuplicateIdError, InvalidArgumentError, describe } from '../errors.js';
import { LshIndex, paramsKey } from '../index/lsh-index.js';
import type { BoilerplateParagraph } from '../text/boilerplate.js';
import type { Credit } from '../text/credits.js';
import { CountMinSketch } from './count-min.js';
import { TimeHeap } from './time-heap.js';
import { PassageIndex } from '../index/passage-index.js';
import { MinHasher } from '../sketch/minhash.js';
import { assertId, assertInteger, assertOpenUnit, assertOptions, assertString } from '../validate.js';
import { rankByEvidence } from './candidates.js';
import { buildClusters, LINKING_RELATIONS, type Cluster } from './clusters.js';
import { contentWords, isBelowFloor } from './content-floor.js';
import { isTemplateMatch, templateShape, type ShingleFrequencies, type TemplateShape } from './template-pair.js';
import { COPY_RELATIONS, countArticle, sortMatches, verifyCandidate, type VerifyContext } from './verify.js';
import { Lru } from './lru.js';
import { DEFAULT_DETECTOR_OPTIONS, type DetectorOptions } from './options.js';
import { resolveLimits } from '../align/limits.js';
import { MemoryDetectorStore, getArticles, type DetectorStore, type PairEdge, type StoredArticle } from './store.js';
import { encodeDetectorSnapshot, loadDetector, type DetectorLoadOptions } from './snapshot.js';
import { findInconsistencies, type ConsistencyReport } from './consistency.js';
import { DETECTOR_STATE, type DetectorState } from './state.js';
import { DETECTOR_PIPELINE, type DetectorPipeline } from './pipeline.js';
import { prepareQuery, type Query } from './query.js';

/** An article given to the Detector. */
export interface Article {
  /** Any string; unique within a detector. */
  readonly id: string;
  readonly text: string;
  /** A Date, an ISO string, or ms since the epoch. */
  readonly publishedAt?: Date | string | number | undefined;
  /** Outlet or feed name, kept (in the store and snapshots) and reported. */
  readonly source?: string | undefined;
  /** Link to the article, kept and reported. */
  readonly url?: string | undefined;
  /** Headline, kept and reported. */
  readonly title?: string | undefined;
}

/**
 * Which of a matched pair is the copy: the one `Direction` of every record, with a = the query
 * (or arriving) article and b = the match (or `of`). 'a-from-b': the query is the copy.
 * @deprecated use `Direction`; kept as its alias.
 */
export type MatchDirection = Direction;

import type { Match } from './match.js';
export type { Match };

/** What `process()` says of an arriving article. */
export interface Verdict {
  readonly id: string;
  /** 'new', or the relation to the best match. */
  readonly verdict: 'new' | Exclude<Relation, 'unrelated'>;
  /** The best match's id; null when the article is new. */
  readonly of: string | null;
  /** Which of the article (a) and `of` (b) is the copy: 'a-from-b' means the article is. */
  readonly direction: Direction;
  /** The id of the copy (the article or `of`), null when neither is known to be one. */
  readonly copy: string | null;
  /** The id of the original, null when unknown. */
  readonly original: string | null;
  /** Every verified match, best first. */
  readonly matches: readonly Match[];
  /**
   * Below the content floor (`minContentWords`): too little text to be a copy or rewrite of
   * anything. Its only match is one identical text (a `duplicate`), and it joins no cluster;
   * `lowContent()` groups identical ones.
   */
  readonly lowContent: boolean;
  /** Wire services the article credits (text and photo credits). */
  readonly credits: readonly Credit[];
  /** Boilerplate paragraphs ("Read more:", "Source link", captions…), kept out of similarity. */
  readonly boilerplate: readonly BoilerplateParagraph[];
  /** Whether it entered the index (not for exact duplicates, nor outside the window). */
  readonly added: boolean;
  /** Whether it replaced an earlier article with the same id. */
  readonly replaced: boolean;
  /** Ids evicted from the window after it. */
  readonly evicted: readonly string[];
}

/** Articles below the content floor, and the groups of them with identical text. */
export interface LowContentReport {
  /** Every present article below the floor, sorted. */
  readonly ids: readonly string[];
  /** Groups of two or more with the same normalized text (exact duplicates), largest first. */
  readonly duplicates: readonly { readonly ids: readonly string[]; readonly words: number }[];
}

/** Options of `match`. */
export interface MatchOptions {
  /** At most this many matches, best first. */
  limit?: number;
}

/**
 * Document-index candidates looked at per verified candidate: a bucket of thousands of identical
 * documents (Reuters' 1,604 "Blah blah blah." briefs) costs a query this many, not thousands.
 */
const CANDIDATE_POOL = 4;


/**
 * Finds near-duplicate, derived and related articles.
 *
 * @example
 * ```ts
 * import { Detector } from 'neardup';
 * const detector = new Detector();
 * await detector.add({ id: 'reuters-1', text: wire, publishedAt: '2024-06-23' });
 * const [best] = await detector.match(rewrite);
 * best; // { id: 'reuters-1', relation: 'derived', direction: 'a-from-b' (the query is the copy), … }
 * await detector.add({ id: 'site-7', text: rewrite, publishedAt: '2024-06-24' });
 * await detector.clusters(); // [{ ids: ['reuters-1', 'site-7'], canonical: 'reuters-1' }]
 * ```
 */
export class Detector {
  readonly documents: LshIndex;
  readonly passages: PassageIndex;
  readonly articles: DetectorStore;
  private readonly hasher: MinHasher;
  private readonly align: AlignOptions;
  private readonly options: Required<Omit<DetectorOptions, 'align' | 'limits' | 'storage' | 'window' | 'keepDuplicates'>>;
  private readonly limits: { maxLength: number; maxParagraphs: number };
  private readonly cache: Lru<string, PreparedText>;
  /** How many articles carry each paragraph (by normalized-text hash): learned boilerplate. */
  private paragraphCounts = new CountMinSketch();
  /** In how many articles each shingle occurs: the corpus's own rarity weights (IDF). */
  private shingleCounts = new CountMinSketch();
  /** Ids whose paragraphs and shingles this process has counted. */
  private readonly counted = new Set<string>();
  private readonly isLearnedBoilerplate: (key: number) => boolean;
  private readonly rarity: RarityWeight;
  private readonly windowMs: number | undefined;
  private readonly windowHours: number | undefined;
  private readonly keepDuplicates: boolean;
  private readonly arrivals = new TimeHeap();
  private streamTime = -Infinity;
  /** The last pending write of each id: writes of one id run one at a time, in arrival order. */
  private readonly turns = new Map<string, Promise<void>>();

  constructor(options: DetectorOptions = {}) {
    assertOptions(options, 'Detector options');
    const o = { ...DEFAULT_DETECTOR_OPTIONS, ...definedOnly(options) };
    assertOpenUnit(o.threshold, 'threshold');
    assertInteger(o.boilerplateDocs, 'boilerplateDocs', 1);
    assertInteger(o.paragraphMinWords, 'paragraphMinWords', 1);
    assertInteger(o.maxParagraphsQueried, 'maxParagraphsQueried', 0);
    assertOpenUnit(o.paragraphHitShare, 'paragraphHitShare');
    assertInteger(o.maxCandidates, 'maxCandidates', 1);
    assertInteger(o.cacheSize, 'cacheSize', 1);
    assertInteger(o.minContentWords, 'minContentWords', 0);
    assertInteger(o.stockPhraseDocs, 'stockPhraseDocs', 1);
    this.options = o;
    assertOptions(options.align, 'align');
    if (options.align && 'limits' in options.align) throw new InvalidArgumentError('give limits at the top level of the Detector options, not in align');
    this.align = alignOptions({ shingleSize: o.shingleSize, ...options.align });
    this.hasher = new MinHasher({ numPerm: o.numPerm, seed: o.seed, shingleSize: o.shingleSize });
    assertOptions(options.storage, 'storage');
    assertOptions(options.limits, 'limits');
    this.documents = new LshIndex({ threshold: o.threshold, numPerm: o.numPerm, storage: options.storage?.documents });
    this.passages = new PassageIndex({
      maxPostings: o.boilerplateDocs,
      shingleKey: `word-${this.align.shingleSize}`,
      storage: options.storage?.passages,
      lookupMaxDocs: o.stockPhraseDocs,
    });
    this.articles = options.storage?.articles ?? new MemoryDetectorStore();
    this.limits = resolveLimits(options.limits);
    this.cache = new Lru(o.cacheSize);
    this.isLearnedBoilerplate = (key) => this.paragraphCounts.estimate(key) >= o.boilerplateDocs;
    this.rarity = corpusRarity(backgroundRarity(this.align.shingleSize), (h) => this.shingleCounts.estimate(h), () => this.counted.size);
    if (options.window !== undefined) {
      assertOptions(options.window, 'window');
      const hours = options.window.hours;
      if (typeof hours !== 'number' || !(hours > 0) || !Number.isFinite(hours)) {
        throw new InvalidArgumentError(`window.hours must be a positive number of hours, e.g. { hours: 72 }, got ${describe(hours)}`);
      }
      this.windowMs = hours * 3_600_000;
      this.windowHours = hours;
    }
    if (options.keepDuplicates !== undefined && typeof options.keepDuplicates !== 'boolean') {
      throw new InvalidArgumentError(`keepDuplicates must be true or false, got ${describe(options.keepDuplicates)}`);
    }
    this.keepDuplicates = options.keepDuplicates ?? false;
  }

  /**
   * What a newsroom feed asks of each arriving article: is it new, a copy, a rewrite, or related
   * to something seen? Matches it, adds it (exact duplicates only with `keepDuplicates`), evicts
   * what left the time window, and reports its wire credits and boilerplate lines. An article whose
   * id is already present replaces the earlier version (a corrected re-send).
   *
   * @example
   * ```ts
   * const detector = new Detector({ window: { hours: 72 } });
   * const v = await detector.process({ id: 'site-7', text, publishedAt: '2024-06-24T08:00Z' });
   * v.verdict; // 'derived'
   * v.of;      // 'reuters-1'
   * ```
   */
  async process(article: Article): Promise<Verdict> {
    const a = checkArticle(article, 'article');
    const query = this.prepare(a.text, toTime(a.publishedAt, 'article.publishedAt'));
    const step = await this.serialized(a.id, async () => {
      const replaced = await this.removeNow(a.id);
      const matches = await this.matchQuery(query, a.id, undefined);
      const best = matches[0];
      const time = query.prepared.publishedAt ?? Date.now();
      this.streamTime = Math.max(this.streamTime, time);
      const cutoff = this.windowMs === undefined ? -Infinity : this.streamTime - this.windowMs;
      const added = time >= cutoff && (best?.relation !== 'duplicate' || this.keepDuplicates);
      if (added) await this.insert(a, query, matches, time);
      return { replaced, matches, best, added, cutoff };
    });
    // Evicted outside this id's turn: each eviction takes its own id's turn, never two at once.
    const evicted = await this.evictBefore(step.cutoff);
    const { best } = step;
    return {
      id: a.id,
      verdict: best ? best.relation : 'new',
      of: best?.id ?? null,
      direction: best?.direction ?? null,
      copy: !best || best.direction === null ? null : best.direction === 'a-from-b' ? a.id : best.id,
      original: !best || best.direction === null ? null : best.direction === 'a-from-b' ? best.id : a.id,
      matches: step.matches,
      lowContent: query.lowContent,
      credits: query.prepared.creditList,
      boilerplate: query.prepared.boilerplate,
      added: step.added,
      replaced: step.replaced,
      evicted,
    };
  }

  /**
   * Adds an article and returns what it matches among the articles added before it (verified,
   * best first). Rejects with `DuplicateIdError` if the id is present.
   */
  async add(article: Article): Promise<Match[]> {
    const a = checkArticle(article, 'article');
    return this.serialized(a.id, async () => {
      if (await this.articles.has(a.id)) throw new DuplicateIdError(a.id);
      const query = this.prepare(a.text, toTime(a.publishedAt, 'article.publishedAt'));
      const matches = await this.matchQuery(query, a.id, undefined);
      await this.insert(a, query, matches, query.prepared.publishedAt ?? Date.now());
      return matches;
    });
  }

  /**
   * Enters an article in both indexes, then commits it: its record and verified pairs in one
   * store write, which readers take as the sign that it is there. An index entry this id left
   * behind in an earlier crash is replaced. If a write fails, what was written is taken back
   * (best effort: what cannot be is invisible, and repaired by the next write of this id or by
   * `repair()`), and the error is rethrown.
   */
  private async insert(a: Article, query: Query, matches: readonly Match[], time: number): Promise<void> {
    await this.index(a, query, time);
    await this.commit(a, query, matches, time);
  }

  /** `insert`'s first half: both indexes, then the cache and the counts (not yet an article: no record). */
  private async index(a: Article, query: Query, time: number, uncounted = false): Promise<void> {
    try {
      await replacingLeftover(() => this.documents.insert(a.id, query.signature, time), () => this.documents.remove(a.id));
      await replacingLeftover(() => this.passages.add(a.id, query.prepared.shingles, time), () => this.passages.remove(a.id));
    } catch (err) {
      await this.unwrite(a.id).catch(() => undefined);
      throw err;
    }
    this.cache.set(a.id, query.prepared);
    if (uncounted) this.counted.add(a.id);
    else this.countParagraphs(a.id, query.prepared, 1);
    if (this.windowMs !== undefined) this.arrivals.push(time, a.id);
  }

  /** `insert`'s second half: the record and its verified pairs in one store write; on failure, `index` is taken back. */
  private async commit(a: Article, query: Query, matches: readonly Match[], time: number): Promise<void> {
    const record: StoredArticle = { id: a.id, text: a.text, publishedAt: query.prepared.publishedAt, source: a.source, url: a.url, ...(a.title !== undefined ? { title: a.title } : {}), addedAt: time };
    try {
      await this.articles.put(record, matches.map((m) => edgeOf(a.id, m)));
    } catch (err) {
      await this.unindex(a.id, query.prepared).catch(() => undefined);
      throw err;
    }
  }

  /** Takes back `index` of an article that has no record. */
  private async unindex(id: string, prepared: PreparedText): Promise<void> {
    await this.unwrite(id);
    this.countParagraphs(id, prepared, -1);
  }

  /** Removes an id from the article store first (readers stop seeing it), then from both indexes. */
  private async unwrite(id: string): Promise<boolean> {
    const existed = await this.articles.delete(id);
    this.cache.delete(id);
    await this.passages.remove(id);
    await this.documents.remove(id);
    return existed;
  }

  /** Runs `fn` after every earlier call for `id` has settled: one write per id at a time, in arrival order. */
  private serialized<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const before = this.turns.get(id);
    const run = before ? before.then(fn, fn) : fn();
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.turns.set(id, settled);
    void settled.then(() => {
      if (this.turns.get(id) === settled) this.turns.delete(id);
    });
    return run;
  }

  /**
   * Counts (or uncounts) the article's distinct content paragraphs for learned boilerplate, and its
   * distinct shingles for rarity weights. Only
   * articles this process counted are uncounted: with shared storage another worker may remove one
   * it never saw.
   */
  private countParagraphs(id: string, prepared: PreparedText, delta: 1 | -1): void {
    if (delta > 0) this.counted.add(id);
    else if (!this.counted.delete(id)) return;
    countArticle(prepared, this.paragraphCounts, this.shingleCounts, this.align.repeatMinWords, delta);
  }

  /** Removes articles whose window time is before `cutoff`; returns their ids. */
  private async evictBefore(cutoff: number): Promise<string[]> {
    const out: string[] = [];
    while (this.arrivals.peekTime() < cutoff) {
      const { time, id } = this.arrivals.pop()!;
      const evicted = await this.serialized(id, async () => {
        const stored = await this.articles.get(id);
        return stored !== undefined && stored.addedAt === time && (await this.removeNow(id));
      });
      if (evicted) out.push(id);
    }
    return out;
  }

  /**
   * Indexed articles that `input` copies, rewrites or shares passages with, verified by
   * alignment and best first: duplicates, then near-duplicates, derived, related; within a
   * relation by how much of the query they cover, then by Jaccard, then by score. Shared shingles
   * are weighted by their rarity in the detector's own articles (and the built-in background
   * table), so a phrase most articles carry adds little. An article with an id never
   * matches itself.
   */
  async match(input: string | Article | Omit<Article, 'id'>, options: MatchOptions = {}): Promise<Match[]> {
    assertOptions(options, 'match options');
    if (options.limit !== undefined) assertInteger(options.limit, 'limit', 1);
    const article = typeof input === 'string' ? { text: input } : input;
    if (article === null || typeof article !== 'object' || typeof article.text !== 'string') {
      throw new InvalidArgumentError(`match() takes a text or an article { text, id?, publishedAt? }, got ${describe(input)}`);
    }
    const id = 'id' in article ? article.id : undefined;
    if (id !== undefined) assertString(id, 'article.id');
    const query = this.prepare(article.text, toTime(article.publishedAt, 'article.publishedAt'));
    return this.matchQuery(query, id, options.limit);
  }

  /**
   * Removes an article from the store and both indexes; false if unknown. The store goes first:
   * from then on no reader sees the article, and if removing the index entries fails, they are
   * invisible leftovers that the next `add`, `remove` or `repair()` clears. Calling it again is safe.
   */
  async remove(id: string): Promise<boolean> {
    assertString(id, 'id');
    return this.serialized(id, () => this.removeNow(id));
  }

  private async removeNow(id: string): Promise<boolean> {
    const record = await this.articles.get(id);
    const prepared = this.cache.get(id);
    const existed = await this.unwrite(id);
    if (record && this.counted.has(id)) this.countParagraphs(id, prepared ?? prepareText(record.text, this.align, record.publishedAt), -1);
    return existed;
  }

  /**
   * Checks that the three stores agree: every id in the document and passage indexes has an
   * article record (else it is an orphan, left by a crash part-way through an add or remove),
   * and every article is in both indexes. Reads every id; over shared storage, run it while no
   * other worker writes (an add in progress looks like an orphan).
   *
   * @example
   * ```ts
   * const report = await detector.verify(); // { ok: true, orphans: [], unindexed: [] }
   * ```
   */
  async verify(): Promise<ConsistencyReport> {
    return findInconsistencies(this);
  }

  /**
   * Mends what `verify()` finds: removes orphans from both indexes and re-indexes articles missing
   * from one, from their stored text. Resolves to what it found (and mended). Safe to repeat; over
   * shared storage, run it while no other worker writes.
   *
   * @example
   * ```ts
   * const fixed = await detector.repair(); // { ok: false, orphans: ['a7'], unindexed: [] }
   * (await detector.verify()).ok;          // true
   * ```
   */
  async repair(): Promise<ConsistencyReport> {
    const report = await findInconsistencies(this);
    for (const id of report.orphans) {
      await this.serialized(id, async () => {
        if (await this.articles.has(id)) return;
        this.cache.delete(id);
        await this.passages.remove(id);
        await this.documents.remove(id);
      });
    }
    for (const id of report.unindexed) {
      await this.serialized(id, async () => {
        const record = await this.articles.get(id);
        if (!record) return;
        const prepared = prepareText(record.text, this.align, record.publishedAt);
        const time = record.addedAt;
        if (!(await this.documents.has(id))) await this.documents.insert(id, this.hasher.signShingles(prepared.shingles), time);
        if (!(await this.passages.has(id))) await this.passages.add(id, prepared.shingles, time);
      });
    }
    return report;
  }

  /** Whether an article with this id was added. */
  async has(id: string): Promise<boolean> {
    assertString(id, 'id');
    return this.articles.has(id);
  }

  /** Number of articles. */
  async size(): Promise<number> {
    return this.articles.size();
  }

  /** Removes every article published (else added) before `time`; resolves to how many. */
  async removeOlderThan(time: Date | string | number): Promise<number> {
    const cutoff = toTime(time, 'time')!;
    let removed = 0;
    const ids = await this.articles.ids();
    const records = await getArticles(this.articles, ids);
    for (const [i, a] of records.entries()) {
      if (a && (a.publishedAt ?? a.addedAt) < cutoff && (await this.remove(ids[i]!))) removed++;
    }
    return removed;
  }

  /** Every verified pair between present articles (related ones included). */
  async pairs(): Promise<PairEdge[]> {
    return [...(await this.articles.edges())];
  }

  /**
   * Clusters of copies: each holds a canonical and every article with a verified duplicate,
   * near-duplicate or derived pair with it — never a chain of texts that share nothing. The
   * canonical is the earliest published; else the source the others copy (by wire credit, else by
   * coverage); else the longest; `canonicalReason` says which. Articles below the content floor
   * join no cluster (see `lowContent()`), and pairs that match by a template the archive now knows
   * to be common (see `add`) link nothing.
   */
  async clusters(): Promise<Cluster[]> {
    const edges = await this.articles.edges();
    const linked = [...new Set(edges.filter((e) => LINKING_RELATIONS.has(e.relation)).flatMap((e) => [e.a, e.b]))];
    const articles = new Map<string, StoredArticle>();
    (await getArticles(this.articles, linked)).forEach((a, i) => a && articles.set(linked[i]!, a));
    const prepared = new Map<string, PreparedText>();
    const prep = (id: string): PreparedText => {
      let p = prepared.get(id) ?? this.cache.peek(id);
      if (!p) {
        const a = articles.get(id)!;
        prepared.set(id, (p = prepareText(a.text, this.align, a.publishedAt)));
      }
      return p;
    };
    const templates = await this.templateEdges(edges, articles, prep);
    return buildClusters(articles, edges, {
      excluded: (id) => this.isLowContent(prep(id)),
      credits: (id) => prep(id).credits.length > 0,
      // pairs linked before their template became common in the archive
      unlinked: (e) => templates.has(e),
    });
  }

  /**
   * The cluster holding `id`, if any: how every copy of a wire story stays reachable when
   * `match` verified only `maxCandidates` of them.
   *
   * @example
   * ```ts
   * const [best] = await detector.match(text);
   * (await detector.clusterOf(best.id))?.ids; // every copy of the story
   * ```
   */
  async clusterOf(id: string): Promise<Cluster | undefined> {
    assertString(id, 'id');
    return (await this.clusters()).find((c) => c.ids.includes(id));
  }

  /**
   * Articles below the content floor (`minContentWords`), and the groups of them with identical
   * text — placeholder bodies, bare headlines — reported apart from clusters.
   *
   * @example
   * ```ts
   * const { ids, duplicates } = await detector.lowContent();
   * duplicates[0]; // { ids: ['brief-1', 'brief-2', …], words: 1 }
   * ```
   */
  async lowContent(): Promise<LowContentReport> {
    const all = await this.articles.ids();
    const records = await getArticles(this.articles, all);
    const low = new Map<string, { norm: string; words: number }>();
    records.forEach((a, i) => {
      if (!a) return;
      const p = this.cache.peek(a.id) ?? prepareText(a.text, this.align, a.publishedAt);
      if (this.isLowContent(p)) low.set(all[i]!, { norm: p.norm, words: contentWords(p) });
    });
    const groups = new Map<string, string[]>();
    for (const [id, { norm }] of low) {
      const g = groups.get(norm);
      if (g) g.push(id);
      else groups.set(norm, [id]);
    }
    const duplicates = [...groups.values()]
      .filter((g) => g.length > 1)
      .map((g) => ({ ids: g.sort(), words: low.get(g[0]!)!.words }))
      .sort((x, y) => y.ids.length - x.ids.length || (x.ids[0]! < y.ids[0]! ? -1 : 1));
    return { ids: [...low.keys()].sort(), duplicates };
  }

  /**
   * Encodes the whole detector — settings, articles, document signatures, passage postings and
   * boilerplate shingles, verified pairs, and the stream state `process()` continues from — as
   * versioned, CRC-32-checked bytes; `Detector.load` restores it to answer exactly as this one.
   * Await in-flight calls first; over shared Redis storage, articles being added or removed by
   * other workers meanwhile are left out unless present in all three stores.
   *
   * @example
   * ```ts
   * const bytes = await detector.save();
   * const again = await Detector.load(bytes); // same matches, clusters, pairs and verdicts
   * ```
   */
  async save(): Promise<Uint8Array> {
    return encodeDetectorSnapshot(this[DETECTOR_STATE]());
  }

  /**
   * Restores a detector from `save()` bytes into `options.storage` (default: memory), whose
   * stores must be empty. Settings come from the snapshot; any given that differ are refused.
   * Only `storage`, `limits` and `cacheSize` may be chosen freely.
   *
   * @throws CorruptDataError for truncated, damaged, foreign or future-version bytes.
   * @throws IncompatibleSignatureError naming every option that differs from the snapshot's.
   * @throws InvalidArgumentError when a given store already holds data.
   * @example
   * ```ts
   * const detector = await Detector.load(bytes, { storage: await redisDetectorStorage({ url, prefix: 'news' }) });
   * ```
   */
  static load(bytes: Uint8Array, options: DetectorLoadOptions = {}): Promise<Detector> {
    return loadDetector(bytes, options, (o) => new Detector(o));
  }

  /** @internal The state snapshots read and restore. */
  [DETECTOR_STATE](): DetectorState {
    const o = this.options;
    return {
      settings: {
        threshold: o.threshold,
        numPerm: o.numPerm,
        bands: this.documents.bands,
        rows: this.documents.rows,
        signature: paramsKey(this.hasher.params),
        shingleSize: o.shingleSize,
        seed: o.seed,
        boilerplateDocs: o.boilerplateDocs,
        passageShingles: this.passages.shingleKey,
        paragraphMinWords: o.paragraphMinWords,
        maxParagraphsQueried: o.maxParagraphsQueried,
        paragraphHitShare: o.paragraphHitShare,
        maxCandidates: o.maxCandidates,
        minContentWords: o.minContentWords,
        stockPhraseDocs: o.stockPhraseDocs,
        align: { ...this.align },
        window: this.windowHours === undefined ? null : { hours: this.windowHours },
        keepDuplicates: this.keepDuplicates,
      },
      documents: this.documents,
      passages: this.passages,
      articles: this.articles,
      signatureParams: this.hasher.params,
      getStreamTime: () => this.streamTime,
      setStreamTime: (time) => {
        this.streamTime = time;
      },
      arrivals: () => {
        const out: { time: number; id: string }[] = [];
        for (let e = this.arrivals.pop(); e; e = this.arrivals.pop()) out.push(e);
        for (const e of out) this.arrivals.push(e.time, e.id); // sorted input: the heap array keeps this order
        return out;
      },
      pushArrival: (time, id) => this.arrivals.push(time, id),
      learn: (a, given) => {
        const prepared = given ?? prepareText(a.text, this.align, a.publishedAt);
        this.cache.set(a.id, prepared);
        this.countParagraphs(a.id, prepared, 1);
      },
    };
  }

  /** @internal The steps of `add()` one by one, for the parallel driver (src/parallel/). */
  [DETECTOR_PIPELINE](): DetectorPipeline<Article, Match> {
    const o = this.options;
    return {
      settings: {
        numPerm: o.numPerm,
        seed: o.seed,
        shingleSize: o.shingleSize,
        align: { ...this.align },
        limits: { ...this.limits },
        paragraphMinWords: o.paragraphMinWords,
        maxParagraphsQueried: o.maxParagraphsQueried,
        minContentWords: o.minContentWords,
        boilerplateDocs: o.boilerplateDocs,
        maxCandidates: o.maxCandidates,
      },
      check: async (article, indexed) => {
        const a = checkArticle(article, 'article');
        if (indexed?.(a.id) || (await this.articles.has(a.id))) throw new DuplicateIdError(a.id);
        return toTime(a.publishedAt, 'article.publishedAt');
      },
      candidates: (query, selfId) => this.rankCandidates(query, selfId),
      frequencies: (query) => this.frequencies()?.(query.prepared.shingles),
      documents: () => this.counted.size,
      counts: () => ({ paragraphs: this.paragraphCounts.copyRows(), shingles: this.shingleCounts.copyRows() }),
      // The same commit-order insert as add(), in this id's turn; an add of the id since check() wins.
      index: (article, query, uncounted) =>
        this.serialized(article.id, async () => {
          if (await this.articles.has(article.id)) throw new DuplicateIdError(article.id);
          await this.index(article, query, query.prepared.publishedAt ?? Date.now(), uncounted);
        }),
      setCounts: (counts) => {
        this.paragraphCounts = new CountMinSketch(counts.paragraphs);
        this.shingleCounts = new CountMinSketch(counts.shingles);
      },
      count: (query) => countArticle(query.prepared, this.paragraphCounts, this.shingleCounts, this.align.repeatMinWords, 1),
      commit: (article, query, matches) => this.serialized(article.id, () => this.commit(article, query, matches, query.prepared.publishedAt ?? Date.now())),
      unindex: (article, query) => this.serialized(article.id, () => this.unindex(article.id, query.prepared)),
      linked: async (id) => (await this.linked(id)).filter((l) => l.later).map((l) => l.other),
      stored: async (id) => {
        const a = await this.articles.get(id);
        return a && { text: a.text, publishedAt: a.publishedAt };
      },
      has: async (id) => this.articles.has(id),
    };
  }

  private prepare(text: string, publishedAt: number | undefined): Query {
    return prepareQuery(text, publishedAt, {
      hasher: this.hasher,
      align: this.align,
      limits: this.limits,
      paragraphMinWords: this.options.paragraphMinWords,
      maxParagraphsQueried: this.options.maxParagraphsQueried,
      minContentWords: this.options.minContentWords,
    });
  }

  private async matchQuery(query: Query, selfId: string | undefined, limit: number | undefined): Promise<Match[]> {
    const ranked = await this.rankCandidates(query, selfId);
    const matches: Match[] = [];
    const verified = new Set<string>();
    const queue = [...ranked];
    const reach = this.options.maxCandidates;
    const ctx = this.verifyContext(this.frequencies());
    for (let q = 0; q < queue.length; q++) {
      const id = queue[q]!;
      if (verified.has(id)) continue;
      verified.add(id);
      const other = await this.preparedOf(id);
      if (!other) continue;
      const m = await verifyCandidate(query, id, other.prepared, ctx);
      if (!m) continue;
      // An index entry is only an article while its record exists (another worker may be removing it).
      if (other.cached && !(await this.articles.has(id))) continue;
      matches.push(m);
      // below the floor, one identical text is all there is to say: the group is read by lowContent()
      if (query.lowContent) break;
      // a copy leads to the earlier articles it was paired with: every copy of a story reaches its canonical
      if (COPY_RELATIONS.has(m.relation) && queue.length < ranked.length + reach) {
        for (const { other, later } of await this.linked(id)) if (later && !verified.has(other) && other !== selfId) queue.push(other);
      }
    }
    sortMatches(matches);
    return limit !== undefined ? matches.slice(0, limit) : matches;
  }

  /** The candidates the indexes give for a query, best evidence first: the ones `match` verifies first. */
  private async rankCandidates(query: Query, selfId: string | undefined): Promise<string[]> {
    // No content tokens: nothing to match (README, "Writing systems"); its signature matches nothing either.
    if (query.prepared.shingles.length === 0) return [];
    const settings = { minShared: this.align.rewriteMinShared, hitShare: this.options.paragraphHitShare, maxCandidates: this.options.maxCandidates };
    const docHits = await this.documents.query(query.signature, { maxCandidates: CANDIDATE_POOL * settings.maxCandidates });
    const lookups = query.paragraphs.length > 0 ? await this.passages.lookup(query.paragraphs, { minShared: settings.minShared, minShare: settings.hitShare }) : [];
    return rankByEvidence(docHits, lookups, query.paragraphs.map((p) => p.length), selfId, settings);
  }

  /** What verifying a candidate depends on, as the corpus stands now; `frequencies` from `frequencies()`. */
  private verifyContext(frequencies: ShingleFrequencies | undefined): VerifyContext {
    return { align: this.align, minContentWords: this.options.minContentWords, isBoilerplate: this.isLearnedBoilerplate, rarity: this.rarity, frequencies };
  }

  /**
   * The linking pairs (duplicates aside) that match by a template the archive now knows to be
   * common: the frequencies of every shared shingle of the template-like pairs in one call.
   */
  private async templateEdges(edges: readonly PairEdge[], articles: ReadonlyMap<string, StoredArticle>, prep: (id: string) => PreparedText): Promise<Set<PairEdge>> {
    const out = new Set<PairEdge>();
    const frequencies = this.frequencies();
    if (!frequencies) return out;
    const shapes: [PairEdge, TemplateShape][] = [];
    for (const e of edges) {
      if (e.relation === 'duplicate' || !LINKING_RELATIONS.has(e.relation) || !articles.has(e.a) || !articles.has(e.b)) continue;
      const shape = templateShape(prep(e.a), prep(e.b));
      if (shape) shapes.push([e, shape]);
    }
    if (shapes.length === 0) return out;
    const all = Uint32Array.from(new Set(shapes.flatMap(([, s]) => [...s.shared]))).sort();
    const freqs = await frequencies(all);
    const of = new Map<number, number>();
    all.forEach((h, i) => of.set(h, freqs[i]!));
    for (const [e, shape] of shapes) if (isTemplateMatch(shape, Float64Array.from(shape.shared, (h) => of.get(h)!))) out.add(e);
    return out;
  }

  /** The passage storage's document frequencies, if it keeps them (see PassageStorage.documentFrequencies). */
  private frequencies(): ShingleFrequencies | undefined {
    const storage = this.passages.storage;
    if (typeof storage.documentFrequencies !== 'function') return undefined;
    return (shingles) => (shingles.length === 0 ? new Float64Array(0) : storage.documentFrequencies!(shingles));
  }

  /** Articles that `id` has a linking pair with, and whether it was added after them (none if the store cannot say). */
  private async linked(id: string): Promise<{ other: string; later: boolean }[]> {
    if (typeof this.articles.edgesOf !== 'function') return [];
    const out: { other: string; later: boolean }[] = [];
    for (const e of await this.articles.edgesOf(id)) {
      if (LINKING_RELATIONS.has(e.relation)) out.push(e.a === id ? { other: e.b, later: true } : { other: e.a, later: false });
    }
    return out;
  }

  private isLowContent(prepared: PreparedText): boolean {
    return isBelowFloor(prepared, this.options.minContentWords);
  }

  /** The prepared text of a candidate: cached, or from its stored record (undefined if it has none). */
  private async preparedOf(id: string): Promise<{ prepared: PreparedText; cached: boolean } | undefined> {
    const hit = this.cache.get(id);
    if (hit) return { prepared: hit, cached: true };
    const stored = await this.articles.get(id);
    if (!stored) return undefined;
    const prepared = prepareText(stored.text, this.align, stored.publishedAt);
    this.cache.set(id, prepared);
    return { prepared, cached: false };
  }
}

/**
 * Runs `write`; if the id is already there (a leftover of an interrupted add: the caller knows
 * the article store does not hold it), removes that leftover and writes again.
 */
async function replacingLeftover(write: () => Promise<void>, removeLeftover: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (err) {
    if (!(err instanceof DuplicateIdError)) throw err;
    await removeLeftover();
    await write();
  }
}

function edgeOf(id: string, m: Match): PairEdge {
  return {
    a: id,
    b: m.id,
    relation: m.relation,
    direction: m.comparison.direction,
    similarity: m.similarity,
    coverage: { a: m.coverage.query, b: m.coverage.match },
  };
}

function checkArticle(article: unknown, name: string): Article {
  if (article === null || typeof article !== 'object') {
    throw new InvalidArgumentError(`${name} must be an object { id, text, publishedAt?, source?, url?, title? }, got ${describe(article)}`);
  }
  const a = article as Article;
  assertId(a.id, `${name}.id`);
  assertString(a.text, `${name}.text`);
  if (a.source !== undefined) assertString(a.source, `${name}.source`);
  if (a.url !== undefined) assertString(a.url, `${name}.url`);
  if (a.title !== undefined) assertString(a.title, `${name}.title`);
  return a;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
