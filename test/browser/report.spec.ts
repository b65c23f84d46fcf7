import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { writeReports } from '../../src/report/write-reports.ts';
import { fixtureModel } from '../report/fixtures/model.ts';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';
import { runCli } from '../support/run-cli.ts';

/**
 * The HTML report in a real browser, opened from disk: once rendered from the
 * fixture model, once from a real `tollgate gate` run against the albums API
 * with the xss fault (a 500 whose text/html body carries a script).
 */
const repo = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'tg-browser-'));
const reports: Record<'fixture' | 'real', string> = { fixture: '', real: '' };
let api: AlbumsApi | undefined;

test.beforeAll(async () => {
  const fixtureDir = join(work, 'fixture');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(fixtureDir, { recursive: true });
  writeReports(fixtureDir, fixtureModel(), ['html'], {});
  reports.fixture = join(fixtureDir, 'index.html');

  api = await startAlbumsApi({ faults: ['xss'] });
  const realDir = join(work, 'real');
  mkdirSync(realDir, { recursive: true });
  writeFileSync(
    join(realDir, 'tollgate.config.mjs'),
    `export default {
  specs: { albums: ${JSON.stringify(join(repo, 'specs/albums.openapi.yaml'))} },
  loadDir: ${JSON.stringify(join(repo, 'load'))},
  contract: { maxCases: 4, workers: 2 },
  environments: {
    local: {
      baseURL: ${JSON.stringify(api.baseURL)},
      auth: { bearer: { env: 'TG_BROWSER_TOKEN' } },
      stages: ['contract', { load: 'smoke' }],
    },
  },
};
`,
  );
  // A child process, so the gate's console report stays out of npm test's output (shown only on failure).
  const gate = await runCli(['gate', '--env', 'local'], {
    cwd: realDir,
    env: { TG_BROWSER_TOKEN: api.token },
  });
  expect(gate.code, `the xss fault fails the gate:\n${gate.stdout}${gate.stderr}`).toBe(1);
  const id = readFileSync(join(realDir, 'reports', 'latest.txt'), 'utf8').trim();
  reports.real = join(realDir, 'reports', id, 'index.html');
});

test.afterAll(async () => {
  await api?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** Opens a report from disk, recording console errors and every request it makes. */
async function open(page: Page, file: string) {
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(file).href);
  await expect(page.locator('[data-chart][data-drawn="true"]').first()).toBeAttached();
  return { errors, requests };
}

/** Non-blank pixels per chart canvas. */
async function chartInk(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const box of document.querySelectorAll<HTMLElement>('[data-chart]')) {
      const canvas = box.querySelector('canvas');
      if (!canvas) {
        out[box.id] = 0;
        continue;
      }
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let ink = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) ink++;
      out[box.id] = ink;
    }
    return out;
  });
}

for (const kind of ['fixture', 'real'] as const) {
  test.describe(`${kind} report`, () => {
    test('verdict, tables and charts render with no console errors and no network', async ({ page }) => {
      const { errors, requests } = await open(page, reports[kind]);
      await expect(page.locator('.verdict')).toHaveText('FAIL');
      await expect(page.locator('#gate-table tbody tr')).not.toHaveCount(0);
      await expect(page.locator('#operation-table tbody tr')).not.toHaveCount(0);
      await expect(page.locator('#group-table tbody tr')).not.toHaveCount(0);
      const ink = await chartInk(page);
      expect(Object.keys(ink)).toHaveLength(4);
      for (const [chart, pixels] of Object.entries(ink)) expect(pixels, `${chart} drew`).toBeGreaterThan(500);
      expect(errors).toEqual([]);
      expect(requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:'))).toEqual([]);
    });

    test('the malicious body is shown as text and does not run', async ({ page }) => {
      await open(page, reports[kind]);
      const body = page.locator('pre.response-body', { hasText: '<script>window.__xss=1</script>' }).first();
      await expect(body).toBeVisible();
      expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
      expect(await page.locator('main img').count()).toBe(0);
    });

    test('the curl repro has a working copy button', async ({ page, context }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await open(page, reports[kind]);
      const button = page.locator('button.copy').first();
      await button.click();
      await expect(button).toHaveText('Copied');
      const curl = await page.locator('.curl pre').first().textContent();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(curl);
      expect(curl).toMatch(/^curl /);
      await expect(button).toHaveText('Copy curl', { timeout: 5000 });
    });

    test('tables sort by a numeric column, both ways', async ({ page }) => {
      await open(page, reports[kind]);
      const header = page.locator('#operation-table th', { hasText: 'Cases' });
      const cases = async () =>
        (await page.locator('#operation-table tbody tr td:nth-child(2)').allTextContents()).map(
          (t) => Number(t) || -1,
        );
      await header.click();
      const ascending = await cases();
      expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
      await expect(header).toHaveAttribute('aria-sort', 'ascending');
      await header.click();
      const descending = await cases();
      expect(descending).toEqual([...descending].sort((a, b) => b - a));
      expect(descending[0]).toBeGreaterThan(descending.at(-1)!);
    });

    test('filters narrow tables and findings', async ({ page }) => {
      await open(page, reports[kind]);
      const rows = page.locator('#operation-table tbody tr');
      const total = await rows.count();
      await page.locator('input[data-filter-for="operation-table"]').fill('{id}');
      const visible = page.locator('#operation-table tbody tr:visible');
      const shown = await visible.count();
      expect(shown).toBeGreaterThan(0);
      expect(shown).toBeLessThan(total);
      for (const text of await visible.allTextContents()) expect(text).toContain('{id}');

      const all = await page.locator('article.finding').count();
      await page.locator('#finding-check').selectOption('not-a-server-error');
      const kept = page.locator('article.finding:visible');
      expect(await kept.count()).toBeGreaterThan(0);
      expect(await kept.count()).toBeLessThan(all);
      for (const check of await kept.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.check))) {
        expect(check).toBe('not-a-server-error');
      }
      await expect(page.locator('#finding-count')).toHaveText(`${await kept.count()} shown`);
    });
  });
}

// README images: written to docs/ with UPDATE_SCREENSHOTS=1, else to test-results (so a test run leaves the tree clean)
const shots = process.env.UPDATE_SCREENSHOTS ? join(repo, 'docs') : join(repo, 'test-results/browser');

test('screenshots for the README', async ({ page }) => {
  await open(page, reports.real);
  await page.screenshot({ path: join(shots, 'report-top.png') });
  await page.locator('#load').scrollIntoViewIfNeeded();
  await page.locator('#load').screenshot({ path: join(shots, 'report-load.png') });
  await page
    .locator('article.finding[data-check="not-a-server-error"]')
    .first()
    .screenshot({
      path: join(shots, 'report-finding.png'),
    });
});
