/** File-system helpers of the bench sections. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time under a directory (ms), recursively. */
export function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}
