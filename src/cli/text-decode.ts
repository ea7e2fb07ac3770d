/**
 * Strict UTF-8 decoding of input bytes: invalid UTF-8 or binary data is reported, never turned
 * silently into U+FFFD replacement characters.
 */

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Why `bytes` is not text, or undefined if it is UTF-8 text. */
export function notTextReason(bytes: Uint8Array): string | undefined {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return 'it is gzip-compressed (decompress it first, e.g. gunzip -c FILE | neardup scan -)';
  if (bytes.subarray(0, 8192).includes(0)) return 'it is binary, not text (it contains NUL bytes)';
  return undefined;
}

/** Decodes UTF-8 (a leading BOM is dropped); undefined if the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}
