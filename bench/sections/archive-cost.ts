/**
 * Cost of `Detector.add` as the archive grows: one Detector filled to 5k, 20k, 50k, 100k and 200k
 * articles (bench/lib/archive-stream.ts: the corpus respelled round after round, so the archive
 * outgrows the corpus with the same kind of text), and at each size a timing window of the same
 * 400 corpus articles (respelled afresh, so never copies of what is indexed) added for real. CPU
 * time of this process per article, interleaved chunk by chunk with the same window on a
 * reference Detector held at 5k, so that load from other processes on the machine divides out.
 * Memory per article is the heap growth between sizes over the articles added.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { Detector } from '../../src/index.js';
import { fillArticle } from '../lib/archive-fill.js';
import { archiveArticle, respell, stockWords } from '../lib/archive-stream.js';
import type { Doc } from '../lib/corpus.js';
import { Rng, deriveSeed } from '../lib/rng.js';
import { collect, heapBytes } from '../lib/timing.js';
import { row, type BenchContext, type SectionResult } from '../lib/types.js';

const FULL_SIZES = [5_000, 20_000, 50_000, 100_000, 200_000];
const QUICK_SIZES = [1_000, 2_000, 4_000];
const WINDOW = 400;
const CHUNK = 50;
/** Flat: cost per article at the largest size within this factor of the cost at the smallest. */
const FLAT = 1.3;

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

interface Point {
  size: number;
  /** CPU ms per added article in the window, on the growing detector and on the 5k reference. */
  cpuMs: number;
  refCpuMs: number;
  /** cpuMs / refCpuMs: cost relative to a 5k detector measured at the same moment. */
  relative: number;
  wallMs: number;
  /** Main-thread garbage-collection pauses per added article, growing and reference. */
  gcMs: number;
  refGcMs: number;
  matchesPerArticle: number;
  /** Heap and array buffers after a full gc, bytes. */
  heap: number;
}

/** Main-thread GC pauses (Node's 'gc' performance entries), by start time. */
class GcPauses {
  private readonly pauses: { start: number; ms: number }[] = [];
  private readonly observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) this.pauses.push({ start: e.startTime, ms: e.duration });
  });

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** Pause ms that started inside any of `intervals` ([from, to] in performance.now() time), once the entries are delivered. */
  async within(intervals: readonly (readonly [number, number])[]): Promise<number> {
    await new Promise((resolve) => setTimeout(resolve, 20)); // entries arrive asynchronously
    let ms = 0;
    for (const p of this.pauses) if (intervals.some(([from, to]) => p.start >= from && p.start < to)) ms += p.ms;
    return ms;
  }

  stop(): void {
    this.observer.disconnect();
  }
}

/** Adds `docs` to `growing` and `reference` alternately, CHUNK at a time; CPU ms and GC pause ms of each. */
async function timeWindow(
  growing: Detector,
  reference: Detector,
  docs: readonly { id: string; text: string }[],
  gc: GcPauses,
): Promise<{ grow: number; ref: number; wall: number; gcGrow: number; gcRef: number; matches: number }> {
  let grow = 0;
  let ref = 0;
  let wall = 0;
  let matches = 0;
  const growSpans: [number, number][] = [];
  const refSpans: [number, number][] = [];
  for (let i = 0; i < docs.length; i += CHUNK) {
    const chunk = docs.slice(i, i + CHUNK);
    let t = cpuMs();
    const w = performance.now();
    for (const d of chunk) matches += (await growing.add(d)).length;
    grow += cpuMs() - t;
    const w1 = performance.now();
    wall += w1 - w;
    growSpans.push([w, w1]);
    t = cpuMs();
    for (const d of chunk) await reference.add(d);
    ref += cpuMs() - t;
    refSpans.push([w1, performance.now()]);
  }
  for (const d of docs) await reference.remove(d.id);
  return { grow, ref, wall, gcGrow: await gc.within(growSpans), gcRef: await gc.within(refSpans), matches };
}

export async function run(ctx: BenchContext): Promise<SectionResult> {
  const sizes = ctx.quick ? QUICK_SIZES : FULL_SIZES;
  const seed = deriveSeed(ctx.seed, 'archive-cost');
  // the corpus in a seeded order, so Reuters and BBC mix from the start
  const order = new Rng(seed).sampleIndexes(ctx.docs.length, ctx.docs.length);
  const shuffled: Doc[] = order.map((i) => ctx.docs[i]!);
  const windowDocs = shuffled.slice(-WINDOW);
  const stream = shuffled.slice(0, shuffled.length - WINDOW);
  const stock = stockWords(stream);

  const growing = new Detector();
  const reference = new Detector();
  let k = 0;
  // warm-up: real adds on both, so that the first window does not pay for compilation
  for (; k < 300; k++) {
    const a = archiveArticle(stream, k, seed, stock);
    await growing.add(a);
    await reference.add(a);
  }
  for (let r = k; r < sizes[0]!; r++) await fillArticle(reference, archiveArticle(stream, r, seed, stock), r);
  collect();
  const points: Point[] = [];
  const t0 = performance.now();
  const gc = new GcPauses();
  for (const [i, size] of sizes.entries()) {
    while (k < size) {
      await fillArticle(growing, archiveArticle(stream, k, seed, stock), k);
      k++;
    }
    collect();
    const heap = heapBytes();
    const docs = windowDocs.map((d, j) => ({ id: `window-${i}:${j}`, text: respell(d.text, 1000 + i, seed, stock) }));
    const w = await timeWindow(growing, reference, docs, gc);
    // the window leaves again, so that later windows (the same stories respelled) find no relatives of it
    for (const d of docs) await growing.remove(d.id);
    points.push({
      size,
      cpuMs: w.grow / docs.length,
      refCpuMs: w.ref / docs.length,
      relative: w.grow / w.ref,
      wallMs: w.wall / docs.length,
      gcMs: w.gcGrow / docs.length,
      refGcMs: w.gcRef / docs.length,
      matchesPerArticle: w.matches / docs.length,
      heap,
    });
    ctx.log(`  ${size}: ${(w.grow / docs.length).toFixed(2)} ms CPU/article (reference ${(w.ref / docs.length).toFixed(2)}), ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  gc.stop();
  const first = points[0]!;
  const last = points.at(-1)!;
  const growth = last.relative / first.relative;
  const rawGrowth = last.cpuMs / first.cpuMs;
  const bytesPerArticle = (last.heap - first.heap) / (last.size - first.size);
  return {
    title: 'Archive cost: Detector.add as the index grows',
    rows: [
      row(`add cost at ${last.size / 1000}k vs ${first.size / 1000}k articles (CPU, load-normalized)`, growth, '×', { op: '<=', value: FLAT, text: `≤ ${FLAT}×` }),
      row(`add cost at ${last.size / 1000}k vs ${first.size / 1000}k articles (CPU, raw)`, rawGrowth, '×'),
      row(`CPU per article at ${last.size / 1000}k`, last.cpuMs, 'ms'),
      row(`main-thread GC pauses per article at ${last.size / 1000}k (at ${first.size / 1000}k)`, `${last.gcMs.toFixed(2)} ms (${first.gcMs.toFixed(2)} ms)`, ''),
      row(`memory per indexed article (heap growth ${first.size / 1000}k → ${last.size / 1000}k)`, bytesPerArticle / 1024, 'KiB'),
    ],
    tables: [
      {
        title: 'Cost of Detector.add by archive size (window of 400 articles; reference: a 5k detector timed alternately)',
        columns: ['indexed articles', 'CPU ms / article', 'reference ms / article', 'relative to reference', 'vs first size', 'wall ms / article', 'GC pause ms / article', 'reference GC pause ms / article', 'matches / article', 'heap MiB'],
        rows: points.map((p) => [
          p.size,
          p.cpuMs.toFixed(2),
          p.refCpuMs.toFixed(2),
          p.relative.toFixed(2),
          (p.relative / first.relative).toFixed(2),
          p.wallMs.toFixed(2),
          p.gcMs.toFixed(2),
          p.refGcMs.toFixed(2),
          p.matchesPerArticle.toFixed(2),
          (p.heap / 1048576).toFixed(0),
        ]),
      },
    ],
    notes: [
      `The archive is ${ctx.docs.length - WINDOW} corpus documents respelled round after round (bench/lib/archive-stream.ts): words of four or more letters respelled consistently within a round, except the corpus's 300 most frequent ones; short words and numbers kept. So each round has the corpus's lengths, copies and stock phrases, and stock phrases recur across rounds as in a real archive. Filler is entered in every index, the store, the prepared-text cache and the boilerplate counts as add() enters it, without matching (bench/lib/archive-fill.ts); the timed windows are real add() calls.`,
      `Each window adds the same ${WINDOW} held-out corpus articles, respelled afresh (never copies of the archive), in chunks of ${CHUNK} alternating with the same chunk on a reference detector held at ${sizes[0]! / 1000}k articles; both remove the window afterwards (untimed). "Load-normalized" divides the growing detector's CPU by the reference's, measured at the same moment; raw CPU is shown too.`,
      'CPU is the whole process\'s (V8 marks and sweeps on helper threads too). GC pauses are the main thread\'s (Node\'s gc performance entries that started inside each detector\'s timed chunks): both detectors live in one heap, so the reference pays for collecting the growing one as well.',
      `What bounds the cost: passage lookups skip stock phrases, shingles held by more than stockPhraseDocs (16) articles, so a lookup reads at most 16 postings per shingle; a shingle in more than boilerplateDocs (100) articles is dropped from the passage index; the document index gives at most 4 × maxCandidates hits; at most maxCandidates (32) candidates are verified. Memory per article is the heap growth over the articles added between the first and last size (text, signature, postings).`,
    ],
    payload: { sizes, window: WINDOW, chunk: CHUNK, points, growth, rawGrowth, bytesPerArticle },
  };
}
