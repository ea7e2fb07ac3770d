import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, lshParams } from '../../src/index.js';

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
