/**
 * The CLI's reading aids (issue 16): article metadata in every format, --field mappings, shared
 * phrases and "why" in JSON, --top / --relation / --min-words / --hide-duplicates, and -o that
 * follows the extension for every command or refuses it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliPath, neardup } from './run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'neardup-flags-'));
const F = (n: string) => readFileSync(`fixtures/articles/${n}`, 'utf8');
const wire = F('000_a73051b759e3cab2.txt');
const rewrite = F('001_28d2f76ec5bfe934.txt');
const other = F('003_2f5da3526420caba.txt');
const A000 = 'fixtures/articles/000_a73051b759e3cab2.txt';
const A001 = 'fixtures/articles/001_28d2f76ec5bfe934.txt';

const articles = [
  { id: 'wire', text: wire, title: 'EU, Japan <agree> defence pact', source: 'Reuters', url: 'https://example.com/wire', publishedAt: '2024-06-23T08:00:00Z' },
  { id: 'site', text: rewrite, title: 'Japan and EU team up', source: 'Site "B"', url: 'javascript:alert(1)', publishedAt: '2024-06-24T09:00:00Z' },
  { id: 'o1', text: other, title: 'Another story', source: 'Wire C', publishedAt: '2024-11-01' },
  { id: 'o2', text: other, title: 'Another story (copy)', source: 'Outlet D', publishedAt: '2024-11-02' },
  { id: 'o3', text: other, title: 'Another story (copy 2)', source: 'Outlet E', publishedAt: '2024-11-03' },
  { id: 'b1', text: 'Blah blah blah.', source: 'Wire C', publishedAt: '2024-11-04' },
  { id: 'b2', text: 'Blah blah blah.', source: 'Wire C', publishedAt: '2024-11-05' },
];
const input = join(tmp, 'feed.jsonl');
writeFileSync(input, articles.map((a) => JSON.stringify(a)).join('\n') + '\n');

interface Pair {
  a: string;
  b: string;
  relation: string;
  copy: string | null;
  original: string | null;
  why: { reason: string | null; agency?: string; text?: string };
  meta?: { a: Record<string, string>; b: Record<string, string> };
  alignments: { a: { start: number; end: number }; b: { start: number; end: number }; shared: { a: [number, number][]; b: [number, number][] } }[];
}
interface Scan {
  summary: { articles: number; clusters: number; pairs: number; pairsByRelation: Record<string, number>; repeats: number };
  clusters: { ids: string[]; canonical: string; size: number; members: { id: string; role: string; title?: string; source?: string; url?: string; publishedAt?: string; exactCopies?: number }[] }[];
  pairs: Pair[];
  duplicates?: { original: string; count: number; copies: string[] }[];
  meta: ({ id: string } & Record<string, string>)[];
  repeats: { id: string }[];
}
const scanJson = (...flags: string[]): Scan => {
  const r = neardup(['scan', input, '-f', 'json', ...flags]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Scan;
};

beforeAll(() => {
  cliPath();
}, 120_000);

describe('article metadata in every format', () => {
  it('json: summary first; clusters largest first with members’ title, source, url, date; pairs with meta', () => {
    const out = scanJson();
    expect(Object.keys(out)[0]).toBe('summary');
    expect(out.summary).toMatchObject({ articles: 7, clusters: 2 }); // b1/b2 ('Blah blah blah.') are below the content floor
    expect(out.clusters.map((c) => c.size)).toEqual([3, 2]);
    expect(out.clusters[0]!.members[0]).toEqual({ id: 'o1', role: 'original', title: 'Another story', source: 'Wire C', publishedAt: '2024-11-01T00:00:00.000Z' });
    expect(out.clusters.map((c) => c.canonical)).toEqual(['o1', 'wire']);
    const site = out.clusters[1]!.members.find((m) => m.id === 'site')!;
    expect(site).toMatchObject({ role: 'rewrite of the original', title: 'Japan and EU team up', source: 'Site "B"', url: 'javascript:alert(1)' });
    expect(out.pairs.find((p) => p.a === 'site')!.meta).toBeUndefined(); // one table of articles instead
    expect(out.meta.find((m) => m.id === 'wire')).toEqual({ id: 'wire', title: 'EU, Japan <agree> defence pact', source: 'Reuters', url: 'https://example.com/wire', publishedAt: '2024-06-23T08:00:00.000Z' });
    expect(new Set(out.meta.map((m) => m.id))).toEqual(new Set(out.pairs.flatMap((p) => [p.a, p.b])));
  });

  it('jsonl: match lines carry meta, cluster lines carry members', () => {
    const r = neardup(['scan', input, '-f', 'jsonl']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const match = lines.find((l) => l.type === 'match' && l.a === 'site') as unknown as Pair;
    expect(match.meta!.a).toMatchObject({ title: 'Japan and EU team up', source: 'Site "B"' });
    expect(lines.find((l) => l.type === 'cluster')).toMatchObject({ canonical: 'o1', members: [{ id: 'o1', title: 'Another story' }, { id: 'o2' }, { id: 'o3' }] });
    expect(lines.at(-1)).toMatchObject({ type: 'summary', articles: 7, clusters: 2 });
  });

  it('table: titles, sources and dates in clusters and pairs, and why', () => {
    const r = neardup(['scan', input, '-f', 'table']);
    expect(r.status).toBe(0);
    const flat = r.stdout.replace(/\s+/g, ' ');
    expect(flat).toContain('Scanned 7 articles: 2 clusters of copies, 5 pairs sharing passages, 4 repeated blocks. pairs: 4 exact copies, 0 near-copies, 1 rewrite or partial copy, 0 related');
    expect(flat).toContain('"Another story" [o1] (Wire C, 2024-11-01) — original "Another story (copy)" [o2] (Outlet D, 2024-11-02) — exact copy of the original');
    expect(flat).toContain('"Japan and EU team up" [site] (Site "B", 2024-06-24 09:00 UTC) is a rewrite of "EU, Japan <agree> defence pact" [wire] (Reuters, 2024-06-23 08:00 UTC)');
    expect(flat).toContain('why: Japan and EU team up credits Reuters ("Source: Reuters", ¶15); EU, Japan <agree> defence pact credits no wire service');
  });

  it('html: titles and sources in headings, http(s) links only', () => {
    const file = join(tmp, 'scan.html');
    expect(neardup(['scan', input, '-o', file]).status).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<b class="title">EU, Japan &lt;agree&gt; defence pact</b> <span class="byline">Reuters · 2024-06-23 08:00 UTC · wire <a class="ext" href="https://example.com/wire"');
    expect(html).toContain('Site &quot;B&quot;');
    expect(html).not.toMatch(/href="javascript:/);
  });

  it('--field maps differently named JSONL keys; --meta may give titles', () => {
    const feed = join(tmp, 'renamed.jsonl');
    writeFileSync(feed, [
      JSON.stringify({ guid: 'x1', body: wire, headline: 'Wire story', date: '2024-06-23', outlet: 'Reuters' }),
      JSON.stringify({ guid: 'x2', body: rewrite, headline: 'Rewrite', date: '2024-06-24', outlet: 'Site' }),
    ].join('\n'));
    const r = neardup(['scan', feed, '-f', 'json', '--field', 'id=guid', '--field', 'text=body', '--field', 'title=headline', '--field', 'source=outlet', '--field', 'publishedAt=date']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as Scan;
    expect(out.clusters[0]!.members).toEqual([
      { id: 'x1', role: 'original', title: 'Wire story', source: 'Reuters', publishedAt: '2024-06-23T00:00:00.000Z' },
      { id: 'x2', role: 'rewrite of the original', title: 'Rewrite', source: 'Site', publishedAt: '2024-06-24T00:00:00.000Z' },
    ]);
    const bad = neardup(['scan', feed, '--field', 'headline']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--field "headline" is not valid: give FIELD=KEY, e\.g\. --field title=headline/);
    expect(neardup(['scan', feed, '--field', 'colour=x']).status).toBe(2);

    const meta = join(tmp, 'meta.json');
    writeFileSync(meta, JSON.stringify({ articles: [{ file: '000_a73051b759e3cab2.txt', title: 'From meta', source: 'Reuters' }] }));
    const m = JSON.parse(neardup(['scan', 'fixtures/articles', '-f', 'json', '--meta', meta]).stdout) as Scan;
    expect(m.clusters[0]!.members[0]).toMatchObject({ id: '000_a73051b759e3cab2', title: 'From meta', source: 'Reuters' });
  });
});

describe('shared phrases and why, in JSON', () => {
  it('every alignment gives the shared phrases as offsets into each original text, the same words on both sides', () => {
    const out = scanJson();
    const pair = out.pairs.find((p) => p.a === 'site' && p.b === 'wire')!;
    const words = (s: string) => (s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
    let n = 0;
    for (const x of pair.alignments) {
      const bText = words(x.shared.b.map(([s, e]) => wire.slice(s, e)).join(' | '));
      for (const [s, e] of x.shared.a) {
        expect(s >= x.a.start && e <= x.a.end).toBe(true);
        const phrase = words(rewrite.slice(s, e));
        expect(phrase.split(' ').length).toBeGreaterThanOrEqual(3);
        expect(bText).toContain(phrase.split(' ').slice(0, 3).join(' '));
        n++;
      }
    }
    expect(n).toBeGreaterThan(5);
  });

  it('why names the copy, the evidence (the Reuters credit) and the relation basis; copy/original null when unknown', () => {
    const out = scanJson();
    const pair = out.pairs.find((p) => p.a === 'site')!;
    expect(pair).toMatchObject({ copy: 'site', original: 'wire', why: { reason: 'credit', agency: 'Reuters' } });
    expect(pair.why.text).toBe('site credits Reuters ("Source: Reuters", ¶15); wire credits no wire service');
    const dup = out.pairs.find((p) => p.a === 'o2' && p.b === 'o1')!;
    expect(dup.relation).toBe('duplicate');
    expect(dup).toMatchObject({ copy: null, original: null });
    expect(dup.why).toEqual({ reason: null });
  });
});

describe('narrowing: --top, --relation, --min-words, --hide-duplicates', () => {
  it('--top N keeps the N largest clusters and N strongest pairs; the summary still counts all', () => {
    const all = scanJson();
    const top = scanJson('--top', '1');
    expect(top.clusters.map((c) => c.canonical)).toEqual(['o1']);
    expect(top.pairs).toHaveLength(1);
    expect(top.pairs[0]!.relation).toBe('duplicate');
    expect(top.summary).toMatchObject({ articles: 7, clusters: all.summary.clusters, pairs: all.summary.pairs });
    expect(neardup(['scan', input, '--top', '0']).status).toBe(2);
  });

  it('--relation keeps only pairs of the listed relations', () => {
    const out = scanJson('--relation', 'derived,related');
    expect(out.pairs.length).toBeGreaterThan(0);
    expect(new Set(out.pairs.map((p) => p.relation))).toEqual(new Set(['derived']));
    expect(scanJson('--relation', 'duplicate').pairs.every((p) => p.relation === 'duplicate')).toBe(true);
    const bad = neardup(['scan', input, '--relation', 'derived,copy']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--relation "derived,copy" is not valid');
  });

  it('--min-words leaves short articles out of clusters, pairs and repeats', () => {
    const out = scanJson('--min-words', '10');
    expect(out.clusters.map((c) => c.canonical)).toEqual(['o1', 'wire']);
    expect(out.pairs.some((p) => p.a.startsWith('b') || p.b.startsWith('b'))).toBe(false);
    expect(out.summary.articles).toBe(7);
  });

  it('--hide-duplicates folds exact copies into one line with a count, in json, table and html', () => {
    const out = scanJson('--hide-duplicates');
    expect(out.pairs.some((p) => p.relation === 'duplicate')).toBe(false);
    expect(out.duplicates).toEqual([
      { original: 'o1', count: 2, copies: ['o2', 'o3'] },
      { original: 'b1', count: 1, copies: ['b2'] },
    ]);
    expect(out.clusters[0]!.members).toEqual([expect.objectContaining({ id: 'o1', exactCopies: 2 })]);
    const table = neardup(['scan', input, '-f', 'table', '--hide-duplicates']).stdout;
    expect(table).toContain('"Another story" [o1] (Wire C, 2024-11-01) — original (+ 2 exact copies)');
    expect(table).toMatch(/Exact copies, folded[^\n]*\n {2}"Another story" \[o1\] \(Wire C, 2024-11-01\) and 2 exact copies: o2, o3/);
    const file = join(tmp, 'folded.html');
    expect(neardup(['scan', input, '--hide-duplicates', '-o', file]).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/<h2 id="exact-copies">Exact copies, folded<\/h2>.*<td class="num">2<\/td>/s);
  });
});

describe('-o follows the extension for every command, or refuses it', () => {
  it('repeats -o rep.html writes HTML; rep.jsonl one JSON line', () => {
    const html = join(tmp, 'rep.html');
    expect(neardup(['repeats', A001, '-o', html]).status).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).toContain('¶9–14 repeat ¶3–8');
    const jsonl = join(tmp, 'rep.jsonl');
    expect(neardup(['repeats', A001, '-o', jsonl]).status).toBe(0);
    const lines = readFileSync(jsonl, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ name: '001_28d2f76ec5bfe934', repeats: [{ paragraphs: 6 }] });
  });

  it('compare -o x.jsonl writes one JSON line, with why and shared phrases', () => {
    const file = join(tmp, 'x.jsonl');
    expect(neardup(['compare', A000, A001, '-o', file]).status).toBe(0);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!) as { relation: string; copy: string; why: { reason: string }; alignments: { shared: unknown }[] };
    expect(record).toMatchObject({ relation: 'derived', copy: '001_28d2f76ec5bfe934', original: '000_a73051b759e3cab2', why: { reason: 'credit' } });
    expect(record.alignments[0]!.shared).toBeDefined();
  });

  it('an extension that names no format, or one the command cannot write, is refused with the remedy', () => {
    const r = neardup(['scan', input, '-o', join(tmp, 'out.xyz')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot tell the output format from ".*out\.xyz"; name the file with one of \.html, \.htm, \.jsonl, \.ndjson, \.json, \.txt, or give --format/);
    const t = neardup(['compare', A000, A001, '-o', join(tmp, 'c.txt')]);
    expect(t.status).toBe(0);
    expect(readFileSync(join(tmp, 'c.txt'), 'utf8')).toContain('relation   derived');
    expect(neardup(['compare', A000, A001, '-o', join(tmp, 'c')]).status).toBe(2);
    expect(neardup(['compare', A000, A001, '-f', 'json', '-o', join(tmp, 'c')]).status).toBe(0); // an explicit --format wins
  });
});
