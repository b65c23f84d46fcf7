import type { SmokeRequest } from './smoke-requests.ts';
import { importLine, tsLiteral } from './ts-literal.ts';

/**
 * `mts` in a project whose package.json is not `"type": "module"` (a Gin
 * repository's usually is not, or has none): Playwright then loads the files
 * as ES modules, as tollgate's own are. `ts` otherwise.
 */
export type TsExtension = 'ts' | 'mts';

/** suites/fixtures.<ext>: the typed `api` client of the environment under test. */
export function renderFixtures(specName: string): string {
  return [
    importLine('{ paths }', `../specs/generated/${specName}.ts`, 'import type'),
    importLine('{ tollgateTest }', 'tollgate/playwright'),
    '',
    '/** `api` is the typed client for the environment under test; every response is checked against the spec. */',
    'export const test = tollgateTest<paths>();',
    importLine('{ expect }', 'tollgate/playwright', 'export'),
    '',
  ].join('\n');
}

/** suites/functional/smoke.spec.<ext>: one test per smoke read, status as documented. */
export function renderSuite(requests: SmokeRequest[], ext: TsExtension): string {
  const tests = requests.flatMap((r) => {
    const params = {
      ...(Object.keys(r.pathParams).length ? { path: r.pathParams } : {}),
      ...(Object.keys(r.query).length ? { query: r.query } : {}),
    };
    const init = Object.keys(params).length ? `, { params: ${tsLiteral(params)} }` : '';
    return [
      `  test(${tsLiteral(`${r.operation} answers ${r.status}`)}, async ({ api }) => {`,
      `    const { response } = await api.GET(${tsLiteral(r.path)}${init});`,
      `    expect(response.status).toBe(${r.status});`,
      '  });',
    ];
  });
  return [
    importLine('{ expect, test }', `../fixtures.${ext}`),
    '',
    '// Written by `tollgate init`: a start. The fixture checks every answer against the spec;',
    '// add the journeys your users take (create, read, update, delete) here.',
    "test.describe('smoke', () => {",
    ...tests,
    '});',
    '',
  ].join('\n');
}

/** playwright.config.<ext>: one Playwright project per tollgate environment. */
export function renderPlaywrightConfig(ext: TsExtension): string {
  return [
    importLine('{ defineConfig, type ReporterDescription }', '@playwright/test'),
    importLine('{ TollgateWorkerFixtures }', 'tollgate/playwright', 'import type'),
    importLine('tollgate', `./tollgate.config.${ext}`),
    '',
    '// Each tollgate environment is a Playwright project: `npx playwright test --project=staging`.',
    '// `tollgate gate` sets the report folders and the running server through these variables.',
    'const reporter: ReporterDescription[] = [',
    "  [process.env.CI ? 'line' : 'list'],",
    "  ['html', { open: 'never', outputFolder: process.env.PLAYWRIGHT_HTML_OUTPUT_DIR ?? 'playwright-report' }],",
    '];',
    "if (process.env.PLAYWRIGHT_JSON_OUTPUT_NAME) reporter.push(['json', {}]);",
    '',
    'export default defineConfig<object, TollgateWorkerFixtures>({',
    "  testDir: 'suites',",
    "  outputDir: process.env.TOLLGATE_PLAYWRIGHT_OUTPUT ?? 'test-results',",
    '  reporter,',
    '  projects: Object.keys(tollgate.environments ?? {}).map((name) => ({ name, use: { tollgateEnv: name } })),',
    '});',
    '',
  ].join('\n');
}
