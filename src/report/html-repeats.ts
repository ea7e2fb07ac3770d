/**
 * `neardup repeats -o rep.html`: the blocks one article prints twice, as a self-contained page —
 * each block with its first and second print side by side, paragraph by paragraph.
 */
import type { Repeat } from '../align/index.js';
import { splitParagraphs } from '../text/index.js';
import { escapeHtml } from './escape.js';
import { htmlDocument } from './html-document.js';
import { paragraphRange, percent, plural } from './wording.js';

/** The repeated blocks of one article as an HTML page (inline CSS, no script, all text escaped). */
export function renderRepeatsHtml(name: string, text: string, repeats: readonly Repeat[]): string {
  const paragraphs = splitParagraphs(text);
  const title = `${name}: ${plural(repeats.length, 'repeated block')}`;
  const blocks = repeats.map((r, k) => {
    const rows: string[] = [];
    for (let i = 0; i < r.paragraphs; i++) {
      const first = paragraphs[r.first.from + i];
      const second = paragraphs[r.second.from + i];
      if (!first || !second) continue;
      rows.push(
        `<div class="row anchored"><div class="cell a"><div class="para repeated"><div class="pmeta"><span class="pnum">${paragraphRange(first.index)}</span></div><p>${escapeHtml(first.text)}</p></div></div>` +
          `<div class="gutter"><span class="arrow" aria-hidden="true">⟷</span><span>printed again</span></div>` +
          `<div class="cell b"><div class="para repeated"><div class="pmeta"><span class="pnum">${paragraphRange(second.index)}</span></div><p>${escapeHtml(second.text)}</p></div></div></div>`,
      );
    }
    const how = r.similarity === 1 ? 'identical' : `at least ${percent(r.similarity)} same characters`;
    return (
      `<section class="pair" id="repeat-${k + 1}"><h2>${k + 1}. ${paragraphRange(r.second.from, r.second.to)} ${r.paragraphs === 1 ? 'repeats' : 'repeat'} ${paragraphRange(r.first.from, r.first.to)}</h2>` +
      `<p class="lede">${plural(r.paragraphs, 'paragraph')}, ${how}.</p><div class="rows">${rows.join('')}</div></section>`
    );
  });
  const body =
    `<header><h1>${escapeHtml(title)}</h1><p class="lede">${plural(paragraphs.length, 'paragraph')}; paragraphs (¶) counted from 1.</p></header>` +
    (blocks.length ? blocks.join('\n') : `<p class="empty-note">No paragraph is printed twice.</p>`) +
    `<footer>Made by neardup.</footer>`;
  return htmlDocument(title, body);
}
