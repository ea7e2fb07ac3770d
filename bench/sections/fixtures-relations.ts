/**
 * The five fixture articles against fixtures/expected.json: compare()'s relation (and direction)
 * for each of the ten pairs, findRepeats' blocks for each article, and what a Detector fed the
 * five articles with their dates reports (pairs, clusters, canonical member).
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { compare, Detector, findRepeats, type Comparison } from '../../src/index.js';
import { ROOT } from '../lib/corpus.js';
import { row, type BenchContext, type Row, type SectionResult, type Table } from '../lib/types.js';

interface Span {
  from: number;
  to: number;
}
interface Expected {
  articles: { id: string; publishedAt?: string }[];
  pairs: { a: string; b: string; allowed: string[]; direction?: string }[];
  repeats: { id: string; first: Span; second: Span }[];
}

const span = (s: Span): string => (s.from === s.to ? `${s.from}` : `${s.from}–${s.to}`);
const block = (b: { first: Span; second: Span }): string => `${span(b.first)} = ${span(b.second)}`;
const mark = (ok: boolean): string => (ok ? '✓' : '✗ WRONG');
/** A right/wrong headline row. */
const check = (label: string, ok: boolean, detail: string): Row => ({ label, value: ok ? 'right' : 'wrong', unit: detail, target: 'right', pass: ok });

export async function run(ctx: BenchContext): Promise<SectionResult> {
  const path = join(ROOT, 'fixtures', 'expected.json');
  if (!existsSync(path) || ctx.fixtures.size < 5) throw new Error(`fixtures missing: need fixtures/articles/00[0-4]_*.txt and ${path}`);
  const expected = JSON.parse(readFileSync(path, 'utf8')) as Expected;
  const dates = new Map(expected.articles.map((a) => [a.id, a.publishedAt]));
  const text = (id: string): string => {
    const t = ctx.fixtures.get(id);
    if (t === undefined) throw new Error(`fixture ${id} not found in fixtures/articles`);
    return t;
  };
  const article = (id: string) => ({ text: text(id), publishedAt: dates.get(id) });

  // ── compare() per expected pair ────────────────────────────────────────────────────────────
  const comparisons = expected.pairs.map((p) => ({ p, c: compare(article(p.a), article(p.b)) as Comparison }));

  // ── findRepeats per article: exactly the listed blocks (none for unlisted articles) ────────
  const ids = [...ctx.fixtures.keys()].sort();
  const repeats = ids.map((id) => {
    const want = expected.repeats.filter((r) => r.id === id).map(block).sort();
    const got = findRepeats(text(id)).map(block).sort();
    return { id, want, got, ok: want.length === got.length && want.every((w, i) => w === got[i]) };
  });

  // ── Detector on the five, with their dates, in id order ───────────────────────────────────
  const detector = new Detector();
  const added: { id: string; matches: string[] }[] = [];
  for (const id of ids) {
    const m = await detector.add({ id, ...article(id) });
    added.push({ id, matches: m.map((x) => `${x.id} ${x.relation}${x.direction ? ` (${x.direction})` : ''}`) });
  }
  const edges = await detector.pairs();
  const clusters = await detector.clusters();
  const detRelation = (a: string, b: string): string => edges.find((e) => (e.a === a && e.b === b) || (e.a === b && e.b === a))?.relation ?? 'unrelated';
  const clusterOk = clusters.length === 1 && clusters[0]!.ids.join(',') === '000,001' && clusters[0]!.canonical === '000';
  const onlyRelated = ['002', '004'].every(
    (id) => !clusters.some((c) => c.ids.includes(id)) && edges.filter((e) => e.a === id || e.b === id).every((e) => e.relation === 'related'),
  );
  const onlyRelatedHaveEdges = ['002', '004'].every((id) => edges.some((e) => e.a === id || e.b === id));

  const pairRows = comparisons.map(({ p, c }) => {
    const relOk = p.allowed.includes(c.relation);
    const dirOk = p.direction === undefined || c.direction === p.direction;
    const det = detRelation(p.a, p.b);
    return { p, c, relOk, dirOk, det, detOk: p.allowed.includes(det) };
  });
  const pairsRight = pairRows.filter((r) => r.relOk && r.dirOk).length;
  const detRight = pairRows.filter((r) => r.detOk).length;
  const repeatsRight = repeats.filter((r) => r.ok).length;

  const tables: Table[] = [
    {
      title: 'compare() on each pair of fixtures/expected.json (with publishedAt), and the Detector’s verified pair',
      columns: ['pair', 'allowed', 'compare()', '', 'direction (expected)', 'alignments', 'coverage a / b', 'ordered', 'Jaccard', 'Detector', ''],
      rows: pairRows.map(({ p, c, relOk, dirOk, det, detOk }) => [
        `${p.a}–${p.b}`,
        p.allowed.join(' / '),
        c.relation,
        mark(relOk && dirOk),
        p.direction ? `${c.direction ?? 'none'} (${p.direction})` : (c.direction ?? '–'),
        c.alignments.length,
        `${c.coverage.a.toFixed(2)} / ${c.coverage.b.toFixed(2)}`,
        c.ordered,
        c.jaccard,
        det,
        mark(detOk),
      ]),
    },
    {
      title: 'findRepeats per article: blocks as first = second (paragraphs, 0-based, inclusive)',
      columns: ['article', 'expected', 'found', ''],
      rows: repeats.map((r) => [r.id, r.want.join('; ') || 'none', r.got.join('; ') || 'none', mark(r.ok)]),
    },
    {
      title: 'Detector.add() of 000…004 in order, with dates: what each matched',
      columns: ['article', 'publishedAt', 'matches (relation, direction)'],
      rows: added.map((a) => [a.id, dates.get(a.id) ?? '–', a.matches.join('; ') || 'none']),
    },
  ];
  const wrong = pairRows.filter((r) => !(r.relOk && r.dirOk)).map((r) => `${r.p.a}–${r.p.b} (${r.c.relation}, allowed ${r.p.allowed.join('/')})`);
  return {
    title: 'Fixtures: relations, direction, repeats and clusters vs fixtures/expected.json',
    rows: [
      row('pairs with an allowed relation (and the expected direction)', pairsRight, `of ${pairRows.length}`, { op: '>=', value: pairRows.length, text: `all ${pairRows.length}` }),
      row('articles whose findRepeats blocks are exactly the expected', repeatsRight, `of ${repeats.length}`, { op: '>=', value: repeats.length, text: `all ${repeats.length}` }),
      row('Detector: pairs with an allowed relation', detRight, `of ${pairRows.length}`, { op: '>=', value: pairRows.length, text: `all ${pairRows.length}` }),
      check('Detector: clusters = [{000, 001}], canonical 000', clusterOk, clusterOk ? '' : JSON.stringify(clusters)),
      check('Detector: 002 and 004 only related (no cluster, related pairs only)', onlyRelated && onlyRelatedHaveEdges, ''),
    ],
    tables,
    notes: [
      `Each of the ${pairRows.length} pairs of fixtures/expected.json is compared with \`compare({ text, publishedAt }, …)\`; a row is right when the relation is one of the pair's \`allowed\` labels and, where the file gives one (000–001: b-from-a), the direction matches. ${wrong.length ? `Wrong: ${wrong.join(', ')}.` : 'All are right.'} Figures are compare's own: alignments (one-to-one paragraph matches), coverage (share of each text's characters, internal repeats left out, covered by alignments), ordered (share of alignments on the longest order-keeping chain), and whole-text word 3-shingle Jaccard — 000–001 is derived at Jaccard ${pairRows[0]?.c.jaccard.toFixed(3) ?? '–'}, far below any whole-document threshold.`,
      `findRepeats must return exactly the blocks listed under \`repeats\` (001: 2–7 = 8–13, the pasted paragraphs; 002: the doubled headline; 003: the standfirst repeated as paragraph 8) and nothing for 000 and 004 (004's photo caption and credit line are listed as a near repeat that is not one). The Detector gets the five articles in id order with their publishedAt dates through \`add()\`; the expected outcome is one cluster {000, 001} with canonical 000 (the earlier), and 002 and 004 linked to others only as related. The Detector column is the relation of the pair it verified (\`pairs()\`), "unrelated" when it verified none.`,
    ],
    payload: {
      pairs: pairRows.map(({ p, c, relOk, dirOk, det, detOk }) => ({
        a: p.a,
        b: p.b,
        allowed: p.allowed,
        expectedDirection: p.direction ?? null,
        relation: c.relation,
        direction: c.direction,
        right: relOk && dirOk,
        alignments: c.alignments.length,
        coverage: c.coverage,
        ordered: c.ordered,
        jaccard: c.jaccard,
        containment: c.containment,
        unit: c.unit,
        detector: det,
        detectorRight: detOk,
      })),
      repeats,
      detector: { added, edges, clusters, clusterOk, onlyRelated: onlyRelated && onlyRelatedHaveEdges },
    },
  };
}
