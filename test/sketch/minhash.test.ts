import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  CorruptDataError,
  IncompatibleSignatureError,
  InvalidArgumentError,
  MinHasher,
  deserializeSignature,
  estimateJaccard,
  serializeSignature,
  shingles,
  tokenize,
} from '../../src/index.js';
import { charShingles } from '../../src/sketch/shingle.js';
import { isEmptySignature } from '../../src/sketch/signature.js';
import { crc32 } from '../../src/util/crc32.js';
import { FIXTURES, ROOT, fixture, fixtureTexts } from '../helpers/fixtures.js';
import { rng, setPair } from '../helpers/random.js';

describe('MinHasher estimates', () => {
  it('is unbiased and within 3σ on 300 random set pairs with known Jaccard', () => {
    const hasher = new MinHasher({ numPerm: 128, seed: 42 });
    const random = rng(2024);
    const errors: number[] = [];
    let outside = 0;
    for (let i = 0; i < 300; i++) {
      const j = 0.05 + 0.9 * random();
      const union = 200 + Math.floor(random() * 800);
      const pair = setPair(random, union, j);
      const est = estimateJaccard(hasher.signShingles(pair.a), hasher.signShingles(pair.b));
      errors.push(est - pair.jaccard);
      const sigma = Math.sqrt((pair.jaccard * (1 - pair.jaccard)) / 128);
      if (Math.abs(est - pair.jaccard) > 3 * sigma) outside++;
    }
    const bias = errors.reduce((s, e) => s + e, 0) / errors.length;
    expect(Math.abs(bias)).toBeLessThanOrEqual(0.01);
    expect(outside / errors.length).toBeLessThanOrEqual(0.01);
  });

  it('keeps its accuracy on small sets that leave most bins empty (densification)', () => {
    const hasher = new MinHasher({ numPerm: 128, seed: 5 });
    const random = rng(11);
    const errors: number[] = [];
    for (let i = 0; i < 300; i++) {
      const pair = setPair(random, 20 + Math.floor(random() * 40), 0.2 + 0.6 * random());
      errors.push(estimateJaccard(hasher.signShingles(pair.a), hasher.signShingles(pair.b)) - pair.jaccard);
    }
    const bias = errors.reduce((s, e) => s + e, 0) / errors.length;
    const rmse = Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / errors.length);
    expect(Math.abs(bias)).toBeLessThanOrEqual(0.02);
    expect(rmse).toBeLessThan(0.12);
  });

  it('gives 1 for a text and itself and for reordered repeats of the same shingles', () => {
    const hasher = new MinHasher();
    const text = fixture('000');
    expect(estimateJaccard(hasher.sign(text), hasher.sign(text))).toBe(1);
    const set = hasher.shingle(text);
    const shuffled = Uint32Array.from([...set].reverse().concat([...set]));
    expect(hasher.signShingles(shuffled).values).toEqual(hasher.sign(text).values);
  });

  it('sign(text) equals signShingles(shingles(tokenize(text), k, seed)) on every fixture', () => {
    for (const k of [1, 3, 5]) {
      const hasher = new MinHasher({ shingleSize: k, seed: 9 });
      for (const [, text] of fixtureTexts()) {
        expect(hasher.sign(text).values).toEqual(hasher.signShingles(shingles(tokenize(text), k, 9)).values);
        expect(hasher.shingle(text)).toEqual(shingles(tokenize(text), k, 9));
      }
    }
  });

  it('treats curly and straight quotes alike', () => {
    const hasher = new MinHasher();
    const a = hasher.sign('Japan’s foreign ministry said “no comment” — again.');
    const b = hasher.sign("Japan's foreign ministry said \"no comment\" - again.");
    expect(a.values).toEqual(b.values);
  });

  it('estimates the fixtures close to their exact 3-shingle Jaccard', () => {
    const hasher = new MinHasher({ numPerm: 256 });
    const a = hasher.shingle(fixture('000'));
    const b = hasher.shingle(fixture('001'));
    const setB = new Set(b);
    const inter = [...a].filter((x) => setB.has(x)).length;
    const exact = inter / (a.length + b.length - inter);
    expect(exact).toBeGreaterThan(0.1);
    expect(exact).toBeLessThan(0.2);
    expect(Math.abs(estimateJaccard(hasher.sign(fixture('000')), hasher.sign(fixture('001'))) - exact)).toBeLessThan(
      3 * Math.sqrt((exact * (1 - exact)) / 256),
    );
  });

  it('signs empty and short texts', () => {
    const hasher = new MinHasher();
    const empty = hasher.sign('');
    // a text without tokens stands for no content: it resembles nothing, not even another such text
    expect(isEmptySignature(empty)).toBe(true);
    expect(isEmptySignature(hasher.sign('   ... 😀 ❤️ ©'))).toBe(true);
    expect(estimateJaccard(empty, hasher.sign('   ...  '))).toBe(0);
    expect(estimateJaccard(empty, hasher.sign('Tokyo'))).toBe(0);
    expect(isEmptySignature(hasher.sign('Tokyo'))).toBe(false);
    expect(estimateJaccard(hasher.sign('Tokyo'), hasher.sign('TOKYO!'))).toBe(1);
    expect(estimateJaccard(hasher.sign('Tokyo Osaka'), hasher.sign('Tokyo Kyoto'))).toBe(0);
  });

  it('supports character shingles for text without spaces', () => {
    const hasher = new MinHasher({ unit: 'char', shingleSize: 3 });
    const a = hasher.sign('日本と欧州連合が安全保障・防衛パートナーシップを発表した');
    const b = hasher.sign('日本と欧州連合が安全保障・防衛パートナーシップを正式に発表した');
    expect(estimateJaccard(a, b)).toBeGreaterThan(0.6);
    expect(charShingles('abcab', 2)).toHaveLength(3); // ab, bc, ca
  });
});

describe('MinHasher determinism', () => {
  it('gives the same signature in a separate process', () => {
    const hasher = new MinHasher({ seed: 123 });
    const mine = Array.from(hasher.sign(fixture('001')).values);
    const script = `
      import { readFileSync } from 'node:fs';
      import { MinHasher } from './src/index.ts';
      const text = readFileSync(${JSON.stringify(FIXTURES)} + '/001_28d2f76ec5bfe934.txt', 'utf8');
      process.stdout.write(JSON.stringify(Array.from(new MinHasher({ seed: 123 }).sign(text).values)));
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(mine);
  });

  it('changes with the seed', () => {
    const text = fixture('002');
    expect(new MinHasher({ seed: 1 }).sign(text).values).not.toEqual(new MinHasher({ seed: 2 }).sign(text).values);
  });
});

describe('MinHasher validation and serialization', () => {
  it('rejects bad options with InvalidArgumentError', () => {
    expect(() => new MinHasher({ numPerm: 3 })).toThrow(InvalidArgumentError);
    expect(() => new MinHasher({ numPerm: 128.5 })).toThrow(/numPerm must be an integer/);
    expect(() => new MinHasher({ shingleSize: 0 })).toThrow(InvalidArgumentError);
    expect(() => new MinHasher({ seed: -1 })).toThrow(InvalidArgumentError);
    expect(() => new MinHasher({ unit: 'line' as 'word' })).toThrow(/unit must be/);
    expect(() => new MinHasher({ unit: 'char', stem: true })).toThrow(InvalidArgumentError);
    expect(() => new MinHasher().sign(42 as unknown as string)).toThrow(/text must be a string/);
  });

  it('refuses to compare signatures made with different settings', () => {
    const text = fixture('000');
    const a = new MinHasher({ shingleSize: 3 }).sign(text);
    expect(() => estimateJaccard(a, new MinHasher({ shingleSize: 5 }).sign(text))).toThrow(IncompatibleSignatureError);
    expect(() => estimateJaccard(a, new MinHasher({ numPerm: 64 }).sign(text))).toThrow(/numPerm \(128 vs 64\)/);
    expect(() => estimateJaccard(a, new MinHasher({ seed: 2 }).sign(text))).toThrow(IncompatibleSignatureError);
  });

  it('carries the stem and stopword language: signatures made in different languages do not compare', () => {
    const text = 'Les élections nationales ont eu lieu dimanche dans tout le pays.';
    expect(new MinHasher({ stem: true }).params.stem).toBe('en');
    expect(new MinHasher({ stem: 'fr', stopwords: 'fr' }).params).toMatchObject({ stem: 'fr', stopwords: 'fr' });
    expect(new MinHasher().params).toMatchObject({ stem: false, stopwords: false });
    const fr = new MinHasher({ stem: 'fr' }).sign(text);
    expect(() => estimateJaccard(fr, new MinHasher({ stem: 'en' }).sign(text))).toThrow(/stem \(fr vs en\)/);
    expect(() => estimateJaccard(fr, new MinHasher().sign(text))).toThrow(IncompatibleSignatureError);
    expect(() => estimateJaccard(fr, new MinHasher({ stem: 'fr', stopwords: 'fr' }).sign(text))).toThrow(/stopwords/);
    // stemming makes inflected forms meet
    const a = new MinHasher({ stem: 'fr', shingleSize: 1 }).sign('élections nationales');
    const b = new MinHasher({ stem: 'fr', shingleSize: 1 }).sign('élection national');
    expect(estimateJaccard(a, b)).toBe(1);
    expect(() => new MinHasher({ stem: 'xx' as 'fr' })).toThrow(/stem must be true \(English\), false or one of en, de/);
    expect(() => new MinHasher({ stopwords: 'de' as 'fr' })).toThrow(InvalidArgumentError); // natural has no German list
  });

  it('round-trips through bytes and rejects damaged bytes', () => {
    const sig = new MinHasher({ numPerm: 64, shingleSize: 4, stem: true }).sign(fixture('003'));
    const bytes = serializeSignature(sig);
    const back = deserializeSignature(bytes);
    expect(back.values).toEqual(sig.values);
    expect(back.params).toEqual(sig.params);
    expect(estimateJaccard(back, sig)).toBe(1);
    expect(() => deserializeSignature(bytes.subarray(0, bytes.length - 1))).toThrow(CorruptDataError);
    expect(() => deserializeSignature(bytes.subarray(0, 10))).toThrow(/truncated/);
    for (const at of [5, 9, 20, bytes.length - 2]) {
      const flipped = bytes.slice();
      flipped[at]! ^= 0x10;
      expect(() => deserializeSignature(flipped)).toThrow(CorruptDataError);
    }
    expect(() => deserializeSignature(new TextEncoder().encode('definitely not a signature at all'))).toThrow(/not a neardup signature/);
    const future = bytes.slice();
    future[4] = 9;
    expect(() => deserializeSignature(future)).toThrow(/version 9/);
  });

  it('round-trips a language, and still reads format version 1 (stem and stopwords then meant English)', () => {
    const sig = new MinHasher({ numPerm: 16, stem: 'ru', stopwords: 'uk' }).sign('Все люди рождаются свободными');
    expect(deserializeSignature(serializeSignature(sig)).params).toEqual(sig.params);
    const english = new MinHasher({ numPerm: 16, stem: true, stopwords: true }).sign('Ships sailing home');
    const v2 = serializeSignature(english);
    // version 1: the same header without bytes 16–19, then the values and a CRC-32
    const v1 = new Uint8Array(v2.length - 4);
    v1.set(v2.subarray(0, 16));
    v1.set(v2.subarray(20, v2.length - 4), 16);
    v1[4] = 1;
    new DataView(v1.buffer).setUint32(v1.length - 4, crc32(v1, 0, v1.length - 4), true);
    const back = deserializeSignature(v1);
    expect(back.params).toEqual(english.params);
    expect(back.values).toEqual(english.values);
    const unknown = serializeSignature(sig);
    unknown[16] = 200;
    new DataView(unknown.buffer).setUint32(unknown.length - 4, crc32(unknown, 0, unknown.length - 4), true);
    expect(() => deserializeSignature(unknown)).toThrow(/unknown settings/);
  });
});
