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
    expect(page).toContain('&lt;script&gt;window.pwned = 1&lt;/script&gt; &amp; &quot;quotes&quot; &#39;too&#39;');
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
    expect(html).toContain('000 <span class="badge">original</span>');
    expect(html).toContain('001 <span class="role">rewrite of the original</span>');
    expect(html).toContain('<a href="#pair-1">001 is a rewrite of 000</a>');
    expect(html).toContain('¶9–14 repeat ¶3–8');
    expect(html).toContain('id="pair-1-a-0"');
    expect(html).not.toContain('id="a-0"');
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
