/** The command line on hostile input: clear messages and the documented exit codes. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { neardup } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'neardup-cli-hard-'));

describe('neardup on hostile input', () => {
  it('a directory with no text files: exit 2 and what to do', () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    const r = neardup(['scan', empty]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^neardup: no \.txt or \.md files in .*; put one article per file there, or give a \.jsonl file/);
  });

  it('an unreadable path (a directory where a file is needed, a path through a file): exit 2', () => {
    const file = join(dir, 'plain.txt');
    writeFileSync(file, 'Some text here.');
    const asDir = neardup(['compare', dir, file]);
    expect(asDir.status).toBe(2);
    expect(asDir.stderr).toMatch(/it is a directory/);
    const through = neardup(['repeats', join(file, 'inside.txt')]);
    expect(through.status).toBe(2);
    expect(through.stderr).toMatch(/^neardup: cannot read/);
  });

  it('a JSONL file with a 10 MB line is processed, and the next line too', () => {
    const file = join(dir, 'big.jsonl');
    const big = JSON.stringify({ id: 'big', text: 'word '.repeat(2_100_000) });
    writeFileSync(file, `${big}\n${JSON.stringify({ id: 'small', text: 'Tokyo and Brussels signed a pact on Friday.' })}\n`);
    const r = neardup(['scan', file, '--format', 'json']);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { articles: number }).articles).toBe(2);
  });

  it('a binary file given as JSONL is reported, not decoded into garbage', () => {
    const file = join(dir, 'binary.jsonl');
    writeFileSync(file, Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x0a, 0x00]));
    const r = neardup(['scan', file, '--format', 'json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/it is binary, not text/);
    expect(r.stdout).toBe('');
  });
});
