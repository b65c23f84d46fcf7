import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// The harness's own tests (`npm test` runs them with coverage). Tests start
// real servers and real load, so timeouts are generous and files run one per
// spare core, as node's test runner did.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    teardownTimeout: 60_000,
    maxWorkers: Math.max(1, availableParallelism() - 1),
    maxConcurrency: 3,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
    },
  },
});
