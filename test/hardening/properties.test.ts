/**
 * Property tests over hostile Unicode (lone surrogates, NUL, RTL marks, emoji, combining marks,
 * CRLF, empty and long strings). Together they run well over 100,000 generated cases.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  InvalidArgumentError,
  MinHasher,
  compare,
  estimateJaccard,
  findRepeats,
  normalize,
  shingles,
  splitParagraphs,
  splitSentences,
  tokenize,
} from '../../src/index.js';
import { notString, prose, text } from '../helpers/arbitraries.js';

const hasher = new MinHasher({ numPerm: 64 });
const RELATIONS = ['duplicate', 'near-duplicate', 'derived', 'related', 'unrelated'];

describe('properties of the text pipeline', () => {
  it('normalize never throws, is idempotent, lowercase and collapsed (20,000 cases)', () => {
    fc.assert(
      fc.property(text(), (t) => {
        const n = normalize(t);
        expect(normalize(n)).toBe(n);
        expect(n).toBe(n.trim());
        expect(n).not.toMatch(/\s\s|[A-Z]/);
      }),
      { numRuns: 20_000 },
    );
  });

  it('splitParagraphs gives valid, ordered, trimmed offsets into the original (20,000 cases)', () => {
    fc.assert(
      fc.property(text(80), (t) => {
        let last = 0;
        splitParagraphs(t).forEach((p, i) => {
          expect(p.index).toBe(i);
          expect(p.start).toBeGreaterThanOrEqual(last);
          expect(p.end).toBeGreaterThan(p.start);
          expect(t.slice(p.start, p.end)).toBe(p.text);
          expect(p.text.trim().length).toBeGreaterThan(0);
          last = p.end;
        });
      }),
      { numRuns: 20_000 },
    );
  });

  it('splitSentences offsets slice the original (10,000 cases)', () => {
    fc.assert(
      fc.property(text(), fc.nat(100), (t, offset) => {
        for (const s of splitSentences(t, offset)) {
          expect(t.slice(s.start - offset, s.end - offset)).toBe(s.text);
          expect(s.end).toBeGreaterThan(s.start);
        }
      }),
      { numRuns: 10_000 },
    );
  });

  it('tokenize gives normalized word tokens, the same for curly and straight quotes (10,000 cases)', () => {
    fc.assert(
      fc.property(text(), (t) => {
        const tokens = tokenize(t);
        for (const token of tokens) {
          expect(token).toMatch(/^[\p{L}\p{M}\p{N}\p{Pc}\u05f3\u05f4]+$/u);
          expect(token.toLowerCase()).toBe(token);
        }
        expect(tokenize(t.replaceAll('’', "'").replaceAll('“', '"'))).toEqual(tokens);
      }),
      { numRuns: 10_000 },
    );
  });

  it('shingles are sorted, distinct, and at most one per window (10,000 cases)', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,3}$/), { maxLength: 40 }), fc.integer({ min: 1, max: 6 }), (tokens, k) => {
        const s = shingles(tokens, k);
        for (let i = 1; i < s.length; i++) expect(s[i]!).toBeGreaterThan(s[i - 1]!);
        expect(s.length).toBeLessThanOrEqual(Math.max(tokens.length > 0 ? 1 : 0, tokens.length - k + 1));
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('properties of signatures', () => {
  it('sign is deterministic, equals the reference path, and estimates 1 against itself when it has tokens (15,000 cases)', () => {
    fc.assert(
      fc.property(text(), (t) => {
        const a = hasher.sign(t);
        expect(a.values).toEqual(hasher.sign(t).values);
        expect(a.values).toEqual(hasher.signShingles(shingles(tokenize(t), 3, 1)).values);
        // a text with tokens resembles itself fully; one without stands for nothing
        expect(estimateJaccard(a, a)).toBe(tokenize(t).length > 0 ? 1 : 0);
      }),
      { numRuns: 15_000 },
    );
  });
});

describe('properties of alignment', () => {
  it('compare(a, a) is a duplicate and compare is symmetric with valid offsets (6,000 cases)', () => {
    fc.assert(
      fc.property(fc.oneof(prose, text()), fc.oneof(prose, text()), (a, b) => {
        expect(compare(a, a).relation).toBe('duplicate');
        const ab = compare(a, b);
        const ba = compare(b, a);
        expect(RELATIONS).toContain(ab.relation);
        expect(ba.relation).toBe(ab.relation);
        expect(ba.score).toBe(ab.score);
        expect(ba.features).toEqual(ab.features);
        expect(ba.coverage).toEqual({ a: ab.coverage.b, b: ab.coverage.a });
        expect(ba.direction).toBe(ab.direction === 'a-from-b' ? 'b-from-a' : ab.direction === 'b-from-a' ? 'a-from-b' : null);
        expect([ba.directionReason, ba.directionCredit]).toEqual([ab.directionReason, ab.directionCredit]);
        expect(ab.score >= 0 && ab.score <= 1).toBe(true);
        expect(ba.alignments.length).toBe(ab.alignments.length);
        for (const x of ab.alignments) {
          expect(0 <= x.a.start && x.a.start < x.a.end && x.a.end <= a.length).toBe(true);
          expect(0 <= x.b.start && x.b.start < x.b.end && x.b.end <= b.length).toBe(true);
        }
        for (const v of [ab.coverage.a, ab.coverage.b, ab.ordered, ab.jaccard]) expect(v >= 0 && v <= 1).toBe(true);
      }),
      { numRuns: 6_000 },
    );
  });

  it('findRepeats reports valid blocks: first before second, offsets in the text (10,000 cases)', () => {
    fc.assert(
      fc.property(fc.oneof(prose, text(80)), (t) => {
        const doubled = t + '\n' + t;
        for (const r of [...findRepeats(t), ...findRepeats(doubled)]) {
          expect(r.first.to).toBeLessThan(r.second.from);
          expect(r.paragraphs).toBe(r.second.to - r.second.from + 1);
          expect(r.similarity >= 0.9 && r.similarity <= 1).toBe(true);
          expect(r.firstSpan.end).toBeLessThanOrEqual(r.secondSpan.start);
        }
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('typed errors for wrong types (10,000 cases)', () => {
  it('every entry point throws InvalidArgumentError, never a TypeError', () => {
    fc.assert(
      fc.property(notString, (bad) => {
        for (const call of [
          () => normalize(bad as never),
          () => splitParagraphs(bad as never),
          () => tokenize(bad as never),
          () => hasher.sign(bad as never),
          () => findRepeats(bad as never),
          () => compare(bad as never, 'x'),
          () => compare('x', bad as never),
        ]) {
          expect(call).toThrow(InvalidArgumentError);
        }
      }),
      { numRuns: 10_000 },
    );
  });
});
