/**
 * `--meta`: publication dates, titles, sources and URLs for articles that carry none (a directory of text
 * files). Accepts `{ "articles": [ { "file" | "id", "publishedAt"?, "title"?, "source"?, "url"? } ] }`
 * (the shape of fixtures/expected.json), a bare array of such entries, or an object mapping each
 * id or file name to `{ "publishedAt"?, "source"?, "url"? }`.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { fsReason, UsageError } from './errors.js';
import { decodeUtf8 } from './text-decode.js';

/** What meta data can add to an article. */
export interface MetaEntry {
  readonly publishedAt?: string | number;
  readonly source?: string;
  readonly url?: string;
  readonly title?: string;
}

/** Meta data looked up by article id, file name, or file name without its extension. */
export class Meta {
  private readonly entries = new Map<string, MetaEntry>();

  set(key: string, entry: MetaEntry): void {
    if (!this.entries.has(key)) this.entries.set(key, entry);
  }

  /** The entry of an article, by its id or its file name. */
  get(id: string, file?: string): MetaEntry | undefined {
    return this.entries.get(id) ?? (file === undefined ? undefined : this.entries.get(basename(file)));
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Reads a meta file; a missing file or bad JSON is a UsageError, a bad date a warning. */
export async function loadMeta(path: string, warn: (message: string) => void): Promise<Meta> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new UsageError(`cannot read --meta ${JSON.stringify(path)}: ${fsReason(err)}; check the path`);
  }
  const text = decodeUtf8(bytes);
  let data: unknown;
  try {
    if (text === undefined) throw new Error('not UTF-8 text');
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--meta ${JSON.stringify(path)} is not valid JSON (${(err as Error).message}); give a JSON file`);
  }
  const meta = new Meta();
  const add = (key: string | undefined, raw: unknown, where: string): void => {
    if (key === undefined || raw === null || typeof raw !== 'object') return;
    const r = raw as Record<string, unknown>;
    const entry: { publishedAt?: string | number; source?: string; url?: string; title?: string } = {};
    const date = r.publishedAt ?? r.published_at ?? r.date;
    if (typeof date === 'string' || typeof date === 'number') {
      if (Number.isFinite(typeof date === 'number' ? date : Date.parse(date))) entry.publishedAt = date;
      else warn(`--meta ${where}: publishedAt ${JSON.stringify(date)} is not a date; ignored`);
    }
    if (typeof r.source === 'string') entry.source = r.source;
    if (typeof r.url === 'string') entry.url = r.url;
    if (typeof r.title === 'string') entry.title = r.title;
    meta.set(key, entry);
  };
  const list = Array.isArray(data) ? data : data !== null && typeof data === 'object' && Array.isArray((data as { articles?: unknown }).articles) ? (data as { articles: unknown[] }).articles : undefined;
  if (list) {
    list.forEach((item, i) => {
      if (item === null || typeof item !== 'object') return;
      const { id, file } = item as { id?: unknown; file?: unknown };
      if (typeof id === 'string' || typeof id === 'number') add(String(id), item, `entry ${i + 1}`);
      if (typeof file === 'string') {
        add(basename(file), item, `entry ${i + 1}`);
        add(basename(file, extname(file)), item, `entry ${i + 1}`);
      }
    });
  } else if (data !== null && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) add(key, value, JSON.stringify(key));
  }
  if (meta.size === 0) {
    throw new UsageError(`--meta ${JSON.stringify(path)} has no entries; give { "articles": [{ "file" or "id", "publishedAt" }] } or { "<id>": { "publishedAt" } }`);
  }
  return meta;
}
