/**
 * End-to-end scan of the corpora through the library — `new Detector()`, `add()` every document,
 * `clusters()` — timed at a quarter, half and all of the documents (≈ 6k/12k/24k on the full
 * corpora) to show how time per document grows; and, when dist/cli.cjs is built, the same scan
 * through `node dist/cli.cjs scan <jsonl> --format json`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Detector } from '../../src/index.js';
import { ROOT, type Doc } from '../lib/corpus.js';
import { newestMtime } from '../lib/files.js';
import { Rng, deriveSeed } from '../lib/rng.js';
import { collect, heapBytes, median } from '../lib/timing.js';
import { row, type BenchContext, type Row, type SectionResult, type Table } from '../lib/types.js';

const TARGET_SECONDS = 30;

interface Checkpoint {
  docs: number;
  addMs: number;
  /** Time inside the Detector's document LshIndex.query and PassageIndex.lookup, cumulative. */
  lshMs: number;
  passagesMs: number;
  clustersMs: number;
  matches: number;
  clusters: number;
  largestCluster: number;
}

/** One scan: a fresh Detector, `add()` in order, `clusters()` at each checkpoint (its time kept apart). */
async function scanOnce(docs: readonly Doc[], checkpoints: readonly number[]): Promise<{ checkpoints: Checkpoint[]; detector: Detector }> {
  const detector = new Detector();
  // time the two candidate sources by wrapping this instance's index methods (bench-only)
  const spent = { lsh: 0, passages: 0 };
  const documents = detector.documents;
  const passages = detector.passages;
  const query = documents.query.bind(documents);
  const lookup = passages.lookup.bind(passages);
  documents.query = async (...args: Parameters<typeof query>) => {
    const t = performance.now();
    const r = await query(...args);
    spent.lsh += performance.now() - t;
    return r;
  };
  passages.lookup = async (...args: Parameters<typeof lookup>) => {
    const t = performance.now();
    const r = await lookup(...args);
    spent.passages += performance.now() - t;
    return r;
  };
  const out: Checkpoint[] = [];
  let addMs = 0;
  let matches = 0;
  let next = 0;
  let t0 = performance.now();
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i]!;
    matches += (await detector.add({ id: d.id, text: d.text })).length;
    if (i + 1 === checkpoints[next]) {
      addMs += performance.now() - t0;
      const c0 = performance.now();
      const clusters = await detector.clusters();
      const clustersMs = performance.now() - c0;
      out.push({ docs: i + 1, addMs, lshMs: spent.lsh, passagesMs: spent.passages, clustersMs, matches, clusters: clusters.length, largestCluster: Math.max(0, ...clusters.map((c) => c.ids.length)) });
      next++;
      t0 = performance.now();
    }
  }
  return { checkpoints: out, detector };
}

interface CliRun {
  ms: number;
  status: number | null;
  articles?: number;
  clusters?: number;
  pairs?: number;
  repeats?: number;
  outputBytes?: number;
  stderr: string;
}

function runCli(cli: string, input: string, output: string, extra: readonly string[]): CliRun {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, 'scan', input, '--format', 'json', '-o', output, '--no-progress', ...extra], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  const stderr = r.stderr?.toString().trim().slice(0, 2000) ?? '';
  if (r.status !== 0 || !existsSync(output)) return { ms, status: r.status, stderr: stderr || String(r.error ?? '') };
  const outputBytes = statSync(output).size;
  const result = JSON.parse(readFileSync(output, 'utf8')) as { articles: number; clusters: unknown[]; pairs: unknown[]; repeats: unknown[] };
  rmSync(output);
  return { ms, status: r.status, articles: result.articles, clusters: result.clusters.length, pairs: result.pairs.length, repeats: result.repeats.length, outputBytes, stderr };
}

export async function run(ctx: BenchContext): Promise<SectionResult> {
  // every loaded document (briefs and empty bodies too: a scan takes what it is given), in a
  // seeded shuffle so that each prefix has the same mix of corpora and lengths
  const docs = new Rng(deriveSeed(ctx.seed, 'scan-e2e')).shuffle([...ctx.docs]);
  const n = docs.length;
  const checkpoints = [...new Set([Math.round(n / 4), Math.round(n / 2), n])].filter((k) => k > 0);
  const runs = ctx.scale.runs;

  ctx.log(`library scan of ${n} docs (checkpoints ${checkpoints.join(', ')}), warm-up on ${Math.min(1000, checkpoints[0]!)} + ${runs} runs`);
  await scanOnce(docs.slice(0, Math.min(1000, checkpoints[0]!)), [Math.min(1000, checkpoints[0]!)]);
  const results: Checkpoint[][] = [];
  let heapPerDoc = Number.NaN;
  let kept: Detector | undefined;
  for (let r = 0; r < runs; r++) {
    kept = undefined;
    collect();
    const before = heapBytes();
    const scan = await scanOnce(docs, checkpoints);
    results.push(scan.checkpoints);
    kept = scan.detector;
    if (r === 0) {
      // what the Detector of the whole corpus keeps (article texts excluded: the caller holds them)
      collect();
      heapPerDoc = (heapBytes() - before) / n;
    }
    ctx.log(`  run ${r + 1}/${runs}: ${results[r]!.map((c) => `${c.docs} docs ${((c.addMs + c.clustersMs) / 1000).toFixed(1)} s`).join(', ')}`);
  }
  kept = undefined;
  const deterministic = results.every((rs) => rs.every((c, i) => c.matches === results[0]![i]!.matches && c.clusters === results[0]![i]!.clusters));
  const sizes = checkpoints.map((k, i) => {
    const total = median(results.map((rs) => rs[i]!.addMs + rs[i]!.clustersMs));
    const add = median(results.map((rs) => rs[i]!.addMs));
    const clustersMs = median(results.map((rs) => rs[i]!.clustersMs));
    const prev = i === 0 ? 0 : checkpoints[i - 1]!;
    const segmentOf = (key: 'addMs' | 'lshMs' | 'passagesMs'): number => median(results.map((rs) => rs[i]![key] - (i === 0 ? 0 : rs[i - 1]![key])));
    const segment = segmentOf('addMs');
    const c = results[0]![i]!;
    return {
      docs: k,
      totalMs: total,
      addMs: add,
      clustersMs,
      usPerDoc: (total * 1000) / k,
      segment: `${prev.toLocaleString('en-US')}–${k.toLocaleString('en-US')}`,
      segmentUsPerDoc: (segment * 1000) / (k - prev),
      segmentLshUsPerDoc: (segmentOf('lshMs') * 1000) / (k - prev),
      segmentPassagesUsPerDoc: (segmentOf('passagesMs') * 1000) / (k - prev),
      matches: c.matches,
      segmentMatchesPerDoc: (c.matches - (i === 0 ? 0 : results[0]![i - 1]!.matches)) / (k - prev),
      clusters: c.clusters,
      largestCluster: c.largestCluster,
      runsMs: results.map((rs) => rs[i]!.addMs + rs[i]!.clustersMs),
    };
  });
  const last = sizes[sizes.length - 1]!;
  const first = sizes[0]!;
  const growth = last.usPerDoc / first.usPerDoc;
  const marginalGrowth = last.segmentUsPerDoc / first.segmentUsPerDoc;

  // ── the CLI on the same documents ──────────────────────────────────────────────────────────
  const cli = join(ROOT, 'dist', 'cli.cjs');
  let cliFigures:
    | { runs: CliRun[]; noRepeats: CliRun[]; medianMs: number; noRepeatsMedianMs: number; builtAt: string; srcNewer: boolean; version: string; failed?: string }
    | undefined;
  let cliSkipped: string | undefined;
  if (!existsSync(cli)) {
    cliSkipped = 'dist/cli.cjs is not built (npm run build)';
  } else {
    const dir = mkdtempSync(join(os.tmpdir(), 'neardup-bench-'));
    try {
      const input = join(dir, 'corpus.jsonl');
      writeFileSync(input, docs.map((d) => JSON.stringify({ id: d.id, text: d.text })).join('\n') + '\n');
      const output = join(dir, 'scan.json');
      // each full run is a ~20-s process: 3 runs (1 with --no-repeats) keep the full bench under 10 min
      const cliRuns = ctx.quick ? 1 : 3;
      const builtAt = statSync(cli).mtime.toISOString();
      const srcNewer = newestMtime(join(ROOT, 'src')) > statSync(cli).mtimeMs;
      const version = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' }).stdout?.trim() ?? '';
      ctx.log(`CLI: node dist/cli.cjs scan (${n} docs, ${cliRuns} runs, and 1 with --no-repeats)`);
      const withRepeats: CliRun[] = [];
      const noRepeats: CliRun[] = [];
      for (let r = 0; r < cliRuns; r++) {
        const f = runCli(cli, input, output, []);
        withRepeats.push(f);
        if (f.status !== 0) break;
        if (r === 0) noRepeats.push(runCli(cli, input, output, ['--no-repeats']));
        ctx.log(`  run ${r + 1}/${cliRuns}: ${(f.ms / 1000).toFixed(1)} s${r === 0 ? ` (--no-repeats ${(noRepeats[0]!.ms / 1000).toFixed(1)} s)` : ''}`);
      }
      const bad = [...withRepeats, ...noRepeats].find((f) => f.status !== 0);
      cliFigures = {
        runs: withRepeats,
        noRepeats,
        medianMs: median(withRepeats.map((f) => f.ms)),
        noRepeatsMedianMs: median(noRepeats.map((f) => f.ms)),
        builtAt,
        srcNewer,
        version,
        ...(bad ? { failed: `exit ${bad.status}: ${bad.stderr}` } : {}),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const rows: Row[] = [
    // the target is stated for the ~24k documents of both corpora; a smaller scan (--quick) carries none
    row(
      `library scan of ${last.docs.toLocaleString('en-US')} docs (add all + clusters)`,
      last.totalMs / 1000,
      's',
      last.docs >= 20_000 ? { op: '<=', value: TARGET_SECONDS, text: `≤ ${TARGET_SECONDS} s (24k docs, one core)` } : undefined,
    ),
    ...sizes.map((s) => row(`time per doc at ${s.docs.toLocaleString('en-US')} docs`, s.usPerDoc, 'µs/doc')),
    row(`growth of time per doc, ${first.docs.toLocaleString('en-US')} → ${last.docs.toLocaleString('en-US')} docs (1 = linear)`, growth, '×'),
    row(`growth of marginal time per doc, first → last segment`, marginalGrowth, '×'),
    row(`library scan throughput at ${last.docs.toLocaleString('en-US')} docs`, last.docs / (last.totalMs / 1000), 'docs/s'),
    row(`memory kept by the Detector at ${last.docs.toLocaleString('en-US')} docs, heap + ArrayBuffers`, heapPerDoc, 'bytes/doc'),
  ];
  if (cliFigures && !cliFigures.failed) {
    const f = cliFigures.runs[0]!;
    rows.push(
      row(`node dist/cli.cjs scan --format json, ${n.toLocaleString('en-US')} docs`, cliFigures.medianMs / 1000, 's'),
      row('… with --no-repeats', cliFigures.noRepeatsMedianMs / 1000, 's'),
      row('CLI ÷ library time', cliFigures.medianMs / last.totalMs, '×'),
      row('CLI clusters = library clusters', f.clusters === last.clusters && f.articles === n ? 'yes' : `no (${f.clusters} vs ${last.clusters})`, ''),
    );
  } else {
    rows.push(row('node dist/cli.cjs scan', 'not run', cliSkipped ?? cliFigures?.failed ?? ''));
  }
  const tables: Table[] = [
    {
      title: `Library scan by size (median of ${runs} runs; each prefix of one seeded shuffle of all documents)`,
      columns: ['docs', 'total s', 'add() s', 'clusters() ms', 'µs per doc', 'segment', 'marginal µs per doc', '… in LshIndex.query', '… in PassageIndex.lookup', '… rest (verify, prepare, insert)', 'matches per added doc (segment)', 'matches returned by add()', 'clusters', 'largest cluster'],
      rows: sizes.map((s) => [
        s.docs,
        s.totalMs / 1000,
        s.addMs / 1000,
        s.clustersMs,
        s.usPerDoc,
        s.segment,
        s.segmentUsPerDoc,
        s.segmentLshUsPerDoc,
        s.segmentPassagesUsPerDoc,
        s.segmentUsPerDoc - s.segmentLshUsPerDoc - s.segmentPassagesUsPerDoc,
        s.segmentMatchesPerDoc,
        s.matches,
        s.clusters,
        s.largestCluster,
      ]),
    },
  ];
  if (cliFigures && !cliFigures.failed) {
    const f = cliFigures.runs[0]!;
    tables.push({
      title: `CLI: node dist/cli.cjs scan <jsonl> --format json -o <file> (wall time of the process)`,
      columns: ['command', 'median s', 'runs s', 'articles', 'clusters', 'pairs', 'repeats', 'output MB'],
      rows: [
        ['scan', cliFigures.medianMs / 1000, cliFigures.runs.map((r) => (r.ms / 1000).toFixed(1)).join(', '), f.articles ?? '–', f.clusters ?? '–', f.pairs ?? '–', f.repeats ?? '–', (f.outputBytes ?? 0) / 1e6],
        ['scan --no-repeats', cliFigures.noRepeatsMedianMs / 1000, cliFigures.noRepeats.map((r) => (r.ms / 1000).toFixed(1)).join(', '), cliFigures.noRepeats[0]?.articles ?? '–', cliFigures.noRepeats[0]?.clusters ?? '–', cliFigures.noRepeats[0]?.pairs ?? '–', cliFigures.noRepeats[0]?.repeats ?? '–', (cliFigures.noRepeats[0]?.outputBytes ?? 0) / 1e6],
      ],
    });
  }
  const briefs = docs.filter((d) => d.words < 20).length;
  return {
    title: 'End-to-end scan: Detector over the whole corpus (library and CLI)',
    rows,
    tables,
    notes: [
      `Every loaded document (${n.toLocaleString('en-US')}, of ${[...new Set(docs.map((d) => d.corpus))].join(' and ')}; ${briefs.toLocaleString('en-US')} of them under 20 words, such as Reuters' identical "Blah blah blah." briefs, which form one large cluster) is shuffled once with a seeded generator, so that the first quarter, half and whole have the same mix of corpora and lengths. One run = \`new Detector()\` (defaults), \`await add()\` of each document in that order, and \`clusters()\` at ${checkpoints.map((k) => k.toLocaleString('en-US')).join(', ')} documents (its time is counted at its checkpoint, not in later ones). Medians of ${runs} runs after a warm-up scan of ${Math.min(1000, checkpoints[0]!).toLocaleString('en-US')} documents; one process, one core. Runs agree on matches and clusters: ${deterministic ? 'yes' : 'NO'}.`,
      `Time per document grows ${growth.toFixed(2)}× from ${first.docs.toLocaleString('en-US')} to ${last.docs.toLocaleString('en-US')} documents (the marginal cost of the last segment is ${marginalGrowth.toFixed(2)}× that of the first): ${growth <= 1.25 ? 'near-linear' : growth <= 1.6 ? 'mildly super-linear' : 'clearly super-linear'}. Where it goes, per added document, first → last segment: LshIndex.query ${first.segmentLshUsPerDoc.toFixed(0)} → ${last.segmentLshUsPerDoc.toFixed(0)} µs (a query visits every member of the buckets it hits, and the largest cluster — identical briefs — grows to ${last.largestCluster.toLocaleString('en-US')} members, so its queries cost O(cluster size) each and O(cluster²) in all); PassageIndex.lookup ${first.segmentPassagesUsPerDoc.toFixed(0)} → ${last.segmentPassagesUsPerDoc.toFixed(0)} µs (each query shingle walks its whole posting list, which grows with the corpus up to the 100-document boilerplate cut-off); the rest (preparing the text, verifying candidates with compare, inserting) ${(first.segmentUsPerDoc - first.segmentLshUsPerDoc - first.segmentPassagesUsPerDoc).toFixed(0)} → ${(last.segmentUsPerDoc - last.segmentLshUsPerDoc - last.segmentPassagesUsPerDoc).toFixed(0)} µs, as verified matches per added document rise from ${first.segmentMatchesPerDoc.toFixed(2)} to ${last.segmentMatchesPerDoc.toFixed(2)} and candidates fall out of the 2,048-entry prepared-text cache and are prepared again. The Detector of all ${n.toLocaleString('en-US')} documents keeps ${Math.round(heapPerDoc).toLocaleString('en-US')} bytes per document after gc (heap + ArrayBuffers; the texts themselves are the caller's strings and not counted), ${((heapPerDoc * n) / 2 ** 20).toFixed(0)} MiB in all.`,
      cliFigures
        ? cliFigures.failed
          ? `The CLI failed: ${cliFigures.failed}.`
          : `The CLI reads the same documents from a temporary JSONL file of {id, text} in the same order and writes its JSON report to a file (${(((cliFigures.runs[0]?.outputBytes ?? 0) / 1e6)).toFixed(0)} MB: every pair with its alignments); wall time of the process including Node start-up, median of ${cliFigures.runs.length} run${cliFigures.runs.length === 1 ? '' : 's'}${ctx.quick ? '' : ' (each a ~20-s process: fewer runs than elsewhere keep the full bench under 10 minutes)'}. By default scan also runs findRepeats on every article; one run with --no-repeats shows that share. dist/cli.cjs was built ${cliFigures.builtAt}${cliFigures.srcNewer ? ' and src/ has changed since: rebuild before trusting these figures' : ', after the last change in src/'}${cliFigures.version ? ` (neardup ${cliFigures.version})` : ''}.`
        : `The CLI was not timed: ${cliSkipped}.`,
    ],
    payload: { docs: n, checkpoints, runs, sizes, growth, marginalGrowth, deterministic, heapGarbagePerDoc: heapPerDoc, cli: cliFigures ?? { skipped: cliSkipped } },
  };
}
