/** fast-check arbitraries for untrusted text: words, odd Unicode, broken surrogates, odd line breaks. */
import fc from 'fast-check';

const FRAGMENTS = [
  'Tokyo', 'EU', 'defence', 'Japan’s', "Japan's", '“quoted”', '"plain"', '—', '–', '-', '...', '…', ',', '.', '!', '?',
  ' ', '  ', '\t', '\n', '\n\n', '\r\n', '\r\n\r\n', '    ', '\u00a0', '\u200b', '\u00ad', '\ufeff',
  '\u0000', '\u202e', '\u200f', '\u0301', 'e\u0301', 'é', 'ﬁ', 'Ｔｏｋｙｏ', '東京', 'Москва', 'ё', 'й', 'ß',
  '🙂', '👩‍👩‍👧', '\ud83d', '\ude42', '\ud800', '\udfff', 'Read more: x', 'Source: Reuters', '(Reuters) -', 'Source link',
];

/** A piece of hostile or ordinary text. */
export const fragment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 3, arbitrary: fc.stringMatching(/^[a-z]{1,8}$/) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
);

/** Text made of fragments: lines, paragraphs, noise. */
export const text = (maxLength = 60) => fc.array(fragment, { maxLength }).map((parts) => parts.join(''));

/** Text made mostly of words, so alignment has something to find. */
export const prose = fc
  .array(fc.array(fc.constantFrom(...'the eu japan tokyo naval defence pact signed talks minister said friday korea'.split(' ')), { minLength: 3, maxLength: 20 }), {
    minLength: 1,
    maxLength: 8,
  })
  .chain((paragraphs) =>
    fc.constantFrom('\n', '\n\n', '\r\n').map((sep) => paragraphs.map((words) => words.join(' ') + '.').join(sep)),
  );

/** Anything that is not a string. */
export const notString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.object(), fc.array(fc.string()), fc.constant(Symbol('s')));
