/**
 * The worker script as users get it: dist/scan-worker.js, started by the ESM build (a chunk of
 * dist/) and by the CJS build (dist/index.cjs), in a process outside the repository.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from '../helpers/fixtures.js';

describe('scanParallel from the built package', () => {
  beforeAll(() => {

  });

  it.each([
    ['ESM', `import(${JSON.stringify(join(ROOT, 'dist', 'index.js'))}).then((m) => run(m))`],
    ['CJS', `run(require(${JSON.stringify(join(ROOT, 'dist', 'index.cjs'))}))`],
  ])('%s: 2 workers give the in-thread scan, and the process exits', (_kind, load) => {
    const script = `
      const fs = require('node:fs');
      const dir = ${JSON.stringify(FIXTURES)};
      const articles = fs.readdirSync(dir).sort().map((f) => ({ id: f, text: fs.readFileSync(dir + '/' + f, 'utf8') }));
      async function run(m) {
        const one = await m.scanParallel(articles, { workers: 0 });
        const two = await m.scanParallel(articles, { workers: 2 });
        const view = (r) => JSON.stringify({ pairs: r.pairs, repeats: r.repeats, clusters: r.clusters });
        process.stdout.write(JSON.stringify({ pairs: two.pairs.length, same: view(one) === view(two) }));
      }
      ${load};
    `;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: mkdtempSync(join(tmpdir(), 'neardup-workers-')), encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { pairs: number; same: boolean };
    expect(out.pairs).toBeGreaterThan(0);
    expect(out.same).toBe(true);
  }, 70_000);
});
