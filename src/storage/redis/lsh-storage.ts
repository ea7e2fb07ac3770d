/**
 * Redis storage for an LSH index that many processes share: band buckets are Redis sets, each
 * document one hash, the ids a sorted set scored by time. Every write of a document runs inside
 * one Lua script (atomic on the server), so no reader ever sees a document in some bands only.
 */
import { randomUUID } from 'node:crypto';
import { DuplicateIdError, IncompatibleSignatureError, InvalidArgumentError, NeardupError, StorageError, describe } from '../../errors.js';
import { assertInteger, assertOptions } from '../../validate.js';
import type { Candidate, LshStorage, StorageLayout, StoredDocument } from '../../index/storage.js';
import {
  RedisConnection,
  beforeScore,
  bufferToU32s,
  checkConnectionOptions,
  hex8,
  prefixKeys,
  u32sToBuffer,
  type PrefixKeys,
  type RedisClient,
  type RedisConnectionOptions,
} from './connection.js';
import { LUA_CHECK_LAYOUT, LUA_HEX, OPEN_SCRIPT, documentRemovalScripts, openArgs } from './lua.js';

// Constants -----------------------------------------------------------------------------------

/** Version of the key layout below; stored in `{prefix}:layout` and checked by `open()`. */
export const REDIS_LAYOUT_VERSION = 1;
/** Default documents per insert script: bounds how long one script holds Redis (~30 ms for 500 documents of 25 bands). */
const DEFAULT_BATCH_SIZE = 500;
/** Default COUNT of SCAN / ZSCAN and ids per expiry script. */
const DEFAULT_SCAN_COUNT = 1000;
/** Lifetime of the marker that stops the later chunks of a failed multi-chunk insert. */
const ABORT_TTL_MS = 60_000;
/** Ids per pre-check script of a multi-chunk insert (keeps argument lists small). */
const PRECHECK_IDS = 5000;

// Key layout ----------------------------------------------------------------------------------
//
//   {prefix}:layout            hash  numPerm, bands, rows, paramsKey, version, fingerprint
//   {prefix}:ids               zset  id → time (ms; +inf for documents without a time)
//   {prefix}:d:{id}            hash  sig = numPerm × u32 LE, bk = bands × u32 LE band keys,
//                                    t = time as a decimal string (absent when none)
//   {prefix}:b:{band}:{key}    set   ids whose band `band` has key `key` (8 lowercase hex digits)
//   {prefix}:abort:{uuid}      string, for 60 s: a multi-chunk insert failed, skip its other chunks
//
// The id goes into its key as-is: Redis keys are binary-safe, and the `d:` / `b:` / `abort:`
// kinds after the prefix cannot collide with one another or with `layout` and `ids`. Two
// storages must not nest their prefixes ("news" and "news:d:x"), as their keys would mix.

/**
 * The Redis key names a `RedisStorage` with this prefix uses, for operators and tests.
 *
 * @example
 * ```ts
 * const keys = redisKeys('news');
 * keys.doc('reuters-1');   // 'news:d:reuters-1'
 * keys.band(3, 0xbeef);    // 'news:b:3:0000beef'
 * ```
 */
export function redisKeys(prefix: string): PrefixKeys & {
  doc(id: string): string;
  band(band: number, key: number): string;
} {
  return {
    ...prefixKeys(prefix),
    doc: (id) => `${prefix}:d:${id}`,
    band: (band, key) => `${prefix}:b:${band}:${hex8(key)}`,
  };
}

// Lua scripts ---------------------------------------------------------------------------------
// Band set names are built in Lua from the stored band keys, with the same spelling as
// `redisKeys().band`.

const LUA_BAND_KEY = `
local function bandKey(prefix, bk, b) return prefix .. ':b:' .. b .. ':' .. hex(bk, b) end
`;

/** Layout fields as insert's ARGV carries them (ARGV[2…7]: numPerm … fingerprint), for checkLayout. */
const LUA_LAYOUT_FIELDS = `ARGV[7], 'numPerm', ARGV[2], 'bands', ARGV[3], 'rows', ARGV[4], 'paramsKey', ARGV[5], 'version', ARGV[6]`;

const SCRIPTS = {
  /** KEYS: layout. ARGV: see `openArgs`. */
  open: OPEN_SCRIPT,
  /** KEYS: abort marker. ARGV: prefix, id… → the first id already present (and sets the marker), or nil. */
  absent: {
    keys: 1,
    lua: `
for i = 2, #ARGV do
  if redis.call('EXISTS', ARGV[1] .. ':d:' .. ARGV[i]) == 1 then
    redis.call('SET', KEYS[1], '1', 'PX', ${ABORT_TTL_MS})
    return ARGV[i]
  end
end
return false`,
  },
  /**
   * KEYS: layout, ids. ARGV: prefix, numPerm, bands, rows, paramsKey, version, fingerprint,
   * abort marker key ('' for none), n, then n × (id, sig, time or '', band keys).
   * All or nothing: every id is checked before anything is written.
   */
  insert: {
    keys: 2,
    lua: `${LUA_HEX}${LUA_BAND_KEY}${LUA_CHECK_LAYOUT}
local prefix = ARGV[1]
local bad = checkLayout(KEYS[1], ${LUA_LAYOUT_FIELDS})
if bad then return bad end
local abort = ARGV[8]
if abort ~= '' and redis.call('EXISTS', abort) == 1 then return {'aborted'} end
local n = tonumber(ARGV[9])
for i = 0, n - 1 do
  local id = ARGV[10 + 4 * i]
  if redis.call('EXISTS', prefix .. ':d:' .. id) == 1 then
    if abort ~= '' then redis.call('SET', abort, '1', 'PX', ${ABORT_TTL_MS}) end
    return {'duplicate', id}
  end
end
-- The hash goes first: should a command fail mid-script (only foreign data under the prefix can
-- make SADD fail), what was written is reachable from the hash's band keys and remove() clears it.
for i = 0, n - 1 do
  local at = 10 + 4 * i
  local id, sig, t, bk = ARGV[at], ARGV[at + 1], ARGV[at + 2], ARGV[at + 3]
  if t == '' then
    redis.call('HSET', prefix .. ':d:' .. id, 'sig', sig, 'bk', bk)
  else
    redis.call('HSET', prefix .. ':d:' .. id, 'sig', sig, 'bk', bk, 't', t)
  end
  for b = 0, #bk / 4 - 1 do redis.call('SADD', bandKey(prefix, bk, b), id) end
  redis.call('ZADD', KEYS[2], t == '' and '+inf' or t, id)
end
return {'ok'}`,
  },
  // Removal reads the band keys stored in the document's hash (bands × 4 bytes, ~100 B at 25
  // bands) rather than recomputing them from the signature: Lua would need MurmurHash3 and the
  // banding, and a stored list stays exact even if band keying ever changes in a later version.
  ...documentRemovalScripts('bk', 'bandKey(prefix, s, i)', LUA_BAND_KEY),
  /**
   * KEYS: layout (routes the script to the prefix's node in a Redis Cluster). ARGV: prefix, band
   * keys → flat [id, sig, id, sig, …] of every document in those buckets.
   */
  candidates: {
    keys: 1,
    lua: `${LUA_HEX}${LUA_BAND_KEY}
local prefix, bk, limit = ARGV[1], ARGV[2], tonumber(ARGV[3])
local bands = #bk / 4
local out, seen = {}, {}
for from = 0, bands - 1, 500 do
  local names = {}
  for b = from, math.min(from + 499, bands - 1) do names[#names + 1] = bandKey(prefix, bk, b) end
  for _, id in ipairs(redis.call('SUNION', unpack(names))) do
    if not seen[id] then
      seen[id] = true
      local sig = redis.call('HGET', prefix .. ':d:' .. id, 'sig')
      if sig then
        out[#out + 1] = id
        out[#out + 1] = sig
        if limit > 0 and #out >= 2 * limit then return out end
      end
    end
  end
end
return out`,
  },
} as const;

type ScriptName = keyof typeof SCRIPTS;
/** ioredis command name of a script: versioned, so two neardup versions can share a client. */
const commandName = (name: ScriptName): string => `neardup_${name}_v${REDIS_LAYOUT_VERSION}`;

type Arg = string | Buffer | number;
/** A pipeline with our scripts: ioredis copies defined commands onto pipelines. */
type Pipe = Record<string, (...args: Arg[]) => Pipe> & { exec(): Promise<[Error | null, unknown][] | null> };

// Options -------------------------------------------------------------------------------------

/** Options of a `RedisStorage`. Give `client` or `url`. */
export interface RedisStorageOptions extends RedisConnectionOptions {
  /**
   * An ioredis client to use (left open by `close()`). It must not set `keyPrefix`. The storage
   * defines its Lua scripts on it as commands named `neardup_<name>_v1`.
   */
  client?: RedisClient;
  /** Keep documents this many ms: `prune()` removes those older than now − windowMs. */
  windowMs?: number;
  /** Documents per insert script (each script is all-or-nothing). Default 500. */
  batchSize?: number;
  /** COUNT of each SCAN / ZSCAN step and ids removed per expiry script. Default 1000. */
  scanCount?: number;
}

/**
 * Keeps an LSH index in Redis so that many processes can insert and query one index. Needs the
 * optional peer dependency `ioredis` (`npm install ioredis`), loaded only when a storage is
 * created from a `url`.
 *
 * Guarantees: each document is inserted and removed by one Lua script, so readers see it in all
 * of its bands or in none; `insert(docs)` sends all its scripts in one pipeline (one round trip);
 * `candidates()` is one script (one round trip). `insert(docs)` writes nothing when any id is
 * already present — see `insert` for the one race in which a large call is rolled back instead.
 *
 * @example
 * ```ts
 * import { LshIndex, MinHasher, RedisStorage } from 'neardup';
 * const storage = new RedisStorage({ url: 'redis://127.0.0.1:6379', prefix: 'news', windowMs: 7 * 86_400_000 });
 * const index = new LshIndex({ threshold: 0.5, storage });
 * await index.insert('reuters-1', new MinHasher().sign(text), Date.now());
 * setInterval(() => void storage.prune(), 60_000); // keep a 7-day window
 * await storage.close();
 * ```
 */
export class RedisStorage implements LshStorage {
  /** The key prefix. */
  readonly prefix: string;
  /** The window of `prune()`, if configured. */
  readonly windowMs: number | undefined;
  private readonly keys: ReturnType<typeof redisKeys>;
  private readonly conn: RedisConnection<ScriptName>;
  private readonly batchSize: number;
  private readonly scanCount: number;
  private layout: StorageLayout | undefined;
  private fingerprint = '';

  constructor(options: RedisStorageOptions) {
    assertOptions(options, 'RedisStorage options');
    checkConnectionOptions(options, 'RedisStorage');
    const { windowMs, batchSize = DEFAULT_BATCH_SIZE, scanCount = DEFAULT_SCAN_COUNT } = options;
    if (windowMs !== undefined && !(typeof windowMs === 'number' && windowMs > 0 && Number.isFinite(windowMs))) {
      throw new InvalidArgumentError(`windowMs must be a positive number of milliseconds, got ${describe(windowMs)}`);
    }
    assertInteger(batchSize, 'batchSize', 1, 100_000);
    assertInteger(scanCount, 'scanCount', 1, 1_000_000);
    this.conn = new RedisConnection(options, 'RedisStorage', SCRIPTS, commandName);
    this.prefix = options.prefix;
    this.keys = redisKeys(options.prefix);
    this.windowMs = windowMs;
    this.batchSize = batchSize;
    this.scanCount = scanCount;
  }

  /** Binds to `layout`, writing it to `{prefix}:layout` if absent; refuses a prefix holding another. */
  async open(layout: StorageLayout): Promise<void> {
    const fingerprint = layoutFingerprint(layout);
    const write = { numPerm: layout.numPerm, bands: layout.bands, rows: layout.rows, paramsKey: layout.paramsKey, version: REDIS_LAYOUT_VERSION, fingerprint };
    const stored = (await this.conn.call('open', (r) =>
      this.conn.script(r, 'open')(this.keys.layout, ...openArgs(write, ['numPerm', 'bands', 'rows', 'paramsKey', 'version'])),
    )) as (string | null)[];
    const [numPerm, bands, rows, paramsKey, version] = stored;
    if (version !== String(REDIS_LAYOUT_VERSION)) {
      throw new StorageError(
        `Redis prefix "${this.prefix}" holds neardup data in key layout version ${version ?? 'unknown'}, this build uses ${REDIS_LAYOUT_VERSION}; use a new prefix, or clear() this one and rebuild the index`,
      );
    }
    const diff: string[] = [];
    if (numPerm !== String(layout.numPerm)) diff.push(`numPerm (${numPerm} stored vs ${layout.numPerm} here)`);
    if (bands !== String(layout.bands)) diff.push(`bands (${bands} stored vs ${layout.bands} here)`);
    if (rows !== String(layout.rows)) diff.push(`rows (${rows} stored vs ${layout.rows} here)`);
    if (paramsKey !== layout.paramsKey) diff.push(`signature parameters (${paramsKey} stored vs ${layout.paramsKey} here)`);
    if (diff.length > 0) {
      throw new IncompatibleSignatureError(
        `Redis prefix "${this.prefix}" already holds an index with other parameters: ${diff.join(', ')}; build the index with the stored parameters, or use another prefix`,
      );
    }
    this.layout = layout;
    this.fingerprint = fingerprint;
  }

  /**
   * Adds documents, `batchSize` per Lua script, every script of the call in one pipeline.
   *
   * What happens on a duplicate id:
   * - an id twice within `docs`: rejected before anything is sent;
   * - an id already in Redis: with one chunk, its script checks every id first and writes
   *   nothing; with several, a check of all ids runs first in the same pipeline and,
   *   on a hit, sets an abort marker that makes every chunk write nothing. Either way: nothing.
   * - the race — another process inserts one of these ids between that check and the chunk
   *   holding it: that chunk writes nothing and marks the abort, the later chunks write nothing,
   *   and the earlier chunks (complete documents, briefly visible) are removed again before the
   *   `DuplicateIdError` is thrown.
   * A process killed mid-call leaves some chunks inserted completely and the rest not at all.
   */
  async insert(docs: readonly StoredDocument[]): Promise<void> {
    const layout = this.requireLayout();
    if (docs.length === 0) return;
    const ids = new Set<string>();
    for (const doc of docs) {
      if (ids.has(doc.id)) throw new DuplicateIdError(doc.id);
      ids.add(doc.id);
      if (doc.values.length !== layout.numPerm || doc.bandKeys.length !== layout.bands) {
        throw new InvalidArgumentError(`document ${describe(doc.id)} has ${doc.values.length} values and ${doc.bandKeys.length} band keys, expected ${layout.numPerm} and ${layout.bands}; insert through an LshIndex`);
      }
    }
    const chunks: StoredDocument[][] = [];
    for (let i = 0; i < docs.length; i += this.batchSize) chunks.push(docs.slice(i, i + this.batchSize));
    const abortKey = chunks.length > 1 ? `${this.prefix}:abort:${randomUUID()}` : '';
    const idList = [...ids];
    const prechecks = abortKey ? Math.ceil(idList.length / PRECHECK_IDS) : 0;
    const results = await this.conn.call('insert', (r) => {
      const pipe = r.pipeline() as unknown as Pipe;
      for (let p = 0; p < prechecks; p++) {
        pipe[this.conn.command('absent')]!(abortKey, this.prefix, ...idList.slice(p * PRECHECK_IDS, (p + 1) * PRECHECK_IDS));
      }
      for (const chunk of chunks) {
        const args: Arg[] = [this.keys.layout, this.keys.ids, ...this.layoutArgs(layout, this.fingerprint), abortKey, chunk.length];
        for (const doc of chunk) args.push(doc.id, u32sToBuffer(doc.values), doc.time === undefined ? '' : String(doc.time), u32sToBuffer(doc.bandKeys));
        pipe[this.conn.command('insert')]!(...args);
      }
      if (abortKey) pipe.del!(abortKey);
      return pipe.exec();
    });
    const replies = (results ?? []).slice(prechecks, prechecks + chunks.length);
    const committed: StoredDocument[] = [];
    let failure: Error | undefined;
    let duplicate: string | undefined;
    for (const [err, dup] of (results ?? []).slice(0, prechecks)) {
      if (err) failure ??= err;
      else if (typeof dup === 'string') duplicate ??= dup;
    }
    replies.forEach(([err, reply], i) => {
      const [status, detail] = (reply ?? []) as string[];
      if (err) failure ??= err;
      else if (status === 'ok') committed.push(...chunks[i]!);
      else if (status === 'duplicate') duplicate ??= detail;
      else if (status === 'layout') {
        failure ??= new IncompatibleSignatureError(
          `Redis prefix "${this.prefix}" was re-created with other parameters (${detail}) while this index used it; create a new LshIndex for the new parameters, or use another prefix`,
        );
      } else if (status !== 'aborted') failure ??= new StorageError(`unexpected reply ${describe(reply)} from the insert script`);
    });
    if (failure === undefined && duplicate === undefined) return;
    if (committed.length > 0) await this.removeMany(committed.map((d) => d.id));
    if (duplicate !== undefined && failure === undefined) throw new DuplicateIdError(duplicate);
    throw failure instanceof NeardupError ? failure : this.conn.wrap('insert', failure);
  }

  /** Removes `id` from every bucket (one script); false if unknown. */
  async remove(id: string): Promise<boolean> {
    const removed = await this.conn.call('remove', (r) => this.conn.script(r, 'remove')(this.keys.ids, this.prefix, id));
    return removed === 1;
  }

  has(id: string): Promise<boolean> {
    return this.conn.call('has', async (r) => (await r.exists(this.keys.doc(id))) === 1);
  }

  async get(id: string): Promise<Uint32Array | undefined> {
    const sig = await this.conn.call('get', (r) => r.hgetBuffer(this.keys.doc(id), 'sig'));
    return sig === null ? undefined : this.toValues(sig, id);
  }

  /** Number of documents (ZCARD of `{prefix}:ids`). */
  size(): Promise<number> {
    return this.conn.call('size', (r) => r.zcard(this.keys.ids));
  }

  /** Every document in a bucket of `bandKeys`, with its signature: one script, one round trip. */
  async candidates(bandKeys: Uint32Array, limit?: number): Promise<Candidate[]> {
    const flat = (await this.conn.call('candidates', (r) =>
      this.conn.script(r, 'candidates', true)(this.keys.layout, this.prefix, u32sToBuffer(bandKeys), limit === undefined || !Number.isFinite(limit) ? 0 : limit),
    )) as Buffer[];
    const out: Candidate[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const id = flat[i]!.toString('utf8');
      out.push({ id, values: this.toValues(flat[i + 1]!, id) });
    }
    return out;
  }

  /**
   * Removes every document whose time is before `time` (documents without a time stay), in
   * scripts of `scanCount` documents; each document leaves every bucket at once.
   */
  removeOlderThan(time: number): Promise<number> {
    return this.conn.removeInBatches((r, limit) => this.conn.script(r, 'expire')(this.keys.ids, this.prefix, beforeScore(time), limit), this.scanCount);
  }

  /**
   * Removes documents older than `now − windowMs` (the `windowMs` option). Call it periodically,
   * e.g. `setInterval(() => void storage.prune(), 60_000)`; resolves to how many left.
   *
   * @example
   * ```ts
   * const storage = new RedisStorage({ url, prefix: 'news', windowMs: 3 * 86_400_000 });
   * await storage.prune(); // documents older than 3 days are gone from every bucket
   * ```
   */
  prune(now: number = Date.now()): Promise<number> {
    if (this.windowMs === undefined) {
      return Promise.reject(new InvalidArgumentError('prune() needs the windowMs option: new RedisStorage({ ..., windowMs: 86_400_000 }); or call removeOlderThan(time)'));
    }
    if (typeof now !== 'number' || !Number.isFinite(now)) {
      return Promise.reject(new InvalidArgumentError(`now must be milliseconds since the epoch, got ${describe(now)}`));
    }
    return this.removeOlderThan(now - this.windowMs);
  }

  /**
   * Every document, read by ZSCAN in batches of `scanCount` with one pipelined round trip per
   * batch. Not a point-in-time view under concurrent writers: a document written meanwhile may
   * or may not appear, but each one that does is whole.
   */
  async *entries(): AsyncIterable<StoredDocument> {
    for await (const { id, values } of this.conn.scanHashes(this.keys.ids, this.keys.doc, ['sig', 'bk', 't'], this.scanCount)) {
      const [sig, bk, t] = values;
      if (!bk) continue; // removed since the scan
      yield { id, values: this.toValues(sig!, id), bandKeys: bufferToU32s(bk), time: t ? Number(t.toString()) : undefined };
    }
  }

  /**
   * Deletes every key under `{prefix}:` (SCAN + UNLINK in batches), the layout included; a bound
   * index re-writes its layout on its next insert. Not atomic: stop writers first.
   */
  async clear(): Promise<void> {
    await this.conn.deleteMatching(this.keys.pattern, this.scanCount);
  }

  /** Disconnects the client if this storage created it (from `url`); a given client stays open. */
  close(): Promise<void> {
    return this.conn.close();
  }

  // Internals ---------------------------------------------------------------------------------

  private layoutArgs(layout: StorageLayout, fingerprint: string): Arg[] {
    return [this.prefix, layout.numPerm, layout.bands, layout.rows, layout.paramsKey, REDIS_LAYOUT_VERSION, fingerprint];
  }

  private async removeMany(ids: string[]): Promise<void> {
    await this.conn.call('insert rollback', async (r) => {
      const pipe = r.pipeline() as unknown as Pipe;
      for (const id of ids) pipe[this.conn.command('remove')]!(this.keys.ids, this.prefix, id);
      return pipe.exec();
    });
  }

  private requireLayout(): StorageLayout {
    if (!this.layout) throw new StorageError('RedisStorage used before open(); pass it to an LshIndex, which opens it');
    return this.layout;
  }

  private toValues(sig: Buffer, id: string): Uint32Array {
    if (sig.length % 4 !== 0 || (this.layout && sig.length !== this.layout.numPerm * 4)) {
      throw new StorageError(
        `Redis key ${JSON.stringify(this.keys.doc(id))} holds a signature of ${sig.length} bytes, expected ${(this.layout?.numPerm ?? 0) * 4}; something else wrote under prefix "${this.prefix}": clear() it and rebuild the index`,
      );
    }
    return bufferToU32s(sig);
  }
}

// Helpers -------------------------------------------------------------------------------------

function layoutFingerprint(layout: StorageLayout): string {
  return `v${REDIS_LAYOUT_VERSION}|${layout.numPerm}|${layout.bands}|${layout.rows}|${layout.paramsKey}`;
}
