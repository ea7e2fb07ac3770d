/**
 * The page shell of every HTML report: one self-contained document with inline CSS, and a
 * Content-Security-Policy that forbids scripts and network loads, so even a rendering bug could
 * not run article text as code.
 */
import { escapeHtml } from './escape.js';
import { REPORT_CSS } from './style.js';

/** A complete HTML document around `body`. */
export function htmlDocument(title: string, body: string, generator = 'neardup'): string {
  return (
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<meta name="generator" content="${escapeHtml(generator)}">\n` +
    `<title>${escapeHtml(title)}</title>\n<style>${REPORT_CSS}</style>\n</head>\n<body>\n<main>\n${body}\n</main>\n</body>\n</html>\n`
  );
}
