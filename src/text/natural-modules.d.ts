/**
 * Types for the few natural modules neardup imports one by one (natural's package index loads
 * database clients and reads ./.env, so it is never imported whole).
 */
declare module 'natural/lib/natural/tokenizers/regexp_tokenizer.js' {
  /** Splits on /[^A-Za-zА-Яа-я0-9_]+/ and drops empty strings. */
  export class WordTokenizer {
    constructor(options?: { discardEmpty?: boolean });
    tokenize(text: string): string[];
  }
  const regexpTokenizer: { WordTokenizer: typeof WordTokenizer };
  export default regexpTokenizer;
}

declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  /** The Porter (1980) stemmer; lowercases, and returns tokens shorter than 3 unchanged. */
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}

declare module 'natural/lib/natural/util/stopwords.js' {
  /** natural's English stopword list (mutable in natural; neardup copies it once). */
  const stopwords: { words: readonly string[] };
  export default stopwords;
}
