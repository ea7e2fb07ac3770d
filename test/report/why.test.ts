import { describe, expect, it } from 'vitest';
import { compare, type Comparison } from '../../src/index.js';
import { explainPair, givenDirectionReason, scoreOf } from '../../src/report/why.js';
import { fixture } from '../helpers/fixtures.js';

const wire = fixture('000');
const rewrite = fixture('001');
const day = (d: number) => Date.UTC(2024, 5, d);

describe('why a pair is what it is', () => {
  it('a wire credit on one side only names the copy, quoting the credit and its paragraph', () => {
    const c = compare(wire, rewrite);
    const why = explainPair(c, { a: { name: '000', text: wire }, b: { name: '001', text: rewrite } });
    expect(why.copy).toBe('b');
    expect(why.reason).toEqual({ kind: 'credit', agency: 'Reuters' });
    expect(why.direction).toBe('001 credits Reuters ("Source: Reuters", ¶15); 000 credits no wire service');
    expect(why.relation).toMatch(/^score 0\.\d\d; 8 matching paragraphs \(all reworded, all in order\); covering 78% of 000 and 100% of 001; word overlap 0\.14$/);
    expect(why.score).toBe(c.score);
  });

  it('without credits, the later date; without dates, coverage', () => {
    const noCredit = rewrite.replace(/Source: Reuters/g, '');
    const dated = compare({ text: wire, publishedAt: day(23) }, { text: noCredit, publishedAt: day(24) });
    expect(dated.direction).toBe('b-from-a');
    const w1 = explainPair(dated, { a: { name: '000', text: wire, publishedAt: day(23) }, b: { name: '001', text: noCredit, publishedAt: day(24) } });
    expect(w1.reason).toEqual({ kind: 'published-later' });
    expect(w1.direction).toBe('001 was published later (2024-06-24) than 000 (2024-06-23)');
    const undated = compare(wire, noCredit);
    const w2 = explainPair(undated, { a: { name: '000', text: wire }, b: { name: '001', text: noCredit } });
    expect(w2.reason).toEqual({ kind: 'coverage' });
    expect(w2.direction).toMatch(/^100% of 001 is made of 000's passages, against 78% of 000/);
  });

  it('no copy, no reason', () => {
    const c = compare(fixture('003'), fixture('004'));
    expect(explainPair(c, { a: { name: '003' }, b: { name: '004' } })).toMatchObject({ copy: null, reason: null, direction: '' });
  });

  it('reads the calibrated score and the aligner’s own direction reason and credit', () => {
    const c = compare(wire, rewrite);
    expect(scoreOf(c)).toBe(c.score);
    expect(c.score).toBeGreaterThan(0.5);
    expect(givenDirectionReason(c)).toEqual({ kind: 'credit', agency: 'Reuters' });
    expect(givenDirectionReason({ ...c, directionReason: 'coverage', directionCredit: null })).toEqual({ kind: 'coverage' });
    expect(givenDirectionReason({ ...c, directionReason: null, directionCredit: null })).toBeUndefined();
    // the aligner's reason wins over the report's own reading of the facts
    const later = { ...c, directionReason: 'published-later' as const, directionCredit: null, score: 0.87 };
    const why = explainPair(later, { a: { name: '000', text: wire, publishedAt: day(23) }, b: { name: '001', text: rewrite, publishedAt: day(24) } });
    expect(why.score).toBe(0.87);
    expect(why.reason).toEqual({ kind: 'published-later' });
    expect(why.relation.startsWith('score 0.87; ')).toBe(true);
  });
});
