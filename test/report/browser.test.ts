/**
 * The HTML report in a real browser (headless Chromium through playwright-core, never a
 * downloaded browser): both articles render, the aligned and repeated paragraphs are marked,
 * every link lands on an element, article text cannot run as script; and a screenshot.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compare, findRepeats, renderComparisonHtml, renderScanHtml } from '../../src/index.js';
import { fixture, ROOT } from '../helpers/fixtures.js';
import { quantizePng } from './png.js';

// Globals of the page, for the callbacks that run inside the browser (the project has no DOM lib).
declare const document: { getElementById(id: string): unknown };
declare const location: { hash: string };
declare const window: unknown;
declare function getComputedStyle(el: unknown): { borderLeftColor: string; outlineStyle: string };

const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
if (!CHROMIUM && !process.env.CI) {
  console.warn('Skipping the browser tests of the HTML report: no Chromium binary (install the Debian package `chromium`, or set CHROMIUM_PATH).');
}
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SCREENSHOT = join(ROOT, 'test-artifacts', 'report-000-001.png');
const DOCS_SCREENSHOT = join(ROOT, 'docs', 'report-000-001.png');

describe.skipIf(!CHROMIUM && !process.env.CI)('HTML report in headless Chromium', () => {
  let context: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    if (!CHROMIUM) throw new Error('CI is set but no Chromium binary was found; install the Debian package `chromium` or set CHROMIUM_PATH');
    profile = mkdtempSync(join(tmpdir(), 'neardup-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1200, height: 900 },
      offline: true,
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function open(html: string): Promise<Page> {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return page;
  }

  /** Every in-page link and whether its target exists. */
  function brokenLinks(page: Page): Promise<string[]> {
    return page.$$eval('a[href^="#"]', (links) =>
      links.map((a) => a.getAttribute('href')!).filter((href) => !document.getElementById(href.slice(1))),
    );
  }

  it('000 ↔ 001: both articles, aligned paragraphs linked both ways, 001’s repeated block marked; screenshot', async () => {
    const wire = fixture('000');
    const rewrite = fixture('001');
    const c = compare(wire, rewrite);
    const page = await open(renderComparisonHtml({ id: '000', text: wire }, { id: '001', text: rewrite }, c));

    expect(await page.locator('h1').innerText()).toBe('001 is a rewrite of 000');
    expect(await page.locator('[data-side="a"][data-paragraph]').count()).toBe(10);
    expect(await page.locator('[data-side="b"][data-paragraph]').count()).toBe(15);
    expect(await page.locator('[data-side="a"].aligned').count()).toBe(c.alignments.length);
    expect(await page.locator('[data-side="b"].aligned').count()).toBe(c.alignments.length);

    // Each aligned paragraph links to its counterpart, and the counterpart links back.
    for (const x of c.alignments) {
      const a = page.locator(`#a-${x.a.paragraph}`);
      const b = page.locator(`#b-${x.b.paragraph}`);
      expect(await a.getAttribute('data-kind')).toBe(x.kind);
      expect(await a.locator(`a[href="#b-${x.b.paragraph}"]`).count()).toBe(1);
      expect(await b.locator(`a[href="#a-${x.a.paragraph}"]`).count()).toBe(1);
    }
    expect(await brokenLinks(page)).toEqual([]);

    // 001's paragraphs 8–13 (0-based) repeat 2–7: six marked blocks, each linked to its first print.
    const repeated = await page.$$eval('[data-side="b"].repeated', (els) => els.map((el) => Number(el.getAttribute('data-paragraph'))));
    expect(repeated).toEqual([8, 9, 10, 11, 12, 13]);
    expect(await page.locator('#b-8 a.repeat-link').getAttribute('href')).toBe('#b-2');
    expect(await page.locator('[data-side="a"].repeated').count()).toBe(0);

    // The kinds differ in colour and carry a text label.
    const colours = await page.$$eval('.legend .swatch', (els) => els.map((el) => getComputedStyle(el).borderLeftColor));
    expect(new Set(colours).size).toBe(colours.length);
    expect(await page.locator('#a-0 .tag').innerText()).toBe('reworded');

    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
    const png = await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(png.length).toBeGreaterThan(10_000);
    if (process.env.NEARDUP_UPDATE_DOCS || !existsSync(DOCS_SCREENSHOT)) {
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      const small = quantizePng(png);
      expect(small.length).toBeLessThan(300_000);
      writeFileSync(DOCS_SCREENSHOT, small);
    }

    // Following a link scrolls to the counterpart and outlines it (:target).
    const first = c.alignments[0]!;
    await page.locator(`#a-${first.a.paragraph} a[href="#b-${first.b.paragraph}"]`).click();
    expect(await page.evaluate(() => location.hash)).toBe(`#b-${first.b.paragraph}`);
    expect(await page.locator(`#b-${first.b.paragraph}`).evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    await page.close();
  });

  it('article text cannot run: <script> and onerror in the text stay text', async () => {
    const evil = 'Breaking <script>window.pwned = 1</script> news\n<img src=x onerror="window.pwned = 2"> and "quotes"';
    const a = `${evil}\n${fixture('000')}`;
    const b = `${evil}\n${fixture('001')}`;
    const page = await open(renderComparisonHtml({ id: '<i>a</i>', text: a }, { id: 'b', text: b }, compare(a, b)));
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('script, img, i').count()).toBe(0);
    expect(await page.locator('#a-0').innerText()).toContain('Breaking <script>window.pwned = 1</script> news');
    expect(await page.locator('.colhead').innerText()).toContain('<i>a</i>');
    await page.close();
  });

  it('scan report: clusters, pairs table, repeats, one side-by-side section per pair, links resolve', async () => {
    const texts = new Map(['000', '001', '002'].map((id) => [id, fixture(id)]));
    const pairs = [
      { a: '001', b: '000', comparison: compare(texts.get('001')!, texts.get('000')!) },
      { a: '002', b: '000', comparison: compare(texts.get('002')!, texts.get('000')!) },
    ];
    const repeats = [...texts].flatMap(([id, text]) => findRepeats(text).map((r) => ({ id, ...r })));
    const page = await open(renderScanHtml({ articles: 3, clusters: [{ ids: ['000', '001'], canonical: '000', canonicalReason: 'earliest' }], pairs, repeats, texts }));
    expect(await page.locator('details.pair').count()).toBe(2);
    expect(await page.locator('#pairs + table tbody tr').count()).toBe(2);
    expect(await page.locator('#repeats + table tbody tr').count()).toBe(2);
    expect(await page.locator('#pair-1 h2').innerText()).toBe('1. 001 is a rewrite of 000');
    // the original on the left (side a), the copy with its repeated block on the right
    expect(await page.locator('#pair-1 [data-side="b"].repeated').count()).toBe(6);
    expect(await brokenLinks(page)).toEqual([]);
    await page.close();
  });
});
