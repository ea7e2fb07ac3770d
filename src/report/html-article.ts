/**
 * How the HTML reports name an article: its title when known (else its id), then source, date,
 * id and a link — the link only for http(s) URLs. All text escaped.
 */
import { escapeHtml, safeUrl } from './escape.js';
import type { ArticleInfo } from './scan-types.js';
import { isoDay } from './why.js';

/** The name of an article in running text: its title, else its id. */
export function displayName(id: string, info: ArticleInfo | undefined): string {
  const title = info?.title?.replace(/\s+/g, ' ').trim();
  return title ? title : id;
}

/** Source · date · id, as plain text (for a subtitle or a tooltip). */
export function articleByline(id: string, info: ArticleInfo | undefined): string {
  const parts: string[] = [];
  if (info?.source) parts.push(info.source);
  if (info?.publishedAt !== undefined) parts.push(isoDay(info.publishedAt));
  if (info?.title) parts.push(id);
  return parts.join(' · ');
}

/** `<b>Title</b> <span class="byline">Source · 2024-06-23 · id · <a>link</a></span>`, escaped. */
export function articleHead(id: string, info: ArticleInfo | undefined): string {
  const byline = articleByline(id, info);
  const url = safeUrl(info?.url);
  const link = url !== undefined ? ` <a class="ext" href="${escapeHtml(url)}" rel="noopener noreferrer nofollow">link</a>` : info?.url ? ` <span class="unsafe-url" title="not linked: only http and https links are followed">${escapeHtml(info.url)}</span>` : '';
  return `<b class="title">${escapeHtml(displayName(id, info))}</b>${byline || link ? ` <span class="byline">${escapeHtml(byline)}${link}</span>` : ''}`;
}
