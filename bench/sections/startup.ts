/**
 * Start-up and install footprint: `neardup --help` and `import('neardup')` against a bare
 * `node -e 0`, interleaved in one run (median of 21 launches each; the ratio is the figure), and
 * the node_modules an app gets from `npm install neardup` (the packed tarball, installed from
 * npm's cache into an empty folder).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../lib/corpus.js';
import { median } from '../lib/timing.js';
import { row, type BenchContext, type SectionResult } from '../lib/types.js';

const LAUNCHES = 21;

function treeBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? treeBytes(path) : lstatSync(path).size;
  }
  return total;
}

function launchMs(args: readonly string[]): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
  return performance.now() - t;
}

function installFootprint(ctx: BenchContext): { bytes: number; packages: number } {
  const npm = (cwd: string, args: string[]) =>
    execFileSync('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd, encoding: 'utf8' });
  const dir = mkdtempSync(join(tmpdir(), 'neardup-bench-install-'));
  try {
    const tarball = JSON.parse(npm(ROOT, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir]))[0].filename as string;
    const app = join(dir, 'app');
    execFileSync('mkdir', [app]);
    writeFileSync(join(app, 'package.json'), '{"name":"app","version":"1.0.0","private":true}');
    npm(app, ['install', join(dir, tarball)]);
    const modules = join(app, 'node_modules');
    const packages = readdirSync(modules).flatMap((name) => (name.startsWith('@') ? readdirSync(join(modules, name)) : name.startsWith('.') ? [] : [name])).length;
    ctx.log(`  npm install neardup: ${packages} packages`);
    return { bytes: treeBytes(modules), packages };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(ctx: BenchContext): Promise<SectionResult> {
  const cli = join(ROOT, 'dist', 'cli.cjs');
  if (!existsSync(cli)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  const index = join(ROOT, 'dist', 'index.js');
  const commands = {
    bare: ['-e', '0'],
    help: [cli, '--help'],
    importEsm: ['--input-type=module', '-e', `await import(${JSON.stringify(index)})`],
    requireCjs: ['-e', `require(${JSON.stringify(join(ROOT, 'dist', 'index.cjs'))})`],
  } as const;
  const times: Record<keyof typeof commands, number[]> = { bare: [], help: [], importEsm: [], requireCjs: [] };
  for (const args of Object.values(commands)) launchMs(args); // warm the file cache
  for (let i = 0; i < LAUNCHES; i++) {
    for (const [name, args] of Object.entries(commands) as [keyof typeof commands, readonly string[]][]) times[name].push(launchMs(args));
  }
  const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])) as Record<keyof typeof commands, number>;
  const install = installFootprint(ctx);
  return {
    title: 'Start-up and install footprint',
    rows: [
      row('`neardup --help` ÷ `node -e 0` (medians, same run)', m.help / m.bare, '×', { op: '<=', value: 1.3, text: '≤ 1.3×' }),
      row("`import('neardup')` (ESM) ÷ `node -e 0`", m.importEsm / m.bare, '×'),
      row("`require('neardup')` (CJS) ÷ `node -e 0`", m.requireCjs / m.bare, '×'),
      row('node_modules of an app after `npm install neardup`', install.bytes / 1024 / 1024, 'MB', { op: '<=', value: 15, text: '≤ 15 MB' }),
      row('packages it installs (neardup included)', install.packages, 'packages'),
    ],
    notes: [
      `Each command launched ${LAUNCHES} times, the four interleaved, after one warm-up; medians: node -e 0 ${m.bare.toFixed(1)} ms, --help ${m.help.toFixed(1)} ms, ESM import ${m.importEsm.toFixed(1)} ms, CJS require ${m.requireCjs.toFixed(1)} ms. \`neardup\` is a small CommonJS file (dist/cli.cjs: commander and the option table) that imports the ES module dist/commands.js, and with it the library, only when a command runs. In the library, fast-levenshtein (it builds an Intl.Collator when it loads, ~15 ms), natural (stemming, stop words), ioredis and cli-progress are required on first use.`,
      'Install: `npm pack` of this checkout, installed into an empty app with `npm install <tarball>` from npm\'s cache; natural and ioredis are optional peer dependencies, installed only by apps that use stemming/stop words or Redis.',
    ],
    payload: { launches: LAUNCHES, times, medians: m, install },
  };
}
