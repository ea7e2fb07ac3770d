/**
 * Property tests over hostile Unicode (lone surrogates, NUL, RTL marks, emoji, combining marks,
 * CRLF, empty and long strings). Together they run well over 100,000 generated cases.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Detector,
  InvalidArgumentError,
  MinHasher,
  compare,
  dedupStream,
  renderComparisonHtml,
  renderScanHtml,
  estimateJaccard,
  findRepeats,
  normalize,
  shingles,
  splitParagraphs,
  splitSentences,
  tokenize,
} from '../../src/index.js';
import * as api from '../../src/index.js';
import { editSimilarity } from '../../src/align/similarity.js';
import { escapeHtml } from '../../src/report/escape.js';
import { boilerplateKind } from '../../src/text/boilerplate.js';
import { notString, prose, text } from '../helpers/arbitraries.js';
import { EXEMPT, METHODS, otherType, SHAPES, wrongValues } from './export-shapes.js';

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

describe('typed errors for the inputs of issue 14', () => {
  it.each<[string, () => unknown]>([
    ['escapeHtml(null)', () => escapeHtml(null as never)],
    ['boilerplateKind(42)', () => boilerplateKind(42 as never)],
    ["editSimilarity(null, 'x')", () => editSimilarity(null as never, 'x')],
    ["editSimilarity(42, 'x')", () => editSimilarity(42 as never, 'x')],
    ['renderComparisonHtml(null, …)', () => renderComparisonHtml(null as never, { text: 'b' }, compare('a', 'b'))],
    ['renderScanHtml({})', () => renderScanHtml({} as never)],
    ['dedupStream(null)', () => dedupStream(null as never)],
    ['new MinHasher({ unit: 1n })', () => new MinHasher({ unit: 1n as never })],
    ["signShingles([1.5, -3, 'a'])", () => hasher.signShingles([1.5, -3, 'a'] as never)],
    ['new Detector({ align: { nearSimilarity: 5 } })', () => new Detector({ align: { nearSimilarity: 5 } })],
    ['new Detector({ align: null })', () => new Detector({ align: null as never })],
    ['new Detector({ align: 42 })', () => new Detector({ align: 42 as never })],
    ["new Detector({ align: { repeatMinWords: 1.5 } })", () => new Detector({ align: { repeatMinWords: 1.5 } })],
    ['new Detector({ limits: { maxLength: -1 } })', () => new Detector({ limits: { maxLength: -1 } })],
    ['new Detector(new Map())', () => new Detector(new Map() as never)],
    ["compare('a', 'b', { rewriteJaccard: 2 })", () => compare('a', 'b', { rewriteJaccard: 2 })],
    ["compare('a', 'b', { maxEditChars: '9' })", () => compare('a', 'b', { maxEditChars: '9' as never })],
  ])('%s is an InvalidArgumentError', (_name, call) => {
    expect(call).toThrow(InvalidArgumentError);
  });

  it('editSimilarity never returns NaN for strings', () => {
    expect(editSimilarity('', '')).toBe(1);
    expect(editSimilarity('abc', 'abd')).toBeCloseTo(2 / 3, 12);
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

// ── Every runtime export ────────────────────────────────────────────────────────────────────
// Found by iterating the module, so new exports are covered the day they are added (a missing
// call shape in export-shapes.ts fails the first test). A value of another type in any argument
// position is an InvalidArgumentError: never a raw TypeError, a NaN or silent garbage.

const exported = Object.entries(api).filter(([, v]) => typeof v === 'function') as [string, (...a: unknown[]) => unknown][];

function describeValue(v: unknown): string {
  if (typeof v === 'symbol') return 'Symbol';
  if (Array.isArray(v)) return `[${String(v)}]`;
  if (v === null) return 'null';
  return typeof v === 'object' ? (v as object).constructor.name : String(v);
}

async function outcome(kind: 'new' | 'call', fn: (...a: unknown[]) => unknown, args: unknown[]): Promise<unknown> {
  try {
    const r = kind === 'new' ? new (fn as unknown as new (...a: unknown[]) => unknown)(...args) : fn(...args);
    if (r instanceof Promise) await r;
    return undefined;
  } catch (err) {
    return err;
  }
}

describe('every exported function validates its arguments', () => {
  it('has a call shape (or a stated exemption) for every runtime export', () => {
    const missing = exported.map(([name]) => name).filter((name) => !(name in SHAPES) && !(name in EXEMPT));
    expect(missing, 'add a valid call to test/hardening/export-shapes.ts').toEqual([]);
  });

  for (const [name, fn] of exported) {
    if (name in EXEMPT || !(name in SHAPES)) continue;
    const shape = SHAPES[name]!;
    it(`${name}: a wrong type in any argument is an InvalidArgumentError`, async () => {
      const valid = await shape.args();
      const ok = await outcome(shape.kind, fn, valid);
      if (ok !== undefined) expect(ok, `${name} with its valid arguments`).toBeInstanceOf(api.NeardupError);
      const positions = Math.max(valid.length, 1);
      const failures: string[] = [];
      for (let i = 0; i < positions; i++) {
        if (shape.anyType?.includes(i)) continue;
        for (const [w] of wrongValues().entries()) {
          const wrong = wrongValues()[w];
          if (i < valid.length && !otherType(valid[i], wrong)) continue;
          if (shape.iterable?.includes(i) && typeof wrong === 'object' && wrong !== null && Symbol.iterator in wrong) continue;
          const args = await shape.args();
          if (i >= args.length) continue;
          args[i] = wrong;
          const err = await outcome(shape.kind, fn, args);
          if (!(err instanceof api.InvalidArgumentError)) {
            failures.push(`arg ${i} = ${describeValue(wrong)}: ${err === undefined ? 'accepted' : `${(err as Error).name}: ${(err as Error).message}`}`);
          }
        }
      }
      expect(failures).toEqual([]);
      // And values fast-check makes up, of any type but the right one.
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: positions - 1 }), fc.anything({ withBigInt: true, withTypedArray: true, withMap: true, withSet: true, withDate: true }), async (i, wrong) => {
          const args = await shape.args();
          if (wrong === undefined || i >= args.length || !otherType(args[i], wrong) || shape.anyType?.includes(i)) return; // undefined: an optional argument left out
          if (shape.iterable?.includes(i) && typeof wrong === 'object' && wrong !== null && Symbol.iterator in wrong) return;
          args[i] = wrong;
          expect(await outcome(shape.kind, fn, args)).toBeInstanceOf(api.InvalidArgumentError);
        }),
        { numRuns: 60 },
      );
    });
  }
});

describe('the main classes\' methods validate their arguments', () => {
  for (const [name, shape] of Object.entries(METHODS)) {
    it(`${name}: a wrong type in any argument is an InvalidArgumentError`, async () => {
      const method = name.split('#')[1]!;
      const call = (args: unknown[]) => {
        const self = shape.self() as Record<string, (...a: unknown[]) => unknown>;
        return outcome('call', self[method]!.bind(self), args);
      };
      expect(await call(shape.args())).toBeUndefined();
      const failures: string[] = [];
      for (let i = 0; i < shape.args().length; i++) {
        for (const wrong of wrongValues()) {
          const args = shape.args();
          if (!otherType(args[i], wrong) || shape.alsoValid?.(wrong)) continue;
          args[i] = wrong;
          const err = await call(args);
          if (!(err instanceof api.InvalidArgumentError)) failures.push(`arg ${i} = ${describeValue(wrong)}: ${err === undefined ? 'accepted' : `${(err as Error).name}: ${(err as Error).message}`}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
