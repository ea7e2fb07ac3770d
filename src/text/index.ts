/**
 * Text stage: normalization, paragraphs and sentences with offsets, and word tokens.
 * Re-exports only.
 */
export { normalize, isWordCharCode } from './normalize.js';
export type { NormalizeOptions } from './normalize.js';
export { splitParagraphs } from './paragraphs.js';
export type { Paragraph } from './paragraphs.js';
export { splitSentences } from './sentences.js';
export type { Span } from './sentences.js';
export { tokenize, englishStopwords } from './tokenize.js';
export type { TokenizeOptions } from './tokenize.js';
export { STEM_LANGUAGES, STOPWORD_LANGUAGES } from './languages.js';
export type { StemLanguage, StopwordLanguage } from './languages.js';
export { creditedAgencies, findCredits } from './credits.js';
export type { Credit } from './credits.js';
export { boilerplateKind, findBoilerplate, hasSentencePunctuation } from './boilerplate.js';
export type { BoilerplateKind, BoilerplateParagraph } from './boilerplate.js';
