/** The README's library quickstart: its code, and the line each `console.log` must print (its comment). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './fixtures.js';

export const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

export interface Quickstart {
  /** The code block, as written (it imports from 'neardup'). */
  readonly code: string;
  /** For each `console.log(…); // comment` line, the comment: what it must print. */
  readonly expected: readonly string[];
}

export function quickstart(): Quickstart {
  const section = README.slice(README.indexOf('## Library quickstart'));
  const code = /```js\n([^]*?)```/.exec(section)![1]!;
  const expected = code
    .split('\n')
    .filter((line) => line.startsWith('console.log('))
    .map((line) => /\/\/ (.*)$/.exec(line)![1]!.trim());
  return { code, expected };
}
