/**
 * Strict UTF-8 decoding of input bytes: invalid UTF-8 or binary data is reported, never turned
 * silently into U+FFFD replacement characters.
 */

import { constants } from 'node:buffer';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** The longest string JavaScript can hold here (UTF-16 code units; ~512 Mi on 64-bit Node). */
export const MAX_STRING_LENGTH = constants.MAX_STRING_LENGTH;

/** Why `what` ("the file", "the line") of `bytes` bytes cannot be read: longer than the longest string. */
export function tooLongReason(what: string, bytes: number): string {
  return `${what} is ${bytes.toLocaleString('en-US')} bytes, too long for one JavaScript string (at most ${MAX_STRING_LENGTH.toLocaleString('en-US')} characters); split it into smaller articles`;
}

/** Why `bytes` is not text, or undefined if it is UTF-8 text. */
export function notTextReason(bytes: Uint8Array): string | undefined {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return 'it is gzip-compressed (decompress it first, e.g. gunzip -c FILE | neardup scan -)';
  if (bytes.subarray(0, 8192).includes(0)) return 'it is binary, not text (it contains NUL bytes)';
  return undefined;
}

/** Decodes UTF-8 (a leading BOM is dropped); undefined if the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  const text = decodeText(bytes);
  return typeof text === 'string' ? text : undefined;
}

/**
 * Decodes UTF-8 text, or says why not: `{ invalid: true }` for invalid UTF-8, `{ invalid: false }`
 * for a text too long for one string (never reported as invalid UTF-8).
 */
export function decodeText(bytes: Uint8Array): string | { invalid: boolean } {
  try {
    return decoder.decode(bytes);
  } catch (err) {
    return { invalid: err instanceof TypeError && (err as NodeJS.ErrnoException).code !== 'ERR_STRING_TOO_LONG' };
  }
}
