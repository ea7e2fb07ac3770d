/**
 * Input limits shared by `compare`, `findRepeats` and the Detector: above them a typed
 * `LimitExceededError` says which limit and how to raise it, instead of minutes of work or an
 * out-of-memory crash.
 */
import { describe, InvalidArgumentError, LimitExceededError } from '../errors.js';
import { assertInteger } from '../validate.js';

/** Input limits; each defaults to `DEFAULT_LIMITS`. */
export interface Limits {
  /** Characters (UTF-16 code units) of one text. Default 16 Mi. */
  maxLength?: number;
  /** Paragraphs of one text. Default 200,000. */
  maxParagraphs?: number;
}

/** Default input limits: a text longer than this is refused with LimitExceededError. */
export const DEFAULT_LIMITS: Readonly<Required<Limits>> = Object.freeze({
  maxLength: 16 * 1024 * 1024,
  maxParagraphs: 200_000,
});

/** Validates `limits` (undefined for the defaults) and fills in the defaults. */
export function resolveLimits(limits: unknown, name = 'limits'): Required<Limits> {
  if (limits === undefined) return DEFAULT_LIMITS;
  if (limits === null || typeof limits !== 'object' || Array.isArray(limits)) {
    throw new InvalidArgumentError(`${name} must be an object { maxLength?, maxParagraphs? } or undefined, got ${describe(limits)}`);
  }
  const { maxLength = DEFAULT_LIMITS.maxLength, maxParagraphs = DEFAULT_LIMITS.maxParagraphs } = limits as Limits;
  assertInteger(maxLength, `${name}.maxLength`, 1);
  assertInteger(maxParagraphs, `${name}.maxParagraphs`, 1);
  return { maxLength, maxParagraphs };
}

/** Throws `LimitExceededError` if `text` is longer than `limits.maxLength`. */
export function checkLength(text: string, limits: Required<Limits>, what = 'text length'): void {
  if (text.length > limits.maxLength) {
    throw new LimitExceededError(what, text.length, limits.maxLength, 'split the text or raise limits.maxLength');
  }
}

/** Throws `LimitExceededError` if `count` paragraphs are more than `limits.maxParagraphs`. */
export function checkParagraphs(count: number, limits: Required<Limits>): void {
  if (count > limits.maxParagraphs) {
    throw new LimitExceededError('paragraph count', count, limits.maxParagraphs, 'split the text or raise limits.maxParagraphs');
  }
}
