/**
 * Adversarial inputs finish in bounded time (generous limits: these guard against quadratic
 * blow-ups, not against a slow machine) and never crash.
 */
import { describe, expect, it } from 'vitest';
import { Detector, LimitExceededError, MinHasher, compare, findRepeats, splitParagraphs, tokenize } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';
import { newsCorpus } from '../helpers/corpus.js';

const LIMIT_MS = 10_000;

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

const tenMbParagraph = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do '.repeat(170_000);
const oneWordParagraphs = Array.from({ length: 100_000 }, (_, i) => (i % 7 === 0 ? 'Tokyo' : `w${i % 977}`)).join('\n\n');
const millionWords = Array(1_000_000).fill('word').join(' ');
function megabyteText(): string {
  let big = '';
  for (const d of newsCorpus(2225, 'lines')) {
    if (big.length > 1_000_000) break;
    big += d.text + '\n\n';
  }
  while (big.length < 1_000_000) big += fixture('000') + '\n\n' + fixture('003') + '\n\n';
  return big;
}

describe('adversarial inputs finish in bounded time', () => {
  it.each([
    ['a 10 MB single paragraph', tenMbParagraph],
    ['100,000 one-word paragraphs', oneWordParagraphs],
    ['1,000,000 copies of one word', millionWords],
  ])('%s: split, tokenize, sign, findRepeats and compare', (_name, text) => {
    expect(timed(() => splitParagraphs(text)).ms).toBeLessThan(LIMIT_MS);
    expect(timed(() => tokenize(text)).ms).toBeLessThan(LIMIT_MS);
    expect(timed(() => new MinHasher().sign(text)).ms).toBeLessThan(LIMIT_MS);
    expect(timed(() => findRepeats(text)).ms).toBeLessThan(LIMIT_MS);
    const c = timed(() => compare(text, text.slice(0, text.length - 1000)));
    expect(c.ms).toBeLessThan(LIMIT_MS);
    expect(['near-duplicate', 'derived', 'duplicate']).toContain(c.value.relation);
  });

  it('two near-identical 1 MB texts (the worst case for alignment)', () => {
    const big = megabyteText();
    const edited = big.replace(/ the /g, (m, offset: number) => (offset % 5 === 0 ? ' a ' : m));
    const c = timed(() => compare(big, edited));
    expect(c.ms).toBeLessThan(LIMIT_MS);
    expect(c.value.relation).toBe('near-duplicate');
    expect(timed(() => findRepeats(big + '\n\n' + big)).ms).toBeLessThan(LIMIT_MS);
  });

  it('the Detector takes huge articles within its limits and refuses bigger ones with a typed error', async () => {
    const detector = new Detector();
    const added = performance.now();
    await detector.add({ id: 'huge', text: tenMbParagraph });
    await detector.add({ id: 'many', text: oneWordParagraphs });
    await detector.add({ id: 'same', text: millionWords });
    expect((await detector.match(millionWords))[0]!.id).toBe('same');
    expect(performance.now() - added).toBeLessThan(3 * LIMIT_MS);
    const small = new Detector({ limits: { maxLength: 1_000_000, maxParagraphs: 1000 } });
    await expect(small.add({ id: 'x', text: tenMbParagraph })).rejects.toBeInstanceOf(LimitExceededError);
    await expect(small.add({ id: 'y', text: oneWordParagraphs.slice(0, 900_000) })).rejects.toThrow(/paragraph count/);
  });
});
