import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/text/normalize.js';
import { splitParagraphs } from '../../src/text/paragraphs.js';
import { tokenize } from '../../src/text/tokenize.js';
import { FIXTURES, ROOT } from '../helpers/fixtures.js';

interface Range { from: number; to: number }
interface Expected {
  articles: { id: string; file: string; publishedAt: string; paragraphs: number }[];
  pairs: { a: string; b: string; relation: string; direction?: string; allowed: string[] }[];
  repeats: { id: string; first: Range; second: Range; source: string; note?: string }[];
  nearRepeats: { id: string; a: number; b: number }[];
}

const expected = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'expected.json'), 'utf8')) as Expected;
const paragraphs = new Map(
  expected.articles.map((a) => [a.id, splitParagraphs(readFileSync(join(FIXTURES, a.file), 'utf8'))]),
);

function texts(id: string, range: Range): string[] {
  return paragraphs.get(id)!.slice(range.from, range.to + 1).map((p) => normalize(p.text));
}

describe('fixtures/expected.json', () => {
  it('lists the five articles with their paragraph counts', () => {
    expect(expected.articles.map((a) => a.id)).toEqual(['000', '001', '002', '003', '004']);
    for (const a of expected.articles) {
      expect(a.file.startsWith(`${a.id}_`)).toBe(true);
      expect(a.publishedAt).toMatch(/^2024-\d\d-\d\d$/);
      expect(paragraphs.get(a.id)!.length, a.id).toBe(a.paragraphs);
    }
  });

  it('lists every unordered pair once, with consistent labels', () => {
    const keys = expected.pairs.map((p) => `${p.a}-${p.b}`);
    expect(new Set(keys).size).toBe(10);
    for (const p of expected.pairs) {
      expect(p.a < p.b).toBe(true);
      expect(p.allowed).toContain(p.relation === 'unrelated-or-related' ? 'unrelated' : p.relation);
    }
    expect(expected.pairs.filter((p) => p.relation === 'derived')).toEqual([
      expect.objectContaining({ a: '000', b: '001', direction: 'b-from-a' }),
    ]);
    const related = expected.pairs.filter((p) => p.relation === 'related').map((p) => `${p.a}-${p.b}`);
    expect(related).toEqual(['000-002', '001-002', '003-004']);
  });

  it('records repeats whose paragraphs normalize equal, and not equal to their neighbours', () => {
    expect(expected.repeats.map((r) => r.id)).toEqual(['001', '002', '003']);
    for (const r of expected.repeats) {
      expect(r.second.to - r.second.from).toBe(r.first.to - r.first.from);
      expect(r.first.to).toBeLessThan(r.second.from);
      expect(texts(r.id, r.second)).toEqual(texts(r.id, r.first));
      // the ranges are maximal: one more paragraph on either side breaks the repeat
      const before = { from: r.first.from - 1, to: r.first.from - 1 };
      const after = { from: r.second.to + 1, to: r.second.to + 1 };
      if (before.from >= 0 && r.second.from > 0) {
        expect(texts(r.id, before)).not.toEqual(texts(r.id, { from: r.second.from - 1, to: r.second.from - 1 }));
      }
      if (r.first.to + 1 < r.second.from) {
        expect(texts(r.id, { from: r.first.to + 1, to: r.first.to + 1 })).not.toEqual(texts(r.id, after));
      }
    }
    expect(expected.repeats.find((r) => r.id === '003')!.note).toMatch(/not listed in the shared README/i);
  });

  it('has found every exactly repeated paragraph in the fixtures', () => {
    const listed = new Set<string>();
    for (const r of expected.repeats) {
      for (let k = 0; k <= r.first.to - r.first.from; k++) listed.add(`${r.id}:${r.first.from + k}:${r.second.from + k}`);
    }
    const found = new Set<string>();
    for (const [id, ps] of paragraphs) {
      const norm = ps.map((p) => normalize(p.text));
      for (let a = 0; a < norm.length; a++) {
        for (let b = a + 1; b < norm.length; b++) if (norm[a] === norm[b]) found.add(`${id}:${a}:${b}`);
      }
    }
    expect(found).toEqual(listed);
  });

  it('describes 004’s caption and credit line as a near repeat, not a repeat', () => {
    const [near] = expected.nearRepeats;
    expect(near).toMatchObject({ id: '004', a: 12, b: 13 });
    const ps = paragraphs.get('004')!;
    const caption = new Set(tokenize(ps[12]!.text));
    const credit = new Set(tokenize(ps[13]!.text));
    expect([...credit].every((t) => caption.has(t))).toBe(true);
    expect(normalize(ps[12]!.text)).not.toBe(normalize(ps[13]!.text));
  });
});
