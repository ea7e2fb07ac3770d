/**
 * The page shell of every HTML report: one self-contained document with inline CSS, and a
 * Content-Security-Policy that forbids network loads and every script except, when the page has
 * one, its own inline script, allowed by its SHA-256 hash — so article text, even if a rendering
 * bug let it through as markup, could never run as code.
 */
import { createHash } from 'node:crypto';
import { escapeHtml } from './escape.js';
import { REPORT_CSS } from './style.js';

/** The CSP of a page: no network; inline styles; inline script only by hash. */
export function contentSecurityPolicy(script?: string): string {
  const scriptSrc = script === undefined ? '' : ` script-src 'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}';`;
  return `default-src 'none';${scriptSrc} style-src 'unsafe-inline'; img-src data:`;
}

/** A complete HTML document around `body`; `script` (trusted, constant code) runs at its end. */
export function htmlDocument(title: string, body: string, generator = 'neardup', script?: string): string {
  if (script !== undefined && /<\/script/i.test(script)) throw new Error('an inline script cannot contain </script');
  return (
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n` +
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(script)}">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<meta name="generator" content="${escapeHtml(generator)}">\n` +
    `<title>${escapeHtml(title)}</title>\n<style>${REPORT_CSS}</style>\n</head>\n<body>\n<main>\n${body}\n</main>\n` +
    (script === undefined ? '' : `<script>${script}</script>\n`) +
    `</body>\n</html>\n`
  );
}
