/**
 * `neardup scan`: adds every article to a Detector, as it is read, and reports what each
 * matches, repeated blocks inside each article (`findRepeats`), and the clusters at the end.
 */
import { availableParallelism } from 'node:os';
import { addParallel, Detector, DuplicateIdError, NeardupError, renderScanHtml, type ScanPair, type ScanRepeat, type ScanResult } from '../index.js';
import { UsageError } from './errors.js';
import { json, jsonLine, pairRecord, repeatRecord } from './format-json.js';
import { scanTable } from './format-table.js';
import type { Format } from './formats.js';
import { openArticles } from './input.js';
import { loadMeta } from './meta.js';
import { withOutput } from './output.js';
import { Progress } from './progress.js';
import { styleFor } from './terminal.js';
import { Warnings } from './warnings.js';

export interface ScanOptions {
  readonly format: Format;
  readonly output?: string | undefined;
  readonly threshold?: number | undefined;
  readonly shingleSize?: number | undefined;
  readonly meta?: string | undefined;
  readonly repeats: boolean;
  readonly progress: boolean;
  /** 1: in this thread; N ≥ 2: N worker threads (addParallel). Default: available cores. */
  readonly jobs?: number | undefined;
}

export async function scan(input: string, o: ScanOptions): Promise<void> {
  let progress: Progress | undefined;
  const warnings = new Warnings(undefined, () => progress?.stop());
  const meta = o.meta === undefined ? undefined : await loadMeta(o.meta, warnings.warn);
  // The reader runs ahead of the scan (workers prepare what comes next): its warnings wait for
  // the article read after them, so that stderr reads in input order whatever --jobs is.
  let readerWarnings: string[] = [];
  const source = await openArticles(input, { meta, warn: (message) => readerWarnings.push(message) });
  async function* articlesWithWarnings() {
    for await (const article of source.articles()) {
      const before = readerWarnings;
      readerWarnings = [];
      yield { ...article, before };
    }
  }
  let detector: Detector;
  try {
    detector = new Detector({ threshold: o.threshold, shingleSize: o.shingleSize });
  } catch (err) {
    if (err instanceof NeardupError) throw new UsageError(`${err.message}; see neardup scan --help`);
    throw err;
  }
  const out = await withOutput(o.output, async (out) => {
    const stream = o.format === 'jsonl';
    progress = new Progress(o.progress && process.stderr.isTTY === true && !(stream && out.isTTY), source);

    const pairs: ScanPair[] = [];
    const repeats: ScanRepeat[] = [];
    let articles = 0;
    let rejected = 0;
    const firstSeen = new Map<string, string>();
    const jobs = o.jobs ?? availableParallelism();
    // In input order, as detector.add() one by one would: a reused id meets DuplicateIdError.
    for await (const outcome of addParallel(detector, articlesWithWarnings(), { workers: jobs === 1 ? 0 : jobs, repeats: o.repeats })) {
      const { article } = outcome;
      for (const message of article.before) warnings.warn(message);
      if (outcome.error) {
        const earlier = firstSeen.get(article.id);
        if (earlier !== undefined && outcome.error instanceof DuplicateIdError) {
          warnings.warn(`${article.where}: id ${JSON.stringify(article.id)} was already used at ${earlier}; skipped (ids must be unique)`);
        } else {
          warnings.warn(`${article.where}: ${outcome.error.message}; skipped`);
        }
        rejected++;
        continue;
      }
      articles++;
      firstSeen.set(article.id, article.where);
      for (const m of outcome.matches) {
        const pair: ScanPair = { a: article.id, b: m.id, comparison: m.comparison };
        pairs.push(pair);
        if (stream) await out.write(jsonLine({ type: 'match', ...pairRecord(pair) }));
      }
      for (const r of outcome.repeats ?? []) {
        const repeat: ScanRepeat = { id: article.id, ...r };
        repeats.push(repeat);
        if (stream) await out.write(jsonLine({ type: 'repeat', ...repeatRecord(repeat) }));
      }
      progress.update(articles);
    }
    for (const message of readerWarnings) warnings.warn(message);
    progress.stop();
    warnings.finish();
    if (articles === 0 && rejected === 0) throw new UsageError(`nothing scanned in ${source.name === 'stdin' ? 'stdin' : JSON.stringify(source.name)}: ${source.nothingReason()}`);
    if (articles === 0) throw new UsageError(`nothing scanned: all ${rejected} articles were refused (see the messages above)`);

    const clusters = await detector.clusters();
    const lowContent = await detector.lowContent();
    const result: ScanResult = { articles, skipped: source.skipped() + rejected, clusters, pairs, repeats };
    switch (o.format) {
      case 'jsonl':
        for (const c of clusters) await out.write(jsonLine({ type: 'cluster', ids: c.ids, canonical: c.canonical, canonicalReason: c.canonicalReason }));
        await out.write(jsonLine({ type: 'lowContent', ids: lowContent.ids, duplicates: lowContent.duplicates }));
        await out.write(
          jsonLine({
            type: 'summary',
            articles,
            skipped: result.skipped,
            clusters: clusters.length,
            pairs: pairs.length,
            repeats: repeats.length,
            lowContent: lowContent.ids.length,
          }),
        );
        break;
      case 'json':
        await out.write(
          json({ articles, skipped: result.skipped, clusters, lowContent, pairs: pairs.map(pairRecord), repeats: repeats.map(repeatRecord) }),
        );
        break;
      case 'html': {
        const texts = new Map<string, string>();
        for (const id of new Set([...pairs.flatMap((p) => [p.a, p.b]), ...repeats.map((r) => r.id)])) {
          const stored = await detector.articles.get(id);
          if (stored) texts.set(id, stored.text);
        }
        await out.write(renderScanHtml({ ...result, texts }, { title: `neardup scan of ${source.name}` }));
        break;
      }
      default:
        await out.write(scanTable(result, styleFor(out.isTTY), out.columns));
    }
  });
  if (out.path !== undefined && process.stderr.isTTY) process.stderr.write(`neardup: wrote ${out.path}\n`);
}
