import { defineConfig } from 'vitest/config';

// The worked example of `tollgate/vitest`: run from the repository root with
// `npx vitest run -c suites/vitest/vitest.config.ts` (TOLLGATE_ENV picks the
// environment of tollgate.config.ts; default local, which builds and starts
// the reference API).
export default defineConfig({
  test: {
    include: ['suites/vitest/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
