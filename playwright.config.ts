import { defineConfig, type ReporterDescription } from '@playwright/test';
import { chromiumLaunchOptions } from './src/playwright/chromium.ts';
import type { TollgateWorkerFixtures } from './src/public/playwright.ts';
import tollgate from './tollgate.config.ts';

// Each tollgate environment is a Playwright project: `npx playwright test --project=staging`.
// `tollgate gate` sets the report folders and the running server through these variables.
const reporter: ReporterDescription[] = [
  [process.env.CI ? 'line' : 'list'],
  ['html', { open: 'never', outputFolder: process.env.PLAYWRIGHT_HTML_OUTPUT_DIR ?? 'playwright-report' }],
];
if (process.env.PLAYWRIGHT_JSON_OUTPUT_NAME) reporter.push(['json', {}]);

export default defineConfig<object, TollgateWorkerFixtures>({
  testDir: 'suites',
  testIgnore: 'vitest/**', // the tollgate/vitest example, run by vitest
  outputDir: process.env.TOLLGATE_PLAYWRIGHT_OUTPUT ?? 'test-results',
  timeout: 60_000,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter,
  use: {
    launchOptions: chromiumLaunchOptions,
  },
  projects: Object.keys(tollgate.environments ?? {}).map((name) => ({ name, use: { tollgateEnv: name } })),
});
