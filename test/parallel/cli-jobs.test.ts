import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { neardup } from '../cli/run-cli.js';
import { parallelCorpus } from './corpus.js';

const tmp = mkdtempSync(join(tmpdir(), 'neardup-jobs-'));

describe('neardup scan --jobs (the built CLI)', () => {
  it('prints the same scan of the fixtures with 1, 2 and 3 jobs', () => {
    const runs = [1, 2, 3].map((jobs) => neardup(['scan', 'fixtures/articles', '--format', 'json', '--jobs', String(jobs)]));
    for (const r of runs) expect(r.status).toBe(0);
    expect(JSON.parse(runs[0]!.stdout).pairs.length).toBeGreaterThan(0);
    expect(runs[1]!.stdout).toBe(runs[0]!.stdout);
    expect(runs[2]!.stdout).toBe(runs[0]!.stdout);
  }, 60_000);

  it('streams the same findings and warnings for 1,500 stories with 1, 2 and 3 jobs', () => {
    const articles = parallelCorpus(1500);
    const lines = articles.map((a) => JSON.stringify({ ...a, publishedAt: a.publishedAt === undefined ? undefined : new Date(a.publishedAt as number).toISOString() }));
    lines.splice(100, 0, JSON.stringify({ id: articles[5]!.id, text: 'an id used twice' }), '{not json');
    const file = join(tmp, 'news.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const runs = [1, 2, 3].map((jobs) => neardup(['scan', file, '--format', 'jsonl', '--jobs', String(jobs)]));
    for (const r of runs) expect(r.status).toBe(0);
    expect(runs[0]!.stdout.split('\n').filter((l) => l.includes('"type":"match"')).length).toBeGreaterThan(250);
    expect(runs[0]!.stderr).toMatch(/already used/);
    for (const r of runs.slice(1)) {
      expect(r.stdout).toBe(runs[0]!.stdout);
      expect(r.stderr).toBe(runs[0]!.stderr);
    }
  }, 300_000);

  it('refuses --jobs 0', () => {
    const r = neardup(['scan', 'fixtures/articles', '--jobs', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--jobs/);
  });
});
