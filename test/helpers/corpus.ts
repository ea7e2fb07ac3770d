/**
 * A seeded, self-made news-like corpus for tests that need many distinct articles (snapshots,
 * Redis, detector, feed): stories with a dateline and 6–14 paragraphs of 1–3 sentences drawn from
 * a news vocabulary plus made-up names. Every word list below was written for this file, so the
 * repository needs no outside corpus (`npm test` runs on a fresh clone with nothing beside it).
 * Two articles of different seeds share almost no word 3-shingle; one seed always gives the same
 * text. The words are random, not grammatical: use the fixtures for real prose.
 *
 * Layouts: 'blank' separates paragraphs by blank lines (most web copy), 'lines' puts one
 * paragraph per line (BBC-style dumps), 'reuters' hard-wraps lines at 70 columns and indents each
 * paragraph start by four spaces (the 1987 Reuters wire layout).
 */
import { rng } from './random.js';

export type Layout = 'blank' | 'lines' | 'reuters';

export interface NewsArticle {
  readonly id: string;
  readonly text: string;
  /** The paragraphs as written, before layout. */
  readonly paragraphs: readonly string[];
}

const CITIES = ['Lagos', 'Oslo', 'Lima', 'Hanoi', 'Quito', 'Accra', 'Riga', 'Perth', 'Dakar', 'Turin', 'Bergen', 'Cusco', 'Leeds', 'Malmo', 'Gdansk', 'Porto', 'Nantes', 'Kobe', 'Sapporo', 'Tampere'];
const MONTHS = ['Jan', 'Feb', 'March', 'April', 'May', 'June', 'July', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];
const WORDS = (
  'minister council bank port harbour grain copper wheat coffee budget deficit tariff loan bond yield ' +
  'strike union wage rent school hospital bridge railway airline pipeline refinery harvest drought flood ' +
  'election coalition parliament senate court ruling appeal inquiry audit contract tender subsidy reform ' +
  'export import shipment cargo vessel tanker freight quota license permit licence treaty border customs ' +
  'investor lender creditor shareholder dividend profit revenue forecast outlook inflation currency rate ' +
  'governor mayor spokesman spokeswoman director chairman economist analyst trader farmer miner teacher nurse ' +
  'approved rejected delayed announced raised cut extended suspended reviewed defended questioned welcomed ' +
  'signed cancelled postponed expanded reduced warned pledged estimated reported confirmed denied blocked ' +
  'sharp modest temporary costly record disputed gradual emergency annual partial regional federal rural ' +
  'coastal northern southern eastern western private public national local foreign domestic industrial ' +
  'plan deal review increase decline recovery slowdown shortage surplus backlog outage protest talks vote ' +
  'power water fuel gas diesel electricity fertiliser cement steel timber cotton rice maize sugar cocoa ' +
  'weeks months years officials residents workers families companies suppliers buyers exporters'
).split(' ');
const FUNCTION_WORDS = ['the', 'a', 'of', 'in', 'on', 'to', 'for', 'and', 'with', 'after', 'as', 'by', 'from', 'over', 'its', 'their'];
const SYLLABLES = ['ka', 'lo', 'mi', 'ten', 'var', 'su', 'rel', 'dor', 'pi', 'an', 'qu', 'esh', 'to', 'bri', 'nal', 'ov', 'im', 'ra', 'sel', 'gu'];

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

/** A content word: mostly real, sometimes made up (names, places), so articles rarely share phrases. */
function word(random: Random): string {
  if (random() < 0.7) return pick(random, WORDS);
  let w = '';
  for (let k = 2 + Math.floor(random() * 2); k > 0; k--) w += pick(random, SYLLABLES);
  return w;
}

function sentence(random: Random): string {
  const words: string[] = [];
  for (let n = 8 + Math.floor(random() * 16); n > 0; n--) {
    words.push(random() < 0.3 ? pick(random, FUNCTION_WORDS) : word(random));
  }
  if (random() < 0.3) words.push(String(Math.floor(random() * 900) + 10), pick(random, ['percent', 'million', 'tonnes']));
  const text = words.join(' ');
  return random() < 0.15 ? `"${cap(text)}," ${word(random)} said.` : `${cap(text)}.`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Wraps a paragraph at `width` columns; later paragraphs start indented by four spaces (Reuters layout). */
function wrapReuters(paragraph: string, indent: boolean, width = 70): string {
  const lines: string[] = [];
  let line = indent ? '    ' : '';
  for (const word of paragraph.split(' ')) {
    if (line.trim() !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line.trim() === '' ? line + word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.join('\n');
}

/** One article, the same for the same seed. */
export function newsArticle(seed: number, layout: Layout = 'blank'): NewsArticle {
  const random = rng(seed * 7919 + 17);
  const count = 6 + Math.floor(random() * 9);
  const paragraphs: string[] = [];
  for (let p = 0; p < count; p++) {
    const sentences: string[] = [];
    for (let s = 1 + Math.floor(random() * 3); s > 0; s--) sentences.push(sentence(random));
    paragraphs.push(sentences.join(' '));
  }
  paragraphs[0] = `${pick(random, CITIES).toUpperCase()}, ${pick(random, MONTHS)} ${1 + Math.floor(random() * 28)} - ${paragraphs[0]}`;
  const text =
    layout === 'blank' ? paragraphs.join('\n\n') : layout === 'lines' ? paragraphs.join('\n') : paragraphs.map((p, i) => wrapReuters(p, i > 0)).join('\n');
  return { id: `news-${seed}`, text, paragraphs };
}

/** `n` articles, seeds `first` … `first + n − 1`. */
export function newsCorpus(n: number, layout: Layout = 'blank', first = 1): NewsArticle[] {
  return Array.from({ length: n }, (_, i) => newsArticle(first + i, layout));
}

/**
 * A copy of `article` as another outlet runs it: one paragraph dropped (when there are more than
 * three), and `rate` of the words of the rest replaced by other words. Same seed, same copy.
 */
export function editedCopy(article: NewsArticle, seed: number, rate = 0.05): NewsArticle {
  const random = rng(seed * 104_729 + 3);
  const paragraphs = [...article.paragraphs];
  if (paragraphs.length > 3) paragraphs.splice(1 + Math.floor(random() * (paragraphs.length - 1)), 1);
  const edited = paragraphs.map((p) => p.split(' ').map((w) => (random() < rate ? word(random) : w)).join(' '));
  return { id: `${article.id}-copy-${seed}`, text: edited.join('\n\n'), paragraphs: edited };
}

/**
 * `n` articles in which every `every`-th is an edited copy of one of the 20 articles before it,
 * so that a detector fed them in order finds pairs and clusters.
 */
export function newsCorpusWithCopies(n: number, every = 5, layout: Layout = 'blank'): NewsArticle[] {
  const out: NewsArticle[] = [];
  for (let i = 0; i < n; i++) {
    if (i >= every && i % every === 0) {
      const source = out[i - 1 - ((i * 7) % Math.min(20, i))]!;
      out.push(editedCopy(source, i));
    } else {
      out.push(newsArticle(i + 1, layout));
    }
  }
  return out;
}
