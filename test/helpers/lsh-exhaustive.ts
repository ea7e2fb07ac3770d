/** The exhaustive search `lshParams` prunes: every (bands, rows), the first minimum in that order. */
import { falseNegativeArea, falsePositiveArea } from '../../src/sketch/lsh-params.js';

export function exhaustiveLshParams(threshold: number, numPerm: number, w: readonly [number, number] = [0.5, 0.5]): { bands: number; rows: number } {
  let best = { bands: 1, rows: 1 };
  let bestError = Infinity;
  for (let bands = 1; bands <= numPerm; bands++) {
    for (let rows = 1; rows <= Math.floor(numPerm / bands); rows++) {
      const error = w[0] * falsePositiveArea(threshold, bands, rows) + w[1] * falseNegativeArea(threshold, bands, rows);
      if (error < bestError) {
        bestError = error;
        best = { bands, rows };
      }
    }
  }
  return best;
}
