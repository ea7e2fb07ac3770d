/**
 * The languages neardup can stem or drop stopwords for, each mapped to natural's module for it
 * (Porter-style stemmers under natural/lib/natural/stemmers/, stopword lists under
 * natural/lib/natural/util/), loaded on first use through natural.ts.
 */
import { describe, InvalidArgumentError } from '../errors.js';
import { naturalModule } from './natural.js';

/** Languages with a stemmer: English (Porter 1980) and natural's Snowball-style stemmers. */
export const STEM_LANGUAGES = ['en', 'de', 'es', 'fa', 'fr', 'id', 'it', 'nl', 'no', 'pt', 'ru', 'sv', 'uk'] as const;
/**
 * Languages with a stopword list. Chinese and Japanese are absent on purpose: their tokens are
 * characters (README, "Writing systems"), which a word list does not describe.
 */
export const STOPWORD_LANGUAGES = ['en', 'es', 'fa', 'fr', 'id', 'it', 'nl', 'no', 'pl', 'pt', 'ru', 'sv', 'uk'] as const;

/** A language neardup can stem (ISO 639-1 code). */
export type StemLanguage = (typeof STEM_LANGUAGES)[number];
/** A language neardup has a stopword list for (ISO 639-1 code). */
export type StopwordLanguage = (typeof STOPWORD_LANGUAGES)[number];

const STEMMER_PATHS: Readonly<Record<StemLanguage, string>> = {
  en: 'stemmers/porter_stemmer.js',
  de: 'stemmers/porter_stemmer_de.js',
  es: 'stemmers/porter_stemmer_es.js',
  fa: 'stemmers/porter_stemmer_fa.js',
  fr: 'stemmers/porter_stemmer_fr.js',
  id: 'stemmers/indonesian/stemmer_id.js',
  it: 'stemmers/porter_stemmer_it.js',
  nl: 'stemmers/porter_stemmer_nl.js',
  no: 'stemmers/porter_stemmer_no.js',
  pt: 'stemmers/porter_stemmer_pt.js',
  ru: 'stemmers/porter_stemmer_ru.js',
  sv: 'stemmers/porter_stemmer_sv.js',
  uk: 'stemmers/porter_stemmer_uk.js',
};

/**
 * The stem language an option asks for: `true` is English (as before languages existed),
 * `false`/`undefined` none.
 *
 * @throws InvalidArgumentError for anything else, naming the languages there are.
 */
export function stemLanguage(value: unknown, name: string): StemLanguage | false {
  if (value === undefined || value === false) return false;
  if (value === true) return 'en';
  if ((STEM_LANGUAGES as readonly unknown[]).includes(value)) return value as StemLanguage;
  throw new InvalidArgumentError(`${name} must be true (English), false or one of ${STEM_LANGUAGES.join(', ')}, got ${describe(value)}`);
}

/**
 * The stopword language an option asks for: `true` is English, `false`/`undefined` none.
 *
 * @throws InvalidArgumentError for anything else, naming the languages there are.
 */
export function stopwordLanguage(value: unknown, name: string): StopwordLanguage | false {
  if (value === undefined || value === false) return false;
  if (value === true) return 'en';
  if ((STOPWORD_LANGUAGES as readonly unknown[]).includes(value)) return value as StopwordLanguage;
  throw new InvalidArgumentError(`${name} must be true (English), false or one of ${STOPWORD_LANGUAGES.join(', ')}, got ${describe(value)}`);
}

/** natural's stemmer for `language`, loaded on first use. */
export function stemmer(language: StemLanguage): { stem(token: string): string } {
  return naturalModule<{ stem(token: string): string }>(STEMMER_PATHS[language], `stem: '${language}'`);
}

/** natural's stopword list for `language`, as it ships (use a copy). */
export function stopwordList(language: StopwordLanguage): readonly string[] {
  const path = language === 'en' ? 'util/stopwords.js' : `util/stopwords_${language}.js`;
  return naturalModule<{ words: readonly string[] }>(path, `stopwords: '${language}'`).words;
}
