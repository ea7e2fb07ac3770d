/**
 * Redis test support: a worker process that bulk-inserts cheap, reproducible documents into a
 * Redis-backed LshIndex, the documents it inserts, a probe for a reachable Redis, and a checker
 * that a prefix holds no half-inserted document.
 *
 *   node --import tsx test/index/redis-worker.ts <url> <prefix> <worker> <count> <callSize> <batchSize>
 *
 * A url `cluster:<port>,<port>,…` writes to a Redis Cluster on 127.0.0.1 through
 * `shardedRedisStorage` (CLUSTER_SHARDS shards).
 * prints "inserted <n>" after each insertMany call and exits 0 when all `count` are in.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { LshIndex, MinHasher, RedisStorage, shardedRedisStorage, type LshStorage, type Signature } from '../../src/index.js';
import { bandKeysOf } from '../../src/index/band-keys.js';
import { redisKeys } from '../../src/storage/redis/lsh-storage.js';
import { rng } from '../helpers/random.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Settings every worker and the tests checking them share. */
export const WORKER_NUM_PERM = 64;
export const WORKER_THRESHOLD = 0.5;
/** Shards of the cluster layout the workers write. */
export const CLUSTER_SHARDS = 8;

const hasher = new MinHasher({ numPerm: WORKER_NUM_PERM, seed: 7 });

/** Id of worker `worker`'s document `i`. */
export const workerId = (worker: number, i: number): string => `w${worker}:doc ${i}`;

/** The signature of worker `worker`'s document `i`: 40 seeded random shingles, distinct per document. */
export function workerSignature(worker: number, i: number): Signature {
  const random = rng((worker + 1) * 1_000_003 + i);
  const set = new Uint32Array(40);
  for (let k = 0; k < set.length; k++) set[k] = Math.floor(random() * 4294967296) >>> 0;
  return hasher.signShingles(set);
}

/** An index over `storage` with the workers' settings. */
export function workerIndex(storage: LshStorage): LshIndex {
  return new LshIndex({ threshold: WORKER_THRESHOLD, numPerm: WORKER_NUM_PERM, storage });
}

/** Resolves to undefined when Redis answers PING at `url`, else to the reason it does not. */
export async function redisUnreachable(url = REDIS_URL): Promise<string | undefined> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (err) {
    return `Redis is not reachable at ${url} (${(err as Error).message})`;
  } finally {
    client.disconnect();
  }
}

/** Deletes every key matching `{prefix}*`; resolves to how many. */
export async function deleteKeys(client: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let n = 0;
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  do {
    const [next, keys] = await client.scanBuffer(cursor, 'MATCH', pattern, 'COUNT', 5000);
    cursor = next.toString();
    if (keys.length > 0) n += await client.unlink(...keys);
  } while (cursor !== '0');
  return n;
}

/**
 * Every way `prefix` could hold a half-inserted document, as messages (empty when consistent):
 * an id in `{prefix}:ids` without its hash, signature or band keys, band keys that do not match its
 * signature, an id missing from one of its band sets, or a band set member / document hash whose
 * id is not in `{prefix}:ids`. Band keys are recomputed from the stored signature.
 */
export async function consistencyProblems(client: Redis, prefix: string, bands: number, rows: number): Promise<string[]> {
  const keys = redisKeys(prefix);
  const problems: string[] = [];
  const ids = new Set(await client.zrange(keys.ids, 0, -1));
  const expected = new Map<string, Set<string>>(); // band set key → ids that belong in it
  const idList = [...ids];
  for (let from = 0; from < idList.length; from += 2000) {
    const slice = idList.slice(from, from + 2000);
    const pipe = client.pipeline();
    for (const id of slice) pipe.hmgetBuffer(keys.doc(id), 'sig', 'bk');
    const rows_ = (await pipe.exec()) ?? [];
    slice.forEach((id, i) => {
      const [sig, bk] = rows_[i]![1] as (Buffer | null)[];
      if (!sig || !bk) return void problems.push(`id ${JSON.stringify(id)} is in ids but its hash lacks sig or bk`);
      const values = new Uint32Array(sig.length / 4);
      for (let k = 0; k < values.length; k++) values[k] = sig.readUInt32LE(4 * k);
      const want = bandKeysOf(values, bands, rows);
      for (let b = 0; b < bands; b++) {
        if (bk.readUInt32LE(4 * b) !== want[b]) problems.push(`id ${JSON.stringify(id)}: stored band key ${b} differs from its signature's`);
        const name = keys.band(b, want[b]!);
        let set = expected.get(name);
        if (!set) expected.set(name, (set = new Set()));
        set.add(id);
      }
    });
  }
  // Walk every band set: each member must be a known id that belongs there, and each known id must be present.
  let cursor = '0';
  const seenSets = new Set<string>();
  do {
    const [next, names] = await client.scan(cursor, 'MATCH', `${keys.pattern.slice(0, -1)}b:*`, 'COUNT', 5000);
    cursor = next;
    const fresh = names.filter((n) => !seenSets.has(n));
    fresh.forEach((n) => seenSets.add(n));
    const pipe = client.pipeline();
    for (const name of fresh) pipe.smembers(name);
    const members = (await pipe.exec()) ?? [];
    fresh.forEach((name, i) => {
      const got = members[i]![1] as string[];
      const want = expected.get(name) ?? new Set<string>();
      for (const id of got) {
        if (!ids.has(id)) problems.push(`band set ${name} holds ${JSON.stringify(id)}, which is not in ids`);
        else if (!want.has(id)) problems.push(`band set ${name} holds ${JSON.stringify(id)}, whose signature does not hash there`);
      }
      if (got.length !== want.size || got.some((id) => !want.has(id))) {
        for (const id of want) if (!got.includes(id)) problems.push(`id ${JSON.stringify(id)} is missing from band set ${name}`);
      }
    });
  } while (cursor !== '0');
  for (const [name, want] of expected) {
    if (!seenSets.has(name)) for (const id of want) problems.push(`id ${JSON.stringify(id)} is missing from band set ${name} (set absent)`);
  }
  // Every document hash must belong to a known id.
  cursor = '0';
  const docPrefix = keys.doc('');
  do {
    const [next, names] = await client.scan(cursor, 'MATCH', `${keys.pattern.slice(0, -1)}d:*`, 'COUNT', 5000);
    cursor = next;
    for (const name of names) {
      const id = name.slice(docPrefix.length);
      if (!ids.has(id)) problems.push(`hash ${name} exists but ${JSON.stringify(id)} is not in ids`);
    }
  } while (cursor !== '0');
  return problems;
}

/** Runs this file as a worker process with `args`; `progress()` is how many it has inserted. */
export function runWorker(args: string[]): { child: ChildProcess; done: Promise<number>; progress: () => number } {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...args], { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: ['ignore', 'pipe', 'pipe'] });
  let inserted = 0;
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const m = /inserted (\d+)\s*$/.exec(chunk.toString());
    if (m) inserted = Number(m[1]);
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<number>((resolve) =>
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal !== 'SIGKILL') console.error(stderr);
      resolve(code ?? -1);
    }),
  );
  return { child, done, progress: () => inserted };
}

async function main(argv: string[]): Promise<void> {
  const [url, prefix, workerArg, countArg, callArg, batchArg] = argv;
  const worker = Number(workerArg);
  const count = Number(countArg);
  const callSize = Number(callArg);
  const storage = url!.startsWith('cluster:')
    ? await shardedRedisStorage({
        cluster: url!.slice(8).split(',').map((port) => ({ host: '127.0.0.1', port: Number(port) })),
        prefix: prefix!,
        shards: CLUSTER_SHARDS,
        batchSize: Number(batchArg),
      })
    : new RedisStorage({ url: url!, prefix: prefix!, batchSize: Number(batchArg) });
  const index = workerIndex(storage);
  for (let from = 0; from < count; from += callSize) {
    const docs = [];
    for (let i = from; i < Math.min(count, from + callSize); i++) docs.push({ id: workerId(worker, i), signature: workerSignature(worker, i) });
    await index.insertMany(docs);
    process.stdout.write(`inserted ${from + docs.length}\n`);
  }
  await storage.close();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
