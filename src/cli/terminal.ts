/**
 * Small helpers for human-readable terminal output: bold and dim only on a colour terminal
 * (NO_COLOR honoured), cutting and wrapping text to the terminal width.
 */
import { styleText } from 'node:util';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
}

/** Styles for a stream: colour only on a TTY without NO_COLOR. */
export function styleFor(isTTY: boolean): Style {
  const on = isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
  return {
    bold: (s) => (on ? styleText('bold', s) : s),
    dim: (s) => (on ? styleText('dim', s) : s),
  };
}

/** `s` on one line, cut to `width` characters with an ellipsis. */
export function cut(s: string, width: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  if (chars.length <= width) return flat;
  return `${chars.slice(0, Math.max(1, width - 1)).join('')}…`;
}

/** `s` padded with spaces to `width` characters (cut first if longer). */
export function pad(s: string, width: number): string {
  const c = cut(s, width);
  return c + ' '.repeat(Math.max(0, width - [...c].length));
}

/** `s` wrapped to lines of at most `width` characters, each prefixed by `indent`. */
export function wrap(s: string, width: number, indent = ''): string {
  const words = s.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(indent + line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}
