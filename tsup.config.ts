import { defineConfig } from 'tsup';

// `npm run build` empties dist/ first; the builds run at the same time, so none cleans.
export default defineConfig([
  {
    // ESM: the library, and the CLI's commands (dist/commands.js). Code splitting lets the
    // commands share the library's chunk instead of copying it.
    // scan-worker: the worker thread of addParallel/scanParallel (`neardup scan --jobs N`); the
    // library (ESM and CJS) starts it as ./scan-worker.js beside itself (an ES module, so CJS
    // callers too).
    entry: { index: 'src/index.ts', commands: 'src/cli/commands.ts', 'scan-worker': 'src/parallel/scan-worker.ts' },
    format: ['esm'],
    dts: { entry: { index: 'src/index.ts' } },
    clean: false,
    sourcemap: true,
    target: 'node20',
    splitting: true,
    treeshake: true,
  },
  {
    // CommonJS: the library.
    entry: { index: 'src/index.ts' },
    format: ['cjs'],
    dts: true,
    clean: false,
    sourcemap: true,
    target: 'node20',
    splitting: false,
    treeshake: true,
    shims: true,
  },
  {
    // The `neardup` executable (package.json "bin"): a small CommonJS file — commander and the
    // option table — that imports ./commands.js (the ES module above) when a command runs.
    // main.ts starts with #!/usr/bin/env node.
    entry: { cli: 'src/cli/main.ts' },
    format: ['cjs'],
    external: ['./commands.js'],
    dts: false,
    clean: false,
    sourcemap: true,
    target: 'node20',
    splitting: false,
    treeshake: true,
    shims: true,
  },
]);
