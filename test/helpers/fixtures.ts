import { readFileSync, readdirSync } from 'node:fs';
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
