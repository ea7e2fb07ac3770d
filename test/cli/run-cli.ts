/**
 * Runs the built `neardup` executable, dist/cli.cjs. vitest's global setup (test/global-setup.ts)
 * builds dist/ before any test file runs when it is older than the sources, so the build tested
 * is always the code under test.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers/fixtures.js';

const DIST_CLI = join(ROOT, 'dist', 'cli.cjs');

/** Path of the built CLI. */
export function cliPath(): string {
  return DIST_CLI;
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
