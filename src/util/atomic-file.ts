/**
 * Atomic file replacement for snapshot saves: a temporary file beside the target, fsync, rename.
 * Readers see the old file or the new one, never a partial write. The target keeps what a user
 * set on it: its mode (a new file is created 0600, owner only: snapshots hold article text), and
 * a symlink stays a symlink (the file it points to is replaced). Anything but a regular file
 * (a device, a fifo, a directory, a socket) is refused. Temporary files of earlier saves whose
 * process is gone (killed mid-save) are removed by the next save of the same path.
 */
import { lstat, open, readdir, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InvalidArgumentError, StorageError, describe } from '../errors.js';

/** Mode of a file the save creates: read and write for the owner only. */
export const NEW_FILE_MODE = 0o600;

let tmpCounter = 0;

/** The kind of a non-regular file, for messages. */
function kindOf(s: Awaited<ReturnType<typeof stat>>): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isFIFO()) return 'a named pipe (fifo)';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** The file to replace (the symlink's target, if `path` is a symlink) and the mode to give it. */
async function resolveTarget(path: string): Promise<{ target: string; mode: number; uid?: number; gid?: number }> {
  let link;
  try {
    link = await lstat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { target: path, mode: NEW_FILE_MODE };
    throw err;
  }
  let target = path;
  if (link.isSymbolicLink()) {
    try {
      target = await realpath(path);
    } catch (cause) {
      throw new InvalidArgumentError(`${path} is a symbolic link to a missing file; point it at a file, or save to another path`, { cause });
    }
  }
  const info = await stat(target);
  if (!info.isFile()) {
    throw new InvalidArgumentError(`${path} is ${kindOf(info)}, not a regular file: a snapshot cannot replace it; save to a file path`);
  }
  return { target, mode: info.mode & 0o7777, uid: info.uid, gid: info.gid };
}

/** Whether the process `pid` is running (EPERM: it is, under another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes `.{name}.{pid}.{time}.{n}.tmp` files beside `target` left by processes that are gone. */
async function removeStaleTemps(target: string): Promise<void> {
  const dir = dirname(target);
  const prefix = `.${basename(target)}.`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const m = /^(\d+)\.\d+\.\d+\.tmp$/.exec(name.slice(prefix.length));
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || alive(pid)) continue;
    await unlink(join(dir, name)).catch(() => undefined);
  }
}

/**
 * Writes `bytes` to `path` atomically (temporary file in the same directory, fsync, rename),
 * keeping the existing file's mode (new files: 0600) and writing through a symlink.
 *
 * @throws InvalidArgumentError when `path` is not a regular file (a device, fifo, directory,
 *   socket) or is a symlink to a missing file.
 * @throws StorageError when the file cannot be written.
 * @example
 * ```ts
 * await writeFileAtomic('/var/lib/news/index.ndix', await index.save());
 * ```
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  if (typeof path !== 'string' || path === '') throw new InvalidArgumentError(`path must be a non-empty string, got ${describe(path)}`);
  let target: Awaited<ReturnType<typeof resolveTarget>>;
  try {
    target = await resolveTarget(path);
  } catch (err) {
    if (err instanceof InvalidArgumentError) throw err;
    throw new StorageError(`could not write ${path}: ${(err as Error).message}; check that the directory exists and is readable`, { cause: err });
  }
  await removeStaleTemps(target.target);
  const tmp = join(dirname(target.target), `.${basename(target.target)}.${process.pid}.${Date.now()}.${tmpCounter++}.tmp`);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(tmp, 'wx', NEW_FILE_MODE);
    await handle.chmod(target.mode); // exactly the old mode, whatever the umask
    if (target.uid !== undefined && process.getuid?.() === 0) await handle.chown(target.uid, target.gid!).catch(() => undefined);
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(tmp, target.target);
  } catch (cause) {
    await handle?.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw new StorageError(`could not write ${path}: ${(cause as Error).message}; check that the directory exists and is writable`, { cause });
  }
}
