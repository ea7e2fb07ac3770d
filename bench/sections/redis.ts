/**
 * LshIndex over RedisStorage against MemoryStorage, through `benchRedis` (bench/redis.ts):
 * insert throughput and query latency, and the ratios between them. Skipped, with the reason,
 * when no Redis answers at REDIS_URL (default redis://127.0.0.1:6379).
 */
import { benchRedis } from '../redis.js';
import { row, type BenchContext, type SectionResult } from '../lib/types.js';

export async function run(ctx: BenchContext): Promise<SectionResult> {
  const docs = ctx.quick ? 2000 : 20_000;
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  ctx.log(`benchRedis: ${docs} docs at ${url}`);
  const r = await benchRedis({ docs, quick: ctx.quick, url, runs: ctx.scale.runs, log: (m) => ctx.log(`  ${m}`) });
  if (r.skipped) {
    ctx.log(`redis skipped: ${r.skipped}`);
    return {
      title: 'Redis storage: LshIndex over RedisStorage vs memory (skipped)',
      rows: [row('Redis', 'skipped', r.skipped)],
      notes: [`Not measured: ${r.skipped}. Start a Redis (\`redis-server\`) or set REDIS_URL, then rerun \`npm run bench -- --only redis\`. The memory figures of the same run: ${Math.round(r.memoryInsertPerSec).toLocaleString('en-US')} inserts/s, query median ${r.memoryQueryMedianUs.toFixed(1)} µs.`],
      payload: r,
    };
  }
  return {
    title: 'Redis storage: LshIndex over RedisStorage vs memory',
    rows: [
      row('insert into Redis (insertMany, batches of 500)', r.insertPerSec, 'docs/s'),
      row('insert into memory (same calls)', r.memoryInsertPerSec, 'docs/s'),
      row('insert: memory ÷ Redis', r.insertSlowdown, '×'),
      row('query against Redis, median', r.queryMedianUs, 'µs'),
      row('query against Redis, p99', r.queryP99Us, 'µs'),
      row('query against memory, median', r.memoryQueryMedianUs, 'µs'),
      row('query against memory, p99', r.memoryQueryP99Us, 'µs'),
      row('query: Redis ÷ memory (median)', r.querySlowdown, '×'),
      row('query: Redis ÷ memory (p99)', r.queryP99Us / r.memoryQueryP99Us, '×'),
      row('results per query (both storages, checked equal)', r.resultsPerQuery, 'results'),
    ],
    tables: [
      {
        title: `Per run (${r.runs} timed runs after one warm-up; memory and Redis alternate)`,
        columns: ['run', 'Redis insert ms', 'Redis query median µs', 'Redis query p99 µs', 'memory insert ms', 'memory query median µs', 'memory query p99 µs'],
        rows: r.raw.redis.map((x, i) => {
          const m = r.raw.memory[i]!;
          return [i + 1, x.insertMs, x.queryMedianUs, x.queryP99Us, m.insertMs, m.queryMedianUs, m.queryP99Us];
        }),
      },
    ],
    notes: [
      `\`benchRedis\` (bench/redis.ts) inserts ${r.docs.toLocaleString('en-US')} signatures (numPerm ${r.numPerm}, ${r.bands} bands × ${r.rows} rows at threshold 0.5; seeded random 100-shingle sets, half of them near copies of the other half so queries find something) with \`insertMany\` in batches of ${r.batch} (one pipeline each), then times ${r.queries.toLocaleString('en-US')} single queries (one round trip each), into a fresh memory index and a cleared Redis index in turn, ${r.runs} runs; figures are medians over runs. Redis ${r.redisVersion || '(version unknown)'} at ${url.replace(/\/\/[^@/]*@/, '//…@')}, on this machine (loopback: the figures are the client and server costs, without network latency).`,
      `Redis is ${r.insertSlowdown.toFixed(0)}× slower to insert into and ${r.querySlowdown.toFixed(0)}× slower per query (median) than memory: a query is one round trip of ${r.bands} band lookups, ${r.queryMedianUs.toFixed(0)} µs against ${r.memoryQueryMedianUs.toFixed(1)} µs. The storages return the same results (benchRedis checks every run). What it buys is an index shared by many workers and kept across restarts.`,
    ],
    payload: r,
  };
}
