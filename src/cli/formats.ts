/**
 * Choosing the output format: the one given with --format; else from the -o file's extension;
 * else a table on a terminal and JSON in a pipe.
 */
import { extname } from 'node:path';

export type Format = 'table' | 'json' | 'jsonl' | 'html';

export function chooseFormat(given: Format | undefined, output: string | undefined, allowed: readonly Format[]): Format {
  if (given) return given;
  if (output !== undefined && output !== '-') {
    const ext = extname(output).toLowerCase();
    const byExt: Record<string, Format> = { '.html': 'html', '.htm': 'html', '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.json': 'json', '.txt': 'table' };
    const f = Object.hasOwn(byExt, ext) ? byExt[ext] : undefined;
    if (f && allowed.includes(f)) return f;
    return 'json';
  }
  return process.stdout.isTTY ? 'table' : 'json';
}
