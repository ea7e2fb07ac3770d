import { describe, expect, it } from 'vitest';
import { compare } from '../../src/index.js';
import { sharedSpans } from '../../src/align/shared-spans.js';
import { fixture } from '../helpers/fixtures.js';

const whole = (s: string) => ({ start: 0, end: s.length });

describe('sharedSpans', () => {
  it('marks the maximal run of shared words on both sides, as offsets into the originals', () => {
    const a = 'The pact was signed in Brussels on Monday.';
    const b = 'On Monday the pact was signed in Brussels.';
    const s = sharedSpans(a, whole(a), b, whole(b));
    expect(s).toEqual({ a: [[0, 31]], b: [[10, 41]] });
    expect(a.slice(0, 31)).toBe('The pact was signed in Brussels');
    expect(b.slice(10, 41)).toBe('the pact was signed in Brussels');
  });

  it('ignores case, diacritics and curly quotes; keeps isolated shared words unmarked', () => {
    const a = 'Officials said “Japan’s CAFÉ policy stays” on Friday, not Monday.';
    const b = 'Monday: "Japan\'s café policy stays", they said.';
    const s = sharedSpans(a, whole(a), b, whole(b));
    expect(s.a.map(([x, y]) => a.slice(x, y))).toEqual(['Japan’s CAFÉ policy stays']);
    expect(s.b.map(([x, y]) => b.slice(x, y))).toEqual(["Japan's café policy stays"]);
  });

  it('respects the passage bounds and returns nothing for unrelated passages', () => {
    const a = 'alpha beta gamma delta. alpha beta gamma delta.';
    const b = 'alpha beta gamma delta';
    const s = sharedSpans(a, { start: 24, end: a.length }, b, whole(b));
    expect(s.a).toEqual([[24, 46]]);
    expect(sharedSpans('one two three', whole('one two three'), 'four five six', whole('four five six'))).toEqual({ a: [], b: [] });
  });

  it('short passages count only when equal', () => {
    expect(sharedSpans('Hi there', whole('Hi there'), 'hi THERE', whole('hi THERE'))).toEqual({ a: [[0, 8]], b: [[0, 8]] });
    expect(sharedSpans('Hi there', whole('Hi there'), 'hi you', whole('hi you'))).toEqual({ a: [], b: [] });
  });

  it('on the fixture rewrite, every span lies inside its alignment and spans on both sides hold the same words', () => {
    const wire = fixture('000');
    const rewrite = fixture('001');
    const c = compare(wire, rewrite);
    let marked = 0;
    const words = (t: string) => t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    for (const x of c.alignments) {
      const s = sharedSpans(wire, x.a, rewrite, x.b);
      for (const [p, q] of s.a) expect(p >= x.a.start && q <= x.a.end && q > p).toBe(true);
      for (const [p, q] of s.b) expect(p >= x.b.start && q <= x.b.end && q > p).toBe(true);
      // every shared 3-word phrase on one side occurs in the other side's marked text
      const bMarked = s.b.map(([p, q]) => words(rewrite.slice(p, q)).join(' ')).join(' | ');
      for (const [p, q] of s.a) {
        const w = words(wire.slice(p, q));
        expect(w.length).toBeGreaterThanOrEqual(3);
        expect(bMarked).toContain(w.slice(0, 3).join(' '));
      }
      marked += s.a.length;
    }
    expect(marked).toBeGreaterThan(8);
  });
});
