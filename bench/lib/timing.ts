/**
 * Timing: each contender runs once to warm up, then `runs` timed runs, round-robin when there are
 * several (ours, peer, ours, peer, ...) so that drift and thermal state hit all alike, with a full
 * gc() before every run. Figures are medians; every run's time is kept for results.json.
 */

export interface Timing {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly runsMs: readonly number[];
}

/** What a timed body may return: a number, folded into a sink so the work cannot be optimized away. */
export type Work = () => unknown | Promise<unknown>;

let sink = 0;

/** Folds a result into the global sink (keeps benchmarked work observable). */
export function consume(value: unknown): void {
  if (typeof value === 'number') sink = (sink + value) | 0;
  else if (value !== undefined && value !== null) sink = (sink + 1) | 0;
}

/** The sink's value; printing it nowhere is fine, reading it keeps it alive. */
export function sinkValue(): number {
  return sink;
}

const gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

/** Whether the process runs with --expose-gc. */
export const canCollect = typeof gc === 'function';

/** Full garbage collection (twice: the second pass frees what finalizers of the first released). */
export function collect(): void {
  if (gc) {
    gc();
    gc();
  }
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The q-quantile (0..1) of values, nearest rank. */
export function quantile(values: readonly number[] | Float64Array, q: number): number {
  if (values.length === 0) return Number.NaN;
  const s = Float64Array.from(values).sort();
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

function summary(runsMs: number[]): Timing {
  return { medianMs: median(runsMs), minMs: Math.min(...runsMs), maxMs: Math.max(...runsMs), runsMs };
}

/**
 * Times several contenders round-robin.
 *
 * @param contenders - name → work; each call does the whole job once.
 * @param runs - timed runs per contender (≥ 5 for a reported figure).
 */
export async function timeRoundRobin(contenders: Record<string, Work>, runs: number, warmup = 1): Promise<Record<string, Timing>> {
  const names = Object.keys(contenders);
  const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < warmup + runs; r++) {
    for (const name of names) {
      collect();
      const t0 = performance.now();
      consume(await contenders[name]!());
      const ms = performance.now() - t0;
      if (r >= warmup) times[name]!.push(ms);
    }
  }
  return Object.fromEntries(names.map((n) => [n, summary(times[n]!)]));
}

/** Times one job. */
export async function time(work: Work, runs: number, warmup = 1): Promise<Timing> {
  return (await timeRoundRobin({ work }, runs, warmup)).work!;
}

/** Items per second from a count and a timing's median. */
export function perSecond(count: number, t: Timing): number {
  return count / (t.medianMs / 1000);
}

/** Bytes held by this process that data structures can occupy: V8 heap plus ArrayBuffer stores. */
export function heapBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
