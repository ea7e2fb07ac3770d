/**
 * Writing systems (issue 13): English signing speed against the previous token path (frozen in
 * bench/lib/previous-tokens.ts) in the same run, how many corpus documents tokenize differently,
 * signing speed in other scripts (the UDHR fixtures made into article-sized texts), and the
 * figures behind the choice of character trigrams over Intl.Segmenter words for scripts without
 * spaces.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MinHasher, normalize } from '../../src/index.js';
import { HashBuffer, scanSimpleTokenHashes, scanTokenHashes } from '../../src/sketch/scan.js';
import { distinctSorted, wordShingles } from '../../src/sketch/shingle.js';
import type { DenseTokens } from '../../src/text/segment.js';
import { ROOT } from '../lib/corpus.js';
import { currentFullPath, previousFullPath, signWith, tokenHashesWith } from '../lib/previous-tokens.js';
import { perSecond, timeRoundRobin, type Work } from '../lib/timing.js';
import { row, type BenchContext, type Row, type SectionResult } from '../lib/types.js';

interface Udhr {
  readonly code: string;
  readonly script: string;
  readonly preamble: readonly string[];
  readonly articles: readonly { readonly paragraphs: readonly string[] }[];
}

/** Languages timed for signing speed; and those written without spaces, for the choice. */
const TIMED = ['cmn_hans', 'jpn', 'kor', 'tha', 'arb', 'hin', 'ell_monotonic', 'rus'];
const DENSE = ['cmn_hans', 'jpn', 'tha', 'khm', 'mya', 'lao'];
const MODES: readonly DenseTokens[] = [1, 2, 3, 'words'];
const modeName = (m: DenseTokens): string => (m === 'words' ? 'ICU words' : `${m}-char tokens`);
/** Article-sized texts: the whole extract of a language, repeated to at least this many characters. */
const ARTICLE_CHARS = 3000;
/** Shingle Jaccard at which alignment calls two paragraphs a rewrite (DEFAULT_ALIGN_OPTIONS). */
const REWRITE_JACCARD = 0.08;

function loadUdhr(): Map<string, Udhr> {
  const dir = join(ROOT, 'fixtures', 'scripts');
  const out = new Map<string, Udhr>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const d = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Udhr;
    out.set(d.code, d);
  }
  return out;
}

const texts = (d: Udhr): string[] => [...d.articles.map((a) => a.paragraphs.join('\n')), ...(d.preamble.length ? [d.preamble.join('\n')] : [])];

function articleSized(d: Udhr): string {
  const all = [...d.preamble, ...d.articles.flatMap((a) => a.paragraphs)].join('\n\n');
  let text = all;
  while (text.length < ARTICLE_CHARS) text += `\n\n${all}`;
  return text;
}

const tokenBuffer = new HashBuffer(4096);
const shingleBuffer = new HashBuffer(4096);

/** Distinct word 3-shingles of `text` with scripts without spaces cut by `mode`. */
function shingleSet(text: string, mode: DenseTokens): Uint32Array {
  tokenBuffer.length = 0;
  scanTokenHashes(normalize(text), tokenBuffer, 0, undefined, mode);
  shingleBuffer.length = 0;
  const n = wordShingles(tokenBuffer.data, tokenBuffer.length, 3, 1, shingleBuffer);
  return distinctSorted(shingleBuffer.data.slice(0, n));
}

function jaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0, j = 0, shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { shared++; i++; j++; } else if (a[i]! < b[j]!) i++; else j++;
  }
  const union = a.length + b.length - shared;
  return union === 0 ? 0 : shared / union;
}

/** A paragraph with two characters in its middle replaced: a light edit. */
function edited(p: string, other: string): string {
  const chars = [...p];
  const m = Math.floor(chars.length / 2);
  return [...chars.slice(0, m), ...[...other].slice(3, 5), ...chars.slice(m + 2)].join('');
}

export async function run(ctx: BenchContext): Promise<SectionResult> {
  const udhr = loadUdhr();
  const hasher: MinHasher = ctx.hasher;
  const english = ctx.docs;
  const englishChars = english.reduce((s, d) => s + d.text.length, 0);

  // English: today's sign vs the previous token path, round-robin in one run
  // ABBA order (previous, today, today, previous): the slot a contender runs in moves its time by
  // ±10% on this machine, and the ratio of the summed medians cancels that and any linear drift.
  const signEnglish = (fallback: (text: string, out: HashBuffer) => void): Work => () => {
    let x = 0;
    for (const d of english) x ^= signWith(hasher, d.text, fallback).values[0]!;
    return x;
  };
  const scanEnglish = (fallback: (text: string, out: HashBuffer) => void): Work => () => {
    const out = new HashBuffer(4096);
    for (const d of english) { out.length = 0; fallback(d.text, out); }
    return out.length;
  };
  const contenders: Record<string, Work> = {
    'previous:1': signEnglish(previousFullPath),
    'current:1': signEnglish(currentFullPath),
    'current:2': signEnglish(currentFullPath),
    'previous:2': signEnglish(previousFullPath),
    sign: () => { let x = 0; for (const d of english) x ^= hasher.sign(d.text).values[0]!; return x; },
    'previousFull:1': scanEnglish(previousFullPath),
    'currentFull:1': scanEnglish(currentFullPath),
    'currentFull:2': scanEnglish(currentFullPath),
    'previousFull:2': scanEnglish(previousFullPath),
  };
  const samples = new Map(TIMED.map((code) => [code, articleSized(udhr.get(code)!)]));
  const REPEAT = 40;
  for (const [code, text] of samples) {
    contenders[`sign:${code}`] = () => { let x = 0; for (let r = 0; r < REPEAT; r++) x ^= hasher.sign(text).values[0]!; return x; };
  }
  const denseSamples = new Map(DENSE.map((code) => [code, articleSized(udhr.get(code)!)]));
  for (const [code, text] of denseSamples) {
    for (const mode of MODES) contenders[`shingle:${code}:${mode}`] = () => shingleSet(text, mode).length;
  }
  ctx.log(`writing systems: ${english.length} English docs, ${samples.size} scripts, ${denseSamples.size} × ${MODES.length} segmentations, ${ctx.scale.runs} runs`);
  const t = await timeRoundRobin(contenders, ctx.scale.runs);
  const abba = (name: string): number => t[`${name}:1`]!.medianMs + t[`${name}:2`]!.medianMs;
  const current = (2 * english.length) / (abba('current') / 1000);
  const previous = (2 * english.length) / (abba('previous') / 1000);
  const fullRatio = abba('previousFull') / abba('currentFull');
  const sign = perSecond(english.length, t.sign!);

  // English tokens that changed, and how many documents leave the ASCII fast path
  let changed = 0;
  let slowDocs = 0;
  const out = new HashBuffer(1024);
  for (const d of english) {
    out.length = 0;
    if (scanSimpleTokenHashes(d.text, out) < 0) slowDocs++;
    out.length = 0;
    scanTokenHashes(normalize(d.text), out);
    const before = tokenHashesWith(d.text, previousFullPath);
    if (before.length !== out.length || before.some((h, i) => h !== out.data[i])) changed++;
  }

  const speedRows = [...samples].map(([code, text]) => {
    const docs = perSecond(REPEAT, t[`sign:${code}`]!);
    return [code, udhr.get(code)!.script, text.length, Math.round(docs), Math.round((docs * text.length) / 1000)];
  });
  const englishKChars = Math.round((sign * englishChars) / english.length / 1000);

  // The segmentation choice: separation of different texts, robustness to a light edit, speed
  const choice: (string | number)[][] = [];
  const totals = new Map<DenseTokens, { over: number; pairs: number; edit: number; n: number; mean: number }>();
  for (const code of DENSE) {
    const d = udhr.get(code)!;
    const docs = texts(d);
    const paragraphs = [...d.preamble, ...d.articles.flatMap((a) => a.paragraphs)];
    for (const mode of MODES) {
      const sets = docs.map((x) => shingleSet(x, mode));
      let max = 0, sum = 0, pairs = 0;
      for (let i = 0; i < sets.length; i++) for (let j = i + 1; j < sets.length; j++) { const x = jaccard(sets[i]!, sets[j]!); max = Math.max(max, x); sum += x; pairs++; }
      const psets = paragraphs.map((x) => shingleSet(x, mode));
      let over = 0, ppairs = 0;
      for (let i = 0; i < psets.length; i++) for (let j = i + 1; j < psets.length; j++) { ppairs++; if (jaccard(psets[i]!, psets[j]!) >= REWRITE_JACCARD) over++; }
      let edit = 0;
      paragraphs.forEach((p, i) => { edit += jaccard(psets[i]!, shingleSet(edited(p, paragraphs[(i + 1) % paragraphs.length]!), mode)); });
      const speed = denseSamples.get(code)!.length / t[`shingle:${code}:${mode}`]!.medianMs;
      choice.push([code, modeName(mode), (sum / pairs).toFixed(3), max.toFixed(3), `${over}/${ppairs}`, (edit / paragraphs.length).toFixed(3), Math.round(speed)]);
      const tot = totals.get(mode) ?? { over: 0, pairs: 0, edit: 0, n: 0, mean: 0 };
      tot.over += over; tot.pairs += ppairs; tot.edit += edit; tot.n += paragraphs.length; tot.mean += sum / pairs;
      totals.set(mode, tot);
    }
  }
  const summary = MODES.map((m) => {
    const s = totals.get(m)!;
    return [modeName(m), (s.mean / DENSE.length).toFixed(3), `${s.over}/${s.pairs}`, (s.edit / s.n).toFixed(3)];
  });
  const speedOf = (m: DenseTokens): number => DENSE.reduce((s, code) => s + denseSamples.get(code)!.length / t[`shingle:${code}:${m}`]!.medianMs, 0) / DENSE.length;

  const rows: Row[] = [
    row('English signing, today’s token path', current, 'docs/s'),
    row('English signing, previous token path (same run, same code around it)', previous, 'docs/s'),
    row('ratio today / previous (English corpus)', current / previous, '×', { op: '>=', value: 0.9, text: '≥ 0.9×' }),
    row('English signing, MinHasher.sign itself', sign, 'docs/s'),
    row('English docs taking the full path (not the ASCII fast path)', slowDocs, `of ${english.length}`),
    row('full path forced on every English doc (normalize + scan), today / previous', fullRatio, '×'),
    row('English corpus docs whose tokens changed', changed, `of ${english.length}`),
    row('English signing speed, characters', englishKChars, 'k chars/s'),
    ...speedRows.map((r) => row(`signing ${r[0]} (${r[1]}), ${r[2]}-char texts`, r[4] as number, 'k chars/s')),
    row('trigram tokens vs ICU words, mean shingling speed (6 scripts without spaces)', speedOf(3) / speedOf('words'), '×'),
  ];
  return {
    title: 'Writing systems: English speed before/after, other scripts, segmentation choice',
    rows,
    tables: [
      { title: 'Signing in other scripts (UDHR extract repeated to article size)', columns: ['language', 'script', 'chars', 'docs/s', 'k chars/s'], rows: speedRows },
      { title: 'Scripts without spaces: tokens for a run (summary over zh, ja, th, km, my, lo)', columns: ['tokens', 'mean Jaccard, different texts', `paragraph pairs ≥ ${REWRITE_JACCARD} (a "rewrite")`, 'Jaccard after a 2-char edit'], rows: summary },
      { title: 'Scripts without spaces, per language', columns: ['language', 'tokens', 'mean Jaccard, different texts', 'max', `paragraph pairs ≥ ${REWRITE_JACCARD}`, 'Jaccard after a 2-char edit', 'shingling k chars/s'], rows: choice },
    ],
    notes: [
      `English ratio: today's token path (the unchanged ASCII fast path, else \`normalize\` and the code-point class scanner) against the one neardup had before issue 13 (the same fast path, else its normalization and natural-class scanner, frozen in bench/lib/previous-tokens.ts), each feeding the same shingling and MinHash through \`signShingles\` from one call site, timed round-robin in this run over the ${english.length.toLocaleString('en-US')} loaded documents; \`MinHasher.sign\` itself is timed beside them. ${slowDocs} of them leave the fast path, so the last row forces the full path on every document: what English text with accents or other non-ASCII letters pays. ${changed} document(s) tokenize differently from before (letters the old classes dropped: Greek µ, accents with \`foldDiacritics: false\`, other scripts).`,
      `Other scripts: the UDHR extract of each language (fixtures/scripts) joined and repeated to ≥ ${ARTICLE_CHARS} characters, signed ${REPEAT} times per run with the default hasher; English for comparison: ${englishKChars}k characters/s.`,
      'Segmentation: each language\'s preamble and ten articles are different texts; "mean Jaccard" is their mean pairwise word-3-shingle Jaccard (lower: fewer false links), the paragraph column counts paragraph pairs that alignment would call a rewrite, and the edit column the Jaccard of each paragraph with itself after two characters were replaced (higher: more robust). Trigram tokens (3-shingles over them are character 5-grams) separate different texts about as well as ICU dictionary words, keep more of a lightly edited paragraph, are faster, and do not depend on the ICU version of the Node that signs: neardup uses them.',
    ],
    payload: { english: { docs: english.length, current, previous, ratio: current / previous, fullRatio, slowDocs, changed }, speed: speedRows, choice, summary, timings: t },
  };
}
