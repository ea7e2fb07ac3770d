/**
 * Little-endian binary encoding for snapshots: a growable `ByteWriter` and a bounds-checked
 * `ByteReader` whose every read throws `CorruptDataError` instead of reading past the end.
 */
import { CorruptDataError } from '../errors.js';

/** True on little-endian hosts, where Uint32Array memory already is the wire layout. */
const HOST_LE = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Appends little-endian values to a buffer that doubles when full.
 *
 * @example
 * ```ts
 * const w = new ByteWriter();
 * w.u32(7); w.string('id'); w.f64(Number.NaN);
 * const bytes = w.finish(); // 4 + (4 + 2) + 8 bytes
 * ```
 */
export class ByteWriter {
  private buf: Uint8Array;
  private view: DataView;
  private pos = 0;

  constructor(initialCapacity = 1024) {
    this.buf = new Uint8Array(Math.max(16, initialCapacity));
    this.view = new DataView(this.buf.buffer);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.pos;
  }

  u8(value: number): void {
    this.ensure(1);
    this.view.setUint8(this.pos, value);
    this.pos += 1;
  }

  u16(value: number): void {
    this.ensure(2);
    this.view.setUint16(this.pos, value, true);
    this.pos += 2;
  }

  u32(value: number): void {
    this.ensure(4);
    this.view.setUint32(this.pos, value, true);
    this.pos += 4;
  }

  f64(value: number): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, value, true);
    this.pos += 8;
  }

  /** Raw bytes, no length prefix. */
  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** A UTF-8 string prefixed by its byte length (u32). */
  string(value: string): void {
    const bytes = encoder.encode(value);
    this.u32(bytes.length);
    this.raw(bytes);
  }

  /** Every value of `values` as u32, no length prefix. */
  u32s(values: Uint32Array): void {
    if (HOST_LE) {
      this.raw(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
      return;
    }
    this.ensure(values.length * 4);
    for (let i = 0; i < values.length; i++) this.view.setUint32(this.pos + 4 * i, values[i]!, true);
    this.pos += values.length * 4;
  }

  /** Reserves a u32 to fill in later with `patchU32`; returns its offset. */
  reserveU32(): number {
    const at = this.pos;
    this.u32(0);
    return at;
  }

  /** Overwrites the u32 at `offset` (from `reserveU32`). */
  patchU32(offset: number, value: number): void {
    this.view.setUint32(offset, value, true);
  }

  /** The bytes written, as a view of the internal buffer (do not write to the writer afterwards). */
  finish(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  private ensure(extra: number): void {
    const need = this.pos + extra;
    if (need <= this.buf.length) return;
    let capacity = this.buf.length * 2;
    while (capacity < need) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
    this.view = new DataView(grown.buffer);
  }
}

/**
 * Reads little-endian values from bytes. Reading past the end, or a string that is not UTF-8,
 * throws `CorruptDataError` naming `what` was being read.
 *
 * @example
 * ```ts
 * const r = new ByteReader(bytes, 'index snapshot');
 * const n = r.u32(); const id = r.string(); const t = r.f64();
 * r.expectEnd();
 * ```
 */
export class ByteReader {
  private readonly view: DataView;
  private pos: number;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly what = 'data',
    from = 0,
    private readonly end = bytes.length,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = from;
  }

  /** Offset of the next read. */
  get offset(): number {
    return this.pos;
  }

  /** Bytes left before the end. */
  get remaining(): number {
    return this.end - this.pos;
  }

  u8(): number {
    const at = this.take(1);
    return this.view.getUint8(at);
  }

  u16(): number {
    const at = this.take(2);
    return this.view.getUint16(at, true);
  }

  u32(): number {
    const at = this.take(4);
    return this.view.getUint32(at, true);
  }

  f64(): number {
    const at = this.take(8);
    return this.view.getFloat64(at, true);
  }

  /** `length` raw bytes, as a view into the source. */
  raw(length: number): Uint8Array {
    const at = this.take(length);
    return this.bytes.subarray(at, at + length);
  }

  /** A u32-length-prefixed UTF-8 string. */
  string(): string {
    const length = this.u32();
    const bytes = this.raw(length);
    try {
      return decoder.decode(bytes);
    } catch (cause) {
      throw new CorruptDataError(`${this.what} holds a string that is not valid UTF-8 at offset ${this.pos - length}; the data was damaged, restore it from a good copy`, { cause });
    }
  }

  /** `count` u32 values, copied into a new Uint32Array. */
  u32s(count: number): Uint32Array {
    const at = this.take(count * 4);
    const out = new Uint32Array(count);
    if (HOST_LE) {
      new Uint8Array(out.buffer).set(this.bytes.subarray(at, at + count * 4));
    } else {
      for (let i = 0; i < count; i++) out[i] = this.view.getUint32(at + 4 * i, true);
    }
    return out;
  }

  /** Skips `length` bytes. */
  skip(length: number): void {
    this.take(length);
  }

  /** Throws `CorruptDataError` unless every byte was read. */
  expectEnd(): void {
    if (this.pos !== this.end) {
      throw new CorruptDataError(`${this.what} has ${this.end - this.pos} unexpected bytes at offset ${this.pos}; the data was padded or damaged, restore it from a good copy`);
    }
  }

  private take(length: number): number {
    if (!(length >= 0) || length > this.end - this.pos) {
      throw new CorruptDataError(
        `${this.what} is truncated: needed ${length} bytes at offset ${this.pos}, only ${this.end - this.pos} left; pass the whole, undamaged data`,
      );
    }
    const at = this.pos;
    this.pos += length;
    return at;
  }
}
