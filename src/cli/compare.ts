/**
 * `neardup compare <a> <b>`: aligns two articles paragraph by paragraph and shows how they relate.
 */
import { compare as compareTexts, findRepeats, NeardupError, renderComparisonHtml } from '../index.js';
import { UsageError } from './errors.js';
import { comparisonRecord, json, jsonLine } from './format-json.js';
import { comparisonTable } from './format-table.js';
import type { Format } from './formats.js';
import { readTextInput } from './input.js';
import { withOutput } from './output.js';
import { styleFor } from './terminal.js';

export interface CompareCliOptions {
  readonly format: Format;
  readonly output?: string | undefined;
  readonly shingleSize?: number | undefined;
  readonly dateA?: string | undefined;
  readonly dateB?: string | undefined;
}

export async function compareCommand(pathA: string, pathB: string, o: CompareCliOptions): Promise<void> {
  if (pathA === '-' && pathB === '-') throw new UsageError('only one of the two articles can be read from stdin (-); give a file for the other');
  const a = await readTextInput(pathA);
  const b = await readTextInput(pathB);
  if (a.name === b.name) {
    a.name = `A:${a.name}`;
    b.name = `B:${b.name}`;
  }
  let comparison;
  try {
    comparison = compareTexts(
      { text: a.text, publishedAt: o.dateA },
      { text: b.text, publishedAt: o.dateB },
      o.shingleSize === undefined ? undefined : { shingleSize: o.shingleSize },
    );
  } catch (err) {
    if (err instanceof NeardupError) throw new UsageError(`${err.message}; see neardup compare --help`);
    throw err;
  }
  const repeats = { a: findRepeats(a.text), b: findRepeats(b.text) };
  const timeA = o.dateA === undefined ? undefined : Date.parse(o.dateA);
  const timeB = o.dateB === undefined ? undefined : Date.parse(o.dateB);
  const out = await withOutput(o.output, async (out) => {
    if (o.format === 'json' || o.format === 'jsonl') {
      const record = comparisonRecord({ name: a.name, path: pathA, text: a.text, publishedAt: timeA }, { name: b.name, path: pathB, text: b.text, publishedAt: timeB }, comparison, repeats);
      await out.write(o.format === 'json' ? json(record) : jsonLine(record));
    } else if (o.format === 'html') {
      await out.write(
        renderComparisonHtml({ id: a.name, text: a.text, info: { publishedAt: timeA } }, { id: b.name, text: b.text, info: { publishedAt: timeB } }, comparison, { repeats }),
      );
    } else {
      await out.write(
        comparisonTable({ ...a, repeats: repeats.a }, { ...b, repeats: repeats.b }, comparison, styleFor(out.isTTY), out.columns),
      );
    }
  });
  if (out.path !== undefined && process.stderr.isTTY) process.stderr.write(`neardup: wrote ${out.path}\n`);
}
