import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './fixtures.js';

export interface ExpectedPair {
  a: string;
  b: string;
  relation: string;
  direction?: 'a-from-b' | 'b-from-a';
  allowed: string[];
}
export interface ExpectedRepeat {
  id: string;
  first: { from: number; to: number };
  second: { from: number; to: number };
}
export interface Expected {
  articles: { id: string; file: string; publishedAt: string; paragraphs: number }[];
  pairs: ExpectedPair[];
  repeats: ExpectedRepeat[];
}

export const expected: Expected = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'expected.json'), 'utf8')) as Expected;
