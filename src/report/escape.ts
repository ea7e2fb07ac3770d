/**
 * HTML escaping for untrusted text (article bodies, ids, file names): the five characters that
 * can open markup or end an attribute value.
 */
import { assertString } from '../validate.js';

/** `s` with & < > " ' replaced by entities: safe in element content and quoted attributes. */
export function escapeHtml(s: string): string {
  assertString(s, 'escapeHtml(s)');
  return s.replace(/[&<>"']/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      default:
        return '&#39;';
    }
  });
}

/** An id made safe for an HTML id attribute and URL fragment: letters, digits, - and _ only. */
export function anchorId(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * `url` if it is an absolute http(s) URL, else undefined: only these become links, so a
 * `javascript:` or `data:` URL from a feed is shown as text, never followed.
 */
export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
}
