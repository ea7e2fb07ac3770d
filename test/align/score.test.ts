import { describe, expect, it } from 'vitest';
import { backgroundRarity, corpusRarity, MIN_CORPUS_DOCS } from '../../src/align/rarity.js';
import { relationScore, SCORE_THRESHOLDS } from '../../src/align/score.js';
import { compare, findBoilerplate, shingles, tokenize, type ScoreFeatures } from '../../src/index.js';
import { chromeLines, lightEdit, newsWriter, rewriteParagraph } from '../helpers/news.js';
import { rng } from '../helpers/random.js';

const REUSE = ['duplicate', 'near-duplicate', 'derived'];
const join = (ps: readonly string[]): string => ps.join('\n\n');

describe('relations on the kinds of text real news has (self-made cases)', () => {
  it('a two-paragraph brief inside a long article is derived, whatever the number of alignments', () => {
    const long = newsWriter(1).paragraphs(20, 3);
    const brief = join([long[6]!, lightEdit(long[7]!)]);
    const c = compare(brief, join(long));
    expect(c.relation).toBe('derived');
    expect(c.alignments.length).toBe(2);
    expect(c.coverage.a).toBeGreaterThan(0.95);
    expect(c.coverage.b).toBeLessThan(0.15);
    expect(c.score).toBeGreaterThanOrEqual(SCORE_THRESHOLDS.derived);
  });

  it('a single rewritten sentence is derived; a sentence on the same topic is not', () => {
    const a = 'The harbour council approved a new bridge over the river on Tuesday after weeks of protests.';
    const b = 'After weeks of protests, the harbour council on Tuesday approved a new bridge over the river.';
    const other = 'The harbour council will meet again on Friday to discuss the budget for the coming year.';
    expect(compare(a, b).relation).toBe('derived');
    expect(REUSE).not.toContain(compare(a, other).relation);
  });

  it('a rewrite with its paragraphs moved is derived (order supports, never gates)', () => {
    const base = newsWriter(2).paragraphs(8, 2);
    const rewritten = base.map(rewriteParagraph);
    const moved = [3, 0, 5, 1, 7, 2, 6, 4].map((i) => rewritten[i]!);
    const inOrder = compare(join(base), join(rewritten));
    const c = compare(join(base), join(moved));
    expect(c.relation).toBe('derived');
    expect(c.ordered).toBeLessThan(0.6);
    expect(c.alignments.every((x) => x.kind === 'rewrite')).toBe(true);
    expect(inOrder.score).toBeGreaterThanOrEqual(c.score);
  });

  it('five paragraphs pasted into a 40-paragraph live file are derived, though a small part of it', () => {
    const wire = newsWriter(3).paragraphs(8, 2);
    const live = newsWriter(4).paragraphs(40, 2);
    live.splice(18, 0, ...wire.slice(1, 6));
    const c = compare(join(wire), join(live));
    expect(c.relation).toBe('derived');
    expect(c.coverage.b).toBeLessThan(0.2);
    expect(c.alignments.filter((x) => x.kind === 'identical')).toHaveLength(5);
    expect(c.features.pasted).toBeGreaterThan(0.5);
  });

  it('two different texts built on the same stock phrases are not derived', () => {
    // two stories written independently, every paragraph carrying formulaic phrases both share
    const a = join([
      'The company said in a statement that its new ferry between Velmora and Ostrik would start sailing in May, according to the port authority.',
      'According to the timetable, the crossing will take forty minutes, and the company said it expects about two thousand passengers a day.',
      'Everyone has the right to a safe journey, a spokesman said in a statement, adding that the crew had trained for six weeks.',
      'The company said it had ordered two more vessels from a yard in Thuvia, according to the latest filing with the regulator.',
      'In a statement on Monday, the mayor of Ostrik welcomed the service and said the town had waited thirty years for it.',
      'According to the company, tickets will cost twelve crowns, and children under five will travel free of charge.',
    ]);
    const b = join([
      'The union said in a statement that nurses at the Carandel clinic would strike on Thursday over unpaid overtime, according to the organisers.',
      'According to the union, more than four hundred shifts went unpaid last winter, and the hospital said it was reviewing the records.',
      'Everyone has the right to fair pay, the union leader said in a statement read outside the main entrance.',
      'The hospital said it would keep the emergency ward open during the strike, according to a notice sent to patients.',
      'In a statement on Monday, the health board asked both sides to return to talks before the weekend.',
      'According to the board, a mediator from Brenholt has offered to chair the meeting at no cost.',
    ]);
    const c = compare(a, b);
    expect(REUSE).not.toContain(c.relation);
    expect(c.score).toBeLessThan(SCORE_THRESHOLDS.derived);
    const weight = backgroundRarity(3);
    for (const phrase of ['said in a statement', 'according to the', 'the company said']) {
      for (const h of shingles(tokenize(phrase), 3)) expect(weight(h)).toBeLessThan(0.5);
    }
    expect(weight(shingles(tokenize('quendale harbour dredging'), 3)[0]!)).toBe(1);
  });

  it('with the quote discount (on by default), two independent reports sharing the same quoted statement and embedded post are not derived; the same passages as narrative are', () => {
    const statement = 'We will not reopen the northern pier until every pillar has been inspected by engineers from outside the city, and the council has paid for the repairs';
    const post = 'Proud of the harbour crews who worked through the night at Velmora pier. The ferry service resumes on Monday morning. pic.twitter.com/x1y2z3';
    const signature = '— Mara Quell (@maraquell) March 4, 2026';
    const own = (seed: number): string[] => newsWriter(seed).paragraphs(7, 2);
    const a = own(21);
    const b = own(22);
    const reportA = join([a[0]!, `The harbour master said: "${statement}," in a short address to reporters on the quay.`, a[1]!, a[2]!, post, signature, a[3]!, a[4]!, a[5]!, a[6]!]);
    const reportB = join([b[0]!, b[1]!, `"${statement}," the harbour master told the crowd, before leaving without taking questions.`, b[2]!, b[3]!, post, signature, b[4]!, b[5]!, b[6]!]);
    const quoted = compare(reportA, reportB, { quoteDiscount: 0.8 });
    expect(quoted.alignments.length).toBeGreaterThanOrEqual(2);
    expect(REUSE).not.toContain(quoted.relation);
    expect(compare(reportA, reportB).score).toBe(quoted.score); // 0.8 is the default
    // control: the same shared words, as the writer's own narrative, are copying
    const narrative = (text: string): string => text.replace(/"/g, '').replace(/pic\.twitter\.com\/\w+/, '').replace(signature, '');
    const copied = compare(narrative(reportA), narrative(reportB), { quoteDiscount: 0.8 });
    expect(copied.alignments.length).toBe(quoted.alignments.length);
    expect(copied.score).toBeGreaterThan(quoted.score);
    expect(copied.relation).toBe('derived');
  });

  it('a copy wrapped in 100 lines of page chrome is a near-duplicate or derived, its coverage measured over content', () => {
    const article = newsWriter(7).paragraphs(10, 2);
    const page = [...chromeLines(50, 1), 'Velmora votes on port plan', ...article, ...chromeLines(50, 2)].join('\n');
    const c = compare(join(article), page);
    expect(['near-duplicate', 'derived']).toContain(c.relation);
    expect(c.coverage.b).toBeGreaterThan(0.95);
    expect(c.coverage.a).toBeGreaterThan(0.95);
    expect(c.boilerplateUnits.b).toBeGreaterThanOrEqual(95);
  });
});

describe('page chrome', () => {
  it('short unpunctuated lines are chrome; a one-sentence paragraph with its full stop is content', () => {
    const text = 'Home\nSport | Weather | Video\nThe dam will reopen on Friday.\nhttps://example.com/a\nwindow._ads = window._ads || []; push({ mode: "x" });';
    expect(findBoilerplate(text).map((b) => b.kind)).toEqual(['chrome', 'link', 'link', 'script']);
  });

  it('keeps chrome as content when a text has nothing else (a headline compared with a headline)', () => {
    expect(findBoilerplate('Velmora votes on port plan\nLive updates')).toEqual([]);
    expect(compare('Velmora votes on port plan', 'Velmora votes on port plan today').relation).not.toBe('unrelated');
  });
});

describe('the score orders reuse', () => {
  it('verbatim copy ≥ light edit ≥ heavy rewrite ≥ independent report ≥ unrelated', () => {
    const w = newsWriter(8);
    const base = w.paragraphs(10, 2);
    const independent = newsWriter(9).paragraphs(10, 2); // same names and phrasing habits, other facts
    const unrelated = join(Array.from({ length: 10 }, (_, i) => `Recipe step ${i + 1}: fold the butter into the flour slowly, rest the dough for ${10 + i} minutes, then bake until golden.`));
    const a = join(base);
    const scores = [
      compare(a, `Breaking news\n\n${a}`).score,
      compare(a, join(base.map(lightEdit))).score,
      compare(a, join(base.map(rewriteParagraph))).score,
      compare(a, join(independent)).score,
      compare(a, unrelated).score,
    ];
    for (let k = 1; k < scores.length; k++) expect(scores[k]).toBeLessThanOrEqual(scores[k - 1]!);
    expect(scores.slice(0, 3).every((s) => s >= SCORE_THRESHOLDS.derived)).toBe(true);
    expect(scores.slice(3).every((s) => s < SCORE_THRESHOLDS.derived)).toBe(true);
  });

  it('raising any feature never lowers the score (1,000 random feature vectors)', () => {
    const r = rng(12);
    const keys: (keyof ScoreFeatures)[] = ['coverageMax', 'coverageMin', 'coverageLikely', 'verbatim', 'rareShared', 'ordered', 'pasted'];
    for (let n = 0; n < 1000; n++) {
      const f = Object.fromEntries([...keys, 'shortness'].map((k) => [k, r()])) as unknown as ScoreFeatures;
      const s = relationScore(f);
      expect(s >= 0 && s <= 1).toBe(true);
      const k = keys[n % keys.length]!;
      expect(relationScore({ ...f, [k]: Math.min(1, f[k] + 0.2) })).toBeGreaterThanOrEqual(s);
    }
  });
});

describe('direction reasons', () => {
  const story = join(newsWriter(10).paragraphs(6, 2));
  it('names the credit that decided it', () => {
    const c = compare(story, `${story}\n\nSource: Reuters`);
    expect([c.direction, c.directionReason, c.directionCredit]).toEqual(['b-from-a', 'credit', 'Reuters']);
  });
  it('falls back on the later publication, and gives no reason without a direction', () => {
    const c = compare({ text: story, publishedAt: '2026-03-02' }, { text: `${story}\n\nOne more line here.`, publishedAt: '2026-03-01' });
    expect([c.direction, c.directionReason, c.directionCredit]).toEqual(['a-from-b', 'published-later', null]);
    const none = compare(story, join(newsWriter(11).paragraphs(6, 2)));
    expect([none.direction, none.directionReason]).toEqual([null, null]);
  });
});

describe('rarity weights', () => {
  it('a corpus fades shingles most of its articles carry, keeps syndicated ones, and waits for enough articles', () => {
    const background = (h: number): number => (h === 7 ? 0.4 : 1);
    let docs = 200;
    const df = new Map([[1, 150], [2, 12], [7, 3]]);
    const w = corpusRarity(background, (h) => df.get(h) ?? 0, () => docs);
    expect(w(1)).toBeLessThan(0.2); // in 75% of the articles
    expect(w(2)).toBe(1); // in 6%: a story syndicated a dozen times keeps its weight
    expect(w(7)).toBe(0.4); // never above the background table
    docs = MIN_CORPUS_DOCS - 1;
    expect(w(1)).toBe(1);
  });
});

describe('score thresholds as options', () => {
  it('move the relation with the score, and are validated', () => {
    const a = 'The harbour council approved a new bridge over the river on Tuesday after weeks of protests.';
    const b = 'After weeks of protests, the harbour council on Tuesday approved a new bridge over the river.';
    const c = compare(a, b);
    expect(compare(a, b, { derivedScore: Math.min(1, c.score + 0.01), nearDuplicateScore: 1 }).relation).toBe('related');
    expect(() => compare(a, b, { derivedScore: 1.5 })).toThrow(/derivedScore/);
    expect(() => compare(a, b, { relatedScore: 0.6, derivedScore: 0.5 })).toThrow(/relatedScore ≤ derivedScore/);
  });
});
