import { describe, expect, it } from 'vitest';
import { json } from '../../src/cli/format-json.js';

describe('json()', () => {
  it('pretty JSON with each alignment on one line, parsing back to the same value', () => {
    const value = { a: 1, alignments: [{ a: { paragraph: 0, start: 0, end: 9 }, shared: { a: [[0, 9]], b: [[2, 11]] } }, { x: 'y' }], id: 'z' };
    const text = json(value);
    expect(text).toContain('\n    {"a":{"paragraph":0,"start":0,"end":9},"shared":{"a":[[0,9]],"b":[[2,11]]}},\n    {"x":"y"}\n');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('a string that looks like its placeholder is kept as it is', () => {
    const value = { alignments: [{ k: 1 }], id: '\u0000neardup-inline-0', other: 'neardup-inline-0' };
    expect(JSON.parse(json(value))).toEqual(value);
  });
});
