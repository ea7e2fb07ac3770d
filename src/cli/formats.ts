/**
 * Choosing the output format: the one given with --format; else from the -o file's extension
 * (refused, with the remedy, when the command cannot write that format or the extension names
 * none); else a table on a terminal and JSON in a pipe.
 */
import { extname } from 'node:path';
import { UsageError } from './errors.js';

export type Format = 'table' | 'json' | 'jsonl' | 'html';

const BY_EXTENSION: ReadonlyMap<string, Format> = new Map([
  ['.html', 'html'],
  ['.htm', 'html'],
  ['.jsonl', 'jsonl'],
  ['.ndjson', 'jsonl'],
  ['.json', 'json'],
  ['.txt', 'table'],
]);

export function chooseFormat(given: Format | undefined, output: string | undefined, allowed: readonly Format[], command = 'this command'): Format {
  if (given) return given;
  if (output !== undefined && output !== '-') {
    const ext = extname(output).toLowerCase();
    const f = BY_EXTENSION.get(ext);
    if (f && allowed.includes(f)) return f;
    const exts = [...BY_EXTENSION].filter(([, v]) => allowed.includes(v)).map(([k]) => k).join(', ');
    throw new UsageError(
      f
        ? `${command} cannot write ${f} (asked for by ${JSON.stringify(output)}); use one of ${exts}, or give --format (${allowed.join(', ')})`
        : `cannot tell the output format from ${JSON.stringify(output)}; name the file with one of ${exts}, or give --format (${allowed.join(', ')})`,
    );
  }
  return process.stdout.isTTY ? 'table' : 'json';
}
