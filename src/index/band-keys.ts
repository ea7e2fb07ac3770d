/**
 * LSH banding (Indyk & Motwani 1998; Broder 1997): a signature of bands·rows values is cut into
 * bands; two documents are candidates when all rows of some band agree. A band is keyed by the
 * MurmurHash3 of its values, seeded with the band number so equal bands in different positions differ.
 */
import { InvalidArgumentError } from '../errors.js';
import { murmurFinish, murmurStep } from '../sketch/hash.js';
import { assertInteger, assertUint32Array } from '../validate.js';

/** The `bands` bucket keys of signature `values` (band b covers values[b·rows, (b+1)·rows)). */
export function bandKeysOf(values: Uint32Array, bands: number, rows: number, out?: Uint32Array): Uint32Array {
  assertUint32Array(values, 'values');
  assertInteger(bands, 'bands', 1);
  assertInteger(rows, 'rows', 1);
  if (bands * rows > values.length) {
    throw new InvalidArgumentError(`bands × rows (${bands} × ${rows}) exceeds the ${values.length} signature values; use the signature's numPerm`);
  }
  if (out !== undefined) assertUint32Array(out, 'out');
  return bandKeysInto(values, bands, rows, out ?? new Uint32Array(bands));
}

/** `bandKeysOf` without argument checks, for the index's own calls. */
export function bandKeysInto(values: Uint32Array, bands: number, rows: number, out: Uint32Array): Uint32Array {
  for (let b = 0; b < bands; b++) {
    let h = b;
    const from = b * rows;
    for (let r = 0; r < rows; r++) h = murmurStep(h, values[from + r]!);
    out[b] = murmurFinish(h, rows);
  }
  return out;
}
