/**
 * Scan throughput on all cores: the same scan (every document added in corpus order, with
 * `findRepeats` of each, as `neardup scan` does) in this thread — plain `detector.add()` — and
 * through `addParallel` with 1, 2 (and, on bigger machines, all) worker threads, round-robin in
 * one process so that the machine's load hits every contender alike. Checks that every run finds
 * the same pairs, and samples peak RSS to estimate memory per worker. Runs the built package
 * (dist/, whose worker starts as users' does) when it is newer than src/, else the sources (whose
 * workers compile TypeScript through tsx at each start).
 */

type Library = typeof import('../../src/index.js');

/** dist/ when it is built from the current sources, else src/. */
async function library(): Promise<{ lib: Library; from: string }> {
  const worker = join(ROOT, 'dist', 'scan-worker.js');
  if (existsSync(worker) && statSync(worker).mtimeMs >= newestMtime(join(ROOT, 'src'))) {
    return { lib: (await import(join(ROOT, 'dist', 'index.js'))) as Library, from: 'dist/ (the built package)' };
  }
  return { lib: await import('../../src/index.js'), from: 'src/ through tsx (dist/ missing or older than src/; run npm run build)' };
}
import { existsSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Article } from '../../src/index.js';
import { ROOT } from '../lib/corpus.js';
import { newestMtime } from '../lib/files.js';
import { collect, median } from '../lib/timing.js';
import { row, type BenchContext, type Row, type SectionResult } from '../lib/types.js';

const FULL_DOCS = 8000;
const ROUNDS = 3;
const TARGET = 1.6;

interface Run {
  readonly contender: string;
  readonly ms: number;
  /** CPU time of the whole process (all threads), user + system. */
  readonly cpuMs: number;
  /** CPU time of this (the owner) thread alone; NaN where the OS does not tell (not Linux). */
  readonly ownerCpuMs: number;
  readonly peakRssMiB: number;
  readonly pairs: number;
  readonly fingerprint: string;
}

/** CPU time of this thread (user + system, ms) from /proc/self/task/<tid>/stat (10 ms ticks); NaN off Linux. */
function threadCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime in USER_HZ (100 on Linux)
  } catch {
    return Number.NaN;
  }
}

/** Peak resident memory while `body` runs, sampled every 20 ms (from a baseline after gc). */
async function measured(contender: string, body: () => Promise<{ pairs: number; fingerprint: string }>): Promise<Run> {
  collect();
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const cpu0 = process.cpuUsage();
  const owner0 = threadCpuMs();
  const t0 = performance.now();
  const found = await body();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const ownerCpuMs = threadCpuMs() - owner0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { contender, ms, cpuMs: (cpu.user + cpu.system) / 1000, ownerCpuMs, peakRssMiB: peak / 2 ** 20, ...found };
}

/** A cheap order-sensitive digest of every pair found (ids, relation, coverage). */
function digest(parts: string[]): string {
  let h = 0;
  for (const p of parts) for (let i = 0; i < p.length; i++) h = (Math.imul(h, 31) + p.charCodeAt(i)) | 0;
  return `${parts.length}:${(h >>> 0).toString(16)}`;
}

async function inThread({ Detector, findRepeats }: Library, articles: readonly Article[]): Promise<{ pairs: number; fingerprint: string }> {
  const detector = new Detector();
  const parts: string[] = [];
  for (const a of articles) {
    for (const m of await detector.add(a)) parts.push(`${a.id}>${m.id}:${m.relation}:${m.coverage.query}`);
    findRepeats(a.text);
  }
  await detector.clusters();
  return { pairs: parts.length, fingerprint: digest(parts) };
}

async function withWorkers({ Detector, addParallel }: Library, articles: readonly Article[], workers: number): Promise<{ pairs: number; fingerprint: string }> {
  const detector = new Detector();
  const parts: string[] = [];
  for await (const o of addParallel(detector, articles, { workers, repeats: true })) {
    for (const m of o.matches ?? []) parts.push(`${o.article.id}>${m.id}:${m.relation}:${m.coverage.query}`);
  }
  await detector.clusters();
  return { pairs: parts.length, fingerprint: digest(parts) };
}

export async function run(ctx: BenchContext): Promise<SectionResult> {
  const articles: Article[] = ctx.docs.slice(0, ctx.quick ? ctx.docs.length : FULL_DOCS).map((d) => ({ id: d.id, text: d.text }));
  const cores = os.availableParallelism();
  const { lib, from } = await library();
  const counts = [...new Set([1, 2, cores])];
  const contenders: [string, () => Promise<{ pairs: number; fingerprint: string }>][] = [
    ['in this thread (detector.add)', () => inThread(lib, articles)],
    ...counts.map((w): [string, () => Promise<{ pairs: number; fingerprint: string }>] => [`${w} worker${w === 1 ? '' : 's'}`, () => withWorkers(lib, articles, w)]),
  ];
  ctx.log(`parallel: warm-up on ${Math.min(500, articles.length)} docs`);
  await inThread(lib, articles.slice(0, 500));
  await withWorkers(lib, articles.slice(0, 500), 2);
  const load0 = os.loadavg();
  const runs: Run[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, body] of contenders) {
      ctx.log(`parallel: round ${round + 1}/${ROUNDS}, ${name}, ${articles.length} docs`);
      runs.push(await measured(name, body));
    }
  }
  const load1 = os.loadavg();
  const of = (name: string): Run[] => runs.filter((r) => r.contender === name);
  const base = of(contenders[0]![0]);
  const same = runs.every((r) => r.fingerprint === base[0]!.fingerprint);
  const ratios = (name: string): number[] => of(name).map((r, i) => base[i]!.ms / r.ms);
  const speedup2 = median(ratios('2 workers'));
  const rssBase = median(base.map((r) => r.peakRssMiB));
  const perWorker = (w: number): number => (median(of(`${w} worker${w === 1 ? '' : 's'}`).map((r) => r.peakRssMiB)) - rssBase) / w;
  const docsPerSecond = (name: string): number => articles.length / (median(of(name).map((r) => r.ms)) / 1000);
  // The owner's serial share s: its CPU ÷ the CPU of all threads, with 2 workers. Amdahl's bound on
  // 2 cores is 1/(s + (1−s)/2) over the parallel run's own work; over the in-thread scan, the bound
  // also pays the parallel run's extra work: in-thread CPU ÷ max(owner CPU, all CPU / 2).
  const two = of('2 workers');
  const share = median(two.map((r) => r.ownerCpuMs / r.cpuMs));
  const amdahl = 1 / (share + (1 - share) / 2);
  const cpuBound = median(two.map((r, i) => base[i]!.cpuMs / Math.max(r.ownerCpuMs, r.cpuMs / 2)));
  // More cores, projected from the CPU times measured here (this machine may have only 2): each
  // worker past the first adds what the second added (its isolate's compiling and collecting,
  // its replay of the counts, messages); the owner's CPU stays; wall ≥ max(owner CPU, all CPU / cores).
  const one = of('1 worker');
  const perExtraWorker = median(two.map((r, i) => r.cpuMs - one[i]!.cpuMs));
  const projected = (cores: number): number => {
    const workers = cores - 1;
    return median(base.map((b, i) => b.ms / Math.max(two[i]!.ownerCpuMs, (one[i]!.cpuMs + (workers - 1) * perExtraWorker) / cores)));
  };
  const loadText = `load average ${load0.map((l) => l.toFixed(1)).join(' / ')} before, ${load1.map((l) => l.toFixed(1)).join(' / ')} after (1 / 5 / 15 min)`;

  const rows: Row[] = [
    row(`scan throughput in this thread, ${articles.length.toLocaleString('en-US')} docs`, docsPerSecond(contenders[0]![0]), 'docs/s'),
    ...counts.map((w) => row(`… with ${w} worker${w === 1 ? '' : 's'}`, docsPerSecond(`${w} worker${w === 1 ? '' : 's'}`), 'docs/s')),
    row(
      `speedup with 2 workers on ${cores} cores (median of ${ROUNDS} paired rounds)`,
      speedup2,
      '×',
      cores >= 2 && !ctx.quick ? { op: '>=', value: TARGET, text: `≥ ${TARGET}× (2 cores)` } : undefined,
    ),
    row('owner thread\'s serial share s with 2 workers (its CPU ÷ all threads\' CPU)', share, '', { op: '<=', value: 0.2, text: '≤ 0.2' }),
    row('Amdahl bound on 2 cores, 1/(s + (1−s)/2)', amdahl, '×'),
    row('bound over the in-thread scan on 2 idle cores (in-thread CPU ÷ max(owner CPU, all CPU / 2))', cpuBound, '×'),
    row('cores the in-thread scan already keeps busy (its CPU, all threads ÷ wall: V8 collects and compiles beside the main thread)', median(base.map((r) => r.cpuMs / r.ms)), ''),
    row('so the bound on 2 cores for any scan doing at least the in-thread CPU work (2 ÷ that)', median(base.map((r) => (2 * r.ms) / r.cpuMs)), '×'),
    row('CPU each worker past the first adds (2 workers − 1 worker, all threads)', perExtraWorker / 1000, 's'),
    row('projected speedup on 4 cores with 3 workers (in-thread wall ÷ max(owner CPU, projected CPU / 4))', projected(4), '×'),
    row('projected speedup on 8 cores with 7 workers', projected(8), '×'),
    row('ceiling with unlimited cores (in-thread wall ÷ owner CPU)', median(base.map((b, i) => b.ms / two[i]!.ownerCpuMs)), '×'),
    row('every run found the same pairs', same ? 'yes' : 'NO', ''),
    row('peak RSS, in this thread', rssBase, 'MiB'),
    row('extra peak RSS per worker (2 workers)', perWorker(2), 'MiB'),
    row('CPU time with 2 workers ÷ in this thread (all threads)', median(of('2 workers').map((r) => r.cpuMs)) / median(base.map((r) => r.cpuMs)), '×'),
    row('machine load during the runs', loadText, ''),
  ];
  return {
    title: 'Parallel scan (worker threads)',
    rows,
    tables: [
      {
        title: `Every run, in order (round-robin; ${loadText})`,
        columns: ['contender', 'wall s', 'CPU s (all threads)', 'CPU s (owner thread)', 'peak RSS MiB', 'pairs'],
        rows: runs.map((r) => [r.contender, r.ms / 1000, r.cpuMs / 1000, r.ownerCpuMs / 1000, r.peakRssMiB, r.pairs]),
      },
    ],
    notes: [
      `The scan \`neardup scan\` runs: every document added in order (the first ${articles.length.toLocaleString('en-US')} of the loaded corpora), with its internal repeats, then the clusters. "In this thread" is plain \`detector.add()\` + \`findRepeats\`; the others are \`addParallel(detector, docs, { workers, repeats: true })\`, whose workers prepare (normalize, paragraphs, shingles, signature, repeats) and verify each article's candidates (alignment, against their own copy of the corpus counts replayed, from the shared buffers, to that article's turn; a candidate is decoded from shared memory into a cache of 256) while the calling thread, in input order, looks the candidates up in the indexes, fills the indexes and commits the pairs.`,
      'Serial share: the owner (calling) thread\'s CPU time (Linux /proc/self/task/<pid>/stat, 10 ms ticks) ÷ the process\'s CPU time over all threads, with 2 workers; CPU time, unlike wall time, holds on a machine other processes load. Wall-clock speedup needs an idle machine: rerun there.',
      `Library: ${from}.`,
      'Projections to more cores assume what this run shows: the owner thread\'s CPU does not grow with workers, and each worker past the first costs the CPU the second cost. They are bounds (no waiting, no memory-bandwidth limit), not measurements.',
      'Speedup is the median of the per-round ratios (in-thread time ÷ 2-worker time of the same round), so a load spike from other processes hits one round, not the figure. Worker start-up is inside the parallel times.',
      'Memory: peak RSS of the whole process sampled every 20 ms; "per worker" is (peak with N workers − peak in this thread) ÷ N: the worker isolate, its decoded-text cache, and its share of the prepared articles in SharedArrayBuffers (counted once, whichever thread made them).',
    ],
    payload: { library: from, docs: articles.length, cores, rounds: ROUNDS, runs, loadBefore: load0, loadAfter: load1, same },
  };
}
