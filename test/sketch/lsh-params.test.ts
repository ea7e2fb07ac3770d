import { describe, expect, it } from 'vitest';
import { Detector, InvalidArgumentError, LshIndex, lshParams } from '../../src/index.js';
import { MAX_LSH_NUM_PERM } from '../../src/sketch/lsh-params.js';
import { exhaustiveLshParams } from '../helpers/lsh-exhaustive.js';

describe('lshParams', () => {
  it.each([
    [0.5, { bands: 25, rows: 5 }],
    [0.7, { bands: 14, rows: 9 }],
    [0.8, { bands: 9, rows: 13 }],
    [0.9, { bands: 5, rows: 25 }],
  ])('gives datasketch’s choice for threshold %s at numPerm 128', (threshold, expected) => {
    expect(lshParams(threshold, 128)).toEqual(expected);
  });

  it('weights false negatives when asked', () => {
    const balanced = lshParams(0.5, 128);
    const recallFirst = lshParams(0.5, 128, [0.1, 0.9]);
    // more bands of fewer rows raise the curve: more recall below the threshold
    expect(recallFirst.rows).toBeLessThanOrEqual(balanced.rows);
    expect(recallFirst.bands * recallFirst.rows).toBeLessThanOrEqual(128);
  });

  it('rejects bad arguments', () => {
    expect(() => lshParams(0, 128)).toThrow(InvalidArgumentError);
    expect(() => lshParams(1, 128)).toThrow(/threshold must be a number in \(0, 1\)/);
    expect(() => lshParams(0.5, 0)).toThrow(InvalidArgumentError);
    expect(() => lshParams(0.5, 128, [0.5, 0.6])).toThrow(/summing to 1/);
  });
});

describe('lshParams search', () => {
  it('gives exactly the exhaustive search’s answer', () => {
    const weights: [number, number][] = [[0.5, 0.5], [0.1, 0.9], [0.9, 0.1], [0, 1], [1, 0]];
    for (const numPerm of [8, 50, 128, 200]) {
      for (const threshold of [0.01, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 0.99]) {
        for (const w of weights) {
          expect(lshParams(threshold, numPerm, w), `${threshold} ${numPerm} ${w}`).toEqual(exhaustiveLshParams(threshold, numPerm, w));
        }
      }
    }
  });

  it(`takes numPerm up to MAX_LSH_NUM_PERM (${MAX_LSH_NUM_PERM}), and says what to do above`, () => {
    expect(lshParams(0.5, MAX_LSH_NUM_PERM).bands * lshParams(0.5, MAX_LSH_NUM_PERM).rows).toBeLessThanOrEqual(MAX_LSH_NUM_PERM);
    expect(() => lshParams(0.5, MAX_LSH_NUM_PERM + 1)).toThrow(/give LshIndex bands and rows/);
    expect(() => new Detector({ numPerm: 65536 })).toThrow(InvalidArgumentError);
    expect(new LshIndex({ numPerm: 65536, bands: 64, rows: 1024 }).bands).toBe(64);
  });
});
