import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Detector } from '../../src/index.js';
import { CountMinSketch } from '../../src/detect/count-min.js';
import { DETECTOR_PIPELINE } from '../../src/detect/pipeline.js';
import { prepareQuery } from '../../src/detect/query.js';
import { countArticle } from '../../src/detect/verify.js';
import { countEncoded, decodeQuery, encodeQuery } from '../../src/parallel/shared-query.js';
import { MinHasher } from '../../src/sketch/minhash.js';
import { fixtureTexts, ROOT } from '../helpers/fixtures.js';

/** Every fixture text: the five articles and the seventeen UDHR scripts (paragraphs as blank-line separated). */
function allFixtureTexts(): string[] {
  const dir = join(ROOT, 'fixtures', 'scripts');
  const scripts = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const d = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { title: string; preamble: string[]; articles: { heading: string; paragraphs: string[] }[] };
      return [d.title, ...d.preamble, ...d.articles.flatMap((a) => [a.heading, ...a.paragraphs])].join('\n\n');
    });
  return [...fixtureTexts().values(), ...scripts];
}

const story = [
  'The harbour authority said on Tuesday that the new container terminal would open in the spring after two years of delays.',
  'Officials expect the terminal to double the number of ships the port can handle each week.',
];
/** Boilerplate paragraphs (long enough that only the boilerplate rule skips them), a paragraph twice, short lines. */
const edgeTexts = [
  [...story, 'Sign up for our daily newsletter to get the latest updates in your inbox.', 'Share this article with your friends and family.', 'Copyright 2024 Harbour News Media. All rights reserved.'].join('\n\n'),
  [story[0], story[1], story[0], 'A second line here that is long enough to count.', story[1]].join('\n\n'),
  [story[0], 'Ports.', 'Big ships', story[1], 'Big ships', 'More to come.'].join('\n\n'),
  [...story, story[0], 'Sign up for our daily newsletter to get the latest updates in your inbox.', 'Sign up for our daily newsletter to get the latest updates in your inbox.', 'OK.'].join('\n\n'),
];

/** The first counter (over all rows) where two sketches differ, or -1 (toEqual on whole rows is slow). */
function firstDifference(a: CountMinSketch, b: CountMinSketch): number {
  const x = a.copyRows();
  const y = b.copyRows();
  expect(x.length).toBe(y.length);
  for (let r = 0, at = 0; r < x.length; r++) {
    for (let i = 0; i < x[r]!.length; i++, at++) if (x[r]![i] !== y[r]![i]) return at;
  }
  return -1;
}

describe('countEncoded counts an encoded article as countArticle counts it decoded', () => {
  const detector = new Detector();
  const s = detector[DETECTOR_PIPELINE]().settings;
  const hasher = new MinHasher({ numPerm: s.numPerm, seed: s.seed, shingleSize: s.shingleSize });
  const min = s.align.repeatMinWords;
  const encoded = [...allFixtureTexts(), ...edgeTexts].map((text) => encodeQuery(prepareQuery(text, undefined, { ...s, hasher })));
  const decoded = encoded.map((sab) => decodeQuery(sab, hasher.params, s.align).prepared);

  it('the texts take every path: boilerplate, repeated and short paragraphs', () => {
    expect(encoded.length).toBe(5 + 17 + edgeTexts.length);
    const units = decoded.flatMap((p) => {
      const { units } = p.units(false);
      return units.map((u) => ({ u, repeated: units.some((v) => v.index < u.index && v.key === u.key) }));
    });
    expect(units.some(({ u }) => u.boilerplate && u.words >= min)).toBe(true);
    expect(units.some(({ u }) => !u.boilerplate && u.words < min)).toBe(true);
    expect(units.some(({ u, repeated }) => repeated && !u.boilerplate && u.words >= min)).toBe(true);
  });

  it('gives the same count-min rows after each article counted, and after each uncounted, back to zero', () => {
    const sketches = () => ({ paragraphs: new CountMinSketch(4, 12), shingles: new CountMinSketch(4, 12) });
    const ref = sketches();
    const enc = sketches();
    const expectSame = (at: string) => {
      expect(firstDifference(enc.paragraphs, ref.paragraphs), at).toBe(-1);
      expect(firstDifference(enc.shingles, ref.shingles), at).toBe(-1);
    };
    const total = (sk: CountMinSketch) => sk.copyRows().reduce((n, row) => n + row.reduce((m, x) => m + Math.abs(x), 0), 0);
    for (let i = 0; i < encoded.length; i++) {
      countArticle(decoded[i]!, ref.paragraphs, ref.shingles, min, 1);
      countEncoded(encoded[i]!, enc.paragraphs, enc.shingles, min, 1);
      expectSame(`counting text ${i}`);
    }
    // the comparison is of real counts
    expect(total(enc.paragraphs)).toBeGreaterThan(0);
    expect(total(enc.shingles)).toBeGreaterThan(0);
    for (let i = encoded.length - 1; i >= 0; i--) {
      countArticle(decoded[i]!, ref.paragraphs, ref.shingles, min, -1);
      countEncoded(encoded[i]!, enc.paragraphs, enc.shingles, min, -1);
      expectSame(`uncounting text ${i}`);
    }
    expect(total(enc.paragraphs)).toBe(0);
    expect(total(enc.shingles)).toBe(0);
  });

  it('counts each text exactly as countArticle does on its own', () => {
    for (let i = 0; i < encoded.length; i++) {
      const ref = new CountMinSketch(4, 12);
      const enc = new CountMinSketch(4, 12);
      const sh = new CountMinSketch(1, 4);
      countArticle(decoded[i]!, ref, sh, min, 1);
      countEncoded(encoded[i]!, enc, sh, min, 1);
      expect(firstDifference(enc, ref), `text ${i}`).toBe(-1);
    }
  });

  it('refuses a buffer of another version', () => {
    const copy = new SharedArrayBuffer(encoded[0]!.byteLength);
    new Uint8Array(copy).set(new Uint8Array(encoded[0]!));
    new Int32Array(copy, 0, 1)[0] = 99;
    const sk = new CountMinSketch(1, 4);
    expect(() => countEncoded(copy, sk, sk, min, 1)).toThrow(/version 99/);
  });
});
