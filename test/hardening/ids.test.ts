/**
 * The id rules, the same everywhere: any well-formed string of at most 4,096 UTF-16 code units,
 * the empty string and "__proto__" included; lone surrogates and longer ids are refused on insert
 * and simply absent on look-up.
 */
import { describe, expect, it } from 'vitest';
import { Detector, InvalidArgumentError, LshIndex, MinHasher } from '../../src/index.js';
import { PassageIndex } from '../../src/index/passage-index.js';
import { MAX_ID_LENGTH } from '../../src/validate.js';

const good = ['', '__proto__', 'constructor', 'toString', 'a:b:c', ' spaced id ', '東京-🙂', 'x'.repeat(MAX_ID_LENGTH)];
const bad = ['\ud800', 'a\udfffb', 'x'.repeat(MAX_ID_LENGTH + 1)];
const text = 'Japan and the European Union unveiled a security and defence partnership in Tokyo on Friday.';
const sig = new MinHasher().sign(text);
const shingles = new MinHasher().shingle(text);

describe('id rules', () => {
  it('LshIndex accepts every valid id and refuses the others with InvalidArgumentError', async () => {
    const index = new LshIndex();
    for (const id of good) await index.insert(id, sig);
    expect((await index.query(sig)).map((m) => m.id).sort()).toEqual([...good].sort());
    for (const id of bad) {
      await expect(index.insert(id, sig)).rejects.toBeInstanceOf(InvalidArgumentError);
      expect(await index.has(id)).toBe(false);
      expect(await index.remove(id)).toBe(false);
    }
  });

  it('PassageIndex follows the same rules', async () => {
    const index = new PassageIndex();
    for (const id of good) await index.add(id, shingles);
    expect([...(await index.lookup([shingles]))[0]!.keys()].sort()).toEqual([...good].sort());
    for (const id of bad) {
      await expect(index.add(id, shingles)).rejects.toThrow(/lone UTF-16 surrogate|above the limit/);
      expect(await index.has(id)).toBe(false);
    }
  });

  it('Detector follows the same rules', async () => {
    const detector = new Detector();
    for (const [i, id] of good.entries()) await detector.add({ id, text: `${text} Version ${i}.` });
    expect(await detector.size()).toBe(good.length);
    for (const id of good) expect(await detector.has(id)).toBe(true);
    for (const id of bad) {
      await expect(detector.add({ id, text })).rejects.toBeInstanceOf(InvalidArgumentError);
      expect(await detector.remove(id)).toBe(false);
    }
    expect(await detector.remove('__proto__')).toBe(true);
    expect(await detector.has('__proto__')).toBe(false);
  });
});
