/**
 * Reading articles for `scan`, as an async iterable that never holds more than one article's
 * bytes at a time: a directory of .txt/.md files (id = file name without extension), a single
 * text file, or JSONL (a file, or `-` for stdin) with one `{ "id", "text", "publishedAt"?,
 * "title"?, "source"?, "url"? }` per line (other key names mapped with `--field`). Malformed lines and unreadable files are reported through
 * `warn` with their line number or path and skipped.
 */
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Article } from '../index.js';
import { fsReason, UsageError } from './errors.js';
import type { Meta } from './meta.js';
import { decodeUtf8, notTextReason } from './text-decode.js';

/** An article and where it came from ("docs.jsonl line 7", "articles/000.txt"). */
export interface InputArticle extends Article {
  readonly where: string;
}

/** A stream of articles, with what progress reporting needs. */
export interface ArticleSource {
  /** Shown name of the input. */
  readonly name: string;
  /** Size of the input in `unit`s, when known (files in a directory, bytes of a file). */
  readonly total: number | undefined;
  readonly unit: 'files' | 'bytes';
  /** How far reading has got, in `unit`s. */
  position(): number;
  /** Inputs skipped so far (malformed lines, unreadable files). */
  skipped(): number;
  articles(): AsyncGenerator<InputArticle>;
}

export interface InputOptions {
  readonly meta?: Meta | undefined;
  /** JSONL keys to read each article field from (`--field title=headline`). */
  readonly fields?: FieldMap | undefined;
  readonly warn: (message: string) => void;
  /** Where `-` reads from. Default process.stdin. */
  readonly stdin?: NodeJS.ReadableStream;
}

/** The article fields a JSONL line can carry. */
export const ARTICLE_FIELDS = ['id', 'text', 'title', 'source', 'url', 'publishedAt'] as const;
export type ArticleField = (typeof ARTICLE_FIELDS)[number];

/** Which JSONL key each article field is read from, when the feed names it differently. */
export type FieldMap = ReadonlyMap<ArticleField, string>;

/**
 * Parses `--field` values ("title=headline", repeatable) into a FieldMap; a UsageError names the
 * fields that can be mapped.
 */
export function parseFieldMap(specs: readonly string[] | undefined): FieldMap | undefined {
  if (specs === undefined || specs.length === 0) return undefined;
  const map = new Map<ArticleField, string>();
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const field = spec.slice(0, eq).trim();
    const key = spec.slice(eq + 1).trim();
    if (eq < 0 || key === '' || !(ARTICLE_FIELDS as readonly string[]).includes(field)) {
      throw new UsageError(`--field ${JSON.stringify(spec)} is not valid: give FIELD=KEY, e.g. --field title=headline, where FIELD is one of ${ARTICLE_FIELDS.join(', ')}`);
    }
    map.set(field as ArticleField, key);
  }
  return map;
}

/** Extensions of text files read from a directory. */
export const TEXT_EXTENSIONS: ReadonlySet<string> = new Set(['.txt', '.md']);

const HINT = 'scan takes a directory of .txt/.md files, a .jsonl file, or - for JSONL on stdin';

/** Opens the input of `scan`; a missing, unreadable or binary input is a UsageError. */
export async function openArticles(spec: string, options: InputOptions): Promise<ArticleSource> {
  if (spec === '-') return jsonlSource('stdin', options.stdin ?? process.stdin, undefined, options);
  let info;
  try {
    info = await stat(spec);
  } catch (err) {
    throw new UsageError(`cannot read ${JSON.stringify(spec)}: ${fsReason(err)}; ${HINT}`);
  }
  if (info.isDirectory()) return directorySource(spec, options);
  await checkReadableText(spec);
  if (TEXT_EXTENSIONS.has(extname(spec).toLowerCase())) return textFileSource(spec, info.size, options);
  return jsonlSource(spec, createReadStream(spec), info.size, options);
}

/** Throws a UsageError unless `path` can be opened and starts like text. */
async function checkReadableText(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
    const head = Buffer.alloc(8192);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const reason = notTextReason(head.subarray(0, bytesRead));
    if (reason) throw new UsageError(`cannot read ${JSON.stringify(path)}: ${reason}; ${HINT}`);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`cannot read ${JSON.stringify(path)}: ${fsReason(err)}; check the path and its permissions`);
  } finally {
    await handle?.close();
  }
}

/** Reads a whole text file (or stdin for `-`) for `compare` and `repeats`. */
export async function readTextInput(spec: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<{ name: string; text: string }> {
  let bytes: Buffer;
  try {
    if (spec === '-') {
      const chunks: Buffer[] = [];
      for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      bytes = Buffer.concat(chunks);
    } else {
      bytes = await readFile(spec);
    }
  } catch (err) {
    throw new UsageError(`cannot read ${JSON.stringify(spec)}: ${fsReason(err)}; give a UTF-8 text file, or - for stdin`);
  }
  const name = spec === '-' ? 'stdin' : basename(spec, extname(spec));
  const reason = notTextReason(bytes);
  const text = reason ? undefined : decodeUtf8(bytes);
  if (text === undefined) {
    throw new UsageError(`cannot read ${JSON.stringify(spec)}: ${reason ?? 'it is not valid UTF-8 text'}; give a UTF-8 text file`);
  }
  return { name, text };
}

function withMeta(article: InputArticle, meta: Meta | undefined, file?: string): InputArticle {
  const m = meta?.get(article.id, file);
  if (!m) return article;
  return {
    ...article,
    publishedAt: article.publishedAt ?? m.publishedAt,
    source: article.source ?? m.source,
    url: article.url ?? m.url,
    title: article.title ?? m.title,
  };
}

async function textFileSource(path: string, size: number, options: InputOptions): Promise<ArticleSource> {
  let done = 0;
  return {
    name: path,
    total: size,
    unit: 'bytes',
    position: () => done,
    skipped: () => 0,
    async *articles() {
      const { name, text } = await readTextInput(path);
      done = size;
      yield withMeta({ id: name, text, where: path }, options.meta, basename(path));
    },
  };
}

async function directorySource(dir: string, options: InputOptions): Promise<ArticleSource> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new UsageError(`cannot read directory ${JSON.stringify(dir)}: ${fsReason(err)}; check its permissions`);
  }
  const files = entries
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && TEXT_EXTENSIONS.has(extname(e.name).toLowerCase()))
    .map((e) => e.name)
    .sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  if (files.length === 0) {
    throw new UsageError(`no .txt or .md files in ${JSON.stringify(dir)}; put one article per file there, or give a .jsonl file`);
  }
  let done = 0;
  let skipped = 0;
  return {
    name: dir,
    total: files.length,
    unit: 'files',
    position: () => done,
    skipped: () => skipped,
    async *articles() {
      for (const file of files) {
        const path = join(dir, file);
        let bytes: Buffer | undefined;
        try {
          bytes = await readFile(path);
        } catch (err) {
          options.warn(`${path}: cannot read (${fsReason(err)}); skipped`);
        }
        done++;
        if (!bytes) {
          skipped++;
          continue;
        }
        const reason = notTextReason(bytes);
        const text = reason ? undefined : decodeUtf8(bytes);
        if (text === undefined) {
          options.warn(`${path}: ${reason ?? 'not valid UTF-8 text'}; skipped`);
          skipped++;
          continue;
        }
        yield withMeta({ id: basename(file, extname(file)), text, where: path }, options.meta, file);
      }
    },
  };
}

/** Splits a byte stream into lines (LF or CRLF) without decoding more than one line at a time. */
async function* byteLines(stream: AsyncIterable<Buffer | string>, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  let carry: Buffer[] = [];
  for await (const piece of stream) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
    onBytes(chunk.length);
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl >= 0; nl = chunk.indexOf(10, start)) {
      const part = chunk.subarray(start, nl);
      const line = carry.length > 0 ? Buffer.concat([...carry, part]) : part;
      carry = [];
      yield line.length > 0 && line[line.length - 1] === 13 ? line.subarray(0, line.length - 1) : line;
      start = nl + 1;
    }
    if (start < chunk.length) carry.push(chunk.subarray(start));
  }
  if (carry.length > 0) {
    const line = Buffer.concat(carry);
    yield line.length > 0 && line[line.length - 1] === 13 ? line.subarray(0, line.length - 1) : line;
  }
}

function jsonlSource(name: string, stream: NodeJS.ReadableStream, size: number | undefined, options: InputOptions): ArticleSource {
  let bytes = 0;
  let skipped = 0;
  return {
    name,
    total: size,
    unit: 'bytes',
    position: () => bytes,
    skipped: () => skipped,
    async *articles() {
      let number = 0;
      for await (const raw of byteLines(stream as AsyncIterable<Buffer>, (n) => (bytes += n))) {
        number++;
        if (number === 1 && name === 'stdin') {
          const reason = notTextReason(raw);
          if (reason) throw new UsageError(`cannot read stdin: ${reason}; ${HINT}`);
        }
        const where = `${name} line ${number}`;
        const text = decodeUtf8(raw);
        if (text === undefined) {
          options.warn(`${where}: not valid UTF-8; skipped`);
          skipped++;
          continue;
        }
        if (text.trim() === '') continue;
        const parsed = parseArticle(text, where, options.warn, options.fields);
        if (typeof parsed === 'string') {
          options.warn(`${where}: ${parsed}; skipped`);
          skipped++;
          continue;
        }
        yield withMeta(parsed, options.meta);
      }
    },
  };
}

/** An article from one JSONL line, or why the line is not one; `fields` renames the keys read. */
export function parseArticle(line: string, where: string, warn: (message: string) => void, fields?: FieldMap): InputArticle | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return `not valid JSON (${(err as Error).message})`;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not a JSON object; expected {"id": ..., "text": ...}';
  const o = value as Record<string, unknown>;
  const field = (name: ArticleField): unknown => {
    const key = fields?.get(name);
    return key === undefined ? (Object.hasOwn(o, name) ? o[name] : undefined) : Object.hasOwn(o, key) ? o[key] : undefined;
  };
  const named = (name: ArticleField): string => JSON.stringify(fields?.get(name) ?? name);
  const body = field('text');
  if (typeof body !== 'string') return `no ${named('text')} string`;
  const rawId = field('id');
  const id = typeof rawId === 'string' && rawId !== '' ? rawId : typeof rawId === 'number' && Number.isFinite(rawId) ? String(rawId) : undefined;
  if (id === undefined) return `no ${named('id')} (a non-empty string or a number)`;
  let publishedAt: string | number | undefined;
  const date = fields?.has('publishedAt') ? field('publishedAt') : (o.publishedAt ?? o.published_at ?? o.date);
  if (typeof date === 'string' || typeof date === 'number') {
    if (Number.isFinite(typeof date === 'number' ? date : Date.parse(date))) publishedAt = date;
    else warn(`${where}: publishedAt ${JSON.stringify(date)} is not a date; ignored`);
  }
  const optional = (name: ArticleField): string | undefined => {
    const v = field(name);
    return typeof v === 'string' && v.trim() !== '' ? v : undefined;
  };
  return { id, text: body, publishedAt, title: optional('title'), source: optional('source'), url: optional('url'), where };
}
