/**
 * JSON shapes of what the commands find. Paragraph numbers are 0-based, as `splitParagraphs`
 * counts them; `direction` is as in `Comparison` ('a-from-b': a is the copy), and `copy` /
 * `original` name the two (null when neither is known to be the copy). Each alignment carries
 * `shared`: the phrases both sides share, as [start, end) character offsets of each text.
 */
import { describePair, findCredits, sharedSpans, type Alignment, type Comparison, type Credit, type Repeat, type ScanPair, type ScanRepeat } from '../index.js';
import type { ArticleInfo } from '../report/scan-types.js';
import type { ClusterView, ScanView } from '../report/scan-view.js';
import { clusterRole } from '../report/html-scan.js';
import { explainPair, isoDay, type PairWhy } from '../report/why.js';

/** What pair records can draw on: article texts (for shared phrases and credits) and article info. */
export interface RecordContext {
  readonly text: (id: string) => string | undefined;
  readonly info?: ReadonlyMap<string, ArticleInfo> | undefined;
  /** Credits by id, filled as found. */
  readonly credits?: Map<string, readonly Credit[]>;
}

/** The metadata of an article for JSON: title, source, url, publishedAt (ISO), only those known. */
export function metaRecord(info: ArticleInfo | undefined): Record<string, unknown> | undefined {
  if (!info) return undefined;
  const out: Record<string, unknown> = {};
  if (info.title !== undefined) out.title = info.title;
  if (info.source !== undefined) out.source = info.source;
  if (info.url !== undefined) out.url = info.url;
  if (info.publishedAt !== undefined) out.publishedAt = new Date(info.publishedAt).toISOString();
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Alignments with the phrases both sides share (offsets into each original text). */
export function alignmentsWithShared(textA: string | undefined, textB: string | undefined, alignments: readonly Alignment[]): unknown[] {
  if (textA === undefined || textB === undefined) return [...alignments];
  return alignments.map((x) => ({ ...x, shared: sharedSpans(textA, x.a, textB, x.b) }));
}

/**
 * The `why` of a pair: on what evidence the copy is the copy (`reason`: credit, published-later
 * or coverage; `agency` for a credit) and `text`, the same in words (absent when no side is the
 * copy). The calibrated `score` sits beside it, on the pair.
 */
export function whyRecord(why: PairWhy): Record<string, unknown> {
  return {
    reason: why.reason?.kind ?? null,
    ...(why.reason?.agency !== undefined ? { agency: why.reason.agency } : {}),
    ...(why.direction ? { text: why.direction } : {}),
  };
}

function creditsOf(ctx: RecordContext, id: string): readonly Credit[] | undefined {
  const cached = ctx.credits?.get(id);
  if (cached) return cached;
  const text = ctx.text(id);
  if (text === undefined) return undefined;
  const found = findCredits(text);
  ctx.credits?.set(id, found);
  return found;
}

/**
 * A verified pair found by `scan`, with why and shared phrases; with `withMeta` (JSONL lines,
 * which have no table of articles) also each side's title, source, url and date.
 */
export function pairRecord(p: ScanPair, ctx: RecordContext, withMeta = true): Record<string, unknown> {
  const c = p.comparison;
  const copy = c.direction === 'a-from-b' ? p.a : c.direction === 'b-from-a' ? p.b : null;
  const info = ctx.info;
  const side = (id: string) => ({ name: id, text: ctx.text(id), credits: creditsOf(ctx, id), publishedAt: info?.get(id)?.publishedAt });
  const why = explainPair(c, { a: side(p.a), b: side(p.b) });
  const metaA = withMeta ? metaRecord(info?.get(p.a)) : undefined;
  const metaB = withMeta ? metaRecord(info?.get(p.b)) : undefined;
  return {
    a: p.a,
    b: p.b,
    relation: c.relation,
    direction: c.direction,
    copy,
    original: copy === null ? null : copy === p.a ? p.b : p.a,
    summary: describePair({ a: p.a, b: p.b, relation: c.relation, direction: c.direction, alignments: c.alignments }),
    why: whyRecord(why),
    ...(why.score !== undefined ? { score: why.score } : {}),
    ...(metaA || metaB ? { meta: { a: metaA ?? {}, b: metaB ?? {} } } : {}),
    similarity: c.jaccard,
    coverage: c.coverage,
    ordered: c.ordered,
    unit: c.unit,
    alignments: alignmentsWithShared(ctx.text(p.a), ctx.text(p.b), c.alignments),
  };
}

/** A cluster as listed: ids, the original, and each shown member with its role and metadata. */
export function clusterRecord(c: ClusterView, pairs: ReadonlyMap<string, readonly ScanPair[]>, info: ReadonlyMap<string, ArticleInfo> | undefined): Record<string, unknown> {
  return {
    ids: c.ids,
    canonical: c.canonical,
    canonicalReason: c.canonicalReason,
    size: c.ids.length,
    ...(c.latest !== undefined ? { latest: new Date(c.latest).toISOString() } : {}),
    members: c.members.map((id) => ({
      id,
      role: id === c.canonical ? 'original' : clusterRole(pairs, id, c.canonical, info),
      ...metaRecord(info?.get(id)),
      ...(c.folded.has(id) ? { exactCopies: c.folded.get(id) } : {}),
    })),
  };
}

/** A repeated block, optionally with the article's metadata. */
export function repeatRecord(r: ScanRepeat | (Repeat & { id?: string }), info?: ReadonlyMap<string, ArticleInfo>): Record<string, unknown> {
  const meta = r.id !== undefined ? metaRecord(info?.get(r.id)) : undefined;
  return {
    ...(r.id !== undefined ? { id: r.id } : {}),
    ...(meta ? { meta } : {}),
    first: r.first,
    second: r.second,
    paragraphs: r.paragraphs,
    similarity: r.similarity,
    firstSpan: r.firstSpan,
    secondSpan: r.secondSpan,
  };
}

/** The summary of a scan for JSON: counts of everything found, and what the filters left out. */
export function summaryRecord(v: ScanView): Record<string, unknown> {
  return { ...v.summary, hidden: v.hidden };
}

/** The output of `compare --format json`. */
export function comparisonRecord(
  a: { name: string; path: string; text: string; publishedAt?: number | undefined },
  b: { name: string; path: string; text: string; publishedAt?: number | undefined },
  c: Comparison,
  repeats: { a: readonly Repeat[]; b: readonly Repeat[] },
): Record<string, unknown> {
  const why = explainPair(c, { a: { name: a.name, text: a.text, publishedAt: a.publishedAt }, b: { name: b.name, text: b.text, publishedAt: b.publishedAt } });
  const copy = c.direction === 'a-from-b' ? a.name : c.direction === 'b-from-a' ? b.name : null;
  return {
    a: { name: a.name, path: a.path, ...(a.publishedAt !== undefined ? { publishedAt: isoDay(a.publishedAt) } : {}) },
    b: { name: b.name, path: b.path, ...(b.publishedAt !== undefined ? { publishedAt: isoDay(b.publishedAt) } : {}) },
    summary: describePair({ a: a.name, b: b.name, relation: c.relation, direction: c.direction, alignments: c.alignments }),
    ...c,
    copy,
    original: copy === null ? null : copy === a.name ? b.name : a.name,
    why: whyRecord(why),
    alignments: alignmentsWithShared(a.text, b.text, c.alignments),
    repeats: { a: repeats.a.map((r) => repeatRecord(r)), b: repeats.b.map((r) => repeatRecord(r)) },
  };
}

const INLINE = '\u0000neardup-inline-';

/** Pretty JSON with a final newline; each alignment on one line (a pair has dozens of them). */
export function json(value: unknown): string {
  const inline: string[] = [];
  const text = JSON.stringify(
    value,
    (key, v: unknown) => (key === 'alignments' && Array.isArray(v) ? v.map((x) => `${INLINE}${inline.push(JSON.stringify(x)) - 1}`) : v),
    2,
  );
  if (inline.length === 0) return `${text}\n`;
  const markers = /"\\u0000neardup-inline-(\d+)"/g;
  // a text that happens to hold the marker itself: no inlining, plain pretty JSON
  if ((text.match(markers)?.length ?? 0) !== inline.length) return `${JSON.stringify(value, null, 2)}\n`;
  return `${text.replace(markers, (_, i: string) => inline[Number(i)]!)}\n`;
}

/** The metadata table of a JSON report: one entry per article named in it that has any. */
export function metaTable(ids: Iterable<string>, info: ReadonlyMap<string, ArticleInfo> | undefined): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const id of new Set(ids)) {
    const m = metaRecord(info?.get(id));
    if (m) out.push({ id, ...m });
  }
  return out;
}

/** One JSONL line. */
export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
