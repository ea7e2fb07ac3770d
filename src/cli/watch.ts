/**
 * `neardup watch`: the newsroom feed on the command line. Reads JSONL articles as they arrive (a
 * file, optionally followed as it grows, or stdin) and writes one JSON verdict per line at once.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Detector, type DetectorOptions, type Verdict } from '../index.js';
import { fsReason, UsageError } from './errors.js';
import { parseArticle } from './input.js';
import { Warnings } from './warnings.js';

export interface WatchOptions {
  windowHours?: number | undefined;
  keepDuplicates?: boolean | undefined;
  threshold?: number | undefined;
  shingleSize?: number | undefined;
  follow?: boolean | undefined;
}

/** The verdict as one JSON line: the full alignments stay out (use `compare` for those). */
export function verdictJson(v: Verdict): string {
  return JSON.stringify({
    id: v.id,
    verdict: v.verdict,
    of: v.of,
    direction: v.direction,
    copy: v.copy,
    original: v.original,
    matches: v.matches.map((m) => ({ id: m.id, relation: m.relation, similarity: round(m.similarity), coverage: { query: round(m.coverage.query), match: round(m.coverage.match) }, direction: m.direction })),
    credits: v.credits.map((c) => ({ agency: c.agency, kind: c.kind })),
    boilerplate: v.boilerplate.map((b) => ({ kind: b.kind, paragraph: b.paragraph })),
    added: v.added,
    replaced: v.replaced,
    evicted: v.evicted,
  });
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** Lines of `input` as they arrive; with `follow`, keeps reading a file as it grows until SIGINT. */
async function* lines(input: string, follow: boolean): AsyncGenerator<string> {
  if (input === '-') {
    yield* createInterface({ input: process.stdin, crlfDelay: Infinity });
    return;
  }
  let info;
  try {
    info = await stat(input);
  } catch (err) {
    throw new UsageError(`cannot read ${input}: ${fsReason(err)}; check the path`);
  }
  if (info.isDirectory()) throw new UsageError(`cannot read ${input}: it is a directory; give a JSONL file or - for stdin`);
  if (!info.isFile()) {
    // A pipe, a named pipe or a device: read it as a stream, as stdin (it cannot be followed or re-read).
    yield* createInterface({ input: createReadStream(input), crlfDelay: Infinity });
    return;
  }
  let offset = 0;
  let rest = '';
  let stopped = false;
  const stop = (): void => {
    stopped = true;
  };
  process.once('SIGINT', stop);
  try {
    for (;;) {
      const size = (await stat(input)).size;
      if (size > offset) {
        for await (const chunk of createReadStream(input, { start: offset, end: size - 1, encoding: 'utf8' })) {
          rest += chunk as string;
          let nl: number;
          while ((nl = rest.indexOf('\n')) >= 0) {
            yield rest.slice(0, nl);
            rest = rest.slice(nl + 1);
          }
        }
        offset = size;
      }
      if (!follow || stopped) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
      if (stopped) break;
    }
    if (rest.trim() !== '') yield rest;
  } finally {
    process.off('SIGINT', stop);
  }
}

/** Runs the feed; resolves when the input ends. */
export async function watch(input: string, options: WatchOptions): Promise<void> {
  const detectorOptions: DetectorOptions = {
    threshold: options.threshold,
    shingleSize: options.shingleSize,
    keepDuplicates: options.keepDuplicates,
    window: options.windowHours !== undefined ? { hours: options.windowHours } : undefined,
  };
  const detector = new Detector(detectorOptions);
  const warnings = new Warnings();
  const name = input === '-' ? 'stdin' : input;
  let n = 0;
  for await (const line of lines(input, options.follow ?? false)) {
    n++;
    if (line.trim() === '') continue;
    const where = `${name} line ${n}`;
    const parsed = parseArticle(line, where, warnings.warn);
    if (typeof parsed === 'string') {
      warnings.warn(`${where}: ${parsed}; skipped`);
      continue;
    }
    const { where: _where, ...article } = parsed;
    try {
      const verdict = await detector.process(article);
      process.stdout.write(`${verdictJson(verdict)}\n`);
    } catch (err) {
      warnings.warn(`${where}: ${err instanceof Error ? err.message : String(err)}; skipped`);
    }
  }
  warnings.finish();
}
