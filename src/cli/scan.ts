/**
 * `neardup scan`: adds every article to a Detector, as it is read, and reports what each
 * matches, repeated blocks inside each article (`findRepeats`), and the clusters at the end.
 */
import { Detector, findRepeats, NeardupError, renderScanHtml, type ScanPair, type ScanRepeat, type ScanResult } from '../index.js';
import { UsageError } from './errors.js';
import { json, jsonLine, pairRecord, repeatRecord } from './format-json.js';
import { scanTable } from './format-table.js';
import type { Format } from './formats.js';
import { openArticles } from './input.js';
import { loadMeta } from './meta.js';
import { openOutput } from './output.js';
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
}

export async function scan(input: string, o: ScanOptions): Promise<void> {
  let progress: Progress | undefined;
  const warnings = new Warnings(undefined, () => progress?.stop());
  const meta = o.meta === undefined ? undefined : await loadMeta(o.meta, warnings.warn);
  const source = await openArticles(input, { meta, warn: warnings.warn });
  let detector: Detector;
  try {
    detector = new Detector({ threshold: o.threshold, shingleSize: o.shingleSize });
  } catch (err) {
    if (err instanceof NeardupError) throw new UsageError(`${err.message}; see neardup scan --help`);
    throw err;
  }
  const out = await openOutput(o.output);
  const stream = o.format === 'jsonl';
  progress = new Progress(o.progress && process.stderr.isTTY === true && !(stream && out.isTTY), source);

  const pairs: ScanPair[] = [];
  const repeats: ScanRepeat[] = [];
  let articles = 0;
  let rejected = 0;
  const firstSeen = new Map<string, string>();
  for await (const article of source.articles()) {
    const earlier = firstSeen.get(article.id);
    if (earlier !== undefined) {
      warnings.warn(`${article.where}: id ${JSON.stringify(article.id)} was already used at ${earlier}; skipped (ids must be unique)`);
      rejected++;
      continue;
    }
    let matches;
    try {
      matches = await detector.add({ id: article.id, text: article.text, publishedAt: article.publishedAt, source: article.source, url: article.url });
    } catch (err) {
      if (!(err instanceof NeardupError)) throw err;
      warnings.warn(`${article.where}: ${err.message}; skipped`);
      rejected++;
      continue;
    }
    articles++;
    firstSeen.set(article.id, article.where);
    for (const m of matches) {
      const pair: ScanPair = { a: article.id, b: m.id, comparison: m.comparison };
      pairs.push(pair);
      if (stream) await out.write(jsonLine({ type: 'match', ...pairRecord(pair) }));
    }
    if (o.repeats) {
      for (const r of findRepeats(article.text)) {
        const repeat: ScanRepeat = { id: article.id, ...r };
        repeats.push(repeat);
        if (stream) await out.write(jsonLine({ type: 'repeat', ...repeatRecord(repeat) }));
      }
    }
    progress.update(articles);
  }
  progress.stop();
  warnings.finish();

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
  await out.close();
  if (out.path !== undefined && process.stderr.isTTY) process.stderr.write(`neardup: wrote ${out.path}\n`);
}
