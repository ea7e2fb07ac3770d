import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const FIXTURES = join(ROOT, 'fixtures', 'articles');

/** The five fixture articles by id ('000' … '004'). */
export function fixtureTexts(): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of readdirSync(FIXTURES).sort()) {
    if (file.endsWith('.txt')) out.set(file.slice(0, 3), readFileSync(join(FIXTURES, file), 'utf8'));
  }
  return out;
}

export function fixture(id: string): string {
  const text = fixtureTexts().get(id);
  if (text === undefined) throw new Error(`no fixture ${id}`);
  return text;
}

export const REUTERS = join(ROOT, '..', 'shared', 'corpus', 'reuters21578', 'docs.jsonl');
export const BBC = join(ROOT, '..', 'shared', 'corpus', 'bbc-news-2225', 'docs.jsonl');

/** The first `limit` documents of a corpus JSONL file, or [] when the corpus is not beside the repo. */
export function corpusSample(path: string, limit: number): { id: string; text: string }[] {
  if (!existsSync(path)) return [];
  const out: { id: string; text: string }[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (out.length >= limit) break;
    if (!line) continue;
    const doc = JSON.parse(line) as { id: string | number; text: string };
    out.push({ id: String(doc.id), text: doc.text });
  }
  return out;
}
