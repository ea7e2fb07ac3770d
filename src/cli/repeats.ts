/**
 * `neardup repeats <file>`: blocks of paragraphs that one article prints twice.
 */
import { findRepeats, NeardupError, splitParagraphs } from '../index.js';
import { UsageError } from './errors.js';
import { renderRepeatsHtml } from '../report/html-repeats.js';
import { json, jsonLine, repeatRecord } from './format-json.js';
import { repeatsTable } from './format-table.js';
import type { Format } from './formats.js';
import { readTextInput } from './input.js';
import { withOutput } from './output.js';
import { styleFor } from './terminal.js';

export interface RepeatsCliOptions {
  readonly format: Format;
  readonly output?: string | undefined;
  readonly similarity?: number | undefined;
  readonly minWords?: number | undefined;
}

export async function repeatsCommand(path: string, o: RepeatsCliOptions): Promise<void> {
  const { name, text } = await readTextInput(path);
  let repeats;
  try {
    repeats = findRepeats(text, { nearSimilarity: o.similarity, minWords: o.minWords });
  } catch (err) {
    if (err instanceof NeardupError) throw new UsageError(`${err.message}; see neardup repeats --help`);
    throw err;
  }
  await withOutput(o.output, async (out) => {
    if (o.format === 'table') {
      await out.write(repeatsTable(name, text, repeats, styleFor(out.isTTY), out.columns));
    } else if (o.format === 'html') {
      await out.write(renderRepeatsHtml(name, text, repeats));
    } else {
      const paragraphs = splitParagraphs(text);
      const blocks = repeats.map((r) => ({
        ...repeatRecord(r),
        texts: paragraphs.slice(r.second.from, r.second.to + 1).map((p) => p.text),
      }));
      const record = { name, path, paragraphs: paragraphs.length, repeats: blocks };
      await out.write(o.format === 'jsonl' ? jsonLine(record) : json(record));
    }
  });
}
