import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expected } from '../helpers/expected.js';
import { cliPath, neardup } from './run-cli.js';

const A000 = 'fixtures/articles/000_a73051b759e3cab2.txt';
const A001 = 'fixtures/articles/001_28d2f76ec5bfe934.txt';
const ID000 = '000_a73051b759e3cab2';
const ID001 = '001_28d2f76ec5bfe934';
const tmp = mkdtempSync(join(tmpdir(), 'neardup-cli-'));

interface PairJson {
  a: string;
  b: string;
  relation: string;
  direction: string | null;
  copy?: string;
  original?: string;
  summary: string;
  coverage: { a: number; b: number };
  alignments: unknown[];
}
interface ScanJson {
  articles: number;
  skipped: number;
  clusters: { ids: string[]; canonical: string; canonicalReason: string }[];
  lowContent: { ids: string[]; duplicates: { ids: string[]; words: number }[] };
  pairs: PairJson[];
  repeats: { id: string; first: { from: number; to: number }; second: { from: number; to: number }; paragraphs: number }[];
}

beforeAll(() => {
  cliPath(); // build once if dist/ is stale
}, 120_000);

describe('neardup scan fixtures/articles', () => {
  it('--format json: the {000, 001} cluster, 001 rewrites 000, the repeat of 001, related pairs', () => {
    const r = neardup(['scan', 'fixtures/articles', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as ScanJson;
    expect(out.articles).toBe(5);
    expect(out.skipped).toBe(0);
    expect(out.clusters).toMatchObject([{ ids: [ID000, ID001], canonical: ID000, canonicalReason: 'credited' }]);
    expect(out.lowContent).toEqual({ ids: [], duplicates: [] });

    const derived = out.pairs.find((p) => p.relation === 'derived')!;
    expect(derived).toMatchObject({ a: ID001, b: ID000, direction: 'a-from-b', copy: ID001, original: ID000 });
    expect(derived.summary).toBe(`${ID001} is a rewrite of ${ID000}`);
    expect(derived.alignments.length).toBeGreaterThanOrEqual(7);

    // Every reported pair has a relation the fixtures allow; the related pairs of the README are there.
    for (const p of out.pairs) {
      const [x, y] = [p.a.slice(0, 3), p.b.slice(0, 3)].sort();
      const want = expected.pairs.find((e) => e.a === x && e.b === y)!;
      expect(want.allowed, `${x}-${y}`).toContain(p.relation);
    }
    const related = out.pairs.filter((p) => p.relation === 'related').map((p) => [p.a.slice(0, 3), p.b.slice(0, 3)].sort().join('-'));
    expect(related).toContain('003-004');
    expect(related.some((k) => k === '000-002' || k === '001-002')).toBe(true);

    const repeat = out.repeats.find((x) => x.id === ID001)!;
    expect(repeat).toMatchObject({ first: { from: 2, to: 7 }, second: { from: 8, to: 13 }, paragraphs: 6 });
    expect(out.repeats.find((x) => x.id.startsWith('002'))).toMatchObject({ first: { from: 0, to: 0 }, second: { from: 1, to: 1 } });
  });

  it('writes JSON when stdout is not a terminal and no --format is given', () => {
    const r = neardup(['scan', 'fixtures/articles']);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as ScanJson).clusters).toHaveLength(1);
  });

  it('--meta reads dates from fixtures/expected.json (000 is the original by date too)', () => {
    const r = neardup(['scan', 'fixtures/articles', '--meta', 'fixtures/expected.json', '--format', 'json']);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as ScanJson).clusters).toMatchObject([{ ids: [ID000, ID001], canonical: ID000, canonicalReason: 'earliest' }]);
  });

  it('--format jsonl: one finding per line, matches and repeats first, clusters and a summary last', () => {
    const r = neardup(['scan', 'fixtures/articles', '--format', 'jsonl']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; [k: string]: unknown });
    const types = lines.map((l) => l.type);
    expect(types.filter((t) => t === 'match').length).toBeGreaterThanOrEqual(3);
    expect(types.filter((t) => t === 'repeat')).toHaveLength(3);
    expect(types.indexOf('cluster')).toBeGreaterThan(types.lastIndexOf('match'));
    expect(types.indexOf('cluster')).toBeGreaterThan(types.lastIndexOf('repeat'));
    expect(types.at(-1)).toBe('summary');
    expect(lines.find((l) => l.type === 'cluster')).toMatchObject({ type: 'cluster', ids: [ID000, ID001], canonical: ID000, canonicalReason: 'credited' });
    expect(lines.at(-2)).toEqual({ type: 'lowContent', ids: [], duplicates: [] });
    expect(lines.find((l) => l.type === 'repeat' && l.id === ID001)).toMatchObject({ first: { from: 2, to: 7 }, second: { from: 8, to: 13 } });
  });

  it('--format table: the cluster, the rewrite, the related pairs and the repeated block in plain words', () => {
    const r = neardup(['scan', 'fixtures/articles', '--format', 'table']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Scanned 5 articles: 1 cluster of copies');
    expect(r.stdout).toMatch(new RegExp(`1\\. 2 articles\\n +${ID000} — original\\n +${ID001} — rewrite of the original`));
    expect(r.stdout).toContain(`${ID001} is a rewrite of ${ID000}`);
    expect(r.stdout).toContain('004_32f51e49e1cee69c and 003_2f5da3526420caba share a few passages');
    expect(r.stdout).toMatch(new RegExp(`${ID001} +¶9–14 repeat ¶3–8 +\\(6 paragraphs, identical\\)`));
    expect(r.stdout).not.toMatch(/\u001b\[/); // no colour codes in a pipe
  });

  it('--format html -o writes a self-contained report and nothing to stdout', () => {
    const file = join(tmp, 'scan.html');
    const r = neardup(['scan', 'fixtures/articles', '--format', 'html', '-o', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(`${ID001} is a rewrite of ${ID000}`);
    expect(html.match(/<script/g)).toHaveLength(1); // the filter script, allowed by hash
    expect(html).not.toMatch(/<script[^>]+src|https?:\/\/(?!www\.w3)/);
  });

  it('-o report.html picks the html format from the extension', () => {
    const file = join(tmp, 'picked.html');
    expect(neardup(['scan', 'fixtures/articles', '-o', file]).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('<!DOCTYPE html>');
  });
});

describe('neardup scan: JSONL input', () => {
  const good = (id: string | number, text: string, extra: object = {}) => JSON.stringify({ id, text, ...extra });
  const wire = readFileSync(A000, 'utf8');
  const rewrite = readFileSync(A001, 'utf8');

  it('reads JSONL from stdin (-), numeric ids included', () => {
    const input = `${good(1, wire, { publishedAt: '2024-06-23' })}\n${good('two', rewrite, { publishedAt: '2024-06-24' })}\n`;
    const r = neardup(['scan', '-', '--format', 'json'], input);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as ScanJson;
    expect(out.clusters).toMatchObject([{ ids: ['1', 'two'], canonical: '1', canonicalReason: 'earliest' }]);
  });

  it('reports placeholder bodies apart from clusters (json and jsonl)', () => {
    const input = [good('w', wire), good('c', rewrite), good('p1', '******Blah blah blah.'), good('p2', '******Blah blah blah.'), good('h', 'Markets close higher')].join('\n');
    const out = JSON.parse(neardup(['scan', '-', '--format', 'json'], input).stdout) as ScanJson;
    expect(out.clusters.map((c) => c.ids)).toEqual([['c', 'w']]);
    expect(out.lowContent).toEqual({ ids: ['h', 'p1', 'p2'], duplicates: [{ ids: ['p1', 'p2'], words: 1 }] });
    const lines = neardup(['scan', '-', '--format', 'jsonl'], input).stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; [k: string]: unknown });
    expect(lines.find((l) => l.type === 'lowContent')).toEqual({ type: 'lowContent', ids: ['h', 'p1', 'p2'], duplicates: [{ ids: ['p1', 'p2'], words: 1 }] });
    expect(lines.at(-1)).toMatchObject({ type: 'summary', clusters: 1, lowContent: 3 });
  });

  it('reports each malformed line on stderr with its line number, skips it, and goes on', () => {
    const file = join(tmp, 'mixed.jsonl');
    const lines = [
      good('a', wire),
      '{"id": "broken", "text": ',
      '',
      JSON.stringify({ id: 'no-text' }),
      '[1, 2]',
      good('b', rewrite, { publishedAt: 'someday' }),
      good('a', 'the same id again'),
    ];
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    const r = neardup(['scan', file, '--format', 'json']);
    expect(r.status).toBe(0);
    const err = r.stderr.trimEnd().split('\n');
    expect(err).toEqual([
      expect.stringMatching(/^neardup: .*mixed\.jsonl line 2: not valid JSON \(.*\); skipped$/),
      expect.stringMatching(/^neardup: .*mixed\.jsonl line 4: no "text" string; skipped$/),
      expect.stringMatching(/^neardup: .*mixed\.jsonl line 5: not a JSON object; .*skipped$/),
      expect.stringMatching(/^neardup: .*mixed\.jsonl line 6: publishedAt "someday" is not a date; ignored$/),
      expect.stringMatching(/^neardup: .*mixed\.jsonl line 7: id "a" was already used at .*line 1; skipped/),
    ]);
    const out = JSON.parse(r.stdout) as ScanJson;
    expect(out.articles).toBe(2);
    expect(out.skipped).toBe(4);
    expect(out.clusters).toMatchObject([{ ids: ['a', 'b'], canonical: 'a', canonicalReason: expect.any(String) }]);
  });

  it('reports a line of invalid UTF-8 instead of decoding it into replacement characters', () => {
    const file = join(tmp, 'latin1.jsonl');
    writeFileSync(file, Buffer.concat([Buffer.from(`${good('ok', 'fine text here')}\n{"id":"x","text":"caf`), Buffer.from([0xe9]), Buffer.from('"}\n')]));
    const r = neardup(['scan', file, '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/line 2: not valid UTF-8; skipped/);
    expect((JSON.parse(r.stdout) as ScanJson).articles).toBe(1);
  });

  it('no progress bar or other noise on stderr when it is not a terminal, even for a large input', () => {
    const input = Array.from({ length: 260 }, (_, i) => good(i, `Article number ${i} says that item ${i * 7} costs ${i * 13} euros in town ${i % 17}.`)).join('\n');
    const r = neardup(['scan', '-', '--format', 'json'], input);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as ScanJson).articles).toBe(260);
  });
});

describe('neardup: bad usage exits 2 with one line on stderr', () => {
  const oneLine = (stderr: string) => {
    expect(stderr.endsWith('\n')).toBe(true);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.startsWith('neardup: ')).toBe(true);
  };

  it('a missing file', () => {
    const r = neardup(['scan', 'no/such/file.jsonl']);
    expect(r.status).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/^neardup: cannot read "no\/such\/file\.jsonl": no such file or directory; /);
    expect(r.stdout).toBe('');
  });

  it('an unknown flag, with a suggestion for a typo', () => {
    const r = neardup(['scan', 'fixtures/articles', '--bogus']);
    expect(r.status).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toBe("neardup: unknown option '--bogus'; see neardup scan --help\n");
    const typo = neardup(['scan', 'fixtures/articles', '--treshold', '0.4']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('Did you mean --threshold?');
  });

  it('a bad option value, an unknown format, an unknown command, a missing argument', () => {
    for (const args of [
      ['scan', 'fixtures/articles', '--threshold', '1.5'],
      ['scan', 'fixtures/articles', '--shingle-size', 'three'],
      ['scan', 'fixtures/articles', '--format', 'xml'],
      ['compare', A000, A001, '--date-a', 'yesterday'],
      ['frobnicate'],
      ['compare', A000],
    ]) {
      const r = neardup(args);
      expect(r.status, args.join(' ')).toBe(2);
      oneLine(r.stderr);
    }
    expect(neardup(['scan', 'fixtures/articles', '--threshold', '1.5']).stderr).toBe(
      'neardup: --threshold "1.5" is not valid: it must be a number between 0 and 1, e.g. 0.5; see neardup scan --help\n',
    );
  });

  it('binary input, and invalid UTF-8 given to compare', () => {
    const bin = join(tmp, 'blob.bin');
    writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3]));
    const r = neardup(['scan', bin]);
    expect(r.status).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toContain('it is binary, not text');
    const latin1 = join(tmp, 'latin1.txt');
    writeFileSync(latin1, Buffer.from('Caf\xe9 au lait.\n', 'latin1'));
    const c = neardup(['compare', A000, latin1]);
    expect(c.status).toBe(2);
    oneLine(c.stderr);
    expect(c.stderr).toContain('it is not valid UTF-8 text');
  });

  it('an output file that cannot be created', () => {
    const r = neardup(['scan', 'fixtures/articles', '-o', join(tmp, 'missing-dir', 'x.json')]);
    expect(r.status).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toContain('cannot write');
  });

  it('no command prints the help on stderr', () => {
    const r = neardup([]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Usage: neardup');
  });
});

describe('neardup --help and --version', () => {
  it.each([[[]], [['scan']], [['compare']], [['repeats']]])('%j --help', (args) => {
    const r = neardup([...args, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: neardup');
    expect(r.stdout).toContain('Exit status');
  });

  it('--version prints the package version', () => {
    const r = neardup(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
  });
});

describe('neardup compare', () => {
  it('table: relation, direction, coverage and Jaccard on top, then one row per aligned paragraph', () => {
    const r = neardup(['compare', A000, A001, '--format', 'table']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${ID001} is a rewrite of ${ID000}.`);
    expect(r.stdout).toMatch(/relation +derived \(rewrite\)/);
    expect(r.stdout).toMatch(/direction +b-from-a +B is the copy, A the original/);
    expect(r.stdout).toMatch(/coverage +A 78% · B \d+%/);
    expect(r.stdout).toMatch(/jaccard +0\.1\d\d/);
    expect(r.stdout).toMatch(/^ +1 +1 +reworded +0\.\d\d +TOKYO -- The European Union/m);
    expect(r.stdout).toContain('(15 paragraphs; ¶9–14 repeat ¶3–8)');
  });

  it('json: the Comparison with a summary and each side’s repeats', () => {
    const r = neardup(['compare', A000, A001, '--format', 'json']);
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout) as { relation: string; direction: string; summary: string; alignments: { a: { paragraph: number } }[]; repeats: { b: unknown[] } };
    expect(c).toMatchObject({ relation: 'derived', direction: 'b-from-a', summary: `${ID001} is a rewrite of ${ID000}` });
    expect(c.alignments.length).toBeGreaterThanOrEqual(7);
    expect(c.repeats.b).toEqual([expect.objectContaining({ first: { from: 2, to: 7 }, second: { from: 8, to: 13 } })]);
  });

  it('html -o: a report with both articles paragraph by paragraph', () => {
    const file = join(tmp, 'compare.html');
    const r = neardup(['compare', A000, A001, '-o', file]);
    expect(r.status).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html.match(/data-side="a" data-paragraph=/g)).toHaveLength(10);
    expect(html.match(/data-side="b" data-paragraph=/g)).toHaveLength(15);
  });

  it('reads one side from stdin', () => {
    const r = neardup(['compare', A000, '-', '--format', 'json'], readFileSync(A001));
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { relation: string }).relation).toBe('derived');
  });
});

describe('neardup repeats', () => {
  it('table: the block with paragraph numbers counted from 1 and its text', () => {
    const r = neardup(['repeats', A001, '--format', 'table']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${ID001}: 1 repeated block`);
    expect(r.stdout).toContain('¶9–14 repeat ¶3–8  (6 paragraphs, identical)');
    expect(r.stdout).toContain('¶9 = ¶3');
    expect(r.stdout).toContain('Neither Japan’s foreign ministry');
  });

  it('json: 0-based paragraphs and the text of each repeated paragraph', () => {
    const r = neardup(['repeats', A001]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { paragraphs: number; repeats: { first: object; second: object; texts: string[] }[] };
    expect(out.paragraphs).toBe(15);
    expect(out.repeats).toHaveLength(1);
    expect(out.repeats[0]).toMatchObject({ first: { from: 2, to: 7 }, second: { from: 8, to: 13 } });
    expect(out.repeats[0]!.texts).toHaveLength(6);
  });

  it('an article without repeats', () => {
    const r = neardup(['repeats', A000, '--format', 'table']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('0 repeated blocks');
  });
});
