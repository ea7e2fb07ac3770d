/**
 * Typed errors. Every error neardup throws on purpose is a `NeardupError`; each kind of misuse
 * has its own exported subclass and a stable `code`, and every message says what to do.
 *
 * @example
 * ```ts
 * import { NeardupError, InvalidArgumentError } from 'neardup';
 * try { new MinHasher({ numPerm: 3 }); }
 * catch (err) { if (err instanceof InvalidArgumentError) console.error(err.message); }
 * ```
 */

/** Base class of every error neardup throws deliberately. */
export class NeardupError extends Error {
  /** Stable machine-readable code, e.g. `'ERR_INVALID_ARGUMENT'`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** An argument has the wrong type or is out of range. */
export class InvalidArgumentError extends NeardupError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_INVALID_ARGUMENT', message, options);
  }
}

/** Two signatures (or a signature and an index) were made with different parameters. */
export class IncompatibleSignatureError extends NeardupError {
  constructor(message: string) {
    super('ERR_INCOMPATIBLE_SIGNATURE', message);
  }
}

/** Serialized bytes are truncated, foreign, of an unknown version, or fail their checksum. */
export class CorruptDataError extends NeardupError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_CORRUPT_DATA', message, options);
  }
}

/** An id was inserted twice into an index or detector. */
export class DuplicateIdError extends NeardupError {
  readonly id: string;

  constructor(id: string) {
    super(
      'ERR_DUPLICATE_ID',
      `id ${JSON.stringify(id)} is already in the index; remove(${JSON.stringify(id)}) it first, or use a unique id`,
    );
    this.id = id;
  }
}

/** An input exceeds a configured limit (document length, paragraph count, ...). */
export class LimitExceededError extends NeardupError {
  readonly limit: string;
  readonly value: number;
  readonly max: number;

  constructor(limit: string, value: number, max: number, remedy: string) {
    super('ERR_LIMIT_EXCEEDED', `${limit} is ${value}, above the limit of ${max}; ${remedy}`);
    this.limit = limit;
    this.value = value;
    this.max = max;
  }
}

/** The storage backend (e.g. Redis) failed or holds data this version cannot use. */
export class StorageError extends NeardupError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_STORAGE', message, options);
  }
}

/** An optional peer dependency (natural, ioredis) is needed for what was asked and is not installed. */
export class MissingDependencyError extends NeardupError {
  /** The npm package to install. */
  readonly dependency: string;

  constructor(dependency: string, message: string, options?: { cause?: unknown }) {
    super('ERR_MISSING_DEPENDENCY', message, options);
    this.dependency = dependency;
  }
}

/**
 * A worker thread of a parallel scan failed — it crashed, ran out of memory, or met an error
 * neardup did not expect — so the scan stopped; the message says what happened and what to do.
 */
export class WorkerError extends NeardupError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_WORKER', message, options);
  }
}

/** Describes a value for an error message without dumping huge strings. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') {
    return value.length > 40 ? `a string of length ${value.length}` : JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return `a ${typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value}`;
}
