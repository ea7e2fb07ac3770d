/**
 * The scan report at archive scale in headless Chromium (playwright-core, Debian's chromium): a
 * few thousand self-made articles with titles, sources, dates and links (some hostile). The page
 * loads and stays small (its load time is a bench target, `scan-report`, not timed here), the filters work without a server, the marked phrases are exactly the JSON
 * spans, only http(s) links are followed; a screenshot goes to docs/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Detector, findRepeats, renderScanHtml, type ScanPair, type ScanRepeat } from '../../src/index.js';
import { pairRecord } from '../../src/cli/format-json.js';
import type { ArticleInfo } from '../../src/report/scan-types.js';
import { newsCorpusWithCopies } from '../helpers/corpus.js';
import { ROOT } from '../helpers/fixtures.js';
import { quantizePng } from './png.js';

declare const performance: { getEntriesByType(type: string): { loadEventEnd: number; domContentLoadedEventEnd: number }[] };
declare const document: { querySelectorAll(s: string): ArrayLike<{ hidden: boolean }> };

const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const N = 3000;
const OUTLETS = ['Reuters', 'AP', 'Daily Planet', 'The "Quoted" & <Bold> Times', 'Harbour Post', 'Metro Wire'];
const DOCS_SCREENSHOT = join(ROOT, 'docs', 'report-scan.png');

describe.skipIf(!CHROMIUM && !process.env.CI)(`scan report of ${N} articles in headless Chromium`, () => {
  let context: BrowserContext;
  let profile: string;
  let page: Page;
  let file: string;
  let loadMs: number;
  const pairs: ScanPair[] = [];
  const texts = new Map<string, string>();
  const info = new Map<string, ArticleInfo>();

  beforeAll(async () => {
    if (!CHROMIUM) throw new Error('CI is set but no Chromium binary was found; install the Debian package `chromium` or set CHROMIUM_PATH');
    const corpus = newsCorpusWithCopies(N, 5);
    const detector = new Detector();
    const repeats: ScanRepeat[] = [];
    const base = Date.UTC(2026, 10, 1);
    for (const [i, d] of corpus.entries()) {
      const source = OUTLETS[i % OUTLETS.length]!;
      const url = i % 7 === 3 ? `javascript:alert(${i})` : i % 7 === 5 ? `data:text/html,<b>${i}</b>` : `https://news.example/${i}?a=1&b=2`;
      const lead = d.paragraphs[0]!.split(' - ');
      const title = `${(lead[1] ?? lead[0]!).split(' ').slice(0, 7).join(' ')} #${i}`;
      const publishedAt = base + i * 600_000;
      info.set(d.id, { title, source, url, publishedAt, words: d.text.split(/\s+/).length });
      texts.set(d.id, d.text);
      for (const m of await detector.add({ id: d.id, text: d.text, publishedAt, source, url, title })) pairs.push({ a: d.id, b: m.id, comparison: m.comparison });
      for (const r of findRepeats(d.text)) repeats.push({ id: d.id, ...r });
    }
    const html = renderScanHtml({ articles: N, clusters: await detector.clusters(), pairs, repeats, texts, info }, { title: `${N} synthetic articles` });
    const dir = mkdtempSync(join(tmpdir(), 'neardup-scan-html-'));
    file = join(dir, 'scan.html');
    writeFileSync(file, html);
    profile = mkdtempSync(join(tmpdir(), 'neardup-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 }, offline: true });
    page = await context.newPage();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    loadMs = await page.evaluate(() => performance.getEntriesByType('navigation')[0]!.loadEventEnd);
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('loads, at under 1 KB per article (the load time is measured by the bench, section scan-report)', () => {
    const bytes = statSync(file).size;
    console.log(`scan report of ${N} articles, ${pairs.length} pairs: ${(bytes / 1e6).toFixed(2)} MB, load ${loadMs.toFixed(0)} ms`);
    expect(pairs.length).toBeGreaterThan(N / 10);
    expect(loadMs).toBeGreaterThan(0); // the load event fired
    expect(bytes).toBeLessThan(N * 1024);
  });

  it('summary and cluster-size chart first; clusters largest first; side-by-side views closed until opened', async () => {
    const headings = await page.$$eval('h2[id]', (els) => els.map((el) => el.id));
    expect(headings.slice(0, 3)).toEqual(['clusters', 'pairs', 'repeats']);
    expect(await page.locator('header dl.summary').count()).toBe(1);
    expect(await page.locator('header svg.chart.sizes rect').count()).toBeGreaterThan(0);
    const sizes = await page.$$eval('details.cluster .size', (els) => els.map((el) => Number(el.textContent!.split(' ')[0])));
    expect(sizes.length).toBeGreaterThan(10);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]!).toBeLessThanOrEqual(sizes[i - 1]!);
    expect(await page.locator('details.pair[open]').count()).toBe(0);
    await page.locator('#pair-1 > summary').click();
    expect(await page.locator('#pair-1 .para').first().isVisible()).toBe(true);
  });

  it('filters by text, source and relation, with a count', async () => {
    const items = page.locator('[data-filter]');
    const total = await items.count();
    expect(await page.locator('#f-count').innerText()).toBe(`showing all ${total}`);
    // text: an article's title
    const title = info.get(pairs[0]!.a)!.title!;
    await page.fill('#f-text', title.toUpperCase());
    const shown = await page.$$eval('[data-filter]:not([hidden])', (els) => els.map((el) => el.getAttribute('data-search')!));
    expect(shown.length).toBeGreaterThan(0);
    for (const s of shown) expect(s).toContain(title.toLowerCase());
    expect(await page.locator('#f-count').innerText()).toBe(`showing ${shown.length} of ${total}`);
    await page.fill('#f-text', '');
    // source (with quotes and markup in its name)
    await page.selectOption('#f-source', 'The "Quoted" & <Bold> Times');
    const sources = await page.$$eval('[data-filter]:not([hidden])', (els) => els.map((el) => el.getAttribute('data-sources')!));
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) expect(s.split('|')).toContain('The "Quoted" & <Bold> Times');
    await page.selectOption('#f-source', '');
    // relation
    await page.selectOption('#f-relation', 'near-duplicate');
    const rels = await page.$$eval('#pairs + table tbody tr:not([hidden])', (els) => els.map((el) => el.getAttribute('data-relations')));
    expect(rels.length).toBeGreaterThan(0);
    expect(new Set(rels)).toEqual(new Set(['near-duplicate']));
    await page.selectOption('#f-relation', '');
    expect(await page.evaluate(() => Array.from(document.querySelectorAll('[data-filter]')).filter((el) => el.hidden).length)).toBe(0);
  });

  it('the marked phrases of a side-by-side view are exactly the JSON spans', async () => {
    for (const id of ['pair-1', 'pair-2', 'pair-3']) {
      const section = page.locator(`#${id}`);
      const left = (await section.getAttribute('data-left'))!;
      const right = (await section.getAttribute('data-right'))!;
      const p = pairs.find((q) => (q.a === left && q.b === right) || (q.a === right && q.b === left))!;
      const record = pairRecord(p, { text: (x) => texts.get(x), info }) as { alignments: { shared: { a: [number, number][]; b: [number, number][] } }[] };
      const json = (who: string) => {
        const side = p.a === who ? 'a' : 'b';
        return record.alignments.flatMap((x) => x.shared[side].map(([s, e]) => `${s}-${e}`)).sort();
      };
      for (const [side, who] of [['a', left], ['b', right]] as const) {
        const marks = await section.locator(`[data-side="${side}"] mark`).evaluateAll((els) =>
          els.map((el) => ({ span: `${el.getAttribute('data-s')}-${el.getAttribute('data-e')}`, text: el.textContent! })),
        );
        expect(marks.map((m) => m.span).sort()).toEqual(json(who));
        expect(marks.length).toBeGreaterThan(0);
        for (const m of marks) {
          const [s, e] = m.span.split('-').map(Number);
          expect(m.text).toBe(texts.get(who)!.slice(s, e));
        }
      }
    }
  });

  it('links are safe: javascript: and data: URLs are shown, not linked; every link is http(s) or in-page', async () => {
    const hrefs = await page.$$eval('a[href]', (els) => els.map((el) => el.getAttribute('href')!));
    expect(hrefs.length).toBeGreaterThan(100);
    for (const h of hrefs) expect(h).toMatch(/^(#|https?:\/\/)/);
    expect(await page.locator('.unsafe-url').count()).toBeGreaterThan(0);
    const broken = await page.$$eval('a[href^="#"]', (els) => els.map((el) => el.getAttribute('href')!).filter((h) => !(globalThis as unknown as { document: { getElementById(id: string): unknown } }).document.getElementById(h.slice(1))));
    expect(broken).toEqual([]);
  });

  it('screenshot of the top of the report (docs/report-scan.png)', async () => {
    await page.locator('#pair-1 > summary').scrollIntoViewIfNeeded();
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    const png = await page.screenshot({ fullPage: false });
    expect(png.length).toBeGreaterThan(10_000);
    if (process.env.NEARDUP_UPDATE_DOCS || !existsSync(DOCS_SCREENSHOT)) {
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      writeFileSync(DOCS_SCREENSHOT, quantizePng(png));
    }
  });
});
