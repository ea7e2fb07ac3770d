/** Writers for bench/results.md (tables, targets, pass/miss marks, notes) and bench/results.json. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CorpusInfo } from './corpus.js';
import type { MachineInfo } from './machine.js';
import type { Row, SectionResult, Table } from './types.js';

export interface SectionRecord {
  readonly name: string;
  readonly status: 'ok' | 'failed' | 'pending';
  /** Wall time of the section, ms. */
  readonly durationMs?: number;
  /** When the section ran (ISO time); sections kept from an earlier run (--only) keep theirs. */
  readonly measuredAt?: string;
  readonly result?: SectionResult;
  /** The error message when failed, or what the section waits for when pending. */
  readonly reason?: string;
}

export interface BenchReport {
  readonly generatedAt: string;
  readonly mode: 'quick' | 'full';
  readonly command: string;
  readonly machine: MachineInfo;
  readonly corpora: readonly CorpusInfo[];
  readonly runs: number;
  readonly gcExposed: boolean;
  readonly totalSeconds: number;
  /** os.loadavg()[0] when the bench started and ended. */
  readonly loadAverage: { readonly start: number; readonly end: number };
  readonly sections: readonly SectionRecord[];
}

/** A number for a table: integers with thin grouping, others with 3 significant digits (min 2 decimals below 1). */
export function fmt(value: number | string): string {
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (Number.isInteger(value) || abs >= 10_000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 1000) return value.toLocaleString('en-US', { maximumFractionDigits: 1 });
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  if (abs === 0) return '0';
  return value.toPrecision(3).replace(/0+$/, '');
}

function cell(s: string | number): string {
  return fmt(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function mark(r: Row): string {
  if (r.pass === undefined) return '';
  return r.pass ? '✅ pass' : '❌ miss';
}

function rowsTable(rows: readonly Row[]): string[] {
  const out = ['| figure | value | unit | target | |', '| --- | ---: | --- | --- | --- |'];
  for (const r of rows) out.push(`| ${cell(r.label)} | ${cell(r.value)} | ${cell(r.unit)} | ${r.target ?? ''} | ${mark(r)} |`);
  return out;
}

function extraTable(t: Table): string[] {
  return [
    `**${t.title}**`,
    '',
    `| ${t.columns.map(cell).join(' | ')} |`,
    `| ${t.columns.map((_, i) => (t.rows.every((r) => typeof r[i] === 'number' || /^[-−–\d.,%\s/×]*(pt)?$/.test(String(r[i]))) ? '---:' : '---')).join(' | ')} |`,
    ...t.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
}

export function toMarkdown(report: BenchReport): string {
  const m = report.machine;
  const lines: string[] = [
    '# neardup benchmark results',
    '',
    `Written by \`${report.command}\` on ${report.generatedAt.slice(0, 10)} (${report.mode} run, ${report.totalSeconds.toFixed(0)} s). Do not edit by hand: rerun the bench.`,
    '',
    `- **Machine:** ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; ${m.os}`,
    `- **Node:** ${m.node} (V8 ${m.v8}); commit ${m.commit}`,
    `- **Load:** 1-minute load average ${report.loadAverage.start.toFixed(2)} at the start, ${report.loadAverage.end.toFixed(2)} at the end (the machine may be shared: absolute rates move with it, same-run ratios much less)`,
    `- **Corpora:** ${report.corpora.length === 0 ? 'none found — the five fixtures stand in, so the figures mean little' : report.corpora.map((c) => `${c.name} (${c.loaded.toLocaleString('en-US')} of ${c.records.toLocaleString('en-US')} docs, mean ${c.meanWords.toFixed(0)} words)`).join('; ')}`,
    `- **Method:** every speed is the median of ${report.runs} timed runs after one warm-up run, with a full \`gc()\` before each run${report.gcExposed ? '' : ' (**gc was not exposed: run with `node --expose-gc`**)'}; peers run in the same process, interleaved with ours run by run. Ratios are ours ÷ peer on the same input.`,
    '',
  ];
  const targeted = report.sections.flatMap((s) => (s.result?.rows ?? []).filter((r) => r.target).map((r) => ({ s, r })));
  if (targeted.length > 0) {
    lines.push('## Targets', '', '| section | figure | value | target | |', '| --- | --- | ---: | --- | --- |');
    for (const { s, r } of targeted) lines.push(`| ${s.name} | ${cell(r.label)} | ${cell(r.value)} ${cell(r.unit)} | ${r.target} | ${mark(r)} |`);
    lines.push('');
  }
  let n = 0;
  for (const s of report.sections) {
    if (s.status === 'pending') continue;
    n++;
    if (s.status === 'failed') {
      lines.push(`## ${n}. ${s.name} — FAILED`, '', '```', s.reason ?? '', '```', '');
      continue;
    }
    const r = s.result!;
    const when = s.measuredAt && s.measuredAt.slice(0, 10) !== report.generatedAt.slice(0, 10) ? `, measured ${s.measuredAt.slice(0, 10)}` : '';
    lines.push(`## ${n}. ${r.title}`, '', `<sub>section \`${s.name}\`, ${((s.durationMs ?? 0) / 1000).toFixed(1)} s${when}</sub>`, '');
    lines.push(...rowsTable(r.rows), '');
    for (const t of r.tables ?? []) lines.push(...extraTable(t), '');
    for (const note of r.notes) lines.push(note, '');
  }
  const pending = report.sections.filter((s) => s.status === 'pending');
  if (pending.length > 0) {
    lines.push('## Sections still to come', '');
    for (const s of pending) lines.push(`- \`${s.name}\`: ${s.reason ?? ''}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** Writes `<base>.md` and `<base>.json` into `dir`; returns their paths. The JSON is re-parsed as a check. */
export function writeReport(dir: string, base: string, report: BenchReport): { md: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const md = join(dir, `${base}.md`);
  const json = join(dir, `${base}.json`);
  const text = JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2);
  JSON.parse(text);
  writeFileSync(json, `${text}\n`);
  writeFileSync(md, toMarkdown(report));
  return { md, json };
}
