/**
 * A whole scan in one call: every article added to a new Detector through `addParallel`, with
 * the verified pairs, internal repeats and clusters the `neardup scan` command reports.
 */
import { assertOptions } from '../validate.js';
import { Detector, type Article } from '../detect/detector.js';
import type { DetectorOptions } from '../detect/options.js';
import type { NeardupError } from '../errors.js';
import type { ScanPair, ScanRepeat, ScanResult } from '../report/scan-types.js';
import { addParallel, type ParallelOptions } from './add-parallel.js';

/** Options of `scanParallel`: the Detector's and the parallel driver's. */
export interface ScanParallelOptions extends ParallelOptions {
  /** Options of the Detector the scan fills. */
  detector?: DetectorOptions;
}

/** What `scanParallel` found, and the filled Detector. */
export interface ScanParallelResult extends ScanResult {
  /** Articles refused (invalid, duplicate id, over a limit), with why; counted in `skipped`. */
  readonly refused: readonly { readonly id: unknown; readonly error: NeardupError }[];
  readonly detector: Detector;
}

/**
 * Scans a collection on all cores: the same pairs (in the same order), repeats and clusters as
 * adding each article to one Detector in turn. `repeats` defaults to true here.
 *
 * @example
 * ```ts
 * import { scanParallel } from 'neardup';
 * const { pairs, clusters } = await scanParallel(articles, { workers: 4 });
 * clusters; // [{ ids: ['reuters-1', 'site-7'], canonical: 'reuters-1' }, …]
 * ```
 */
export async function scanParallel(articles: Iterable<Article> | AsyncIterable<Article>, options: ScanParallelOptions = {}): Promise<ScanParallelResult> {
  assertOptions(options, 'scanParallel options');
  const { detector: detectorOptions, ...parallel } = options;
  const detector = new Detector(detectorOptions);
  const pairs: ScanPair[] = [];
  const repeats: ScanRepeat[] = [];
  const refused: { id: unknown; error: NeardupError }[] = [];
  let scanned = 0;
  for await (const outcome of addParallel(detector, articles, { ...parallel, repeats: parallel.repeats ?? true })) {
    const { article } = outcome;
    if (outcome.error) {
      refused.push({ id: (article as { id?: unknown } | null)?.id, error: outcome.error });
      continue;
    }
    scanned++;
    for (const m of outcome.matches) pairs.push({ a: article.id, b: m.id, comparison: m.comparison });
    for (const r of outcome.repeats ?? []) repeats.push({ id: article.id, ...r });
  }
  return { articles: scanned, skipped: refused.length, refused, clusters: await detector.clusters(), pairs, repeats, detector };
}
