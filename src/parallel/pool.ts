/**
 * A fixed pool of `worker_threads` running the scan worker (scan-worker.ts): each task goes to
 * the worker with the fewest tasks in flight. Tasks wait in an outbox and go in one message when
 * the worker runs low (or the outbox is long); replies come back in groups: a message wakes two
 * threads, and on a busy machine each wake-up costs more than a small task. A worker that crashes or exits fails the whole pool
 * with a `WorkerError`; an idle pool does not keep the process alive, and `close()` ends it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import * as errors from '../errors.js';
import { NeardupError, WorkerError } from '../errors.js';
import type { SentError, TaskReply, TaskRequest, WorkerSetup } from './tasks.js';

/** A worker with fewer tasks than this posted and unanswered gets the outbox at once. */
const LOW_WATER = 16;
/** An outbox this long is posted even to a busy worker. */
const HIGH_WATER = 64;

interface Pending {
  resolve(reply: TaskReply): void;
  reject(err: Error): void;
}

interface Member {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  /** Tasks not posted yet: they go together at the end of this event-loop turn. */
  outbox: { id: number; request: TaskRequest }[];
}

/** Options of a `WorkerPool`. */
export interface PoolOptions {
  /** Heap limits of each worker (Node's `resourceLimits`); a worker over them fails the pool. */
  readonly resourceLimits?: ResourceLimits | undefined;
}

export class WorkerPool {
  private readonly members: Member[] = [];
  private nextId = 0;
  private failure: WorkerError | undefined;
  private closed = false;

  constructor(size: number, setup: WorkerSetup, options: PoolOptions = {}) {
    const script = workerScript();
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script.url, { eval: script.eval, workerData: setup, resourceLimits: options.resourceLimits });
      const member: Member = { worker, pending: new Map(), outbox: [] };
      worker.unref();
      worker.on('message', (replies: { id: number; reply: TaskReply }[]) => {
        for (const { id, reply } of replies) {
          const p = member.pending.get(id);
          if (!p) continue;
          member.pending.delete(id);
          p.resolve(reply);
        }
        if (member.pending.size === 0) worker.unref();
        if (member.outbox.length > 0 && member.pending.size - member.outbox.length < LOW_WATER) this.flush(member);
      });
      worker.on('error', (err) => this.fail(workerFailure(err)));
      worker.on('exit', (code) => {
        if (!this.closed) this.fail(new WorkerError(`a scan worker exited with code ${code}; see the error before this one, or run with fewer jobs`));
      });
      this.members.push(member);
    }
  }

  get size(): number {
    return this.members.length;
  }

  /** The worker with the fewest tasks in flight. */
  pick(): number {
    let best = 0;
    for (let i = 1; i < this.members.length; i++) if (this.members[i]!.pending.size < this.members[best]!.pending.size) best = i;
    return best;
  }

  /** Runs a task on worker `index`; rejects with `WorkerError` if the pool has failed or closed. */
  run(index: number, request: TaskRequest): Promise<TaskReply> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new WorkerError('the worker pool is closed; start a new scan'));
    const member = this.members[index]!;
    const id = this.nextId++;
    return new Promise<TaskReply>((resolve, reject) => {
      member.pending.set(id, { resolve, reject });
      member.worker.ref();
      if (member.outbox.push({ id, request }) === 1) setImmediate(() => this.flushIfLow(member));
    });
  }

  /** Posts the outbox now if the worker is running low, else leaves it to grow until a reply comes. */
  private flushIfLow(member: Member): void {
    if (member.outbox.length >= HIGH_WATER || member.pending.size - member.outbox.length < LOW_WATER) this.flush(member);
  }

  private flush(member: Member): void {
    const tasks = member.outbox;
    member.outbox = [];
    if (!this.closed && !this.failure && tasks.length > 0) member.worker.postMessage(tasks);
  }

  /** Ends every worker; tasks still in flight reject with `WorkerError`. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.rejectAll(this.failure ?? new WorkerError('the worker pool was closed while a task ran; start a new scan'));
    // ref: an idle (unref'd) worker's exit would not keep the loop alive while it is awaited
    await Promise.all(
      this.members.map((m) => {
        m.worker.ref();
        return m.worker.terminate();
      }),
    );
  }

  private fail(err: WorkerError): void {
    if (this.closed || this.failure) return;
    this.failure = err;
    this.rejectAll(err);
    for (const m of this.members) void m.worker.terminate();
  }

  private rejectAll(err: Error): void {
    for (const m of this.members) {
      for (const p of m.pending.values()) p.reject(err);
      m.pending.clear();
    }
  }
}

/** The error a worker sent back for a task, rebuilt as the same neardup error class. */
export function receivedError(sent: SentError): Error {
  const Class = (errors as Record<string, unknown>)[sent.name];
  if (typeof Class === 'function' && Class.prototype instanceof NeardupError) {
    const err = Object.create(Class.prototype as object) as NeardupError;
    Object.defineProperty(err, 'message', { value: sent.message, writable: true, configurable: true });
    Object.defineProperty(err, 'stack', { value: sent.stack, writable: true, configurable: true });
    Object.assign(err, sent.fields);
    return err;
  }
  return new WorkerError(`a scan worker failed: ${sent.name}: ${sent.message}; this is a neardup bug, please report it with the input`, {
    cause: Object.assign(new Error(sent.message), { name: sent.name, stack: sent.stack }),
  });
}

function workerFailure(err: Error): WorkerError {
  const code = (err as { code?: string }).code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new WorkerError(`a scan worker ran out of memory (${err.message}); raise its resourceLimits, or run with fewer jobs`, { cause: err });
  }
  return new WorkerError(`a scan worker crashed: ${err.message}; run with --jobs 1 to see the error in this thread`, { cause: err });
}

/**
 * The worker's script: dist/scan-worker.js beside the built library (ESM and CJS builds both
 * resolve it from their own file: tsup's CJS shim gives `import.meta.url`), or, when running from
 * the sources (vitest, tsx), scan-worker.ts loaded through tsx.
 */
function workerScript(): { url: URL | string; eval: boolean } {
  const built = new URL('./scan-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return { url: built, eval: false };
  const source = new URL('./scan-worker.ts', import.meta.url);
  if (!existsSync(fileURLToPath(source))) {
    throw new WorkerError(`the scan worker script is missing (${fileURLToPath(built)}); reinstall neardup, or run with --jobs 1`);
  }
  // tsx is a devDependency: the sources run only in a checkout. Its ESM API (the CJS one registers
  // a loader path that does not resolve from a worker), found through its package.json exports.
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  const api = (JSON.parse(readFileSync(packageJson, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']!;
  const tsx = pathToFileURL(join(dirname(packageJson), api.import.default)).href;
  return { url: `import(${JSON.stringify(tsx)}).then((m) => m.tsImport(${JSON.stringify(source.href)}, ${JSON.stringify(import.meta.url)}))`, eval: true };
}
