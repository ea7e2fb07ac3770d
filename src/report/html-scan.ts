/**
 * `renderScanHtml`: what a scan found, as one self-contained HTML page an editor can read at
 * archive scale — the summary and the cluster-size chart first, then clusters (largest, then most
 * recent) with their timelines, every listed pair in plain words with why, exact copies folded,
 * repeated blocks, and side-by-side views on demand (`<details>`, closed until opened). A small
 * inline script (allowed by hash, no network) filters everything by text, source and relation.
 */
import { mirrorComparison, type Comparison, type Relation } from '../align/index.js';
import { anchorId, escapeHtml } from './escape.js';
import { articleByline, articleHead, displayName } from './html-article.js';
import { checkPairs, checkScanResult } from './checks.js';
import { assertInteger, assertOptions, assertString } from '../validate.js';
import { describe, InvalidArgumentError } from '../errors.js';
import { htmlDocument } from './html-document.js';
import { lede } from './html-comparison.js';
import { pairHeadline, renderFacts, renderLegend, renderRows, type ReportSide } from './html-pair.js';
import { SCAN_FILTER_SCRIPT } from './scan-filter-script.js';
import type { ArticleInfo, ScanPair, ScanRepeat, ScanResult } from './scan-types.js';
import { rankPairs as rankViewPairs, scanView, type ClusterView, type ScanView, type ScanViewOptions } from './scan-view.js';
import { clusterSizeChart, timelineChart } from './svg-charts.js';
import { explainPair, type PairWhy } from './why.js';
import { describePair, memberRole, pairsByRelationWords, paragraphRange, percent, plural, relationLabel } from './wording.js';

/** Pairs strongest first: relation, then the larger coverage. */
export function rankPairs(pairs: readonly ScanPair[]): ScanPair[] {
  checkPairs(pairs, 'pairs');
  return rankViewPairs(pairs);
}

/** Options of `renderScanHtml`: the narrowing of `scanView`, and how much the page lists. */
export interface ScanHtmlOptions extends ScanViewOptions {
  /** Page title. Default "neardup scan". */
  title?: string;
  /** At most this many pairs get a side-by-side view (strongest first). Default 50. */
  maxComparisons?: number;
  /** At most this many clusters are listed (largest first). Default 500. */
  maxClusters?: number;
  /** At most this many pairs, and as many repeated blocks, are listed (strongest first). Default 1,000. */
  maxPairs?: number;
}

const NAME_CHARS = 90;
/** Members listed (and drawn on the timeline) per cluster; the rest are counted. */
const MAX_MEMBERS = 25;

/**
 * What a cluster member is to the cluster's original, in plain words: "rewrite of the original",
 * "exact copy of the original", or "linked through another member" when the two were not compared.
 */
export function clusterRole(pairs: ReadonlyMap<string, readonly ScanPair[]>, id: string, canonical: string, info?: ReadonlyMap<string, ArticleInfo>): string {
  if (!((pairs as unknown) instanceof Map)) throw new InvalidArgumentError(`pairs must be a Map of article id to its scan pairs (scanView's pairsByArticle), got ${describe(pairs)}`);
  assertString(id, 'id');
  assertString(canonical, 'canonical');
  if (info !== undefined && !((info as unknown) instanceof Map)) throw new InvalidArgumentError(`info must be a Map of article id to ArticleInfo, got ${describe(info)}`);
  const p = pairs.get(id)?.find((q) => (q.a === id && q.b === canonical) || (q.a === canonical && q.b === id));
  if (!p) return 'linked through another member';
  const c = p.comparison;
  const copy = c.direction === 'a-from-b' ? p.a : c.direction === 'b-from-a' ? p.b : undefined;
  // No direction (exact copies have none): the later-published one is the copy, when both are dated.
  const mine = info?.get(id)?.publishedAt;
  const theirs = info?.get(canonical)?.publishedAt;
  const later = mine !== undefined && theirs !== undefined && mine !== theirs ? mine > theirs : undefined;
  return memberRole(c.relation, c.alignments, copy === undefined ? later : copy === id);
}

/** The two sides of a pair as the reports show them: the original (or, unknown, the earlier-added `b`) on the left. */
export function orientPair(p: ScanPair): { left: string; right: string; comparison: Comparison; known: boolean } {
  const c = p.comparison;
  if (c.direction === 'b-from-a') return { left: p.a, right: p.b, comparison: c, known: true };
  return { left: p.b, right: p.a, comparison: mirrorComparison(c), known: c.direction === 'a-from-b' };
}

function shortName(id: string, info: ReadonlyMap<string, ArticleInfo> | undefined): string {
  const name = displayName(id, info?.get(id));
  return name.length > NAME_CHARS ? `${name.slice(0, NAME_CHARS - 1)}…` : name;
}

/** Lowercased words a filter matches: ids, titles and sources. */
function searchKey(ids: readonly string[], info: ReadonlyMap<string, ArticleInfo> | undefined): string {
  return ids
    .map((id) => {
      const i = info?.get(id);
      return `${id} ${i?.title ?? ''} ${i?.source ?? ''}`;
    })
    .join(' ')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

function sourcesOf(ids: readonly string[], info: ReadonlyMap<string, ArticleInfo> | undefined): string[] {
  const out = new Set<string>();
  for (const id of ids) {
    const s = info?.get(id)?.source?.replace(/[|\s]+/g, ' ').trim();
    if (s) out.add(s);
  }
  return [...out];
}

function filterAttrs(ids: readonly string[], relations: readonly Relation[], info: ReadonlyMap<string, ArticleInfo> | undefined): string {
  return (
    ` data-filter data-search="${escapeHtml(searchKey(ids, info))}" data-sources="${escapeHtml(sourcesOf(ids, info).join('|'))}"` +
    ` data-relations="${[...new Set(relations)].join(' ')}"`
  );
}

/** Why a pair is what it is, for one listed pair (names and dates from `info`, credits from `texts`). */
export function pairWhy(p: ScanPair, info: ReadonlyMap<string, ArticleInfo> | undefined, texts: ReadonlyMap<string, string> | undefined): PairWhy {
  const side = (id: string) => ({ name: shortName(id, info), text: texts?.get(id), publishedAt: info?.get(id)?.publishedAt });
  return explainPair(p.comparison, { a: side(p.a), b: side(p.b) });
}

/**
 * Renders a scan result as a self-contained HTML page (inline CSS, one inline filter script
 * allowed by its hash, no network); all text is escaped and only http(s) URLs become links.
 * Pairs whose texts are in `result.texts` get a side-by-side view with shared phrases marked.
 *
 * @example
 * ```ts
 * writeFileSync('scan.html', renderScanHtml({ articles: 5, clusters, pairs, repeats, texts, info }, { top: 100 }));
 * ```
 */
export function renderScanHtml(result: ScanResult, options: ScanHtmlOptions = {}): string {
  checkScanResult(result, 'result');
  assertOptions(options, 'renderScanHtml options');
  if (options.title !== undefined) assertString(options.title, 'options.title');
  if (options.maxComparisons !== undefined) assertInteger(options.maxComparisons, 'options.maxComparisons', 0);
  if (options.maxClusters !== undefined) assertInteger(options.maxClusters, 'options.maxClusters', 0);
  if (options.maxPairs !== undefined) assertInteger(options.maxPairs, 'options.maxPairs', 0);
  const title = options.title ?? 'neardup scan';
  const view = scanView(result, options);
  const info = result.info;
  const texts = result.texts ?? new Map<string, string>();
  const maxPairs = options.maxPairs ?? 1000;
  const maxClusters = options.maxClusters ?? 500;
  const listed = view.pairs.slice(0, maxPairs);
  const viewable = listed.filter((p) => texts.has(p.a) && texts.has(p.b));
  const shown = viewable.slice(0, options.maxComparisons ?? 50);
  const sectionOf = new Map<ScanPair, string>(shown.map((p, k) => [p, `pair-${k + 1}`]));
  const name = (id: string): string => shortName(id, info);

  const parts: string[] = [];
  parts.push(`<header><h1>${escapeHtml(title)}</h1><p class="lede">${escapeHtml(summarySentence(view))}</p>`);
  parts.push(renderSummary(view));
  parts.push(renderFilters(view, listed, info));
  parts.push(`${renderLegend()}</header>`);

  // Clusters
  const clusters = view.clusters.slice(0, maxClusters);
  parts.push(`<h2 id="clusters">Clusters: copies and rewrites of one text <small>largest first, then most recent</small></h2>`);
  if (view.clusters.length === 0) parts.push(`<p class="empty-note">No article copies or rewrites another.</p>`);
  clusters.forEach((c, k) => parts.push(renderCluster(c, k, view.pairsByArticle, sectionOf, info)));
  const moreClusters = view.summary.clusters - clusters.length;
  if (moreClusters > 0) parts.push(`<p class="empty-note">${plural(moreClusters, 'more cluster')} not listed here (smaller ones${options.top !== undefined || options.minWords !== undefined ? ', or left out by --top / --min-words' : ''}); the JSON output has them all.</p>`);

  // Pairs
  parts.push(`<h2 id="pairs">Pairs that share passages <small>strongest first</small></h2>`);
  if (listed.length === 0) parts.push(`<p class="empty-note">${result.pairs.length === 0 ? 'No two articles share a passage.' : 'No pair left after the filters.'}</p>`);
  else {
    const rows = listed.map((p) => {
      const c = p.comparison;
      const why = pairWhy(p, info, texts);
      const sentence = escapeHtml(describePair({ a: name(p.a), b: name(p.b), relation: c.relation, direction: c.direction, alignments: c.alignments }));
      const id = sectionOf.get(p);
      const bylines = [p.a, p.b].map((x) => articleByline(x, info?.get(x))).filter((s) => s !== '');
      return (
        `<tr${filterAttrs([p.a, p.b], [c.relation], info)}><td>${id ? `<a href="#${id}">${sentence}</a>` : sentence}${bylines.length ? `<small class="byline">${escapeHtml(bylines.join(' ↔ '))}</small>` : ''}</td>` +
        `<td>${escapeHtml(relationLabel(c.relation, c.alignments))}</td>` +
        `<td class="why">${why.direction ? `${escapeHtml(why.direction)}. ` : ''}<small>${escapeHtml(why.relation)}</small></td>` +
        `<td class="num">${percent(c.coverage.a)} / ${percent(c.coverage.b)}</td></tr>`
      );
    });
    parts.push(
      `<table class="pairs"><thead><tr><th>What</th><th>Relation</th><th>Why</th><th>Coverage (first / second)</th></tr></thead>` +
        `<tbody>${rows.join('')}</tbody></table>`,
    );
  }
  const unlisted = view.pairs.length - listed.length + view.hidden.pairs;
  if (unlisted > 0) parts.push(`<p class="empty-note">${plural(unlisted, 'more pair')} not listed here (weaker ones, or left out by the filters); the JSON output has them all.</p>`);

  if (view.duplicates.length > 0) {
    parts.push(`<h2 id="exact-copies">Exact copies, folded</h2>`);
    const rows = view.duplicates.map(
      (g) =>
        `<tr${filterAttrs([g.original, ...g.copies], ['duplicate'], info)}><td>${articleHead(g.original, info?.get(g.original))}</td><td class="num">${g.copies.length}</td>` +
        `<td>${escapeHtml(g.copies.slice(0, 8).map(name).join(', '))}${g.copies.length > 8 ? ' …' : ''}</td></tr>`,
    );
    parts.push(`<table><thead><tr><th>Text (first published)</th><th>Exact copies</th><th>Copies</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
  }

  parts.push(`<h2 id="repeats">Repeated blocks inside one article</h2>`);
  if (view.repeats.length === 0) parts.push(`<p class="empty-note">No article repeats a paragraph.</p>`);
  else {
    const rows = view.repeats.slice(0, maxPairs).map((r) => {
      const text = texts.get(r.id);
      const excerpt = text === undefined ? '' : firstWords(text.slice(r.secondSpan.start, r.secondSpan.end), 24);
      return (
        `<tr${filterAttrs([r.id], [], info)}><td>${articleHead(r.id, info?.get(r.id))}</td><td class="where">${paragraphRange(r.second.from, r.second.to)} ${r.paragraphs === 1 ? 'repeats' : 'repeat'} ${paragraphRange(r.first.from, r.first.to)}</td>` +
        `<td class="num">${r.paragraphs}</td><td>${escapeHtml(excerpt)}</td></tr>`
      );
    });
    parts.push(`<table><thead><tr><th>Article</th><th>Where</th><th>Paragraphs</th><th>Begins</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
    if (view.repeats.length > maxPairs) parts.push(`<p class="empty-note">${plural(view.repeats.length - maxPairs, 'more repeated block')} not listed here.</p>`);
  }

  if (shown.length > 0) parts.push(`<h2 id="side-by-side">Side by side <small>open a pair to read it; the original on the left when known</small></h2>`);
  const repeatsOf = new Map<string, ScanRepeat[]>();
  for (const r of result.repeats) {
    let list = repeatsOf.get(r.id);
    if (!list) repeatsOf.set(r.id, (list = []));
    list.push(r);
  }
  shown.forEach((p, k) => {
    const { left, right, comparison, known } = orientPair(p);
    const side = (id: string, role: 'original' | 'copy'): ReportSide => ({
      name: name(id),
      text: texts.get(id)!,
      repeats: repeatsOf.get(id) ?? [],
      info: info?.get(id),
      role: known ? role : undefined,
    });
    const a = side(left, 'original');
    const b = side(right, 'copy');
    const id = sectionOf.get(p)!;
    const why = pairWhy({ a: left, b: right, comparison }, info, texts);
    parts.push(
      `<details class="pair" id="${id}" data-left="${escapeHtml(left)}" data-right="${escapeHtml(right)}"${filterAttrs([p.a, p.b], [comparison.relation], info)}>` +
        `<summary><h2>${k + 1}. ${escapeHtml(pairHeadline(a, b, comparison))}</h2></summary>` +
        `<p class="lede">${escapeHtml(lede(a.name, b.name, comparison))}</p>` +
        `<p class="why"><b>Why:</b> ${why.direction ? `${escapeHtml(why.direction)}. ` : ''}${escapeHtml(why.relation)}.</p>` +
        renderFacts(a, b, comparison) +
        renderRows(a, b, comparison, `${anchorId(id)}-`) +
        `</details>`,
    );
  });
  if (viewable.length > shown.length) {
    parts.push(`<p class="empty-note">${plural(viewable.length - shown.length, 'more listed pair')} without a side-by-side view here: run neardup compare on the two files for one.</p>`);
  }
  parts.push(`<footer>Made by neardup. Coverage is the share of an article in passages that match the other article; marked phrases are word sequences both sides share.</footer>`);
  return htmlDocument(title, parts.join('\n'), 'neardup', SCAN_FILTER_SCRIPT);
}

function renderCluster(
  c: ClusterView,
  k: number,
  pairsOf: ReadonlyMap<string, readonly ScanPair[]>,
  sectionOf: ReadonlyMap<ScanPair, string>,
  info: ReadonlyMap<string, ArticleInfo> | undefined,
): string {
  const members = new Set(c.ids);
  const inside = (pairsOf.get(c.canonical) ?? []).concat(...c.members.filter((id) => id !== c.canonical).map((id) => pairsOf.get(id) ?? []));
  const relations = inside.filter((p) => members.has(p.a) && members.has(p.b)).map((p) => p.comparison.relation);
  const listed = c.members.slice(0, MAX_MEMBERS);
  const items = listed
    .map((id) => {
      const folded = c.folded.get(id);
      const extra = folded ? ` <span class="folded">+ ${plural(folded, 'exact copy', 'exact copies')}</span>` : '';
      if (id === c.canonical) return `<li>${articleHead(id, info?.get(id))} <span class="badge">original</span>${extra}</li>`;
      const pair = (pairsOf.get(id) ?? []).find((q) => (q.a === id && q.b === c.canonical) || (q.a === c.canonical && q.b === id));
      const view = pair && sectionOf.get(pair);
      const role = escapeHtml(clusterRole(pairsOf, id, c.canonical, info));
      return `<li>${articleHead(id, info?.get(id))} <span class="role">${view ? `<a href="#${view}">${role}</a>` : role}</span>${extra}</li>`;
    })
    .join('');
  const more = c.members.length - listed.length;
  const points = listed.flatMap((id) => {
    const i = info?.get(id);
    return i?.publishedAt === undefined ? [] : [{ time: i.publishedAt, label: i.source ?? id, original: id === c.canonical }];
  });
  const latest = c.latest === undefined ? '' : ` · latest ${new Date(c.latest).toISOString().slice(0, 10)}`;
  return (
    `<details class="cluster" id="cluster-${k + 1}"${k < 3 ? ' open' : ''}${filterAttrs(listed, relations, info)}>` +
    `<summary><b>${k + 1}.</b> ${articleHead(c.canonical, info?.get(c.canonical))} <span class="size">${plural(c.ids.length, 'article')}${latest}</span></summary>` +
    `<ul>${items}${more > 0 ? `<li class="more">and ${plural(more, 'more member')} (the JSON output lists them all)</li>` : ''}</ul>${timelineChart(points)}</details>`
  );
}

function summarySentence(v: ScanView): string {
  const s = v.summary;
  const skipped = s.skipped ? ` (${s.skipped} skipped)` : '';
  return (
    `${plural(s.articles, 'article')} scanned${skipped}: ${plural(s.clusters, 'cluster')} of copies, ` +
    `${plural(s.pairs, 'pair')} sharing passages, ${plural(s.repeats, 'repeated block')}.`
  );
}

function renderSummary(v: ScanView): string {
  const s = v.summary;
  const r = s.pairsByRelation;
  const fact = (term: string, value: string): string => `<div><dt>${term}</dt><dd>${value}</dd></div>`;
  const chart = clusterSizeChart(s.clusterSizes);
  return (
    `<dl class="facts summary">` +
    fact('Articles', `${s.articles}${s.skipped ? ` <small>${s.skipped} skipped</small>` : ''}`) +
    fact('Clusters of copies', `${s.clusters} <small>${plural(s.clusteredArticles, 'article')} in them</small>`) +
    fact('Pairs sharing passages', `${s.pairs} <small>${pairsByRelationWords(r)}</small>`) +
    fact('Repeated blocks', `${s.repeats} <small>inside one article</small>`) +
    `</dl>` +
    (chart ? `<figure class="chart-box">${chart}<figcaption>How many clusters have 2, 3, 4 … articles</figcaption></figure>` : '')
  );
}

function renderFilters(v: ScanView, listed: readonly ScanPair[], info: ReadonlyMap<string, ArticleInfo> | undefined): string {
  const ids = new Set<string>();
  for (const c of v.clusters) for (const id of c.ids) ids.add(id);
  for (const p of listed) {
    ids.add(p.a);
    ids.add(p.b);
  }
  const sources = sourcesOf([...ids], info).sort((x, y) => x.localeCompare(y));
  const relations: Relation[] = ['duplicate', 'near-duplicate', 'derived', 'related'];
  return (
    `<form class="filters" role="search" aria-label="filter the report" onsubmit="return false">` +
    `<label>Find <input id="f-text" type="search" placeholder="title, source or id" autocomplete="off"></label>` +
    `<label>Source <select id="f-source"><option value="">all sources</option>${sources.map((s) => `<option value="${escapeHtml(s)}">${escapeHtml(s)}</option>`).join('')}</select></label>` +
    `<label>Relation <select id="f-relation"><option value="">all relations</option>${relations.map((r) => `<option value="${r}">${escapeHtml(relationLabel(r))}</option>`).join('')}</select></label>` +
    `<output id="f-count" aria-live="polite"></output></form>`
  );
}

/** The first `n` words of a text, with an ellipsis if cut. */
export function firstWords(text: string, n: number): string {
  const words = text.trim().split(/\s+/);
  return words.length <= n ? words.join(' ') : `${words.slice(0, n).join(' ')} …`;
}
