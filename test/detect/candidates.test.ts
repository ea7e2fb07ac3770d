/**
 * rankByEvidence: which candidates are worth verifying, and in what order.
 */
import { describe, expect, it } from 'vitest';
import { rankByEvidence } from '../../src/detect/candidates.js';

const settings = { minShared: 3, hitShare: 0.1, maxCandidates: 32 };

describe('rankByEvidence', () => {
  it('keeps a document-index hit, two paragraph hits, or one paragraph half shared; drops weaker evidence', () => {
    const lookups = [
      new Map([['two-a', 5], ['one-weak', 12], ['one-half', 20], ['too-few', 2]]),
      new Map([['two-a', 4], ['below-share', 3]]),
    ];
    const ranked = rankByEvidence([{ id: 'doc', similarity: 0.3 }], lookups, [40, 40], undefined, settings);
    expect(new Set(ranked)).toEqual(new Set(['doc', 'two-a', 'one-half']));
    // 'one-weak' hit one paragraph at 30%; 'too-few' shares 2 < 3 shingles; 'below-share' 3/40 < 10%
  });

  it('ranks document-index hits first, then by the paragraph shares found, ties by id; leaves out the query itself', () => {
    const lookups = [new Map([['p-big', 30], ['p-small', 20], ['self', 40], ['doc-low', 10]])];
    const hits = [
      { id: 'doc-low', similarity: 0.2 },
      { id: 'doc-high', similarity: 0.9 },
      { id: 'self', similarity: 1 },
    ];
    expect(rankByEvidence(hits, lookups, [40], 'self', settings)).toEqual(['doc-high', 'doc-low', 'p-big', 'p-small']);
    expect(rankByEvidence([], [new Map([['b', 20], ['a', 20]])], [40], undefined, settings)).toEqual(['a', 'b']);
  });

  it('returns at most maxCandidates', () => {
    const hits = Array.from({ length: 50 }, (_, i) => ({ id: `d${String(i).padStart(2, '0')}`, similarity: i / 100 }));
    const ranked = rankByEvidence(hits, [], [], undefined, { ...settings, maxCandidates: 5 });
    expect(ranked).toEqual(['d49', 'd48', 'd47', 'd46', 'd45']);
  });
});
