/**
 * How much of a passage is other people's words — text inside quotation marks, or an embedded
 * social-media post — which independent reports of one event share without copying each other.
 * A heuristic of this library (no paper): quotation marks and the signature lines embedded posts
 * carry on scraped news pages.
 */

/** The signature line under an embedded post: "— Name (@handle) July 15, 2018", "A post shared by Name (@handle)". */
const POST_SIGNATURE = /^\s*(?:[—–-]{1,2}\s*[^\n]{0,80}\(@\w{1,30}\)[^\n]{0,60}\d{4}|A post shared by [^\n]{0,80}\(@[\w.]{1,30}\))/;
/** An embedded post's body: a picture link, or a paragraph that starts with an @handle. */
const PICTURE_LINK = 'pic.twitter.com/';
const HANDLE_START = /^\s*@\w/;

/** Characters after a passage looked at for an embedded post's signature line. */
const LOOKAHEAD = 200;

/**
 * Share in [0, 1] of `text.slice(start, end)` made of other people's words: 1 for an embedded post
 * (its signature line, or the passage right above one, or a picture link / @handle line), else the
 * share of its characters inside double quotation marks (an unclosed quote runs to the end, as a
 * quote continued into the next paragraph does).
 *
 * @example
 * ```ts
 * quotedShare('She said: "we will not stop now," and left.', 0, 44); // ≈ 0.5
 * ```
 */
export function quotedShare(text: string, start: number, end: number): number {
  if (end <= start) return 0;
  if (isPost(text, start, end) || HANDLE_START.test(text.slice(start, Math.min(end, start + 40)))) return 1;
  // searched within the passage only: an indexOf over the rest of the text made compare quadratic
  if (text.slice(start, end).includes(PICTURE_LINK)) return 1;
  let next = end;
  while (next < text.length && next < end + 8 && isSpace(text.charCodeAt(next))) next++;
  if (next > end && isPost(text, next, text.length)) return 1;
  let inside = false;
  let quoted = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) inside = !inside; // "
    else if (c === 0x201c || c === 0xab || c === 0x201e) inside = true; // “ « „
    else if (c === 0x201d || c === 0xbb) inside = false; // ” »
    else if (inside) quoted++;
  }
  return quoted / (end - start);
}

/** True if a post signature line starts at `from` (the regex runs only where "(@" is near). */
function isPost(text: string, from: number, end: number): boolean {
  const window = text.slice(from, Math.min(end, from + LOOKAHEAD));
  return window.includes('(@') && POST_SIGNATURE.test(window);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xa0;
}
