/**
 * Detector snapshot files: `saveDetectorFile` writes `detector.save()` atomically (temporary
 * file, fsync, rename) and `loadDetectorFile` reads it back through `Detector.load`.
 */
import { InvalidArgumentError, describe } from '../errors.js';
import { readSnapshotFile } from '../index/snapshot.js';
import { writeFileAtomic } from '../util/atomic-file.js';
import { assertOptions, assertString } from '../validate.js';
import { Detector } from './detector.js';
import type { DetectorLoadOptions } from './snapshot.js';

/**
 * Saves `detector` to `path` atomically: a crash mid-write leaves the previous file intact.
 *
 * @throws StorageError when the file cannot be written.
 * @example
 * ```ts
 * await saveDetectorFile(detector, '/var/lib/news/detector.nddt');
 * const again = await loadDetectorFile('/var/lib/news/detector.nddt');
 * ```
 */
export async function saveDetectorFile(detector: Detector, path: string): Promise<void> {
  if (!(detector instanceof Detector)) throw new InvalidArgumentError(`detector must be a Detector, got ${describe(detector)}`);
  await writeFileAtomic(path, await detector.save());
}

/**
 * Loads a detector saved by `saveDetectorFile`; options as `Detector.load`.
 *
 * @throws StorageError when the file cannot be read; otherwise as `Detector.load`.
 * @example
 * ```ts
 * const detector = await loadDetectorFile('detector.nddt', { cacheSize: 10_000 });
 * ```
 */
export async function loadDetectorFile(path: string, options?: DetectorLoadOptions): Promise<Detector> {
  assertString(path, 'path');
  assertOptions(options, 'loadDetectorFile options');
  return Detector.load(await readSnapshotFile(path, 'detector'), options);
}
