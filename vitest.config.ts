import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// The harness's own tests (`npm test` runs them with coverage). Tests start
// real servers and real load, so timeouts are generous; files run one per core:
// most of a file's time is spent waiting on servers it started, not computing.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    teardownTimeout: 60_000,
    maxWorkers: availableParallelism(),
    maxConcurrency: 3,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
    },
  },
});
