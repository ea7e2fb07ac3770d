/**
 * A shared (Redis) detector when Redis dies or stalls mid-run: a test-owned redis-server is
 * killed (SIGKILL) or stopped (SIGSTOP) part-way through an add. Every call fails with a
 * StorageError within the command timeout, readers never see half an article, a retried add
 * is not refused, and verify()/repair() find and mend what the crash left.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { Detector, InvalidArgumentError, RedisDetectorStore, RedisStorage, redisDetectorStorage, StorageError, type RedisDetectorStorage } from '../../src/index.js';
import { DEFAULT_COMMAND_TIMEOUT_MS } from '../../src/storage/redis/connection.js';
import { rng } from '../helpers/random.js';
import { noRedisServer, TestRedis } from './redis-server.js';

const skip = noRedisServer();
if (skip && process.env.CI) throw new Error(`the fault suite needs redis-server in CI: ${skip}`);
if (skip) console.warn(`test/faults/redis-faults: skipped (${skip})`);

/** Distinct small articles: 4 paragraphs of 30 random words. */
function articles(n: number, seed: number): { id: string; text: string }[] {
  const random = rng(seed);
  const words = 'eu japan defence pact naval tokyo brussels minister talks signed friday security trade summit officials ships ports exercise industry supply'.split(' ');
  return Array.from({ length: n }, (_, k) => ({
    id: `a${k}`,
    text: Array.from({ length: 4 }, () => Array.from({ length: 30 }, () => words[Math.floor(random() * words.length)]).join(' ') + '.').join('\n\n'),
  }));
}

let server: TestRedis | undefined;
let storage: RedisDetectorStorage | undefined;
afterEach(async () => {
  await storage?.close().catch(() => undefined);
  await server?.dispose();
  storage = undefined;
  server = undefined;
});

/** A detector over the test server; `beforePassages` runs inside each add, between the index writes. */
async function detectorOn(s: TestRedis, commandTimeout: number, beforePassages?: (id: string) => Promise<void>): Promise<Detector> {
  storage = await redisDetectorStorage({ url: s.url, prefix: 'faults', commandTimeout, redisOptions: { retryStrategy: (n: number) => Math.min(n * 20, 200) } });
  if (beforePassages) {
    const add = storage.passages.add.bind(storage.passages);
    storage.passages.add = async (id, shingles, time) => {
      await beforePassages(id);
      return add(id, shingles, time);
    };
  }
  return new Detector({ storage });
}

/** What readers see agrees, for every id: has(), match() and pairs(). */
async function expectConsistent(d: Detector, docs: readonly { id: string; text: string }[]): Promise<Set<string>> {
  const present = new Set<string>();
  for (const a of docs) {
    const has = await d.has(a.id);
    if (has) present.add(a.id);
    const matched = (await d.match(a.text)).some((m) => m.id === a.id);
    expect(matched, `match() and has() agree on ${a.id}`).toBe(has);
  }
  expect(await d.size()).toBe(present.size);
  for (const e of await d.pairs()) expect(present.has(e.a) && present.has(e.b)).toBe(true);
  return present;
}

describe.skipIf(skip !== undefined)('Redis killed or stopped mid-run (test-owned redis-server)', () => {
  it('SIGKILL between two index writes of an add: StorageError, no orphan blocks the id, repair() mends', async () => {
    server = await TestRedis.start();
    const s = server;
    const docs = articles(40, 1);
    let killed = false;
    const d = await detectorOn(s, 2000, async (id) => {
      if (id === 'a20' && !killed) await s.kill().then(() => (killed = true));
    });
    const failed: string[] = [];
    for (const a of docs) {
      try {
        await d.add(a);
      } catch (err) {
        expect(err).toBeInstanceOf(StorageError);
        failed.push(a.id);
        if (failed.length === 3) break;
      }
    }
    expect(failed[0]).toBe('a20');
    await s.launch(); // the AOF replays every acknowledged write
    const present = await expectConsistent(d, docs);
    for (let k = 0; k < 20; k++) expect(present.has(`a${k}`)).toBe(true);
    const found = await d.verify();
    expect(found.orphans).toContain('a20'); // its document entry survived, its article never came
    expect(await d.has('a20')).toBe(false);
    for (const id of failed) await d.add(docs.find((a) => a.id === id)!); // retried: not a DuplicateIdError
    for (const a of docs.slice(Number(failed.at(-1)!.slice(1)) + 1)) await d.add(a);
    await d.repair();
    expect(await d.verify()).toEqual({ ok: true, orphans: [], unindexed: [] });
    expect(await d.size()).toBe(docs.length);
    await expectConsistent(d, docs);
  });

  it('SIGKILL at an arbitrary moment of a run of adds, then a restart: consistent, retry and repair', async () => {
    server = await TestRedis.start();
    const docs = articles(100, 2);
    const d = await detectorOn(server, 2000);
    const done: string[] = [];
    let failed: string | undefined;
    let killer: Promise<void> | undefined;
    for (const a of docs) {
      if (done.length === 50) killer ??= server.kill(); // not awaited: lands somewhere inside this add
      try {
        await d.add(a);
        done.push(a.id);
      } catch (err) {
        expect(err).toBeInstanceOf(StorageError);
        failed = a.id;
        break;
      }
    }
    await killer;
    expect(failed, 'an add failed once Redis was gone').toBeDefined();
    await server.launch();
    const present = await expectConsistent(d, docs);
    for (const id of done) expect(present.has(id)).toBe(true);
    for (const a of docs) if (!present.has(a.id)) await d.add(a);
    await d.repair();
    expect(await d.verify()).toEqual({ ok: true, orphans: [], unindexed: [] });
    expect(await d.size()).toBe(docs.length);
  });

  it('SIGSTOP mid-add: the add fails with a StorageError within the command timeout, nothing hangs; after SIGCONT all is consistent', async () => {
    server = await TestRedis.start();
    const s = server;
    const docs = articles(12, 3);
    let stopped = false;
    const d = await detectorOn(s, 300, async (id) => {
      if (id === 'a5' && !stopped) {
        stopped = true;
        s.stop();
      }
    });
    for (const a of docs.slice(0, 5)) await d.add(a);
    const started = performance.now();
    const err = await d.add(docs[5]!).catch((e: unknown) => e);
    const waited = performance.now() - started;
    expect(err).toBeInstanceOf(StorageError);
    expect((err as Error).message).toMatch(/no answer within 300 ms \(commandTimeout\)/);
    expect(waited).toBeLessThan(10_000); // three commands at most (the add and its rollback): ~1 s
    // Still stopped: reads fail fast too.
    await expect(d.has('a0')).rejects.toBeInstanceOf(StorageError);
    s.resume();
    await new Promise((r) => setTimeout(r, 200)); // the queued commands (and rollback) run
    await expectConsistent(d, docs);
    expect(await d.has('a5')).toBe(false);
    for (const a of docs.slice(5)) await d.add(a);
    await d.repair();
    expect(await d.verify()).toEqual({ ok: true, orphans: [], unindexed: [] });
    expect(await d.size()).toBe(docs.length);
  });

  it('a client you pass without a commandTimeout of its own is bounded by ours', async () => {
    server = await TestRedis.start();
    const client = new Redis(server.url);
    try {
      const store = new RedisDetectorStore({ client, prefix: 'given', commandTimeout: 200 });
      await store.put({ id: 'x', text: 'text', addedAt: 1 });
      server.stop();
      const started = performance.now();
      await expect(store.has('x')).rejects.toThrow(/no answer within 200 ms/);
      expect(performance.now() - started).toBeLessThan(5000);
      server.resume();
      expect(await store.has('x')).toBe(true);
    } finally {
      client.disconnect();
    }
  });
});

describe('commandTimeout option (no server needed)', () => {
  it('defaults to 10 s and is validated', () => {
    expect(DEFAULT_COMMAND_TIMEOUT_MS).toBe(10_000);
    for (const commandTimeout of [-1, 1.5, '100', null]) {
      expect(() => new RedisStorage({ url: 'redis://127.0.0.1:1', prefix: 'x', commandTimeout } as never)).toThrow(InvalidArgumentError);
    }
    expect(() => new RedisStorage({ url: 'redis://127.0.0.1:1', prefix: 'x', commandTimeout: 0 })).not.toThrow();
  });
});
