import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { splitParagraphs, type Paragraph } from '../../src/text/paragraphs.js';
import { newsCorpus } from '../helpers/corpus.js';
import { fixture } from '../helpers/fixtures.js';

/** Asserts the offset invariants and returns the texts. */
function checked(text: string, paragraphs: Paragraph[]): string[] {
  paragraphs.forEach((p, k) => {
    expect(p.index).toBe(k);
    expect(text.slice(p.start, p.end)).toBe(p.text);
    expect(p.text.trim()).toBe(p.text);
    expect(p.text.length).toBeGreaterThan(0);
    if (k > 0) expect(p.start).toBeGreaterThan(paragraphs[k - 1]!.end);
  });
  return paragraphs.map((p) => p.text);
}

function texts(text: string): string[] {
  return checked(text, splitParagraphs(text));
}

const WRAPPED = [
  'The European Union is seeking security and defense industry',
  'partnerships with Japan and South Korea aimed at joint development',
  'of military equipment, the Nikkei newspaper reported on Sunday,',
  'citing an unnamed senior official of the bloc in Brussels.',
];

describe('splitParagraphs', () => {
  it('splits blank-line separated paragraphs, LF and CRLF alike', () => {
    expect(texts('Title\n\nFirst one.\n\n\nSecond one.\n')).toEqual(['Title', 'First one.', 'Second one.']);
    expect(texts('Title\r\n\r\nFirst one.\r\n  \r\nSecond one.\r\n')).toEqual(['Title', 'First one.', 'Second one.']);
    expect(texts('A one.\rB two.')).toEqual(['A one.', 'B two.']);
  });

  it('makes each line a paragraph when lines are not hard-wrapped', () => {
    const long = (s: string) => `${s} ${'filler words here '.repeat(8)}end.`;
    expect(texts([long('One'), long('Two'), 'Targeting China?', long('Three')].join('\n'))).toHaveLength(4);
    expect(texts('Short one.\nShort two.\nShort three.')).toEqual(['Short one.', 'Short two.', 'Short three.']);
  });

  it('joins hard-wrapped lines and keeps the inner line breaks', () => {
    const block = WRAPPED.join('\n');
    const ps = splitParagraphs(`${block}\n\n${block}`);
    expect(checked(`${block}\n\n${block}`, ps)).toEqual([block, block]);
    expect(ps[0]!.text).toContain('\n');
  });

  it('starts a paragraph at each indented line of wrapped newswire', () => {
    const text = `${WRAPPED.join('\n')}\n    The bloc hopes to reach a ministerial-level agreement with\nJapan by yearend.\n    Representatives were not available.\n Reuter`;
    expect(texts(text)).toEqual([
      WRAPPED.join('\n'),
      'The bloc hopes to reach a ministerial-level agreement with\nJapan by yearend.',
      'Representatives were not available.\n Reuter',
    ]);
  });

  it('never joins a line longer than 100 characters to another', () => {
    const long = 'A long paragraph that was never hard wrapped, because it is far longer than any wrap width ever used.';
    expect(long.length).toBeGreaterThan(100);
    expect(texts(`${long}\n  An indented line\n${long}\nshort tail`)).toEqual([long, 'An indented line', long, 'short tail']);
  });

  it('keeps list items apart', () => {
    const text = 'The government had claimed tobacco firms\n - manipulated nicotine levels to increase addiction\n - targeted teenagers with multi-billion dollar advertising campaigns\n - lied about the dangers of smoking and ignored research to the contrary.';
    expect(texts(text)).toHaveLength(4);
  });

  it('drops whitespace-only paragraphs and handles edge inputs', () => {
    expect(splitParagraphs('')).toEqual([]);
    expect(splitParagraphs(' \n\t\n\u00a0\n')).toEqual([]);
    expect(texts('\u00a0 Hello \u00a0')).toEqual(['Hello']);
    expect(texts('one\u2029two')).toEqual(['one', 'two']);
    expect(splitParagraphs('\u00a0x')[0]).toMatchObject({ start: 1, end: 2 });
  });

  it('finds the fixture paragraphs', () => {
    expect(texts(fixture('000'))).toHaveLength(10);
    expect(texts(fixture('001'))).toHaveLength(15);
    expect(texts(fixture('002'))).toHaveLength(16);
    expect(texts(fixture('003'))).toHaveLength(21);
    expect(texts(fixture('004'))).toHaveLength(21);
    expect(texts(fixture('004'))[0]).toBe('World');
    expect(texts(fixture('004'))[20]).toBe('Source link');
    // 002 and 004 are blank-line separated: every non-blank line is a paragraph
    for (const id of ['002', '004']) {
      expect(texts(fixture(id))).toEqual(fixture(id).split('\n').map((l) => l.trim()).filter(Boolean));
    }
  });

  it('throws InvalidArgumentError for a non-string', () => {
    expect(() => splitParagraphs(undefined as unknown as string)).toThrow(InvalidArgumentError);
  });

  it('is linear: 10 MB of text in 100k lines, and one 10 MB line', () => {
    const wrapped = `${WRAPPED.join('\n')}\n    ${WRAPPED.join('\n')}\n\n`;
    const big = wrapped.repeat(Math.ceil(10_000_000 / wrapped.length));
    let t = performance.now();
    const ps = splitParagraphs(big);
    expect(ps.length).toBe(2 * Math.ceil(10_000_000 / wrapped.length));
    expect(performance.now() - t).toBeLessThan(5_000);
    const oneLine = 'word '.repeat(2_000_000);
    t = performance.now();
    expect(splitParagraphs(oneLine)).toHaveLength(1);
    const shortLines = 'Short line.\n'.repeat(800_000);
    expect(splitParagraphs(shortLines)).toHaveLength(800_000);
    expect(performance.now() - t).toBeLessThan(5_000);
  });
});

describe('splitParagraphs on the 1987 Reuters wire layout (hard-wrapped, indented paragraph starts)', () => {
  const docs = newsCorpus(400, 'reuters');

  it('finds exactly the paragraphs that were written, joining their wrapped lines', () => {
    for (const doc of docs) {
      const got = checked(doc.text, splitParagraphs(doc.text)).map((t) => t.replace(/\s*\n\s*/g, ' '));
      expect(got, doc.id).toEqual(doc.paragraphs);
    }
  });
});

describe('splitParagraphs on one-paragraph-per-line text', () => {
  it('makes every non-blank line a paragraph', () => {
    for (const doc of newsCorpus(400, 'lines')) {
      expect(checked(doc.text, splitParagraphs(doc.text)), doc.id).toEqual(doc.paragraphs);
    }
  });
});
