/**
 * Argument checks shared by every public entry point. Each throws `InvalidArgumentError` with a
 * message naming the argument, what was given and what is expected.
 */
import { describe, InvalidArgumentError } from './errors.js';

/** Throws unless `value` is a string. */
export function assertString(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string') {
    throw new InvalidArgumentError(`${name} must be a string, got ${describe(value)}`);
  }
}

/** Throws unless `value` is an integer in [min, max]. */
export function assertInteger(value: unknown, name: string, min: number, max = Number.MAX_SAFE_INTEGER): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new InvalidArgumentError(`${name} must be an integer ${range}, got ${describe(value)}`);
  }
}

/** Throws unless `value` is a finite number strictly between 0 and 1. */
export function assertOpenUnit(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number' || !(value > 0 && value < 1)) {
    throw new InvalidArgumentError(`${name} must be a number in (0, 1), got ${describe(value)}`);
  }
}

/** Throws unless `value` is a finite number in [0, 1]. */
export function assertUnit(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new InvalidArgumentError(`${name} must be a number in [0, 1], got ${describe(value)}`);
  }
}

/** Throws unless `value` is undefined or a plain options object. */
export function assertOptions(value: unknown, name: string): asserts value is object | undefined {
  if (value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
    throw new InvalidArgumentError(`${name} must be an options object or undefined, got ${describe(value)}`);
  }
}

/** Throws unless `value` is undefined or a boolean. */
export function assertOptionalBoolean(value: unknown, name: string): asserts value is boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new InvalidArgumentError(`${name} must be true or false, got ${describe(value)}`);
  }
}
