/**
 * Text helpers as the public API offers them, with their arguments checked (InvalidArgumentError);
 * the signing scanner calls the unchecked ones once per character.
 */
import { assertFinite } from '../validate.js';
import * as normalize from './normalize.js';

/**
 * Whether a UTF-16 code unit of normalized text belongs to a word, as natural's WordTokenizer
 * sees it: ASCII letters and digits, `_`, and basic Cyrillic.
 *
 * @example
 * ```ts
 * isWordCharCode('a'.charCodeAt(0)); // true
 * isWordCharCode('é'.charCodeAt(0)); // false (normalize folds it to 'e' first)
 * ```
 */
export function isWordCharCode(c: number): boolean {
  assertFinite(c, 'c');
  return normalize.isWordCharCode(c);
}
