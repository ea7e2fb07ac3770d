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

/** True for a plain object: `{ … }` or `Object.create(null)`, not an array, a typed array, a Date, a Map… */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Throws unless `value` is undefined or a plain options object. */
export function assertOptions(value: unknown, name: string): asserts value is object | undefined {
  if (value !== undefined && !isPlainObject(value)) {
    throw new InvalidArgumentError(`${name} must be an options object or undefined, got ${describe(value)}`);
  }
}

/** Throws unless `value` is an object (a record such as a Comparison or a pair): not null, an array or a primitive. */
export function assertRecord(value: unknown, name: string, shape: string): asserts value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || ArrayBuffer.isView(value)) {
    throw new InvalidArgumentError(`${name} must be ${shape}, got ${describe(value)}`);
  }
}

/** Throws unless `value` is a finite number. */
export function assertFinite(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidArgumentError(`${name} must be a finite number, got ${describe(value)}`);
  }
}

/** Throws unless `value` is an array. */
export function assertArray(value: unknown, name: string, of: string): asserts value is unknown[] {
  if (!Array.isArray(value)) throw new InvalidArgumentError(`${name} must be an array of ${of}, got ${describe(value)}`);
}

/** Throws unless `value` is a Uint32Array. */
export function assertUint32Array(value: unknown, name: string): asserts value is Uint32Array {
  if (!(value instanceof Uint32Array)) throw new InvalidArgumentError(`${name} must be a Uint32Array, got ${describe(value)}`);
}

/** Throws unless `value` is undefined or a boolean. */
export function assertOptionalBoolean(value: unknown, name: string): asserts value is boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new InvalidArgumentError(`${name} must be true or false, got ${describe(value)}`);
  }
}

/** Longest id accepted, in UTF-16 code units. */
export const MAX_ID_LENGTH = 4096;

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** True for a valid id: any well-formed string (the empty string included) of at most 4,096 code units. */
export function isValidId(id: unknown): id is string {
  return typeof id === 'string' && id.length <= MAX_ID_LENGTH && !LONE_SURROGATE.test(id);
}

/**
 * Throws unless `id` is a valid id: a string, well-formed UTF-16 (no lone surrogates, which
 * cannot survive UTF-8 in snapshots or Redis keys), at most 4,096 code units. Any such string is
 * fine: "", "__proto__", "constructor", spaces, colons, emoji.
 */
export function assertId(id: unknown, name = 'id'): asserts id is string {
  assertString(id, name);
  if (id.length > MAX_ID_LENGTH) {
    throw new InvalidArgumentError(`${name} is ${id.length} characters long, above the limit of ${MAX_ID_LENGTH}; use a shorter id (e.g. a hash of the URL)`);
  }
  if (LONE_SURROGATE.test(id)) {
    throw new InvalidArgumentError(`${name} ${describe(id)} contains a lone UTF-16 surrogate and cannot be stored as UTF-8; use id.toWellFormed() or another id`);
  }
}
