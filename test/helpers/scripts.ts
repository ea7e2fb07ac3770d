import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './fixtures.js';

/** One language of fixtures/scripts (UDHR extract, see fixtures/README.md). */
export interface ScriptFixture {
  readonly code: string;
  readonly lang: string;
  readonly script: string;
  readonly title: string;
  readonly preamble: readonly string[];
  readonly articles: readonly { readonly number: number; readonly heading: string; readonly paragraphs: readonly string[] }[];
}

export const SCRIPTS_DIR = join(ROOT, 'fixtures', 'scripts');

/** Every language of fixtures/scripts, by file name order. */
export function scriptFixtures(): ScriptFixture[] {
  return readdirSync(SCRIPTS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(SCRIPTS_DIR, f), 'utf8')) as ScriptFixture);
}

/** The texts of one language: each article (paragraphs one per line), and the preamble if any. */
export function articleTexts(f: ScriptFixture): string[] {
  const out = f.articles.map((a) => a.paragraphs.join('\n'));
  if (f.preamble.length > 0) out.push(f.preamble.join('\n'));
  return out;
}

/**
 * A longer text made of several paragraphs: the preamble, or (Amharic has none in the source)
 * articles 1–6, one paragraph each.
 */
export function longText(f: ScriptFixture): string[] {
  return f.preamble.length >= 5 ? [...f.preamble] : f.articles.slice(0, 6).map((a) => a.paragraphs.join(' '));
}

/**
 * An edited copy of `paragraphs`: the third paragraph dropped and the longest other one cut to
 * its first ~60% (at a character boundary), the rest unchanged.
 */
export function editedCopy(paragraphs: readonly string[]): string {
  const kept = paragraphs.filter((_, i) => i !== 2);
  let longest = 0;
  kept.forEach((p, i) => { if (p.length > kept[longest]!.length) longest = i; });
  const cut = [...kept[longest]!];
  kept[longest] = cut.slice(0, Math.ceil(cut.length * 0.6)).join('');
  return kept.join('\n\n');
}
