/**
 * `neardup scan`: adds every article to a Detector, as it is read, and reports what each
 * matches, repeated blocks inside each article (`findRepeats`), and the clusters at the end —
 * narrowed and ordered for reading (`--top`, `--relation`, `--min-words`, `--hide-duplicates`).
 */
import { addParallel, Detector, DuplicateIdError, NeardupError, renderScanHtml, type Credit, type Relation, type ScanPair, type ScanRepeat, type ScanResult } from '../index.js';
import type { ArticleInfo } from '../report/scan-types.js';
import { scanView, type ScanViewOptions } from '../report/scan-view.js';
import { UsageError } from './errors.js';
import { clusterRecord, json, jsonLine, metaTable, pairRecord, repeatRecord, summaryRecord, type RecordContext } from './format-json.js';
import { scanTable } from './format-table.js';
import type { Format } from './formats.js';
import { openArticles, type FieldMap } from './input.js';
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
  readonly fields?: FieldMap | undefined;
  readonly repeats: boolean;
  readonly progress: boolean;
  readonly top?: number | undefined;
  readonly relations?: readonly Relation[] | undefined;
  readonly minWords?: number | undefined;
  readonly hideDuplicates?: boolean | undefined;
  /** 1: in this thread; N ≥ 2: N worker threads (addParallel). Default: available cores. */
  readonly jobs?: number | undefined;
}

/** Words in a text (runs of non-space characters), without allocating them. */
export function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || (c >= 9 && c <= 13) || c === 160;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

function timeOf(value: Date | string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(t) ? t : undefined;
}

export async function scan(input: string, o: ScanOptions): Promise<void> {
  let progress: Progress | undefined;
  const warnings = new Warnings(undefined, () => progress?.stop());
  const meta = o.meta === undefined ? undefined : await loadMeta(o.meta, warnings.warn);
  // The reader runs ahead of the scan (workers prepare what comes next): its warnings wait for
  // the article read after them, so that stderr reads in input order whatever --jobs is.
  let readerWarnings: string[] = [];
  const source = await openArticles(input, { meta, fields: o.fields, warn: (message) => readerWarnings.push(message) });
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
    const viewOptions: ScanViewOptions = { top: o.top, relations: o.relations, minWords: o.minWords, hideDuplicates: o.hideDuplicates };

    const pairs: ScanPair[] = [];
    const repeats: ScanRepeat[] = [];
    const info = new Map<string, ArticleInfo>();
    const credits = new Map<string, readonly Credit[]>();
    let current: { id: string; text: string } | undefined;
    const texts = new Map<string, string>();
    const textOf = (id: string): string | undefined => (current?.id === id ? current.text : texts.get(id));
    const ctx: RecordContext = { text: textOf, info, credits };
    const short = (id: string): boolean => o.minWords !== undefined && (info.get(id)?.words ?? Infinity) < o.minWords;
    const streamed = (p: ScanPair): boolean =>
      !short(p.a) && !short(p.b) && (!o.relations || o.relations.includes(p.comparison.relation)) && !(o.hideDuplicates && p.comparison.relation === 'duplicate');
    let articles = 0;
    let rejected = 0;
    const firstSeen = new Map<string, string>();
    // In input order, as detector.add() one by one would: a reused id meets DuplicateIdError.
    for await (const outcome of addParallel(detector, articlesWithWarnings(), { workers: o.jobs === undefined ? undefined : o.jobs === 1 ? 0 : o.jobs, repeats: o.repeats })) {
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
      const matches = outcome.matches;
      articles++;
      firstSeen.set(article.id, article.where);
      info.set(article.id, { title: article.title, source: article.source, url: article.url, publishedAt: timeOf(article.publishedAt), words: countWords(article.text) });
      current = { id: article.id, text: article.text };
      for (const m of matches) {
        const pair: ScanPair = { a: article.id, b: m.id, comparison: m.comparison };
        pairs.push(pair);
        if (stream && streamed(pair)) {
          if (!texts.has(m.id)) {
            const stored = await detector.articles.get(m.id);
            if (stored) texts.set(m.id, stored.text);
          }
          await out.write(jsonLine({ type: 'match', ...pairRecord(pair, ctx) }));
        }
      }
      for (const r of outcome.repeats ?? []) {
        const repeat: ScanRepeat = { id: article.id, ...r };
        repeats.push(repeat);
        if (stream && !short(article.id)) await out.write(jsonLine({ type: 'repeat', ...repeatRecord(repeat, info) }));
      }
      if (stream) texts.clear();
      progress.update(articles);
    }
    for (const message of readerWarnings) warnings.warn(message);
    current = undefined;
    progress.stop();
    warnings.finish();
    if (articles === 0 && rejected === 0) throw new UsageError(`nothing scanned in ${source.name === 'stdin' ? 'stdin' : JSON.stringify(source.name)}: ${source.nothingReason()}`);
    if (articles === 0) throw new UsageError(`nothing scanned: all ${rejected} articles were refused (see the messages above)`);

    const clusters = await detector.clusters();
    const lowContent = await detector.lowContent();
    const result: ScanResult = { articles, skipped: source.skipped() + rejected, clusters, pairs, repeats, info };
    const view = scanView(result, viewOptions);
    const load = async (ids: Iterable<string>): Promise<void> => {
      for (const id of ids) {
        if (texts.has(id)) continue;
        const stored = await detector.articles.get(id);
        if (stored) texts.set(id, stored.text);
      }
    };
    switch (o.format) {
      case 'jsonl':
        for (const c of view.clusters) await out.write(jsonLine({ type: 'cluster', ...clusterRecord(c, view.pairsByArticle, info) }));
        for (const d of view.duplicates) await out.write(jsonLine({ type: 'duplicates', original: d.original, count: d.copies.length, copies: d.copies }));
        await out.write(jsonLine({ type: 'lowContent', ids: lowContent.ids, duplicates: lowContent.duplicates }));
        await out.write(jsonLine({ type: 'summary', ...summaryRecord(view), lowContent: lowContent.ids.length }));
        break;
      case 'json': {
        // Streamed field by field and pair by pair: a 100,000-pair archive never sits in memory as one string.
        const field = (key: string, value: unknown): string => `  ${JSON.stringify(key)}: ${json(value).trimEnd().replace(/\n/g, '\n  ')}`;
        await out.write(`{\n${field('summary', summaryRecord(view))},\n${field('articles', articles)},\n${field('skipped', result.skipped)},\n`);
        await out.write(`${field('clusters', view.clusters.map((c) => clusterRecord(c, view.pairsByArticle, info)))},\n${field('lowContent', lowContent)},\n  "pairs": [`);
        let first = true;
        for (const p of view.pairs) {
          texts.clear();
          await load([p.a, p.b]);
          await out.write(`${first ? '' : ','}\n    ${json(pairRecord(p, ctx, false)).trimEnd().replace(/\n/g, '\n    ')}`);
          first = false;
        }
        texts.clear();
        await out.write(`${first ? '' : '\n  '}],\n${field('meta', metaTable(view.pairs.flatMap((p) => [p.a, p.b]), info))},\n`);
        if (o.hideDuplicates) await out.write(`${field('duplicates', view.duplicates.map((d) => ({ original: d.original, count: d.copies.length, copies: d.copies })))},\n`);
        await out.write(`${field('repeats', view.repeats.map((r) => repeatRecord(r, info)))}\n}\n`);
        break;
      }
      case 'html': {
        await load(view.pairs.slice(0, 1000).flatMap((p) => [p.a, p.b]));
        await load(view.repeats.slice(0, 1000).map((r) => r.id));
        await out.write(renderScanHtml({ ...result, texts }, { ...viewOptions, title: `neardup scan of ${source.name}` }));
        break;
      }
      default:
        await load(view.pairs.flatMap((p) => [p.a, p.b]));
        await out.write(scanTable({ ...result, texts }, view, styleFor(out.isTTY), out.columns));
    }
  });
  if (out.path !== undefined && process.stderr.isTTY) process.stderr.write(`neardup: wrote ${out.path}\n`);
}
