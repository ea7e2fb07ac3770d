import { defineConfig } from 'tsup';

// `npm run build` empties dist/ first; the two builds run at the same time, so neither cleans.
export default defineConfig([
  {
    // ESM: the library and the `neardup` executable (package.json "bin"; main.ts starts with
    // #!/usr/bin/env node). Code splitting puts each CLI command in its own chunk, loaded only
    // when that command runs, and lets the CLI share the library's code instead of copying it.
    entry: { index: 'src/index.ts', cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: { entry: { index: 'src/index.ts' } },
    clean: false,
    sourcemap: true,
    target: 'node20',
    splitting: true,
    treeshake: true,
  },
  {
    // CommonJS: the library only.
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
]);
