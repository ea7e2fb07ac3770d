/**
 * Where a command writes: stdout, or the file given with `-o`. Writes wait for the stream to
 * drain, so a 100 MB JSONL stream never piles up in memory.
 */
import { open } from 'node:fs/promises';
import { once } from 'node:events';
import { fsReason, UsageError } from './errors.js';

export interface Output {
  /** True when writing to a terminal. */
  readonly isTTY: boolean;
  /** Terminal width, or a default for files and pipes. */
  readonly columns: number;
  /** The file written, if not stdout. */
  readonly path: string | undefined;
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

/** Opens `path` for writing (a UsageError if it cannot be created), or stdout. */
export async function openOutput(path: string | undefined): Promise<Output> {
  if (path === undefined || path === '-') {
    const stdout = process.stdout; // a closed pipe is handled once, in run()
    return {
      isTTY: stdout.isTTY === true,
      columns: stdout.isTTY ? (stdout.columns ?? 100) : 100,
      path: undefined,
      async write(text) {
        if (!stdout.write(text)) await once(stdout, 'drain');
      },
      async close() {},
    };
  }
  let handle;
  try {
    handle = await open(path, 'w');
  } catch (err) {
    throw new UsageError(`cannot write ${JSON.stringify(path)}: ${fsReason(err)}; check that its directory exists and is writable`);
  }
  const stream = handle.createWriteStream({ encoding: 'utf8' });
  let failure: Error | undefined;
  stream.on('error', (err) => (failure = err));
  return {
    isTTY: false,
    columns: 100,
    path,
    async write(text) {
      if (failure) throw failure;
      if (!stream.write(text)) await once(stream, 'drain');
    },
    async close() {
      stream.end();
      await once(stream, 'close');
      if (failure) throw failure;
    },
  };
}
