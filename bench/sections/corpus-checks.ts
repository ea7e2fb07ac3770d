/**
 * Text-stage checks on the real corpora (they need ../shared/corpus, so they live here and not in
 * `npm test`, whose self-made corpus covers the same layouts): paragraph splitting on the
 * Reuters-21578 wire layout (hard-wrapped, indented paragraph starts) and on BBC's
 * one-paragraph-per-line files, offsets on every story, and the zero-allocation scanner against
 * `tokenize` token for token.
 */
import { readFileSync } from 'node:fs';
import { normalize, splitParagraphs, tokenize } from '../../src/index.js';
import { hashToken } from '../../src/sketch/hash.js';
import { HashBuffer, scanTokenHashes } from '../../src/sketch/scan.js';
import { row, type BenchContext, type SectionResult } from '../lib/types.js';

const SIGNOFF = /^ ?reuter\b/i;

/** Plain wire layout: no tables, lists, odd indents or over-long lines. */
function plainWire(text: string): boolean {
  const lines = text.split('\n');
  return lines.length >= 3 && !/^\s/.test(lines[0]!) && lines.every((l) =>
    SIGNOFF.test(l) || (!/^ {1,3}\S/.test(l) && !/^\s*[-*] /.test(l) && l.length <= 100 && !/\S {3,}\S/.test(l)));
}

/** Reuters-21578's TEXT TYPE of each story (NORM, BRIEF, UNPROC): only NORM stories have the plain layout. */
function textTypes(ctx: BenchContext): Map<string, string> {
  const out = new Map<string, string>();
  const info = ctx.corpora.find((c) => c.name === 'reuters21578');
  if (!info) return out;
  for (const line of readFileSync(info.path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const rec = JSON.parse(line) as { id?: unknown; text_type?: unknown };
    if (typeof rec.text_type === 'string') out.set(String(rec.id), rec.text_type);
  }
  return out;
}

/** Paragraphs the wire layout implies: 1 + indented lines, per blank-line block. */
function wireParagraphs(text: string): number {
  let want = 0;
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.split('\n').filter((l) => l.trim());
    if (lines.length > 0) want += 1 + lines.slice(1).filter((l) => l.startsWith('    ')).length;
  }
  return want;
}

export async function run(ctx: BenchContext): Promise<SectionResult> {
  const reuters = ctx.docs.filter((d) => d.corpus === 'reuters21578');
  const bbc = ctx.docs.filter((d) => d.corpus === 'bbc-news-2225');
  if (reuters.length + bbc.length === 0) {
    return { title: 'Corpus checks (skipped)', rows: [row('corpus checks', 'skipped', 'no ../shared/corpus')], notes: ['Needs ../shared/corpus/reuters21578 and bbc-news-2225.'], payload: null };
  }
  const types = textTypes(ctx);
  const wire = reuters.filter((d) => types.get(d.rawId) === 'NORM' && plainWire(d.text));
  const wireWrong = wire.filter((d) => splitParagraphs(d.text).length !== wireParagraphs(d.text)).map((d) => d.rawId);
  let badOffsets = 0;
  for (const d of ctx.docs) {
    for (const p of splitParagraphs(d.text)) if (d.text.slice(p.start, p.end) !== p.text || p.text.trim() !== p.text || p.text === '') badOffsets++;
  }
  const bbcWrong = bbc.filter((d) => {
    const want = d.text.split('\n').map((l) => l.trim()).filter(Boolean);
    const got = splitParagraphs(d.text).map((p) => p.text);
    return got.length !== want.length || got.some((p, k) => p !== want[k]);
  }).map((d) => d.rawId);
  let scannerWrong = 0;
  const out = new HashBuffer(64);
  for (const d of ctx.docs) {
    out.length = 0;
    scanTokenHashes(normalize(d.text), out);
    const want = tokenize(d.text).map(hashToken);
    if (want.length !== out.length || want.some((h, i) => h !== out.data[i])) scannerWrong++;
  }
  return {
    title: 'Corpus checks: paragraphs and tokens on the real corpora',
    rows: [
      row('Reuters plain-wire (NORM) stories whose paragraph count differs from the layout', wireWrong.length, `of ${wire.length}`, { op: '<=', value: 0, text: '0' }),
      row('BBC stories not split one paragraph per line', bbcWrong.length, `of ${bbc.length}`, { op: '<=', value: 0, text: '0' }),
      row('paragraphs whose offsets do not slice the text', badOffsets, 'paragraphs', { op: '<=', value: 0, text: '0' }),
      row('documents where the scanner and tokenize differ', scannerWrong, `of ${ctx.docs.length}`, { op: '<=', value: 0, text: '0' }),
    ],
    notes: ['`npm test` checks the same rules on a self-made corpus in each layout (test/helpers/corpus.ts); these rows check them on the real stories.'],
    payload: { wireWrong: wireWrong.slice(0, 50), bbcWrong: bbcWrong.slice(0, 50), badOffsets, scannerWrong },
  };
}
