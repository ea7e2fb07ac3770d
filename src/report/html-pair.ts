/**
 * One compared pair as HTML: the facts on top (relation, which is the copy, coverage, Jaccard),
 * then both articles side by side, paragraph by paragraph. Aligned paragraphs on the longest
 * order-keeping chain share a row (like a diff); every aligned paragraph is coloured by kind and
 * linked to its counterpart; repeated paragraphs inside one article are hatched and linked to
 * their first occurrence.
 */
import { sharedSpans, type Alignment, type AlignmentKind, type Comparison, type Repeat, type SharedSpans } from '../align/index.js';
import { splitParagraphs, type Paragraph } from '../text/index.js';
import { escapeHtml } from './escape.js';
import { articleHead } from './html-article.js';
import type { ArticleInfo } from './scan-types.js';
import { describePair, kindLabel, paragraphRange, percent, plural, relationLabel } from './wording.js';

/** One article of a pair, as the report shows it. */
export interface ReportSide {
  /** Shown name (an id or file name). */
  readonly name: string;
  readonly text: string;
  /** Repeated blocks inside this article (`findRepeats`). */
  readonly repeats: readonly Repeat[];
  /** Title, source, link and date, when known. */
  readonly info?: ArticleInfo | undefined;
  /** "original" or "copy", when known. */
  readonly role?: 'original' | 'copy' | undefined;
}

const KIND_RANK: Record<AlignmentKind, number> = { identical: 3, near: 2, rewrite: 1 };

/** What the report knows about one paragraph. */
interface ParagraphInfo {
  readonly paragraph: Paragraph;
  /** Alignments touching it (several when sentences were aligned). */
  readonly alignments: Alignment[];
  /** The earlier paragraph this one repeats, if it is a repetition. */
  repeatOf?: number;
  /** Later paragraphs repeating this one. */
  repeatedAs: number[];
}

function paragraphInfos(side: ReportSide, which: 'a' | 'b', comparison: Comparison): ParagraphInfo[] {
  const infos: ParagraphInfo[] = splitParagraphs(side.text).map((paragraph) => ({ paragraph, alignments: [], repeatedAs: [] }));
  for (const x of comparison.alignments) infos[x[which].paragraph]?.alignments.push(x);
  for (const r of side.repeats) {
    for (let k = 0; k <= r.second.to - r.second.from; k++) {
      const first = infos[r.first.from + k];
      const second = infos[r.second.from + k];
      if (!first || !second) continue;
      second.repeatOf = r.first.from + k;
      first.repeatedAs.push(r.second.from + k);
    }
  }
  return infos;
}

function strongest(alignments: readonly Alignment[]): Alignment | undefined {
  let best: Alignment | undefined;
  for (const x of alignments) if (!best || KIND_RANK[x.kind] > KIND_RANK[best.kind] || (x.kind === best.kind && x.similarity > best.similarity)) best = x;
  return best;
}

/** Paragraph pairs on the longest chain that keeps both orders: they share a row. */
function anchorPairs(comparison: Comparison): [number, number][] {
  const seen = new Set<string>();
  const pairs: [number, number][] = [];
  for (const x of comparison.alignments) {
    const key = `${x.a.paragraph}:${x.b.paragraph}`;
    if (!seen.has(key)) {
      seen.add(key);
      pairs.push([x.a.paragraph, x.b.paragraph]);
    }
  }
  // Longest chain strictly increasing on both sides: sort by a ascending (b descending within one
  // a, so one a paragraph is never used twice), then patience sorting on b, O(n log n).
  pairs.sort((p, q) => p[0] - q[0] || q[1] - p[1]);
  const tails: number[] = [];
  const previous = new Int32Array(pairs.length).fill(-1);
  for (let i = 0; i < pairs.length; i++) {
    const b = pairs[i]![1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pairs[tails[mid]!]![1] < b) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const chain: [number, number][] = [];
  for (let i = tails.length > 0 ? tails[tails.length - 1]! : -1; i >= 0; i = previous[i]!) chain.push(pairs[i]!);
  return chain.reverse();
}

/** Shared phrases of each alignment, computed once per pair. */
export type SharedOf = (x: Alignment) => SharedSpans;

/** A memoized `sharedSpans` over the alignments of one pair of texts. */
export function sharedOf(textA: string, textB: string): SharedOf {
  const memo = new Map<Alignment, SharedSpans>();
  return (x) => {
    let s = memo.get(x);
    if (!s) memo.set(x, (s = sharedSpans(textA, x.a, textB, x.b)));
    return s;
  };
}

/**
 * The text of a paragraph, escaped: phrases shared with the other side in `<mark>` (with their
 * offsets in `data-s`/`data-e`), and, when sentences were the unit, aligned sentences wrapped.
 */
function paragraphText(info: ParagraphInfo, which: 'a' | 'b', text: string, unit: Comparison['unit'], shared: SharedOf): string {
  const { start, end } = info.paragraph;
  const passages = info.alignments
    .map((x) => ({ start: Math.max(start, x[which].start), end: Math.min(end, x[which].end), kind: x.kind, marks: shared(x)[which] }))
    .filter((s) => s.end > s.start)
    .sort((x, y) => x.start - y.start);
  let out = '';
  let at = start;
  for (const s of passages) {
    if (s.start < at) continue;
    out += escapeHtml(text.slice(at, s.start));
    let inner = '';
    let k = s.start;
    for (const [ms, me] of s.marks) {
      if (ms < k || me > s.end) continue;
      inner += `${escapeHtml(text.slice(k, ms))}<mark class="m-${s.kind}" data-s="${ms}" data-e="${me}">${escapeHtml(text.slice(ms, me))}</mark>`;
      k = me;
    }
    inner += escapeHtml(text.slice(k, s.end));
    out += unit === 'sentence' ? `<span class="sent s-${s.kind}" title="${kindLabel(s.kind)}">${inner}</span>` : inner;
    at = s.end;
  }
  return out + escapeHtml(text.slice(at, end));
}

function renderParagraph(info: ParagraphInfo, which: 'a' | 'b', side: ReportSide, comparison: Comparison, prefix: string, shared: SharedOf, otherLabel: string): string {
  const other = which === 'a' ? 'b' : 'a';
  const n = info.paragraph.index;
  const best = strongest(info.alignments);
  const classes = ['para'];
  const meta: string[] = [`<span class="pnum">${paragraphRange(n)}</span>`];
  if (best) {
    classes.push('aligned', `k-${best.kind}`);
    meta.push(`<span class="tag t-${best.kind}">${kindLabel(best.kind)}</span>`);
    const targets = [...new Set(info.alignments.map((x) => x[other].paragraph))].sort((x, y) => x - y);
    for (const t of targets) {
      const x = info.alignments.find((y) => y[other].paragraph === t)!;
      meta.push(`<a class="link" href="#${prefix}${other}-${t}">matches ${otherLabel} ${paragraphRange(t)}</a>`);
      meta.push(`<span>${similarityWords(x)}</span>`);
    }
  } else if (info.repeatOf === undefined) {
    classes.push('unmatched');
  }
  if (info.repeatOf !== undefined) {
    classes.push('repeated');
    meta.push(`<span class="tag t-repeat">repeated</span>`);
    meta.push(`<a class="link repeat-link" href="#${prefix}${which}-${info.repeatOf}">same as ${paragraphRange(info.repeatOf)} above</a>`);
  }
  if (info.repeatedAs.length > 0) {
    classes.push('has-repeat');
    const links = info.repeatedAs.map((p) => `<a class="link" href="#${prefix}${which}-${p}">${paragraphRange(p)}</a>`).join(', ');
    meta.push(`<span>printed again as ${links}</span>`);
  }
  const kind = best ? ` data-kind="${best.kind}"` : '';
  return (
    `<div class="${classes.join(' ')}" id="${prefix}${which}-${n}" data-side="${which}" data-paragraph="${n}"${kind}>` +
    `<div class="pmeta">${meta.join(' ')}</div><p>${paragraphText(info, which, side.text, comparison.unit, shared)}</p></div>`
  );
}

function similarityWords(x: Alignment): string {
  if (x.kind === 'identical') return 'same words';
  if (x.kind === 'near') return `${percent(x.similarity)} same characters`;
  return `${percent(x.similarity)} shared phrases`;
}

/** The side-by-side rows of a pair. `prefix` keeps anchors unique when a page holds many pairs. */
export function renderRows(a: ReportSide, b: ReportSide, comparison: Comparison, prefix = ''): string {
  const infosA = paragraphInfos(a, 'a', comparison);
  const infosB = paragraphInfos(b, 'b', comparison);
  const shared = sharedOf(a.text, b.text);
  const cellA = (i: number): string => `<div class="cell a">${renderParagraph(infosA[i]!, 'a', a, comparison, prefix, shared, b.role ?? 'B')}</div>`;
  const cellB = (j: number): string => `<div class="cell b">${renderParagraph(infosB[j]!, 'b', b, comparison, prefix, shared, a.role ?? 'A')}</div>`;
  const blank = (which: 'a' | 'b'): string => `<div class="cell ${which} blank"></div>`;
  const rows: string[] = [];
  let i = 0;
  let j = 0;
  // Paragraphs between two rows of the chain share rows side by side, like a split diff; the
  // empty gutter (no arrow) says they are not matched to each other.
  const flush = (untilA: number, untilB: number): void => {
    while (i < untilA || j < untilB) {
      const left = i < untilA ? cellA(i++) : blank('a');
      const right = j < untilB ? cellB(j++) : blank('b');
      rows.push(`<div class="row">${left}<div class="gutter"></div>${right}</div>`);
    }
  };
  for (const [pa, pb] of anchorPairs(comparison)) {
    if (pa >= infosA.length || pb >= infosB.length) continue;
    flush(pa, pb);
    const x = strongest(infosA[pa]!.alignments.filter((y) => y.b.paragraph === pb))!;
    const gutter = `<div class="gutter"><span class="arrow" aria-hidden="true">⟷</span><span>${kindLabel(x.kind)}</span><span>${similarityWords(x)}</span></div>`;
    rows.push(`<div class="row anchored">${cellA(pa)}${gutter}${cellB(pb)}</div>`);
    i = pa + 1;
    j = pb + 1;
  }
  flush(infosA.length, infosB.length);
  const column = (letter: string, side: ReportSide, n: number): string =>
    `<div class="cell ${letter.toLowerCase()}">${side.role ? `<span class="role-${side.role}">${side.role === 'original' ? 'Original' : 'Copy'}</span>` : letter} · ${side.info ? articleHead(side.name, side.info) : escapeHtml(side.name)} <small>${plural(n, 'paragraph')}</small></div>`;
  const head = `<div class="row colhead">${column('A', a, infosA.length)}<div class="gutter"></div>${column('B', b, infosB.length)}</div>`;
  return `<div class="rows">${head}${rows.join('')}</div>`;
}

/** The headline sentence of a pair, e.g. "001 is a rewrite of 000". */
export function pairHeadline(a: ReportSide, b: ReportSide, comparison: Comparison): string {
  return describePair({ a: a.name, b: b.name, relation: comparison.relation, direction: comparison.direction, alignments: comparison.alignments });
}

/** The facts of a pair as a definition list. */
export function renderFacts(a: ReportSide, b: ReportSide, c: Comparison): string {
  const counts: Record<AlignmentKind, number> = { identical: 0, near: 0, rewrite: 0 };
  for (const x of c.alignments) counts[x.kind]++;
  const kinds = (['identical', 'near', 'rewrite'] as const)
    .filter((k) => counts[k] > 0)
    .map((k) => `${counts[k]} ${kindLabel(k)}`)
    .join(', ');
  const inOrder = Math.round(c.ordered * c.alignments.length);
  const copy =
    c.direction === 'a-from-b'
      ? `${escapeHtml(a.name)} (A) <small>copies ${escapeHtml(b.name)} (B), the original</small>`
      : c.direction === 'b-from-a'
        ? `${escapeHtml(b.name)} (B) <small>copies ${escapeHtml(a.name)} (A), the original</small>`
        : c.relation === 'derived' || c.relation === 'near-duplicate'
          ? 'Unclear <small>no dates, credits or coverage tell the original</small>'
          : 'Neither <small>not a copy</small>';
  const repeats = [a, b]
    .flatMap((side, k) =>
      side.repeats.map((r) => `${k === 0 ? 'A' : 'B'} (${escapeHtml(side.name)}): ${paragraphRange(r.second.from, r.second.to)} repeat ${paragraphRange(r.first.from, r.first.to)}`),
    )
    .join('; ');
  const fact = (term: string, value: string): string => `<div><dt>${term}</dt><dd>${value}</dd></div>`;
  return (
    `<dl class="facts">` +
    fact('Relation', `${escapeHtml(relationLabel(c.relation, c.alignments))} <small>label: ${c.relation}</small>`) +
    fact('Which is the copy', copy) +
    fact('Coverage of A', `${percent(c.coverage.a)} <small>of ${escapeHtml(a.name)} is in matching passages</small>`) +
    fact('Coverage of B', `${percent(c.coverage.b)} <small>of ${escapeHtml(b.name)} is in matching passages</small>`) +
    fact('Matching passages', `${c.alignments.length} <small>${c.alignments.length ? `${kinds}; ${inOrder === c.alignments.length ? 'all' : inOrder} in the same order` : 'none'}${c.unit === 'sentence' ? '; aligned by sentence' : ''}</small>`) +
    fact('Word overlap', `${c.jaccard.toFixed(2)} <small>Jaccard of 3-word phrases over the whole texts</small>`) +
    (repeats ? fact('Repeated inside', `${repeats}`) : '') +
    `</dl>`
  );
}

/** The colour legend. */
export function renderLegend(): string {
  const item = (cls: string, label: string, note: string): string =>
    `<span><span class="swatch ${cls}"></span><b>${label}</b> <span class="note">${note}</span></span>`;
  return (
    `<div class="legend" role="note">` +
    item('s-identical', 'identical', 'same words') +
    item('s-near', 'lightly edited', '≥ 80% same characters') +
    item('s-rewrite', 'reworded', 'same facts, shares phrases') +
    item('s-repeat', 'repeated', 'printed twice in one article') +
    item('s-none', 'no match', '') +
    `<span class="note">Links jump to the matching paragraph. Paragraphs (¶) are counted from 1.</span>` +
    `</div>`
  );
}
