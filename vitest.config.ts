import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds dist/ once if it is stale, before any test file runs (test/global-setup.ts).
    globalSetup: ['test/global-setup.ts'],
    // Many files wait on child processes and Redis: two at a time even on 2 cores (vitest's
    // default there is one), which took the suite from 392 s to about 360 s with a bench running beside it.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The JSON report feeds the "N passed, N failed" line that .ci/run prints.
    reporters: ['default', ['json', { outputFile: 'test-artifacts/vitest-results.json' }]],
  },
});
