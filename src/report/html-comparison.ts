/**
 * `renderComparisonHtml`: the comparison of two articles as one self-contained HTML page —
 * facts on top, a legend, then both articles side by side with aligned paragraphs coloured by
 * kind and linked to each other, and repeated paragraphs marked.
 */
import type { Comparison, Repeat } from '../align/index.js';
import { findRepeats, mirrorComparison } from '../align/index.js';
import { escapeHtml } from './escape.js';
import type { ArticleInfo } from './scan-types.js';
import { explainPair } from './why.js';
import { checkComparison, checkReportArticle } from './checks.js';
import { assertOptions, assertRecord, assertString } from '../validate.js';
import { htmlDocument } from './html-document.js';
import { pairHeadline, renderFacts, renderLegend, renderRows, type ReportSide } from './html-pair.js';

/** An article given to the report: its text and, optionally, the name to show and what is known of it. */
export interface ReportArticle {
  /** Shown name; defaults to "A" / "B". */
  readonly id?: string | undefined;
  readonly text: string;
  /** Title, source, link (http/https only) and date (ms), shown above its column. */
  readonly info?: ArticleInfo | undefined;
}

/** Options of `renderComparisonHtml`. */
export interface ComparisonHtmlOptions {
  /** Page title; defaults to the headline ("B is a rewrite of A"). */
  title?: string;
  /** Repeated blocks inside each article; computed with `findRepeats` when not given. */
  repeats?: { a?: readonly Repeat[]; b?: readonly Repeat[] };
}

/** Builds the report's view of one side. */
export function reportSide(article: ReportArticle, fallback: string, repeats: readonly Repeat[] | undefined, role?: 'original' | 'copy'): ReportSide {
  const name = article.id !== undefined && article.id !== '' ? article.id : fallback;
  return { name, text: article.text, repeats: repeats ?? findRepeats(article.text), info: article.info, role };
}

/**
 * Renders the comparison of two articles as a self-contained HTML page (inline CSS, no scripts,
 * no network). All article text is escaped. Paragraph blocks carry `data-side` ("a"/"b"),
 * `data-paragraph` (0-based) and ids `a-<n>` / `b-<n>`; aligned ones have the class `aligned`
 * and `data-kind`; repetitions inside an article have the class `repeated`.
 *
 * @param a - the first article (`comparison`'s a): `{ id?, text }`.
 * @param b - the second article.
 * @param comparison - what `compare(a.text, b.text)` returned.
 * @example
 * ```ts
 * const html = renderComparisonHtml({ id: '000', text: wire }, { id: '001', text: rewrite }, compare(wire, rewrite));
 * writeFileSync('report.html', html);
 * ```
 */
export function renderComparisonHtml(a: ReportArticle, b: ReportArticle, given: Comparison, options: ComparisonHtmlOptions = {}): string {
  checkReportArticle(a, 'a');
  checkReportArticle(b, 'b');
  checkComparison(given, 'comparison');
  assertOptions(options, 'renderComparisonHtml options');
  if (options.title !== undefined) assertString(options.title, 'options.title');
  if (options.repeats !== undefined) assertRecord(options.repeats, 'options.repeats', '{ a?, b? } arrays of Repeat');
  // The original on the left when known, as in the scan report; else a, as given.
  const swap = given.direction === 'a-from-b';
  const known = given.direction !== null;
  const comparison = swap ? mirrorComparison(given) : given;
  const sideA = reportSide(swap ? b : a, swap ? 'B' : 'A', swap ? options.repeats?.b : options.repeats?.a, known ? 'original' : undefined);
  const sideB = reportSide(swap ? a : b, swap ? 'A' : 'B', swap ? options.repeats?.a : options.repeats?.b, known ? 'copy' : undefined);
  const headline = pairHeadline(sideA, sideB, comparison);
  const why = explainPair(comparison, {
    a: { name: sideA.name, text: sideA.text, publishedAt: sideA.info?.publishedAt },
    b: { name: sideB.name, text: sideB.text, publishedAt: sideB.info?.publishedAt },
  });
  const body =
    `<header><h1>${escapeHtml(headline)}</h1>` +
    `<p class="lede">A: ${escapeHtml(sideA.name)} · B: ${escapeHtml(sideB.name)}. ${escapeHtml(lede(sideA.name, sideB.name, comparison))}</p>` +
    `<p class="why"><b>Why:</b> ${why.direction ? `${escapeHtml(why.direction)}. ` : ''}${escapeHtml(why.relation)}.</p>` +
    renderFacts(sideA, sideB, comparison) +
    renderLegend() +
    `</header><section class="pair" aria-label="side-by-side comparison">${renderRows(sideA, sideB, comparison)}</section>` +
    `<footer>Made by neardup. Matching passages are found paragraph by paragraph; coverage does not count paragraphs an article repeats.</footer>`;
  return htmlDocument(options.title ?? headline, body);
}

/** One or two sentences explaining the numbers in plain words. */
export function lede(nameA: string, nameB: string, c: Comparison): string {
  const n = c.alignments.length;
  if (n === 0) return 'No paragraph of one article matches a paragraph of the other.';
  const order = c.ordered === 1 ? (n > 1 ? ', all in the same order' : '') : `, ${Math.round(c.ordered * n)} of them in the same order`;
  const unit = c.unit === 'sentence' ? 'sentence' : 'paragraph';
  return (
    `${n} ${unit}${n === 1 ? '' : 's'} of ${nameA} and ${nameB} match${n === 1 ? 'es' : ''} one another${order}. ` +
    `Matching passages make up ${Math.round(c.coverage.a * 100)}% of ${nameA} and ${Math.round(c.coverage.b * 100)}% of ${nameB}.`
  );
}
