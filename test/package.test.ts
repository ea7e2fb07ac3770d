/**
 * The built package as users get it: ESM and CJS entry points, type declarations, and an import
 * that prints nothing and leaves process.env alone even with a .env file in the working directory.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/fixtures.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  exports: { '.': { import: { types: string; default: string }; require: { types: string; default: string } } };
};

describe('the built package', () => {
  beforeAll(() => {

  });

  it('has every file its exports map names', () => {
    const entry = pkg.exports['.'];
    for (const file of [entry.import.types, entry.import.default, entry.require.types, entry.require.default]) {
      expect(existsSync(join(ROOT, file)), file).toBe(true);
    }
  });

  it.each([
    ['ESM', `import(${JSON.stringify(join(ROOT, 'dist', 'index.js'))}).then((m) => report(m))`],
    ['CJS', `report(require(${JSON.stringify(join(ROOT, 'dist', 'index.cjs'))}))`],
  ])('%s import prints nothing, ignores ./.env, and works', (_kind, load) => {
    const cwd = mkdtempSync(join(tmpdir(), 'neardup-import-'));
    writeFileSync(join(cwd, '.env'), 'NEARDUP_SHOULD_NOT_LOAD=1\n');
    const script = `
      const before = Object.keys(process.env).sort().join(',');
      function report(m) {
        const c = m.compare('The EU and Japan signed a defence pact in Tokyo on Friday.', 'The EU and Japan signed a defence pact in Tokyo on Friday.');
        process.stderr.write(JSON.stringify({ env: before === Object.keys(process.env).sort().join(','), relation: c.relation, detector: typeof m.Detector }));
      }
      ${load};
    `;
    const r = spawnSync(process.execPath, ['-e', script], { cwd, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr)).toEqual({ env: true, relation: 'duplicate', detector: 'function' });
  });
});
