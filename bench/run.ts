/**
 * The neardup benchmark: `npm run bench` (full, about 35 min on 2 cores) or `npm run bench -- --quick`
 * (2,000 docs; CI runs its fixtures-relations and compare sections to prove the bench still works). Writes results.md and
 * results.json (results-quick.* under --quick, so a smoke run never overwrites the full figures).
 *
 *   --quick              2,000 corpus docs (split across corpora) and a 10k-signature index
 *   --corpus <jsonl>     a corpus to load instead of the shared ones (repeatable)
 *   --out <dir>          where to write results (default: bench/)
 *   --only <section>     run only these sections (repeatable); their figures replace the same
 *                        sections in the existing results file, the others are kept
 *   --seed <n>           seed of every generated input (default 20240623)
 *
 * To add a section: write bench/sections/<name>.ts exporting `run(ctx): Promise<SectionResult>`
 * (see bench/lib/types.ts), then add `{ name, load: () => import('./sections/<name>.js') }` to
 * SECTIONS below, or replace a pending slot's `pending` with `load`.
 */
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { MinHasher } from '../src/index.js';
import { balancedSample, DEFAULT_CORPORA, fixtureDocs, loadCorpus, loadFixtures, ROOT, type CorpusInfo, type Doc } from './lib/corpus.js';
import { machineInfo } from './lib/machine.js';
import { writeReport, type BenchReport, type SectionRecord } from './lib/report.js';
import { canCollect } from './lib/timing.js';
import type { BenchContext, Scale, SectionModule } from './lib/types.js';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';

interface SectionEntry {
  readonly name: string;
  /** Loads the section module; absent while the section waits for code that is not written yet. */
  readonly load?: () => Promise<SectionModule>;
  /** What a pending section waits for (listed in results.md under "Sections still to come"). */
  readonly pending?: string;
}

/** Every section, in report order. */
export const SECTIONS: readonly SectionEntry[] = [
  { name: 'signing', load: () => import('./sections/signing.js') },
  { name: 'lsh', load: () => import('./sections/lsh.js') },
  { name: 'exact-reference', load: () => import('./sections/exact-reference.js') },
  { name: 'reuters-duplicates', load: () => import('./sections/reuters-duplicates.js') },
  { name: 'synthetic', load: () => import('./sections/synthetic.js') },
  { name: 'fixtures-relations', load: () => import('./sections/fixtures-relations.js') },
  { name: 'compare', load: () => import('./sections/compare.js') },
  { name: 'quality', load: () => import('./sections/quality.js') },
  { name: 'detector-synthetic', load: () => import('./sections/detector-synthetic.js') },
  { name: 'scan-e2e', load: () => import('./sections/scan-e2e.js') },
  { name: 'parallel', load: () => import('./sections/parallel.js') },
  { name: 'scan-report', load: () => import('./sections/scan-report.js') },
  { name: 'redis', load: () => import('./sections/redis.js') },
  { name: 'redis-cluster', load: () => import('./sections/redis-cluster.js') },
  { name: 'corpus-checks', load: () => import('./sections/corpus-checks.js') },
  { name: 'startup', load: () => import('./sections/startup.js') },
  { name: 'scripts', load: () => import('./sections/scripts.js') },
  { name: 'archive-clusters', load: () => import('./sections/archive-clusters.js') },
  { name: 'archive-cost', load: () => import('./sections/archive-cost.js') },
  { name: 'faults', load: () => import('./sections/faults.js') },
];

const QUICK_DOCS = 2000;

const FULL: Scale = { runs: 5, lshIndexSize: 100_000, lshQueries: 10_000, exactDocs: 2000, syntheticSources: 1000, peerSample: 1200 };
const QUICK: Scale = { runs: 5, lshIndexSize: 10_000, lshQueries: 2000, exactDocs: 1000, syntheticSources: 200, peerSample: 150 };

/**
 * With --only, the sections just run replace their namesakes in the existing results file, and
 * every other section keeps its last measured figures (each record says when it was measured).
 */
function mergeSections(jsonPath: string, fresh: readonly SectionRecord[]): SectionRecord[] {
  if (!existsSync(jsonPath)) return [...fresh];
  const previous = (JSON.parse(readFileSync(jsonPath, 'utf8')) as BenchReport).sections;
  const byName = new Map(previous.map((r) => [r.name, r]));
  for (const r of fresh) byName.set(r.name, r);
  return SECTIONS.map((s) => byName.get(s.name)).filter((r): r is SectionRecord => r !== undefined);
}

function log(message: string): void {
  process.stderr.write(`[bench ${(performance.now() / 1000).toFixed(1).padStart(6)}s] ${message}\n`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      corpus: { type: 'string', multiple: true },
      out: { type: 'string', default: join(ROOT, 'bench') },
      only: { type: 'string', multiple: true },
      seed: { type: 'string', default: '20240623' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write('usage: npm run bench -- [--quick] [--corpus <jsonl>]... [--out <dir>] [--only <section>]... [--seed <n>]\n');
    process.stdout.write(`sections: ${SECTIONS.map((s) => s.name + (s.pending ? ' (pending)' : '')).join(', ')}\n`);
    return 0;
  }
  const quick = values.quick!;
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`--seed must be an integer in [0, 2^32), got ${values.seed}`);
  const only = values.only;
  if (only) {
    const unknown = only.filter((n) => !SECTIONS.some((s) => s.name === n));
    if (unknown.length) throw new Error(`unknown section(s) ${unknown.join(', ')}; known: ${SECTIONS.map((s) => s.name).join(', ')}`);
  }
  if (!canCollect) log('warning: gc() is not exposed; run through `npm run bench` (node --expose-gc)');

  const started = performance.now();
  const loadStart = os.loadavg()[0]!;
  const missing = values.corpus ? [] : DEFAULT_CORPORA.filter((p) => !existsSync(p));
  for (const path of missing) log(`missing: ${path} (the shared corpus beside the repository); sections that need it report fewer documents or are skipped. Pass --corpus <jsonl> to use another.`);
  const paths = values.corpus?.map((p) => resolve(p)) ?? DEFAULT_CORPORA.filter((p) => existsSync(p));
  const corpora: CorpusInfo[] = [];
  let docs: Doc[] = [];
  for (const path of paths) {
    const limit = quick ? Math.ceil(QUICK_DOCS / paths.length) : Infinity;
    const { info, docs: loaded } = loadCorpus(path, limit);
    corpora.push(info);
    docs.push(...loaded);
    log(`loaded ${info.loaded} of ${info.records} docs from ${info.name} (mean ${info.meanWords.toFixed(0)} words)`);
  }
  if (quick) docs = balancedSample(docs, QUICK_DOCS);
  const fixtures = loadFixtures();
  if (docs.length === 0) {
    log(`no corpus found (looked for ${DEFAULT_CORPORA.join(', ')}); the five fixtures stand in, so corpus figures are not meaningful`);
    docs = fixtureDocs(fixtures);
  }

  const memo = new Map<string, unknown>();
  const ctx: BenchContext = {
    quick,
    scale: quick ? QUICK : FULL,
    docs,
    corpora,
    fixtures,
    machine: machineInfo(),
    hasher: new MinHasher(),
    seed,
    memo<T>(key: string, make: () => T): T {
      if (!memo.has(key)) memo.set(key, make());
      return memo.get(key) as T;
    },
    log,
  };

  const records: SectionRecord[] = [];
  let failed = 0;
  for (const entry of SECTIONS) {
    if (only && !only.includes(entry.name)) continue;
    if (!entry.load) {
      records.push({ name: entry.name, status: 'pending', reason: entry.pending ?? 'not written yet' });
      continue;
    }
    log(`section ${entry.name} …`);
    const t0 = performance.now();
    try {
      const mod = await entry.load();
      const result = await mod.run(ctx);
      const durationMs = performance.now() - t0;
      records.push({ name: entry.name, status: 'ok', durationMs, measuredAt: new Date().toISOString(), result });
      log(`section ${entry.name} done in ${(durationMs / 1000).toFixed(1)} s`);
      for (const r of result.rows) log(`  ${r.label}: ${typeof r.value === 'number' ? +r.value.toPrecision(4) : r.value} ${r.unit}${r.target ? ` (target ${r.target}: ${r.pass ? 'pass' : 'MISS'})` : ''}`);
    } catch (err) {
      failed++;
      const reason = err instanceof Error ? (err.stack ?? err.message) : String(err);
      records.push({ name: entry.name, status: 'failed', durationMs: performance.now() - t0, reason });
      log(`section ${entry.name} FAILED: ${reason}`);
    }
  }

  const base = quick ? 'results-quick' : 'results';
  const sections = only ? mergeSections(join(resolve(values.out!), `${base}.json`), records) : records;
  const report: BenchReport = {
    generatedAt: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    machine: ctx.machine,
    corpora,
    runs: ctx.scale.runs,
    gcExposed: canCollect,
    totalSeconds: (performance.now() - started) / 1000,
    loadAverage: { start: loadStart, end: os.loadavg()[0]! },
    sections,
  };
  const written = writeReport(resolve(values.out!), base, report);
  log(`wrote ${written.md} and ${written.json} (${report.totalSeconds.toFixed(0)} s)`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
