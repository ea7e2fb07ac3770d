/**
 * `renderScanHtml`: what a scan found, as one self-contained HTML page — clusters of copies,
 * every verified pair in plain words, repeated blocks, then each pair side by side.
 */
import type { Relation } from '../align/index.js';
import { anchorId, escapeHtml } from './escape.js';
import { checkPairs, checkScanResult } from './checks.js';
import { assertInteger, assertOptions, assertString } from '../validate.js';
import { htmlDocument } from './html-document.js';
import { lede } from './html-comparison.js';
import { pairHeadline, renderFacts, renderLegend, renderRows, type ReportSide } from './html-pair.js';
import type { ScanPair, ScanRepeat, ScanResult } from './scan-types.js';
import { describePair, paragraphRange, percent, plural, relationLabel } from './wording.js';

/** Options of `renderScanHtml`. */
export interface ScanHtmlOptions {
  /** Page title. Default "neardup scan". */
  title?: string;
  /** At most this many pairs get a side-by-side view (strongest first); the rest are listed. Default 50. */
  maxComparisons?: number;
}

const RELATION_RANK: Record<Relation, number> = { duplicate: 4, 'near-duplicate': 3, derived: 2, related: 1, unrelated: 0 };

/** Pairs strongest first: relation, then the larger coverage. */
export function rankPairs(pairs: readonly ScanPair[]): ScanPair[] {
  checkPairs(pairs, 'pairs');
  const top = (p: ScanPair): number => Math.max(p.comparison.coverage.a, p.comparison.coverage.b);
  return [...pairs].sort(
    (x, y) => RELATION_RANK[y.comparison.relation] - RELATION_RANK[x.comparison.relation] || top(y) - top(x) || (x.a < y.a ? -1 : x.a > y.a ? 1 : 0),
  );
}

/**
 * What a cluster member is to the cluster's original, in plain words: "rewrite of the original",
 * "near-copy of the original", or "linked through another member" when the two were not compared.
 */
export function clusterRole(pairs: readonly ScanPair[], id: string, canonical: string): string {
  checkPairs(pairs, 'pairs');
  assertString(id, 'id');
  assertString(canonical, 'canonical');
  const p = pairs.find((q) => (q.a === id && q.b === canonical) || (q.a === canonical && q.b === id));
  if (!p) return 'linked through another member';
  const c = p.comparison;
  const label = relationLabel(c.relation, c.alignments);
  const copy = c.direction === 'a-from-b' ? p.a : c.direction === 'b-from-a' ? p.b : undefined;
  if (copy === id) return `${label} of the original`;
  return copy === undefined ? `${label} of the original (which came first is unclear)` : `${label}: the original copies it`;
}

/**
 * Renders a scan result as a self-contained HTML page (inline CSS, no scripts, no network); all
 * text is escaped. Pairs whose texts are in `result.texts` get a side-by-side view.
 *
 * @example
 * ```ts
 * writeFileSync('scan.html', renderScanHtml({ articles: 5, clusters, pairs, repeats, texts }));
 * ```
 */
export function renderScanHtml(result: ScanResult, options: ScanHtmlOptions = {}): string {
  checkScanResult(result, 'result');
  assertOptions(options, 'renderScanHtml options');
  if (options.title !== undefined) assertString(options.title, 'options.title');
  if (options.maxComparisons !== undefined) assertInteger(options.maxComparisons, 'options.maxComparisons', 0);
  const title = options.title ?? 'neardup scan';
  const max = options.maxComparisons ?? 50;
  const pairs = rankPairs(result.pairs);
  const texts = result.texts ?? new Map<string, string>();
  const repeatsOf = new Map<string, ScanRepeat[]>();
  for (const r of result.repeats) {
    let list = repeatsOf.get(r.id);
    if (!list) repeatsOf.set(r.id, (list = []));
    list.push(r);
  }
  const viewable = pairs.filter((p) => texts.has(p.a) && texts.has(p.b));
  const shown = viewable.slice(0, max);
  const sectionOf = new Map<ScanPair, string>(shown.map((p, k) => [p, `pair-${k + 1}`]));

  const parts: string[] = [];
  parts.push(
    `<header><h1>${escapeHtml(title)}</h1><p class="lede">${escapeHtml(summary(result))}</p>${renderLegend()}</header>`,
  );

  parts.push(`<h2 id="clusters">Clusters: copies and rewrites of one text</h2>`);
  if (result.clusters.length === 0) parts.push(`<p class="empty-note">No article copies or rewrites another.</p>`);
  for (const c of result.clusters) {
    const items = c.ids
      .map((id) =>
        id === c.canonical
          ? `<li>${escapeHtml(id)} <span class="badge">original</span></li>`
          : `<li>${escapeHtml(id)} <span class="role">${escapeHtml(clusterRole(result.pairs, id, c.canonical))}</span></li>`,
      )
      .join('');
    parts.push(`<div class="cluster"><b>${plural(c.ids.length, 'article')}</b>, original: ${escapeHtml(c.canonical)}<ul>${items}</ul></div>`);
  }

  parts.push(`<h2 id="pairs">Pairs that share passages</h2>`);
  if (pairs.length === 0) parts.push(`<p class="empty-note">No two articles share a passage.</p>`);
  else {
    const rows = pairs.map((p) => {
      const c = p.comparison;
      const sentence = escapeHtml(describePair({ a: p.a, b: p.b, relation: c.relation, direction: c.direction, alignments: c.alignments }));
      const id = sectionOf.get(p);
      return (
        `<tr><td>${id ? `<a href="#${id}">${sentence}</a>` : sentence}</td><td>${escapeHtml(relationLabel(c.relation, c.alignments))}</td>` +
        `<td class="num">${c.alignments.length}</td><td class="num">${percent(c.coverage.a)} / ${percent(c.coverage.b)}</td><td class="num">${c.jaccard.toFixed(2)}</td></tr>`
      );
    });
    parts.push(
      `<table><thead><tr><th>What</th><th>Relation</th><th>Matching passages</th><th>Coverage (first / second)</th><th>Word overlap</th></tr></thead>` +
        `<tbody>${rows.join('')}</tbody></table>`,
    );
  }

  parts.push(`<h2 id="repeats">Repeated blocks inside one article</h2>`);
  if (result.repeats.length === 0) parts.push(`<p class="empty-note">No article repeats a paragraph.</p>`);
  else {
    const rows = result.repeats.map((r) => {
      const text = texts.get(r.id);
      const excerpt = text === undefined ? '' : firstWords(text.slice(r.secondSpan.start, r.secondSpan.end), 24);
      return (
        `<tr><td>${escapeHtml(r.id)}</td><td class="where">${paragraphRange(r.second.from, r.second.to)} ${r.paragraphs === 1 ? 'repeats' : 'repeat'} ${paragraphRange(r.first.from, r.first.to)}</td>` +
        `<td class="num">${r.paragraphs}</td><td>${escapeHtml(excerpt)}</td></tr>`
      );
    });
    parts.push(
      `<table><thead><tr><th>Article</th><th>Where</th><th>Paragraphs</th><th>Begins</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    );
  }

  if (shown.length > 0) parts.push(`<h2 id="side-by-side">Side by side</h2>`);
  shown.forEach((p, k) => {
    const side = (id: string): ReportSide => ({ name: id, text: texts.get(id)!, repeats: repeatsOf.get(id) ?? [] });
    const a = side(p.a);
    const b = side(p.b);
    const id = sectionOf.get(p)!;
    parts.push(
      `<section class="pair" id="${id}" data-a="${escapeHtml(p.a)}" data-b="${escapeHtml(p.b)}">` +
        `<h2>${k + 1}. ${escapeHtml(pairHeadline(a, b, p.comparison))}</h2>` +
        `<p class="lede">${escapeHtml(lede(a.name, b.name, p.comparison))}</p>` +
        renderFacts(a, b, p.comparison) +
        renderRows(a, b, p.comparison, `${anchorId(id)}-`) +
        `</section>`,
    );
  });
  if (viewable.length > shown.length) {
    parts.push(`<p class="empty-note">${viewable.length - shown.length} more pairs are listed above without a side-by-side view.</p>`);
  }
  parts.push(`<footer>Made by neardup. Coverage is the share of an article in passages that match the other article.</footer>`);
  return htmlDocument(title, parts.join('\n'));
}

function summary(r: ScanResult): string {
  const skipped = r.skipped ? ` (${r.skipped} skipped)` : '';
  return (
    `${plural(r.articles, 'article')} scanned${skipped}: ${plural(r.clusters.length, 'cluster')} of copies, ` +
    `${plural(r.pairs.length, 'pair')} sharing passages, ${plural(r.repeats.length, 'repeated block')}.`
  );
}

/** The first `n` words of a text, with an ellipsis if cut. */
export function firstWords(text: string, n: number): string {
  const words = text.trim().split(/\s+/);
  return words.length <= n ? words.join(' ') : `${words.slice(0, n).join(' ')} …`;
}
