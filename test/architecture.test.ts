/**
 * The one-way flow of ../DESIGN (text → sketch → index → align → detect → report → cli): every
 * relative import in src/ goes to its own folder or to a folder this table allows, and no chain of
 * imports (type imports included) leads back to where it started.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../src');

/** What each folder may import besides itself; the shared roots (errors.ts, validate.ts, util/) are open to all. */
const ALLOWED: Record<string, readonly string[]> = {
  util: [],
  text: [],
  sketch: ['text'],
  index: ['sketch', 'text'],
  align: ['text', 'sketch'],
  detect: ['index', 'sketch', 'align', 'text'],
  storage: ['index', 'detect', 'sketch', 'align', 'text'],
  parallel: ['detect', 'index', 'align', 'sketch', 'text', 'report'],
  report: ['align', 'detect', 'text'],
  cli: ['index.ts', 'report'],
  'index.ts': ['*'],
};
const SHARED = new Set(['errors.ts', 'validate.ts', 'util']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Relative imports of a file (static, re-exports, type-only and dynamic), resolved to paths. */
export function importsOf(file: string, text: string): string[] {
  const specs = [
    ...text.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s+'(\.{1,2}\/[^']+)'/gm),
    ...text.matchAll(/^\s*import\s+'(\.{1,2}\/[^']+)'/gm),
    ...text.matchAll(/\bimport\(\s*'(\.{1,2}\/[^']+)'\s*\)/g),
  ].map((m) => m[1]!);
  return specs.map((s) => path.resolve(path.dirname(file), s.replace(/\.js$/, '.ts')));
}

/** The top-level entry of src/ a path belongs to: a folder name, or a root file's name. */
function area(file: string): string {
  return path.relative(SRC, file).split(path.sep)[0]!;
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f, fs.readFileSync(f, 'utf8'))]));

describe('architecture', () => {
  it('reads the imports of src/ (the checks below see real edges)', () => {
    const edges = [...graph.values()].reduce((n, d) => n + d.length, 0);
    expect(files.length).toBeGreaterThan(50);
    expect(edges).toBeGreaterThan(200);
    expect(graph.get(path.join(SRC, 'detect/detector.ts'))).toContain(path.join(SRC, 'index/lsh-index.ts'));
  });

  it('every import goes down the flow of DESIGN.md', () => {
    const backwards: string[] = [];
    for (const [file, deps] of graph) {
      const from = area(file);
      const allowed = ALLOWED[from];
      for (const dep of deps) {
        if (!dep.startsWith(SRC + path.sep)) continue; // package.json
        const to = area(dep);
        if (to === from || SHARED.has(to) || allowed?.includes('*') || allowed?.includes(to)) continue;
        if (from === 'errors.ts' || from === 'validate.ts') continue;
        backwards.push(`${path.relative(SRC, file)} → ${path.relative(SRC, dep)}`);
      }
    }
    expect(backwards).toEqual([]);
  });

  it('no import cycle, type imports included', () => {
    const state = new Map<string, 1 | 2>();
    const stack: string[] = [];
    const cycles: string[] = [];
    const visit = (f: string): void => {
      state.set(f, 1);
      stack.push(f);
      for (const d of graph.get(f) ?? []) {
        if (!graph.has(d)) continue;
        if (state.get(d) === 1) cycles.push([...stack.slice(stack.indexOf(d)), d].map((x) => path.relative(SRC, x)).join(' → '));
        else if (!state.has(d)) visit(d);
      }
      stack.pop();
      state.set(f, 2);
    };
    for (const f of graph.keys()) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('the checks catch a backward import and a cycle', () => {
    const fake = path.join(SRC, 'text/fake.ts');
    expect(importsOf(fake, "import type { Detector } from '../detect/detector.js';\nexport { x } from './y.js';")).toEqual([
      path.join(SRC, 'detect/detector.ts'),
      path.join(SRC, 'text/y.ts'),
    ]);
    expect(ALLOWED[area(fake)]).not.toContain(area(path.join(SRC, 'detect/detector.ts')));
  });
});
