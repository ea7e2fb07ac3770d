import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: ESM + CJS + type declarations.
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    // Clean dist/ except the CLI, which the second build (running at the same time) writes.
    clean: ['!cli.js', '!cli.js.map'],
    sourcemap: true,
    target: 'node20',
    splitting: false,
    treeshake: true,
  },
  {
    // The `neardup` executable (package.json "bin"): ESM only; main.ts starts with #!/usr/bin/env node.
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    sourcemap: true,
    target: 'node20',
    splitting: false,
    treeshake: true,
  },
]);
