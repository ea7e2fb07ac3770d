/**
 * Index snapshots: exact round trips (fixtures, 2,000 wire-layout stories, into and out of Redis),
 * refusal of other parameters, and CorruptDataError for every flipped byte and every truncation.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CorruptDataError,
  IncompatibleSignatureError,
  InvalidArgumentError,
  LshIndex,
  loadIndexFile,
  MemoryStorage,
  MinHasher,
  RedisStorage,
  saveIndexFile,
  StorageError,
  type LshStorage,
  type Signature,
  type StoredDocument,
} from '../../src/index.js';
import { decodeIndexSnapshot } from '../../src/index/snapshot.js';
import { crc32 } from '../../src/util/crc32.js';
import { fixtureTexts } from '../helpers/fixtures.js';
import { newsCorpus } from '../helpers/corpus.js';
import { rng, setPair } from '../helpers/random.js';
import { deleteKeys, REDIS_URL, redisUnreachable } from './redis-worker.js';

const hasher = new MinHasher({ numPerm: 128, seed: 1 });

/** Every query answer of `index` for `queries` (at its threshold and at 0.1), as JSON to compare two indexes fast. */
async function answers(index: LshIndex, queries: Signature[]): Promise<string> {
  const out = [];
  for (const q of queries) out.push(await index.query(q), await index.query(q, { threshold: 0.1 }));
  return JSON.stringify(out);
}

/** Rewrites the CRC after editing `bytes` in place, so that deeper checks are reached. */
function reseal(bytes: Uint8Array): Uint8Array {
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(bytes.length - 4, crc32(bytes, 0, bytes.length - 4), true);
  return bytes;
}

async function smallIndex(): Promise<LshIndex> {
  const index = new LshIndex({ threshold: 0.5 });
  await index.insert('a', hasher.sign('Japan and the European Union unveiled a security and defence partnership'), 1_700_000_000_000);
  await index.insert('ü 東京', hasher.sign('Tokyo seeks to counter China’s increasing maritime assertiveness'));
  return index;
}

describe('index snapshots', () => {
  it('round-trips the five fixtures exactly: documents, times, parameters, answers, bytes', async () => {
    const texts = fixtureTexts();
    const index = new LshIndex({ threshold: 0.4 });
    let t = 1_600_000_000_000;
    for (const [id, text] of texts) await index.insert(id, hasher.sign(text), id === '002' ? undefined : (t += 3_600_000.25));
    const bytes = await index.save();
    const loaded = await LshIndex.load(bytes);
    expect([loaded.threshold, loaded.numPerm, loaded.bands, loaded.rows]).toEqual([index.threshold, index.numPerm, index.bands, index.rows]);
    expect(loaded.signatureParams).toEqual(hasher.params);
    expect(await loaded.size()).toBe(5);
    for (const id of texts.keys()) expect(await loaded.get(id)).toEqual(await index.get(id));
    const queries = [...texts.values()].flatMap((text) => [hasher.sign(text), hasher.sign(text.slice(0, text.length / 2))]);
    expect(await answers(loaded, queries)).toBe(await answers(index, queries));
    expect(await loaded.save()).toEqual(bytes);
    const times = new Map<string, number | undefined>();
    for (const doc of decodeIndexSnapshot(bytes).documents()) times.set(doc.id, doc.time);
    expect(times.get('002')).toBeUndefined();
    expect(times.get('000')).toBe(1_600_003_600_000.25);
    // time windows behave the same after loading
    expect(await loaded.removeOlderThan(1_600_000_000_000 + 3 * 3_600_000)).toBe(2);
    expect(await loaded.has('002')).toBe(true);
  });

  const reuters = newsCorpus(2000, 'reuters');
  it('round-trips 2,000 wire-layout stories: every query answers as before', async () => {
    const index = new LshIndex({ threshold: 0.5 });
    const sigs = reuters.map((d) => hasher.sign(d.text));
    await index.insertMany(reuters.map((d, i) => ({ id: d.id, signature: sigs[i]!, time: i % 4 === 0 ? undefined : i * 60_000 })));
    const bytes = await index.save();
    const loaded = await LshIndex.load(bytes, { expect: { numPerm: 128, seed: 1, shingleSize: 3, threshold: 0.5 } });
    expect(await loaded.size()).toBe(2000);
    const before = await answers(index, sigs);
    expect(before.length).toBeGreaterThan(100_000); // ~35,000 matches: a real comparison
    expect(await answers(loaded, sigs)).toBe(before);
    expect(Buffer.from(await loaded.save()).equals(bytes)).toBe(true);
  });

  it('saves an index that never saw a signature with its parameters absent', async () => {
    const empty = new LshIndex({ threshold: 0.7, numPerm: 64 });
    const bytes = await empty.save();
    expect(decodeIndexSnapshot(bytes).meta.params).toBeUndefined();
    const loaded = await LshIndex.load(bytes);
    expect(loaded.signatureParams).toBeUndefined();
    expect([loaded.threshold, loaded.numPerm, loaded.bands, loaded.rows]).toEqual([0.7, 64, empty.bands, empty.rows]);
    const small = new MinHasher({ numPerm: 64 });
    await loaded.insert('x', small.sign('now it learns its parameters'));
    expect(loaded.signatureParams).toEqual(small.params);
    // queried but empty: parameters present, no documents
    const queried = new LshIndex();
    await queried.query(hasher.sign('a question'));
    const again = await LshIndex.load(await queried.save());
    expect(again.signatureParams).toEqual(hasher.params);
    await expect(again.insert('y', new MinHasher({ seed: 2 }).sign('other seed'))).rejects.toThrow(IncompatibleSignatureError);
  });

  it('refuses to save documents whose parameters the index does not know, unless told them', async () => {
    const storage = new MemoryStorage();
    await new LshIndex({ storage }).insert('a', hasher.sign('one two three four'));
    await expect(new LshIndex({ storage }).save()).rejects.toThrow(/signatureParams: hasher.params/);
    const told = new LshIndex({ storage, signatureParams: hasher.params });
    expect(decodeIndexSnapshot(await told.save()).count).toBe(1);
    expect(() => new LshIndex({ signatureParams: new MinHasher({ numPerm: 64 }).params })).toThrow(IncompatibleSignatureError);
    expect(() => new LshIndex({ signatureParams: { numPerm: 128 } as never })).toThrow(InvalidArgumentError);
  });

  it('refuses other parameters than expected, naming each difference', async () => {
    const bytes = await (await smallIndex()).save();
    await expect(LshIndex.load(bytes, { expect: { numPerm: 64 } })).rejects.toThrow(IncompatibleSignatureError);
    await expect(LshIndex.load(bytes, { expect: { numPerm: 64 } })).rejects.toThrow(/numPerm \(128 in the snapshot vs 64 expected\)/);
    const error = await LshIndex.load(bytes, { expect: { seed: 2, unit: 'char', threshold: 0.8, bands: 3 } }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(IncompatibleSignatureError);
    for (const name of ['seed (1 in the snapshot vs 2', 'unit (word', 'threshold (0.5', 'bands (']) expect((error as Error).message).toContain(name);
    expect(await (await LshIndex.load(bytes, { expect: { ...hasher.params, threshold: 0.5 } })).size()).toBe(2);
  });

  it('refuses a storage holding another layout or other documents', async () => {
    const bytes = await (await smallIndex()).save();
    const other = new MemoryStorage();
    await new LshIndex({ threshold: 0.9, storage: other }).insert('z', hasher.sign('other layout'));
    await expect(LshIndex.load(bytes, { storage: other })).rejects.toThrow(IncompatibleSignatureError);
    const full = new MemoryStorage();
    await new LshIndex({ threshold: 0.5, storage: full }).insert('z', hasher.sign('same layout, a document'));
    await expect(LshIndex.load(bytes, { storage: full })).rejects.toThrow(/already holds 1 documents/);
    expect(await full.size()).toBe(1);
  });

  it('leaves the storage empty when loading fails part-way', async () => {
    const index = new LshIndex();
    const random = rng(3);
    await index.insertMany(Array.from({ length: 1500 }, (_, i) => ({ id: `d${i}`, signature: hasher.signShingles(setPair(random, 40, 0.5).a) })));
    const bytes = await index.save();
    class Failing extends MemoryStorage {
      calls = 0;
      override insert(docs: readonly StoredDocument[]): void {
        if (++this.calls === 2) throw new StorageError('disk on fire');
        super.insert(docs);
      }
    }
    const storage = new Failing();
    await expect(LshIndex.load(bytes, { storage })).rejects.toThrow(/disk on fire/);
    expect(storage.size()).toBe(0);
  });

  it('rejects every flipped byte, every truncation and any padding with CorruptDataError', async () => {
    const bytes = await (await smallIndex()).save();
    for (let i = 0; i < bytes.length; i++) {
      for (const mask of [0x01, 0x80]) {
        const bad = bytes.slice();
        bad[i]! ^= mask;
        await expect(LshIndex.load(bad), `flip at ${i}`).rejects.toBeInstanceOf(CorruptDataError);
      }
    }
    for (let n = 0; n < bytes.length; n++) {
      await expect(LshIndex.load(bytes.subarray(0, n)), `truncated to ${n}`).rejects.toBeInstanceOf(CorruptDataError);
    }
    const padded = new Uint8Array(bytes.length + 1);
    padded.set(bytes);
    await expect(LshIndex.load(padded)).rejects.toBeInstanceOf(CorruptDataError);
    await expect(LshIndex.load(new TextEncoder().encode('NDSG and then some more bytes to pass the length check'))).rejects.toThrow(/not a neardup index snapshot/);
    await expect(LshIndex.load('bytes' as never)).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('checks the structure behind a valid checksum: version, counts, ids, values', async () => {
    const bytes = await (await smallIndex()).save();
    const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset);
    const edit = (fn: (b: Uint8Array) => void) => {
      const b = bytes.slice();
      fn(b);
      return reseal(b);
    };
    await expect(LshIndex.load(edit((b) => view(b).setUint16(4, 3, true)))).rejects.toThrow(/version 3 is not supported.*upgrade neardup/);
    await expect(LshIndex.load(edit((b) => view(b).setUint16(6, 3, true)))).rejects.toThrow(/unknown flags/);
    await expect(LshIndex.load(edit((b) => view(b).setFloat64(8, 1.5, true)))).rejects.toThrow(/invalid threshold/);
    await expect(LshIndex.load(edit((b) => view(b).setUint32(20, 200, true)))).rejects.toThrow(/invalid banding/);
    await expect(LshIndex.load(edit((b) => view(b).setUint32(42, 3, true)))).rejects.toThrow(/truncated/); // document count
    await expect(LshIndex.load(edit((b) => view(b).setUint32(42, 1, true)))).rejects.toThrow(/unexpected bytes/);
    await expect(LshIndex.load(edit((b) => (b[40] = 99)))).rejects.toThrow(/invalid signature parameter code/); // stem language
    // header 28 + params 14 + count 4 = 46; the first document ("a") takes 4 + 1 + 8 + 512 bytes
    const second = 46 + 4 + 1 + 8 + 4 * 128;
    expect(view(bytes).getUint32(second, true)).toBe(new TextEncoder().encode('ü 東京').length);
    const dup = edit((b) => {
      view(b).setUint32(second, 1, true);
      b[second + 4] = 'a'.charCodeAt(0);
    });
    await expect(LshIndex.load(dup)).rejects.toThrow(/duplicate id "a"/);
    const badUtf8 = edit((b) => (b[second + 4] = 0xff));
    await expect(LshIndex.load(badUtf8)).rejects.toThrow(/not valid UTF-8/);
    const infinite = edit((b) => view(b).setFloat64(46 + 4 + 1, Infinity, true));
    await expect(LshIndex.load(infinite)).rejects.toThrow(/invalid time/);
  });

  it('reads format version 1 (no language bytes: stem and stopwords meant English)', async () => {
    const bytes = await (await smallIndex()).save();
    const v1 = new Uint8Array(bytes.length - 2);
    v1.set(bytes.subarray(0, 40));
    v1.set(bytes.subarray(42), 40);
    new DataView(v1.buffer).setUint16(4, 1, true);
    const index = await LshIndex.load(reseal(v1));
    expect(await index.size()).toBe(await (await LshIndex.load(bytes)).size());
  });

  it('reads snapshots from any Uint8Array view, e.g. a pooled Buffer', async () => {
    const bytes = await (await smallIndex()).save();
    const big = new Uint8Array(bytes.length + 7);
    big.set(bytes, 3);
    expect(await (await LshIndex.load(big.subarray(3, 3 + bytes.length))).size()).toBe(2);
    expect(await (await LshIndex.load(Buffer.from(bytes))).size()).toBe(2);
  });

  it('saves and loads files atomically', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'neardup-snapshot-'));
    try {
      const path = join(dir, 'news.ndix');
      const index = await smallIndex();
      await writeFile(path, 'an older file');
      await saveIndexFile(index, path);
      expect(await readdir(dir)).toEqual(['news.ndix']); // no temporary file left behind
      const loaded = await loadIndexFile(path, { expect: { numPerm: 128 } });
      const q = hasher.sign('Japan and the European Union unveiled a security and defence partnership');
      expect(await loaded.query(q)).toEqual(await index.query(q));
      await expect(saveIndexFile(index, join(dir, 'missing', 'x.ndix'))).rejects.toThrow(StorageError);
      await expect(saveIndexFile(index, join(dir, 'missing', 'x.ndix'))).rejects.toThrow(/directory exists and is writable/);
      expect(await readdir(dir)).toEqual(['news.ndix']);
      await expect(loadIndexFile(join(dir, 'nope.ndix'))).rejects.toThrow(/could not read index file/);
      await writeFile(path, (await index.save()).subarray(0, 100));
      await expect(loadIndexFile(path)).rejects.toBeInstanceOf(CorruptDataError);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

const unreachable = await redisUnreachable();
describe.skipIf(unreachable !== undefined && !process.env.CI)('index snapshots through Redis', () => {
  const prefix = `neardup-test:${process.pid}:${Date.now()}:snapshot`;
  const storages: LshStorage[] = [];
  afterAll(async () => {
    for (const s of storages) await (s as RedisStorage).close();
    if (unreachable) return;
    const client = new Redis(REDIS_URL);
    await deleteKeys(client, prefix);
    await client.quit();
  });
  if (unreachable) console.warn(`Skipping the Redis snapshot test: ${unreachable}`);

  it('memory → Redis → memory answers every query as the original', async () => {
    if (unreachable) throw new Error(`${unreachable}; CI is set, so Redis tests must run`);
    const texts = [...fixtureTexts().values()];
    const random = rng(11);
    const index = new LshIndex({ threshold: 0.5 });
    const sigs = [...texts.map((t) => hasher.sign(t)), ...Array.from({ length: 300 }, () => hasher.signShingles(setPair(random, 50, 0.6).a))];
    await index.insertMany(sigs.map((signature, i) => ({ id: `doc:${i}`, signature, time: i % 2 ? i * 1000 : undefined })));
    const bytes = await index.save();
    const redis = new RedisStorage({ url: REDIS_URL, prefix, scanCount: 64 });
    storages.push(redis);
    const shared = await LshIndex.load(bytes, { storage: redis });
    expect(await shared.size()).toBe(sigs.length);
    expect(await answers(shared, sigs)).toBe(await answers(index, sigs));
    // loading again into the now non-empty prefix is refused
    const again = new RedisStorage({ url: REDIS_URL, prefix });
    storages.push(again);
    await expect(LshIndex.load(bytes, { storage: again })).rejects.toThrow(/already holds/);
    // and a snapshot of another layout is refused on that prefix before anything else
    const fresh = new LshIndex({ threshold: 0.8 });
    await fresh.query(hasher.sign('bind parameters'));
    await expect(LshIndex.load(await fresh.save(), { storage: again })).rejects.toThrow(IncompatibleSignatureError);
    // Redis → bytes → memory: same documents (ZSCAN order differs), same answers
    const back = await LshIndex.load(await shared.save());
    expect(await answers(back, sigs)).toBe(await answers(index, sigs));
    const docs = (b: Uint8Array) => [...decodeIndexSnapshot(b).documents()].sort((x, y) => (x.id < y.id ? -1 : 1));
    expect(docs(await back.save())).toEqual(docs(bytes));
  });
});
