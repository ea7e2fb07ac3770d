/**
 * Corpus loading: JSONL files with one `{"id": ..., "text": "..."}` record per line, read where
 * they lie (the shared corpora beside the repo by default, or any `--corpus` path). Nothing is
 * copied into the repo.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { tokenize } from '../../src/index.js';

/** Repository root (bench/lib/../..). */
export const ROOT = resolve(import.meta.dirname, '..', '..');

/** The shared corpora, relative to the repo: `../shared/corpus/<name>/docs.jsonl`. */
export const DEFAULT_CORPORA = [
  join(ROOT, '..', 'shared', 'corpus', 'reuters21578', 'docs.jsonl'),
  join(ROOT, '..', 'shared', 'corpus', 'bbc-news-2225', 'docs.jsonl'),
];

/** Documents with fewer words than this are left out of the index sections (see `eligible`). */
export const MIN_INDEX_WORDS = 20;

export interface Doc {
  /** Unique across corpora: `<corpus>:<id>`, e.g. `reuters21578:4`. */
  readonly id: string;
  /** The id as the corpus gives it. */
  readonly rawId: string;
  readonly corpus: string;
  readonly text: string;
  /** Word tokens (neardup's tokenizer, normalized). */
  readonly words: number;
}

export interface CorpusInfo {
  /** Short name: the folder of docs.jsonl, or the file name without extension. */
  readonly name: string;
  readonly path: string;
  /** Records in the file. */
  readonly records: number;
  /** Records loaded (all, or the first N under --quick). */
  readonly loaded: number;
  /** `computed_exact_duplicates.jsonl` beside the file, if present. */
  readonly duplicatesPath?: string;
  readonly meanWords: number;
}

export interface DuplicateGroup {
  /** Member ids, prefixed like `Doc.id`. */
  readonly ids: readonly string[];
}

function corpusName(path: string): string {
  const file = basename(path);
  return file === 'docs.jsonl' ? basename(dirname(path)) : file.replace(/\.jsonl?$/i, '');
}

/**
 * Loads the first `limit` records of a JSONL corpus. Each line must be an object with a string
 * `text`; `id` (string or number) defaults to the line number.
 */
export function loadCorpus(path: string, limit = Infinity): { info: CorpusInfo; docs: Doc[] } {
  if (!existsSync(path)) throw new Error(`corpus ${path} not found; pass an existing JSONL file to --corpus`);
  const name = corpusName(path);
  const lines = readFileSync(path, 'utf8').split('\n');
  const docs: Doc[] = [];
  let records = 0;
  let words = 0;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.trim();
    if (!line) continue;
    records++;
    if (docs.length >= limit) continue;
    let rec: { id?: unknown; text?: unknown };
    try {
      rec = JSON.parse(line) as typeof rec;
    } catch (err) {
      throw new Error(`${path}:${n + 1}: not JSON (${(err as Error).message}); each line must be one JSON object`);
    }
    if (typeof rec.text !== 'string') throw new Error(`${path}:${n + 1}: no string "text" field; each record needs {"id", "text"}`);
    const rawId = rec.id === undefined || rec.id === null ? String(n + 1) : String(rec.id);
    const count = tokenize(rec.text).length;
    words += count;
    docs.push({ id: `${name}:${rawId}`, rawId, corpus: name, text: rec.text, words: count });
  }
  const dup = join(dirname(path), 'computed_exact_duplicates.jsonl');
  const info: CorpusInfo = {
    name,
    path,
    records,
    loaded: docs.length,
    meanWords: docs.length ? words / docs.length : 0,
    ...(existsSync(dup) ? { duplicatesPath: dup } : {}),
  };
  return { info, docs };
}

/** Exact-duplicate groups of a corpus, ids prefixed with the corpus name. */
export function loadDuplicateGroups(info: CorpusInfo): DuplicateGroup[] {
  if (!info.duplicatesPath) return [];
  const out: DuplicateGroup[] = [];
  for (const line of readFileSync(info.duplicatesPath, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const rec = JSON.parse(line) as { ids: (string | number)[] };
    out.push({ ids: rec.ids.map((id) => `${info.name}:${String(id)}`) });
  }
  return out;
}

/** The fixture articles by id ('000' … '004'). */
export function loadFixtures(): Map<string, string> {
  const dir = join(ROOT, 'fixtures', 'articles');
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  for (const file of readdirSync(dir).sort()) {
    if (file.endsWith('.txt')) out.set(file.slice(0, 3), readFileSync(join(dir, file), 'utf8'));
  }
  return out;
}

/** Fixture articles as documents: the stand-in corpus when no corpus file is present. */
export function fixtureDocs(fixtures: ReadonlyMap<string, string>): Doc[] {
  return [...fixtures].map(([id, text]) => ({ id: `fixtures:${id}`, rawId: id, corpus: 'fixtures', text, words: tokenize(text).length }));
}

/**
 * Documents the index sections use: at least MIN_INDEX_WORDS words. Drops Reuters' 1,798
 * "Blah blah blah." BRIEF items and empty bodies, which are all one bucket (the computed
 * duplicate lists skip bodies under 20 words for the same reason).
 */
export function eligible(docs: readonly Doc[]): Doc[] {
  return docs.filter((d) => d.words >= MIN_INDEX_WORDS);
}

/** Up to `n` docs, taken evenly from each corpus (the first ones of each, in file order). */
export function balancedSample(docs: readonly Doc[], n: number): Doc[] {
  const byCorpus = new Map<string, Doc[]>();
  for (const d of docs) {
    let list = byCorpus.get(d.corpus);
    if (!list) byCorpus.set(d.corpus, (list = []));
    list.push(d);
  }
  const lists = [...byCorpus.values()];
  const out: Doc[] = [];
  let share = Math.ceil(n / Math.max(1, lists.length));
  // a corpus with fewer docs than its share gives the rest to the others
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  let left = n;
  const take = new Map<Doc[], number>();
  for (let i = 0; i < sorted.length; i++) {
    share = Math.ceil(left / (sorted.length - i));
    const k = Math.min(share, sorted[i]!.length);
    take.set(sorted[i]!, k);
    left -= k;
  }
  for (const list of lists) out.push(...list.slice(0, take.get(list)));
  return out;
}
