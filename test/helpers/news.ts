/**
 * Self-made news-like text for the relation tests (no real article is copied): seeded sentences
 * over invented names and ordinary words, and the edits that copies, rewrites and pages make.
 */
import { rng } from './random.js';

const NAMES = ['Velmora', 'Ostrik', 'Carandel', 'Thuvia', 'Brenholt', 'Marisco', 'Quendale', 'Ystrad', 'Palvenor', 'Duskmere', 'Ferrowick', 'Lanthorn'];
const SUBJECTS = ['the harbour council', 'the regional governor', 'a spokesman for the ministry', 'farmers in the valley', 'the national rail operator', 'local teachers', 'the shipping union', 'health inspectors', 'the coastal guard', 'a panel of engineers'];
const VERBS = ['approved', 'rejected', 'postponed', 'reviewed', 'funded', 'criticised', 'expanded', 'suspended', 'announced', 'inspected'];
const OBJECTS = ['a new bridge over the river', 'the plan to widen the port', 'emergency repairs to the dam', 'a tax on imported grain', 'the closure of two hospitals', 'a pilot scheme for night buses', 'talks with the fishing fleet', 'a ban on burning stubble', 'the sale of the old mill', 'fresh inspections of school roofs'];
const TAILS = ['after weeks of protests', 'despite a shortfall in the budget', 'before the winter storms arrive', 'amid complaints from shop owners', 'following a heated vote on Tuesday', 'as prices rose for a third month', 'while the inquiry continues', 'ahead of local elections in spring'];

/** A seeded source of sentences and paragraphs. */
export function newsWriter(seed: number) {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const number = (): number => 2 + Math.floor(r() * 970);
  const sentence = (): string => {
    const name = pick(NAMES);
    const forms = [
      () => `In ${name}, ${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(TAILS)}.`,
      () => `${cap(pick(SUBJECTS))} said ${number()} residents of ${name} had ${pick(VERBS)} ${pick(OBJECTS)}.`,
      () => `Officials in ${name} ${pick(VERBS)} ${pick(OBJECTS)}, a cost of ${number()} million crowns, ${pick(TAILS)}.`,
      () => `"We have ${pick(VERBS)} ${pick(OBJECTS)} in ${name}," said ${pick(NAMES)} ${pick(NAMES)}, who has led the office for ${number()} days.`,
    ];
    return pick(forms)();
  };
  const paragraph = (sentences = 2): string => Array.from({ length: sentences }, sentence).join(' ');
  return { random: r, pick, sentence, paragraph, paragraphs: (n: number, sentences = 2) => Array.from({ length: n }, () => paragraph(sentences)) };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Words a rewriter swaps in (each replaced word gets another ordinary word). */
const SWAPS: Readonly<Record<string, string>> = {
  approved: 'backed', rejected: 'turned down', postponed: 'delayed', reviewed: 'looked at', funded: 'paid for',
  criticised: 'attacked', expanded: 'widened', suspended: 'halted', announced: 'unveiled', inspected: 'checked',
  said: 'stated', new: 'fresh', plan: 'proposal', weeks: 'months', residents: 'people', officials: 'authorities',
  council: 'board', after: 'following', despite: 'in spite of', before: 'ahead of', repairs: 'work', closure: 'shutting',
  complaints: 'grumbling', heated: 'bitter', prices: 'costs', inquiry: 'investigation', elections: 'polls',
};

/**
 * A rewrite of one paragraph: every swappable word replaced, and the order of its sentences
 * reversed (a writer's new word choice and structure, the facts kept).
 */
export function rewriteParagraph(p: string): string {
  const sentences = p.match(/[^.!?]+[.!?]+["']?/g) ?? [p];
  return sentences
    .map((s) => s.trim().replace(/[A-Za-z]+/g, (w) => SWAPS[w] ?? SWAPS[w.toLowerCase()] ?? w))
    .reverse()
    .join(' ');
}

/** A light edit: a few characters changed per paragraph (house style, a typo fixed). */
export function lightEdit(p: string): string {
  return p.replace(/ the /, ' that ').replace(/,/, ';').replace(/\.$/, '!');
}

/** Lines of page chrome: menus, widget labels, link lines, timestamps (no sentence punctuation). */
export function chromeLines(n: number, seed: number): string[] {
  const { pick } = newsWriter(seed);
  const items = ['Home', 'World', 'Business', 'Sport | Weather | Video', 'Sign in', 'Subscribe', 'Most read', 'Trending now', 'Watch live', 'Share this article', 'Advertisement', 'Image 1 of 5', 'Close', 'Back to gallery', 'Updated 9:42 PM', 'More stories from Ostrik', 'Velmora port vote live updates', 'Quendale weather 14°C', 'Menu', 'Search', 'https://example.com/news/harbour', 'Follow us', 'Privacy settings', 'Newsletters', 'Opinion » Columns » Letters'];
  return Array.from({ length: n }, () => pick(items));
}
