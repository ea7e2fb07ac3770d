/**
 * Streaming dedup over a Detector's `process()`: a Node object-mode Transform and an async
 * generator. Both handle one article at a time, so backpressure is the stream's own: a slow
 * consumer pauses the producer.
 */
import { Transform } from 'node:stream';
import { InvalidArgumentError, describe } from '../errors.js';
import { Detector, type Article, type Verdict } from './detector.js';
import { assertOptions } from '../validate.js';
import type { DetectorOptions } from './options.js';

/** Options of `dedup` and `dedupStream`: a detector to use, or options to make one. */
export interface DedupOptions extends DetectorOptions {
  /** Use this detector (its options win); default: `new Detector(options)`. */
  detector?: Detector;
}

function detectorOf(options: DedupOptions): Detector {
  assertOptions(options, 'dedup options');
  if (options.detector !== undefined && !(options.detector instanceof Detector)) {
    throw new InvalidArgumentError(`detector must be a Detector, got ${describe(options.detector)}`);
  }
  const { detector, ...rest } = options;
  return detector ?? new Detector(rest);
}

/**
 * Verdicts for a sequence of articles, in order.
 *
 * @example
 * ```ts
 * for await (const v of dedup(readArticles(), { window: { hours: 72 } })) {
 *   if (v.of !== null) console.log(v.id, v.verdict, 'of', v.of, v.copy === v.id ? '(the copy)' : '');
 * }
 * ```
 */
export function dedup(articles: AsyncIterable<Article> | Iterable<Article>, options: DedupOptions = {}): AsyncGenerator<Verdict> {
  if (articles === null || typeof articles !== 'object' || !(Symbol.asyncIterator in articles || Symbol.iterator in articles)) {
    throw new InvalidArgumentError(`articles must be an iterable or async iterable of { id, text, publishedAt? }, got ${describe(articles)}`);
  }
  const detector = detectorOf(options);
  return (async function* verdicts() {
    for await (const article of articles) yield await detector.process(article);
  })();
}

/**
 * An object-mode Transform: write articles, read verdicts.
 *
 * @example
 * ```ts
 * import { pipeline } from 'node:stream/promises';
 * await pipeline(articleSource, dedupStream({ window: { hours: 48 } }), verdictSink);
 * ```
 */
export function dedupStream(options: DedupOptions = {}): Transform {
  const detector = detectorOf(options);
  return new Transform({
    objectMode: true,
    transform(article: Article, _encoding, callback) {
      detector.process(article).then(
        (verdict) => callback(null, verdict),
        (error: unknown) => callback(error as Error),
      );
    },
  });
}
