import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/fixtures.js';

/** Runs exit-script.ts in a child; a pool left running would keep it alive until the timeout kills it. */
function child(mode: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'parallel', 'exit-script.ts'), mode], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('a process running a parallel scan exits by itself', () => {
  it('when the scan finishes', () => {
    const r = child('finish');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('finish 300 300\n');
  }, 100_000);

  it('when the consumer stops early', () => {
    const r = child('break');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('break 30 30\n');
  }, 100_000);

  it('when a worker runs out of memory', () => {
    const r = child('crash');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^crash WorkerError (\d+)\n$/);
    expect(Number(/(\d+)\n$/.exec(r.stdout)![1])).toBeLessThanOrEqual(10);
  }, 100_000);
});
