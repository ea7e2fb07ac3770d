/** The README's first lines and its quickstart: the commands a newcomer types, and code that prints what its comments say. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/fixtures.js';
import { quickstart, README } from './helpers/readme.js';

describe('README', () => {
  it('starts with the two commands a newcomer types', () => {
    const firstBlock = /```sh\n([^]*?)```/.exec(README)![1]!;
    expect(firstBlock).toMatch(/^npm install && npx neardup scan fixtures\/articles/m);
    expect(firstBlock).toMatch(/^npm test/m);
  });

  it('runs the library quickstart on the sources and prints what its comments say', () => {
    const { code, expected } = quickstart();
    expect(expected.length).toBeGreaterThanOrEqual(4);
    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
    const file = join(ROOT, 'test-artifacts', 'readme-quickstart.mts');
    writeFileSync(file, code.replace("from 'neardup'", `from ${JSON.stringify(join(ROOT, 'src', 'index.ts'))}`));
    const out = execFileSync(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n');
    expect(out).toEqual(expected);
  });

  it('documents every CLI command', () => {
    const help = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), '--help'], { cwd: ROOT, encoding: 'utf8' });
    const commands = [...help.matchAll(/^ {2}(\w+) \[options\]/gm)].map((m) => m[1]!);
    expect(commands).toEqual(expect.arrayContaining(['scan', 'compare', 'repeats', 'watch']));
    for (const command of commands) expect(README, command).toContain(`### \`neardup ${command}`);
  });
});
