/**
 * The connection plumbing every Redis store shares (RedisStorage, RedisPassageStorage,
 * RedisDetectorStore): option checks, a lazily created (or given) ioredis client, Lua scripts
 * defined as versioned commands, pipelined reads and scans, the keys every prefix has, and errors
 * wrapped in `StorageError` messages that say what to check. The shared Lua is in lua.ts.
 */
import type { Cluster, Redis } from 'ioredis';
import { InvalidArgumentError, MissingDependencyError, NeardupError, StorageError, describe } from '../../errors.js';
import { assertString } from '../../validate.js';

/**
 * An ioredis client — `new Redis()` or a Redis Cluster client `new Cluster([...])` from 'ioredis' —
 * described by the members neardup relies on, so that neardup's type declarations compile in an
 * app that does not install ioredis.
 */
export interface RedisClient {
  readonly options?: { readonly keyPrefix?: string | undefined; readonly redisOptions?: { readonly keyPrefix?: string | undefined } | undefined } | undefined;
  defineCommand(name: string, definition: { lua: string; numberOfKeys?: number; readOnly?: boolean }): void;
  pipeline(): unknown;
  quit(): Promise<unknown>;
  disconnect(): void;
}

/** ioredis options (its `RedisOptions`) for a client neardup creates from a URL. */
export type RedisClientOptions = Readonly<Record<string, unknown>>;

/** A node of a Redis Cluster to start from; the client discovers the others. */
export interface RedisClusterNode {
  readonly host: string;
  readonly port: number;
}

/** How to reach Redis: give `client`, `url` or `cluster`, and a key prefix. */
export interface RedisConnectionOptions {
  /** An ioredis client (`Redis` or `Cluster`) to use (left open by `close()`). It must not set `keyPrefix`. */
  client?: RedisClient;
  /** A Redis URL such as 'redis://127.0.0.1:6379'; a client is then created and owned. */
  url?: string;
  /**
   * Seed nodes of a Redis Cluster, such as `[{ host: '10.0.0.1', port: 7000 }]`; an ioredis
   * `Cluster` client is then created and owned.
   */
  cluster?: readonly RedisClusterNode[];
  /** Extra ioredis options for a client created from `url` or `cluster` (per-node options for a cluster). */
  redisOptions?: RedisClientOptions;
  /** Every key starts with `{prefix}:`. For Redis Cluster, use a hash tag such as '{news}'. */
  prefix: string;
  /**
   * Milliseconds a Redis command may take before it fails with `StorageError` (a stopped,
   * overloaded or unreachable server then raises instead of hanging). Default 10,000
   * (`DEFAULT_COMMAND_TIMEOUT_MS`); 0 waits forever. A client created from `url` gets it as
   * ioredis' `commandTimeout` (unless `redisOptions.commandTimeout` says otherwise); a given
   * client keeps its own `commandTimeout` if it has one, else each call is bounded by this.
   */
  commandTimeout?: number;
}

/** Default `commandTimeout`: 10 s. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 10_000;

/** A Lua script: how many of its arguments are keys, and its source. */
export interface LuaScript {
  readonly keys: number;
  readonly lua: string;
}

type ScriptCall = (...args: (string | Buffer | number)[]) => Promise<unknown>;

/** Retries of a command a Redis Cluster refused while moving slots (MOVED, ASK, TRYAGAIN, CLUSTERDOWN). */
const CLUSTER_RETRIES = 6;

function isRedirect(err: unknown): boolean {
  return err instanceof Error && /^(MOVED|ASK|TRYAGAIN|CLUSTERDOWN) /.test(err.message);
}

/** True on little-endian hosts, where Uint32Array memory already is the wire layout. */
const HOST_LE = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Checks connection options; `owner` names the class in messages. */
export function checkConnectionOptions(options: RedisConnectionOptions | undefined, owner: string): void {
  if (options === undefined || options === null || typeof options !== 'object') {
    throw new InvalidArgumentError(`${owner} needs options: { url: 'redis://127.0.0.1:6379', prefix: 'news' } or { client, prefix }`);
  }
  const { client, url, cluster, prefix } = options;
  assertString(prefix, 'prefix');
  if (prefix === '') throw new InvalidArgumentError(`prefix must be a non-empty string such as 'news', so that the ${owner}'s keys are kept apart`);
  const given = [client, url, cluster].filter((x) => x !== undefined).length;
  if (given === 0) {
    throw new InvalidArgumentError(`${owner} needs a client or a url: { url: 'redis://127.0.0.1:6379', prefix } or { client: new Redis(), prefix }`);
  }
  if (given > 1) throw new InvalidArgumentError(`give ${owner} one of client, url or cluster, not several`);
  if (url !== undefined) assertString(url, 'url');
  if (cluster !== undefined) checkClusterNodes(cluster);
  commandTimeoutOf(options);
  if (client !== undefined) {
    if (client === null || typeof client !== 'object' || typeof client.defineCommand !== 'function' || typeof client.pipeline !== 'function') {
      throw new InvalidArgumentError(`client must be an ioredis client (new Redis() from 'ioredis'), got ${describe(client)}`);
    }
    const keyPrefix = client.options?.keyPrefix || client.options?.redisOptions?.keyPrefix;
    if (keyPrefix) {
      throw new InvalidArgumentError(
        `the ioredis client sets keyPrefix ${JSON.stringify(keyPrefix)}; use a client without keyPrefix and put it in ${owner}'s prefix option`,
      );
    }
  }
}

function checkClusterNodes(cluster: readonly RedisClusterNode[]): void {
  const ok =
    Array.isArray(cluster) &&
    cluster.length > 0 &&
    cluster.every((n) => n !== null && typeof n === 'object' && typeof n.host === 'string' && Number.isInteger(n.port) && n.port > 0 && n.port < 65536);
  if (!ok) throw new InvalidArgumentError(`cluster must list seed nodes such as [{ host: '127.0.0.1', port: 7000 }], got ${describe(cluster)}`);
}

/** True if `client` is an ioredis Cluster client (it lists its nodes). */
export function isCluster(client: RedisClient): boolean {
  return typeof (client as unknown as { nodes?: unknown }).nodes === 'function';
}

/** The given client as the ioredis type it is (checked by `checkConnectionOptions`). */
export function asIoredis(client: RedisClient): Redis {
  return client as unknown as Redis;
}

/** The command timeout the options ask for (ms; 0 for none), validated. */
export function commandTimeoutOf(options: RedisConnectionOptions): number {
  const t = options.commandTimeout !== undefined ? options.commandTimeout : (options.redisOptions?.commandTimeout ?? DEFAULT_COMMAND_TIMEOUT_MS);
  if (typeof t !== 'number' || !Number.isInteger(t) || t < 0) {
    throw new InvalidArgumentError(`commandTimeout must be a whole number of milliseconds ≥ 0 (0 waits forever), got ${describe(t)}`);
  }
  return t;
}

/**
 * Creates an ioredis client from `url`, or a `Cluster` client from seed nodes, importing the
 * optional peer dependency on demand. Its commands time out after `commandTimeout` ms (0: never).
 */
export async function createRedisClient(
  url: string | readonly RedisClusterNode[],
  redisOptions: RedisClientOptions | undefined,
  owner: string,
  commandTimeout = DEFAULT_COMMAND_TIMEOUT_MS,
): Promise<Redis> {
  let mod: typeof import('ioredis');
  try {
    mod = await import('ioredis');
  } catch (cause) {
    throw new MissingDependencyError('ioredis', `${owner} needs the optional peer dependency ioredis: run \`npm install ioredis@^5\``, { cause });
  }
  const exported = mod as unknown as { Redis?: typeof Redis; Cluster?: typeof Cluster; default?: typeof Redis & { Redis?: typeof Redis; Cluster?: typeof Cluster } };
  if (typeof url !== 'string') {
    const ClusterCtor = exported.Cluster ?? exported.default?.Cluster;
    if (typeof ClusterCtor !== 'function') throw new StorageError('the installed ioredis does not export Cluster; install ioredis@^5');
    const cluster = new ClusterCtor(url.map((n) => ({ host: n.host, port: n.port })), {
      enableAutoPipelining: true, // commands to one node in one tick go as one pipeline
      redisOptions: { maxRetriesPerRequest: 2, ...(commandTimeout > 0 ? { commandTimeout } : {}), ...redisOptions },
    });
    cluster.on('error', () => undefined);
    return cluster as unknown as Redis;
  }
  const Ctor = exported.Redis ?? exported.default?.Redis ?? exported.default;
  if (typeof Ctor !== 'function') throw new StorageError('the installed ioredis does not export Redis; install ioredis@^5');
  const client = new Ctor(url, { maxRetriesPerRequest: 2, ...(commandTimeout > 0 ? { commandTimeout } : {}), ...redisOptions });
  client.on('error', () => undefined); // failures reach callers as rejected commands
  return client;
}

/**
 * One owner's connection: runs commands with a connected client and turns failures into
 * `StorageError`s naming the prefix and the remedy.
 */
export class RedisConnection<S extends string> {
  readonly prefix: string;
  private readonly url: string | readonly RedisClusterNode[] | undefined;
  private readonly redisOptions: RedisClientOptions | undefined;
  private readonly ownsClient: boolean;
  private client: Redis | undefined;
  private connecting: Promise<Redis> | undefined;
  private readonly commandTimeout: number;

  constructor(
    options: RedisConnectionOptions,
    private readonly owner: string,
    private readonly scripts: Readonly<Record<S, LuaScript>>,
    /**
     * Command names are `neardup_${tag}_${name}`, or `tag(name)` when `tag` is a function: a
     * versioned tag lets two builds share a client.
     */
    private readonly tag: string | ((name: S) => string),
  ) {
    checkConnectionOptions(options, owner);
    this.prefix = options.prefix;
    this.url = options.url ?? options.cluster;
    this.redisOptions = options.redisOptions;
    this.ownsClient = options.client === undefined;
    this.commandTimeout = commandTimeoutOf(options);
    if (options.client) {
      this.client = asIoredis(options.client);
      this.define(this.client);
    }
  }

  /** Runs `fn` with a connected client; errors other than neardup's become `StorageError`. */
  async call<T>(what: string, fn: (client: Redis) => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        const client = this.client ?? (await this.connect());
        const running = fn(client);
        // A given client without a commandTimeout of its own: bound the whole call instead.
        if (this.commandTimeout === 0 || client.options?.commandTimeout !== undefined) return await running;
        const expired = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('Command timed out')), this.commandTimeout);
        });
        running.catch(() => undefined);
        return await Promise.race([running, expired]);
      } catch (err) {
        // A Redis Cluster moving slots: the refused command did not run. ioredis follows MOVED/ASK
        // itself, except for a batch of auto-pipelined commands split over two nodes, which it
        // refuses without refreshing its slot map: refresh it, then retry.
        if (attempt < CLUSTER_RETRIES && isRedirect(err)) {
          const cluster = this.client as unknown as { refreshSlotsCache?: (done?: (err?: Error) => void) => void } | undefined;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 20 << attempt);
            if (typeof cluster?.refreshSlotsCache === 'function') cluster.refreshSlotsCache(() => (clearTimeout(timer), resolve()));
          });
          continue;
        }
        throw err instanceof NeardupError ? err : this.wrap(what, err);
      } finally {
        if (timer) clearTimeout(timer);
        timer = undefined;
      }
    }
  }

  /** The script `name` bound to `client` (its `…Buffer` variant returns Buffers). */
  script(client: Redis, name: S, buffers = false): ScriptCall {
    const fn = (client as unknown as Record<string, ScriptCall>)[this.command(name) + (buffers ? 'Buffer' : '')]!;
    return fn.bind(client);
  }

  /** The command name of script `name`, for pipelines. */
  command(name: S): string {
    return typeof this.tag === 'function' ? this.tag(name) : `neardup_${this.tag}_${name}`;
  }

  /** A StorageError for a failed `what`. */
  wrap(what: string, err: unknown): StorageError {
    const message = err instanceof Error ? err.message : String(err);
    const o = this.client?.options;
    const seeds = (this.client as unknown as { startupNodes?: { host?: string; port?: number }[] } | undefined)?.startupNodes;
    const nodes = typeof this.url === 'object' ? this.url : Array.isArray(seeds) ? seeds : undefined;
    const where = nodes ? nodes.map((n) => `${n.host ?? '127.0.0.1'}:${n.port ?? 6379}`).join(', ') : this.url ?? (o?.host ? `${o.host}:${o.port ?? 6379}` : '');
    if (/timed out/i.test(message)) {
      const ms = o?.commandTimeout ?? this.commandTimeout;
      return new StorageError(
        `Redis ${what} failed for prefix "${this.prefix}": no answer within ${ms} ms (commandTimeout); check that Redis${where ? ` at ${where}` : ''} is running and not stopped or overloaded, or raise commandTimeout`,
        { cause: err },
      );
    }
    return new StorageError(
      `Redis ${what} failed for prefix "${this.prefix}": ${message}; check that Redis is reachable${where ? ` at ${where}` : ''} and that nothing else writes keys under this prefix`,
      { cause: err },
    );
  }

  /**
   * Deletes every key matching `pattern` (SCAN + UNLINK, `count` keys per step). On a Redis
   * Cluster every master is scanned; the keys of one neardup prefix share one hash slot, so each
   * UNLINK is a single-slot command. Not atomic: stop writers first.
   */
  async deleteMatching(pattern: string, count: number): Promise<void> {
    const client = this.client ?? (await this.call('clear', (r) => Promise.resolve(r)));
    const cluster = client as unknown as { nodes?: (role: string) => Redis[] };
    const nodes = isCluster(client as unknown as RedisClient) && cluster.nodes ? cluster.nodes('master') : [client];
    for (const node of nodes) {
      let cursor = '0';
      do {
        const [next, keys] = await this.call('clear', () => node.scanBuffer(cursor, 'MATCH', pattern, 'COUNT', count));
        cursor = next.toString();
        if (keys.length === 0) continue;
        if (node === client) await this.call('clear', (r) => r.unlink(...keys));
        else await this.call('clear', (r) => Promise.all(keys.map((k) => r.unlink(k))));
      } while (cursor !== '0');
    }
  }

  /**
   * Runs one pipelined round trip per `batch` items, `add` queuing each item's command; resolves
   * to the replies in item order. A failed command fails the call with a `StorageError`.
   */
  async pipelined<T>(what: string, items: readonly T[], batch: number, add: (pipe: ReturnType<Redis['pipeline']>, item: T) => void): Promise<unknown[]> {
    const out: unknown[] = [];
    for (let from = 0; from < items.length; from += batch) {
      const slice = items.slice(from, from + batch);
      const rows = await this.call(what, (r) => {
        const pipe = r.pipeline();
        for (const item of slice) add(pipe, item);
        return pipe.exec();
      });
      for (let i = 0; i < slice.length; i++) {
        const [err, row] = rows?.[i] ?? [null, null];
        if (err) throw this.wrap(what, err);
        out.push(row);
      }
    }
    return out;
  }

  /**
   * Every id of the sorted set `idsKey` (ZSCAN, `count` per step; each id once although ZSCAN may
   * repeat one) with the `fields` of its hash `hashKey(id)`, one pipelined round trip per step.
   * Ids whose hash is gone by then are skipped. Not a point-in-time view under concurrent writers.
   */
  async *scanHashes(idsKey: string, hashKey: (id: string) => string, fields: readonly string[], count: number): AsyncIterable<{ id: string; values: (Buffer | null)[] }> {
    const seen = new Set<string>();
    let cursor = '0';
    do {
      const [next, flat] = await this.call('entries', (r) => r.zscan(idsKey, cursor, 'COUNT', count));
      cursor = next;
      const ids: string[] = [];
      for (let i = 0; i < flat.length; i += 2) {
        const id = flat[i]!;
        if (!seen.has(id)) {
          seen.add(id);
          ids.push(id);
        }
      }
      const rows = await this.pipelined('entries', ids, ids.length, (pipe, id) => pipe.hmgetBuffer(hashKey(id), ...fields));
      for (let i = 0; i < ids.length; i++) {
        const values = rows[i] as (Buffer | null)[];
        if (values[0]) yield { id: ids[i]!, values };
      }
    } while (cursor !== '0');
  }

  /** Runs an expiry script (`run(client, limit)` → how many it removed) until a run removes fewer than `limit`. */
  async removeInBatches(run: (client: Redis, limit: number) => Promise<unknown>, limit: number): Promise<number> {
    let total = 0;
    for (;;) {
      const n = (await this.call('removeOlderThan', (r) => run(r, limit))) as number;
      total += n;
      if (n < limit) return total;
    }
  }

  /** Disconnects the client if it was created from `url`; a given client stays open. */
  async close(): Promise<void> {
    const client = this.connecting ? await this.connecting.catch(() => undefined) : undefined;
    this.connecting = undefined;
    if (!this.ownsClient || !client) return;
    this.client = undefined;
    await quitClient(client);
  }

  private define(client: Redis): void {
    const target = client as unknown as Record<string, unknown>;
    for (const name of Object.keys(this.scripts) as S[]) {
      const command = this.command(name);
      if (typeof target[command] !== 'function') client.defineCommand(command, { numberOfKeys: this.scripts[name].keys, lua: this.scripts[name].lua });
    }
  }

  private connect(): Promise<Redis> {
    this.connecting ??= (async () => {
      const client = await createRedisClient(this.url!, this.redisOptions, this.owner, this.commandTimeout);
      this.define(client);
      this.client = client;
      return client;
    })();
    this.connecting.catch(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }
}

/** Closes `client` politely (QUIT), or at once if that fails. */
export async function quitClient(client: Pick<RedisClient, 'quit' | 'disconnect'>): Promise<void> {
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}

/** The keys every neardup store has under its prefix. */
export interface PrefixKeys {
  /** Hash: what the prefix holds (kind, layout version, settings). */
  readonly layout: string;
  /** Sorted set: every id, scored by time. */
  readonly ids: string;
  /** SCAN pattern matching every key under `{prefix}:` (glob characters of the prefix escaped). */
  readonly pattern: string;
}

/** `{prefix}:layout`, `{prefix}:ids` and the SCAN pattern of the prefix. */
export function prefixKeys(prefix: string): PrefixKeys {
  assertString(prefix, 'prefix');
  return { layout: `${prefix}:layout`, ids: `${prefix}:ids`, pattern: `${prefix.replace(/[*?[\]\\]/g, '\\$&')}:*` };
}

/** A u32 (a band key, a shingle) as the 8 lowercase hex digits of its key names. */
export function hex8(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}

/** The values as little-endian bytes (a view, no copy, on little-endian hosts). */
export function u32sToBuffer(values: Uint32Array): Buffer {
  if (HOST_LE) return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  const out = Buffer.allocUnsafe(values.length * 4);
  for (let i = 0; i < values.length; i++) out.writeUInt32LE(values[i]!, 4 * i);
  return out;
}

/** Little-endian bytes as a new Uint32Array (a trailing partial value is dropped). */
export function bufferToU32s(bytes: Buffer): Uint32Array {
  const out = new Uint32Array(bytes.length >>> 2);
  if (HOST_LE) new Uint8Array(out.buffer).set(bytes.subarray(0, out.length * 4));
  else for (let i = 0; i < out.length; i++) out[i] = bytes.readUInt32LE(4 * i);
  return out;
}

/** A time as a sorted-set score: +inf for none (never expires), else the number. */
export function timeScore(time: number | undefined): string {
  if (time === undefined || Number.isNaN(time) || time === Infinity) return '+inf';
  if (time === -Infinity) return '-inf';
  return String(time);
}

/** The exclusive upper bound of ZRANGEBYSCORE for "before `time`". */
export function beforeScore(time: number): string {
  return time === Infinity ? '(+inf' : time === -Infinity ? '(-inf' : `(${time}`;
}
