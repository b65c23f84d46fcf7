import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../../src/playwright/chromium.ts';

// Browser tests of the HTML report, separate from the API suites:
//   npx playwright test -c test/browser/playwright.config.ts
export default defineConfig({
  testDir: '.',
  testMatch: 'report.spec.ts',
  outputDir: '../../test-results/browser',
  timeout: 180_000,
  workers: 1,
  reporter: [[process.env.CI ? 'line' : 'list']],
  use: {
    viewport: { width: 1280, height: 860 },
    launchOptions: chromiumLaunchOptions,
  },
});
