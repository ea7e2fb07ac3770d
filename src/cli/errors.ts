/**
 * Errors of the command line: a UsageError ends the command with exit status 2 and one line on
 * stderr, "neardup: <what>; <what to do>".
 */

/** Bad usage: a missing or unreadable file, a wrong flag value. Exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit statuses. */
export const EXIT = Object.freeze({ ok: 0, failure: 1, usage: 2 });

/** The plain words for a Node file-system error code. */
export function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

/** The plain words for a failed write (ENOSPC, EIO, …) and what to do. */
export function writeFailure(where: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'no space left on the device'
      : code === 'EIO'
        ? 'an input/output error of the device'
        : code === 'EFBIG'
          ? 'the file is too large for the file system'
          : err instanceof Error
            ? err.message
            : String(err);
  return `cannot write ${where}: ${reason}${code ? ` (${code})` : ''}; free some space or write elsewhere (-o FILE)`;
}

/** An output write failed (disk full, I/O error): exit status 1 with one clear line. */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputError';
  }
}
