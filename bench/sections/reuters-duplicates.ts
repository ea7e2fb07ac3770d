/**
 * The corpora's computed exact-duplicate groups as a check of LshIndex at threshold 0.8, and the
 * near-duplicate clusters it finds beyond them (union-find over result pairs), with their exact
 * Jaccard as a check of those pairs.
 */
import { LshIndex } from '../../src/index.js';
import { eligible, loadDuplicateGroups, type CorpusInfo, type Doc } from '../lib/corpus.js';
import { Rng, deriveSeed } from '../lib/rng.js';
import { excerpt, shinglesOf } from '../lib/shared.js';
import { componentsOf, exactJaccard, pairKey, UnionFind } from '../lib/sets.js';
import { median } from '../lib/timing.js';
import { row, type BenchContext, type Row, type SectionResult, type Table } from '../lib/types.js';

const THRESHOLD = 0.8;

interface CorpusOutcome {
  corpus: string;
  indexed: number;
  groups: number;
  groupsEvaluable: number;
  recalledStrict: number;
  recalledComponent: number;
  missed: string[][];
  resultPairs: number;
  beyondPairs: number;
  beyondExactJ: { median: number; atLeast08: number; atLeast05: number; identical: number };
  clusters: number;
  clusterDocs: number;
  newDocs: number;
  largestCluster: number;
  examples: { ids: string[]; size: number; excerpts: string[]; minExactJ: number }[];
}

async function evaluate(ctx: BenchContext, info: CorpusInfo): Promise<CorpusOutcome> {
  const all = ctx.docs.filter((d) => d.corpus === info.name);
  const byId = new Map(all.map((d) => [d.id, d]));
  const groups = loadDuplicateGroups(info);
  const evaluable = groups.filter((g) => g.ids.every((id) => byId.has(id)));
  const inGroup = new Map<string, number>();
  evaluable.forEach((g, gi) => g.ids.forEach((id) => inGroup.set(id, gi)));
  // index: docs of ≥ 20 words, plus every member of a group whatever its length
  const keep = new Set(eligible(all).map((d) => d.id));
  for (const id of inGroup.keys()) keep.add(id);
  const docs: Doc[] = all.filter((d) => keep.has(d.id));
  const slot = new Map(docs.map((d, i) => [d.id, i]));

  const index = new LshIndex({ threshold: THRESHOLD });
  const sigs = docs.map((d) => ctx.hasher.sign(d.text));
  for (let i = 0; i < docs.length; i++) await index.insert(docs[i]!.id, sigs[i]!);
  const found = docs.map(() => new Set<number>());
  const pairs = new Set<number>();
  for (let i = 0; i < docs.length; i++) {
    for (const m of await index.query(sigs[i]!)) {
      const j = slot.get(m.id)!;
      if (j === i) continue;
      found[i]!.add(j);
      pairs.add(pairKey(i, j));
    }
  }
  const uf = new UnionFind(docs.length);
  for (const k of pairs) uf.union(Math.floor(k / 67108864), k % 67108864);

  let strict = 0;
  let component = 0;
  const missed: string[][] = [];
  for (const g of evaluable) {
    const idx = g.ids.map((id) => slot.get(id)!);
    const ok = idx.every((i) => idx.every((j) => i === j || found[i]!.has(j)));
    if (ok) strict++;
    if (idx.every((i) => uf.find(i) === uf.find(idx[0]!))) component++;
    else if (missed.length < 5) missed.push([...g.ids]);
  }

  // pairs beyond the exact groups, and their exact Jaccard
  const beyond: number[] = [];
  for (const k of pairs) {
    const i = Math.floor(k / 67108864);
    const j = k % 67108864;
    const gi = inGroup.get(docs[i]!.id);
    if (gi !== undefined && gi === inGroup.get(docs[j]!.id)) continue;
    beyond.push(exactJaccard(shinglesOf(ctx, docs[i]!), shinglesOf(ctx, docs[j]!)));
  }
  const clusters = componentsOf(uf, docs.length, 2).filter((members) => {
    const g0 = inGroup.get(docs[members[0]!]!.id);
    return !(g0 !== undefined && members.every((m) => inGroup.get(docs[m]!.id) === g0));
  });
  const clusterDocs = clusters.reduce((s, c) => s + c.length, 0);
  const newDocs = clusters.reduce((s, c) => s + c.filter((m) => !inGroup.has(docs[m]!.id)).length, 0);

  // examples: the largest cluster and two seeded picks among the others
  const rng = new Rng(deriveSeed(ctx.seed, `dup-examples:${info.name}`));
  const picks = clusters.length <= 3 ? clusters : [clusters[0]!, ...rng.sampleIndexes(clusters.length - 1, 2).map((i) => clusters[i + 1]!)];
  const examples = picks.map((c) => {
    const shown = c.slice(0, 3);
    let minJ = 1;
    for (let a = 0; a < shown.length; a++) for (let b = a + 1; b < shown.length; b++) minJ = Math.min(minJ, exactJaccard(shinglesOf(ctx, docs[shown[a]!]!), shinglesOf(ctx, docs[shown[b]!]!)));
    return { ids: shown.map((m) => docs[m]!.rawId), size: c.length, excerpts: shown.map((m) => excerpt(docs[m]!.text)), minExactJ: minJ };
  });

  return {
    corpus: info.name,
    indexed: docs.length,
    groups: groups.length,
    groupsEvaluable: evaluable.length,
    recalledStrict: strict,
    recalledComponent: component,
    missed,
    resultPairs: pairs.size,
    beyondPairs: beyond.length,
    beyondExactJ: {
      median: median(beyond),
      atLeast08: beyond.length ? beyond.filter((j) => j >= 0.8).length / beyond.length : 1,
      atLeast05: beyond.length ? beyond.filter((j) => j >= 0.5).length / beyond.length : 1,
      identical: beyond.filter((j) => j === 1).length,
    },
    clusters: clusters.length,
    clusterDocs,
    newDocs,
    largestCluster: clusters[0]?.length ?? 0,
    examples,
  };
}

export async function run(ctx: BenchContext): Promise<SectionResult> {
  const withGroups = ctx.corpora.filter((c) => c.duplicatesPath);
  if (withGroups.length === 0) {
    return { title: 'Corpus exact-duplicate groups', rows: [], notes: ['Skipped: no loaded corpus has a computed_exact_duplicates.jsonl beside it.'], payload: { skipped: true } };
  }
  const outcomes: CorpusOutcome[] = [];
  for (const info of withGroups) {
    ctx.log(`duplicates of ${info.name}`);
    outcomes.push(await evaluate(ctx, info));
  }
  const rows: Row[] = [];
  for (const o of outcomes) {
    const recall = o.groupsEvaluable ? (o.recalledStrict / o.groupsEvaluable) * 100 : 100;
    rows.push(row(`${o.corpus}: exact groups recalled (every member finds every other)`, recall, '%', { op: '>=', value: 100, text: '100%' }));
    rows.push(row(`${o.corpus}: groups checked / in file`, `${o.groupsEvaluable} / ${o.groups}`, 'groups'));
    rows.push(row(`${o.corpus}: near-duplicate clusters beyond the exact groups`, o.clusters, `clusters (${o.clusterDocs} docs, ${o.newDocs} in no exact group)`));
    rows.push(row(`${o.corpus}: those pairs with exact J ≥ 0.8 / ≥ 0.5`, `${(o.beyondExactJ.atLeast08 * 100).toFixed(1)}% / ${(o.beyondExactJ.atLeast05 * 100).toFixed(1)}%`, `of ${o.beyondPairs} pairs`));
  }
  const tables: Table[] = outcomes.map((o) => ({
    title: `${o.corpus}: example clusters beyond the exact groups (up to 3 members shown; first 80 characters)`,
    columns: ['cluster size', 'id', 'text', 'min exact J (shown)'],
    rows: o.examples.flatMap((e) => e.ids.map((id, i) => [i === 0 ? e.size : '', id, e.excerpts[i]!, i === 0 ? e.minExactJ : ''])),
  }));
  return {
    title: `Corpus exact-duplicate groups and near-duplicate clusters (LshIndex at ${THRESHOLD})`,
    rows,
    tables,
    notes: [
      `Each corpus is indexed on its own at threshold ${THRESHOLD} (numPerm 128): its documents of ≥ 20 words plus every member of a computed exact-duplicate group; each document is then queried. A group is recalled when every member's query returns every other member. ${outcomes.map((o) => `${o.corpus}: ${o.recalledStrict} of ${o.groupsEvaluable} groups (${o.recalledComponent} joined in one cluster)${o.groupsEvaluable < o.groups ? `; ${o.groups - o.groupsEvaluable} groups have members outside the loaded docs` : ''}`).join('; ')}. Identical bodies give identical shingle sets and so identical signatures, so anything short of 100% would be a bug.`,
      `Beyond them, the result pairs (estimated J ≥ ${THRESHOLD}) are joined by union-find; clusters wholly inside one exact group are not counted. The exact Jaccard of every such pair checks the estimate: ${outcomes.map((o) => `${o.corpus} ${(o.beyondExactJ.atLeast08 * 100).toFixed(1)}% of ${o.beyondPairs} pairs have exact J ≥ 0.8 (median ${o.beyondExactJ.median.toFixed(2)}; ${o.beyondExactJ.identical} with J = 1), largest cluster ${o.largestCluster} docs`).join('; ')}. Pairs at J = 1 outside the groups have the same words but differ in what the groups' rule compares: punctuation such as \`<BTOM.MI>\` vs \`[BTOM.MI]\` in Reuters, the title in BBC (its groups compare title + body; the index signs bodies). In Reuters these are re-sent and corrected stories and templated items (earnings tables, "Shr … vs … Net …"), which really are near-identical text: these corpora have no labels that would tell a correction from a different company's earnings report.`,
    ],
    payload: { threshold: THRESHOLD, corpora: outcomes },
  };
}
