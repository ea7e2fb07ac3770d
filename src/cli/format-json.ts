/**
 * JSON shapes of what the commands find. Paragraph numbers are 0-based, as `splitParagraphs`
 * counts them; `direction` is as in `Comparison` ('a-from-b': a is the copy), and `copy` /
 * `original` name the two when the direction is known.
 */
import { describePair, type Comparison, type Repeat, type ScanPair, type ScanRepeat } from '../index.js';

/** A verified pair found by `scan`. */
export function pairRecord(p: ScanPair): Record<string, unknown> {
  const c = p.comparison;
  const copy = c.direction === 'a-from-b' ? p.a : c.direction === 'b-from-a' ? p.b : undefined;
  return {
    a: p.a,
    b: p.b,
    relation: c.relation,
    direction: c.direction,
    ...(copy !== undefined ? { copy, original: copy === p.a ? p.b : p.a } : {}),
    summary: describePair({ a: p.a, b: p.b, relation: c.relation, direction: c.direction, alignments: c.alignments }),
    similarity: c.jaccard,
    coverage: c.coverage,
    ordered: c.ordered,
    unit: c.unit,
    alignments: c.alignments,
  };
}

/** A repeated block, optionally with the text of each repeated paragraph. */
export function repeatRecord(r: ScanRepeat | (Repeat & { id?: string })): Record<string, unknown> {
  return {
    ...(r.id !== undefined ? { id: r.id } : {}),
    first: r.first,
    second: r.second,
    paragraphs: r.paragraphs,
    similarity: r.similarity,
    firstSpan: r.firstSpan,
    secondSpan: r.secondSpan,
  };
}

/** The output of `compare --format json`. */
export function comparisonRecord(
  a: { name: string; path: string },
  b: { name: string; path: string },
  c: Comparison,
  repeats: { a: readonly Repeat[]; b: readonly Repeat[] },
): Record<string, unknown> {
  return {
    a,
    b,
    summary: describePair({ a: a.name, b: b.name, relation: c.relation, direction: c.direction, alignments: c.alignments }),
    ...c,
    repeats: { a: repeats.a.map(repeatRecord), b: repeats.b.map(repeatRecord) },
  };
}

/** Pretty JSON with a final newline. */
export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** One JSONL line. */
export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
