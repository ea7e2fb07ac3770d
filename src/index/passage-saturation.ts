/**
 * What a snapshot needs of a passage storage: its boilerplate (saturated) shingles, which no
 * document's postings reveal once their holders are gone, and a way to mark them again — so that
 * a restored index skips exactly the shingles the original skipped.
 */
import { describe, InvalidArgumentError } from '../errors.js';
import { assertUint32Array } from '../validate.js';
import type { PassageIndex } from './passage-index.js';
import type { PassageStorage } from './passage-storage.js';

/**
 * The saturated shingles of `storage`, sorted ascending.
 *
 * @example
 * ```ts
 * const boilerplate = await saturatedShingles(detector.passages.storage); // Uint32Array
 * ```
 */
export async function saturatedShingles(storage: PassageStorage): Promise<Uint32Array> {
  if (storage === null || typeof storage !== 'object' || typeof storage.saturated !== 'function') {
    throw new InvalidArgumentError(`storage must be a PassageStorage (e.g. detector.passages.storage), got ${describe(storage)}`);
  }
  return Uint32Array.from(await storage.saturated()).sort();
}

/**
 * Marks `shingles` as boilerplate in the storage of `index` (opening it first).
 *
 * @example
 * ```ts
 * await saturateShingles(fresh.passages, await saturatedShingles(old.passages.storage));
 * ```
 */
export async function saturateShingles(index: PassageIndex, shingles: Uint32Array): Promise<void> {
  if (index === null || typeof index !== 'object' || typeof index.size !== 'function' || typeof index.storage?.saturate !== 'function') {
    throw new InvalidArgumentError(`index must be a PassageIndex (e.g. detector.passages), got ${describe(index)}`);
  }
  assertUint32Array(shingles, 'shingles');
  await index.size(); // opens the storage
  if (shingles.length > 0) await index.storage.saturate(shingles);
}
