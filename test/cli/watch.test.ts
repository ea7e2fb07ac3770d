import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expected } from '../helpers/expected.js';
import { ROOT, fixtureTexts } from '../helpers/fixtures.js';
import { cliPath, neardup } from './run-cli.js';

const jsonl = [...fixtureTexts()]
  .map(([id, text]) => JSON.stringify({ id, text, publishedAt: expected.articles.find((a) => a.id === id)!.publishedAt }))
  .join('\n');

describe('neardup watch', () => {
  it('writes one verdict per article, as the feed expects of the fixtures', () => {
    const r = neardup(['watch', '-'], `${jsonl}\n{not json}\n`);
    expect(r.status).toBe(0);
    const verdicts = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; verdict: string; of: string | null; credits: unknown[] });
    expect(verdicts.map((v) => [v.id, v.verdict, v.of])).toEqual([
      ['000', 'new', null],
      ['001', 'derived', '000'],
      ['002', 'related', '000'],
      ['003', 'new', null],
      ['004', 'related', '003'],
    ]);
    expect(r.stderr).toMatch(/stdin line 6: not valid JSON.*skipped/);
  });

  it('answers each line as it arrives (the output is flushed per verdict)', async () => {
    const child = spawn(process.execPath, [cliPath(), 'watch', '-'], { cwd: ROOT });
    const lines = jsonl.split('\n');
    let out = '';
    const nextLine = (): Promise<string> =>
      new Promise((resolve) => {
        const check = (): void => {
          const nl = out.indexOf('\n');
          if (nl >= 0) {
            const line = out.slice(0, nl);
            out = out.slice(nl + 1);
            child.stdout.off('data', onData);
            resolve(line);
          }
        };
        const onData = (chunk: Buffer): void => {
          out += chunk.toString('utf8');
          check();
        };
        child.stdout.on('data', onData);
        check();
      });
    child.stdin.write(`${lines[0]}\n`);
    expect(JSON.parse(await nextLine()).verdict).toBe('new');
    child.stdin.write(`${lines[1]}\n`);
    expect(JSON.parse(await nextLine())).toMatchObject({ id: '001', verdict: 'derived', of: '000' });
    child.stdin.end();
    expect(await new Promise((resolve) => child.on('close', resolve))).toBe(0);
  });

  it('follows a growing file with --follow', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'neardup-watch-'));
    const file = join(dir, 'feed.jsonl');
    const lines = jsonl.split('\n');
    writeFileSync(file, `${lines[0]}\n`);
    const child = spawn(process.execPath, [cliPath(), 'watch', file, '--follow'], { cwd: ROOT });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const waitFor = async (n: number): Promise<void> => {
      for (let i = 0; i < 200 && out.split('\n').length - 1 < n; i++) await new Promise((r) => setTimeout(r, 50));
    };
    await waitFor(1);
    appendFileSync(file, `${lines[1]}\n`);
    await waitFor(2);
    child.kill('SIGINT');
    await new Promise((resolve) => child.on('close', resolve));
    expect(out.trim().split('\n').map((l) => (JSON.parse(l) as { verdict: string }).verdict)).toEqual(['new', 'derived']);
  });

  it('exits 2 with a message for a missing file or a bad window', () => {
    const missing = neardup(['watch', 'no/such.jsonl']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^neardup: cannot read no\/such.jsonl: no such file or directory/);
    expect(neardup(['watch', '-', '--window-hours', 'soon'], '').status).toBe(2);
  });
});
