/**
 * Redis storage for a passage index that many processes share: one set of document ids per
 * listed shingle, a set of saturated (boilerplate) shingles, each document's shingles in a hash.
 * Adds and removals are single Lua scripts, so saturation is decided atomically across writers.
 */
import { DuplicateIdError, IncompatibleSignatureError, InvalidArgumentError, StorageError, describe } from '../../errors.js';
import { assertId, assertInteger, assertOptions, isValidId } from '../../validate.js';
import type { LookupOptions, PassageLayout, PassageStorage } from '../../index/passage-storage.js';
import {
  RedisConnection,
  beforeScore,
  bufferToU32s,
  checkConnectionOptions,
  hex8,
  prefixKeys,
  timeScore,
  u32sToBuffer,
  type PrefixKeys,
  type RedisConnectionOptions,
} from './connection.js';
import { LUA_CHECK_LAYOUT, LUA_HEX, OPEN_SCRIPT, documentRemovalScripts, openArgs } from './lua.js';

/** Version of the key layout below; stored in `{prefix}:layout` and checked by `open()`. */
export const REDIS_PASSAGE_LAYOUT_VERSION = 1;
const DEFAULT_SCAN_COUNT = 1000;

// Key layout ----------------------------------------------------------------------------------
//
//   {prefix}:layout        hash  kind = 'passages', passageVersion, maxPostings, shingleKey, fingerprint
//   {prefix}:ids           zset  id → time (ms; +inf for documents without one)
//   {prefix}:d:{id}        hash  s = the document's shingles (u32 LE), t = its time (absent when none)
//   {prefix}:p:{shingle}   set   ids of the documents holding a listed shingle (8 lowercase hex digits);
//                                its SCARD is the shingle's document frequency
//   {prefix}:sat           set   saturated shingles (8 hex digits): held by more than maxPostings
//                                documents once, never listed again (until clear())
//   {prefix}:g             hash  shingle (8 hex digits) → upper bound of its holders in all shards
//                                (only a shard of a ShardedPassageStorage: `holderBounds`)
//
// A shingle's posting set is deleted when it saturates, and by Redis itself when its last holder
// leaves (document frequency 0: the shingle starts over, as in MemoryPassageStorage).

/**
 * The Redis key names a `RedisPassageStorage` with this prefix uses, for operators and tests.
 *
 * @example
 * ```ts
 * redisPassageKeys('news:passages').postings(0xbeef); // 'news:passages:p:0000beef'
 * ```
 */
export function redisPassageKeys(prefix: string): PrefixKeys & {
  readonly saturated: string;
  doc(id: string): string;
  postings(shingle: number): string;
  readonly bounds: string;
} {
  return {
    ...prefixKeys(prefix),
    saturated: `${prefix}:sat`,
    bounds: `${prefix}:g`,
    doc: (id) => `${prefix}:d:${id}`,
    postings: (shingle) => `${prefix}:p:${hex8(shingle)}`,
  };
}

// Lua scripts ---------------------------------------------------------------------------------

/** checkLayout's arguments from ARGV[2…5] (maxPostings, shingleKey, version, fingerprint). */
const LUA_LAYOUT = `KEYS[1], ARGV[5], 'kind', 'passages', 'passageVersion', ARGV[4], 'maxPostings', ARGV[2], 'shingleKey', ARGV[3]`;

const SCRIPTS = {
  /** KEYS: layout. ARGV: see `openArgs`. */
  open: OPEN_SCRIPT,
  /**
   * KEYS: layout, ids, sat. ARGV: prefix, maxPostings, shingleKey, version, fingerprint, id,
   * shingles (u32 LE), time ('' for none), score. → {'ok'} | {'duplicate'} | {'layout', fp}.
   */
  add: {
    keys: 3,
    lua: `${LUA_HEX}${LUA_CHECK_LAYOUT}
local bad = checkLayout(${LUA_LAYOUT})
if bad then return bad end
local prefix, id, s = ARGV[1], ARGV[6], ARGV[7]
local docKey = prefix .. ':d:' .. id
if redis.call('EXISTS', docKey) == 1 then return {'duplicate'} end
if ARGV[8] == '' then redis.call('HSET', docKey, 's', s) else redis.call('HSET', docKey, 's', s, 't', ARGV[8]) end
redis.call('ZADD', KEYS[2], ARGV[9], id)
local max = tonumber(ARGV[2])
for i = 0, #s / 4 - 1 do
  local h = hex(s, i)
  if redis.call('SISMEMBER', KEYS[3], h) == 0 then
    local key = prefix .. ':p:' .. h
    if redis.call('SCARD', key) >= max then
      redis.call('DEL', key)
      redis.call('SADD', KEYS[3], h)
    else
      redis.call('SADD', key, id)
    end
  end
end
return {'ok'}`,
  },
  // a saturated shingle has no posting set: SREM is a no-op there
  ...documentRemovalScripts('s', "prefix .. ':p:' .. hex(s, i)"),
  /**
   * KEYS: layout (routes the script in a Redis Cluster). ARGV: prefix, maxDocs (0: no bound),
   * minShared, minShare, then one u32 LE shingle set per query → per set a flat [id, count, …] of
   * the documents sharing at least minShared shingles and minShare of the set (`passesLookup`).
   * Read-only; a saturated shingle has no posting set and so adds nothing; one held by more than
   * maxDocs is skipped.
   */
  lookup: {
    keys: 1,
    lua: `${LUA_HEX}
local prefix, maxDocs, minShared, minShare = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local out = {}
for k = 5, #ARGV do
  local s = ARGV[k]
  local size = #s / 4
  local counts, order = {}, {}
  for i = 0, #s / 4 - 1 do
    local key = prefix .. ':p:' .. hex(s, i)
    local members = (maxDocs > 0 and redis.call('SCARD', key) > maxDocs) and {} or redis.call('SMEMBERS', key)
    for _, id in ipairs(members) do
      local c = counts[id]
      if c then counts[id] = c + 1 else counts[id] = 1; order[#order + 1] = id end
    end
  end
  local flat = {}
  for _, id in ipairs(order) do
    local c = counts[id]
    if c >= minShared and c / size >= minShare then flat[#flat + 1] = id; flat[#flat + 1] = c end
  end
  out[#out + 1] = flat
end
return out`,
  },
  /** KEYS: sat. ARGV: prefix, shingles (u32 LE) → per shingle its holder count, or -1 if saturated. Read-only. */
  holders: {
    keys: 1,
    lua: `${LUA_HEX}
local s, out = ARGV[2], {}
for i = 0, #s / 4 - 1 do
  local h = hex(s, i)
  if redis.call('SISMEMBER', KEYS[1], h) == 1 then out[#out + 1] = -1 else out[#out + 1] = redis.call('SCARD', ARGV[1] .. ':p:' .. h) end
end
return out`,
  },
  /**
   * KEYS: g. ARGV: '1' to raise each bound by one first, or '0'; shingles (u32 LE) → per shingle
   * its bound (0 if never raised).
   */
  bounds: {
    keys: 1,
    lua: `${LUA_HEX}
local s, raise, out = ARGV[2], ARGV[1] == '1', {}
for i = 0, #s / 4 - 1 do
  local h = hex(s, i)
  if raise then out[#out + 1] = redis.call('HINCRBY', KEYS[1], h, 1) else out[#out + 1] = tonumber(redis.call('HGET', KEYS[1], h) or '0') end
end
return out`,
  },
  /** KEYS: layout, sat. ARGV: prefix, maxPostings, shingleKey, version, fingerprint, shingles → {'ok'} | {'layout', fp}. */
  saturate: {
    keys: 2,
    lua: `${LUA_HEX}${LUA_CHECK_LAYOUT}
local bad = checkLayout(${LUA_LAYOUT})
if bad then return bad end
local s = ARGV[6]
for i = 0, #s / 4 - 1 do
  local h = hex(s, i)
  redis.call('DEL', ARGV[1] .. ':p:' .. h)
  redis.call('SADD', KEYS[2], h)
end
return {'ok'}`,
  },
} as const;

type ScriptName = keyof typeof SCRIPTS;

/** Options of a `RedisPassageStorage`. Give `client` or `url`. */
export interface RedisPassageStorageOptions extends RedisConnectionOptions {
  /** COUNT of each SCAN / ZSCAN step and ids removed per expiry script. Default 1000. */
  scanCount?: number;
  /**
   * This storage is one shard of a `ShardedPassageStorage` of several: it keeps, for the shingles
   * hashed to it, upper bounds of their holders in all shards (`bounds`), and its layout says so,
   * so that it is never opened without them. Set by `shardedRedisPassageStorage` and
   * `redisDetectorStorage({ shards })`; default false.
   */
  holderBounds?: boolean;
}

/**
 * Keeps a passage index in Redis so that many processes share it, with exactly the semantics of
 * `MemoryPassageStorage`: a shingle held by more than `maxPostings` documents is saturated
 * (boilerplate) and never listed again, even after its holders leave; below that, its document
 * frequency is the number of documents holding it now. Needs the optional peer dependency
 * `ioredis`.
 *
 * Guarantees: `add` and `remove` are one Lua script each (atomic: readers see all of a document's
 * postings or none, and two writers cannot both slip under the cut-off); `lookup(sets)` is one
 * read-only script — one round trip, counts computed in Redis, and a consistent view of every set
 * at once (a pipeline of SMEMBERS could see a concurrent add in some posting sets and not others,
 * and would ship every posting instead of one count per document).
 *
 * @example
 * ```ts
 * import { PassageIndex, RedisPassageStorage } from 'neardup';
 * const storage = new RedisPassageStorage({ url: 'redis://127.0.0.1:6379', prefix: 'news:passages' });
 * const passages = new PassageIndex({ storage, maxPostings: 100 });
 * await passages.add('wire-1', hasher.shingle(text), Date.now());
 * const [shared] = await passages.lookup([hasher.shingle(paragraph)]);
 * await storage.close();
 * ```
 */
export class RedisPassageStorage implements PassageStorage {
  /** The key prefix. */
  readonly prefix: string;
  private readonly keys: ReturnType<typeof redisPassageKeys>;
  private readonly conn: RedisConnection<ScriptName>;
  private readonly scanCount: number;
  private layout: PassageLayout | undefined;
  private fingerprint = '';
  private readonly holderBounds: boolean;

  constructor(options: RedisPassageStorageOptions) {
    assertOptions(options, 'RedisPassageStorage options');
    checkConnectionOptions(options, 'RedisPassageStorage');
    const { scanCount = DEFAULT_SCAN_COUNT, holderBounds = false } = options;
    assertInteger(scanCount, 'scanCount', 1, 1_000_000);
    if (typeof holderBounds !== 'boolean') throw new InvalidArgumentError(`holderBounds must be true or false, got ${describe(holderBounds)}`);
    this.holderBounds = holderBounds;
    this.conn = new RedisConnection(options, 'RedisPassageStorage', SCRIPTS, `passages_v${REDIS_PASSAGE_LAYOUT_VERSION}`);
    this.prefix = options.prefix;
    this.keys = redisPassageKeys(options.prefix);
    this.scanCount = scanCount;
  }

  /** Binds to `layout`, writing it to `{prefix}:layout` if absent; refuses a prefix holding another. */
  async open(layout: PassageLayout): Promise<void> {
    const fingerprint = layoutFingerprint(layout, this.holderBounds);
    const write = { kind: 'passages', passageVersion: REDIS_PASSAGE_LAYOUT_VERSION, maxPostings: layout.maxPostings, shingleKey: layout.shingleKey, fingerprint };
    const stored = (await this.conn.call('open', (r) =>
      this.conn.script(r, 'open')(this.keys.layout, ...openArgs(write, ['kind', 'passageVersion', 'maxPostings', 'shingleKey', 'fingerprint'])),
    )) as (string | null)[];
    const [kind, version, maxPostings, shingleKey, storedFingerprint] = stored;
    if (kind !== 'passages') {
      throw new StorageError(
        `Redis prefix "${this.prefix}" holds other neardup data (an LSH index or an article store?), not a passage index; give each storage its own prefix`,
      );
    }
    if (version !== String(REDIS_PASSAGE_LAYOUT_VERSION)) {
      throw new StorageError(
        `Redis prefix "${this.prefix}" holds a passage index in key layout version ${version ?? 'unknown'}, this build uses ${REDIS_PASSAGE_LAYOUT_VERSION}; use a new prefix, or clear() this one and rebuild the index`,
      );
    }
    const diff: string[] = [];
    if (maxPostings !== String(layout.maxPostings)) diff.push(`maxPostings (${maxPostings} stored vs ${layout.maxPostings} here)`);
    if (shingleKey !== layout.shingleKey) diff.push(`shingles (${shingleKey} stored vs ${layout.shingleKey} here)`);
    if (diff.length > 0) {
      throw new IncompatibleSignatureError(
        `Redis prefix "${this.prefix}" already holds a passage index with other settings: ${diff.join(', ')}; use the stored settings, or another prefix`,
      );
    }
    const storedBounds = storedFingerprint?.endsWith(BOUNDS_MARK) ?? this.holderBounds;
    if (storedBounds !== this.holderBounds) {
      throw new StorageError(
        storedBounds
          ? `Redis prefix "${this.prefix}" holds one shard of a sharded passage index; open it through shardedRedisPassageStorage (or redisDetectorStorage) with the same prefix and shards`
          : `Redis prefix "${this.prefix}" holds a passage index without the holder bounds a shard of several needs (unsharded, or sharded by a neardup before them); clear() it and rebuild the index, or use another prefix`,
      );
    }
    this.layout = layout;
    this.fingerprint = fingerprint;
  }

  /** Adds a document's distinct shingles in one script; `DuplicateIdError`, writing nothing, if present. */
  async add(id: string, shingles: Uint32Array, time?: number): Promise<void> {
    const layout = this.requireLayout();
    assertId(id, 'id');
    if (!(shingles instanceof Uint32Array)) {
      throw new InvalidArgumentError(`shingles must be a Uint32Array of distinct shingle hashes, got ${describe(shingles)}`);
    }
    const t = time === undefined || Number.isNaN(time) ? '' : String(time);
    const reply = (await this.conn.call('add', (r) =>
      this.conn.script(r, 'add')(
        this.keys.layout,
        this.keys.ids,
        this.keys.saturated,
        this.prefix,
        ...this.layoutArgs(layout),
        id,
        u32sToBuffer(shingles),
        t,
        timeScore(time),
      ),
    )) as string[];
    this.checkReply(reply);
    if (reply[0] === 'duplicate') throw new DuplicateIdError(id);
  }

  /** Removes a document's postings in one script; false if unknown. */
  async remove(id: string): Promise<boolean> {
    if (!isValidId(id)) return false;
    const removed = await this.conn.call('remove', (r) => this.conn.script(r, 'remove')(this.keys.ids, this.prefix, id));
    return removed === 1;
  }

  has(id: string): Promise<boolean> {
    if (!isValidId(id)) return Promise.resolve(false);
    return this.conn.call('has', async (r) => (await r.exists(this.keys.doc(id))) === 1);
  }

  /** Number of documents (ZCARD of `{prefix}:ids`). */
  size(): Promise<number> {
    return this.conn.call('size', (r) => r.zcard(this.keys.ids));
  }

  /**
   * For each set, the documents sharing its listed shingles, with counts (shingles held by more
   * than `maxDocs` documents skipped): one script, one round trip.
   */
  async lookup(sets: readonly Uint32Array[], options: LookupOptions = {}): Promise<Map<string, number>[]> {
    if (sets.length === 0) return [];
    const { maxDocs = 0, minShared = 0, minShare = 0 } = options;
    const replies = (await this.conn.call('lookup', (r) =>
      this.conn.script(r, 'lookup')(this.keys.layout, this.prefix, maxDocs, minShared, minShare, ...sets.map((s) => u32sToBuffer(s))),
    )) as (string | number)[][];
    return replies.map((flat) => {
      const out = new Map<string, number>();
      for (let i = 0; i + 1 < flat.length; i += 2) out.set(flat[i] as string, flat[i + 1] as number);
      return out;
    });
  }

  /**
   * Removes every document whose time is before `time` (documents without a time stay), in
   * scripts of `scanCount` documents.
   */
  async removeOlderThan(time: number): Promise<number> {
    if (Number.isNaN(time)) return 0;
    return this.conn.removeInBatches((r, limit) => this.conn.script(r, 'expire')(this.keys.ids, this.prefix, beforeScore(time), limit), this.scanCount);
  }

  /**
   * Every document with its shingles, read by ZSCAN in batches of `scanCount`, one pipelined round
   * trip per batch. Not a point-in-time view under concurrent writers; each document is whole.
   */
  async *entries(): AsyncIterable<{ id: string; shingles: Uint32Array; time?: number | undefined }> {
    for await (const { id, values } of this.conn.scanHashes(this.keys.ids, this.keys.doc, ['s', 't'], this.scanCount)) {
      const [s, t] = values;
      yield { id, shingles: bufferToU32s(s!), time: t ? Number(t.toString()) : undefined };
    }
  }

  /**
   * For each shingle, how many documents of this storage hold it, or -1 if it is saturated: one
   * read-only script. `ShardedPassageStorage` sums these over shards to keep the cut-off global.
   */
  async holders(shingles: Uint32Array): Promise<Int32Array> {
    if (shingles.length === 0) return new Int32Array(0);
    const counts = (await this.conn.call('holders', (r) => this.conn.script(r, 'holders')(this.keys.saturated, this.prefix, u32sToBuffer(shingles)))) as number[];
    return Int32Array.from(counts);
  }

  /**
   * For each shingle, how many documents hold it now (Infinity once saturated): the `holders`
   * script, one round trip. Exact at the moment the script runs, seen by every process alike.
   */
  async documentFrequencies(shingles: Uint32Array): Promise<Float64Array> {
    const counts = await this.holders(shingles);
    return Float64Array.from(counts, (n) => (n < 0 ? Infinity : n));
  }

  /**
   * For each shingle hashed to this shard, the upper bound this shard keeps of its holders in all
   * shards — raised by one first when `raise` (before a document holding it is written) — one
   * script. Never lowered, so never below the true count (see ShardedPassageStorage).
   */
  async bounds(shingles: Uint32Array, raise: boolean): Promise<Int32Array> {
    if (!this.holderBounds) throw new StorageError(`RedisPassageStorage "${this.prefix}" keeps no holder bounds; create it with holderBounds: true (as a shard of a ShardedPassageStorage)`);
    if (shingles.length === 0) return new Int32Array(0);
    const values = (await this.conn.call('bounds', (r) => this.conn.script(r, 'bounds')(this.keys.bounds, raise ? '1' : '0', u32sToBuffer(shingles)))) as number[];
    return Int32Array.from(values);
  }

  /** Every saturated (boilerplate) shingle, sorted ascending. */
  async saturated(): Promise<Uint32Array> {
    const members = await this.conn.call('saturated', (r) => r.smembers(this.keys.saturated));
    const out = new Uint32Array(members.length);
    members.forEach((h, i) => (out[i] = Number.parseInt(h, 16)));
    return out.sort();
  }

  /** Marks shingles as boilerplate (one script): their postings go, and they are never listed again. */
  async saturate(shingles: Uint32Array): Promise<void> {
    const layout = this.requireLayout();
    if (shingles.length === 0) return;
    const reply = (await this.conn.call('saturate', (r) =>
      this.conn.script(r, 'saturate')(this.keys.layout, this.keys.saturated, this.prefix, ...this.layoutArgs(layout), u32sToBuffer(shingles)),
    )) as string[];
    this.checkReply(reply);
  }

  /**
   * Deletes every key under `{prefix}:` (SCAN + UNLINK), saturation and layout included, like a
   * fresh MemoryPassageStorage; the layout is written again by the next add. Not atomic: stop
   * writers first.
   */
  async clear(): Promise<void> {
    await this.conn.deleteMatching(this.keys.pattern, this.scanCount);
  }

  /** Disconnects the client if this storage created it (from `url`); a given client stays open. */
  close(): Promise<void> {
    return this.conn.close();
  }

  private requireLayout(): PassageLayout {
    if (!this.layout) throw new StorageError('RedisPassageStorage used before open(); pass it to a PassageIndex, which opens it');
    return this.layout;
  }

  private layoutArgs(layout: PassageLayout): (string | number)[] {
    return [layout.maxPostings, layout.shingleKey, REDIS_PASSAGE_LAYOUT_VERSION, this.fingerprint];
  }

  private checkReply(reply: string[]): void {
    if (reply[0] === 'layout') {
      throw new IncompatibleSignatureError(
        `Redis prefix "${this.prefix}" was re-created with other passage settings (${reply[1]}) while this index used it; create a new PassageIndex for them, or use another prefix`,
      );
    }
    if (reply[0] !== 'ok' && reply[0] !== 'duplicate') throw new StorageError(`unexpected reply ${describe(reply)} from a passage script; clear() prefix "${this.prefix}" and rebuild`);
  }
}

/** Ends the layout fingerprint of a shard that keeps holder bounds. */
const BOUNDS_MARK = '|bounds';

function layoutFingerprint(layout: PassageLayout, holderBounds: boolean): string {
  return `p${REDIS_PASSAGE_LAYOUT_VERSION}|${layout.maxPostings}|${layout.shingleKey}${holderBounds ? BOUNDS_MARK : ''}`;
}
