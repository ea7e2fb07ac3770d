/**
 * The command line when its streams misbehave: pipes and named pipes as input, a full disk on
 * stdout, an output file that must survive a late usage error, lines too long for a string,
 * nothing to scan, a terminal of 0 columns, a closed stderr.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openArticles, type InputArticle } from '../../src/cli/input.js';
import { DEFAULT_COLUMNS, terminalColumns } from '../../src/cli/output.js';
import { MAX_STRING_LENGTH } from '../../src/cli/text-decode.js';
import { constants } from 'node:buffer';
import { FIXTURES, fixtureTexts } from '../helpers/fixtures.js';
import { cliPath, neardup } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'neardup-cli-faults-'));
const jsonl = [...fixtureTexts()].map(([id, text]) => JSON.stringify({ id, text })).join('\n') + '\n';
const jsonlFile = join(dir, 'docs.jsonl');
writeFileSync(jsonlFile, jsonl);

/** Runs a bash command line with $N the neardup command. */
function sh(command: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-c', command], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', N: `${process.execPath} ${cliPath()}` },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const articlesOf = (stdout: string) => (JSON.parse(stdout) as { articles: number }).articles;

describe('neardup reads pipes', () => {
  it('scan <(cat docs.jsonl): process substitution, no positional read', () => {
    const r = sh(`$N scan <(cat docs.jsonl) -f json`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(articlesOf(r.stdout)).toBe(5);
  });

  it('scan of a named pipe, and watch of one', () => {
    execFileSync('mkfifo', [join(dir, 'feed')]);
    const r = sh(`(cat docs.jsonl > feed &) ; $N scan feed -f json`);
    expect(r.status).toBe(0);
    expect(articlesOf(r.stdout)).toBe(5);
    const w = sh(`(cat docs.jsonl > feed &) ; $N watch feed`);
    expect(w.status).toBe(0);
    expect(w.stdout.trim().split('\n')).toHaveLength(5);
  });

  it('a binary stream through a pipe is still refused as binary', () => {
    const r = sh(`$N scan <(printf '\\0\\1\\2')`);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/it is binary, not text/);
  });

  it('compare and repeats read process substitutions too', () => {
    const r = sh(`$N compare <(cat ${join(FIXTURES, '000_a73051b759e3cab2.txt')}) ${join(FIXTURES, '001_28d2f76ec5bfe934.txt')} -f json`);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { relation: string }).relation).toBe('derived');
  });
});

describe('neardup when output cannot be written', () => {
  it('stdout on a full disk (/dev/full): one clear line, exit 1, no stack trace', () => {
    const r = sh(`$N scan ${FIXTURES} > /dev/full`);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^neardup: cannot write the output: no space left on the device \(ENOSPC\); free some space or write elsewhere/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const o = neardup(['scan', FIXTURES, '-f', 'json', '-o', '/dev/full']);
    expect(o.status).toBe(1);
    expect(o.stderr).toMatch(/cannot write "\/dev\/full": no space left on the device \(ENOSPC\)/);
  });

  it('a closed stdout pipe still ends quietly with 0', () => {
    const r = sh(`$N scan ${FIXTURES} -f jsonl | head -c 1 > /dev/null; exit \${PIPESTATUS[0]}`);
    expect(r.status).toBe(0);
  });

  it('-o existing.json is left untouched by a usage error found late, and replaced on success keeping its mode', () => {
    const out = join(dir, 'existing.json');
    writeFileSync(out, '{"keep": true}\n');
    chmodSync(out, 0o640);
    const binary = neardup(['scan', '-', '-o', out], Buffer.from([0, 1, 2, 3]));
    expect(binary.status).toBe(2);
    const empty = neardup(['scan', '-', '-o', out], '');
    expect(empty.status).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('{"keep": true}\n');
    expect(readdirSync(dir).filter((f) => f.includes('neardup-tmp'))).toEqual([]);
    const ok = neardup(['scan', jsonlFile, '-o', out, '-f', 'json']);
    expect(ok.status).toBe(0);
    expect(articlesOf(readFileSync(out, 'utf8'))).toBe(5);
    expect(statSync(out).mode & 0o777).toBe(0o640);
  });

  it('a closed or broken stderr does not change the exit status', () => {
    mkdirSync(join(dir, 'mixed'));
    writeFileSync(join(dir, 'mixed', 'bin.txt'), Buffer.from([0, 1]));
    writeFileSync(join(dir, 'mixed', 'ok.txt'), 'The European Union and Japan signed a security pact in Tokyo.');
    for (const redirect of ['2>&-', '2> >(exit 0)']) {
      const r = sh(`$N scan mixed -f json ${redirect}`);
      expect(r.status, redirect).toBe(0);
      expect(articlesOf(r.stdout)).toBe(1);
    }
  });
});

describe('neardup with nothing to scan: a clear message and exit 2', () => {
  it.each([
    ['an empty stdin', ['scan', '-'], '', /nothing scanned in stdin: stdin is empty/],
    ['a pretty-printed JSON array', ['scan', '-'], JSON.stringify([{ id: 'a', text: 'x' }], null, 2), /looks like a JSON array.*jq -c '\.\[\]'/],
  ])('%s', (_name, args, input, message) => {
    const r = neardup(args, input);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('a .csv file, and a directory of binary files', () => {
    writeFileSync(join(dir, 'docs.csv'), 'id,text\na,hello world\n');
    const csv = neardup(['scan', join(dir, 'docs.csv')]);
    expect(csv.status).toBe(2);
    expect(csv.stderr).toMatch(/nothing scanned in ".*docs\.csv": it looks like CSV; scan reads JSON Lines/);
    mkdirSync(join(dir, 'binaries'));
    writeFileSync(join(dir, 'binaries', 'a.txt'), Buffer.from([0, 1]));
    writeFileSync(join(dir, 'binaries', 'b.md'), Buffer.from([0xff, 0xfe, 0]));
    const bins = neardup(['scan', join(dir, 'binaries')]);
    expect(bins.status).toBe(2);
    expect(bins.stderr).toMatch(/nothing scanned in ".*binaries": all 2 \.txt\/\.md files were skipped/);
  });
});

describe('neardup input edge cases', () => {
  it('a JSONL line longer than the longest string is reported as too long, not as invalid UTF-8, and not buffered', async () => {
    expect(MAX_STRING_LENGTH).toBe(constants.MAX_STRING_LENGTH);
    const warnings: string[] = [];
    const long = JSON.stringify({ id: 'long', text: 'é'.repeat(600) });
    const stream = Readable.from([Buffer.from(`${JSON.stringify({ id: 'a', text: 'first' })}\n${long.slice(0, 300)}`), Buffer.from(`${long.slice(300)}\n{"id":"b","text":"last"}\n`)]);
    const source = await openArticles('-', { warn: (m) => warnings.push(m), stdin: stream, maxLineBytes: 1000 });
    const got: InputArticle[] = [];
    for await (const a of source.articles()) got.push(a);
    expect(got.map((a) => a.id)).toEqual(['a', 'b']);
    expect(warnings).toEqual([expect.stringMatching(/^stdin line 2: the line is 1,2\d\d bytes, above the limit of 1,000; skipped$/)]);
    expect(source.skipped()).toBe(1);
  });

  it('a terminal reporting 0 columns gets a sane width', () => {
    expect(terminalColumns({ isTTY: true, columns: 0 })).toBe(DEFAULT_COLUMNS);
    expect(terminalColumns({ isTTY: true, columns: undefined })).toBe(DEFAULT_COLUMNS);
    expect(terminalColumns({ isTTY: true, columns: 10 })).toBe(40);
    expect(terminalColumns({ isTTY: true, columns: 132 })).toBe(132);
    expect(terminalColumns({ isTTY: false, columns: 132 })).toBe(DEFAULT_COLUMNS);
  });

  it.skipIf(spawnSync('script', ['--version']).status !== 0)('end to end: a real terminal of 0 columns (script + stty cols 0)', () => {
    const r = sh(`script -qec "stty cols 0; $N scan ${FIXTURES} -f table" /dev/null`);
    expect(r.status).toBe(0);
    const lines = r.stdout.split(/\r?\n/).filter((l) => l.trim() !== '');
    const piped = neardup(['scan', FIXTURES, '-f', 'table']).stdout.split('\n').filter((l) => l.trim() !== '');
    // Width 0 wrapped every word onto its own line (83 lines); a sane width gives the piped layout.
    expect(lines.length).toBe(piped.length);
    expect(r.stdout).toMatch(/is a rewrite of/);
  });
});
