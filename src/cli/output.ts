/**
 * Where a command writes: stdout, or the file given with `-o`. Writes wait for the stream to
 * drain, so a 100 MB JSONL stream never piles up in memory. A file is written to a temporary
 * file beside it and renamed over it only when the command succeeds: a usage error found late
 * (a binary line on stdin, nothing to scan) leaves an existing file as it was.
 */
import { lstat, open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import { fsReason, OutputError, UsageError, writeFailure } from './errors.js';

export interface Output {
  /** True when writing to a terminal. */
  readonly isTTY: boolean;
  /** Terminal width, or a default for files and pipes. */
  readonly columns: number;
  /** The file written, if not stdout. */
  readonly path: string | undefined;
  write(text: string): Promise<void>;
  /** Finishes the output: a file replaces the old one. */
  close(): Promise<void>;
  /** Gives up: a file's temporary copy is removed, an existing file left as it was. */
  abort(): Promise<void>;
}

/** Width used when the terminal reports none (pipes, files, or a terminal saying 0 columns). */
export const DEFAULT_COLUMNS = 100;
/** Narrowest width laid out; a terminal reporting fewer columns gets this many. */
const MIN_COLUMNS = 40;

/** A stream's width for layout: its columns on a terminal when sane, else DEFAULT_COLUMNS. */
export function terminalColumns(stream: { isTTY?: boolean; columns?: number }): number {
  const c = stream.isTTY ? stream.columns : undefined;
  if (typeof c !== 'number' || !Number.isInteger(c) || c <= 0) return DEFAULT_COLUMNS;
  return Math.max(MIN_COLUMNS, c);
}

/** Opens `path` for writing (a UsageError if it cannot be created), or stdout. */
export async function openOutput(path: string | undefined): Promise<Output> {
  if (path === undefined || path === '-') {
    const stdout = process.stdout; // a closed pipe or a full disk is handled once, in run()
    return {
      isTTY: stdout.isTTY === true,
      columns: terminalColumns(stdout),
      path: undefined,
      async write(text) {
        if (!stdout.write(text)) await once(stdout, 'drain');
      },
      async close() {},
      async abort() {},
    };
  }
  const { target, temp, mode } = await planFile(path);
  let handle;
  try {
    handle = await open(temp ?? target, temp ? 'wx' : 'w', mode ?? 0o666);
    if (temp && mode !== undefined) await handle.chmod(mode);
  } catch (err) {
    throw new UsageError(`cannot write ${JSON.stringify(path)}: ${fsReason(err)}; check that its directory exists and is writable`);
  }
  const stream = handle.createWriteStream({ encoding: 'utf8' });
  let failure: Error | undefined;
  stream.on('error', (err) => (failure = err));
  const fail = (err: Error): never => {
    throw new OutputError(writeFailure(JSON.stringify(path), err));
  };
  let finished = false;
  const finish = async (): Promise<void> => {
    if (finished) return;
    finished = true;
    stream.end();
    await once(stream, 'close').catch(() => undefined);
  };
  return {
    isTTY: false,
    columns: DEFAULT_COLUMNS,
    path,
    async write(text) {
      if (failure) fail(failure);
      if (!stream.write(text)) await Promise.race([once(stream, 'drain'), once(stream, 'error')]);
      if (failure) fail(failure);
    },
    async close() {
      await finish();
      if (failure) {
        if (temp) await unlink(temp).catch(() => undefined);
        fail(failure);
      }
      if (temp) await rename(temp, target);
    },
    async abort() {
      await finish();
      if (temp) await unlink(temp).catch(() => undefined);
    },
  };
}

/**
 * Runs `fn` with the output of `path` (or stdout), then closes it; if `fn` fails, the output is
 * abandoned (an existing file left untouched) and the error rethrown.
 */
export async function withOutput(path: string | undefined, fn: (out: Output) => Promise<void>): Promise<Output> {
  const out = await openOutput(path);
  try {
    await fn(out);
  } catch (err) {
    await out.abort();
    throw err;
  }
  await out.close();
  return out;
}

/**
 * Where `-o path` is written: a regular file (or a new one) through a temporary file beside it,
 * keeping the old file's mode and writing through a symlink; anything else (/dev/stdout, a
 * named pipe) directly, as it cannot be replaced.
 */
async function planFile(path: string): Promise<{ target: string; temp: string | undefined; mode: number | undefined }> {
  let target = path;
  try {
    if ((await lstat(path)).isSymbolicLink()) target = await realpath(path);
    const info = await stat(target);
    if (info.isDirectory()) throw new UsageError(`cannot write ${JSON.stringify(path)}: it is a directory; give a file name`);
    if (!info.isFile()) return { target, temp: undefined, mode: undefined };
    return { target, temp: tempBeside(target), mode: info.mode & 0o7777 };
  } catch (err) {
    if (err instanceof UsageError) throw err;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new UsageError(`cannot write ${JSON.stringify(path)}: ${fsReason(err)}; check the path`);
    }
    return { target, temp: tempBeside(target), mode: undefined };
  }
}

function tempBeside(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.neardup-tmp`);
}
