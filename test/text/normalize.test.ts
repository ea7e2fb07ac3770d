import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { isWordCharCode, normalize } from '../../src/text/normalize.js';
import { fixture } from '../helpers/fixtures.js';
import { rng } from '../helpers/random.js';

describe('normalize', () => {
  it('maps curly quotes, apostrophes and primes to straight ones', () => {
    expect(normalize('Japan’s')).toBe(normalize("Japan's"));
    expect(normalize('Japan’s')).toBe("japan's");
    expect(normalize('‘a’ ‚b‛ ′c‵ ´d ʼe')).toBe("'a' 'b' 'c' 'd 'e");
    expect(normalize('“a” „b‟ «c» ″d″')).toBe('"a" "b" "c" "d"');
  });

  it('maps every dash and minus to a hyphen-minus', () => {
    expect(normalize('a‐b‑c‒d–e—f―g−h﹘i﹣j－k')).toBe('a-b-c-d-e-f-g-h-i-j-k');
    expect(normalize('TOKYO — The')).toBe(normalize('TOKYO - The'));
  });

  it('collapses NBSP, tabs and line breaks and trims', () => {
    expect(normalize('\u00a0The  European\tUnion\r\n\nis\u2028here\u3000now\u00a0')).toBe(
      'the european union is here now',
    );
    expect(normalize('a\u0085b')).toBe('a b');
  });

  it('collapses every whitespace run to one space, whatever its mix (lone spaces kept in place)', () => {
    const random = rng(7);
    const spaces = [' ', ' ', ' ', '  ', '\n', '\n\n', '\t', '\r\n', '\u00a0', '\u0085', '\u2028', '\u3000', ' \n '];
    const words = ['a', 'b1', 'cd', 'e-f'];
    for (let k = 0; k < 200; k++) {
      const parts: string[] = [];
      const kept: string[] = [];
      if (random() < 0.3) parts.push(spaces[Math.floor(random() * spaces.length)]!);
      for (let w = 0; w < 1 + Math.floor(random() * 8); w++) {
        if (w > 0) parts.push(spaces[Math.floor(random() * spaces.length)]!);
        const word = words[Math.floor(random() * words.length)]!;
        parts.push(word);
        kept.push(word);
      }
      if (random() < 0.3) parts.push(spaces[Math.floor(random() * spaces.length)]!);
      expect(normalize(parts.join(''))).toBe(kept.join(' '));
    }
  });

  it('removes zero-width and format characters and soft hyphens', () => {
    expect(normalize('de\u00adfence zero\u200bwidth jo\u200dined \ufeffbom wo\u2060rd')).toBe(
      'defence zerowidth joined bom word',
    );
  });

  it('applies NFKC: full-width letters, ligatures, compatibility digits', () => {
    expect(normalize('ＥＵ　Ｊａｐａｎ')).toBe('eu japan');
    expect(normalize('ﬁne ﬂow')).toBe('fine flow');
    expect(normalize('x²')).toBe('x2');
  });

  it('folds diacritics by default and keeps them when asked', () => {
    expect(normalize('Café Naïve Łódź Straße')).toBe('cafe naive lodz strasse');
    expect(normalize('Café', { foldDiacritics: false })).toBe('café');
    // decomposed input folds the same as precomposed
    expect(normalize('Cafe\u0301')).toBe('cafe');
    expect(normalize('Cafe\u0301', { foldDiacritics: false })).toBe('café');
  });

  it('folds Cyrillic ё to е but keeps й', () => {
    expect(normalize('Ёлка и йогурт')).toBe('елка и йогурт');
  });

  it('never throws on lone surrogates and makes them U+FFFD', () => {
    expect(normalize('a\ud800b')).toBe('a\ufffdb');
    expect(normalize('\udc00x')).toBe('\ufffdx');
    expect(normalize('ok \ud83d\ude00')).toBe('ok \ud83d\ude00'); // a valid pair survives
  });

  it('gives the ASCII fast path the same result as the full path', () => {
    const random = rng(7);
    const alphabet = 'aZ 09.,\'"-\t\n\r!?_';
    for (let t = 0; t < 200; t++) {
      let s = '';
      const len = Math.floor(random() * 40);
      for (let k = 0; k < len; k++) s += alphabet[Math.floor(random() * alphabet.length)];
      // a zero-width space forces the non-ASCII path and is then removed
      expect(normalize(`${s}\u200b`)).toBe(normalize(s));
    }
  });

  it('makes the curly and straight fixtures agree on shared phrases', () => {
    // 000 writes "Japan's" with a straight apostrophe, 001 writes "Japan’s" with a curly one
    expect(normalize(fixture('000'))).toContain("japan's foreign ministry");
    expect(normalize(fixture('001'))).toContain("japan's foreign ministry");
    expect(normalize(fixture('001'))).not.toMatch(/[’“”]/);
    expect(normalize(fixture('002'))).not.toContain('\u00a0');
  });

  it('is idempotent', () => {
    for (const id of ['000', '001', '002', '003', '004']) {
      const once = normalize(fixture(id));
      expect(normalize(once)).toBe(once);
    }
  });

  it('throws InvalidArgumentError for a non-string or bad options', () => {
    expect(() => normalize(42 as unknown as string)).toThrow(InvalidArgumentError);
    expect(() => normalize(null as unknown as string)).toThrow(/text must be a string/);
    expect(() => normalize('x', { foldDiacritics: 'yes' as unknown as boolean })).toThrow(InvalidArgumentError);
    expect(() => normalize('x', 'opts' as unknown as object)).toThrow(InvalidArgumentError);
  });
});

describe('isWordCharCode', () => {
  it('is true for the letters and marks of every script, false for punctuation, symbols and emoji parts', () => {
    for (const c of 'aZ9_яёαאبक\u093fகሀ가ա' + 'ა日カไ\u0e31') expect(isWordCharCode(c.charCodeAt(0))).toBe(true);
    for (const c of ' -.,;!?\'"«»。、।؟©€\ufe0f\u20e3') expect(isWordCharCode(c.charCodeAt(0))).toBe(false);
  });
});
