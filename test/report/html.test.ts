import { describe, expect, it } from 'vitest';
import { compare, describePair, findRepeats, renderComparisonHtml, renderScanHtml } from '../../src/index.js';
import { escapeHtml } from '../../src/report/escape.js';
import { paragraphRange, percent } from '../../src/report/wording.js';
import { fixture } from '../helpers/fixtures.js';

const wire = fixture('000');
const rewrite = fixture('001');

describe('renderComparisonHtml (markup)', () => {
  const c = compare(wire, rewrite);
  const html = renderComparisonHtml({ id: '000', text: wire }, { id: '001', text: rewrite }, c);

  it('is one self-contained document: inline CSS, no script, no network, a CSP that forbids both', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('says what happened in plain words, with the numbers on top', () => {
    expect(html).toContain('<h1>001 is a rewrite of 000</h1>');
    expect(html).toContain('001 (B) <small>copies 000 (A), the original</small>');
    expect(html).toContain(`${percent(c.coverage.a)} <small>of 000 is in matching passages`);
    expect(html).toContain('B (001): ¶9–14 repeat ¶3–8');
  });

  it('one block per paragraph, aligned ones linked both ways', () => {
    expect(html.match(/data-side="a" data-paragraph=/g)).toHaveLength(10);
    expect(html.match(/data-side="b" data-paragraph=/g)).toHaveLength(15);
    for (const x of c.alignments) {
      expect(html).toMatch(new RegExp(`id="a-${x.a.paragraph}"[^>]*>.*?href="#b-${x.b.paragraph}"`));
      expect(html).toMatch(new RegExp(`id="b-${x.b.paragraph}"[^>]*>.*?href="#a-${x.a.paragraph}"`));
    }
  });

  it('escapes untrusted text and names', () => {
    const evil = 'Intro <script>window.pwned = 1</script> & "quotes" \'too\'\n<img src=x onerror="window.pwned = 2">';
    const page = renderComparisonHtml({ id: '<b>id</b>"', text: `${evil}\n${wire}` }, { id: 'x', text: `${evil}\n${rewrite}` }, compare(`${evil}\n${wire}`, `${evil}\n${rewrite}`));
    expect(page).not.toContain('<script>window');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<b>id</b>');
    expect(page.replace(/<\/?mark[^>]*>/g, '')).toContain('&lt;script&gt;window.pwned = 1&lt;/script&gt; &amp; &quot;quotes&quot; &#39;too&#39;');
    expect(escapeHtml('<a href="x">\'&')).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
  });

  it('marks aligned sentences inside a paragraph when sentences were the unit', () => {
    const long = (s: string) => `${s} ${'Filler words keep this paragraph long enough to be split into sentences by the aligner. '.repeat(20)}`;
    const a = `Headline here today.\n${long('The minister said the new bridge will open in March next year.')}`;
    const b = `Another headline.\n${long('The minister said the new bridge will open in March next year.')}`;
    const cs = compare(a, b);
    expect(cs.unit).toBe('sentence');
    const page = renderComparisonHtml({ text: a }, { text: b }, cs);
    expect(page).toMatch(/<mark class="m-(identical|near|rewrite)"/);
  });
});

describe('renderScanHtml (markup)', () => {
  it('lists clusters, pairs and repeats, and gives each pair a side-by-side view with unique anchors', () => {
    const c = compare(rewrite, wire);
    const html = renderScanHtml({
      articles: 2,
      clusters: [{ ids: ['000', '001'], canonical: '000', canonicalReason: 'earliest' }],
      pairs: [{ a: '001', b: '000', comparison: c }],
      repeats: findRepeats(rewrite).map((r) => ({ id: '001', ...r })),
      texts: new Map([
        ['000', wire],
        ['001', rewrite],
      ]),
    });
    expect(html).toContain('2 articles scanned: 1 cluster of copies, 1 pair sharing passages, 1 repeated block.');
    expect(html).toContain('<b class="title">000</b> <span class="badge">original</span>');
    expect(html).toContain('<b class="title">001</b> <span class="role"><a href="#pair-1">rewrite of the original</a></span>');
    expect(html).toContain('<a href="#pair-1">001 is a rewrite of 000</a>');
    expect(html).toContain('¶9–14 repeat ¶3–8');
    expect(html).toContain('id="pair-1-a-0"');
    expect(html).not.toContain('id="a-0"');
    // the original (000) on the left, as in the compare report
    expect(html).toMatch(/<div class="row colhead"><div class="cell a"><span class="role-original">Original<\/span> · 000 <small>/);
  });

  it('says so when nothing was found', () => {
    const html = renderScanHtml({ articles: 3, clusters: [], pairs: [], repeats: [] });
    expect(html).toContain('No article copies or rewrites another.');
    expect(html).toContain('No two articles share a passage.');
    expect(html).toContain('No article repeats a paragraph.');
  });
});

describe('wording', () => {
  it('names the copy and the original in plain words', () => {
    expect(describePair({ a: 'A', b: 'B', relation: 'derived', direction: 'b-from-a', alignments: [{ kind: 'rewrite' }] })).toBe('B is a rewrite of A');
    expect(describePair({ a: 'A', b: 'B', relation: 'derived', direction: 'a-from-b', alignments: [{ kind: 'identical' }] })).toBe('A copies passages of B');
    expect(describePair({ a: 'A', b: 'B', relation: 'near-duplicate', direction: 'a-from-b' })).toBe('A is a lightly edited copy of B');
    expect(describePair({ a: 'A', b: 'B', relation: 'duplicate', direction: null })).toBe('A and B are the same text');
    expect(describePair({ a: 'A', b: 'B', relation: 'derived', direction: null })).toContain('which came first is unclear');
    expect(describePair({ a: 'A', b: 'B', relation: 'unrelated', direction: null })).toBe('A and B share no passages');
    expect(paragraphRange(2, 7)).toBe('¶3–8');
    expect(paragraphRange(0)).toBe('¶1');
    expect(percent(0.7786)).toBe('78%');
    expect(percent(0.001)).toBe('<1%');
  });
});

describe('reports an editor reads', () => {
  const c = compare(rewrite, wire);
  const texts = new Map([
    ['000', wire],
    ['001', rewrite],
  ]);
  const info = new Map([
    ['000', { title: 'EU & Japan <sign> pact', source: 'Reuters', url: 'https://example.com/a?x=1&y=2', publishedAt: Date.UTC(2024, 5, 23) }],
    ['001', { title: 'Japan, EU to deepen ties', source: 'Daily "Site"', url: 'javascript:alert(1)', publishedAt: Date.UTC(2024, 5, 24) }],
  ]);
  const html = renderScanHtml({ articles: 2, clusters: [{ ids: ['000', '001'], canonical: '000', canonicalReason: 'earliest' }], pairs: [{ a: '001', b: '000', comparison: c }], repeats: [], texts, info });

  it('headings show the title and source; only http(s) URLs are links', () => {
    expect(html).toContain('<b class="title">EU &amp; Japan &lt;sign&gt; pact</b> <span class="byline">Reuters · 2024-06-23 · 000 <a class="ext" href="https://example.com/a?x=1&amp;y=2"');
    expect(html).toContain('Daily &quot;Site&quot; · 2024-06-24 · 001');
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('<span class="unsafe-url"');
  });

  it('says why 001 is the copy, in words', () => {
    expect(html).toContain('Japan, EU to deepen ties credits Reuters (&quot;Source: Reuters&quot;, ¶15); EU &amp; Japan &lt;sign&gt; pact credits no wire service');
    expect(html).toMatch(/\d+ matching paragraphs \(all reworded, all in order\); covering/);
  });

  it('one inline script, allowed by its hash in the CSP; no network', async () => {
    const { createHash } = await import('node:crypto');
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0]!).digest('base64');
    expect(html).toContain(`content="default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<script[^>]+src=|<link|@import|url\(/i);
  });

  it('charts: a cluster-size bar chart and the cluster timeline, as inline SVG with escaped labels', () => {
    expect(html).toMatch(/<svg class="chart sizes" role="img" aria-label="Cluster sizes: 1 of 2/);
    expect(html).toMatch(/<svg class="chart timeline"[^>]*aria-label="Timeline: Reuters 2024-06-23 00:00; Daily &quot;Site&quot; 2024-06-24 00:00"/);
  });

  it('shared phrases are marked on both sides with their offsets', () => {
    const marks = [...html.matchAll(/<mark class="m-\w+" data-s="(\d+)" data-e="(\d+)">([^<]*)<\/mark>/g)];
    expect(marks.length).toBeGreaterThan(10);
    for (const [, s, e, inner] of marks) {
      const text = [wire, rewrite].find((t) => escapeHtml(t.slice(Number(s), Number(e))) === inner);
      expect(text, inner).toBeDefined();
    }
  });

  it('the comparison report puts the original on the left, whichever order it was given in', () => {
    const page = renderComparisonHtml({ id: '001', text: rewrite }, { id: '000', text: wire }, compare(rewrite, wire));
    expect(page).toMatch(/<div class="row colhead"><div class="cell a"><span class="role-original">Original<\/span> · 000/);
    expect(page).toContain('<h1>001 is a rewrite of 000</h1>');
  });

  it('cluster roles read as English', () => {
    const related = compare(fixture('002'), wire);
    expect(related.relation).toBe('related');
    const page = renderScanHtml({ articles: 2, clusters: [{ ids: ['000', '002'], canonical: '000', canonicalReason: 'earliest' }], pairs: [{ a: '002', b: '000', comparison: related }], repeats: [] });
    expect(page).toContain('shares passages with the original');
    expect(page).not.toContain('related of');
  });
});
