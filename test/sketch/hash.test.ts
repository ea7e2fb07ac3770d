import { describe, expect, it } from 'vitest';
import { fmix32, hashWindow, murmurFinish, murmurStep, reduceRange } from '../../src/sketch/hash.js';
import { rng } from '../helpers/random.js';

const M32 = (1n << 32n) - 1n;
const mul = (a: bigint, b: bigint) => (a * b) & M32;
const rotl = (x: bigint, r: bigint) => ((x << r) | (x >> (32n - r))) & M32;

/** MurmurHash3_x86_32 over 32-bit blocks, in BigInt: the exact reference. */
function murmurRef(blocks: number[], seed: number): number {
  let h = BigInt(seed >>> 0);
  for (const block of blocks) {
    let k = mul(BigInt(block >>> 0), 0xcc9e2d51n);
    k = rotl(k, 15n);
    k = mul(k, 0x1b873593n);
    h ^= k;
    h = rotl(h, 13n);
    h = (mul(h, 5n) + 0xe6546b64n) & M32;
  }
  h ^= BigInt(blocks.length * 4);
  h ^= h >> 16n;
  h = mul(h, 0x85ebca6bn);
  h ^= h >> 13n;
  h = mul(h, 0xc2b2ae35n);
  h ^= h >> 16n;
  return Number(h);
}

describe('32-bit hashing', () => {
  it('matches a BigInt reference of MurmurHash3 on 10,000 random inputs', () => {
    const random = rng(7);
    for (let i = 0; i < 10_000; i++) {
      const n = 1 + Math.floor(random() * 6);
      const blocks = Array.from({ length: n }, () => Math.floor(random() * 4294967296));
      const seed = Math.floor(random() * 4294967296);
      expect(hashWindow(blocks, 0, n, seed)).toBe(murmurRef(blocks, seed));
    }
  });

  it('matches published MurmurHash3_x86_32 vectors', () => {
    // "" with seed 1 → 0x514E28B7; bytes 00 00 00 00 with seed 0 → 0x2362F9DE
    expect(murmurFinish(1, 0)).toBe(0x514e28b7);
    expect(murmurFinish(murmurStep(0, 0), 1)).toBe(0x2362f9de);
    // "abcd" (0x64636261 little-endian) with seed 0x9747b28c → 0xF0478627
    expect(murmurFinish(murmurStep(0x9747b28c, 0x64636261), 1)).toBe(0xf0478627);
  });

  it('fmix32 returns uint32 values and is a bijection on a sample', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) {
      const h = fmix32(i * 2654435761);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThan(4294967296);
      seen.add(h);
    }
    expect(seen.size).toBe(100_000);
  });

  it('reduceRange equals floor(floor(h / 2^16)·n / 2^16) computed in BigInt, always in [0, n)', () => {
    const random = rng(3);
    for (let i = 0; i < 10_000; i++) {
      const h = Math.floor(random() * 4294967296);
      const n = 1 + Math.floor(random() * 65536);
      expect(reduceRange(h, n)).toBe(Number(((BigInt(h) >> 16n) * BigInt(n)) >> 16n));
      expect(reduceRange(h, n)).toBeLessThan(n);
    }
  });
});
