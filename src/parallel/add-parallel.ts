/**
 * Adds a stream of articles to a Detector using worker threads, with the same outcome as calling
 * `add()` on each in turn. This thread alone reads and writes the indexes and the store, in input
 * order; workers do the rest. Three stages overlap:
 * 1. workers prepare articles (normalize, paragraphs, shingles, signature, internal repeats) into
 *    shared memory;
 * 2. this thread, in order, looks up article i's candidates in the indexes, reads what verifying
 *    them depends on (the document frequency of its shingles, the article count), and indexes it
 *    at once — what it is entered with does not depend on what it matches;
 * 3. a worker verifies i's candidates by alignment, with its own copy of the corpus counts
 *    replayed to exactly the articles before i; this thread, in order, follows links from copies
 *    to more candidates (verified the same way) and commits i's record and pairs.
 * Verification never sees an article after i, so the matches are `add()`'s, in every order.
 */
import { availableParallelism } from 'node:os';
import type { ResourceLimits } from 'node:worker_threads';
import { toTime } from '../align/compare.js';
import { findRepeats, type Repeat } from '../align/repeats.js';
import type { Article, Detector, Match } from '../detect/detector.js';
import { DETECTOR_PIPELINE, type DetectorPipeline } from '../detect/pipeline.js';
import type { Query } from '../detect/query.js';
import { COPY_RELATIONS, sortMatches } from '../detect/verify.js';
import { InvalidArgumentError, NeardupError, describe } from '../errors.js';
import { MinHasher } from '../sketch/minhash.js';
import { assertOptions } from '../validate.js';
import { receivedError, WorkerPool } from './pool.js';
import { decodeQuery } from './shared-query.js';
import type { CountsReply, PrepareReply, VerifyReply } from './tasks.js';
import type { Candidate, VerifyRequest, VerifyResult } from './verifier.js';

/** Options of `addParallel` and `scanParallel`. */
export interface ParallelOptions {
  /**
   * Worker threads. Default `defaultWorkers()`: one fewer than `os.availableParallelism()` on 4
   * or more cores, else 0. 0 runs everything in this thread (plain `detector.add()`), as
   * `neardup scan --jobs 1` does.
   */
  workers?: number;
  /** Also find each article's internal repeats (`findRepeats`), in the workers. Default false. */
  repeats?: boolean;
  /** Articles read and given to workers ahead of the one being entered. Default 32 per worker. */
  readAhead?: number;
  /** Heap limits of each worker thread (Node's `resourceLimits`). */
  resourceLimits?: ResourceLimits;
}

/** What became of one article: its verified matches (and repeats), or why it was refused. */
export type ParallelOutcome<A extends Article = Article> =
  | { readonly article: A; readonly matches: Match[]; readonly repeats: Repeat[] | undefined; readonly error?: undefined }
  | { readonly article: A; readonly error: NeardupError; readonly matches?: undefined; readonly repeats?: undefined };

interface Slot<A> {
  readonly article: A;
  readonly prepared: Promise<PrepareReply> | undefined;
  /** Set once the indexer is done with it: indexed (with `job`), or refused (`error`). */
  done: boolean;
  job: Job | undefined;
  /** Committed: an article of the detector. */
  entered: boolean;
  error: NeardupError | undefined;
  matches: Match[];
  repeats: Repeat[] | undefined;
}

/** An indexed article waiting for its verification: what it was verified against, to verify more the same way. */
interface Job {
  readonly query: Query;
  readonly repeats: Repeat[] | undefined;
  /** Candidates by evidence; `results[k]` is the match of `ranked[k]` (or null). */
  readonly ranked: readonly string[];
  readonly results: Promise<VerifyResult> | undefined;
  readonly request: Omit<VerifyRequest, 'from' | 'entries' | 'candidates'>;
  readonly worker: number;
}

/**
 * Adds every article to `detector` — workers prepare, this thread owns the indexes — and yields
 * what became of each, in input order: exactly what `detector.add()` in turn would return
 * (matches best first) or throw (a `NeardupError`, yielded as `error`; the article is skipped). A
 * worker failure throws `WorkerError`. Stopping early (break), or a failure, ends the workers and
 * removes again the articles entered but not yet yielded, so the detector holds exactly the
 * articles yielded without error. Leave the detector alone until the loop ends.
 *
 * @example
 * ```ts
 * const detector = new Detector();
 * for await (const { article, matches, error } of addParallel(detector, articles, { workers: 4 })) {
 *   if (error) console.warn(article.id, error.message);
 *   else for (const m of matches) console.log(article.id, m.relation, m.id);
 * }
 * await detector.clusters();
 * ```
 */
export function addParallel<A extends Article>(
  detector: Detector,
  articles: Iterable<A> | AsyncIterable<A>,
  options: ParallelOptions = {},
): AsyncGenerator<ParallelOutcome<A>, void, undefined> {
  // Arguments are checked when called, not when the first outcome is read.
  if (detector === null || typeof detector !== 'object' || typeof (detector as Partial<Detector>)[DETECTOR_PIPELINE] !== 'function') {
    throw new InvalidArgumentError(`addParallel(detector, articles, options?) takes a Detector first, got ${describe(detector)}`);
  }
  if (articles === null || typeof articles !== 'object' || !(Symbol.asyncIterator in articles || Symbol.iterator in articles)) {
    throw new InvalidArgumentError(`articles must be an iterable or async iterable of { id, text, publishedAt? }, got ${describe(articles)}`);
  }
  return addChecked(detector, articles, parallelOptions(options));
}

async function* addChecked<A extends Article>(
  detector: Detector,
  articles: Iterable<A> | AsyncIterable<A>,
  o: ReturnType<typeof parallelOptions>,
): AsyncGenerator<ParallelOutcome<A>, void, undefined> {
  if (o.workers === 0) {
    yield* addInThread(detector, articles, o.repeats);
    return;
  }
  const pipe = detector[DETECTOR_PIPELINE]();
  const { settings } = pipe;
  const params = new MinHasher({ numPerm: settings.numPerm, seed: settings.seed, shingleSize: settings.shingleSize }).params;
  const pool = new WorkerPool(o.workers, { settings, counts: pipe.counts() }, { resourceLimits: o.resourceLimits });
  const slots: Slot<A>[] = []; // slots[k] is article yielded + k
  let yielded = 0;
  let read = 0;
  let indexed = 0;
  let committed = 0;
  let sourceDone = false;
  let stopped = false;
  let failure: unknown;
  let wake: (() => void)[] = [];
  const notify = (): void => {
    const w = wake;
    wake = [];
    for (const f of w) f();
  };
  const changed = (): Promise<void> => new Promise((resolve) => wake.push(resolve));
  const iterator = Symbol.asyncIterator in articles ? articles[Symbol.asyncIterator]() : (articles as Iterable<A>)[Symbol.iterator]();
  /** Articles indexed in this scan, in index order, and each one's place; ids indexed and not committed yet. */
  const entries: { id: string; buffer: SharedArrayBuffer }[] = [];
  const entryOf = new Map<string, number>();
  const uncommitted = new Set<string>();
  /** Entries each worker was sent. */
  const sent = new Array<number>(pool.size).fill(0);

  const reader = (async () => {
    try {
      while (!stopped) {
        while (!stopped && read - yielded >= o.readAhead) await changed();
        if (stopped) break;
        const next = await iterator.next();
        if (next.done || stopped) break;
        const article = next.value;
        let prepared: Promise<PrepareReply> | undefined;
        if (article !== null && typeof article === 'object' && typeof article.text === 'string') {
          try {
            const request = { kind: 'prepare' as const, text: article.text, publishedAt: toTime(article.publishedAt, 'article.publishedAt'), repeats: o.repeats };
            prepared = pool.run(pool.pick(), request) as Promise<PrepareReply>;
            prepared.catch(() => undefined); // awaited later, or the scan stopped first
          } catch {
            prepared = undefined; // the indexer's check() throws the same error, in order
          }
        }
        slots.push({ article, prepared, done: false, job: undefined, entered: false, error: undefined, matches: [], repeats: undefined });
        read++;
        notify();
      }
    } catch (err) {
      failure ??= err;
    } finally {
      sourceDone = true;
      notify();
    }
  })();

  /** Posts a verify task to worker `w`, with the entries it was not sent yet. */
  const verify = (w: number, request: Job['request'], candidates: Candidate[]): Promise<VerifyResult> => {
    const from = sent[w]!;
    sent[w] = entries.length;
    const task: VerifyRequest = { ...request, from, entries: entries.slice(from), candidates };
    return pool.run(w, task).then((reply) => {
      const r = reply as VerifyReply;
      if (!r.ok) throw receivedError(r.error);
      return r.matches;
    });
  };

  const indexOne = async (slot: Slot<A>): Promise<void> => {
    try {
      await pipe.check(slot.article, (id) => uncommitted.has(id));
      const id = slot.article.id;
      const reply = await slot.prepared!;
      if (!reply.ok) throw receivedError(reply.error);
      const query = decodeQuery(reply.buffer, params, settings.align);
      const ranked = await pipe.candidates(query, id);
      const request = { kind: 'verify' as const, version: entries.length, documents: pipe.documents(), query: reply.buffer, frequencies: ranked.length > 0 ? await pipe.frequencies(query) : undefined };
      const candidates = ranked.length > 0 ? await candidatesOf(pipe, ranked, entryOf) : [];
      if (stopped) return;
      await pipe.index(slot.article, query, true); // counted by the workers: see settleCounts
      entryOf.set(id, entries.length);
      entries.push({ id, buffer: reply.buffer });
      uncommitted.add(id);
      const worker = pool.pick();
      const results = candidates.length > 0 ? verify(worker, request, candidates) : undefined;
      results?.catch(() => undefined); // awaited by the committer, or the scan stopped first
      slot.job = { query, repeats: reply.repeats, ranked, results, request, worker };
    } catch (err) {
      if (err instanceof NeardupError && err.code !== 'ERR_WORKER') slot.error = err;
      else throw err;
    }
  };

  /** The matches of an indexed article: its candidates' verified matches, and those of the copies' links, as `match` follows them. */
  const matchesOf = async (slot: Slot<A>, job: Job): Promise<Match[]> => {
    const results = job.results ? await job.results : [];
    const extra = new Map<string, Match | null>();
    const queue = [...job.ranked];
    const verified = new Set<string>();
    const matches: Match[] = [];
    for (let q = 0; q < queue.length; q++) {
      const id = queue[q]!;
      if (verified.has(id)) continue;
      verified.add(id);
      if (q >= job.ranked.length && !extra.has(id)) {
        // links of copies: verified against the same counts, all those queued so far in one task
        const more = [...new Set(queue.slice(q).filter((x) => !verified.has(x) && !extra.has(x)))];
        more.unshift(id);
        const found = await verify(job.worker, job.request, await candidatesOf(pipe, more, entryOf));
        more.forEach((x, k) => extra.set(x, found[k] ?? null));
      }
      const m = q < job.ranked.length ? results[q] : extra.get(id);
      if (!m) continue;
      matches.push(m);
      if (job.query.lowContent) break;
      if (COPY_RELATIONS.has(m.relation) && queue.length < job.ranked.length + settings.maxCandidates) {
        for (const other of await pipe.linked(id)) if (!verified.has(other) && other !== slot.article.id) queue.push(other);
      }
    }
    return sortMatches(matches);
  };

  /**
   * The owner indexed without counting: the counts of every entry come back from a worker, whose
   * copy holds them all (or, if the pool failed, are counted here).
   */
  const settleCounts = async (): Promise<void> => {
    if (entries.length === 0) return;
    try {
      const from = sent[0]!;
      sent[0] = entries.length;
      const reply = (await pool.run(0, { kind: 'counts', from, entries: entries.slice(from), version: entries.length })) as CountsReply;
      if (!reply.ok) throw receivedError(reply.error);
      pipe.setCounts(reply.counts);
    } catch {
      for (const e of entries) pipe.count(decodeQuery(e.buffer, params, settings.align));
    }
  };

  const indexer = (async () => {
    try {
      while (!stopped) {
        while (!stopped && indexed >= read && !sourceDone) await changed();
        if (stopped || indexed >= read) break;
        const slot = slots[indexed - yielded]!;
        await indexOne(slot);
        slot.done = true;
        indexed++;
        notify();
      }
    } catch (err) {
      failure ??= err;
      notify();
    }
  })();

  const committer = (async () => {
    try {
      while (!stopped) {
        while (!stopped && committed >= indexed && !(sourceDone && indexed >= read)) await changed();
        if (stopped || committed >= indexed) break;
        const slot = slots[committed - yielded]!;
        const job = slot.job;
        if (job) {
          const matches = await matchesOf(slot, job);
          if (stopped) return;
          await pipe.commit(slot.article, job.query, matches);
          uncommitted.delete(slot.article.id);
          slot.entered = true;
          slot.matches = matches;
          slot.repeats = job.repeats;
        }
        committed++;
        notify();
      }
    } catch (err) {
      failure ??= err;
      notify();
    }
  })();

  try {
    for (;;) {
      while (failure === undefined && yielded >= committed && !(sourceDone && committed >= read)) await changed();
      if (failure !== undefined) throw failure;
      if (yielded >= committed) break;
      const slot = slots.shift()!;
      yielded++;
      notify();
      yield slot.error ? { article: slot.article, error: slot.error } : { article: slot.article, matches: slot.matches, repeats: slot.repeats };
    }
  } finally {
    // held while cleaning up: the workers' handles alone may not keep the event loop alive
    const hold = setInterval(() => undefined, 1 << 30);
    try {
      stopped = true;
      notify();
      await indexer.catch(() => undefined);
      await committer.catch(() => undefined);
      await settleCounts();
      await pool.close();
      void iterator.return?.();
      // latest first: indexed and never committed, then committed and not yielded
      for (const slot of [...slots].reverse()) if (slot.job && !slot.entered && uncommitted.has(slot.article.id)) await pipe.unindex(slot.article, slot.job.query);
      for (const slot of slots.reverse()) if (slot.entered) await detector.remove(slot.article.id);
      void reader;
    } finally {
      clearInterval(hold);
    }
  }
}

/** Candidates as a worker is told of them: articles of this scan by id, earlier ones with their stored text. */
async function candidatesOf(pipe: DetectorPipeline<Article, Match>, ids: readonly string[], entryOf: ReadonlyMap<string, number>): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const id of ids) {
    if (entryOf.has(id)) {
      out.push({ id });
      continue;
    }
    const stored = await pipe.stored(id);
    out.push(stored ? { id, text: stored.text, publishedAt: stored.publishedAt } : { id, missing: true });
  }
  return out;
}

async function* addInThread<A extends Article>(detector: Detector, articles: Iterable<A> | AsyncIterable<A>, repeats: boolean): AsyncGenerator<ParallelOutcome<A>> {
  for await (const article of articles) {
    let matches: Match[];
    try {
      matches = await detector.add(article);
    } catch (err) {
      if (!(err instanceof NeardupError)) throw err;
      yield { article, error: err };
      continue;
    }
    yield { article, matches, repeats: repeats ? findRepeats(article.text) : undefined };
  }
}

/**
 * Worker threads when none are asked for: one per core but the owner's, on 4 cores or more; none
 * (this thread) below. On 2 cores 2 workers scanned at 0.79× the single thread's speed (bench
 * `parallel`, quiet machine): the owner needs a core of its own and the parallel run does about
 * 1.5× the work, so threads pay only with more cores.
 */
function defaultWorkers(): number {
  const cores = availableParallelism();
  return cores >= 4 ? cores - 1 : 0;
}

function parallelOptions(options: ParallelOptions): Required<Omit<ParallelOptions, 'resourceLimits'>> & { resourceLimits: ResourceLimits | undefined } {
  assertOptions(options, 'parallel options');
  const workers = options.workers ?? defaultWorkers();
  const count = (value: number | undefined, name: string, fallback: number, min: number): number => {
    if (value === undefined) return fallback;
    if (!Number.isInteger(value) || value < min) throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}, got ${describe(value)}`);
    return value;
  };
  count(workers, 'workers', 0, 0);
  if (options.repeats !== undefined && typeof options.repeats !== 'boolean') {
    throw new InvalidArgumentError(`repeats must be true or false, got ${describe(options.repeats)}`);
  }
  return {
    workers,
    repeats: options.repeats ?? false,
    readAhead: count(options.readAhead, 'readAhead', 32 * Math.max(1, workers), 1),
    resourceLimits: options.resourceLimits,
  };
}
