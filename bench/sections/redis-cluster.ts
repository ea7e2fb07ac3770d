/**
 * A shared Detector on one Redis node vs a three-master Redis Cluster (sharded layout), in one
 * run: add and match throughput with several concurrent detectors over one storage, and Redis
 * memory per article. Starts its own redis-server processes on free ports (stopped by PID);
 * skipped, with the reason, when redis-server / redis-cli are missing.
 */
import { Detector, redisDetectorStorage, type RedisDetectorStorage } from '../../src/index.js';
import { clusterUnavailable, startCluster, startRedis } from '../../test/helpers/redis-cluster.js';
import { indexDocs } from '../lib/shared.js';
import { row, type BenchContext, type SectionResult } from '../lib/types.js';

/** Detectors adding / matching at once over one storage (as many worker processes would). */
const LANES = 8;

interface Figures {
  addPerSec: number;
  matchPerSec: number;
  bytesPerArticle: number;
  matchesFound: number;
}

async function usedMemory(clients: { info(section: string): Promise<string> }[]): Promise<number> {
  const infos = await Promise.all(clients.map((c) => c.info('memory')));
  return infos.reduce((sum, info) => sum + Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0), 0);
}

async function measure(storage: RedisDetectorStorage, nodes: { info(section: string): Promise<string> }[], docs: { id: string; text: string }[], queries: number): Promise<Figures> {
  await storage.clear();
  const before = await usedMemory(nodes);
  const detectors = Array.from({ length: LANES }, () => new Detector({ storage }));
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    detectors.map(async (d) => {
      for (let i = next++; i < docs.length; i = next++) await d.add({ id: docs[i]!.id, text: docs[i]!.text });
    }),
  );
  const addMs = performance.now() - t0;
  const bytes = (await usedMemory(nodes)) - before;
  let q = 0;
  let found = 0;
  const t1 = performance.now();
  await Promise.all(
    detectors.map(async (d) => {
      for (let i = q++; i < queries; i = q++) found += (await d.match(docs[(i * 7) % docs.length]!.text)).length > 0 ? 1 : 0;
    }),
  );
  const matchMs = performance.now() - t1;
  await storage.clear();
  return { addPerSec: (docs.length / addMs) * 1000, matchPerSec: (queries / matchMs) * 1000, bytesPerArticle: bytes / docs.length, matchesFound: found };
}

export async function run(ctx: BenchContext): Promise<SectionResult> {
  const title = 'Redis Cluster: a shared Detector on one node vs three masters';
  const skip = clusterUnavailable();
  if (skip) return { title: `${title} (skipped)`, rows: [row('Redis Cluster', 'skipped', skip)], notes: [`Not measured: ${skip}.`], payload: { skipped: skip } };
  const n = ctx.quick ? 300 : 1000;
  const docs = indexDocs(ctx).slice(0, n).map((d) => ({ id: d.id, text: d.text }));
  const queries = Math.min(docs.length, ctx.quick ? 150 : 500);
  ctx.log(`redis-cluster: ${docs.length} articles, ${queries} matches, ${LANES} detectors at once`);
  const single = await startRedis();
  const cluster = await startCluster();
  const { Redis } = await import('ioredis');
  try {
    const oneNode = [new Redis(single.url)];
    const masters = cluster.ports.map((p) => new Redis(`redis://127.0.0.1:${p}`));
    const setups = [
      { label: 'one Redis node, unsharded', storage: await redisDetectorStorage({ url: single.url, prefix: 'bench' }), nodes: oneNode },
      { label: 'one Redis node, 16 shards', storage: await redisDetectorStorage({ url: single.url, prefix: 'bench16', shards: 16 }), nodes: oneNode },
      { label: '3-master cluster, 4 shards', storage: await redisDetectorStorage({ cluster: cluster.nodes, prefix: 'bench4', shards: 4 }), nodes: masters },
      { label: '3-master cluster, 16 shards', storage: await redisDetectorStorage({ cluster: cluster.nodes, prefix: 'bench' }), nodes: masters },
    ];
    const figures: Figures[] = [];
    for (const s of setups) {
      figures.push(await measure(s.storage, s.nodes, docs, queries));
      ctx.log(`  ${s.label}: ${figures.at(-1)!.addPerSec.toFixed(0)} adds/s, ${figures.at(-1)!.matchPerSec.toFixed(0)} matches/s`);
      await s.storage.close();
    }
    for (const c of [...oneNode, ...masters]) c.disconnect();
    const base = figures[0]!;
    return {
      title,
      rows: setups.flatMap((s, i) => {
        const f = figures[i]!;
        return [
          row(`add, ${s.label}`, f.addPerSec, 'articles/s'),
          row(`match, ${s.label}`, f.matchPerSec, 'matches/s'),
          ...(i > 0 ? [row(`add / match vs one node unsharded, ${s.label}`, `${(f.addPerSec / base.addPerSec).toFixed(2)} / ${(f.matchPerSec / base.matchPerSec).toFixed(2)}`, '×')] : []),
          row(`Redis memory per article, ${s.label}`, f.bytesPerArticle / 1024, 'KiB'),
        ];
      }),
      notes: [
        `${docs.length.toLocaleString('en-US')} corpus articles added by ${LANES} Detectors at once over one \`redisDetectorStorage\` (as ${LANES} workers would), then ${queries.toLocaleString('en-US')} \`match(text)\` calls the same way; against a plain redis-server (unsharded, then the sharded layout on that one node) and against a three-master Redis Cluster (no replicas) through \`redisDetectorStorage({ cluster, shards })\`, all started by the bench on this machine, one after the other in one run. Loopback, and 2 cores shared by the client and every server: the cluster cannot add CPU here, so the ratios show the cost of the sharded layout — each query fans out to every shard, and each add raises its shingles' holder bounds in the shards of their hashes, then counts in every shard the few whose bound passes the global boilerplate cut-off — not the gain of more machines. Memory: growth of \`used_memory\` (summed over masters) over the adds, per article. Queries that found a match: ${figures.map((f) => f.matchesFound).join(' / ')} (they differ a little: each Detector's learned-boilerplate counts depend on which articles it added).`,
      ],
      payload: { docs: docs.length, queries, lanes: LANES, setups: setups.map((s, i) => ({ label: s.label, ...figures[i]! })) },
    };
  } finally {
    await cluster.stop();
    await single.stop();
  }
}
