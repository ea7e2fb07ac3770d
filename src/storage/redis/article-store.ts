/**
 * A DetectorStore in Redis, so that many workers share one detector's articles and verified
 * pairs: each article a hash, each article's pairs a hash keyed by the other article, the ids a
 * sorted set. Deleting an article and recording pairs are Lua scripts, atomic with each other.
 */
import { InvalidArgumentError, StorageError, describe } from '../../errors.js';
import { RedisConnection, checkConnectionOptions, prefixKeys, type PrefixKeys, type RedisConnectionOptions } from './connection.js';
import { OPEN_SCRIPT, openArgs } from './lua.js';
import { assertId, assertOptions, isValidId } from '../../validate.js';
import type { DetectorStore, PairEdge, StoredArticle } from '../../detect/store.js';
import type { Direction, Relation } from '../../align/relation.js';

/** Version of the key layout below; stored in `{prefix}:layout` and checked on first use. */
export const REDIS_STORE_LAYOUT_VERSION = 1;
/** Ids per pipelined round trip when reading many articles or pairs. */
const READ_BATCH = 1000;

// Key layout ----------------------------------------------------------------------------------
//
//   {prefix}:layout     hash  kind = 'articles', storeVersion
//   {prefix}:ids        zset  id → addedAt (ms)
//   {prefix}:a:{id}     hash  text, addedAt, publishedAt?, source?, url?, title? (decimal numbers; a string
//                             that is not well-formed UTF-16 is kept as UTF-16LE bytes in `{field}16`)
//   {prefix}:e:{id}     hash  other id → the verified pair as JSON { a, b, relation, direction,
//                             similarity, coverage }; each pair is written under both of its ends

/**
 * The Redis key names a `RedisDetectorStore` with this prefix uses.
 *
 * @example
 * ```ts
 * redisStoreKeys('news:articles').article('reuters-1'); // 'news:articles:a:reuters-1'
 * ```
 */
export function redisStoreKeys(prefix: string): PrefixKeys & {
  article(id: string): string;
  edges(id: string): string;
} {
  return {
    ...prefixKeys(prefix),
    article: (id) => `${prefix}:a:${id}`,
    edges: (id) => `${prefix}:e:${id}`,
  };
}

/**
 * `putPairs(prefix, from)`: records the (a, b, json) triples of ARGV[from…] at both ends, each only
 * if both articles exist → how many were recorded.
 */
const LUA_PUT_PAIRS = `
local function putPairs(prefix, from)
  local n = 0
  for i = from, #ARGV, 3 do
    local a, b, json = ARGV[i], ARGV[i + 1], ARGV[i + 2]
    if redis.call('EXISTS', prefix .. ':a:' .. a) == 1 and redis.call('EXISTS', prefix .. ':a:' .. b) == 1 then
      redis.call('HSET', prefix .. ':e:' .. a, b, json)
      redis.call('HSET', prefix .. ':e:' .. b, a, json)
      n = n + 1
    end
  end
  return n
end
`;

const SCRIPTS = {
  /** KEYS: layout. ARGV: see `openArgs`. */
  open: OPEN_SCRIPT,
  /** KEYS: ids. ARGV: prefix, id, addedAt, field, value, … Replaces the article's record; keeps its pairs. */
  put: {
    keys: 1,
    lua: `
local key = ARGV[1] .. ':a:' .. ARGV[2]
redis.call('DEL', key)
redis.call('HSET', key, unpack(ARGV, 4))
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
return 1`,
  },
  /**
   * KEYS: ids. ARGV: prefix, id, addedAt, n, n field/value args, then (a, b, json) triples.
   * Replaces the article's record and records its pairs (those whose other end exists): the
   * Detector's commit, one script.
   */
  commit: {
    keys: 1,
    lua: `${LUA_PUT_PAIRS}
local prefix, id = ARGV[1], ARGV[2]
local n = tonumber(ARGV[4])
local key = prefix .. ':a:' .. id
redis.call('DEL', key)
redis.call('HSET', key, unpack(ARGV, 5, 4 + n))
redis.call('ZADD', KEYS[1], ARGV[3], id)
putPairs(prefix, 5 + n)
return 1`,
  },
  /** KEYS: ids. ARGV: prefix, id → 1 if the article existed. Its pairs leave both ends' hashes. */
  delete: {
    keys: 1,
    lua: `
local prefix, id = ARGV[1], ARGV[2]
local existed = redis.call('DEL', prefix .. ':a:' .. id)
redis.call('ZREM', KEYS[1], id)
local mine = prefix .. ':e:' .. id
for _, other in ipairs(redis.call('HKEYS', mine)) do redis.call('HDEL', prefix .. ':e:' .. other, id) end
redis.call('DEL', mine)
return existed`,
  },
  /** KEYS: ids (routes the script in a Redis Cluster). ARGV: prefix, then (a, b, json) triples. A pair is kept only while both articles exist. */
  putEdges: {
    keys: 1,
    lua: `${LUA_PUT_PAIRS}
return putPairs(ARGV[1], 2)`,
  },
  /**
   * KEYS: ids (routing). ARGV: prefix, then (own, other, json) triples → per triple 1 if written.
   * One end of a pair whose other end lives in another shard: written only if `own` exists.
   */
  putHalfEdges: {
    keys: 1,
    lua: `
local prefix, out = ARGV[1], {}
for i = 2, #ARGV, 3 do
  if redis.call('EXISTS', prefix .. ':a:' .. ARGV[i]) == 1 then
    redis.call('HSET', prefix .. ':e:' .. ARGV[i], ARGV[i + 1], ARGV[i + 2])
    out[#out + 1] = 1
  else
    out[#out + 1] = 0
  end
end
return out`,
  },
} as const;

type ScriptName = keyof typeof SCRIPTS;

/** Options of a `RedisDetectorStore`: give `client` or `url`, and a prefix. */
export type RedisDetectorStoreOptions = RedisConnectionOptions;

const RELATIONS: ReadonlySet<string> = new Set<Relation>(['duplicate', 'near-duplicate', 'derived', 'related', 'unrelated']);
const DIRECTIONS: ReadonlySet<unknown> = new Set<Direction>(['a-from-b', 'b-from-a', null]);

/**
 * Keeps a Detector's articles and verified pairs in Redis. Pass it as `storage.articles`, or use
 * `redisDetectorStorage()` to share the whole detector. Needs the optional peer dependency `ioredis`.
 *
 * Guarantees: `put` replaces an article in one script; `delete` removes the article and every
 * pair it is part of in one script; `putEdges` records a pair only if both articles exist at that
 * moment (one script), so no pair outlives an article deleted by another worker.
 *
 * @example
 * ```ts
 * import { Detector, RedisDetectorStore } from 'neardup';
 * const articles = new RedisDetectorStore({ url: 'redis://127.0.0.1:6379', prefix: 'news:articles' });
 * const detector = new Detector({ storage: { articles } });
 * ```
 */
export class RedisDetectorStore implements DetectorStore {
  /** The key prefix. */
  readonly prefix: string;
  private readonly keys: ReturnType<typeof redisStoreKeys>;
  private readonly conn: RedisConnection<ScriptName>;
  private opened: Promise<void> | undefined;

  constructor(options: RedisDetectorStoreOptions) {
    assertOptions(options, 'RedisDetectorStore options');
    checkConnectionOptions(options, 'RedisDetectorStore');
    this.conn = new RedisConnection(options, 'RedisDetectorStore', SCRIPTS, `store_v${REDIS_STORE_LAYOUT_VERSION}`);
    this.prefix = options.prefix;
    this.keys = redisStoreKeys(options.prefix);
  }

  /**
   * Stores (or replaces) an article; its recorded pairs stay. With `edges`, records them in the
   * same script (each only if its other article exists): a reader never sees one without the other.
   */
  async put(article: StoredArticle, edges: readonly PairEdge[] = []): Promise<void> {
    if (article === null || typeof article !== 'object') throw new InvalidArgumentError(`article must be a StoredArticle, got ${describe(article)}`);
    assertId(article.id, 'article.id');
    if (typeof article.addedAt !== 'number' || !Number.isFinite(article.addedAt)) {
      throw new InvalidArgumentError(`article.addedAt must be ms since the epoch (a finite number), got ${describe(article.addedAt)}`);
    }
    if (!Array.isArray(edges)) throw new InvalidArgumentError(`edges must be an array of PairEdge, got ${describe(edges)}`);
    const fields: (string | Buffer)[] = [];
    pushString(fields, 'text', article.text);
    fields.push('addedAt', String(article.addedAt));
    if (article.publishedAt !== undefined) fields.push('publishedAt', String(article.publishedAt));
    if (article.source !== undefined) pushString(fields, 'source', article.source);
    if (article.url !== undefined) pushString(fields, 'url', article.url);
    if (article.title !== undefined) pushString(fields, 'title', article.title);
    await this.ready();
    const pairs = edgeArgs(edges);
    if (pairs.length === 0) {
      await this.conn.call('put', (r) => this.conn.script(r, 'put')(this.keys.ids, this.prefix, article.id, String(article.addedAt), ...fields));
    } else {
      await this.conn.call('put', (r) =>
        this.conn.script(r, 'commit')(this.keys.ids, this.prefix, article.id, String(article.addedAt), String(fields.length), ...fields, ...pairs),
      );
    }
  }

  async get(id: string): Promise<StoredArticle | undefined> {
    if (!isValidId(id)) return undefined;
    await this.ready();
    const row = await this.conn.call('get', (r) => r.hgetallBuffer(this.keys.article(id)));
    return this.parse(id, row);
  }

  /**
   * Many articles in one pipelined round trip per 1,000 ids (undefined for absent ones).
   *
   * @example
   * ```ts
   * const [a, b] = await store.getMany(['reuters-1', 'site-7']);
   * ```
   */
  async getMany(ids: readonly string[]): Promise<(StoredArticle | undefined)[]> {
    await this.ready();
    const rows = await this.conn.pipelined('getMany', ids, READ_BATCH, (pipe, id) => pipe.hgetallBuffer(this.keys.article(id)));
    return ids.map((id, i) => (isValidId(id) ? this.parse(id, rows[i] as Record<string, Buffer>) : undefined));
  }

  /** Deletes an article and, in the same script, every pair it is part of; false if unknown. */
  async delete(id: string): Promise<boolean> {
    if (!isValidId(id)) return false;
    await this.ready();
    return (await this.conn.call('delete', (r) => this.conn.script(r, 'delete')(this.keys.ids, this.prefix, id))) === 1;
  }

  async has(id: string): Promise<boolean> {
    if (!isValidId(id)) return false;
    await this.ready();
    return (await this.conn.call('has', (r) => r.exists(this.keys.article(id)))) === 1;
  }

  async size(): Promise<number> {
    await this.ready();
    return this.conn.call('size', (r) => r.zcard(this.keys.ids));
  }

  /** Every article id, oldest added first (ZRANGE of `{prefix}:ids`). */
  async ids(): Promise<string[]> {
    await this.ready();
    return this.conn.call('ids', (r) => r.zrange(this.keys.ids, 0, -1));
  }

  /** Records verified pairs whose two articles both exist (one script). */
  async putEdges(edges: readonly PairEdge[]): Promise<void> {
    if (edges.length === 0) return;
    const args = edgeArgs(edges);
    await this.ready();
    await this.conn.call('putEdges', (r) => this.conn.script(r, 'putEdges')(this.keys.ids, this.prefix, ...args));
  }

  /**
   * Writes one end of pairs whose other ends live in another shard (used by ShardedDetectorStore):
   * each `[own, other, edge]` is written under `own` only if `own` exists; true where written.
   */
  async putHalfEdges(halves: readonly (readonly [string, string, PairEdge])[]): Promise<boolean[]> {
    const args: string[] = [];
    for (const [own, other, e] of halves) args.push(own, other, edgeJson(e));
    if (args.length === 0) return [];
    await this.ready();
    const written = (await this.conn.call('putEdges', (r) => this.conn.script(r, 'putHalfEdges')(this.keys.ids, this.prefix, ...args))) as number[];
    return written.map((w) => w === 1);
  }

  /**
   * The pairs that involve `id`: its pair hash `{prefix}:e:{id}` (one HGETALL), which the commit
   * script writes with the article and `delete` empties at both ends — so it holds exactly the
   * pairs between `id` and articles that exist.
   */
  async edgesOf(id: string): Promise<PairEdge[]> {
    if (!isValidId(id)) return [];
    await this.ready();
    const row = await this.conn.call('edgesOf', (r) => r.hgetall(this.keys.edges(id)));
    return Object.values(row).map((json) => this.parseEdge(id, json));
  }

  /** The ids paired with `id` (its pair hash's fields). */
  async partners(id: string): Promise<string[]> {
    if (!isValidId(id)) return [];
    await this.ready();
    return this.conn.call('partners', (r) => r.hkeys(this.keys.edges(id)));
  }

  /** Removes `others` from `own`'s pairs (the far end of pairs whose article left another shard). */
  async dropHalfEdges(own: string, others: readonly string[]): Promise<void> {
    if (others.length === 0 || !isValidId(own)) return;
    await this.ready();
    await this.conn.call('delete', (r) => r.hdel(this.keys.edges(own), ...others));
  }

  /** Every article id with its addedAt, oldest added first. */
  async idsWithTimes(): Promise<[string, number][]> {
    await this.ready();
    const flat = await this.conn.call('ids', (r) => r.zrange(this.keys.ids, 0, -1, 'WITHSCORES'));
    const out: [string, number][] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i]!, Number(flat[i + 1])]);
    return out;
  }

  /**
   * Every pair between stored articles, each once, read with one pipelined round trip per 1,000
   * articles. Not a point-in-time view under concurrent writers.
   */
  async edges(): Promise<PairEdge[]> {
    const ids = await this.ids();
    const rows = await this.conn.pipelined('edges', ids, READ_BATCH, (pipe, id) => pipe.hgetall(this.keys.edges(id)));
    const out: PairEdge[] = [];
    ids.forEach((id, i) => {
      for (const [other, json] of Object.entries(rows[i] as Record<string, string>)) {
        const e = this.parseEdge(id, json);
        if (e.a === id && e.b === other) out.push(e);
      }
    });
    return out;
  }

  /** Deletes every key under `{prefix}:` (SCAN + UNLINK). Not atomic: stop writers first. */
  async clear(): Promise<void> {
    await this.conn.deleteMatching(this.keys.pattern, 1000);
    this.opened = undefined;
  }

  /** Disconnects the client if this store created it (from `url`); a given client stays open. */
  close(): Promise<void> {
    return this.conn.close();
  }

  /** Checks (once) that the prefix holds an article store of this layout version, writing it if new. */
  private ready(): Promise<void> {
    if (this.opened === undefined) {
      const opening = (async () => {
        const args = openArgs({ kind: 'articles', storeVersion: REDIS_STORE_LAYOUT_VERSION }, ['kind', 'storeVersion']);
        const [kind, version] = (await this.conn.call('open', (r) => this.conn.script(r, 'open')(this.keys.layout, ...args))) as (string | null)[];
        if (kind !== 'articles') {
          throw new StorageError(`Redis prefix "${this.prefix}" holds other neardup data (an index?), not a detector's articles; give each store its own prefix`);
        }
        if (version !== String(REDIS_STORE_LAYOUT_VERSION)) {
          throw new StorageError(
            `Redis prefix "${this.prefix}" holds articles in key layout version ${version ?? 'unknown'}, this build uses ${REDIS_STORE_LAYOUT_VERSION}; use a new prefix, or clear() this one and re-add the articles`,
          );
        }
      })();
      this.opened = opening;
      opening.catch(() => {
        if (this.opened === opening) this.opened = undefined;
      });
    }
    return this.opened;
  }

  private parse(id: string, row: Record<string, Buffer>): StoredArticle | undefined {
    if (Object.keys(row).length === 0) return undefined;
    const text = readString(row, 'text');
    const addedAt = Number(row.addedAt?.toString());
    if (text === undefined || !Number.isFinite(addedAt)) {
      throw new StorageError(`Redis key ${JSON.stringify(this.keys.article(id))} is not an article this build wrote; something else writes under prefix "${this.prefix}": clear() it and re-add the articles`);
    }
    const publishedAt = row.publishedAt === undefined ? undefined : Number(row.publishedAt.toString());
    const article: { -readonly [K in keyof StoredArticle]: StoredArticle[K] } = { id, text, publishedAt, source: readString(row, 'source'), url: readString(row, 'url'), title: readString(row, 'title'), addedAt };
    return article;
  }

  private parseEdge(id: string, json: string): PairEdge {
    let e: PairEdge;
    try {
      e = JSON.parse(json) as PairEdge;
    } catch (cause) {
      throw new StorageError(`Redis key ${JSON.stringify(this.keys.edges(id))} holds a pair that is not JSON; clear() prefix "${this.prefix}" and re-add the articles`, { cause });
    }
    if (
      e === null ||
      typeof e !== 'object' ||
      typeof e.a !== 'string' ||
      typeof e.b !== 'string' ||
      !RELATIONS.has(e.relation) ||
      !DIRECTIONS.has(e.direction) ||
      typeof e.similarity !== 'number' ||
      typeof e.coverage?.a !== 'number' ||
      typeof e.coverage?.b !== 'number'
    ) {
      throw new StorageError(`Redis key ${JSON.stringify(this.keys.edges(id))} holds a pair this build cannot read; clear() prefix "${this.prefix}" and re-add the articles`);
    }
    return e;
  }
}

/** (a, b, json) script arguments of pairs; pairs with an id no article can have are left out. */
function edgeArgs(edges: readonly PairEdge[]): string[] {
  const args: string[] = [];
  for (const e of edges) {
    if (!isValidId(e.a) || !isValidId(e.b)) continue; // such articles cannot exist
    args.push(e.a, e.b, edgeJson(e));
  }
  return args;
}

/** Appends a string field: UTF-8 when well-formed, else its UTF-16LE bytes under `{name}16` (lossless). */
function pushString(fields: (string | Buffer)[], name: string, value: string): void {
  if (typeof value !== 'string') throw new InvalidArgumentError(`article.${name} must be a string, got ${describe(value)}`);
  if (value.isWellFormed()) fields.push(name, value);
  else fields.push(`${name}16`, Buffer.from(value, 'utf16le'));
}

function readString(row: Record<string, Buffer>, name: string): string | undefined {
  const utf8 = row[name];
  if (utf8 !== undefined) return utf8.toString('utf8');
  const utf16 = row[`${name}16`];
  return utf16 === undefined ? undefined : utf16.toString('utf16le');
}

function edgeJson(e: PairEdge): string {
  return JSON.stringify({ a: e.a, b: e.b, relation: e.relation, direction: e.direction, similarity: e.similarity, coverage: { a: e.coverage.a, b: e.coverage.b } });
}
