/**
 * Runs the built `neardup` executable. Uses dist/cli.cjs when it is newer than every source file
 * (as after `npm ci`, which builds); otherwise builds a private copy into test-artifacts/ once,
 * so a stale dist/ is never tested and dist/ is never rebuilt under other test files' feet.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/fixtures.js';

const DIST_CLI = join(ROOT, 'dist', 'cli.cjs');
const PRIVATE_DIR = join(ROOT, 'test-artifacts', 'cli-build');
const PRIVATE_CLI = join(PRIVATE_DIR, 'main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function isFresh(file: string): boolean {
  if (!existsSync(file)) return false;
  const built = statSync(file).mtimeMs;
  return built >= newestSource(join(ROOT, 'src')) && built >= statSync(join(ROOT, 'package.json')).mtimeMs;
}

let cli: string | undefined;

/** Path of an up-to-date build of the CLI; builds one if needed (a few seconds). */
export function cliPath(): string {
  if (cli) return cli;
  if (isFresh(DIST_CLI)) return (cli = DIST_CLI);
  // scan-worker.js beside main.js: `scan --jobs N` starts it from there, as from dist/
  if (!isFresh(PRIVATE_CLI) || !isFresh(join(PRIVATE_DIR, 'scan-worker.js'))) {
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'tsup', 'dist', 'cli-default.js'), '--entry.main', 'src/cli/main.ts', '--entry.scan-worker', 'src/parallel/scan-worker.ts', '--no-config', '--format', 'esm', '--target', 'node20', '--out-dir', PRIVATE_DIR, '--silent'],
      { cwd: ROOT, stdio: 'pipe' },
    );
  }
  return (cli = PRIVATE_CLI);
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `neardup ...args` from the repository root, stdin from `input`. */
export function neardup(args: readonly string[], input?: string | Buffer): CliResult {
  const r = spawnSync(process.execPath, [cliPath(), ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
