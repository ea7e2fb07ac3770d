/**
 * Human-readable tables for a terminal. Paragraphs (¶) are counted from 1 here, as readers count
 * them; the JSON outputs keep the library's 0-based numbers.
 */
import {
  describePair,
  splitParagraphs,
  type Comparison,
  type Repeat,
  type ScanResult,
} from '../index.js';
import { clusterRole, pairWhy } from '../report/html-scan.js';
import type { ArticleInfo } from '../report/scan-types.js';
import type { ScanView } from '../report/scan-view.js';
import { isoDay, scoreOf } from '../report/why.js';
import { kindLabel, pairsByRelationWords, paragraphRange, percent, relationLabel } from '../report/wording.js';
import { cut, pad, wrap, type Style } from './terminal.js';

/** An article in a table line: its title and source when known, else its id. */
function named(id: string, info: ReadonlyMap<string, ArticleInfo> | undefined): string {
  const i = info?.get(id);
  const title = i?.title?.replace(/\s+/g, ' ').trim();
  const extra = [i?.source, i?.publishedAt !== undefined ? isoDay(i.publishedAt) : undefined].filter((x) => x).join(', ');
  return `${title ? `"${title}" [${id}]` : id}${extra ? ` (${extra})` : ''}`;
}

/** What `scan` prints by default on a terminal: the summary first, then clusters, pairs (with why), exact copies folded, repeats. */
export function scanTable(r: ScanResult, view: ScanView, style: Style, width: number): string {
  const out: string[] = [];
  const info = r.info;
  const s = view.summary;
  const skipped = s.skipped ? ` (${s.skipped} skipped)` : '';
  out.push(
    style.bold(
      `Scanned ${count(s.articles, 'article')}${skipped}: ${count(s.clusters, 'cluster')} of copies, ` +
        `${count(s.pairs, 'pair')} sharing passages, ${count(s.repeats, 'repeated block')}.`,
    ),
  );
  const rel = s.pairsByRelation;
  if (s.pairs > 0) out.push(style.dim(`  pairs: ${pairsByRelationWords(rel)}`));
  if (view.hidden.clusters + view.hidden.pairs > 0) out.push(style.dim(`  not shown: ${count(view.hidden.clusters, 'cluster')}, ${count(view.hidden.pairs, 'pair')} (narrowed by --top, --relation, --min-words or --hide-duplicates)`));

  out.push('', style.bold('Clusters') + style.dim(' — copies and rewrites of one text, largest first, the original first'));
  if (view.clusters.length === 0) out.push(style.dim('  none: no article copies or rewrites another'));
  view.clusters.forEach((c, k) => {
    out.push(`${String(k + 1).padStart(4)}. ${style.bold(count(c.ids.length, 'article'))}`);
    for (const id of c.members) {
      const role = id === c.canonical ? 'original' : clusterRole(view.pairsByArticle, id, c.canonical, info);
      const folded = c.folded.get(id);
      out.push(wrap(`${named(id, info)} — ${role}${folded ? ` (+ ${folded} exact ${folded === 1 ? 'copy' : 'copies'})` : ''}`, width - 8, '        '));
    }
  });

  out.push('', style.bold('Pairs sharing passages') + style.dim(' — strongest first; coverage = share of each article in matching passages'));
  if (view.pairs.length === 0) out.push(style.dim('  none'));
  for (const p of view.pairs) {
    const c = p.comparison;
    const sentence = describePair({ a: named(p.a, info), b: named(p.b, info), relation: c.relation, direction: c.direction, alignments: c.alignments });
    out.push(`  ${wrap(sentence, width - 6, '      ').trimStart()}`);
    const order = c.alignments.length > 1 ? (c.ordered === 1 ? ', all in order' : `, ${Math.round(c.ordered * c.alignments.length)} in order`) : '';
    const score = scoreOf(c);
    out.push(style.dim(`      ${c.relation}${score === undefined ? '' : ` (score ${score.toFixed(2)})`} · ${count(c.alignments.length, `matching ${c.unit}`)}${order} · Jaccard ${c.jaccard.toFixed(2)}`));
    out.push(style.dim(wrap(`coverage: ${percent(c.coverage.a)} of ${p.a}, ${percent(c.coverage.b)} of ${p.b}`, width - 6, '      ')));
    const why = pairWhy(p, info, r.texts);
    if (why.direction) out.push(style.dim(wrap(`why: ${why.direction}`, width - 6, '      ')));
  }

  if (view.duplicates.length > 0) {
    out.push('', style.bold('Exact copies, folded') + style.dim(' — one line per text'));
    for (const d of view.duplicates) out.push(wrap(`${named(d.original, info)} and ${count(d.copies.length, 'exact copy', 'exact copies')}: ${d.copies.slice(0, 6).join(', ')}${d.copies.length > 6 ? ', …' : ''}`, width - 4, '    ').replace(/^ {4}/, '  '));
  }

  out.push('', style.bold('Repeated blocks inside one article') + style.dim(' — ¶ counted from 1'));
  if (view.repeats.length === 0) out.push(style.dim('  none'));
  const idWidth = Math.min(40, Math.max(0, ...view.repeats.map((x) => x.id.length)));
  for (const x of view.repeats) out.push(`  ${pad(x.id, idWidth)}  ${repeatLine(x)}`);
  return `${out.join('\n')}\n`;
}

/** "¶9–14 repeat ¶3–8   (6 paragraphs, identical)". */
export function repeatLine(x: Repeat): string {
  const verb = x.paragraphs === 1 ? 'repeats' : 'repeat';
  const how = x.similarity === 1 ? 'identical' : `≥ ${percent(x.similarity)} same characters`;
  return `${paragraphRange(x.second.from, x.second.to)} ${verb} ${paragraphRange(x.first.from, x.first.to)}  (${count(x.paragraphs, 'paragraph')}, ${how})`;
}

/** What `compare` prints by default on a terminal. */
export function comparisonTable(
  a: { name: string; text: string; repeats: readonly Repeat[] },
  b: { name: string; text: string; repeats: readonly Repeat[] },
  c: Comparison,
  style: Style,
  width: number,
): string {
  const out: string[] = [];
  const pa = splitParagraphs(a.text);
  const pb = splitParagraphs(b.text);
  const side = (label: string, s: typeof a, n: number): string => {
    const reps = s.repeats.map((x) => `${paragraphRange(x.second.from, x.second.to)} repeat ${paragraphRange(x.first.from, x.first.to)}`);
    return `${label}  ${s.name}  ${style.dim(`(${count(n, 'paragraph')}${reps.length ? `; ${reps.join('; ')}` : ''})`)}`;
  };
  out.push(side('A', a, pa.length), side('B', b, pb.length), '');
  out.push(style.bold(`${describePair({ a: a.name, b: b.name, relation: c.relation, direction: c.direction, alignments: c.alignments })}.`));
  const copy = c.direction === 'a-from-b' ? 'A is the copy, B the original' : c.direction === 'b-from-a' ? 'B is the copy, A the original' : 'none';
  const fact = (k: string, v: string, note = ''): string => `  ${k.padEnd(10)} ${v}${note ? style.dim(`  ${note}`) : ''}`;
  out.push(
    fact('relation', `${c.relation} (${relationLabel(c.relation, c.alignments)})`),
    fact('direction', c.direction ?? 'none', copy === 'none' ? '' : copy),
    fact('coverage', `A ${percent(c.coverage.a)} · B ${percent(c.coverage.b)}`, 'share of each text in matching passages, repeats not counted'),
    fact('jaccard', c.jaccard.toFixed(3), 'whole-text overlap of word shingles'),
    fact('aligned', `${count(c.alignments.length, c.unit)}${c.alignments.length > 1 ? `, ${percent(c.ordered)} in order` : ''}`),
    '',
  );
  if (c.alignments.length === 0) {
    out.push(style.dim('  No passage of one text matches the other.'));
    return `${out.join('\n')}\n`;
  }
  const fixed = 2 + 5 + 2 + 5 + 2 + 14 + 2 + 5 + 2 + 3;
  const textWidth = Math.max(16, Math.floor((width - fixed) / 2));
  out.push(style.bold(`  ${'A ¶'.padStart(5)}  ${'B ¶'.padStart(5)}  ${pad('kind', 14)}  ${'sim'.padStart(5)}  ${pad('A begins', textWidth)}   ${pad('B begins', textWidth)}`.trimEnd()));
  for (const x of c.alignments) {
    const ta = a.text.slice(x.a.start, x.a.end);
    const tb = b.text.slice(x.b.start, x.b.end);
    out.push(
      `  ${String(x.a.paragraph + 1).padStart(5)}  ${String(x.b.paragraph + 1).padStart(5)}  ${pad(kindLabel(x.kind), 14)}  ${x.similarity.toFixed(2).padStart(5)}  ${pad(ta, textWidth)}   ${cut(tb, textWidth)}`,
    );
  }
  out.push(style.dim(`  ¶ counted from 1; sim = ${c.alignments.some((x) => x.kind !== 'rewrite') ? 'edit similarity (identical, lightly edited) or ' : ''}shared-phrase Jaccard (reworded)`));
  return `${out.join('\n')}\n`;
}

/** What `repeats` prints by default on a terminal. */
export function repeatsTable(name: string, text: string, repeats: readonly Repeat[], style: Style, width: number): string {
  const out: string[] = [style.bold(`${name}: ${count(repeats.length, 'repeated block')}`) + style.dim(' (¶ counted from 1)')];
  if (repeats.length === 0) out.push(style.dim('  No paragraph is printed twice.'));
  const paragraphs = splitParagraphs(text);
  for (const x of repeats) {
    out.push('', `  ${repeatLine(x)}`);
    for (let k = 0; k < x.paragraphs; k++) {
      const second = x.second.from + k;
      const first = x.first.from + k;
      const p = paragraphs[second];
      if (!p) continue;
      const label = `${paragraphRange(second)} = ${paragraphRange(first)}`;
      out.push(`    ${style.bold(label)}`);
      out.push(style.dim(wrap(p.text, width - 8, '        ')));
    }
  }
  return `${out.join('\n')}\n`;
}

function count(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}
