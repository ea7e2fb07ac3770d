/**
 * Reports: plain-language wording and self-contained HTML pages of comparisons and scans.
 * Re-exports only.
 */
export { renderComparisonHtml, type ComparisonHtmlOptions, type ReportArticle } from './html-comparison.js';
export { clusterRole, renderScanHtml, rankPairs, type ScanHtmlOptions } from './html-scan.js';
export type { ScanPair, ScanRepeat, ScanResult } from './scan-types.js';
export { describePair, kindLabel, paragraphRange, percent, relationLabel, type PairFacts } from './wording.js';
export { escapeHtml } from './escape.js';
