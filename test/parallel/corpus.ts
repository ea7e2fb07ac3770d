/**
 * Inputs for the parallel-scan tests: the self-made news corpus with its edited copies, plus what
 * takes the rarer paths — dates (who copied whom), a paragraph too long to be one unit (sentence
 * alignment), a lone surrogate (strings kept as UTF-16 in shared memory) — and the single-threaded
 * scan they are held to.
 */
import { Detector, findRepeats, type Article, type DetectorOptions, type Match, type Repeat } from '../../src/index.js';
import { newsCorpusWithCopies } from '../helpers/corpus.js';

export function parallelCorpus(n: number): Article[] {
  return newsCorpusWithCopies(n).map((a, i) => {
    let text = a.text;
    if (i % 97 === 13) text = a.paragraphs.join(' ').repeat(2); // one long paragraph, printed twice
    if (i === 42) text = `${text}\n\nA broken pair \ud800 in the last line of this paragraph, for the encoder.`;
    return { id: a.id, text, publishedAt: i % 3 === 0 ? Date.UTC(2024, 0, 1) + i * 60_000 : undefined };
  });
}

/** What became of each article, comparable across runs (errors by class and message). */
export type Outcome = { id: string; matches: Match[]; repeats: Repeat[] | undefined } | { id: string; error: string };

/** The reference: `detector.add()` on each article in turn, and `findRepeats` of each. */
export async function scanInOrder(articles: readonly Article[], options?: DetectorOptions): Promise<{ outcomes: Outcome[]; detector: Detector }> {
  const detector = new Detector(options);
  const outcomes: Outcome[] = [];
  for (const a of articles) {
    try {
      outcomes.push({ id: a.id, matches: await detector.add(a), repeats: findRepeats(a.text) });
    } catch (err) {
      outcomes.push({ id: a.id, error: `${(err as Error).name}: ${(err as Error).message}` });
    }
  }
  return { outcomes, detector };
}
