/**
 * LshIndex over RedisStorage vs MemoryStorage in the same run: batched insert throughput and
 * per-query latency on seeded random shingle sets (half of them near copies, so queries find
 * something). Medians over ≥ 5 timed runs after one warm-up, memory and Redis alternating.
 *
 *   node --import tsx bench/redis.ts [--quick] [--docs N]     prints the result as JSON
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { LshIndex, MinHasher, RedisStorage, type Signature } from '../src/index.js';
import { Rng } from './lib/rng.js';

/** Options of `benchRedis`. */
export interface BenchRedisOptions {
  /** Documents inserted per run. */
  docs: number;
  /** Smaller query sample and 5 runs (CI smoke run). */
  quick: boolean;
  /** Redis URL. Default: REDIS_URL or redis://127.0.0.1:6379. */
  url?: string;
  /** Timed runs (≥ 5). Default 5 (quick) or 7. */
  runs?: number;
  /** Documents per insertMany call (one pipeline each). Default 500. */
  batch?: number;
  /** Progress lines go here (default: none). */
  log?: (message: string) => void;
}

/** What `benchRedis` measured. Speeds are medians over `runs`; NaN when `skipped`. */
export interface BenchRedisResult {
  /** Documents per second inserted into Redis (insertMany in batches). */
  insertPerSec: number;
  /** Median latency of one query against Redis, µs. */
  queryMedianUs: number;
  /** 99th percentile query latency against Redis, µs. */
  queryP99Us: number;
  /** The same figures for the memory storage. */
  memoryInsertPerSec: number;
  memoryQueryMedianUs: number;
  memoryQueryP99Us: number;
  /** memoryInsertPerSec / insertPerSec. */
  insertSlowdown: number;
  /** queryMedianUs / memoryQueryMedianUs. */
  querySlowdown: number;
  /** Mean results per query (the same for both storages, checked). */
  resultsPerQuery: number;
  docs: number;
  queries: number;
  batch: number;
  runs: number;
  numPerm: number;
  bands: number;
  rows: number;
  redisVersion: string;
  /** Every run's figures, for results.json. */
  raw: { redis: RunFigures[]; memory: RunFigures[] };
  /** Why Redis was not measured (unreachable), else undefined. */
  skipped?: string;
}

interface RunFigures {
  insertMs: number;
  queryMedianUs: number;
  queryP99Us: number;
  results: number;
}

const NUM_PERM = 128;
const THRESHOLD = 0.5;

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function quantile(values: Float64Array, q: number): number {
  const s = Float64Array.from(values).sort();
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

/** `n` signatures: pairs of 100-shingle sets sharing 90 shingles (Jaccard ≈ 0.82). */
function makeSignatures(n: number): Signature[] {
  const hasher = new MinHasher({ numPerm: NUM_PERM, seed: 1 });
  const seeded = new Rng(20240623);
  const random = (): number => seeded.next();
  const word = (): number => Math.floor(random() * 4294967296) >>> 0;
  const out: Signature[] = [];
  while (out.length < n) {
    const base = Array.from({ length: 100 }, word);
    out.push(hasher.signShingles(base));
    if (out.length < n) out.push(hasher.signShingles([...base.slice(0, 90), ...Array.from({ length: 10 }, word)]));
  }
  return out;
}

async function oneRun(index: LshIndex, sigs: Signature[], queries: Signature[], batch: number): Promise<RunFigures> {
  const t0 = performance.now();
  for (let from = 0; from < sigs.length; from += batch) {
    await index.insertMany(sigs.slice(from, from + batch).map((signature, i) => ({ id: `doc-${from + i}`, signature, time: from + i })));
  }
  const insertMs = performance.now() - t0;
  const lat = new Float64Array(queries.length);
  let results = 0;
  for (let q = 0; q < queries.length; q++) {
    const s = performance.now();
    results += (await index.query(queries[q]!)).length;
    lat[q] = (performance.now() - s) * 1000;
  }
  return { insertMs, queryMedianUs: quantile(lat, 0.5), queryP99Us: quantile(lat, 0.99), results };
}

/**
 * Measures LshIndex insert and query speed over Redis and over memory in one process.
 * Without a reachable Redis it resolves with `skipped` set and NaN Redis figures.
 *
 * @example
 * ```ts
 * const r = await benchRedis({ docs: 10_000, quick: true });
 * console.log(`${r.insertPerSec.toFixed(0)} docs/s into Redis (${r.insertSlowdown.toFixed(1)}× slower than memory)`);
 * ```
 */
export async function benchRedis(opts: BenchRedisOptions): Promise<BenchRedisResult> {
  const { docs, quick, url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', batch = 500, log = () => undefined } = opts;
  if (!Number.isInteger(docs) || docs < 2) throw new Error(`docs must be an integer ≥ 2, got ${docs}`);
  const runs = Math.max(5, opts.runs ?? (quick ? 5 : 7));
  const sigs = makeSignatures(docs);
  const queryCount = Math.min(docs, quick ? 500 : 2000);
  const step = docs / queryCount;
  const queries = Array.from({ length: queryCount }, (_, i) => sigs[Math.floor(i * step)]!);
  const shape = new LshIndex({ threshold: THRESHOLD, numPerm: NUM_PERM });
  const raw: BenchRedisResult['raw'] = { redis: [], memory: [] };
  const base = { docs, queries: queryCount, batch, runs, numPerm: NUM_PERM, bands: shape.bands, rows: shape.rows };

  const prefix = `neardup-bench:${process.pid}:${Date.now()}`;
  const probe = new RedisStorage({ url, prefix, redisOptions: { maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 } });
  let skipped: string | undefined;
  let redisVersion = '';
  try {
    await probe.size();
    const { Redis } = await import('ioredis');
    const info = new Redis(url, { lazyConnect: true });
    redisVersion = /redis_version:(\S+)/.exec(await info.info('server'))?.[1] ?? '';
    info.disconnect();
  } catch (err) {
    skipped = `Redis not reachable at ${url}: ${(err as Error).message}`;
  } finally {
    await probe.close();
  }

  const storage = skipped ? undefined : new RedisStorage({ url, prefix });
  try {
    for (let r = 0; r <= runs; r++) {
      const memory = await oneRun(new LshIndex({ threshold: THRESHOLD, numPerm: NUM_PERM }), sigs, queries, batch);
      if (r > 0) raw.memory.push(memory);
      if (storage) {
        await storage.clear();
        const redis = await oneRun(new LshIndex({ threshold: THRESHOLD, numPerm: NUM_PERM, storage }), sigs, queries, batch);
        if (redis.results !== memory.results) throw new Error(`Redis found ${redis.results} results, memory ${memory.results}: the storages disagree`);
        if (r > 0) raw.redis.push(redis);
        log(`redis run ${r}/${runs}: insert ${redis.insertMs.toFixed(0)} ms, query median ${redis.queryMedianUs.toFixed(0)} µs (memory ${memory.insertMs.toFixed(0)} ms, ${memory.queryMedianUs.toFixed(1)} µs)`);
      }
    }
  } finally {
    if (storage) {
      await storage.clear();
      await storage.close();
    }
  }
  const perSec = (runsOf: RunFigures[]) => docs / (median(runsOf.map((f) => f.insertMs)) / 1000);
  const med = (runsOf: RunFigures[], key: 'queryMedianUs' | 'queryP99Us') => median(runsOf.map((f) => f[key]));
  const insertPerSec = perSec(raw.redis);
  const memoryInsertPerSec = perSec(raw.memory);
  const queryMedianUs = med(raw.redis, 'queryMedianUs');
  const memoryQueryMedianUs = med(raw.memory, 'queryMedianUs');
  return {
    ...base,
    insertPerSec,
    queryMedianUs,
    queryP99Us: med(raw.redis, 'queryP99Us'),
    memoryInsertPerSec,
    memoryQueryMedianUs,
    memoryQueryP99Us: med(raw.memory, 'queryP99Us'),
    insertSlowdown: memoryInsertPerSec / insertPerSec,
    querySlowdown: queryMedianUs / memoryQueryMedianUs,
    resultsPerQuery: (raw.memory[0]?.results ?? 0) / queryCount,
    redisVersion,
    raw,
    ...(skipped ? { skipped } : {}),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, docs: { type: 'string' } } });
  const quick = values.quick!;
  const docs = Number(values.docs ?? (quick ? 2000 : 20_000));
  benchRedis({ docs, quick, log: (m) => process.stderr.write(`${m}\n`) }).then(
    (r) => {
      const { raw: _raw, ...headline } = r;
      process.stdout.write(`${JSON.stringify(headline, null, 2)}\n`);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
