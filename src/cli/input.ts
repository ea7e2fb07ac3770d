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
import { decodeText, MAX_STRING_LENGTH, notTextReason, tooLongReason } from './text-decode.js';

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
  /** Why no article came out (once `articles()` is done and gave none), with what to do. */
  nothingReason(): string;
}

export interface InputOptions {
  readonly meta?: Meta | undefined;
  /** JSONL keys to read each article field from (`--field title=headline`). */
  readonly fields?: FieldMap | undefined;
  readonly warn: (message: string) => void;
  /** Where `-` reads from. Default process.stdin. */
  readonly stdin?: NodeJS.ReadableStream;
  /** Longest JSONL line read (bytes); longer ones are skipped as too long. Default: the longest string. */
  readonly maxLineBytes?: number;
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

/**
 * Opens the input of `scan`; a missing, unreadable or binary input is a UsageError. A pipe, a
 * named pipe or a device (`<(cat docs.jsonl)`, `/dev/stdin`) is read as a stream, like `-`: it
 * cannot be read twice, so it is checked as it is read.
 */
export async function openArticles(spec: string, options: InputOptions): Promise<ArticleSource> {
  if (spec === '-') return jsonlSource('stdin', options.stdin ?? process.stdin, undefined, options, true);
  let info;
  try {
    info = await stat(spec);
  } catch (err) {
    throw new UsageError(`cannot read ${JSON.stringify(spec)}: ${fsReason(err)}; ${HINT}`);
  }
  if (info.isDirectory()) return directorySource(spec, options);
  const text = TEXT_EXTENSIONS.has(extname(spec).toLowerCase());
  if (!info.isFile()) {
    if (text) return textFileSource(spec, undefined, options);
    return jsonlSource(spec, createReadStream(spec), undefined, options, true);
  }
  await checkReadableText(spec);
  if (text) return textFileSource(spec, info.size, options);
  return jsonlSource(spec, createReadStream(spec), info.size, options, false);
}

/** Throws a UsageError unless `path` can be opened and starts like text (a regular file: read at 0). */
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
  if (reason) throw new UsageError(`cannot read ${JSON.stringify(spec)}: ${reason}; give a UTF-8 text file`);
  const text = decodeText(bytes);
  if (typeof text !== 'string') {
    throw new UsageError(`cannot read ${JSON.stringify(spec)}: ${text.invalid ? 'it is not valid UTF-8 text; give a UTF-8 text file' : tooLongReason('it', bytes.length)}`);
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

async function textFileSource(path: string, size: number | undefined, options: InputOptions): Promise<ArticleSource> {
  let done = 0;
  return {
    name: path,
    total: size,
    unit: 'bytes',
    position: () => done,
    skipped: () => 0,
    nothingReason: () => 'the file gave no article',
    async *articles() {
      const { name, text } = await readTextInput(path);
      done = size ?? text.length;
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
    nothingReason: () =>
      `${files.length === 1 ? 'its only .txt/.md file was' : `all ${files.length} .txt/.md files were`} skipped (binary, not UTF-8 or unreadable: see the messages above); give UTF-8 text files`,
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
        const text = reason ? undefined : decodeText(bytes);
        if (typeof text !== 'string') {
          options.warn(`${path}: ${reason ?? (text?.invalid ? 'not valid UTF-8 text' : tooLongReason('it', bytes.length))}; skipped`);
          skipped++;
          continue;
        }
        yield withMeta({ id: basename(file, extname(file)), text, where: path }, options.meta, file);
      }
    },
  };
}

/**
 * Splits a byte stream into lines (LF or CRLF) without decoding more than one line at a time. A
 * line longer than `maxBytes` is not kept: its length (a number) is yielded instead.
 */
async function* byteLines(stream: AsyncIterable<Buffer | string>, onBytes: (n: number) => void, maxBytes: number): AsyncGenerator<Buffer | number> {
  let carry: Buffer[] = [];
  let carried = 0;
  let overflow = 0; // bytes of the current line once it is known to be too long
  const end = (part: Buffer): Buffer | number => {
    if (overflow > 0 || carried + part.length > maxBytes) {
      const n = overflow + carried + part.length;
      overflow = 0;
      carry = [];
      carried = 0;
      return n;
    }
    const line = carry.length > 0 ? Buffer.concat([...carry, part]) : part;
    carry = [];
    carried = 0;
    return line.length > 0 && line[line.length - 1] === 13 ? line.subarray(0, line.length - 1) : line;
  };
  for await (const piece of stream) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
    onBytes(chunk.length);
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl >= 0; nl = chunk.indexOf(10, start)) {
      yield end(chunk.subarray(start, nl));
      start = nl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      if (overflow > 0 || carried + rest.length > maxBytes) {
        overflow += carried + rest.length; // too long already: count it, keep nothing
        carry = [];
        carried = 0;
      } else {
        carry.push(rest);
        carried += rest.length;
      }
    }
  }
  if (carry.length > 0 || overflow > 0) yield end(Buffer.alloc(0));
}

/** Where JSONL came from that yielded no article: what it looked like, and what to do. */
function jsonlNothingReason(name: string, lines: number, first: number | undefined): string {
  if (first === undefined) return `${name === 'stdin' ? 'stdin' : 'the input'} is empty; give one JSON object per line: {"id": ..., "text": ...}`;
  if (first === 0x5b) return `it looks like a JSON array, not JSON Lines (one object per line); convert it with jq -c '.[]' ${name === 'stdin' ? 'FILE' : name} | neardup scan -`;
  if (extname(name).toLowerCase() === '.csv') return `it looks like CSV; scan reads JSON Lines (one {"id": ..., "text": ...} per line): convert it first, e.g. with mlr --icsv --ojsonl cat ${name}`;
  if (first === 0x7b && lines > 1) return `every line was skipped; if it is one pretty-printed JSON object per article, put each on one line: jq -c . ${name === 'stdin' ? 'FILE' : name} | neardup scan -`;
  return 'every line was skipped (see the messages above); give one JSON object per line: {"id": ..., "text": ...}';
}

function jsonlSource(name: string, stream: NodeJS.ReadableStream, size: number | undefined, options: InputOptions, sniff: boolean): ArticleSource {
  let bytes = 0;
  let skipped = 0;
  let lines = 0;
  let first: number | undefined; // the first non-blank byte
  const maxBytes = options.maxLineBytes ?? MAX_STRING_LENGTH;
  return {
    name,
    total: size,
    unit: 'bytes',
    position: () => bytes,
    skipped: () => skipped,
    nothingReason: () => jsonlNothingReason(name, lines, first),
    async *articles() {
      let number = 0;
      for await (const raw of byteLines(stream as AsyncIterable<Buffer>, (n) => (bytes += n), maxBytes)) {
        number++;
        const where = `${name} line ${number}`;
        if (typeof raw === 'number') {
          lines++;
          first ??= 0x7b;
          const limit = maxBytes < MAX_STRING_LENGTH ? `the line is ${raw.toLocaleString('en-US')} bytes, above the limit of ${maxBytes.toLocaleString('en-US')}` : tooLongReason('the line', raw);
          options.warn(`${where}: ${limit}; skipped`);
          skipped++;
          continue;
        }
        if (number === 1 && sniff) {
          const reason = notTextReason(raw);
          if (reason) throw new UsageError(`cannot read ${name === 'stdin' ? 'stdin' : JSON.stringify(name)}: ${reason}; ${HINT}`);
        }
        const text = decodeText(raw);
        if (typeof text !== 'string') {
          options.warn(`${where}: ${text.invalid ? 'not valid UTF-8' : tooLongReason('the line', raw.length)}; skipped`);
          skipped++;
          continue;
        }
        if (text.trim() === '') continue;
        lines++;
        if (first === undefined) first = text.trimStart().charCodeAt(0);
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
