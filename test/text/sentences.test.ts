import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { splitParagraphs } from '../../src/text/paragraphs.js';
import { splitSentences } from '../../src/text/sentences.js';
import { fixture } from '../helpers/fixtures.js';
import { newsCorpus } from '../helpers/corpus.js';

function sentences(text: string): string[] {
  return splitSentences(text).map((s) => s.text);
}

describe('splitSentences', () => {
  it('splits at . ! ? before a capital, digit or quote', () => {
    expect(sentences('One here. Two there! Three? 4 is a digit. "Quoted," he said. ‘Curly’ too.')).toEqual([
      'One here.', 'Two there!', 'Three?', '4 is a digit.', '"Quoted," he said.', '‘Curly’ too.',
    ]);
  });

  it('keeps closing quotes and brackets with the sentence they end', () => {
    expect(sentences('He said "we live in a very dangerous world." The EU agreed.')).toEqual([
      'He said "we live in a very dangerous world."', 'The EU agreed.',
    ]);
    expect(sentences('It rose (a lot.) Then it fell.')).toEqual(['It rose (a lot.)', 'Then it fell.']);
  });

  it('does not split before lowercase or inside decimals', () => {
    expect(sentences('Arrivals were 5.93 mln bags. that is all.')).toEqual(['Arrivals were 5.93 mln bags. that is all.']);
  });

  it('does not split after titles, initials and Latin shorthands', () => {
    expect(sentences('Mr. Abe met Dr. Smith and Gen. Nakatani. John F. Kennedy, e.g. Another name.')).toEqual([
      'Mr. Abe met Dr. Smith and Gen. Nakatani.', 'John F. Kennedy, e.g. Another name.',
    ]);
  });

  it('splits after U.S., Inc. or Jan. only before a typical sentence opener', () => {
    expect(sentences('Exports to the U.S. The gain was 5 pct.')).toEqual(['Exports to the U.S.', 'The gain was 5 pct.']);
    expect(sentences('U.S. President Biden spoke. Apple Inc. Chairman Tim spoke on Jan. 5 at noon.')).toEqual([
      'U.S. President Biden spoke.', 'Apple Inc. Chairman Tim spoke on Jan. 5 at noon.',
    ]);
    expect(sentences('It was sold to Exxon Corp. It closed today.')).toEqual(['It was sold to Exxon Corp.', 'It closed today.']);
  });

  it('splits CJK text at 。！？ without spaces', () => {
    expect(sentences('日本とEUが防衛協力。新しい合意です！本当？')).toEqual(['日本とEUが防衛協力。', '新しい合意です！', '本当？']);
  });

  it('returns offsets into the text plus the offset argument', () => {
    const text = '  First one.  Second one.\n Third ';
    const spans = splitSentences(text, 100);
    expect(spans.map((s) => s.text)).toEqual(['First one.', 'Second one.', 'Third']);
    for (const s of spans) expect(text.slice(s.start - 100, s.end - 100)).toBe(s.text);
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n ')).toEqual([]);
  });

  it('keeps the offset invariant inside fixture paragraphs and wire-layout stories', () => {
    const texts = [fixture('000'), fixture('001'), fixture('004'), ...newsCorpus(500, 'reuters').map((d) => d.text)];
    let count = 0;
    for (const text of texts) {
      for (const p of splitParagraphs(text)) {
        for (const s of splitSentences(p.text, p.start)) {
          expect(text.slice(s.start, s.end)).toBe(s.text);
          expect(s.text.trim()).toBe(s.text);
          count++;
        }
      }
    }
    expect(count).toBeGreaterThan(1000);
  });

  it('splits a fixture paragraph into its sentences', () => {
    const p = splitParagraphs(fixture('000'))[4]!; // "Japan, despite a constitution ... In recent years ..."
    const spans = splitSentences(p.text, p.start).map((s) => s.text);
    expect(spans).toHaveLength(2);
    expect(spans[1]).toMatch(/^In recent years/);
  });

  it('is linear on long inputs', () => {
    const text = 'Mr. A. B. went to the U.S. and said no. '.repeat(200_000);
    const t = performance.now();
    expect(splitSentences(text).length).toBeGreaterThan(0);
    expect(performance.now() - t).toBeLessThan(5_000);
  });

  it('throws InvalidArgumentError for bad arguments', () => {
    expect(() => splitSentences(5 as unknown as string)).toThrow(InvalidArgumentError);
    expect(() => splitSentences('x', -1)).toThrow(InvalidArgumentError);
    expect(() => splitSentences('x', 1.5)).toThrow(InvalidArgumentError);
  });
});
