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
  const n = ctx.quick ? 300 : 3000;
  const docs = indexDocs(ctx).slice(0, n).map((d) => ({ id: d.id, text: d.text }));
  const queries = Math.min(docs.length, ctx.quick ? 150 : 1000);
  ctx.log(`redis-cluster: ${docs.length} articles, ${queries} matches, ${LANES} detectors at once`);
  const single = await startRedis();
  const cluster = await startCluster();
  const { Redis } = await import('ioredis');
  try {
    const one = await redisDetectorStorage({ url: single.url, prefix: 'bench' });
    const many = await redisDetectorStorage({ cluster: cluster.nodes, prefix: 'bench' });
    const oneNode = [new Redis(single.url)];
    const masters = cluster.ports.map((p) => new Redis(`redis://127.0.0.1:${p}`));
    const a = await measure(one, oneNode, docs, queries);
    ctx.log(`  one node: ${a.addPerSec.toFixed(0)} adds/s, ${a.matchPerSec.toFixed(0)} matches/s`);
    const b = await measure(many, masters, docs, queries);
    ctx.log(`  cluster: ${b.addPerSec.toFixed(0)} adds/s, ${b.matchPerSec.toFixed(0)} matches/s`);
    for (const c of [...oneNode, ...masters]) c.disconnect();
    await one.close();
    await many.close();
    return {
      title,
      rows: [
        row('add, one Redis node (unsharded layout)', a.addPerSec, 'articles/s'),
        row(`add, 3-master cluster (${many.shards} shards)`, b.addPerSec, 'articles/s'),
        row('add: cluster ÷ one node', b.addPerSec / a.addPerSec, '×'),
        row('match, one Redis node', a.matchPerSec, 'matches/s'),
        row('match, 3-master cluster', b.matchPerSec, 'matches/s'),
        row('match: cluster ÷ one node', b.matchPerSec / a.matchPerSec, '×'),
        row('Redis memory per article, one node', a.bytesPerArticle / 1024, 'KiB'),
        row('Redis memory per article, cluster (sum of masters)', b.bytesPerArticle / 1024, 'KiB'),
        row('matches found (one node / cluster, must be equal)', `${a.matchesFound} / ${b.matchesFound}`, 'queries'),
      ],
      notes: [
        `${docs.length.toLocaleString('en-US')} corpus articles added by ${LANES} Detectors at once over one \`redisDetectorStorage\` (as ${LANES} workers would), then ${queries.toLocaleString('en-US')} \`match(text)\` calls the same way; first against a plain redis-server, then against a three-master Redis Cluster (no replicas) through \`redisDetectorStorage({ cluster })\`, all started by the bench on this machine (loopback, 2 cores shared by the client and every server: the cluster cannot add CPU here, so the ratio shows the cost of the sharded layout — the fan-out of each query to every shard and the global boilerplate check after each add — not the gain of more machines). Memory: the growth of \`used_memory\` over the adds, divided by the articles.`,
      ],
      payload: { docs: docs.length, queries, lanes: LANES, oneNode: a, cluster: b, shards: many.shards },
    };
  } finally {
    await cluster.stop();
    await single.stop();
  }
}
