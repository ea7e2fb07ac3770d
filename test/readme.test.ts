/** The README's quickstart really runs, and prints what its comments say. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/fixtures.js';

describe('README', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

  it('starts with the two commands a newcomer types', () => {
    const firstBlock = /```sh\n([^]*?)```/.exec(readme)![1]!;
    expect(firstBlock).toMatch(/^npm install && npx neardup scan fixtures\/articles/m);
    expect(firstBlock).toMatch(/^npm test/m);
  });

  it('runs the library quickstart as written', () => {
    const section = readme.slice(readme.indexOf('## Library quickstart'));
    const code = /```ts\n([^]*?)```/.exec(section)![1]!.replace("from 'neardup'", "from '../src/index.ts'");
    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
    const file = join(ROOT, 'test-artifacts', 'readme-quickstart.mts');
    writeFileSync(file, code);
    const out = execFileSync(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n');
    expect(out[0]).toBe('reuters-000 derived query-from-match');
    expect(out[1]).toBe('derived b-from-a 8');
    expect(out[2]).toMatch(/^\{ a: 0\.77\d+, b: 1 \} 0\.14$/);
    expect(out.slice(3).join(' ').replace(/\s+/g, ' ')).toMatch(/first: \{ from: 2, to: 7 \}, second: \{ from: 8, to: 13 \}/);
  });
});
