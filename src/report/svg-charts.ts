/**
 * Small inline SVG charts for the scan report, made as strings on the server (no script, no
 * library): the distribution of cluster sizes as a bar chart over size bins, and a cluster's
 * timeline — who published when — as labelled dots on a time axis. Every label is escaped.
 */
import { escapeHtml } from './escape.js';

/** Size bins of the distribution: 2, 3, 4, 5–9, 10–19, 20–49, 50–99, 100+. */
const BINS: readonly (readonly [number, number, string])[] = [
  [2, 2, '2'],
  [3, 3, '3'],
  [4, 4, '4'],
  [5, 9, '5–9'],
  [10, 19, '10–19'],
  [20, 49, '20–49'],
  [50, 99, '50–99'],
  [100, Infinity, '100+'],
];

/** How many clusters fall in each size bin (bins with none left out at the tail). */
export function sizeBins(sizes: readonly number[]): { label: string; count: number }[] {
  if (sizes.length === 0) return [];
  const out = BINS.map(([lo, hi, label]) => ({ label, count: sizes.filter((s) => s >= lo && s <= hi).length }));
  while (out.length > 1 && out[out.length - 1]!.count === 0) out.pop();
  return out;
}

/** A bar chart of cluster sizes (from `sizeBins`): how many clusters have 2, 3, 4, 5–9 … articles. */
export function clusterSizeChart(bins: readonly { readonly label: string; readonly count: number }[]): string {
  if (bins.every((b) => b.count === 0)) return '';
  const max = Math.max(...bins.map((b) => b.count));
  const barW = 44;
  const gap = 10;
  const h = 110;
  const top = 18;
  const width = bins.length * (barW + gap) + gap;
  const height = top + h + 34;
  const bars = bins
    .map((b, i) => {
      const x = gap + i * (barW + gap);
      const bh = b.count === 0 ? 0 : Math.max(2, Math.round((b.count / max) * h));
      const y = top + h - bh;
      return (
        `<g><title>${escapeHtml(`${b.count} cluster${b.count === 1 ? '' : 's'} of ${b.label} articles`)}</title>` +
        `<rect x="${x}" y="${y}" width="${barW}" height="${bh}" class="bar"/>` +
        `<text x="${x + barW / 2}" y="${y - 4}" class="val">${b.count}</text>` +
        `<text x="${x + barW / 2}" y="${top + h + 14}" class="lab">${escapeHtml(b.label)}</text></g>`
      );
    })
    .join('');
  return (
    `<svg class="chart sizes" role="img" aria-label="${escapeHtml(`Cluster sizes: ${bins.map((b) => `${b.count} of ${b.label}`).join(', ')}`)}" ` +
    `viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
    `${bars}<line x1="${gap / 2}" y1="${top + h}" x2="${width - gap / 2}" y2="${top + h}" class="axis"/>` +
    `<text x="${width / 2}" y="${height - 4}" class="lab">articles per cluster</text></svg>`
  );
}

/** One article on a timeline. */
export interface TimelinePoint {
  /** ms since the epoch. */
  readonly time: number;
  /** Shown beside the dot (a source, or an id). */
  readonly label: string;
  readonly original: boolean;
}

/** A cluster's timeline: one dot per dated member on a time axis, the original filled dark. */
export function timelineChart(points: readonly TimelinePoint[]): string {
  if (points.length < 2) return '';
  const sorted = [...points].sort((x, y) => x.time - y.time);
  const t0 = sorted[0]!.time;
  const t1 = sorted[sorted.length - 1]!.time;
  const width = 560;
  const left = 16;
  const right = 160;
  const rowH = 16;
  const height = 30 + sorted.length * rowH;
  const span = t1 - t0 || 1;
  const xOf = (t: number): number => left + ((t - t0) / span) * (width - left - right);
  const fmt = (t: number): string => new Date(t).toISOString().slice(0, 16).replace('T', ' ');
  const dots = sorted
    .map((p, i) => {
      const x = xOf(p.time).toFixed(1);
      const y = 12 + i * rowH;
      return (
        `<g><title>${escapeHtml(`${p.label}: ${fmt(p.time)} UTC${p.original ? ' (original)' : ''}`)}</title>` +
        `<line x1="${x}" y1="${y}" x2="${x}" y2="${height - 18}" class="tick"/>` +
        `<circle cx="${x}" cy="${y}" r="5" class="${p.original ? 'dot original' : 'dot'}"/>` +
        `<text x="${Number(x) + 9}" y="${y + 4}" class="name">${escapeHtml(p.label.length > 28 ? `${p.label.slice(0, 27)}…` : p.label)}</text></g>`
      );
    })
    .join('');
  return (
    `<svg class="chart timeline" role="img" aria-label="${escapeHtml(`Timeline: ${sorted.map((p) => `${p.label} ${fmt(p.time)}`).join('; ')}`)}" ` +
    `viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<line x1="${left}" y1="${height - 18}" x2="${width - right}" y2="${height - 18}" class="axis"/>${dots}` +
    `<text x="${left}" y="${height - 4}" class="lab start">${escapeHtml(fmt(t0))}</text>` +
    `<text x="${width - right}" y="${height - 4}" class="lab end">${escapeHtml(fmt(t1))}</text></svg>`
  );
}
