/**
 * The scan report at archive scale: `neardup scan` of the Reuters corpus (its own JSONL, with
 * titles and dates) written as HTML and JSON; the HTML page's size and its load time in headless
 * Chromium (navigation to the load event, median of 3 loads), and the JSON sizes with and without
 * --hide-duplicates. Needs dist/cli.cjs (npm run build) and Debian's chromium.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../lib/corpus.js';
import { median } from '../lib/timing.js';
import { row, type BenchContext, type Row, type SectionResult } from '../lib/types.js';

const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
const LOAD_TARGET_MS = 2000;

interface Run {
  readonly args: readonly string[];
  readonly ms: number;
  readonly bytes: number;
  readonly status: number | null;
}

function scan(cli: string, input: string, output: string, extra: readonly string[]): Run {
  const args = ['scan', input, '-o', output, '--no-progress', ...extra];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'ignore'] });
  const ms = performance.now() - t0;
  return { args: args.slice(2), ms, bytes: existsSync(output) ? statSync(output).size : 0, status: r.status };
}

async function loadTimes(file: string, times: number): Promise<number[]> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(os.tmpdir(), 'neardup-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM!,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    viewport: { width: 1280, height: 900 },
    offline: true,
  });
  try {
    const out: number[] = [];
    for (let k = 0; k < times; k++) {
      const page = await context.newPage();
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 300_000 });
      // runs in the page: its `performance` has navigation entries (the project has no DOM lib)
      out.push(await page.evaluate(() => (performance as unknown as { getEntriesByType(t: string): { loadEventEnd: number }[] }).getEntriesByType('navigation')[0]!.loadEventEnd));
      await page.close();
    }
    return out;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export async function run(ctx: BenchContext): Promise<SectionResult> {
  const title = 'Scan report at archive scale: HTML load time and JSON size (Reuters)';
  const cli = join(ROOT, 'dist', 'cli.cjs');
  const corpus = ctx.corpora.find((c) => c.name.startsWith('reuters'));
  const missing = !existsSync(cli) ? 'dist/cli.cjs is not built (npm run build)' : !corpus ? 'the Reuters corpus is not loaded' : undefined;
  if (missing) return { title, rows: [row('scan report', 'not run', missing)], notes: [`Not run: ${missing}.`], payload: { skipped: missing } };
  const dir = mkdtempSync(join(os.tmpdir(), 'neardup-bench-report-'));
  try {
    // the corpus's own records (id, text, title, date …), as many as the bench loaded
    const lines = readFileSync(corpus!.path, 'utf8').split('\n').filter((l) => l.trim() !== '').slice(0, corpus!.loaded);
    const input = join(dir, 'reuters.jsonl');
    writeFileSync(input, `${lines.join('\n')}\n`);
    ctx.log(`scan report: ${lines.length} Reuters stories → HTML, JSON, JSON --hide-duplicates`);
    const html = scan(cli, input, join(dir, 'scan.html'), []);
    const jsonAll = scan(cli, input, join(dir, 'scan.json'), []);
    const jsonFolded = scan(cli, input, join(dir, 'folded.json'), ['--hide-duplicates']);
    const jsonTop = scan(cli, input, join(dir, 'top.json'), ['--top', '100', '--relation', 'derived,near-duplicate']);
    const loads = CHROMIUM && html.status === 0 ? await loadTimes(join(dir, 'scan.html'), 3) : [];
    const load = loads.length ? median(loads) : Number.NaN;
    const rows: Row[] = [
      row(`HTML scan report of ${lines.length.toLocaleString('en-US')} stories, size`, html.bytes / 1e6, 'MB'),
      loads.length
        ? row('… load in headless Chromium (navigation → load event), median of 3', load, 'ms', { op: '<=', value: LOAD_TARGET_MS, text: `≤ ${LOAD_TARGET_MS} ms` })
        : row('… load in headless Chromium', 'not run', CHROMIUM ? `scan exited ${html.status}` : 'no chromium (apt-get install chromium)'),
      row('JSON report (every pair with alignments, shared phrases and why)', jsonAll.bytes / 1e6, 'MB'),
      row('… with --hide-duplicates (exact copies folded)', jsonFolded.bytes / 1e6, 'MB'),
      row('… with --top 100 --relation derived,near-duplicate', jsonTop.bytes / 1e6, 'MB'),
      row('scan to HTML, wall time of the process', html.ms / 1000, 's'),
      row('scan to JSON, wall time of the process', jsonAll.ms / 1000, 's'),
    ];
    return {
      title,
      rows,
      notes: [
        `\`node dist/cli.cjs scan <file> -o <out>\` on the first ${lines.length.toLocaleString('en-US')} records of ${corpus!.path.replace(/^.*\/shared\//, '../shared/')} as they are (their "title" and "date" fields become the report's headings and dates). The HTML page lists the 500 largest clusters (largest first, then most recent), the 1,000 strongest pairs and 50 side-by-side views in closed \`<details>\` elements, so its size stays bounded however large the archive; its one inline script (allowed by hash) filters by text, source and relation. Load time: a fresh page in headless Chromium (playwright-core, offline), \`performance.getEntriesByType('navigation')[0].loadEventEnd\`, median of ${loads.length || 3}: ${loads.map((x) => x.toFixed(0)).join(', ') || '–'} ms.`,
        `The JSON holds every pair (no --top): its size is dominated by the exact copies (Reuters' identical briefs form clusters of hundreds, and every member is paired with several others); --hide-duplicates folds them into one line per text.`,
      ],
      payload: { records: lines.length, html, jsonAll, jsonFolded, jsonTop, loads },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
