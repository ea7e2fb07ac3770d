import { describe, expect, it } from 'vitest';
import { normalize, splitParagraphs, splitSentences, tokenize } from '../../src/index.js';
import { hasSentencePunctuation } from '../../src/text/boilerplate.js';
import { articleTexts, scriptFixtures } from '../helpers/scripts.js';

const fixtures = scriptFixtures();
const byCode = new Map(fixtures.map((f) => [f.code, f]));
/** Scripts that put spaces (or the Ethiopic word space ፡) between words. */
const SPACED = ['amh', 'arb', 'ell_monotonic', 'heb', 'hin', 'hye', 'kat', 'kor', 'rus', 'tam', 'urd'];
/** Scripts written without spaces between words. */
const DENSE = ['cmn_hans', 'jpn', 'khm', 'lao', 'mya', 'tha'];
/** Scripts whose combining marks are part of the spelling (vowel signs, viramas, harakat…). */
const MARKED = ['amh', 'arb', 'heb', 'hin', 'khm', 'lao', 'mya', 'tam', 'tha', 'urd'];

describe('writing systems: the UDHR fixtures', () => {
  it('hold at least 12 scripts, among them Chinese, Japanese, Korean, Thai, Arabic, Hebrew, Greek and Hindi', () => {
    for (const code of ['cmn_hans', 'jpn', 'kor', 'tha', 'arb', 'heb', 'ell_monotonic', 'hin']) expect(byCode.has(code)).toBe(true);
    expect(new Set(fixtures.map((f) => f.script.split(' (')[0])).size).toBeGreaterThanOrEqual(12);
  });
});

describe('tokenize in every script', () => {
  it('cuts spaced scripts into their words: runs of letters, marks and numbers', () => {
    for (const code of SPACED) {
      for (const text of articleTexts(byCode.get(code)!)) {
        const words = normalize(text).split(/[^\p{L}\p{M}\p{N}_\u05f3\u05f4]+/u).filter((w) => w !== '');
        expect(words.length).toBeGreaterThan(3);
        expect(tokenize(text), code).toEqual(words);
      }
    }
  });

  it('cuts scripts without spaces into overlapping character trigrams, other runs into words', () => {
    for (const code of DENSE) {
      for (const text of articleTexts(byCode.get(code)!)) {
        const tokens = tokenize(text);
        expect(tokens.length, code).toBeGreaterThan(10);
        // consecutive trigrams of one run overlap (Burmese puts spaces between phrases: fewer long runs)
        let overlapping = 0;
        const overlaps = (a: string, b: string): boolean => [...a].some((_, k) => k > 0 && b.startsWith(a.slice(k)));
        for (let i = 1; i < tokens.length; i++) if (overlaps(tokens[i - 1]!, tokens[i]!)) overlapping++;
        expect(overlapping / tokens.length, code).toBeGreaterThan(0.5);
      }
    }
    expect(tokenize('日本とEUが2024年に防衛協力')).toEqual(['日本と', 'eu', 'が', '2024', '年に防', 'に防衛', '防衛協', '衛協力']);
    expect(tokenize('中国政府周一宣布')).toEqual(['中国政', '国政府', '政府周', '府周一', '周一宣', '一宣布']);
    // a Thai letter with its vowel sign is one character
    expect(tokenize('ปั้น')).toEqual(['ปั้น']);
    expect(tokenize('กั้นกัน')).toEqual(['กั้นกั', 'นกัน']);
  });

  it('gives different articles different token lists, and Greek as the issue showed it words', () => {
    for (const f of fixtures) {
      const lists = articleTexts(f).map((t) => tokenize(t).join(' '));
      expect(new Set(lists).size, f.code).toBe(lists.length);
    }
    expect(tokenize('Η κυβέρνηση ανακοίνωσε τη Δευτέρα')).toEqual(['η', 'κυβερνηση', 'ανακοινωσε', 'τη', 'δευτερα']);
  });

  it('has no tokens for punctuation, emoji and symbols', () => {
    expect(tokenize('… !!! ¿? 😀👍🏽 ❤️ 🇯🇵 © → ∞ 。、「」')).toEqual([]);
  });
});

describe('normalize in every script', () => {
  it('keeps the marks of scripts other than Latin, Greek and Cyrillic: folding changes nothing there', () => {
    for (const code of MARKED) {
      for (const text of articleTexts(byCode.get(code)!)) {
        const folded = normalize(text);
        expect(folded, code).toBe(normalize(text, { foldDiacritics: false }));
        const marks = (s: string): number => s.match(/\p{M}/gu)?.length ?? 0;
        expect(marks(folded), code).toBe(marks(text.normalize('NFKC')));
      }
    }
    expect(normalize('हिन्दी कि की')).toBe('हिन्दी कि की'); // different words stay different
    expect(normalize('كَتَبَ')).toBe('كَتَبَ');
  });

  it('folds Latin, Greek and Cyrillic diacritics but keeps й', () => {
    expect(normalize('Café Ἀθῆναι Όλοι ёлка йод')).toBe('cafe αθηναι ολοι елка йод');
    const greek = articleTexts(byCode.get('ell_monotonic')!)[0]!;
    expect(normalize(greek)).not.toMatch(/\p{M}/u);
  });

  it('folds full-width and half-width forms (NFKC), Arabic tatweel and Hebrew abbreviation quotes', () => {
    expect(normalize('ＥＵ　２０２４年 ｶﾀｶﾅ')).toBe('eu 2024年 カタカナ');
    expect(tokenize('ＥＵと日本')).toEqual(tokenize('EUと日本'));
    expect(normalize('كتـــاب')).toBe('كتاب');
    expect(tokenize('צה"ל')).toEqual(tokenize('צה״ל'));
    expect(tokenize('צה״ל')).toEqual(['צה״ל']);
  });
});

describe('sentences and paragraphs in every script', () => {
  it('ends sentences at 。 । ؟ ۔ ። ։ ។ ။ and at . before an uncased letter', () => {
    for (const f of fixtures) {
      if (f.code === 'tha' || f.code === 'lao') continue; // Thai and Lao mark sentences with spaces only
      const first = f.articles[0]!.paragraphs.join('\n');
      const sentences = splitSentences(first);
      expect(sentences.length, f.code).toBeGreaterThanOrEqual(2);
      for (const s of sentences) expect(first.slice(s.start, s.end)).toBe(s.text);
    }
    expect(splitSentences('政府は発表した。首相は訪問した！本当か？').map((s) => s.text)).toEqual(['政府は発表した。', '首相は訪問した！', '本当か？']);
    expect(splitSentences('यह पहला है। यह दूसरा है॥ तीसरा').length).toBe(3);
    expect(splitSentences('هل هذا صحيح؟ نعم').length).toBe(2);
    expect(splitSentences('یہ پہلا ہے۔ یہ دوسرا ہے').length).toBe(2);
    expect(splitSentences('ሰላም ነው። ደህና ነህ፧ አዎ').length).toBe(3);
    expect(splitSentences('Բարեւ։ Ինչպե՞ս ես').length).toBe(2);
  });

  it('splits the preamble into its paragraphs, one per line or blank-line separated', () => {
    for (const f of fixtures) {
      if (f.preamble.length === 0) continue;
      expect(splitParagraphs(f.preamble.join('\n')).map((p) => p.text), f.code).toEqual(f.preamble);
      expect(splitParagraphs(f.preamble.join('\n\n')).length, f.code).toBe(f.preamble.length);
    }
  });

  it('sees sentence punctuation in every script that has it', () => {
    for (const f of fixtures) {
      if (f.code === 'tha' || f.code === 'lao') continue;
      expect(hasSentencePunctuation(f.articles[0]!.paragraphs[0]!), f.code).toBe(true);
    }
    expect(hasSentencePunctuation('日本政府は発表した。')).toBe(true);
    expect(hasSentencePunctuation('हिन्दी समाचार।')).toBe(true);
    expect(hasSentencePunctuation('Sign up for our newsletter')).toBe(false);
    expect(hasSentencePunctuation('U.S.-Japan talks')).toBe(false);
  });
});
