/**
 * Template awareness with names and figures as the content of a templated item: dividend notices
 * and earnings tables of different companies (the same template, other figures) are not copies,
 * while a re-sent or corrected item (same figures, or one changed) still is, and a news story is
 * judged by its words, not by its few figures. Self-made texts only: templated items written here
 * (Reuters style, made-up companies) and test/helpers/corpus.ts stories.
 */
import { describe, expect, it } from 'vitest';
import { compare, Detector, type Match } from '../../src/index.js';
import { differingWords, figureChanges, figuresOf } from '../../src/detect/template-pair.js';
import { editedCopy, newsArticle } from '../helpers/corpus.js';

const LINKING = new Set(['duplicate', 'near-duplicate', 'derived']);
const COPY = new Set(['near-duplicate', 'derived']);
const SPELLED = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const MONTHS = ['March', 'April', 'May', 'June'];
const SYLLABLES = ['ka', 'lo', 'mi', 'ten', 'var', 'su', 'rel', 'dor', 'pi', 'an', 'qu', 'esh', 'to', 'bri', 'nal', 'ov'];

/** News style: numbers under ten spelled out. */
const num = (n: number): string => (n < 10 ? SPELLED[n]! : String(n));
const linked = (ms: readonly Match[]): string[] => ms.filter((m) => COPY.has(m.relation)).map((m) => m.id);

/** A made-up company name, distinct for each i < 4096. */
function company(i: number): string {
  const name = SYLLABLES[i % 16]! + SYLLABLES[Math.floor(i / 16) % 16]! + SYLLABLES[Math.floor(i / 256) % 16]!;
  return `${name.charAt(0).toUpperCase()}${name.slice(1)} Industries Inc`;
}

/**
 * A regular quarterly dividend notice as the wire sends it: no company name in the body (it is in
 * the headline), the rate twice, pay and record dates. Notices i ≠ j differ in their rate.
 */
function notice(i: number, change: { record?: number } = {}): string {
  const cts = 2 + i;
  const month = MONTHS[i % 4]!;
  const record = change.record ?? 1 + ((i * 5) % 28);
  return `Qtly div ${num(cts)} cts vs ${num(cts)} cts prior\n    Pay ${MONTHS[(i + 1) % 4]} ${num(1 + ((i * 11) % 28))}\n    Record ${month} ${num(record)}\n Reuter`;
}

/**
 * An earnings table of company i (figures shifted by `k`, first revenue figure `revs`), with a
 * footnote: none, the company's full name, or a stock note on charges (with its own figures).
 */
function earnings(i: number, options: { k?: number; revs?: number; note?: 'name' | 'charges' } = {}): string {
  const k = options.k ?? 0;
  const f = (base: number): number => base + ((i * 37 + k * 101 + base * 13) % 89);
  const thousands = (n: number): string => n.toLocaleString('en-US');
  const lines = [
    `Shr profit ${num(1 + ((i + k) % 3))} cts vs loss ${f(10)} cts`,
    `    Net profit ${thousands(f(200) * 1013)} vs loss ${thousands(f(150) * 1009)}`,
    `    Revs ${options.revs ?? f(10)}.${i % 10} mln vs ${f(9)}.${(i + 3) % 10} mln`,
  ];
  if (options.note === 'name') lines.push(`    Note: Full name is ${company(i)}.`);
  if (options.note === 'charges') {
    lines.push(`    Note: Current qtr figures exclude losses from discontinued operations of ${thousands(f(300) * 1000)} dlrs, or ${num(f(2) % 10)} cts a share.`);
  }
  return `${lines.join('\n')}\n Reuter`;
}

describe('figures and names, as template matching reads them', () => {
  it('reads digits and spelled-out cardinals as the same figures, with thousands separators dropped', () => {
    const words = figuresOf({ norm: 'qtly div six cts vs six cts prior pay april one record march 13' });
    const digits = figuresOf({ norm: 'qtly div 6 cts vs 6 cts prior pay april 1 record march 13' });
    expect(words.length).toBe(4);
    expect([...words]).toEqual([...digits]);
    expect([...figuresOf({ norm: 'net 1,823,000 vs 1823000' })].every((h, _, all) => h === all[0])).toBe(true);
    expect(figuresOf({ norm: 'qtly div class b 1-1/2 cts' }).length).toBe(1);
  });

  it('counts a correction as one changed figure and another item as several', () => {
    const original = figuresOf({ norm: 'qtly div 12 cts vs 12 cts prior pay april 15 record march 31' });
    expect(figureChanges(original, figuresOf({ norm: 'qtly div 12 cts vs 12 cts prior pay april 15 record march 30' }))).toEqual({ smaller: 4, changed: 1 });
    expect(figureChanges(original, figuresOf({ norm: 'qtly div 14 cts vs 14 cts prior pay april 15 record march 31' }))).toEqual({ smaller: 4, changed: 2 });
  });

  it('takes a capitalized word for a name, but not the field label opening a table line', () => {
    expect(differingWords('Shares of Acme rose 5 pct.', 'Shares of Bolt rose 7 pct.')).toEqual({ words: 4, numbers: 2, names: 2 });
    expect(differingWords('Qtly div 35 cts\n    Pay April one\n    Revs 2 mln', 'Qtly div 35 cts\n    Payable April One\n    Rev 2 mln')).toEqual({ words: 4, numbers: 0, names: 0 });
  });
});

describe('template awareness: names and figures are the content', () => {
  it('links no two dividend notices of different companies, whether the archive is young or has learned the template', async () => {
    // on their own, two notices look like copies of each other: only the archive tells the template
    expect(COPY.has(compare(notice(40), notice(41)).relation)).toBe(true);
    const d = new Detector();
    let across = 0;
    for (let i = 0; i < 120; i++) {
      const matches = await d.add({ id: `n-${i}`, text: notice(i), publishedAt: Date.UTC(2024, 0, 1, 0, i) });
      if (i >= 30) across += linked(matches).length;
    }
    expect(across).toBe(0);
    // nor does any cluster join two companies, pairs linked while the template was young included
    const clusters = await d.clusters();
    expect(clusters.filter((c) => c.ids.length > 1)).toEqual([]);
  });

  it('still links a notice re-sent (a duplicate) or corrected in one figure (a copy), and clusters it with the original only', async () => {
    const d = new Detector();
    for (let i = 0; i < 120; i++) await d.add({ id: `n-${i}`, text: notice(i), publishedAt: Date.UTC(2024, 0, 1, 0, i) });
    expect(notice(80, { record: 3 })).not.toBe(notice(80));
    const resent = await d.process({ id: 'n-5-again', text: notice(5), publishedAt: Date.UTC(2024, 0, 2) });
    expect(resent).toMatchObject({ verdict: 'duplicate', of: 'n-5' });
    // record date 2 → 3: every phrase of the notice is common in this archive, only the figures tell
    const corrected = await d.process({ id: 'n-80-corrected', text: notice(80, { record: 3 }), publishedAt: Date.UTC(2024, 0, 2) });
    expect(COPY.has(corrected.verdict)).toBe(true);
    expect(corrected.of).toBe('n-80');
    expect(linked(corrected.matches)).toEqual(['n-80']);
    expect((await d.clusterOf('n-80'))?.ids).toEqual(['n-80', 'n-80-corrected']);
  });

  for (const note of [undefined, 'charges'] as const) {
    it(`links no two earnings tables of different companies (${note ? 'with a stock footnote' : 'aligned as rewrites'}, other figures), yet a corrected table is a copy`, async () => {
      expect(COPY.has(compare(earnings(20, { note }), earnings(21, { note })).relation)).toBe(true);
      const d = new Detector();
      let across = 0;
      for (let i = 0; i < 60; i++) {
        const matches = await d.add({ id: `e-${i}`, text: earnings(i, { note }), publishedAt: Date.UTC(2024, 1, 1, i) });
        if (i >= 20) across += linked(matches).length;
      }
      expect(across).toBe(0);
      expect((await d.clusters()).filter((c) => c.ids.length > 1)).toEqual([]);
      const corrected = await d.match({ text: earnings(17, { note, revs: 999 }) });
      expect(linked(corrected)).toEqual(['e-17']);
    });
  }

  it('does not take two reports of one company for copies when all they share is the note naming it', async () => {
    expect(COPY.has(compare(earnings(7, { note: 'name' }), earnings(7, { note: 'name', k: 5 })).relation)).toBe(true);
    const d = new Detector();
    for (let i = 0; i < 40; i++) await d.add({ id: `e-${i}`, text: earnings(i, { note: 'name' }), publishedAt: Date.UTC(2024, 1, 1, i) });
    // the next quarter of company 7: its name note again, every figure new
    const next = await d.process({ id: 'e-7-next', text: earnings(7, { note: 'name', k: 5 }), publishedAt: Date.UTC(2024, 4, 1) });
    expect(linked(next.matches)).toEqual([]);
    expect(await d.clusterOf('e-7-next')).toBeUndefined();
  });

  it('judges a news story by its words: a copy that updates or spells out its figures stays a copy', async () => {
    const story = newsArticle(41);
    const d = new Detector();
    for (let i = 0; i < 30; i++) await d.add({ id: `s-${i}`, text: newsArticle(600 + i).text });
    await d.add({ id: 'wire', text: story.text });
    let n = 0;
    const updated = editedCopy(story, 3, 0.02).text.replace(/\d+/g, (m) => String(Number(m) + 1 + (n++ % 7)));
    expect(updated).not.toBe(editedCopy(story, 3, 0.02).text);
    expect(figureChanges(figuresOf({ norm: updated }), figuresOf({ norm: story.text })).changed).toBeGreaterThan(2);
    const matches = await d.match(updated);
    expect(matches[0]).toMatchObject({ id: 'wire' });
    expect(LINKING.has(matches[0]!.relation)).toBe(true);
  });
});
