/**
 * Adds a stream of articles to a Detector using worker threads, with the same outcome as calling
 * `add()` on each in turn. Two stages overlap: workers prepare articles i+1…i+k (normalize,
 * paragraphs, shingles, signature, internal repeats) into shared memory while this thread alone,
 * in input order, matches article i against the indexes (candidates, then verification by
 * alignment, with the rarity and boilerplate weights as they stand after i−1) and enters it.
 */
import { availableParallelism } from 'node:os';
import type { ResourceLimits } from 'node:worker_threads';
import { toTime } from '../align/compare.js';
import { findRepeats, type Repeat } from '../align/repeats.js';
import type { Article, Detector, Match } from '../detect/detector.js';
import { DETECTOR_PIPELINE } from '../detect/pipeline.js';
import { InvalidArgumentError, NeardupError, describe } from '../errors.js';
import { MinHasher } from '../sketch/minhash.js';
import { assertOptions } from '../validate.js';
import { receivedError, WorkerPool } from './pool.js';
import { decodeQuery } from './shared-query.js';
import type { TaskReply } from './tasks.js';

/** Options of `addParallel` and `scanParallel`. */
export interface ParallelOptions {
  /**
   * Worker threads. Default `os.availableParallelism()`. 0 runs everything in this thread
   * (plain `detector.add()`), as `neardup scan --jobs 1` does.
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
  readonly prepared: Promise<TaskReply> | undefined;
  entered: boolean;
  error: NeardupError | undefined;
  matches: Match[];
  repeats: Repeat[] | undefined;
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
  const pool = new WorkerPool(o.workers, { settings }, { resourceLimits: o.resourceLimits });
  const slots: Slot<A>[] = []; // slots[k] is article yielded + k
  let yielded = 0;
  let read = 0;
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

  const reader = (async () => {
    try {
      while (!stopped) {
        while (!stopped && read - yielded >= o.readAhead) await changed();
        if (stopped) break;
        const next = await iterator.next();
        if (next.done || stopped) break;
        const article = next.value;
        let prepared: Promise<TaskReply> | undefined;
        if (article !== null && typeof article === 'object' && typeof article.text === 'string') {
          try {
            const request = { text: article.text, publishedAt: toTime(article.publishedAt, 'article.publishedAt'), repeats: o.repeats };
            prepared = pool.run(pool.pick(), request);
            prepared.catch(() => undefined); // awaited later, or the scan stopped first
          } catch {
            prepared = undefined; // the commit step's check() throws the same error, in order
          }
        }
        slots.push({ article, prepared, entered: false, error: undefined, matches: [], repeats: undefined });
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

  const commitOne = async (slot: Slot<A>): Promise<void> => {
    try {
      await pipe.check(slot.article);
      const reply = await slot.prepared!;
      if (!reply.ok) throw receivedError(reply.error);
      const query = decodeQuery(reply.buffer, params, settings.align, settings.minContentWords);
      const matches = await pipe.match(query, slot.article.id);
      if (stopped) return;
      await pipe.enter(slot.article, query, matches);
      slot.entered = true;
      slot.matches = matches;
      slot.repeats = reply.repeats;
    } catch (err) {
      if (err instanceof NeardupError && err.code !== 'ERR_WORKER') slot.error = err;
      else throw err;
    }
  };

  const committer = (async () => {
    try {
      while (!stopped) {
        while (!stopped && committed >= read && !sourceDone) await changed();
        if (stopped || committed >= read) break;
        await commitOne(slots[committed - yielded]!);
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
      await pool.close();
      await committer;
      void iterator.return?.();
      for (const slot of slots.reverse()) if (slot.entered) await detector.remove(slot.article.id);
      void reader;
    } finally {
      clearInterval(hold);
    }
  }
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

function parallelOptions(options: ParallelOptions): Required<Omit<ParallelOptions, 'resourceLimits'>> & { resourceLimits: ResourceLimits | undefined } {
  assertOptions(options, 'parallel options');
  const workers = options.workers ?? availableParallelism();
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
