import { describe, expect, it } from 'vitest';
import { UnitPostings } from '../../src/align/postings.js';
import { rng } from '../helpers/random.js';

function walk(p: UnitPostings, h: number): number[] {
  const out: number[] = [];
  for (let q = p.first(h); q !== 0; q = p.nextOf(q)) out.push(p.unitOf(q));
  return out;
}

describe('UnitPostings', () => {
  it('lists every unit added under a shingle, latest first, and drops a shingle listed more than max times', () => {
    const random = rng(3);
    // Few distinct keys sharing their low bits (long probe runs), key 0 and keys above 2^31 included.
    const keys = [0, 1, 16, 32, 0x80000000, 0xffffffff, 0x10000, 0x7fffffff];
    const postings = new UnitPostings(400, 9);
    const expected = new Map<number, number[]>();
    for (let unit = 0; unit < 60; unit++) {
      for (const h of keys) {
        if (random() < 0.15) {
          postings.add(h, unit);
          expected.set(h, [unit, ...(expected.get(h) ?? [])]);
        }
      }
    }
    let listed = 0;
    for (const h of keys) {
      const units = expected.get(h) ?? [];
      expect(walk(postings, h)).toEqual(units.length > 9 ? [] : units);
      if (units.length > 0 && units.length <= 9) listed++;
    }
    expect(listed).toBeGreaterThan(1); // both cases seen
    expect(listed).toBeLessThan(keys.length);
    expect(walk(postings, 12345)).toEqual([]);
  });
});
