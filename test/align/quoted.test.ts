import { describe, expect, it } from 'vitest';
import { quotedShare } from '../../src/align/quoted.js';

const whole = (t: string): number => quotedShare(t, 0, t.length);

describe('quotedShare', () => {
  it('is the share of characters inside double quotation marks (curly, straight, guillemets; unclosed runs to the end)', () => {
    expect(whole('The mayor spoke at noon and then left the hall.')).toBe(0);
    expect(whole('She said: "we will not stop now," and left.')).toBeCloseTo(0.5, 1);
    expect(whole('“Everything,” he said, “is on the table.”')).toBeGreaterThan(0.6);
    expect(whole('«Nous restons» a-t-il dit.')).toBeCloseTo(12 / 26, 2);
    expect(whole('"We did everything we could and more than that')).toBeGreaterThan(0.95);
    expect(whole("It isn’t over, the coach’s assistant said.")).toBe(0); // apostrophes are not quotes
  });

  it('is 1 for an embedded post: its signature line, the passage right above it, a picture link or an @handle line', () => {
    const page = 'Ferry back on Monday!\n\n— Mara Quell (@maraquell) March 4, 2026\n\nThe council met later.';
    const body = page.indexOf('Ferry');
    const sig = page.indexOf('—');
    const after = page.indexOf('The council');
    expect(quotedShare(page, body, body + 'Ferry back on Monday!'.length)).toBe(1);
    expect(quotedShare(page, sig, page.indexOf('2026') + 4)).toBe(1);
    expect(quotedShare(page, after, page.length)).toBe(0);
    expect(whole('Look at this view pic.twitter.com/ab12')).toBe(1);
    expect(whole('A post shared by Mara Quell (@maraquell) on Mar 4, 2026 at 9:12am PST')).toBe(1);
    expect(whole('Contact us by e-mail or on social media.')).toBe(0);
  });
});
